package io.ccpulse.domain.fact;

import java.time.Instant;

/**
 * A finished, final fact derived from events. Facts are what history is built from: they are
 * stored in TimescaleDB and rolled up into 15-minute intervals. Every fact has a deterministic
 * {@link #key()}, so that writing the same fact twice (replay after a restart) stores it once.
 */
public sealed interface Fact permits QueueVisit, HandleSegment, AgentStateSpan, SurveyFact, ContactFact,
        TicketFact {

    /** Deterministic identity: the same events always produce the same key. */
    String key();

    /** The time that places the fact in an interval (METRICS.md "Interval"). */
    Instant time();
}
