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
 * @param firstResponseMs first response time (METRICS.md): first agent contact.message minus the first
 *                    contact.queued, in ms; null when the contact had no agent message, was never queued,
 *                    or is a voice contact. Counted for the entry queue, in the interval of {@link #time()}.
 */
public record ContactFact(String contact, String customer, Direction direction, Channel channel, String entryQueue,
                          Instant startedAt, Instant endedAt, boolean answered, String firstAgent, String firstTeam,
                          Boolean lastResolved, Long firstResponseMs) implements Fact {

    /** A contact without a first response time (firstResponseMs null). */
    public ContactFact(String contact, String customer, Direction direction, Channel channel, String entryQueue,
                       Instant startedAt, Instant endedAt, boolean answered, String firstAgent, String firstTeam,
                       Boolean lastResolved) {
        this(contact, customer, direction, channel, entryQueue, startedAt, endedAt, answered, firstAgent, firstTeam,
                lastResolved, null);
    }

    @Override
    public String key() {
        return contact;
    }

    @Override
    public Instant time() {
        return endedAt;
    }
}
