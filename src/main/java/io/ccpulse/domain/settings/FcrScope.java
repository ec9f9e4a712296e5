package io.ccpulse.domain.settings;

import io.ccpulse.domain.event.WireEnum;
import java.util.Locale;

/** Where a repeat contact counts against first-contact resolution. */
public enum FcrScope implements WireEnum {
    /** A repeat contact in any queue (the default). */
    ANY_QUEUE,
    /** Only a repeat contact in the same entry queue. */
    SAME_QUEUE;

    @Override
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
