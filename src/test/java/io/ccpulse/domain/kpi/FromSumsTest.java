package io.ccpulse.domain.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ccpulse.domain.event.Channel;
import io.ccpulse.domain.fact.AgentState;
import io.ccpulse.domain.fact.VisitOutcome;
import io.ccpulse.domain.settings.AbandonMode;
import io.ccpulse.domain.settings.QueueSettings;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The report path (sums of roll-ups) and the live path (tallies) give the same KPI objects. */
class FromSumsTest {

    @Test
    @DisplayName("QueueKpis.fromSums of a tally's sums and percentiles equals QueueKpis.of, and sums of parts add up")
    void queues() {
        Random rnd = new Random(5);
        for (AbandonMode mode : AbandonMode.values()) {
            QueueSettings s = new QueueSettings(java.util.Map.of(), 0.8, mode, 5, 600, java.time.Duration.ofDays(7),
                    io.ccpulse.domain.settings.FcrScope.ANY_QUEUE, 4, 30);
            for (Channel ch : Channel.values()) {
                QueueTally a = new QueueTally();
                QueueTally b = new QueueTally();
                for (int i = 0; i < 200; i++) {
                    QueueTally t = rnd.nextBoolean() ? a : b;
                    VisitOutcome o = VisitOutcome.values()[rnd.nextInt(4)];
                    t.addVisit(Facts.visit(ch, o, rnd.nextInt(60_000)), s);
                    if (rnd.nextInt(3) == 0) {
                        t.addSegment(Facts.segment(rnd.nextInt(300_000), rnd.nextInt(9_000), rnd.nextInt(60_000),
                                rnd.nextBoolean(), rnd.nextBoolean() ? null : rnd.nextBoolean()));
                    }
                    if (rnd.nextInt(5) == 0) {
                        t.addSurvey(Facts.survey(1 + rnd.nextInt(5), rnd.nextInt(11)), s);
                    }
                    if (rnd.nextInt(4) == 0) {
                        t.addFirstResponse(rnd.nextInt(90_000), s);
                        t.addInboundContact();
                    }
                }
                Long[] p = a.waitPercentilesMs(0.5, 0.9);
                assertEquals(QueueKpis.of(a, s, ch), QueueKpis.fromSums(a.sums(), p[0], p[1],
                        ch == Channel.VOICE ? null : a.firstResponsePercentileMs(0.9), s, ch));
                QueueTally ab = a.copy().merge(b);
                assertEquals(ab.sums(), a.sums().plus(b.sums()));
            }
        }
        assertEquals(QueueSums.ZERO, new QueueTally().sums());
    }

    @Test
    @DisplayName("AgentKpis.fromSums equals AgentKpis.of, and sums of parts add up")
    void agents() {
        Random rnd = new Random(6);
        AgentTally a = new AgentTally();
        AgentTally b = new AgentTally();
        for (int i = 0; i < 300; i++) {
            AgentTally t = rnd.nextBoolean() ? a : b;
            AgentState st = AgentState.values()[rnd.nextInt(5)];
            t.addState(st, st == AgentState.AWAY && rnd.nextBoolean() ? "lunch" : null, rnd.nextInt(600_000));
            if (rnd.nextInt(3) == 0) {
                t.addSegment(Facts.segment(rnd.nextInt(300_000), 0, rnd.nextInt(60_000), false, Boolean.TRUE));
            }
            if (rnd.nextInt(6) == 0) {
                t.addSurvey(Facts.survey(1 + rnd.nextInt(5), null), QueueSettings.DEFAULTS);
            }
        }
        assertEquals(AgentKpis.of(a, 25.0), AgentKpis.fromSums(a.sums(), 25.0));
        assertEquals(a.copy().merge(b).sums(), a.sums().plus(b.sums()));
        assertEquals(AgentKpis.of(new AgentTally(), 0), AgentKpis.fromSums(AgentSums.ZERO, 0));
    }
}
