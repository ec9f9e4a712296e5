package io.ccpulse.domain.kpi;

import io.ccpulse.domain.event.Direction;
import io.ccpulse.domain.fact.HandleSegment;

/** Additive sums over completed handle segments, shared by {@link QueueTally} and {@link AgentTally}. */
final class SegmentSums {

    long segments;
    long talkMs;
    long holdMs;
    long acwMs;
    long transferred;
    long wrappedWithFlag;
    long resolvedTrue;
    long outbound;

    void add(HandleSegment h) {
        segments++;
        talkMs += h.talkMs();
        holdMs += h.holdMs();
        acwMs += h.acwMs();
        if (h.transferred()) {
            transferred++;
        }
        if (h.resolved() != null) {
            wrappedWithFlag++;
            if (h.resolved()) {
                resolvedTrue++;
            }
        }
        if (h.direction() == Direction.OUTBOUND) {
            outbound++;
        }
    }

    void merge(SegmentSums o) {
        segments += o.segments;
        talkMs += o.talkMs;
        holdMs += o.holdMs;
        acwMs += o.acwMs;
        transferred += o.transferred;
        wrappedWithFlag += o.wrappedWithFlag;
        resolvedTrue += o.resolvedTrue;
        outbound += o.outbound;
    }

    SegmentSums copy() {
        SegmentSums c = new SegmentSums();
        c.merge(this);
        return c;
    }
}
