package io.ccpulse.domain.kpi;

import static io.ccpulse.domain.fact.VisitOutcome.ABANDONED;
import static io.ccpulse.domain.fact.VisitOutcome.ANSWERED;
import static io.ccpulse.domain.fact.VisitOutcome.BLOCKED;
import static io.ccpulse.domain.fact.VisitOutcome.FLOWED_OUT;
import static io.ccpulse.domain.kpi.Facts.segment;
import static io.ccpulse.domain.kpi.Facts.survey;
import static io.ccpulse.domain.kpi.Facts.visit;
import static io.ccpulse.domain.kpi.Facts.voice;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.ccpulse.domain.event.Channel;
import io.ccpulse.domain.fact.VisitOutcome;
import io.ccpulse.domain.settings.QueueSettings;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class QueueTallyTest {

    private static final QueueSettings S = QueueSettings.DEFAULTS; // voice T = 20 s, short = 5 s

    /** Voice, T = 20 s, short abandon 5 s. */
    static QueueTally mixedVoice() {
        return new QueueTally()
                .addVisit(voice(ANSWERED, 20_000), S)    // exactly T: in T
                .addVisit(voice(ANSWERED, 20_001), S)    // 1 ms over T
                .addVisit(voice(ANSWERED, 3_000), S)     // in T
                .addVisit(voice(ABANDONED, 4_999), S)    // short
                .addVisit(voice(ABANDONED, 5_000), S)    // exactly the short threshold: not short, in T
                .addVisit(voice(ABANDONED, 60_000), S)   // not in T
                .addVisit(voice(FLOWED_OUT, 10_000), S)
                .addVisit(voice(BLOCKED, 0), S);
    }

    @Test
    @DisplayName("visits are counted by outcome, with T and the short threshold applied at their edges")
    void countsVisits() {
        QueueTally t = mixedVoice();
        assertEquals(3, t.answered());
        assertEquals(2, t.abandoned());              // 5 000 and 60 000
        assertEquals(1, t.shortAbandoned());         // 4 999
        assertEquals(1, t.flowedOut());
        assertEquals(1, t.blocked());
        assertEquals(7, t.offered());                // 3 + 2 + 1 + 1, blocked not offered
        assertEquals(2, t.answeredInThreshold());    // 20 000 and 3 000
        assertEquals(1, t.abandonedInThreshold());   // 5 000 (4 999 is short, left out)
        assertEquals(43_001, t.waitAnsweredMs());    // 20 000 + 20 001 + 3 000
        assertEquals(65_000, t.waitAbandonedMs());   // 5 000 + 60 000
        assertEquals(4_999, t.waitShortAbandonedMs());
        assertEquals(60_000, t.maxWaitMs());
        assertArrayEquals(new long[] {3_000, 4_999, 5_000, 20_000, 20_001, 60_000}, t.waitSamplesMs());
        assertEquals(5_000L, t.waitPercentileMs(0.5));  // rank ceil(0.5 * 6) = 3
        assertEquals(60_000L, t.waitPercentileMs(0.9)); // rank ceil(0.9 * 6) = 6
    }

    static Stream<Arguments> thresholdsPerChannel() {
        // default T: voice 20 s, chat 30 s, email 86 400 s, messaging 3 600 s
        return Stream.of(
                Arguments.of(Channel.VOICE, 20_000L, 1L),
                Arguments.of(Channel.VOICE, 20_001L, 0L),
                Arguments.of(Channel.CHAT, 30_000L, 1L),
                Arguments.of(Channel.CHAT, 30_001L, 0L),
                Arguments.of(Channel.EMAIL, 86_400_000L, 1L),
                Arguments.of(Channel.EMAIL, 86_400_001L, 0L),
                Arguments.of(Channel.MESSAGING, 3_600_000L, 1L),
                Arguments.of(Channel.MESSAGING, 3_600_001L, 0L));
    }

    @ParameterizedTest(name = "{0} answered after {1} ms is in T: {2}")
    @MethodSource("thresholdsPerChannel")
    @DisplayName("the threshold is the visit's channel's, and a wait exactly equal to T is in T")
    void thresholdPerChannel(Channel ch, long waitMs, long expectedInT) {
        QueueTally t = new QueueTally().addVisit(visit(ch, ANSWERED, waitMs), S);
        assertEquals(expectedInT, t.answeredInThreshold());
    }

    @Test
    @DisplayName("per-queue settings change T and the short threshold")
    void customSettings() {
        QueueSettings s = new QueueSettings(Map.of(Channel.VOICE, 10), 0.9, S.abandonMode(), 8, 600,
                S.fcrWindow(), S.fcrScope(), 5, 60);
        QueueTally t = new QueueTally()
                .addVisit(voice(ANSWERED, 10_000), s)    // in T = 10 s
                .addVisit(voice(ANSWERED, 15_000), s)    // not in T
                .addVisit(voice(ABANDONED, 7_999), s)    // short (< 8 s)
                .addVisit(voice(ABANDONED, 8_000), s);   // not short, in T
        assertEquals(1, t.answeredInThreshold());
        assertEquals(1, t.shortAbandoned());
        assertEquals(1, t.abandoned());
        assertEquals(1, t.abandonedInThreshold());
    }

    @Test
    @DisplayName("segments add talk, hold, ACW, transfers and the resolved flags")
    void segments() {
        QueueTally t = new QueueTally()
                .addSegment(segment(100_000, 20_000, 30_000, false, true))
                .addSegment(segment(200_000, 0, 10_000, true, null))
                .addSegment(segment(60_000, 5_000, 0, false, false));
        assertEquals(3, t.segments());
        assertEquals(360_000, t.talkMs());   // 100 000 + 200 000 + 60 000
        assertEquals(25_000, t.holdMs());    // 20 000 + 5 000
        assertEquals(40_000, t.acwMs());     // 30 000 + 10 000
        assertEquals(1, t.transferred());
        assertEquals(2, t.wrappedWithResolvedFlag());
        assertEquals(1, t.resolvedTrue());
        assertEquals(0, t.outboundSegments());
    }

    @Test
    @DisplayName("surveys count CSAT positives at csat_positive_min and NPS promoters 9-10, detractors 0-6")
    void surveys() {
        QueueTally t = new QueueTally()
                .addSurvey(survey(5, 10), S)     // positive, promoter
                .addSurvey(survey(4, 9), S)      // positive (4 = min), promoter
                .addSurvey(survey(3, 7), S)      // not positive, passive
                .addSurvey(survey(1, 6), S)      // detractor (6)
                .addSurvey(survey(null, 0), S)   // NPS only, detractor
                .addSurvey(survey(2, null), S);  // CSAT only
        assertEquals(6, t.surveys());
        assertEquals(5, t.csatResponses());
        assertEquals(2, t.csatPositive());
        assertEquals(15, t.csatSum());           // 5 + 4 + 3 + 1 + 2
        assertEquals(5, t.npsResponses());
        assertEquals(2, t.promoters());
        assertEquals(2, t.detractors());
    }

    @Test
    @DisplayName("first responses count within target when at most frt_target_s")
    void firstResponses() {
        QueueTally t = new QueueTally()
                .addFirstResponse(30_000, S)     // = 30 s target: within
                .addFirstResponse(30_001, S)
                .addFirstResponse(5_000, S);
        assertEquals(3, t.firstResponses());
        assertEquals(65_001, t.firstResponseMs());
        assertEquals(2, t.firstResponsesWithinTarget());
        assertEquals(30_000L, t.firstResponsePercentileMs(0.5)); // sorted 5 000, 30 000, 30 001; rank 2
        assertEquals(30_001L, t.firstResponsePercentileMs(0.9)); // rank ceil(2.7) = 3
    }

    @Test
    @DisplayName("an empty tally has no percentiles and max wait -1")
    void empty() {
        QueueTally t = new QueueTally();
        assertEquals(0, t.offered());
        assertEquals(-1, t.maxWaitMs());
        assertNull(t.waitPercentileMs(0.5));
        assertNull(t.firstResponsePercentileMs(0.9));
        assertArrayEquals(new long[0], t.waitSamplesMs());
    }

    @Test
    @DisplayName("merging two tallies gives the tally of all their facts, and leaves the other unchanged")
    void merge() {
        QueueTally a = new QueueTally()
                .addVisit(voice(ANSWERED, 9_000), S)
                .addVisit(voice(ABANDONED, 1_000), S)
                .addSegment(segment(10_000, 0, 1_000, false, true))
                .addSurvey(survey(5, 10), S)
                .addFirstResponse(1_000, S)
                .addInboundContact();
        QueueTally b = new QueueTally()
                .addVisit(voice(ANSWERED, 2_000), S)
                .addVisit(voice(ABANDONED, 40_000), S)
                .addVisit(voice(FLOWED_OUT, 3_000), S)
                .addSegment(segment(20_000, 2_000, 3_000, true, false))
                .addSurvey(survey(3, 5), S)
                .addFirstResponse(50_000, S)
                .addInboundContact()
                .addInboundContact();
        a.merge(b);
        assertEquals(2, a.answered());
        assertEquals(1, a.abandoned());
        assertEquals(1, a.shortAbandoned());
        assertEquals(1, a.flowedOut());
        assertEquals(5, a.offered());
        assertEquals(2, a.answeredInThreshold());
        assertEquals(0, a.abandonedInThreshold());  // 40 s > T; 1 s is short
        assertEquals(11_000, a.waitAnsweredMs());
        assertEquals(40_000, a.waitAbandonedMs());
        assertEquals(40_000, a.maxWaitMs());
        assertArrayEquals(new long[] {1_000, 2_000, 9_000, 40_000}, a.waitSamplesMs());
        assertEquals(2, a.segments());
        assertEquals(30_000, a.talkMs());
        assertEquals(2_000, a.holdMs());
        assertEquals(4_000, a.acwMs());
        assertEquals(1, a.transferred());
        assertEquals(2, a.wrappedWithResolvedFlag());
        assertEquals(1, a.resolvedTrue());
        assertEquals(2, a.surveys());
        assertEquals(1, a.csatPositive());
        assertEquals(8, a.csatSum());
        assertEquals(1, a.promoters());
        assertEquals(1, a.detractors());
        assertEquals(2, a.firstResponses());
        assertEquals(51_000, a.firstResponseMs());
        assertEquals(1, a.firstResponsesWithinTarget());
        assertEquals(3, a.inboundContacts());
        // b unchanged
        assertEquals(1, b.answered());
        assertArrayEquals(new long[] {2_000, 40_000}, b.waitSamplesMs());
    }

    @Test
    @DisplayName("a copy is independent of its original in both directions")
    void copy() {
        QueueTally a = new QueueTally().addVisit(voice(ANSWERED, 9_000), S);
        QueueTally c = a.copy();
        c.addVisit(voice(ANSWERED, 1_000), S).addSegment(segment(1, 1, 1, false, null));
        a.addVisit(voice(ABANDONED, 30_000), S);
        assertEquals(1, a.answered());
        assertEquals(0, a.segments());
        assertArrayEquals(new long[] {9_000, 30_000}, a.waitSamplesMs());
        assertEquals(2, c.answered());
        assertEquals(0, c.abandoned());
        assertEquals(1, c.segments());
        assertArrayEquals(new long[] {1_000, 9_000}, c.waitSamplesMs());
    }

    @Test
    @DisplayName("merge order does not change the counts or the percentiles")
    void mergeOrder() {
        VisitOutcome[] outcomes = {ANSWERED, ABANDONED, ANSWERED, ANSWERED, ABANDONED};
        long[] waits = {50_000, 7_000, 1_000, 19_000, 2_000};
        QueueTally[] parts = new QueueTally[outcomes.length];
        for (int i = 0; i < outcomes.length; i++) {
            parts[i] = new QueueTally().addVisit(voice(outcomes[i], waits[i]), S);
        }
        QueueTally forward = new QueueTally();
        QueueTally backward = new QueueTally();
        for (int i = 0; i < parts.length; i++) {
            forward.merge(parts[i]);
            backward.merge(parts[parts.length - 1 - i]);
        }
        // sorted 1 000, 2 000, 7 000, 19 000, 50 000: p50 rank 3, p90 rank ceil(4.5) = 5
        assertEquals(7_000L, forward.waitPercentileMs(0.5));
        assertEquals(7_000L, backward.waitPercentileMs(0.5));
        assertEquals(50_000L, forward.waitPercentileMs(0.9));
        assertEquals(50_000L, backward.waitPercentileMs(0.9));
        assertEquals(forward.toString(), backward.toString());
    }
}
