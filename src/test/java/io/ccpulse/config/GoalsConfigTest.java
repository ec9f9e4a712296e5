package io.ccpulse.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ccpulse.domain.kpi.Goals;
import io.ccpulse.domain.kpi.KpiCatalog.Better;
import io.ccpulse.domain.kpi.ScorecardSpec;
import io.ccpulse.domain.kpi.Scorecards;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("Config: targets and scorecards")
class GoalsConfigTest {

    @TempDir
    Path dir;

    private static final Map<String, String> MINIMAL = Map.of("CCPULSE_DB_USER", "u", "CCPULSE_INGEST_TOKENS", "pbx:secret");
    private static final LocalDate D = LocalDate.of(2026, 3, 2);

    private Config load(String yaml) throws IOException {
        Path f = dir.resolve("c.yml");
        Files.writeString(f, yaml);
        return Config.load(f, MINIMAL);
    }

    @Test
    @DisplayName("without targets and scorecards: the built-in customer-service card with its built-in targets")
    void defaults() {
        Goals g = Config.load(null, MINIMAL).goals();
        assertSame(Scorecards.BUILT_IN, g.scorecards().forTeam("any"));
        assertEquals(0.85, g.targets().forAgent("csat", "a", "t", D).value());
        assertEquals(0.02, g.targets().forAgent("complaint_escalation_rate", "a", "t", D).value());
    }

    @Test
    @DisplayName("targets per queue, team and agent with dates and directions; cards with weights in percent; the default card replaced")
    void example() throws IOException {
        Goals g = load("targets:\n"
                + "  - {kpi: service_level, target: 0.9, queue: vip, from: 2026-03-01, to: 2026-03-31}\n"
                + "  - {kpi: aht_s, target: 300, team: billing-1}\n"
                + "  - {kpi: aht_s, target: 280, agent: a-7}\n"
                + "  - {kpi: csat, target: 0.9}\n"
                + "  - {kpi: avg_time_to_abandon_s, target: 60, direction: lower}\n"
                + "scorecards:\n"
                + "  customer_service:\n"
                + "    items:\n"
                + "      - {kpi: csat, weight: 40}\n"
                + "      - {kpi: resolution_rate, weight: 30}\n"
                + "      - {kpi: response_speed_s, weight: 20, target: 20}\n"
                + "      - {kpi: complaint_escalation_rate, weight: 10}\n"
                + "  billing:\n"
                + "    teams: [billing-1, billing-2]\n"
                + "    items:\n"
                + "      - {kpi: aht_s, weight: 0.5}\n"
                + "      - {kpi: occupancy, weight: 0.5, target: 0.85}\n").goals();
        assertEquals(0.9, g.targets().forQueue("service_level", "vip", D).value());
        assertNull(g.targets().forQueue("service_level", "vip", LocalDate.of(2026, 4, 1)));
        assertEquals(300, g.targets().forAgent("aht_s", "a-1", "billing-1", D).value());
        assertEquals(280, g.targets().forAgent("aht_s", "a-7", "billing-1", D).value());
        assertEquals(0.9, g.targets().forAgent("csat", "a-1", "x", D).value(), "configured default beats built-in");
        assertEquals(Better.LOWER, g.targets().forQueue("avg_time_to_abandon_s", "q", D).better());
        ScorecardSpec cs = g.scorecards().forTeam("sales");
        assertEquals("customer_service", cs.name());
        assertEquals(0.4, cs.items().get(0).weight(), 1e-12);
        assertEquals(20.0, cs.items().get(2).target());
        ScorecardSpec billing = g.scorecards().forTeam("billing-2");
        assertEquals("billing", billing.name());
        assertEquals(0.5, billing.items().get(1).weight());
        assertEquals(Better.HIGHER, billing.items().get(1).better());
    }

    static Stream<Arguments> wrong() {
        return Stream.of(
                Arguments.of("targets: {kpi: csat}\n", "targets", "must be a list"),
                Arguments.of("targets:\n  - {kpi: csta, target: 0.8}\n", "targets[0].kpi", "unknown KPI 'csta'"),
                Arguments.of("targets:\n  - {kpi: csat}\n", "targets[0].target", "is required"),
                Arguments.of("targets:\n  - {kpi: csat, target: -1}\n", "targets[0].target", "out of range"),
                Arguments.of("targets:\n  - {kpi: csat, target: 0.8, team: a, agent: b}\n", "targets[0]",
                        "not team and agent"),
                Arguments.of("targets:\n  - {kpi: occupancy, target: 0.8, queue: billing}\n", "targets[0].queue",
                        "not a queue KPI"),
                Arguments.of("targets:\n  - {kpi: csat, target: 0.8, direction: up}\n", "targets[0].direction",
                        "not higher or lower"),
                Arguments.of("targets:\n  - {kpi: csat, target: 0.8, from: soon}\n", "targets[0].from", "not a date"),
                Arguments.of("targets:\n  - {kpi: csat, target: 0.8, from: 2026-03-02, to: 2026-03-01}\n",
                        "targets[0].to", "before from"),
                Arguments.of("targets:\n  - {kpi: csat, target: 0.8, colour: red}\n", "targets[0].colour",
                        "unknown setting"),
                Arguments.of("targets:\n  - {kpi: csat, target: 0.8}\n  - {kpi: csat, target: 0.9, from: 2026-01-01}\n",
                        "targets[1]", "valid on the same days as targets[0]"),
                Arguments.of("scorecards:\n  c:\n    items:\n      - {kpi: csat, weight: 40}\n      - {kpi: aht_s, weight: 50}\n",
                        "scorecards.c.items", "add up to 90"),
                Arguments.of("scorecards:\n  c:\n    items:\n      - {kpi: service_level, weight: 1}\n",
                        "scorecards.c.items[0].kpi", "queue KPI"),
                Arguments.of("scorecards:\n  c:\n    items:\n      - {kpi: csat, weight: 0.5}\n      - {kpi: csat, weight: 0.5}\n",
                        "scorecards.c.items[1].kpi", "appears twice"),
                Arguments.of("scorecards:\n  c:\n    items: []\n", "scorecards.c.items", "non-empty list"),
                Arguments.of("scorecards:\n  a:\n    teams: [t1]\n    items: [{kpi: csat, weight: 1}]\n"
                        + "  b:\n    teams: [t1]\n    items: [{kpi: csat, weight: 1}]\n", "scorecards.b.teams",
                        "already on scorecard a"),
                Arguments.of("scorecards:\n  customer_service:\n    teams: [t1]\n    items: [{kpi: csat, weight: 1}]\n",
                        "scorecards.customer_service.teams", "default card"),
                Arguments.of("scorecards:\n  c:\n    items: [{kpi: csat, weight: 1}]\n    colour: red\n",
                        "scorecards.c.colour", "unknown setting"));
    }

    @ParameterizedTest(name = "{1}: {2}")
    @MethodSource("wrong")
    @DisplayName("a wrong target or scorecard stops loading with a message naming the entry")
    void wrongEntries(String yaml, String setting, String problem) {
        ConfigException e = assertThrows(ConfigException.class, () -> load(yaml));
        assertTrue(e.getMessage().contains(setting), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
    }
}
