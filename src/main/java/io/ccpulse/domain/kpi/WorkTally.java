package io.ccpulse.domain.kpi;

/**
 * The handle-segment and survey sums that a queue's and an agent's tally both keep, with their
 * accessors written once. Subclasses add to {@link #seg} and {@link #surveys} and copy them.
 */
public abstract sealed class WorkTally permits QueueTally, AgentTally {

    final SegmentSums seg;
    final SurveySums surveys;

    WorkTally(SegmentSums seg, SurveySums surveys) {
        this.seg = seg;
        this.surveys = surveys;
    }

    // ---- segments

    /** Completed handle segments ("handled"). */
    public long segments() {
        return seg.segments;
    }

    public long talkMs() {
        return seg.talkMs;
    }

    public long holdMs() {
        return seg.holdMs;
    }

    public long acwMs() {
        return seg.acwMs;
    }

    /** Segments that ended in a transfer. */
    public long transferred() {
        return seg.transferred;
    }

    /** Segments whose wrap carried a resolved flag. */
    public long wrappedWithResolvedFlag() {
        return seg.wrappedWithFlag;
    }

    /** Segments whose wrap said resolved: true. */
    public long resolvedTrue() {
        return seg.resolvedTrue;
    }

    /** Segments of outbound contacts (direction OUTBOUND). */
    public long outboundSegments() {
        return seg.outbound;
    }

    // ---- surveys

    /** Survey answers of any kind (CSAT, NPS or both). */
    public long surveys() {
        return surveys.surveys;
    }

    public long csatResponses() {
        return surveys.csatResponses;
    }

    public long csatPositive() {
        return surveys.csatPositive;
    }

    public long csatSum() {
        return surveys.csatSum;
    }

    public long npsResponses() {
        return surveys.npsResponses;
    }

    public long promoters() {
        return surveys.promoters;
    }

    public long detractors() {
        return surveys.detractors;
    }
}
