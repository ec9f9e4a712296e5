package io.ccpulse.domain.kpi;

/** Null-safe divisions used by the KPI records: null where the denominator is 0. */
final class Ratios {

    private Ratios() {
    }

    /** numerator / denominator, or null when the denominator is 0. */
    static Double ratio(long numerator, long denominator) {
        return denominator == 0 ? null : (double) numerator / denominator;
    }

    /** A sum of milliseconds divided by a count, in seconds; null when the count is 0. */
    static Double avgSeconds(long sumMs, long count) {
        return count == 0 ? null : sumMs / 1000.0 / count;
    }

    /** Milliseconds as seconds; null stays null. */
    static Double seconds(Long ms) {
        return ms == null ? null : ms / 1000.0;
    }

    static double seconds(long ms) {
        return ms / 1000.0;
    }
}
