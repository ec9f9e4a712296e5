package io.ccpulse.domain.fact;

import io.ccpulse.domain.event.Channel;
import io.ccpulse.domain.event.Direction;
import java.time.Instant;

/**
 * One whole contact, written once it is over (ended and its last segment's ACW finished, or
 * abandoned / blocked). The input of FCR and complaint rate.
 *
 * @param startedAt   first contact.queued (or contact.dialed / contact.blocked)
 * @param endedAt     contact.ended / abandoned / blocked time
 * @param entryQueue  the first queue
 * @param answered    at least one agent answered
 * @param firstAgent  the first answering agent (null if never answered); FCR belongs to it
 * @param lastResolved the resolved flag of the last wrap that carried one (null when none)
 */
public record ContactFact(String contact, String customer, Direction direction, Channel channel, String entryQueue,
                          Instant startedAt, Instant endedAt, boolean answered, String firstAgent, String firstTeam,
                          Boolean lastResolved) implements Fact {

    @Override
    public String key() {
        return contact;
    }

    @Override
    public Instant time() {
        return endedAt;
    }
}
