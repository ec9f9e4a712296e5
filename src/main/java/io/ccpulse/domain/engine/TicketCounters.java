package io.ccpulse.domain.engine;

import io.ccpulse.domain.fact.SlaStatus;
import io.ccpulse.domain.fact.TicketFact;

/** Cumulative ticket counters of one queue since start, over final ticket versions only (never decrease). */
final class TicketCounters {
    long created;
    long firstResponses;
    long resolutions;
    long reopens;
    long escalations;
    long responseBreaches;
    long resolutionBreaches;

    /** Counts what changed from the previous version to this one. */
    void add(TicketFact f) {
        TicketFact p = f.previous();
        if (p == null) {
            created++;
        }
        if (f.firstResponseAt() != null && (p == null || p.firstResponseAt() == null)) {
            firstResponses++;
        }
        resolutions += f.resolutions() - (p == null ? 0 : p.resolutions());
        reopens += f.reopens() - (p == null ? 0 : p.reopens());
        escalations += f.escalations() - (p == null ? 0 : p.escalations());
        if (f.responseSla() == SlaStatus.BREACHED && (p == null || p.responseSla() != SlaStatus.BREACHED)) {
            responseBreaches++;
        }
        if (f.resolutionSla() == SlaStatus.BREACHED && (p == null || p.resolutionSla() != SlaStatus.BREACHED)) {
            resolutionBreaches++;
        }
    }

    TicketTotals toRecord(String queue) {
        return new TicketTotals(queue, created, firstResponses, resolutions, reopens, escalations, responseBreaches,
                resolutionBreaches);
    }
}
