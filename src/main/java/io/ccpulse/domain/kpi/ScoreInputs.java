package io.ccpulse.domain.kpi;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The KPI values an agent or team is scored on: the agent KPI object ({@link AgentKpis#toMap()}) plus
 * {@code asa_s}, {@code frt_avg_s}, {@code response_speed_s} ({@link ResponseTally}), the ticket KPIs of the
 * tickets whose agent it is ({@link TicketKpis#toMap()}), and {@code complaint_escalation_rate}: complaint
 * tickets / (inbound contacts handled + tickets), the complaint rate of METRICS.md over the agent's own
 * contacts and tickets.
 */
public final class ScoreInputs {

    private ScoreInputs() {
    }

    public static Map<String, Object> of(AgentTally agent, ResponseTally responses, TicketTally tickets,
                                         double hourlyCost) {
        return of(AgentKpis.of(agent, hourlyCost), agent.segments() - agent.outboundSegments(), responses, tickets);
    }

    /** From summed roll-ups (reports). */
    public static Map<String, Object> of(AgentSums sums, ResponseTally responses, TicketTally tickets,
                                         double hourlyCost) {
        return of(AgentKpis.fromSums(sums, hourlyCost), sums.segments() - sums.outboundSegments(), responses, tickets);
    }

    /**
     * @param inboundHandled inbound handle segments (the contacts part of the complaint escalation rate)
     */
    public static Map<String, Object> of(AgentKpis agent, long inboundHandled, ResponseTally responses,
                                         TicketTally tickets) {
        Map<String, Object> m = new LinkedHashMap<>(agent.toMap());
        m.put("asa_s", responses.asaS());
        m.put("frt_avg_s", responses.frtAvgS());
        m.put("response_speed_s", responses.responseSpeedS());
        long inbound = Math.max(0, inboundHandled);
        TicketKpis k = TicketKpis.of(tickets, inbound);
        m.putAll(k.toMap());
        m.put(Scorecard.COMPLAINT_ESCALATION_RATE, k.complaintRate());
        return m;
    }
}
