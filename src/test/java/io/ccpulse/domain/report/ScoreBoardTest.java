package io.ccpulse.domain.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.ccpulse.domain.kpi.Goals;
import io.ccpulse.domain.kpi.KpiCatalog.Better;
import io.ccpulse.domain.kpi.ScorecardSpec;
import io.ccpulse.domain.kpi.Scorecards;
import io.ccpulse.domain.kpi.Target;
import io.ccpulse.domain.kpi.Targets;
import io.ccpulse.domain.kpi.KpiCatalog.Scope;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Scoreboard: scores and ranking within a team")
class ScoreBoardTest {

    private static final LocalDate D = LocalDate.of(2026, 3, 2);

    @Test
    @DisplayName("agents ranked by score within their team, ties share a rank, no score last; each team with its card and targets")
    void ranking() {
        ScorecardSpec desk = new ScorecardSpec("desk", Set.of("desk"), List.of(
                new ScorecardSpec.Item("first_response_avg_s", 1.0, null, Better.LOWER)));
        Goals g = new Goals(new Targets(List.of(
                new Target("first_response_avg_s", 3600, Better.LOWER, null, null, null, null, "t0"),
                new Target("first_response_avg_s", 1800, Better.LOWER, Scope.AGENT, "d3", null, null, "t1"),
                new Target("csat", 0.5, Better.HIGHER, Scope.TEAM, "phones", null, null, "t2")),
                Scorecards.BUILT_IN_TARGETS), new Scorecards(List.of(desk)));
        List<ScoreBoard.Row> rows = ScoreBoard.of(List.of(
                new ScoreBoard.Entry("d1", "desk", Map.of("first_response_avg_s", 3600.0)),   // 1.0
                new ScoreBoard.Entry("d2", "desk", Map.of("first_response_avg_s", 1800.0)),   // 2 -> 1.2
                new ScoreBoard.Entry("d3", "desk", Map.of("first_response_avg_s", 3600.0)),   // own target 1800: 0.5
                new ScoreBoard.Entry("d4", "desk", Map.of("first_response_avg_s", 3600.0)),   // 1.0
                new ScoreBoard.Entry("d5", "desk", Map.of()),                                 // no score
                new ScoreBoard.Entry(null, "desk", Map.of("first_response_avg_s", 2700.0)),   // team: 3600/2700 = 1.2 (cap 1.333)
                new ScoreBoard.Entry("p1", "phones", Map.of("csat", 0.4))), g, D);            // 0.4/0.5 = 0.8, coverage 0.4
        assertEquals(List.of("desk/team", "desk/d2#1", "desk/d1#2", "desk/d4#2", "desk/d3#4", "desk/d5#-",
                "phones/p1#1"), rows.stream().map(r -> r.team() + "/" + (r.agent() == null ? "team" : r.agent())
                        + (r.agent() == null ? "" : "#" + (r.rank() == null ? "-" : r.rank()))).toList());
        assertEquals(1.2, rows.get(0).result().score(), 1e-12);
        assertEquals(0.5, rows.get(4).result().score(), 1e-12);
        assertNull(rows.get(5).result().score());
        assertEquals("customer_service", rows.get(6).result().scorecard());
        assertEquals(0.8, rows.get(6).result().score(), 1e-12);
        assertEquals(0.4, rows.get(6).result().coverage(), 1e-12);
    }
}
