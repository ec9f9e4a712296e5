package io.ccpulse.domain.engine;

import io.ccpulse.domain.fact.AgentState;
import java.util.Map;

/** Logged-in agents of a team by state (all five staffed states present). team is null for agents without a team. */
public record TeamLive(String team, Map<AgentState, Integer> agents) {

    public TeamLive {
        agents = LiveSnapshot.states(agents);
    }
}
