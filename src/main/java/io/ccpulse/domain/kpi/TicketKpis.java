package io.ccpulse.domain.kpi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The service-desk KPIs of METRICS.md ("Service desk (tickets)") computed from a {@link TicketTally}
 * of a queue (or a team, an agent) and period. Durations in seconds, ratios 0..1, null where the
 * denominator is 0. Which tickets count where: see {@link io.ccpulse.domain.fact.TicketFact}.
 *
 * @param created              tickets created in the period
 * @param responded            first responses in the period
 * @param firstResponseAvgS    sum(first responded - created) / responded
 * @param resolved             tickets whose last resolution is in the period (and still resolved)
 * @param resolutionAvgS       sum(last resolved - created) / resolved
 * @param responseSlaCounted   tickets whose response SLA was decided in the period (met + breached)
 * @param responseSlaBreached  of those, breached
 * @param responseBreachRate   breached / counted
 * @param resolutionSlaCounted tickets whose resolution SLA was decided in the period
 * @param resolutionSlaBreached of those, breached
 * @param resolutionBreachRate breached / counted
 * @param escalated            tickets created in the period and escalated (so far)
 * @param escalationRate       escalated / created
 * @param reopened             tickets created in the period and reopened (so far)
 * @param reopenRate           reopened / created
 * @param complaints           tickets created in the period with category complaint
 * @param inboundContacts      inbound contacts of the same scope and period (contacts that ended in it)
 * @param complaintRate        complaints / (inbound contacts + created)
 */
public record TicketKpis(
        long created,
        long responded,
        Double firstResponseAvgS,
        long resolved,
        Double resolutionAvgS,
        long responseSlaCounted,
        long responseSlaBreached,
        Double responseBreachRate,
        long resolutionSlaCounted,
        long resolutionSlaBreached,
        Double resolutionBreachRate,
        long escalated,
        Double escalationRate,
        long reopened,
        Double reopenRate,
        long complaints,
        long inboundContacts,
        Double complaintRate) {

    /** KPI keys of {@link #toMap()} that are ratios or durations (the ones a target can be given for). */
    public static final java.util.List<String> RATES = java.util.List.of("first_response_avg_s", "resolution_avg_s",
            "response_breach_rate", "resolution_breach_rate", "escalation_rate", "reopen_rate", "complaint_rate");

    /**
     * @param inboundContacts inbound contacts of the same scope and period (the complaint rate's other
     *                        denominator); 0 when there are none or they do not apply
     */
    public static TicketKpis of(TicketTally t, long inboundContacts) {
        if (inboundContacts < 0) {
            throw new IllegalArgumentException("inbound contacts must be >= 0, was " + inboundContacts);
        }
        long responseCounted = t.responseMet() + t.responseBreached();
        long resolutionCounted = t.resolutionMet() + t.resolutionBreached();
        return new TicketKpis(
                t.created(),
                t.responded(),
                Ratios.avgSeconds(t.firstResponseMs(), t.responded()),
                t.resolved(),
                Ratios.avgSeconds(t.resolutionMs(), t.resolved()),
                responseCounted,
                t.responseBreached(),
                Ratios.ratio(t.responseBreached(), responseCounted),
                resolutionCounted,
                t.resolutionBreached(),
                Ratios.ratio(t.resolutionBreached(), resolutionCounted),
                t.escalated(),
                Ratios.ratio(t.escalated(), t.created()),
                t.reopened(),
                Ratios.ratio(t.reopened(), t.created()),
                t.complaints(),
                inboundContacts,
                Ratios.ratio(t.complaints(), inboundContacts + t.created()));
    }

    /** The ticket KPI object with snake_case keys; null values kept. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("created", created);
        m.put("responded", responded);
        m.put("first_response_avg_s", firstResponseAvgS);
        m.put("resolved", resolved);
        m.put("resolution_avg_s", resolutionAvgS);
        m.put("response_sla_counted", responseSlaCounted);
        m.put("response_sla_breached", responseSlaBreached);
        m.put("response_breach_rate", responseBreachRate);
        m.put("resolution_sla_counted", resolutionSlaCounted);
        m.put("resolution_sla_breached", resolutionSlaBreached);
        m.put("resolution_breach_rate", resolutionBreachRate);
        m.put("escalated", escalated);
        m.put("escalation_rate", escalationRate);
        m.put("reopened", reopened);
        m.put("reopen_rate", reopenRate);
        m.put("complaints", complaints);
        m.put("inbound_contacts", inboundContacts);
        m.put("complaint_rate", complaintRate);
        return Collections.unmodifiableMap(m);
    }
}
