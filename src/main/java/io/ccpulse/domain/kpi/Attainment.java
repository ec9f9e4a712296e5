package io.ccpulse.domain.kpi;

/**
 * Attainment of a KPI target (METRICS.md "Targets, scorecards, comparisons"): actual / target when
 * higher is better, target / actual when lower is better, capped at {@link #CAP} (1.2).
 *
 * <p>Edge cases, so that the result is always a number in 0..1.2:
 * <ul>
 *   <li>The result is never below 0: a negative actual against a higher-is-better target (an NPS of
 *       -0.2 against 0.3) attains 0.</li>
 *   <li>Higher is better, target 0: any positive actual attains the cap, an actual of 0 attains
 *       exactly 1 (on target), a negative actual 0.</li>
 *   <li>Lower is better, actual 0 (no escalations, no wait) or below: the cap, unless the target
 *       is 0 too and the actual exactly 0, which is exactly on target: 1.</li>
 *   <li>Lower is better, target 0 and a positive actual: 0 (0 / actual).</li>
 * </ul>
 * Targets must be >= 0 (every KPI with a target is a count, a duration or a ratio; set an NPS
 * target of 0 or more). NaN and infinite values are refused.
 */
public final class Attainment {

    /** Attainment is capped here, so one outstanding KPI cannot hide the others. */
    public static final double CAP = 1.2;

    private Attainment() {
    }

    /**
     * @param actual          the KPI value
     * @param target          the target value, >= 0
     * @param higherIsBetter  true for CSAT, service level, resolution rate; false for ASA, AHT,
     *                        abandon rate, escalation rate
     * @return attainment in 0..1.2
     */
    public static double of(double actual, double target, boolean higherIsBetter) {
        if (!Double.isFinite(actual)) {
            throw new IllegalArgumentException("actual must be a finite number, was " + actual);
        }
        if (!(target >= 0) || Double.isInfinite(target)) {
            throw new IllegalArgumentException("target must be a finite number >= 0, was " + target);
        }
        double raw;
        if (higherIsBetter) {
            if (target == 0) {
                raw = actual > 0 ? CAP : actual == 0 ? 1 : 0;
            } else {
                raw = actual / target;
            }
        } else {
            if (actual <= 0) {
                raw = target == 0 && actual == 0 ? 1 : CAP;
            } else {
                raw = target / actual;
            }
        }
        return Math.max(0, Math.min(CAP, raw));
    }
}
