package io.ccpulse.domain.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AttainmentTest {

    @ParameterizedTest(name = "actual {0}, target {1}, higher is better {2}: {3}")
    @CsvSource({
        // higher is better: actual / target
        "0.9,   0.8,  true,  1.125",   // 0.9 / 0.8
        "0.4,   0.8,  true,  0.5",
        "0.8,   0.8,  true,  1.0",
        "0.96,  0.8,  true,  1.2",     // exactly the cap
        "1.0,   0.8,  true,  1.2",     // 1.25 capped
        "-0.2,  0.3,  true,  0.0",     // negative NPS: floored at 0
        "0.5,   0,    true,  1.2",     // target 0, positive actual: the cap
        "0,     0,    true,  1.0",     // target 0 met exactly
        "-0.1,  0,    true,  0.0",
        // lower is better: target / actual
        "30,    20,   false, 0.6666666666666666",  // 20 / 30
        "20,    20,   false, 1.0",
        "18,    20,   false, 1.1111111111111112",  // 20 / 18
        "10,    20,   false, 1.2",     // 2.0 capped
        "0,     0.05, false, 1.2",     // nothing against a positive target: the cap
        "0,     0,    false, 1.0",     // target 0 met exactly
        "0.1,   0,    false, 0.0",     // 0 / 0.1
        "-1,    5,    false, 1.2"
    })
    @DisplayName("attainment is actual/target or target/actual, capped at 1.2, with defined zero cases")
    void attainment(double actual, double target, boolean higherIsBetter, double expected) {
        assertEquals(expected, Attainment.of(actual, target, higherIsBetter), 1e-12);
    }

    @Test
    @DisplayName("NaN, infinite and negative targets are refused")
    void refused() {
        assertThrows(IllegalArgumentException.class, () -> Attainment.of(Double.NaN, 1, true));
        assertThrows(IllegalArgumentException.class, () -> Attainment.of(Double.POSITIVE_INFINITY, 1, true));
        assertThrows(IllegalArgumentException.class, () -> Attainment.of(1, Double.NaN, true));
        assertThrows(IllegalArgumentException.class, () -> Attainment.of(1, -0.1, false));
    }
}
