package io.ccpulse.sim;

import io.ccpulse.domain.event.Channel;

/**
 * A queue and channel with the behaviour of its customers and agents. Built once by
 * {@link Center}; read-only afterwards (fields are set through the fluent methods during setup).
 * Durations are in seconds.
 */
final class Lane {

    final String queue;
    final Channel channel;
    /** The team whose agents serve this lane first. */
    final String team;
    /** Share of the team's arrivals that come to this lane. */
    final double mix;
    /** Relative arrival rate at h:30 local time for h = 0..23 (peak 1.0). */
    final double[] curve;

    int openFrom = 0;
    int openTo = 24;

    double ringMedianS = 5;
    double missP = 0.03;
    double talkMeanS;
    double talkSigma = 0.55;
    double acwMeanS = 30;
    double holdP;
    double holdMeanS = 50;
    double transferP;
    double transferToAgentP = 0.3;
    String[] transferQueues = new String[0];
    /** Median patience; 0 = never abandons (email). */
    double patienceMedianS;
    double patienceSigma = 0.9;
    /** Share of callers who hang up within the first seconds (short abandons). */
    double shortP;
    /** Share of abandons reported as contact.ended while queued instead of contact.abandoned. */
    double endedWhileQueuedP = 0.15;
    double resolvedP = 0.8;
    double surveyP = 0.15;
    double noWrapP = 0.03;
    double retryAfterAbandonP = 0.45;
    /** Service-level threshold; the router serves the lane whose head waited longest relative to it. */
    double slThresholdS = 20;
    /** How many contacts of this lane an agent handles at once, on average (for the load calibration). */
    double effConcurrency = 1;
    /** Median gap between messages in a conversation (chat, messaging). */
    double messageGapS = 40;
    double firstResponseMedianS = 10;
    String[] resolvedDispositions = {"resolved"};
    String[] unresolvedDispositions = {"follow_up"};

    /** Waiting contacts beyond which arrivals are blocked (set by the center). */
    int capacity = Integer.MAX_VALUE;
    /** Arrivals per second at curve 1.0 on a day with factor 1.0 (set by the calibration). */
    double peakRatePerS;

    Lane(String queue, Channel channel, String team, double mix, double[] curve) {
        this.queue = queue;
        this.channel = channel;
        this.team = team;
        this.mix = mix;
        this.curve = curve;
    }

    boolean openAt(double localHour) {
        return localHour >= openFrom && localHour < openTo;
    }

    /** Relative rate at a local hour of day (0 <= h < 24), linear between the h:30 points. */
    double curveAt(double localHour) {
        double x = localHour - 0.5;
        if (x < 0) {
            x += 24;
        }
        int i = (int) Math.floor(x);
        double f = x - i;
        return curve[i % 24] * (1 - f) + curve[(i + 1) % 24] * f;
    }

    /** Mean agent time per contact (ring, talk with holds, ACW) divided by the concurrency. */
    double workPerContactS() {
        return (ringMedianS + talkMeanS + holdP * holdMeanS + acwMeanS) / effConcurrency;
    }

    String key() {
        return queue + "/" + channel.wireName();
    }

    @Override
    public String toString() {
        return key();
    }

    Lane open(int from, int to) {
        openFrom = from;
        openTo = to;
        return this;
    }

    Lane talk(double meanS, double sigma) {
        talkMeanS = meanS;
        talkSigma = sigma;
        return this;
    }

    Lane acw(double meanS) {
        acwMeanS = meanS;
        return this;
    }

    Lane ring(double medianS, double missP) {
        this.ringMedianS = medianS;
        this.missP = missP;
        return this;
    }

    Lane hold(double p, double meanS) {
        holdP = p;
        holdMeanS = meanS;
        return this;
    }

    Lane transfer(double p, double toAgentP, String... queues) {
        transferP = p;
        transferToAgentP = toAgentP;
        transferQueues = queues;
        return this;
    }

    Lane patience(double medianS, double sigma, double shortP, double endedWhileQueuedP, double retryP) {
        patienceMedianS = medianS;
        patienceSigma = sigma;
        this.shortP = shortP;
        this.endedWhileQueuedP = endedWhileQueuedP;
        this.retryAfterAbandonP = retryP;
        return this;
    }

    Lane outcome(double resolvedP, double surveyP, double noWrapP) {
        this.resolvedP = resolvedP;
        this.surveyP = surveyP;
        this.noWrapP = noWrapP;
        return this;
    }

    Lane sl(double thresholdS) {
        slThresholdS = thresholdS;
        return this;
    }

    Lane concurrency(double eff) {
        effConcurrency = eff;
        return this;
    }

    Lane messages(double firstResponseMedianS, double gapS) {
        this.firstResponseMedianS = firstResponseMedianS;
        this.messageGapS = gapS;
        return this;
    }

    Lane dispositions(String[] resolved, String[] unresolved) {
        resolvedDispositions = resolved;
        unresolvedDispositions = unresolved;
        return this;
    }
}
