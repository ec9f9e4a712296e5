package io.ccpulse.domain.kpi;

/**
 * The additive sums and counts of one queue and channel over a time range: everything a
 * {@link QueueTally} holds except its samples. Sums of disjoint ranges add up to the sums of their
 * union (field by field; {@code maxWaitMs} by maximum), which is what the 15-minute roll-ups store,
 * so {@link QueueKpis#fromSums} of summed roll-ups equals {@link QueueKpis#of} of the facts' tally
 * (percentiles apart: they need the samples and are passed in).
 *
 * <p>Classification (short, in threshold, CSAT positive, FRT within target) happened when the facts
 * were added, with the settings then in force; see {@link QueueTally}.
 *
 * @param maxWaitMs longest wait of an answered or abandoned visit (short included), -1 when none
 */
public record QueueSums(
        long answered,
        long abandoned,
        long shortAbandoned,
        long flowedOut,
        long blocked,
        long answeredInThreshold,
        long abandonedInThreshold,
        long waitAnsweredMs,
        long waitAbandonedMs,
        long waitShortAbandonedMs,
        long maxWaitMs,
        long segments,
        long talkMs,
        long holdMs,
        long acwMs,
        long transferred,
        long wrappedWithResolvedFlag,
        long resolvedTrue,
        long outboundSegments,
        long firstResponses,
        long firstResponseMs,
        long firstResponsesWithinTarget,
        long surveys,
        long csatResponses,
        long csatPositive,
        long csatSum,
        long npsResponses,
        long promoters,
        long detractors,
        long inboundContacts) {

    /** Nothing counted. */
    public static final QueueSums ZERO = new QueueSums(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, 0, 0, 0, 0, 0, 0, 0, 0,
            0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** answered + abandoned (short included) + flowed out. */
    public long offered() {
        return answered + abandoned + shortAbandoned + flowedOut;
    }

    /** Field-by-field sum (max for the longest wait). */
    public QueueSums plus(QueueSums o) {
        return new QueueSums(answered + o.answered, abandoned + o.abandoned, shortAbandoned + o.shortAbandoned,
                flowedOut + o.flowedOut, blocked + o.blocked, answeredInThreshold + o.answeredInThreshold,
                abandonedInThreshold + o.abandonedInThreshold, waitAnsweredMs + o.waitAnsweredMs,
                waitAbandonedMs + o.waitAbandonedMs, waitShortAbandonedMs + o.waitShortAbandonedMs,
                Math.max(maxWaitMs, o.maxWaitMs), segments + o.segments, talkMs + o.talkMs, holdMs + o.holdMs,
                acwMs + o.acwMs, transferred + o.transferred, wrappedWithResolvedFlag + o.wrappedWithResolvedFlag,
                resolvedTrue + o.resolvedTrue, outboundSegments + o.outboundSegments, firstResponses + o.firstResponses,
                firstResponseMs + o.firstResponseMs, firstResponsesWithinTarget + o.firstResponsesWithinTarget,
                surveys + o.surveys, csatResponses + o.csatResponses, csatPositive + o.csatPositive,
                csatSum + o.csatSum, npsResponses + o.npsResponses, promoters + o.promoters, detractors + o.detractors,
                inboundContacts + o.inboundContacts);
    }
}
