package io.ccpulse.domain.kpi;

import static io.ccpulse.domain.fact.VisitOutcome.ABANDONED;
import static io.ccpulse.domain.fact.VisitOutcome.ANSWERED;
import static io.ccpulse.domain.fact.VisitOutcome.FLOWED_OUT;
import static io.ccpulse.domain.kpi.Facts.voice;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.ccpulse.domain.settings.AbandonMode;
import io.ccpulse.domain.settings.QueueSettings;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class ServiceLevelTest {

    private static final QueueSettings S = QueueSettings.DEFAULTS;

    static Stream<Arguments> cisco() {
        // 70 answered in T, 10 abandoned in T, 20 answered after T, 100 offered (90 answered)
        return Stream.of(
                Arguments.of(AbandonMode.IGNORE, 70.0 / 90, 0.778),         // 70 / (100 - 10)
                Arguments.of(AbandonMode.NEGATIVE, 70.0 / 100, 0.700),      // 70 / 100
                Arguments.of(AbandonMode.POSITIVE, 80.0 / 100, 0.800),      // (70 + 10) / 100
                Arguments.of(AbandonMode.ANSWERED_ONLY, 70.0 / 90, 0.778)); // 70 / 90
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("cisco")
    @DisplayName("Cisco's vector gives the published value in every variant, as an exact fraction")
    void ciscoVector(AbandonMode mode, double exact, double published) {
        Double sl = ServiceLevel.compute(mode, 70, 10, 100, 90);
        assertEquals(published, sl, 1e-3);
        assertEquals(exact, sl, 1e-15);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(AbandonMode.class)
    @DisplayName("nothing offered gives no service level in any variant")
    void nothingOffered(AbandonMode mode) {
        assertNull(ServiceLevel.compute(mode, 0, 0, 0, 0));
    }

    static Stream<Arguments> zeroDenominators() {
        return Stream.of(
                // 4 offered, all 4 abandoned in T: ignore has 4 - 4 = 0 in its denominator
                Arguments.of(AbandonMode.IGNORE, 0L, 4L, 4L, 0L, null),
                Arguments.of(AbandonMode.NEGATIVE, 0L, 4L, 4L, 0L, 0.0),        // 0 / 4
                Arguments.of(AbandonMode.POSITIVE, 0L, 4L, 4L, 0L, 1.0),        // (0 + 4) / 4
                Arguments.of(AbandonMode.ANSWERED_ONLY, 0L, 4L, 4L, 0L, null),  // 0 answered
                // 3 offered, all flowed out: nothing answered, nothing abandoned
                Arguments.of(AbandonMode.IGNORE, 0L, 0L, 3L, 0L, 0.0),          // 0 / 3
                Arguments.of(AbandonMode.ANSWERED_ONLY, 0L, 0L, 3L, 0L, null));
    }

    @ParameterizedTest(name = "{0}, {1} answered in T, {2} abandoned in T, {3} offered, {4} answered: {5}")
    @MethodSource("zeroDenominators")
    @DisplayName("a variant whose own denominator is 0 gives null, the others a number")
    void zeroDenominator(AbandonMode mode, long answeredInT, long abandonedInT, long offered, long answered,
                         Double expected) {
        assertEquals(expected, ServiceLevel.compute(mode, answeredInT, abandonedInT, offered, answered));
    }

    static Stream<Arguments> fromTally() {
        // offered without short = 3 answered + 2 abandoned + 1 flowed out = 6;
        // answered in T = 2 (10 s, 20 s), abandoned in T = 1 (10 s), the 2 s abandon is short
        return Stream.of(
                Arguments.of(AbandonMode.IGNORE, 2.0 / 5),          // 2 / (6 - 1)
                Arguments.of(AbandonMode.NEGATIVE, 2.0 / 6),        // 2 / 6
                Arguments.of(AbandonMode.POSITIVE, 3.0 / 6),        // (2 + 1) / 6
                Arguments.of(AbandonMode.ANSWERED_ONLY, 2.0 / 3));  // 2 / 3
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("fromTally")
    @DisplayName("from a tally, short abandons are left out of every variant")
    void ofTally(AbandonMode mode, double expected) {
        QueueTally t = new QueueTally()
                .addVisit(voice(ANSWERED, 10_000), S)
                .addVisit(voice(ANSWERED, 20_000), S)
                .addVisit(voice(ANSWERED, 30_000), S)
                .addVisit(voice(ABANDONED, 2_000), S)
                .addVisit(voice(ABANDONED, 10_000), S)
                .addVisit(voice(ABANDONED, 25_000), S)
                .addVisit(voice(FLOWED_OUT, 1_000), S);
        assertEquals(expected, ServiceLevel.of(t, mode), 1e-15);
    }

    @Test
    @DisplayName("a tally of only short abandons has no service level in any variant")
    void allShort() {
        QueueTally t = new QueueTally()
                .addVisit(voice(ABANDONED, 0), S)
                .addVisit(voice(ABANDONED, 4_999), S);
        for (AbandonMode mode : AbandonMode.values()) {
            assertNull(ServiceLevel.of(t, mode), mode.wireName());
        }
    }
}
