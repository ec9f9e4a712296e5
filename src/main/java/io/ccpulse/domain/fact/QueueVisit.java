package io.ccpulse.domain.fact;

import io.ccpulse.domain.event.Channel;
import io.ccpulse.domain.event.Direction;
import java.time.Instant;

/**
 * A contact's stay in one queue, from contact.queued to answered, abandoned, flow-out; or a
 * blocked contact (queuedAt == leftAt, wait 0). Counted in the interval in which it left the queue.
 *
 * @param seq    1-based number of this visit within the contact
 * @param agent  the answering agent, null unless answered
 * @param waitMs leftAt - queuedAt in milliseconds
 */
public record QueueVisit(String contact, int seq, String queue, Channel channel, Direction direction, String customer,
                         String priority, Instant queuedAt, Instant leftAt, long waitMs, VisitOutcome outcome,
                         String agent) implements Fact {

    @Override
    public String key() {
        return contact + "/" + seq;
    }

    @Override
    public Instant time() {
        return leftAt;
    }
}
