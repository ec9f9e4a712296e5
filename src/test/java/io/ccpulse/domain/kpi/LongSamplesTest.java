package io.ccpulse.domain.kpi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LongSamplesTest {

    private static LongSamples of(long... values) {
        LongSamples s = new LongSamples();
        for (long v : values) {
            s.add(v);
        }
        return s;
    }

    @Test
    @DisplayName("percentiles of unsorted samples are right, and reading them leaves the samples in insertion order")
    void readingDoesNotSort() {
        LongSamples s = of(9, 3, 5);
        assertEquals(5L, s.percentile(0.5));                  // sorted 3 5 9, rank 2
        assertArrayEquals(new Long[] {5L, 9L}, s.percentiles(0.5, 0.9));  // p90 rank ceil(2.7) = 3
        // still unsorted inside: the next add of a large value keeps the order 9 3 5 17
        s.add(17);
        assertArrayEquals(new long[] {3, 5, 9, 17}, s.toSortedArray());
        assertEquals(9L, s.percentile(0.75));                 // rank 3
    }

    @Test
    @DisplayName("a copy is sorted and independent of later adds to the original")
    void copy() {
        LongSamples s = of(9, 3, 5);
        LongSamples c = s.copy();
        s.add(1);
        long[] internal = c.sortedForReading();
        assertArrayEquals(new long[] {3, 5, 9}, java.util.Arrays.copyOf(internal, c.size()));
        assertArrayEquals(new long[] {1, 3, 5, 9}, s.toSortedArray());
        assertEquals(3, c.size());
    }

    @Test
    @DisplayName("merging sorted samples that overlap, or unsorted ones, still gives the right percentiles")
    void merge() {
        LongSamples a = of(1, 4, 8);
        a.addAll(of(2, 3));          // sorted, but 2 < 8: the union is not sorted
        assertArrayEquals(new long[] {1, 2, 3, 4, 8}, a.toSortedArray());
        assertEquals(3L, a.percentile(0.5));                  // rank 3
        LongSamples b = of(10, 20);
        b.addAll(of(40, 30));        // unsorted other
        assertEquals(40L, b.percentile(0.9));                 // sorted 10 20 30 40, rank 4
        assertEquals(20L, b.percentile(0.5));                 // rank 2
        LongSamples empty = new LongSamples();
        empty.addAll(new LongSamples());
        assertNull(empty.percentile(0.5));
        assertArrayEquals(new Long[] {null, null}, empty.percentiles(0.5, 0.9));
    }

    @Test
    @DisplayName("the array grows past its first capacity without losing values")
    void grows() {
        LongSamples s = new LongSamples();
        for (long v = 1000; v >= 1; v--) {
            s.add(v);
        }
        assertEquals(1000, s.size());
        assertEquals(900L, s.percentile(0.9));               // 1..1000, rank 900
        assertEquals(500L, s.percentile(0.5));               // rank 500
        assertEquals(1000L, s.percentile(1.0));
    }
}
