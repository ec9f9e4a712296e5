package io.ccpulse.domain.kpi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PercentileTest {

    private static final long[] FIVE = {15, 20, 35, 40, 50};
    private static final long[] TEN = {3, 6, 7, 8, 8, 10, 13, 15, 16, 20};

    static Stream<Arguments> vectors() {
        return Stream.of(
                Arguments.of(FIVE, 0.05, 15L),  // rank ceil(0.25) = 1
                Arguments.of(FIVE, 0.30, 20L),  // rank ceil(1.5) = 2
                Arguments.of(FIVE, 0.40, 20L),  // rank ceil(2.0) = 2
                Arguments.of(FIVE, 0.50, 35L),  // rank ceil(2.5) = 3
                Arguments.of(FIVE, 1.00, 50L),  // rank 5
                Arguments.of(TEN, 0.00, 3L),    // rank max(1, 0) = 1
                Arguments.of(TEN, 0.25, 7L),    // rank ceil(2.5) = 3
                Arguments.of(TEN, 0.50, 8L),    // rank 5
                Arguments.of(TEN, 0.70, 13L),   // rank 7
                Arguments.of(TEN, 0.75, 15L),   // rank ceil(7.5) = 8
                Arguments.of(TEN, 0.90, 16L),   // rank 9
                Arguments.of(TEN, 0.91, 20L),   // rank ceil(9.1) = 10
                Arguments.of(TEN, 1.00, 20L),   // rank 10
                Arguments.of(new long[] {42}, 0.9, 42L),
                // 1..100: binary 0.07 x 100 = 7.000000000000001 would give rank 8; decimal gives 7
                Arguments.of(oneToHundred(), 0.07, 7L),
                // 1..50 taken from 1..100's first half: 0.14 x 50 = 7.000000000000001 in binary
                Arguments.of(java.util.Arrays.copyOf(oneToHundred(), 50), 0.14, 7L));
    }

    private static long[] oneToHundred() {
        long[] v = new long[100];
        for (int i = 0; i < 100; i++) {
            v[i] = i + 1;
        }
        return v;
    }

    @ParameterizedTest(name = "p{1} of {0} = {2}")
    @MethodSource("vectors")
    @DisplayName("nearest rank is the value at 1-based rank ceil(p x n)")
    void nearestRank(long[] values, double p, long expected) {
        assertEquals(expected, Percentile.nearestRank(values, values.length, p));
    }

    @Test
    @DisplayName("unsorted input gives the same percentile and is left unchanged")
    void unsorted() {
        long[] values = {50, 15, 40, 20, 35};
        assertEquals(35L, Percentile.nearestRank(values, 5, 0.5));  // sorted 15 20 35 40 50, rank 3
        assertEquals(50L, Percentile.nearestRank(values, 5, 0.9));  // rank ceil(4.5) = 5
        assertArrayEquals(new long[] {50, 15, 40, 20, 35}, values);
    }

    @Test
    @DisplayName("only the first n values count")
    void prefix() {
        long[] values = {9, 1, 5, 100, 0};
        assertEquals(9L, Percentile.nearestRank(values, 3, 1.0));   // of {9, 1, 5}
        assertEquals(5L, Percentile.nearestRank(values, 3, 0.5));   // sorted 1 5 9, rank 2
    }

    @Test
    @DisplayName("no values, n beyond the array and p outside 0..1 are refused")
    void refused() {
        assertThrows(IllegalArgumentException.class, () -> Percentile.nearestRank(new long[0], 0, 0.5));
        assertThrows(IllegalArgumentException.class, () -> Percentile.nearestRank(new long[] {1}, 2, 0.5));
        assertThrows(IllegalArgumentException.class, () -> Percentile.nearestRank(new long[] {1}, 1, 1.1));
        assertThrows(IllegalArgumentException.class, () -> Percentile.nearestRank(new long[] {1}, 1, -0.1));
        assertThrows(IllegalArgumentException.class, () -> Percentile.nearestRank(new long[] {1}, 1, Double.NaN));
    }
}
