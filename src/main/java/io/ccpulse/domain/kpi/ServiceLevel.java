package io.ccpulse.domain.kpi;

import io.ccpulse.domain.settings.AbandonMode;
import java.util.Objects;

/**
 * Service level, the four variants of METRICS.md "Service level". "In T" means wait <= T.
 * Short abandons are left out of every variant: the counts passed in must already exclude them
 * ({@code offered} = answered + abandoned excl. short + flowed out).
 */
public final class ServiceLevel {

    private ServiceLevel() {
    }

    /**
     * The service level in the given variant:
     * <ul>
     *   <li>{@link AbandonMode#IGNORE} (default): answered in T / (offered - abandoned in T)</li>
     *   <li>{@link AbandonMode#NEGATIVE}: answered in T / offered</li>
     *   <li>{@link AbandonMode#POSITIVE}: (answered in T + abandoned in T) / offered (Amazon Connect's
     *       "service level X")</li>
     *   <li>{@link AbandonMode#ANSWERED_ONLY}: answered in T / answered</li>
     * </ul>
     * Cisco's vector: 70 answered in T, 10 abandoned in T, 20 answered after T, 100 offered gives
     * ignore 70/90, negative 70/100, positive 80/100, answered_only 70/90.
     *
     * @param answeredInT  answered visits with wait <= T
     * @param abandonedInT abandoned visits with wait <= T, short abandons excluded
     * @param offered      offered visits, short abandons excluded
     * @param answered     answered visits
     * @return the ratio 0..1, or null when the variant's denominator is 0 (nothing offered, or
     *         everything offered abandoned in T for ignore, or nothing answered for answered_only)
     */
    public static Double compute(AbandonMode mode, long answeredInT, long abandonedInT, long offered, long answered) {
        Objects.requireNonNull(mode, "mode");
        switch (mode) {
            case IGNORE:
                return Ratios.ratio(answeredInT, offered - abandonedInT);
            case NEGATIVE:
                return Ratios.ratio(answeredInT, offered);
            case POSITIVE:
                return Ratios.ratio(answeredInT + abandonedInT, offered);
            case ANSWERED_ONLY:
                return Ratios.ratio(answeredInT, answered);
            default:
                throw new IllegalArgumentException("unknown mode " + mode);
        }
    }

    /** The service level of a tally in the given variant, short abandons left out. */
    public static Double of(QueueTally t, AbandonMode mode) {
        return compute(mode, t.answeredInThreshold(), t.abandonedInThreshold(), t.offered() - t.shortAbandoned(),
                t.answered());
    }
}
