package io.ccpulse.domain.fact;

import java.time.Instant;
import java.util.Locale;

/**
 * One service-desk ticket as of one of its changes: a new <em>version</em> of the fact is produced by
 * every event (or due time) that changes something reportable, with {@code version} counting up from 1
 * (creation). Stores keep only the newest version of each ticket (an upsert keyed by {@code ticket}, taken
 * only when {@code version} is higher), so writing versions twice or out of order stores the newest
 * once. Reports are computed from the newest versions; tallies replace the contribution of
 * {@link #previous()} by this one's, so sums stay exact when a reopen takes a resolution back.
 *
 * <p>Where each KPI counts (METRICS.md "Service desk"; "in a period" = its time falls in the period):
 * <ul>
 *   <li>created, complaints, escalated, reopened: by {@code createdAt} (the tickets created in the period,
 *       and of those the ones escalated / reopened so far);</li>
 *   <li>first response time = {@code firstResponseAt - createdAt}, by {@code firstResponseAt};</li>
 *   <li>resolution time = {@code resolvedAt - createdAt} of the <em>last</em> resolution, by
 *       {@code resolvedAt}, only while the ticket is resolved (a reopen takes it back);</li>
 *   <li>SLA outcomes by their decision time {@code responseSlaAt} / {@code resolutionSlaAt}.</li>
 * </ul>
 *
 * <p>SLA rules. Response: met when the first {@code ticket.responded} (or, without any response, the
 * resolution) comes at or before {@code firstResponseDue}; breached at the due time otherwise. Resolution:
 * breached as soon as the ticket is open (not resolved) at any moment after {@code resolutionDue} (at the
 * due time, or at a reopen after it); met while resolved at or before the due time, which a reopen before
 * the due time takes back (undecided again). A breach is final. Tickets without a due time have no outcome.
 *
 * @param ticket             the ticket id
 * @param version            1 at creation, +1 with every change
 * @param updatedAt          time of the change that produced this version (event or due time)
 * @param queue              queue at creation (tickets do not move between queues)
 * @param complaint          {@code category} is {@code complaint} (case-insensitive)
 * @param firstResponseDue   from the event, else created + the queue's policy for the priority; null: none
 * @param resolutionDue      same for the resolution
 * @param agent              last assigned agent (else the first responder, else the resolver)
 * @param agentTeam          that agent's team when it became the ticket's agent (null when the agent was unknown
 *                           to the engine or has no team): scorecards of teams count the ticket there
 * @param firstResponseAt    first {@code ticket.responded}, null before
 * @param firstResponseAgent the agent of the first response
 * @param escalations        {@code ticket.escalated} events so far
 * @param level              highest escalation level given, null when none
 * @param firstEscalatedAt   first escalation
 * @param resolvedAt         the last resolution while the ticket is resolved; null while open
 * @param resolvedBy         the resolving agent (the event's, else the assigned one) while resolved
 * @param resolutions        {@code ticket.resolved} events applied so far
 * @param reopens            {@code ticket.reopened} events applied so far
 * @param firstReopenedAt    first reopen
 * @param responseSla        response SLA outcome, null while undecided or without due time
 * @param responseSlaAt      when it was decided (response time, resolution time or due time)
 * @param resolutionSla      resolution SLA outcome, null while undecided or without due time
 * @param resolutionSlaAt    when it was decided (resolution time, due time or reopen time)
 * @param previous           the version this one replaces, without its own previous; null for version 1
 */
public record TicketFact(
        String ticket,
        int version,
        Instant updatedAt,
        String queue,
        String priority,
        String category,
        String customer,
        Instant createdAt,
        Instant firstResponseDue,
        Instant resolutionDue,
        String agent,
        String agentTeam,
        Instant firstResponseAt,
        String firstResponseAgent,
        int escalations,
        Integer level,
        Instant firstEscalatedAt,
        Instant resolvedAt,
        String resolvedBy,
        int resolutions,
        int reopens,
        Instant firstReopenedAt,
        SlaStatus responseSla,
        Instant responseSlaAt,
        SlaStatus resolutionSla,
        Instant resolutionSlaAt,
        TicketFact previous) implements Fact {

    public TicketFact {
        if (previous != null && previous.previous() != null) {
            previous = previous.withoutPrevious();
        }
    }

    /** This version with {@code previous} dropped. */
    public TicketFact withoutPrevious() {
        return previous == null ? this : new TicketFact(ticket, version, updatedAt, queue, priority, category,
                customer, createdAt, firstResponseDue, resolutionDue, agent, agentTeam, firstResponseAt,
                firstResponseAgent,
                escalations, level, firstEscalatedAt, resolvedAt, resolvedBy, resolutions, reopens, firstReopenedAt,
                responseSla, responseSlaAt, resolutionSla, resolutionSlaAt, null);
    }

    /** {@code ticket/version}: unique per version. Stores key the row by {@link #ticket()} alone. */
    @Override
    public String key() {
        return ticket + "/" + version;
    }

    /** The time of the change ({@link #updatedAt()}); each KPI has its own time, see the class comment. */
    @Override
    public Instant time() {
        return updatedAt;
    }

    /** Category {@code complaint}, case-insensitive (EVENTS.md). */
    public boolean complaint() {
        return category != null && category.trim().toLowerCase(Locale.ROOT).equals("complaint");
    }

    /** Not resolved now. */
    public boolean open() {
        return resolvedAt == null;
    }

    /** Escalated at least once. */
    public boolean escalated() {
        return escalations > 0;
    }

    /** Reopened at least once. */
    public boolean reopened() {
        return reopens > 0;
    }

    /** Open, still waiting for a first response (not met by a resolution), and past its due time at {@code now}. */
    public boolean responseOverdue(Instant now) {
        return open() && firstResponseAt == null && responseSla != SlaStatus.MET && firstResponseDue != null
                && firstResponseDue.isBefore(now);
    }

    /** Open and past its resolution due time at {@code now}. */
    public boolean resolutionOverdue(Instant now) {
        return open() && resolutionDue != null && resolutionDue.isBefore(now);
    }
}
