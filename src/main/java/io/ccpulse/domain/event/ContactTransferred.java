package io.ccpulse.domain.event;

import java.time.Instant;

/** Agent hands the contact on; toQueue / toAgent may be null. */
public record ContactTransferred(String id, Instant time, String contact, String agent, String toQueue, String toAgent) implements Event {
    @Override
    public EventType type() {
        return EventType.CONTACT_TRANSFERRED;
    }
}
