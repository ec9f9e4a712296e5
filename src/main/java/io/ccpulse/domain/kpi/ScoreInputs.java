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
        Map<String, Object> m = new LinkedHashMap<>(AgentKpis.of(agent, hourlyCost).toMap());
        m.put("asa_s", responses.asaS());
        m.put("frt_avg_s", responses.frtAvgS());
        m.put("response_speed_s", responses.responseSpeedS());
        long inbound = Math.max(0, agent.segments() - agent.outboundSegments());
        TicketKpis k = TicketKpis.of(tickets, inbound);
        m.putAll(k.toMap());
        m.put(Scorecard.COMPLAINT_ESCALATION_RATE, k.complaintRate());
        return m;
    }
}
