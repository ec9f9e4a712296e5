package io.ccpulse.domain.event;

import java.time.Instant;

/**
 * One event of the public contract v1 (EVENTS.md). Every permitted record carries the envelope
 * ({@link #id()}, {@link #time()}) and knows its {@link EventType}. Records are validated at the
 * edge (ingest); inside the domain every non-optional field is non-null.
 */
public sealed interface Event
        permits AgentLogin,
                AgentStatus,
                AgentLogout,
                ContactQueued,
                ContactOffered,
                ContactMissed,
                ContactAnswered,
                ContactHeld,
                ContactResumed,
                ContactMessage,
                ContactTransferred,
                ContactEnded,
                ContactAbandoned,
                ContactWrapped,
                ContactBlocked,
                ContactDialed,
                ContactSurvey,
                TicketCreated,
                TicketAssigned,
                TicketResponded,
                TicketEscalated,
                TicketResolved,
                TicketReopened {

    /** Unique event id, the deduplication key. */
    String id();

    /** When it happened at the source, millisecond precision. */
    Instant time();

    EventType type();

    /** The order in which events are applied: time, then the contract's type order, then id. */
    java.util.Comparator<Event> ORDER = java.util.Comparator.comparing(Event::time)
            .thenComparingInt((Event e) -> e.type().rank())
            .thenComparing(Event::id);
}
