package io.ccpulse.domain.kpi;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Erlang C staffing (METRICS.md "Staffing (Erlang C)"): agents required now for a queue to meet its
 * service-level target, from the recent arrival rate and AHT. Traffic A (Erlangs) = arrivals per
 * second x AHT in seconds.
 *
 * <p>Reference: 100 contacts per 30 min, AHT 180 s (A = 10), T = 20 s, target 0.8 gives 14 agents,
 * SL 0.8884, occupancy 0.7143, P(wait) 0.1741; with shrinkage 0.3, 20 scheduled positions.
 */
public final class ErlangC {

    /** Safety bound on the search beyond A; never reached for valid input. */
    private static final int MAX_EXTRA_AGENTS = 1_000_000;

    private ErlangC() {
    }

    /**
     * The result of {@link #required}.
     *
     * @param agents         the smallest N with SL(N) >= target (0 when there is no traffic)
     * @param trafficErlangs A = arrivals per second x AHT
     * @param serviceLevel   SL(N)
     * @param occupancy      A / N (0 when N is 0)
     * @param pWait          P(wait) with N agents
     */
    public record Requirement(int agents, double trafficErlangs, double serviceLevel, double occupancy,
                              double pWait) {

        /** Positions to schedule for these agents with the given shrinkage; see {@link ErlangC#scheduled}. */
        public int scheduled(double shrinkage) {
            return ErlangC.scheduled(agents, shrinkage);
        }
    }

    /**
     * Erlang C: the probability that a contact has to wait with {@code agents} agents and traffic A.
     * Computed from Erlang B with the stable recursion B(0) = 1, B(k) = A·B(k-1) / (k + A·B(k-1)),
     * then C = N·B / (N - A·(1 - B)). When N <= A the queue is unstable and every contact waits: 1.
     * With no traffic (A = 0) nobody waits: 0.
     */
    public static double pWait(double trafficA, int agents) {
        checkTraffic(trafficA);
        if (agents < 0) {
            throw new IllegalArgumentException("agents must be >= 0, was " + agents);
        }
        if (trafficA == 0) {
            return 0;
        }
        if (agents <= trafficA) {
            return 1;
        }
        double b = 1;
        for (int k = 1; k <= agents; k++) {
            b = trafficA * b / (k + trafficA * b);
        }
        return erlangC(trafficA, agents, b);
    }

    private static double erlangC(double a, int n, double erlangB) {
        return n * erlangB / (n - a * (1 - erlangB));
    }

    /**
     * SL(N) = 1 - P(wait) x exp(-(N - A) x T / AHT): the share of contacts answered within T
     * seconds. 0 when N <= A (unstable queue), 1 with no traffic.
     */
    public static double serviceLevel(double trafficA, int agents, double thresholdS, double ahtS) {
        checkTraffic(trafficA);
        checkAhtAndThreshold(ahtS, thresholdS);
        if (trafficA == 0) {
            return 1;
        }
        if (agents <= trafficA) {
            return 0;
        }
        return sl(trafficA, agents, pWait(trafficA, agents), thresholdS, ahtS);
    }

    private static double sl(double a, int n, double pWait, double thresholdS, double ahtS) {
        return 1 - pWait * Math.exp(-(n - a) * thresholdS / ahtS);
    }

    /**
     * The smallest N with SL(N) >= target. With no arrivals the requirement is 0 agents (SL 1,
     * occupancy 0, P(wait) 0). A target of 0 or less gives the smallest stable N (N > A).
     *
     * @param arrivalsPerSecond recent arrival rate, >= 0
     * @param ahtS              average handle time, seconds, > 0
     * @param thresholdS        service-level threshold T, seconds, >= 0
     * @param target            service-level target, at most 1
     */
    public static Requirement required(double arrivalsPerSecond, double ahtS, double thresholdS, double target) {
        if (!(arrivalsPerSecond >= 0) || Double.isInfinite(arrivalsPerSecond)) {
            throw new IllegalArgumentException("arrivals per second must be >= 0, was " + arrivalsPerSecond);
        }
        checkAhtAndThreshold(ahtS, thresholdS);
        if (!(target <= 1)) {
            throw new IllegalArgumentException("target must be <= 1, was " + target);
        }
        double a = arrivalsPerSecond * ahtS;
        if (a == 0) {
            return new Requirement(0, 0, 1, 0, 0);
        }
        // Erlang B grows with N by the same recursion, so walk N upward once: O(N).
        double b = 1;
        int n = 0;
        int limit = (int) Math.min(Integer.MAX_VALUE, Math.floor(a) + MAX_EXTRA_AGENTS);
        while (n < limit) {
            n++;
            b = a * b / (n + a * b);
            if (n <= a) {
                continue;
            }
            double pWait = erlangC(a, n, b);
            double sl = sl(a, n, pWait, thresholdS, ahtS);
            if (sl >= target) {
                return new Requirement(n, a, sl, a / n, pWait);
            }
        }
        throw new IllegalStateException("no agent count up to " + limit + " reaches service level " + target);
    }

    /**
     * Positions to schedule so that {@code agents} are on the phones after shrinkage (breaks,
     * meetings, absence): ceil(N / (1 - shrinkage)), computed in decimal so that 21 / (1 - 0.3) is
     * exactly 30 (binary floating point gives 30.000000000000004, which would round up to 31).
     *
     * @param shrinkage 0 (none) up to, not including, 1
     */
    public static int scheduled(int agents, double shrinkage) {
        if (agents < 0) {
            throw new IllegalArgumentException("agents must be >= 0, was " + agents);
        }
        if (!(shrinkage >= 0 && shrinkage < 1)) {
            throw new IllegalArgumentException("shrinkage must be in [0, 1), was " + shrinkage);
        }
        BigDecimal onPhones = BigDecimal.ONE.subtract(new BigDecimal(Double.toString(shrinkage)));
        return BigDecimal.valueOf(agents).divide(onPhones, 0, RoundingMode.CEILING).intValueExact();
    }

    private static void checkTraffic(double a) {
        if (!(a >= 0) || Double.isInfinite(a)) {
            throw new IllegalArgumentException("traffic must be >= 0 Erlangs, was " + a);
        }
    }

    private static void checkAhtAndThreshold(double ahtS, double thresholdS) {
        if (!(ahtS > 0) || Double.isInfinite(ahtS)) {
            throw new IllegalArgumentException("AHT must be > 0 s, was " + ahtS);
        }
        if (!(thresholdS >= 0) || Double.isInfinite(thresholdS)) {
            throw new IllegalArgumentException("threshold must be >= 0 s, was " + thresholdS);
        }
    }
}
