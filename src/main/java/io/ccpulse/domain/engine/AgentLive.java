package io.ccpulse.domain.engine;

import io.ccpulse.domain.fact.AgentState;
import io.ccpulse.domain.kpi.AgentKpis;
import io.ccpulse.domain.kpi.AgentTally;
import io.ccpulse.domain.kpi.ResponseTally;
import io.ccpulse.domain.kpi.ScoreInputs;
import io.ccpulse.domain.kpi.TicketTally;
import java.time.Instant;
import java.util.List;

/**
 * One agent, live.
 *
 * @param state    current state (OFFLINE when logged out)
 * @param since    start of the current state (the logout time when offline)
 * @param reason   away reason (null unless away, or when none was given)
 * @param contacts contacts connected now, in answer order
 * @param today    the local day of {@code now}: state time (open span up to {@code now}, split at
 *                 midnight), segments by ACW end, surveys
 * @param responses today's answers (visit waits) and first responses of the agent (response speed)
 * @param tickets  today's tally of the tickets whose agent (assigned, else first responder or resolver) it is
 */
public record AgentLive(String agent, String name, String team, List<String> queues, AgentState state,
                        Instant since, String reason, List<String> contacts, AgentTally today,
                        ResponseTally responses, TicketTally tickets) {

    public AgentLive {
        queues = List.copyOf(queues);
        contacts = List.copyOf(contacts);
    }

    /** The agent KPI object of today (DESIGN.md), with the configured hourly cost ({@code Settings.hourlyCost}). */
    public AgentKpis todayKpis(double hourlyCost) {
        return AgentKpis.of(today, hourlyCost);
    }

    /** Today's values of every KPI a scorecard can name for this agent ({@link ScoreInputs}). */
    public java.util.Map<String, Object> todayScoreInputs(double hourlyCost) {
        return ScoreInputs.of(today, responses, tickets, hourlyCost);
    }
}
