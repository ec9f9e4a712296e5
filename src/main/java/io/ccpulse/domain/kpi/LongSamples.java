package io.ccpulse.domain.kpi;

import java.util.Arrays;

/**
 * A compact growable array of {@code long} sample values (milliseconds), kept so that nearest-rank
 * percentiles over merged tallies are exact. Sorted lazily, in place, when a percentile is read.
 * Not thread-safe, like the tallies that own it.
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

    LongSamples copy() {
        LongSamples c = new LongSamples();
        c.values = size == 0 ? EMPTY : Arrays.copyOf(values, size);
        c.size = size;
        c.sorted = sorted;
        return c;
    }

    int size() {
        return size;
    }

    /** A sorted copy of the values. */
    long[] toSortedArray() {
        sortInPlace();
        return Arrays.copyOf(values, size);
    }

    /** The nearest-rank percentile (see {@link Percentile#nearestRank}), or null when empty. */
    Long percentile(double p) {
        if (size == 0) {
            return null;
        }
        sortInPlace();
        return Percentile.nearestRank(values, size, p);
    }

    private void sortInPlace() {
        if (!sorted) {
            Arrays.sort(values, 0, size);
            sorted = true;
        }
    }
}
