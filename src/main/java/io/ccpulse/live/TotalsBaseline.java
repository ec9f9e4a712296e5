package io.ccpulse.live;

import io.ccpulse.domain.engine.AgentStateTotal;
import io.ccpulse.domain.engine.QueueTotals;
import io.ccpulse.domain.engine.TicketTotals;
import io.ccpulse.domain.engine.Totals;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Cumulative engine totals minus those reached at the end of restart recovery: the Prometheus
 * counters then count from zero at a restart, like any counter of a new process, instead of jumping
 * by everything the recovery replayed (which Prometheus would read as one huge increase).
 */
final class TotalsBaseline {

    private TotalsBaseline() {
    }

    static Totals minus(Totals t, Totals base) {
        Map<String, QueueTotals> bq = new HashMap<>();
        for (QueueTotals q : base.queues()) {
            bq.put(q.queue() + "|" + q.channel(), q);
        }
        List<QueueTotals> queues = new ArrayList<>(t.queues().size());
        for (QueueTotals q : t.queues()) {
            QueueTotals b = bq.get(q.queue() + "|" + q.channel());
            queues.add(b == null ? q : new QueueTotals(q.queue(), q.channel(), q.answered() - b.answered(),
                    q.abandoned() - b.abandoned(), q.shortAbandoned() - b.shortAbandoned(),
                    q.flowedOut() - b.flowedOut(), q.blocked() - b.blocked(),
                    q.answeredInThreshold() - b.answeredInThreshold(),
                    q.abandonedInThreshold() - b.abandonedInThreshold(), q.waitAnsweredMs() - b.waitAnsweredMs(),
                    q.waitAbandonedMs() - b.waitAbandonedMs(), q.segments() - b.segments(),
                    q.transfers() - b.transfers(), q.talkMs() - b.talkMs(), q.holdMs() - b.holdMs(),
                    q.acwMs() - b.acwMs()));
        }
        Map<String, Long> bs = new HashMap<>();
        for (AgentStateTotal a : base.agentStates()) {
            bs.put(a.team() + "|" + a.state(), a.ms());
        }
        List<AgentStateTotal> states = new ArrayList<>(t.agentStates().size());
        for (AgentStateTotal a : t.agentStates()) {
            long b = bs.getOrDefault(a.team() + "|" + a.state(), 0L);
            states.add(new AgentStateTotal(a.team(), a.state(), Math.max(0, a.ms() - b)));
        }
        Map<String, TicketTotals> bt = new HashMap<>();
        for (TicketTotals k : base.tickets()) {
            bt.put(k.queue(), k);
        }
        List<TicketTotals> tickets = new ArrayList<>(t.tickets().size());
        for (TicketTotals k : t.tickets()) {
            TicketTotals b = bt.get(k.queue());
            tickets.add(b == null ? k : new TicketTotals(k.queue(), k.created() - b.created(),
                    k.firstResponses() - b.firstResponses(), k.resolutions() - b.resolutions(),
                    k.reopens() - b.reopens(), k.escalations() - b.escalations(),
                    k.responseBreaches() - b.responseBreaches(), k.resolutionBreaches() - b.resolutionBreaches()));
        }
        Map<String, Long> anomalies = new TreeMap<>();
        t.anomalies().forEach((k, v) -> anomalies.put(k, v - base.anomalies().getOrDefault(k, 0L)));
        return new Totals(t.upTo(), queues, states, tickets, anomalies, t.replays() - base.replays(),
                t.lateEvents() - base.lateEvents());
    }
}
