package io.ccpulse.domain.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ErlangCTest {

    @Test
    @DisplayName("METRICS.md reference: 100 contacts / 30 min, AHT 180 s, T 20 s, target 0.8 needs 14 agents, 20 scheduled")
    void reference() {
        ErlangC.Requirement r = ErlangC.required(100.0 / 1800, 180, 20, 0.8);
        assertEquals(10.0, r.trafficErlangs(), 1e-12);     // 100 / 1 800 x 180
        assertEquals(14, r.agents());
        assertEquals(0.8884, r.serviceLevel(), 5e-5);
        assertEquals(0.7143, r.occupancy(), 5e-5);         // 10 / 14
        assertEquals(0.1741, r.pWait(), 5e-5);
        assertEquals(20, r.scheduled(0.3));                // ceil(14 / 0.7)
        assertEquals(20, ErlangC.scheduled(14, 0.3));
    }

    @Test
    @DisplayName("in the reference, 13 agents fall short of 0.8, so 14 is the smallest")
    void thirteenIsNotEnough() {
        // 13 agents: P(wait) 0.2853, SL 1 - 0.2853 x exp(-3 x 20 / 180) = 0.7956
        assertEquals(0.2853, ErlangC.pWait(10, 13), 5e-5);
        assertEquals(0.7956, ErlangC.serviceLevel(10, 13, 20, 180), 5e-5);
        assertEquals(0.1741, ErlangC.pWait(10, 14), 5e-5);
        assertEquals(0.8884, ErlangC.serviceLevel(10, 14, 20, 180), 5e-5);
    }

    static Stream<Arguments> pWaitByHand() {
        return Stream.of(
                // M/M/1: P(wait) = rho. A = 0.5: B1 = 0.5 / 1.5 = 1/3, C = (1/3) / (1 - 0.5 x 2/3) = 1/2
                Arguments.of(0.5, 1, 0.5),
                // A = 2, N = 3: B1 = 2/3, B2 = (4/3) / (2 + 4/3) = 2/5, B3 = (4/5) / (3 + 4/5) = 4/19,
                // C = 3 x 4/19 / (3 - 2 x 15/19) = (12/19) / (27/19) = 4/9
                Arguments.of(2.0, 3, 4.0 / 9),
                // N <= A: unstable, everybody waits
                Arguments.of(10.0, 10, 1.0),
                Arguments.of(10.0, 3, 1.0),
                // no traffic: nobody waits
                Arguments.of(0.0, 0, 0.0),
                Arguments.of(0.0, 5, 0.0));
    }

    @ParameterizedTest(name = "A = {0}, N = {1}: P(wait) = {2}")
    @MethodSource("pWaitByHand")
    @DisplayName("P(wait) matches hand-computed Erlang C values")
    void pWait(double a, int n, double expected) {
        assertEquals(expected, ErlangC.pWait(a, n), 1e-12);
    }

    @Test
    @DisplayName("SL(N) = 1 - P(wait) x exp(-(N - A) T / AHT), hand-computed for A = 2, N = 3")
    void serviceLevelByHand() {
        // 1 - 4/9 x exp(-(3 - 2) x 10 / 100) = 1 - 0.444444 x 0.904837 = 0.597850
        assertEquals(1 - 4.0 / 9 * Math.exp(-0.1), ErlangC.serviceLevel(2, 3, 10, 100), 1e-12);
        assertEquals(0.597850, ErlangC.serviceLevel(2, 3, 10, 100), 1e-6);
        // T = 0: SL = 1 - P(wait) = 5/9
        assertEquals(5.0 / 9, ErlangC.serviceLevel(2, 3, 0, 100), 1e-12);
        assertEquals(0.0, ErlangC.serviceLevel(10, 10, 20, 180));   // unstable
        assertEquals(1.0, ErlangC.serviceLevel(0, 0, 20, 180));     // no traffic
    }

    @Test
    @DisplayName("no arrivals need no agents")
    void noTraffic() {
        assertEquals(new ErlangC.Requirement(0, 0, 1, 0, 0), ErlangC.required(0, 180, 20, 0.8));
    }

    @Test
    @DisplayName("a target of 0 gives the smallest stable team: one more than the traffic")
    void smallestStable() {
        ErlangC.Requirement r = ErlangC.required(100.0 / 1800, 180, 20, 0);
        assertEquals(11, r.agents());                      // A = 10: N = 10 is unstable
        assertEquals(0.6821, r.pWait(), 5e-5);
    }

    @Test
    @DisplayName("large traffic stays finite and gives the smallest N meeting the target")
    void largeTraffic() {
        ErlangC.Requirement r = ErlangC.required(10, 100, 20, 0.8);  // A = 1 000 Erlangs
        assertTrue(r.agents() > 1000 && r.agents() < 1100, "agents " + r.agents());
        assertTrue(r.serviceLevel() >= 0.8);
        assertTrue(ErlangC.serviceLevel(1000, r.agents() - 1, 20, 100) < 0.8);
        assertEquals(1000.0 / r.agents(), r.occupancy(), 1e-12);
    }

    @Test
    @DisplayName("a target of 1 terminates once SL rounds to 1")
    void fullTarget() {
        ErlangC.Requirement r = ErlangC.required(100.0 / 1800, 180, 20, 1.0);
        assertEquals(1.0, r.serviceLevel());
        assertTrue(r.agents() > 14);
    }

    @ParameterizedTest(name = "{0} agents, shrinkage {1}: {2} scheduled")
    @CsvSource({
        "14, 0.3, 20",    // 14 / 0.7 = 20
        "21, 0.3, 30",    // 21 / 0.7 = 30 exactly; binary floating point gives 30.000000000000004 -> 31
        "4, 0.8, 20",     // 4 / 0.2 = 20 exactly; binary gives 20.000000000000004
        "14, 0.0, 14",
        "14, 0.33, 21",   // 14 / 0.67 = 20.9
        "1, 0.5, 2",
        "0, 0.5, 0",
        "10, 0.35, 16"    // 10 / 0.65 = 15.4
    })
    @DisplayName("scheduled positions are ceil(N / (1 - shrinkage))")
    void scheduled(int agents, double shrinkage, int expected) {
        assertEquals(expected, ErlangC.scheduled(agents, shrinkage));
    }

    @Test
    @DisplayName("impossible inputs are refused")
    void refused() {
        assertThrows(IllegalArgumentException.class, () -> ErlangC.scheduled(14, 1.0));
        assertThrows(IllegalArgumentException.class, () -> ErlangC.scheduled(14, -0.1));
        assertThrows(IllegalArgumentException.class, () -> ErlangC.scheduled(-1, 0.3));
        assertThrows(IllegalArgumentException.class, () -> ErlangC.required(-1, 180, 20, 0.8));
        assertThrows(IllegalArgumentException.class, () -> ErlangC.required(1, 0, 20, 0.8));
        assertThrows(IllegalArgumentException.class, () -> ErlangC.required(1, 180, -1, 0.8));
        assertThrows(IllegalArgumentException.class, () -> ErlangC.required(1, 180, 20, 1.5));
        assertThrows(IllegalArgumentException.class, () -> ErlangC.required(Double.NaN, 180, 20, 0.8));
        assertThrows(IllegalArgumentException.class, () -> ErlangC.pWait(-1, 3));
        assertThrows(IllegalArgumentException.class, () -> ErlangC.pWait(1, -3));
    }
}
