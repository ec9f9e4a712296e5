package io.ccpulse.domain.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ccpulse.domain.kpi.KpiCatalog.Better;
import io.ccpulse.domain.kpi.KpiCatalog.Scope;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Targets and scorecards")
class TargetsAndScorecardsTest {

    private static final double EPS = 1e-9;
    private static final LocalDate D = LocalDate.of(2026, 3, 2);

    private static Target t(String kpi, double v, Scope scope, String name, String from, String to) {
        KpiCatalog.Kpi k = KpiCatalog.get(kpi);
        return new Target(kpi, v, k.better(), scope, name, from == null ? null : LocalDate.parse(from),
                to == null ? null : LocalDate.parse(to), "test");
    }

    @Test
    @DisplayName("the target in force: the agent's own, else the team's, else the default, else the built-in one; only on its valid days")
    void precedence() {
        Targets ts = new Targets(List.of(
                t("aht_s", 300, null, null, null, null),
                t("aht_s", 280, Scope.TEAM, "billing", null, null),
                t("aht_s", 250, Scope.AGENT, "a-1", "2026-03-01", "2026-03-31"),
                t("aht_s", 240, Scope.AGENT, "a-1", "2026-04-01", null),
                t("service_level", 0.9, Scope.QUEUE, "vip", null, null)), Scorecards.BUILT_IN_TARGETS);
        assertEquals(250, ts.forAgent("aht_s", "a-1", "billing", D).value());
        assertEquals(240, ts.forAgent("aht_s", "a-1", "billing", LocalDate.of(2026, 4, 1)).value());
        assertEquals(280, ts.forAgent("aht_s", "a-1", "billing", LocalDate.of(2026, 2, 28)).value(), "before its own");
        assertEquals(280, ts.forAgent("aht_s", "a-2", "billing", D).value());
        assertEquals(300, ts.forAgent("aht_s", "a-3", "sales", D).value());
        assertEquals(300, ts.forAgent("aht_s", "a-4", null, D).value(), "no team");
        assertEquals(280, ts.forTeam("aht_s", "billing", D).value());
        assertEquals(0.9, ts.forQueue("service_level", "vip", D).value());
        assertNull(ts.forQueue("service_level", "other", D));
        assertEquals(0.85, ts.forAgent("csat", "a-1", "billing", D).value(), "built-in default card target");
        assertEquals("built-in", ts.forAgent("csat", "a-1", "billing", D).origin());
        assertEquals(0.85, ts.forTeam("csat", "billing", D).value());
        assertNull(ts.forQueue("csat", "billing", D), "built-in targets are for scorecards: agents and teams");
    }

