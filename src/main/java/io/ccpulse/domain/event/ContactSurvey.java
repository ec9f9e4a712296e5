package io.ccpulse.domain.event;

import java.time.Instant;

/** Post-contact survey; at least one of csat (1..5) and nps (0..10) is set. */
public record ContactSurvey(String id, Instant time, String contact, Integer csat, Integer nps) implements Event {
    @Override
    public EventType type() {
        return EventType.CONTACT_SURVEY;
    }
}
