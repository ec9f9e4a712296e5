package io.ccpulse.domain.kpi;

import static io.ccpulse.domain.kpi.Facts.segment;
import static io.ccpulse.domain.kpi.Facts.survey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ccpulse.domain.event.Direction;
import io.ccpulse.domain.fact.AgentState;
import io.ccpulse.domain.settings.QueueSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AgentKpisTest {

    private static final QueueSettings S = QueueSettings.DEFAULTS;
    private static final double EPS = 1e-9;

    /**
     * available 30 min, ringing 1 min, on contact 2 h, ACW 20 min, away 30 min lunch + 10 min without
     * reason, 8 h offline; 4 segments (1 outbound), 2 surveys.
     */
    static AgentTally shift() {
        return new AgentTally()
                .addState(AgentState.AVAILABLE, null, 1_800_000)
                .addState(AgentState.RINGING, null, 60_000)
                .addState(AgentState.ON_CONTACT, null, 7_200_000)
                .addState(AgentState.ACW, null, 1_200_000)
                .addState(AgentState.AWAY, "lunch", 1_800_000)
                .addState(AgentState.AWAY, null, 600_000)
                .addState(AgentState.OFFLINE, null, 28_800_000)
                .addSegment(segment(Direction.OUTBOUND, 100_000, 0, 20_000, false, null))
                .addSegment(segment(Direction.INBOUND, 200_000, 30_000, 10_000, true, true))
                .addSegment(segment(Direction.INBOUND, 300_000, 0, 50_000, false, true))
                .addSegment(segment(Direction.INBOUND, 150_000, 20_000, 40_000, false, false))
                .addSurvey(survey(5, null), S)
                .addSurvey(survey(3, null), S);
    }

    @Test
    @DisplayName("every agent KPI of a shift matches the hand computation")
    void shiftKpis() {
        AgentKpis k = AgentKpis.of(shift(), 36.0);
        assertEquals(4, k.handled());
        assertEquals(230.0, k.ahtS(), EPS);                // (750 talk + 50 hold + 120 acw) / 4
        assertEquals(187.5, k.avgTalkS(), EPS);            // 750 / 4
        assertEquals(12.5, k.avgHoldS(), EPS);             // 50 / 4
        assertEquals(30.0, k.avgAcwS(), EPS);              // 120 / 4
        assertEquals(0.25, k.transferRate(), EPS);         // 1 / 4
        assertEquals(2.0 / 3, k.resolutionRate(), EPS);    // 2 true / 3 flagged
        // busy = 7 200 + 1 200 = 8 400 s; ready = 8 400 + 1 800 + 60 = 10 260 s
        assertEquals(140.0 / 171, k.occupancy(), EPS);     // 8 400 / 10 260 = 0.818713
        // staffed = 1 800 + 60 + 7 200 + 1 200 + 2 400 = 12 660 s, offline left out
        assertEquals(140.0 / 211, k.utilization(), EPS);   // 8 400 / 12 660 = 0.663507
        assertEquals(12_660.0, k.staffedS(), EPS);
        assertEquals(1_800.0, k.availableS(), EPS);
        assertEquals(60.0, k.ringingS(), EPS);
        assertEquals(7_200.0, k.onContactS(), EPS);
        assertEquals(1_200.0, k.acwS(), EPS);
        assertEquals(2_400.0, k.awayS(), EPS);
        assertEquals(Map.of("lunch", 1_800.0, "unspecified", 600.0), k.awayByReason());
        assertEquals(14_400.0 / 12_660, k.handledPerHour(), EPS);  // 4 / 3.516667 h = 1.137441
        assertEquals(0.25, k.outboundRate(), EPS);         // 1 / 4
        assertEquals(0.5, k.csat(), EPS);                  // 5 and 3: one >= 4
        assertEquals(4.0, k.csatMean(), EPS);              // (5 + 3) / 2
        assertEquals(31.65, k.costPerContact(), EPS);      // 3.516667 h x 36 / 4 = 126.6 / 4
    }

    @Test
    @DisplayName("without a configured hourly cost there is no cost per contact")
    void noCost() {
        assertNull(AgentKpis.of(shift(), 0).costPerContact());
        assertThrows(IllegalArgumentException.class, () -> AgentKpis.of(shift(), -1));
        assertThrows(IllegalArgumentException.class, () -> AgentKpis.of(shift(), Double.NaN));
    }

    @Test
    @DisplayName("an empty tally gives null ratios and 0 times")
    void empty() {
        AgentKpis k = AgentKpis.of(new AgentTally(), 36.0);
        assertEquals(0, k.handled());
        assertNull(k.ahtS());
        assertNull(k.occupancy());
        assertNull(k.utilization());
        assertNull(k.handledPerHour());
        assertNull(k.outboundRate());
        assertNull(k.csat());
        assertNull(k.costPerContact());               // nothing handled
        assertEquals(0.0, k.staffedS());
        assertEquals(Map.of(), k.awayByReason());
    }

    @Test
    @DisplayName("a staffed agent with nothing handled: occupancy 0, no cost per contact")
    void idle() {
        AgentKpis k = AgentKpis.of(new AgentTally().addState(AgentState.AVAILABLE, null, 3_600_000), 36.0);
        assertEquals(0.0, k.occupancy(), EPS);             // 0 / 3 600
        assertEquals(0.0, k.utilization(), EPS);
        assertEquals(0.0, k.handledPerHour(), EPS);        // 0 / 1 h
        assertNull(k.costPerContact());
    }

    @Test
    @DisplayName("an agent only away: utilization 0 and no occupancy (nothing ready)")
    void onlyAway() {
        AgentKpis k = AgentKpis.of(new AgentTally().addState(AgentState.AWAY, "training", 3_600_000), 0);
        assertNull(k.occupancy());                         // 0 / (0 + 0 + 0 + 0)
        assertEquals(0.0, k.utilization(), EPS);           // 0 / 3 600
        assertEquals(Map.of("training", 3_600.0), k.awayByReason());
    }

    @Test
    @DisplayName("a team is the merge of its agents: ratios from the summed times, not the mean of ratios")
    void team() {
        AgentTally a = new AgentTally().addState(AgentState.ON_CONTACT, null, 3_000_000)
                .addState(AgentState.AVAILABLE, null, 600_000);       // occupancy 5/6
        AgentTally b = new AgentTally().addState(AgentState.ON_CONTACT, null, 600_000)
                .addState(AgentState.AVAILABLE, null, 3_000_000);     // occupancy 1/6
        AgentKpis k = AgentKpis.of(a.copy().merge(b), 0);
        assertEquals(0.5, k.occupancy(), EPS);                        // 3 600 / 7 200
    }

    @Test
    @DisplayName("toMap has exactly the keys of DESIGN.md's agent KPI object, in its order")
    void keys() {
        List<String> design = List.of("handled", "aht_s", "avg_talk_s", "avg_hold_s", "avg_acw_s", "transfer_rate",
                "resolution_rate", "occupancy", "utilization", "staffed_s", "available_s", "ringing_s", "on_contact_s",
                "acw_s", "away_s", "away_by_reason", "handled_per_hour", "outbound_rate", "csat", "csat_mean",
                "cost_per_contact");
        Map<String, Object> m = AgentKpis.of(shift(), 36.0).toMap();
        assertEquals(design, new ArrayList<>(m.keySet()));
        assertEquals(4L, m.get("handled"));
        assertEquals(Map.of("lunch", 1_800.0, "unspecified", 600.0), m.get("away_by_reason"));
    }
}
