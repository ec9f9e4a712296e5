package io.ccpulse.domain.engine;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Cumulative counters since the engine started, for Prometheus counters. They only count what is final
 * (behind the watermark, or flushed), so they never decrease and come out identical whatever the arrival
 * order; they lag the newest event by the allowed lateness.
 *
 * @param upTo        the time up to which agent state time is counted (watermark, or the flushed event time)
 * @param queues      per queue and channel, sorted
 * @param agentStates agent time by team and state (staffed states), including the open and not yet final
 *                    spans up to {@code upTo}, sorted by team (null first) then state
 * @param tickets     ticket counters per queue, sorted
 * @param anomalies   final anomaly counts by kind
 * @param replays     rollbacks so far (diagnostic; depends on arrival order)
 * @param lateEvents  events not applied because they were late
 */
public record Totals(Instant upTo, List<QueueTotals> queues, List<AgentStateTotal> agentStates,
                     List<TicketTotals> tickets, Map<String, Long> anomalies, long replays, long lateEvents) {

    public Totals {
        queues = List.copyOf(queues);
        agentStates = List.copyOf(agentStates);
        tickets = List.copyOf(tickets);
        anomalies = Collections.unmodifiableMap(new TreeMap<>(anomalies));
    }
}
