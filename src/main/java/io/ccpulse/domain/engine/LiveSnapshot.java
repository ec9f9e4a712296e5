package io.ccpulse.domain.engine;

import io.ccpulse.domain.fact.AgentState;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The live state published by the engine thread to readers (REST, SSE, gauges). Immutable: lists and
 * maps are unmodifiable, and the tallies inside are copies made for this snapshot only (readers must not
 * mutate them).
 *
 * @param generatedAt     the {@code now} it was taken at (ages are computed from it)
 * @param newestEventTime the newest event time seen (null before the first event)
 * @param watermark       newest event time - allowed lateness: older events are late (null before the first event)
 * @param queues          per queue and channel, sorted by queue then channel; every pair that has a
 *                        waiting contact, a fact today or in the last 15 minutes, or a cumulative counter
 * @param agentsByQueue   per queue (of the agents' login queues, and every queue in {@code queues}): logged-in
 *                        agents by state, the five states always present
 * @param agents          every agent seen, sorted by id (offline ones with state OFFLINE)
 * @param teams           per team: logged-in agents by state (team null for agents without one)
 * @param tickets         per queue with open tickets, tickets today or ticket counters: tickets live, sorted by queue
 * @param totals          cumulative counters since start (Prometheus counters)
 */
public record LiveSnapshot(Instant generatedAt, Instant newestEventTime, Instant watermark, List<QueueLive> queues,
                           Map<String, Map<AgentState, Integer>> agentsByQueue, List<AgentLive> agents,
                           List<TeamLive> teams, List<TicketQueueLive> tickets, Totals totals) {

    /** The states an agent can be in while logged in, in display order. */
    public static final List<AgentState> STAFFED_STATES = List.of(AgentState.AVAILABLE, AgentState.RINGING,
            AgentState.ON_CONTACT, AgentState.ACW, AgentState.AWAY);

    public LiveSnapshot {
        queues = List.copyOf(queues);
        TreeMap<String, Map<AgentState, Integer>> q = new TreeMap<>();
        agentsByQueue.forEach((k, v) -> q.put(k, states(v)));
        agentsByQueue = Collections.unmodifiableMap(q);
        agents = List.copyOf(agents);
        teams = List.copyOf(teams);
        tickets = List.copyOf(tickets);
    }

    /** An unmodifiable copy of counts by state, in state order. */
    static Map<AgentState, Integer> states(Map<AgentState, Integer> m) {
        return m.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(m));
    }
}
