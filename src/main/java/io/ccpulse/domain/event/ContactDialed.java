package io.ccpulse.domain.event;

import java.time.Instant;

/** An outbound contact started by an agent; queue and customer may be null. */
public record ContactDialed(String id, Instant time, String contact, String agent, Channel channel, String queue, String customer) implements Event {
    @Override
    public EventType type() {
        return EventType.CONTACT_DIALED;
    }
}
