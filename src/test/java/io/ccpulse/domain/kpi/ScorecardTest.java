package io.ccpulse.domain.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ccpulse.domain.event.Channel;
import io.ccpulse.domain.fact.VisitOutcome;
import io.ccpulse.domain.settings.QueueSettings;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ScorecardTest {

    private static final double EPS = 1e-9;
    // CSAT 0.85, resolution 0.75, ASA 30 s, complaint escalation 0.02
    private static final Scorecard DEFAULT = Scorecard.customerService(0.85, 0.75, "asa_s", 30, 0.02);

    @Test
    @DisplayName("the default scorecard weighs CSAT 40 %, resolution 30 %, response speed 20 %, escalation 10 %")
    void defaultItems() {
        assertEquals(List.of(
                new Scorecard.Item("csat", 0.4, 0.85, true),
                new Scorecard.Item("resolution_rate", 0.3, 0.75, true),
                new Scorecard.Item("asa_s", 0.2, 30, false),
                new Scorecard.Item("complaint_escalation_rate", 0.1, 0.02, false)), DEFAULT.items());
    }

    @Test
    @DisplayName("score is the weighted sum of attainments, each capped at 1.2")
    void score() {
        Scorecard.Result r = DEFAULT.score(Map.of(
                "csat", 0.9,                        // 0.9 / 0.85 = 18/17 = 1.058824
                "resolution_rate", 0.6,             // 0.6 / 0.75 = 0.8
                "asa_s", 45.0,                      // 30 / 45 = 0.666667
                "complaint_escalation_rate", 0.01)); // 0.02 / 0.01 = 2, capped 1.2
        // 0.4 x 18/17 + 0.3 x 0.8 + 0.2 x 2/3 + 0.1 x 1.2 = 0.423529 + 0.24 + 0.133333 + 0.12
        assertEquals(0.4 * 18 / 17 + 0.24 + 0.2 * 2 / 3 + 0.12, r.score(), EPS);
        assertEquals(0.916863, r.score(), 1e-6);
        assertEquals(1.0, r.coverage(), EPS);
        assertEquals(1.2, r.lines().get(3).attainment(), EPS);
        assertEquals(0.12, r.lines().get(3).contribution(), EPS);
        assertEquals(0.8, r.lines().get(1).attainment(), EPS);
    }

    @Test
    @DisplayName("every KPI far beyond its target scores the cap 1.2, not more")
    void allCapped() {
        Scorecard.Result r = DEFAULT.score(Map.of("csat", 1.0, "resolution_rate", 1.0, "asa_s", 1.0,
                "complaint_escalation_rate", 0.0));
        // attainments 1.176471 (1 / 0.85), 1.2 (1.333 capped), 1.2 (30 capped), 1.2 (0 escalations)
        assertEquals(0.4 / 0.85 + 0.3 * 1.2 + 0.2 * 1.2 + 0.1 * 1.2, r.score(), EPS);  // 1.190588
        Scorecard.Result all = DEFAULT.score(Map.of("csat", 1.02, "resolution_rate", 1.0, "asa_s", 1.0,
                "complaint_escalation_rate", 0.0));
        assertEquals(1.2, all.score(), EPS);   // 1.02 / 0.85 = 1.2 exactly
    }

    @Test
    @DisplayName("a KPI without a value is left out and the other weights are rescaled")
    void missing() {
        Map<String, Object> actuals = new HashMap<>();
        actuals.put("csat", null);               // no surveys
        actuals.put("resolution_rate", 0.6);     // 0.8
        actuals.put("asa_s", 45.0);              // 2/3
        actuals.put("complaint_escalation_rate", 0.01);  // 1.2
        Scorecard.Result r = DEFAULT.score(actuals);
        // (0.24 + 0.133333 + 0.12) / (0.3 + 0.2 + 0.1) = 0.493333 / 0.6 = 0.822222
        assertEquals((0.24 + 0.2 * 2 / 3 + 0.12) / 0.6, r.score(), EPS);
        assertEquals(0.6, r.coverage(), EPS);
        assertNull(r.lines().get(0).attainment());
        assertNull(r.lines().get(0).actual());
    }

    @Test
    @DisplayName("with no data at all there is no score")
    void noData() {
        Scorecard.Result r = DEFAULT.score(Map.of());
        assertNull(r.score());
        assertEquals(0.0, r.coverage());
    }

    @Test
    @DisplayName("a queue KPI map scores directly, with the escalation rate added")
    void fromQueueKpis() {
        QueueSettings s = QueueSettings.DEFAULTS;
        QueueTally t = new QueueTally()
                .addVisit(Facts.voice(VisitOutcome.ANSWERED, 15_000), s)
                .addVisit(Facts.voice(VisitOutcome.ANSWERED, 45_000), s)    // ASA (15 + 45) / 2 = 30 s
                .addSegment(Facts.segment(60_000, 0, 0, false, true))       // resolution 1 / 1
                .addSurvey(Facts.survey(5, null), s)
                .addSurvey(Facts.survey(3, null), s);                       // CSAT 1 / 2
        Map<String, Object> actuals = new HashMap<>(QueueKpis.of(t, s, Channel.VOICE).toMap());
        actuals.put(Scorecard.COMPLAINT_ESCALATION_RATE, 0.02);
        // 0.4 x 0.5/0.85 + 0.3 x 1.2 (1/0.75 capped) + 0.2 x 1 (30/30) + 0.1 x 1 (0.02/0.02)
        assertEquals(0.4 * 0.5 / 0.85 + 0.36 + 0.2 + 0.1, DEFAULT.score(actuals).score(), EPS);  // 0.895294
    }

    @Test
    @DisplayName("weights must add up to 1, KPIs be unique and values numbers")
    void refused() {
        assertThrows(IllegalArgumentException.class,
                () -> new Scorecard(List.of(new Scorecard.Item("csat", 0.5, 0.8, true))));
        assertThrows(IllegalArgumentException.class, () -> new Scorecard(List.of(
                new Scorecard.Item("csat", 0.5, 0.8, true), new Scorecard.Item("csat", 0.5, 0.9, true))));
        assertThrows(IllegalArgumentException.class, () -> new Scorecard(List.of()));
        assertThrows(IllegalArgumentException.class, () -> new Scorecard.Item("csat", 0, 0.8, true));
        assertThrows(IllegalArgumentException.class, () -> new Scorecard.Item("csat", 1, -1, true));
        assertThrows(IllegalArgumentException.class, () -> DEFAULT.score(Map.of("csat", "high")));
    }
}