    @Test
    @DisplayName("two targets for the same KPI and entity valid on a common day are refused, naming both")
    void overlapRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Targets(List.of(
                new Target("aht_s", 300, Better.LOWER, Scope.TEAM, "billing", LocalDate.parse("2026-01-01"),
                        LocalDate.parse("2026-03-31"), "targets[0]"),
                new Target("aht_s", 280, Better.LOWER, Scope.TEAM, "billing", LocalDate.parse("2026-03-31"), null,
                        "targets[4]")), List.of()));
        assertTrue(e.getMessage().contains("targets[4]") && e.getMessage().contains("targets[0]"), e.getMessage());
        // back to back is fine
        new Targets(List.of(
                new Target("aht_s", 300, Better.LOWER, Scope.TEAM, "billing", null, LocalDate.parse("2026-03-30"), "a"),
                new Target("aht_s", 280, Better.LOWER, Scope.TEAM, "billing", LocalDate.parse("2026-03-31"), null, "b")),
                List.of());
    }

    @Test
    @DisplayName("the built-in customer-service card scores like METRICS.md: 40/30/20/10, attainment capped at 1.2; same as Scorecard")
    void builtInCard() {
        Targets ts = new Targets(List.of(), Scorecards.BUILT_IN_TARGETS);
        Map<String, Object> actual = Map.of(
                "csat", 0.90,                        // 0.90 / 0.85 = 1.058824
                "resolution_rate", 0.60,             // 0.60 / 0.80 = 0.75
                "response_speed_s", 45.0,            // 30 / 45 = 0.666667
                "complaint_escalation_rate", 0.01);  // 0.02 / 0.01 = 2 -> 1.2
        ScorecardSpec.Result r = Scorecards.BUILT_IN.score(actual, k -> ts.forAgent(k, "a", "t", D));
        double expected = 0.4 * 0.90 / 0.85 + 0.3 * 0.75 + 0.2 * 30 / 45 + 0.1 * 1.2;   // 0.423529 + 0.225 + 0.133333 + 0.12
        assertEquals(expected, r.score(), EPS);
        assertEquals(0.901863, r.score(), 1e-6);
        assertEquals(1.0, r.coverage());
        assertEquals(1.2, r.lines().get(3).attainment(), EPS);
        assertEquals(Better.LOWER, r.lines().get(2).better());
        assertEquals(30.0, r.lines().get(2).target());
        // the kpi package's Scorecard gives the same number
        Scorecard same = Scorecard.customerService(0.85, 0.80, "response_speed_s", 30, 0.02);
        assertEquals(same.score(actual).score(), r.score(), EPS);
    }

    @Test
    @DisplayName("a KPI without value or target is left out: the score is over the covered weight, and null with nothing covered")
    void missing() {
        Targets ts = new Targets(List.of(), Scorecards.BUILT_IN_TARGETS);
        Map<String, Object> actual = new HashMap<>();
        actual.put("csat", null);                 // no surveys
        actual.put("resolution_rate", 0.80);      // 1.0
        actual.put("response_speed_s", 60.0);     // 0.5
        ScorecardSpec.Result r = Scorecards.BUILT_IN.score(actual, k -> ts.forAgent(k, "a", "t", D));
        assertEquals(0.5, r.coverage(), EPS, "resolution 0.3 + response speed 0.2");
        assertEquals((0.3 * 1.0 + 0.2 * 0.5) / 0.5, r.score(), EPS);   // 0.8
        assertNull(r.lines().get(0).attainment());
        assertNull(Scorecards.BUILT_IN.score(Map.of(), k -> null).score());
        // no target for a KPI: left out too
        ScorecardSpec card = new ScorecardSpec("c", Set.of(), List.of(
                new ScorecardSpec.Item("aht_s", 0.5, null, Better.LOWER),
                new ScorecardSpec.Item("occupancy", 0.5, 0.8, Better.HIGHER)));
        ScorecardSpec.Result r2 = card.score(Map.of("aht_s", 300.0, "occupancy", 0.96), k -> null);
        assertEquals(0.5, r2.coverage(), EPS);
        assertEquals(1.2, r2.score(), EPS, "0.96 / 0.8 = 1.2");
    }

    @Test
    @DisplayName("every item at the cap gives 1.2; lower-is-better at 0 gives the cap")
    void caps() {
        ScorecardSpec card = new ScorecardSpec("c", Set.of(), List.of(
                new ScorecardSpec.Item("csat", 0.25, 0.8, Better.HIGHER),
                new ScorecardSpec.Item("aht_s", 0.25, 300.0, Better.LOWER),
                new ScorecardSpec.Item("complaint_escalation_rate", 0.25, 0.02, Better.LOWER),
                new ScorecardSpec.Item("resolution_rate", 0.25, 0.5, Better.HIGHER)));
        ScorecardSpec.Result r = card.score(Map.of("csat", 1.0, "aht_s", 100.0, "complaint_escalation_rate", 0.0,
                "resolution_rate", 0.9), k -> null);
        assertEquals(1.2, r.score(), EPS);
    }

    @Test
    @DisplayName("cards apply by team, the default card to everyone else; a team on two cards is refused")
    void assignment() {
        ScorecardSpec billing = new ScorecardSpec("billing", Set.of("billing-1", "billing-2"), List.of(
                new ScorecardSpec.Item("aht_s", 1.0, 300.0, Better.LOWER)));
        Scorecards cards = new Scorecards(List.of(billing));
        assertSame(billing, cards.forTeam("billing-2"));
        assertSame(Scorecards.BUILT_IN, cards.forTeam("sales"));
        assertSame(Scorecards.BUILT_IN, cards.forTeam(null));
        ScorecardSpec mine = new ScorecardSpec("customer_service", Set.of(), List.of(
                new ScorecardSpec.Item("csat", 1.0, null, Better.HIGHER)));
        assertSame(mine, new Scorecards(List.of(mine)).forTeam("x"), "a configured customer_service card replaces the built-in one");
        ScorecardSpec other = new ScorecardSpec("other", Set.of("billing-1"), List.of(
                new ScorecardSpec.Item("aht_s", 1.0, 300.0, Better.LOWER)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Scorecards(List.of(billing, other)));
        assertTrue(e.getMessage().contains("billing-1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ScorecardSpec("w", Set.of(), List.of(
                new ScorecardSpec.Item("aht_s", 0.5, 300.0, Better.LOWER))));
    }

    @Test
    @DisplayName("response speed: voice waits and digital first responses, averaged over both")
    void responseSpeed() {
        ResponseTally r = ResponseTally.of(3, 90_000, 2, 30_000, 2, 150_000);
        assertEquals(30.0, r.asaS(), EPS, "all answered visits: 90 s / 3");
        assertEquals(75.0, r.frtAvgS(), EPS, "150 s / 2");
        assertEquals(45.0, r.responseSpeedS(), EPS, "(30 + 150) s / (2 + 2)");
        assertNull(new ResponseTally().responseSpeedS());
    }
}
