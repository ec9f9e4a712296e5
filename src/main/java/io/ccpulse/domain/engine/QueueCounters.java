package io.ccpulse.domain.engine;

import io.ccpulse.domain.fact.HandleSegment;
import io.ccpulse.domain.fact.QueueVisit;
import io.ccpulse.domain.settings.QueueSettings;

/** Cumulative counters of one queue and channel since start, over final facts only (so they never decrease). */
final class QueueCounters {
    long answered;
    long abandoned;
    long shortAbandoned;
    long flowedOut;
    long blocked;
    long answeredInThreshold;
    long abandonedInThreshold;
    long waitAnsweredMs;
    long waitAbandonedMs;
    long segments;
    long transfers;
    long talkMs;
    long holdMs;
    long acwMs;

    /** Same classification as QueueTally: short = abandoned with wait < short_abandon_s; in T = wait <= T; short never in T. */
    void addVisit(QueueVisit v, QueueSettings s) {
        long wait = v.waitMs();
        long t = s.slThresholdS(v.channel()) * 1000L;
        switch (v.outcome()) {
            case ANSWERED:
                answered++;
                waitAnsweredMs += wait;
                if (wait <= t) {
                    answeredInThreshold++;
                }
                break;
            case ABANDONED:
                if (wait < s.shortAbandonS() * 1000L) {
                    shortAbandoned++;
                } else {
                    abandoned++;
                    waitAbandonedMs += wait;
                    if (wait <= t) {
                        abandonedInThreshold++;
                    }
                }
                break;
            case FLOWED_OUT:
                flowedOut++;
                break;
            default:
                blocked++;
                break;
        }
    }

    void addSegment(HandleSegment h) {
        segments++;
        if (h.transferred()) {
            transfers++;
        }
        talkMs += h.talkMs();
        holdMs += h.holdMs();
        acwMs += h.acwMs();
    }

    QueueTotals toRecord(QueueKey k) {
        return new QueueTotals(k.queue(), k.channel(), answered, abandoned, shortAbandoned, flowedOut, blocked,
                answeredInThreshold, abandonedInThreshold, waitAnsweredMs, waitAbandonedMs, segments, transfers,
                talkMs, holdMs, acwMs);
    }
}
