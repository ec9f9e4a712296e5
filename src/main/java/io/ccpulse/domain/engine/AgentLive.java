package io.ccpulse.domain.engine;

import io.ccpulse.domain.fact.AgentState;
import io.ccpulse.domain.kpi.AgentKpis;
import io.ccpulse.domain.kpi.AgentTally;
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
 */
public record AgentLive(String agent, String name, String team, List<String> queues, AgentState state,
                        Instant since, String reason, List<String> contacts, AgentTally today) {

    public AgentLive {
        queues = List.copyOf(queues);
        contacts = List.copyOf(contacts);
    }

    /** The agent KPI object of today (DESIGN.md), with the configured hourly cost ({@code Settings.hourlyCost}). */
    public AgentKpis todayKpis(double hourlyCost) {
        return AgentKpis.of(today, hourlyCost);
    }
}
