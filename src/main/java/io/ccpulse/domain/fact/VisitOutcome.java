package io.ccpulse.domain.fact;

import io.ccpulse.domain.event.WireEnum;
import java.util.Locale;

/** How a queue visit ended. */
public enum VisitOutcome implements WireEnum {
    ANSWERED,
    /** contact.abandoned, or contact.ended while queued. Short or not is decided at report time from the wait. */
    ABANDONED,
    /** Left the queue unanswered by a transfer to another queue or agent. */
    FLOWED_OUT,
    /** contact.blocked: refused at the door; not part of "offered". */
    BLOCKED;

    @Override
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
