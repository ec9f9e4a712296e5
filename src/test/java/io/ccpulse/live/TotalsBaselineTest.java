package io.ccpulse.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ccpulse.domain.engine.AgentStateTotal;
import io.ccpulse.domain.engine.QueueTotals;
import io.ccpulse.domain.engine.TicketTotals;
import io.ccpulse.domain.engine.Totals;
import io.ccpulse.domain.event.Channel;
import io.ccpulse.domain.fact.AgentState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TotalsBaselineTest {

    static QueueTotals q(String queue, long n) {
        return new QueueTotals(queue, Channel.VOICE, n, n, n, n, n, n, n, n, n, n, n, n, n, n);
    }

    @Test
    @DisplayName("Counters after recovery count from the baseline: series known then go on from 0, new ones from their value")
    void minus() {
        Totals base = new Totals(Instant.EPOCH, List.of(q("billing", 10)),
                List.of(new AgentStateTotal("t1", AgentState.AVAILABLE, 5000)),
                List.of(new TicketTotals("desk", 5, 4, 3, 2, 1, 1, 0)), Map.of("implicit_login", 3L), 2, 1);
        Totals now = new Totals(Instant.EPOCH.plusSeconds(60), List.of(q("billing", 14), q("sales", 2)),
                List.of(new AgentStateTotal("t1", AgentState.AVAILABLE, 9000),
                        new AgentStateTotal(null, AgentState.AWAY, 700)),
                List.of(new TicketTotals("desk", 8, 6, 5, 2, 1, 3, 1), new TicketTotals("it", 1, 0, 0, 0, 0, 0, 0)),
                Map.of("implicit_login", 3L, "answered_twice", 1L), 2, 4);
        Totals d = TotalsBaseline.minus(now, base);
        assertEquals(List.of(q("billing", 4), q("sales", 2)), d.queues());
        assertEquals(List.of(new AgentStateTotal("t1", AgentState.AVAILABLE, 4000),
                new AgentStateTotal(null, AgentState.AWAY, 700)), d.agentStates());
        assertEquals(Map.of("implicit_login", 0L, "answered_twice", 1L), d.anomalies());
        assertEquals(List.of(new TicketTotals("desk", 3, 2, 2, 0, 0, 2, 1), new TicketTotals("it", 1, 0, 0, 0, 0, 0, 0)),
                d.tickets());
        assertEquals(0, d.replays());
        assertEquals(3, d.lateEvents());
        assertEquals(now.upTo(), d.upTo());
    }
}
