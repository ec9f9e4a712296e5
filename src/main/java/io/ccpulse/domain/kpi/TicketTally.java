package io.ccpulse.domain.kpi;

import io.ccpulse.domain.fact.SlaStatus;
import io.ccpulse.domain.fact.TicketFact;
import java.time.Instant;

/**
 * Additive counts and sums of service-desk tickets over a time range [from, to), built from
 * {@link TicketFact} versions: each version's contribution replaces that of the version before it
 * ({@link TicketFact#previous()}), so that a tally fed with every version of a ticket, in order, holds
 * the contribution of the newest one only. Tallies of disjoint ranges {@link #merge merge} exactly.
 *
 * <p>Where a ticket counts (see {@link TicketFact}): created, complaints, escalated and reopened by
 * creation time; first responses by first response time; resolutions (the last one, while resolved)
 * by resolution time; SLA outcomes by decision time.
 *
 * <p>Mutable, owned by one thread; publish a {@link #copy()}.
 */
public final class TicketTally {

    private long created;
    private long complaints;
    private long escalated;
    private long reopened;
    private long responded;
    private long firstResponseMs;
    private long resolved;
    private long resolutionMs;
    private long responseMet;
    private long responseBreached;
    private long resolutionMet;
    private long resolutionBreached;

    public TicketTally() {
    }

    /** A tally from stored sums (reports), in the order of the accessors. */
    public static TicketTally of(long created, long complaints, long escalated, long reopened, long responded,
                                 long firstResponseMs, long resolved, long resolutionMs, long responseMet,
                                 long responseBreached, long resolutionMet, long resolutionBreached) {
        TicketTally t = new TicketTally();
        t.created = created;
        t.complaints = complaints;
        t.escalated = escalated;
        t.reopened = reopened;
        t.responded = responded;
        t.firstResponseMs = firstResponseMs;
        t.resolved = resolved;
        t.resolutionMs = resolutionMs;
        t.responseMet = responseMet;
        t.responseBreached = responseBreached;
        t.resolutionMet = resolutionMet;
        t.resolutionBreached = resolutionBreached;
        return t;
    }

    public TicketTally copy() {
        TicketTally t = new TicketTally();
        t.merge(this);
        return t;
    }

    /** Adds another tally (of a disjoint range). */
    public TicketTally merge(TicketTally o) {
        created += o.created;
        complaints += o.complaints;
        escalated += o.escalated;
        reopened += o.reopened;
        responded += o.responded;
        firstResponseMs += o.firstResponseMs;
        resolved += o.resolved;
        resolutionMs += o.resolutionMs;
        responseMet += o.responseMet;
        responseBreached += o.responseBreached;
        resolutionMet += o.resolutionMet;
        resolutionBreached += o.resolutionBreached;
        return this;
    }

    /**
     * Replaces the contribution of {@code f.previous()} with that of {@code f}, for the parts whose time
     * lies in [fromMs, toMs).
     *
     * @return this
     */
    public TicketTally add(TicketFact f, long fromMs, long toMs) {
        if (f.previous() != null) {
            apply(f.previous(), -1, fromMs, toMs);
        }
        apply(f, 1, fromMs, toMs);
        return this;
    }

    /** Adds the contribution of one version as if it were the only one (stored newest versions, tests). */
    public TicketTally addNewest(TicketFact f, long fromMs, long toMs) {
        apply(f, 1, fromMs, toMs);
        return this;
    }

    /** Takes the contribution of one version back (the ticket moved to another agent's tally). */
    public TicketTally remove(TicketFact f, long fromMs, long toMs) {
        apply(f, -1, fromMs, toMs);
        return this;
    }

    /** Whether any time of {@code f} or of its previous version that a tally uses lies in [fromMs, toMs). */
    public static boolean touches(TicketFact f, long fromMs, long toMs) {
        return touchesOne(f, fromMs, toMs) || (f.previous() != null && touchesOne(f.previous(), fromMs, toMs));
    }

    private static boolean touchesOne(TicketFact f, long from, long to) {
        return in(f.createdAt(), from, to) || in(f.firstResponseAt(), from, to) || in(f.resolvedAt(), from, to)
                || in(f.responseSlaAt(), from, to) || in(f.resolutionSlaAt(), from, to);
    }

    private void apply(TicketFact f, int sign, long from, long to) {
        if (in(f.createdAt(), from, to)) {
            created += sign;
            if (f.complaint()) {
                complaints += sign;
            }
            if (f.escalated()) {
                escalated += sign;
            }
            if (f.reopened()) {
                reopened += sign;
            }
        }
        if (in(f.firstResponseAt(), from, to)) {
            responded += sign;
            firstResponseMs += sign * (f.firstResponseAt().toEpochMilli() - f.createdAt().toEpochMilli());
        }
        if (in(f.resolvedAt(), from, to)) {
            resolved += sign;
            resolutionMs += sign * (f.resolvedAt().toEpochMilli() - f.createdAt().toEpochMilli());
        }
        if (f.responseSla() != null && in(f.responseSlaAt(), from, to)) {
            if (f.responseSla() == SlaStatus.MET) {
                responseMet += sign;
            } else {
                responseBreached += sign;
            }
        }
        if (f.resolutionSla() != null && in(f.resolutionSlaAt(), from, to)) {
            if (f.resolutionSla() == SlaStatus.MET) {
                resolutionMet += sign;
            } else {
                resolutionBreached += sign;
            }
        }
    }

    private static boolean in(Instant t, long from, long to) {
        if (t == null) {
            return false;
        }
        long ms = t.toEpochMilli();
        return ms >= from && ms < to;
    }

    /** Tickets created. */
    public long created() {
        return created;
    }

    /** Tickets created with category complaint. */
    public long complaints() {
        return complaints;
    }

    /** Tickets created that were escalated at least once (so far). */
    public long escalated() {
        return escalated;
    }

    /** Tickets created that were reopened at least once (so far). */
    public long reopened() {
        return reopened;
    }

    /** First responses. */
    public long responded() {
        return responded;
    }

    /** Sum of first response times, ms. */
    public long firstResponseMs() {
        return firstResponseMs;
    }

    /** Tickets resolved (last resolution, still resolved). */
    public long resolved() {
        return resolved;
    }

    /** Sum of resolution times (last resolution - created), ms. */
    public long resolutionMs() {
        return resolutionMs;
    }

    public long responseMet() {
        return responseMet;
    }

    public long responseBreached() {
        return responseBreached;
    }

    public long resolutionMet() {
        return resolutionMet;
    }

    public long resolutionBreached() {
        return resolutionBreached;
    }

    @Override
    public String toString() {
        return "TicketTally{created=" + created + ", complaints=" + complaints + ", escalated=" + escalated
                + ", reopened=" + reopened + ", responded=" + responded + ", firstResponseMs=" + firstResponseMs
                + ", resolved=" + resolved + ", resolutionMs=" + resolutionMs + ", responseMet=" + responseMet
                + ", responseBreached=" + responseBreached + ", resolutionMet=" + resolutionMet
                + ", resolutionBreached=" + resolutionBreached + "}";
    }
}
