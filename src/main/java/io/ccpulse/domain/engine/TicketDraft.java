package io.ccpulse.domain.engine;

import io.ccpulse.domain.fact.SlaStatus;
import io.ccpulse.domain.fact.TicketFact;
import java.time.Instant;

/** A mutable copy of a {@link TicketFact} for building its next version. */
final class TicketDraft {
    private final TicketFact base;
    String agent;
    String agentTeam;
    Instant firstResponseAt;
    String firstResponseAgent;
    int escalations;
    Integer level;
    Instant firstEscalatedAt;
    Instant resolvedAt;
    String resolvedBy;
    int resolutions;
    int reopens;
    Instant firstReopenedAt;
    SlaStatus responseSla;
    Instant responseSlaAt;
    SlaStatus resolutionSla;
    Instant resolutionSlaAt;

    TicketDraft(TicketFact f) {
        base = f;
        agent = f.agent();
        agentTeam = f.agentTeam();
        firstResponseAt = f.firstResponseAt();
        firstResponseAgent = f.firstResponseAgent();
        escalations = f.escalations();
        level = f.level();
        firstEscalatedAt = f.firstEscalatedAt();
        resolvedAt = f.resolvedAt();
        resolvedBy = f.resolvedBy();
        resolutions = f.resolutions();
        reopens = f.reopens();
        firstReopenedAt = f.firstReopenedAt();
        responseSla = f.responseSla();
        responseSlaAt = f.responseSlaAt();
        resolutionSla = f.resolutionSla();
        resolutionSlaAt = f.resolutionSlaAt();
    }

    /** The next version, changed at {@code at}; its previous is the base. */
    TicketFact next(Instant at) {
        TicketFact b = base;
        return new TicketFact(b.ticket(), b.version() + 1, at, b.queue(), b.priority(), b.category(), b.customer(),
                b.createdAt(), b.firstResponseDue(), b.resolutionDue(), agent, agentTeam, firstResponseAt, firstResponseAgent,
                escalations, level, firstEscalatedAt, resolvedAt, resolvedBy, resolutions, reopens, firstReopenedAt,
                responseSla, responseSlaAt, resolutionSla, resolutionSlaAt, b.withoutPrevious());
    }
}
