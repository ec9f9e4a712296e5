package io.ccpulse.domain.engine;

import io.ccpulse.domain.fact.AgentState;

/** Agent time in one state for one team since start, in milliseconds (team null: agents without a team). */
public record AgentStateTotal(String team, AgentState state, long ms) {
}
