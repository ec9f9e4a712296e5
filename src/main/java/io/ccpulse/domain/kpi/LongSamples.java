package io.ccpulse.domain.kpi;

import java.util.Arrays;

/**
 * A compact growable array of {@code long} sample values (milliseconds), kept so that nearest-rank
 * percentiles over merged tallies are exact. Writes are not thread-safe, like the tallies that own
 * it; reads never modify it (no lazy in-place sort), so a safely published instance that is no
 * longer written can be read from several threads. {@link #copy()} returns sorted samples, so
 * reading a copy costs no sort.
 */
final class LongSamples {

    private static final long[] EMPTY = new long[0];

    private long[] values = EMPTY;
    private int size;
    private boolean sorted = true;

    void add(long value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, Math.max(16, size + (size >> 1)));
        }
        if (size > 0 && value < values[size - 1]) {
            sorted = false;
        }
        values[size++] = value;
    }

    void addAll(LongSamples other) {
        if (other.size == 0) {
            return;
        }
        int needed = size + other.size;
        if (needed > values.length) {
            values = Arrays.copyOf(values, Math.max(needed, size + (size >> 1)));
        }
        if (!other.sorted || (size > 0 && other.values[0] < values[size - 1])) {
            sorted = false;
        }
        System.arraycopy(other.values, 0, values, size, other.size);
        size = needed;
    }

    /** An independent copy, with its values sorted. */
    LongSamples copy() {
        LongSamples c = new LongSamples();
        c.values = size == 0 ? EMPTY : Arrays.copyOf(values, size);
        c.size = size;
        if (!sorted) {
            Arrays.sort(c.values);
        }
        return c;
    }

    int size() {
        return size;
    }

    /** A sorted copy of the values. */
    long[] toSortedArray() {
        long[] c = Arrays.copyOf(values, size);
        if (!sorted) {
            Arrays.sort(c);
        }
        return c;
    }

    /**
     * The values sorted, for reading only: the internal array when already sorted (only the first
     * {@link #size()} entries are values), else a sorted copy. Callers must not modify it.
     */
    long[] sortedForReading() {
        return sorted ? values : toSortedArray();
    }

    /** The nearest-rank percentile (see {@link Percentile#nearestRank}), or null when empty. */
    Long percentile(double p) {
        return size == 0 ? null : Percentile.nearestRank(sortedForReading(), size, p);
    }

    /** Several nearest-rank percentiles with at most one sort; null entries when empty. */
    Long[] percentiles(double... ps) {
        Long[] out = new Long[ps.length];
        if (size > 0) {
            long[] v = sortedForReading();
            for (int i = 0; i < ps.length; i++) {
                out[i] = Percentile.nearestRank(v, size, ps[i]);
            }
        }
        return out;
    }
}
