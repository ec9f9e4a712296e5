package io.ccpulse.domain.kpi;

import static io.ccpulse.domain.fact.VisitOutcome.ABANDONED;
import static io.ccpulse.domain.fact.VisitOutcome.ANSWERED;
import static io.ccpulse.domain.fact.VisitOutcome.BLOCKED;
import static io.ccpulse.domain.kpi.Facts.segment;
import static io.ccpulse.domain.kpi.Facts.survey;
import static io.ccpulse.domain.kpi.Facts.visit;
import static io.ccpulse.domain.kpi.Facts.voice;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ccpulse.domain.event.Channel;
import io.ccpulse.domain.settings.AbandonMode;
import io.ccpulse.domain.settings.FcrScope;
import io.ccpulse.domain.settings.QueueSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class QueueKpisTest {

    private static final QueueSettings S = QueueSettings.DEFAULTS;
    private static final double EPS = 1e-9;

    /** The mixed voice tally of QueueTallyTest plus 3 segments and 3 surveys. */
    static QueueTally voiceTally() {
        return QueueTallyTest.mixedVoice()
                .addSegment(segment(100_000, 20_000, 30_000, false, true))
                .addSegment(segment(200_000, 0, 10_000, true, null))
                .addSegment(segment(60_000, 5_000, 0, false, false))
                .addSurvey(survey(5, 10), S)
                .addSurvey(survey(2, 3), S)
                .addSurvey(survey(null, 9), S);
    }

    @Test
    @DisplayName("every queue KPI of a mixed voice tally matches the hand computation")
    void mixedVoiceKpis() {
        QueueKpis k = QueueKpis.of(voiceTally(), S, Channel.VOICE);
        // visits: answered 20 000 / 20 001 / 3 000 ms, abandoned 4 999 (short) / 5 000 / 60 000,
        // 1 flowed out, 1 blocked
        assertEquals(7, k.offered());                      // 3 + 2 + 1 short + 1 flowed out
        assertEquals(3, k.answered());
        assertEquals(2, k.abandoned());
        assertEquals(1, k.shortAbandoned());
        assertEquals(1, k.flowedOut());
        assertEquals(1, k.blocked());
        assertEquals(2, k.answeredInThreshold());
        assertEquals(1, k.abandonedInThreshold());
        assertEquals(0.4, k.serviceLevel(), EPS);          // ignore: 2 / ((7 - 1) - 1)
        assertEquals(1.0 / 3, k.abandonRate(), EPS);       // 2 / (7 - 1)
        assertEquals(0.125, k.blockedRate(), EPS);         // 1 / (7 + 1)
        assertEquals(43.001 / 3, k.asaS(), EPS);           // (20 + 20.001 + 3) / 3 = 14.333667
        assertEquals(113.0 / 6, k.avgWaitS(), EPS);        // (43.001 + 65 + 4.999) / 6 = 18.833333
        assertEquals(60.0, k.maxWaitS(), EPS);
        assertEquals(5.0, k.p50WaitS(), EPS);              // sorted 3, 4.999, 5, 20, 20.001, 60: rank 3
        assertEquals(60.0, k.p90WaitS(), EPS);             // rank ceil(5.4) = 6
        assertEquals(32.5, k.avgTimeToAbandonS(), EPS);    // (5 + 60) / 2, the short one left out
        assertEquals(3, k.handled());
        assertEquals(425.0 / 3, k.ahtS(), EPS);            // (360 + 25 + 40) / 3 = 141.666667
        assertEquals(120.0, k.avgTalkS(), EPS);            // 360 / 3
        assertEquals(25.0 / 3, k.avgHoldS(), EPS);         // 8.333333
        assertEquals(40.0 / 3, k.avgAcwS(), EPS);          // 13.333333
        assertEquals(1.0 / 3, k.transferRate(), EPS);      // 1 transferred segment / 3 answered
        assertEquals(0.5, k.resolutionRate(), EPS);        // 1 true / 2 with a flag
        assertNull(k.frtAvgS());                           // voice
        assertNull(k.frtP90S());
        assertNull(k.frtWithinTarget());
        assertEquals(0.5, k.csat(), EPS);                  // csat 5 and 2: one >= 4
        assertEquals(3.5, k.csatMean(), EPS);              // (5 + 2) / 2
        assertEquals(1.0, k.surveyResponseRate(), EPS);    // 3 surveys / 3 answered
        assertEquals(1.0 / 3, k.nps(), EPS);               // nps 10, 3, 9: (2 - 1) / 3
    }

    @Test
    @DisplayName("the queue's abandon mode picks the service-level variant")
    void abandonMode() {
        QueueSettings positive = new QueueSettings(Map.of(), 0.8, AbandonMode.POSITIVE, 5, 600, Duration.ofDays(7),
                FcrScope.ANY_QUEUE, 4, 30);
        // positive: (2 answered in T + 1 abandoned in T) / (7 - 1 short) = 0.5
        assertEquals(0.5, QueueKpis.of(voiceTally(), positive, Channel.VOICE).serviceLevel(), EPS);
    }

    @Test
    @DisplayName("first response time for chat: average, nearest-rank p90 and share within target")
    void firstResponse() {
        QueueTally t = new QueueTally()
                .addVisit(visit(Channel.CHAT, ANSWERED, 30_000), S)   // chat T = 30 s: in T
                .addFirstResponse(10_000, S)
                .addFirstResponse(40_000, S)
                .addFirstResponse(20_000, S)
                .addFirstResponse(30_000, S);                         // = target 30 s: within
        QueueKpis k = QueueKpis.of(t, S, Channel.CHAT);
        assertEquals(1.0, k.serviceLevel(), EPS);          // 1 / 1
        assertEquals(25.0, k.frtAvgS(), EPS);              // (10 + 40 + 20 + 30) / 4
        assertEquals(40.0, k.frtP90S(), EPS);              // sorted 10 20 30 40, rank ceil(3.6) = 4
        assertEquals(0.75, k.frtWithinTarget(), EPS);      // 10, 20, 30 of 4
    }

    @Test
    @DisplayName("an empty tally gives 0 counts and null for every ratio and duration")
    void empty() {
        Map<String, Object> m = QueueKpis.of(new QueueTally(), S, Channel.CHAT).toMap();
        List<String> counts = List.of("offered", "answered", "abandoned", "short_abandoned", "flowed_out", "blocked",
                "answered_in_threshold", "abandoned_in_threshold", "handled");
        m.forEach((key, value) -> {
            if (counts.contains(key)) {
                assertEquals(0L, value, key);
            } else {
                assertNull(value, key);
            }
        });
    }

    @Test
    @DisplayName("only short abandons: offered counts them, but service level, abandon rate and time to abandon are null")
    void allShortAbandons() {
        QueueTally t = new QueueTally()
                .addVisit(voice(ABANDONED, 1_000), S)
                .addVisit(voice(ABANDONED, 4_999), S);
        QueueKpis k = QueueKpis.of(t, S, Channel.VOICE);
        assertEquals(2, k.offered());
        assertEquals(0, k.abandoned());
        assertEquals(2, k.shortAbandoned());
        assertNull(k.serviceLevel());                      // 0 offered once short abandons are left out
        assertNull(k.abandonRate());                       // 0 / (2 - 2)
        assertEquals(0.0, k.blockedRate(), EPS);           // 0 / (2 + 0)
        assertNull(k.asaS());                              // nothing answered
        assertEquals(2.9995, k.avgWaitS(), EPS);           // (1 + 4.999) / 2, short ones count in waits
        assertEquals(4.999, k.maxWaitS(), EPS);
        assertEquals(1.0, k.p50WaitS(), EPS);              // rank 1
        assertEquals(4.999, k.p90WaitS(), EPS);            // rank ceil(1.8) = 2
        assertNull(k.avgTimeToAbandonS());
        assertNull(k.transferRate());
        assertNull(k.surveyResponseRate());
    }

    @Test
    @DisplayName("only blocked contacts: nothing offered, blocked rate 1")
    void onlyBlocked() {
        QueueTally t = new QueueTally().addVisit(voice(BLOCKED, 0), S);
        QueueKpis k = QueueKpis.of(t, S, Channel.VOICE);
        assertEquals(0, k.offered());
        assertEquals(1.0, k.blockedRate(), EPS);           // 1 / (0 + 1)
        assertNull(k.maxWaitS());                          // a blocked contact has no wait
        assertNull(k.avgWaitS());
    }

    @Test
    @DisplayName("toMap has exactly the keys of DESIGN.md's queue KPI object, in its order")
    void keys() {
        List<String> design = List.of("offered", "answered", "abandoned", "short_abandoned", "flowed_out", "blocked",
                "answered_in_threshold", "abandoned_in_threshold", "service_level", "abandon_rate", "blocked_rate",
                "asa_s", "avg_wait_s", "max_wait_s", "p50_wait_s", "p90_wait_s", "avg_time_to_abandon_s", "handled",
                "aht_s", "avg_talk_s", "avg_hold_s", "avg_acw_s", "transfer_rate", "resolution_rate", "frt_avg_s",
                "frt_p90_s", "frt_within_target", "csat", "csat_mean", "survey_response_rate", "nps");
        Map<String, Object> m = QueueKpis.of(voiceTally(), S, Channel.VOICE).toMap();
        assertEquals(design, new ArrayList<>(m.keySet()));
        assertEquals(7L, m.get("offered"));
        assertEquals(0.4, (Double) m.get("service_level"), EPS);
        assertThrows(UnsupportedOperationException.class, () -> m.put("x", 1));
    }

    @Test
    @DisplayName("settingsMap renders DESIGN.md's settings object with the channel's threshold")
    void settings() {
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("sl_threshold_s", 20);
        expected.put("sl_target", 0.8);
        expected.put("sl_abandon_mode", "ignore");
        expected.put("short_abandon_s", 5);
        expected.put("acw_cap_s", 600);
        expected.put("fcr_window_s", 604_800L);     // 7 days
        expected.put("fcr_scope", "any_queue");
        expected.put("csat_positive_min", 4);
        expected.put("frt_target_s", 30);
        Map<String, Object> voice = QueueKpis.settingsMap(S, Channel.VOICE);
        assertEquals(expected, voice);
        assertEquals(new ArrayList<>(expected.keySet()), new ArrayList<>(voice.keySet()));
        assertEquals(86_400, QueueKpis.settingsMap(S, Channel.EMAIL).get("sl_threshold_s"));
    }

    @Test
    @DisplayName("KPIs of merged interval tallies equal the KPIs of one tally of all the facts")
    void mergedIntervals() {
        QueueTally first = new QueueTally()
                .addVisit(voice(ANSWERED, 10_000), S)
                .addVisit(voice(ANSWERED, 20_000), S);     // ASA of this interval 15 s
        QueueTally second = new QueueTally()
                .addVisit(voice(ANSWERED, 60_000), S)      // ASA of this interval 60 s
                .addVisit(voice(ABANDONED, 6_000), S);
        QueueKpis k = QueueKpis.of(first.copy().merge(second), S, Channel.VOICE);
        assertEquals(30.0, k.asaS(), EPS);                 // (10 + 20 + 60) / 3, not (15 + 60) / 2 = 37.5
        assertEquals(24.0, k.avgWaitS(), EPS);             // (10 + 20 + 60 + 6) / 4
        assertEquals(2.0 / 3, k.serviceLevel(), EPS);      // ignore: 2 in T (10, 20) / (4 - 1 abandoned in T)
        assertEquals(10.0, k.p50WaitS(), EPS);             // sorted 6 10 20 60, rank ceil(0.5 x 4) = 2
    }
}
