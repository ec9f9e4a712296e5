package io.ccpulse.domain.kpi;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;

/** Percentiles of exact samples (METRICS.md: "nearest-rank percentiles"). */
public final class Percentile {

    private Percentile() {
    }

    /**
     * The nearest-rank percentile of the first {@code n} values: sort them ascending and take the
     * value at 1-based rank {@code ceil(p * n)}, with rank at least 1. So p50 of {1,2,3,4} is 2
     * (rank 2), p90 of ten values is the 9th, p100 is the maximum and p0 the minimum. The rank is
     * computed from the decimal value of {@code p} ({@code Double.toString}), so that
     * {@code ceil(0.07 * 100)} is 7 and not 8 as binary floating point (7.000000000000001) would give.
     *
     * <p>The values may be sorted or not; when they are not sorted, a copy is sorted and the input
     * is left as it is.
     *
     * @param values sample values; only the first {@code n} are used
     * @param n      how many values, 1..values.length
     * @param p      the percentile as a fraction, 0..1 (0.9 for p90)
     * @return the value at the nearest rank
     * @throws IllegalArgumentException when n is 0 (there is no percentile of nothing) or out of
     *                                  range, or p is outside 0..1
     */
    public static long nearestRank(long[] values, int n, double p) {
        if (n <= 0 || n > values.length) {
            throw new IllegalArgumentException("n must be 1.." + values.length + ", was " + n);
        }
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("p must be in 0..1, was " + p);
        }
        int rank = rank(n, p);
        long[] sorted = values;
        if (!isSorted(values, n)) {
            sorted = Arrays.copyOf(values, n);
            Arrays.sort(sorted);
        }
        return sorted[rank - 1];
    }

    /** The 1-based nearest rank {@code max(1, ceil(p * n))}, computed in decimal. */
    static int rank(int n, double p) {
        int rank = new BigDecimal(Double.toString(p)).multiply(BigDecimal.valueOf(n))
                .setScale(0, RoundingMode.CEILING).intValueExact();
        return Math.max(1, Math.min(n, rank));
    }

    private static boolean isSorted(long[] values, int n) {
        for (int i = 1; i < n; i++) {
            if (values[i] < values[i - 1]) {
                return false;
            }
        }
        return true;
    }
}
