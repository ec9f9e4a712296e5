package io.ccpulse.domain.kpi;

import io.ccpulse.domain.fact.HandleSegment;
import io.ccpulse.domain.fact.QueueVisit;
import io.ccpulse.domain.fact.SurveyFact;
import io.ccpulse.domain.settings.QueueSettings;

/**
 * Additive counts and sums for one queue and channel over some time range (an interval, a day, the
 * last 15 minutes), built from facts. Tallies of disjoint ranges {@link #merge merge} into the tally
 * of their union exactly: every KPI is computed from the merged sums and counts (METRICS.md:
 * "never average averages"), and percentiles from the merged exact samples.
 *
 * <p>The tally counts whatever facts it is given; choosing the facts of its queue, channel and
 * range is the caller's job. Settings are applied when a fact is added (short-abandon threshold,
 * service-level threshold, CSAT positive minimum, first-response target), so a tally built with
 * one set of settings keeps its classification when merged.
 *
 * <p>Definitions, all in milliseconds:
 * <ul>
 *   <li>short abandon: an abandoned visit with {@code wait < short_abandon_s}; a wait exactly equal
 *       to the short threshold is <em>not</em> short.</li>
 *   <li>in threshold: {@code wait <= T}, T = {@code sl_threshold_s} of the visit's channel; a wait
 *       exactly equal to T is in T. Short abandons are never counted as abandoned in T.</li>
 *   <li>wait samples, average and max wait: answered and abandoned visits, short ones included;
 *       flowed-out and blocked visits are not part of them.</li>
 * </ul>
 *
 * <p>Mutable and not thread-safe for writing: owned by one thread; publish {@link QueueKpis}
 * (immutable) or a {@link #copy()}. Reading (every accessor, {@link QueueKpis#of}) never modifies
 * the tally, so a published copy that nobody writes any more may be read from several threads. A
 * copy holds its samples sorted, so percentiles of a copy cost no sort; percentiles of a tally that
 * was added to since sort a temporary copy of its samples.
 */
public final class QueueTally extends WorkTally {

    private long answered;
    private long abandoned;
    private long shortAbandoned;
    private long flowedOut;
    private long blocked;
    private long answeredInThreshold;
    private long abandonedInThreshold;
    private long waitAnsweredMs;
    private long waitAbandonedMs;
    private long waitShortAbandonedMs;
    private long maxWaitMs = -1;
    private final LongSamples waits;

    private long firstResponses;
    private long firstResponseMs;
    private long firstResponsesWithinTarget;
    private final LongSamples firstResponseSamples;

    private long inboundContacts;

    public QueueTally() {
        super(new SegmentSums(), new SurveySums());
        waits = new LongSamples();
        firstResponseSamples = new LongSamples();
    }

    private QueueTally(QueueTally o) {
        super(o.seg.copy(), o.surveys.copy());
        answered = o.answered;
        abandoned = o.abandoned;
        shortAbandoned = o.shortAbandoned;
        flowedOut = o.flowedOut;
        blocked = o.blocked;
        answeredInThreshold = o.answeredInThreshold;
        abandonedInThreshold = o.abandonedInThreshold;
        waitAnsweredMs = o.waitAnsweredMs;
        waitAbandonedMs = o.waitAbandonedMs;
        waitShortAbandonedMs = o.waitShortAbandonedMs;
        maxWaitMs = o.maxWaitMs;
        waits = o.waits.copy();
        firstResponses = o.firstResponses;
        firstResponseMs = o.firstResponseMs;
        firstResponsesWithinTarget = o.firstResponsesWithinTarget;
        firstResponseSamples = o.firstResponseSamples.copy();
        inboundContacts = o.inboundContacts;
    }

    /**
     * Counts a queue visit by outcome. For answered and abandoned visits also the wait (sums, max,
     * samples) and whether it was within the channel's service-level threshold.
     *
     * @return this
     */
    public QueueTally addVisit(QueueVisit v, QueueSettings s) {
        long wait = v.waitMs();
        long thresholdMs = s.slThresholdS(v.channel()) * 1000L;
        switch (v.outcome()) {
            case ANSWERED:
                answered++;
                waitAnsweredMs += wait;
                if (wait <= thresholdMs) {
                    answeredInThreshold++;
                }
                addWait(wait);
                break;
            case ABANDONED:
                if (wait < s.shortAbandonS() * 1000L) {
                    shortAbandoned++;
                    waitShortAbandonedMs += wait;
                } else {
                    abandoned++;
                    waitAbandonedMs += wait;
                    if (wait <= thresholdMs) {
                        abandonedInThreshold++;
                    }
                }
                addWait(wait);
                break;
            case FLOWED_OUT:
                flowedOut++;
                break;
            case BLOCKED:
                blocked++;
                break;
            default:
                throw new IllegalArgumentException("unknown outcome " + v.outcome());
        }
        return this;
    }

    private void addWait(long wait) {
        waits.add(wait);
        maxWaitMs = Math.max(maxWaitMs, wait);
    }

    /** Counts a completed handle segment: talk, hold, ACW, transfer and resolved flag. */
    public QueueTally addSegment(HandleSegment h) {
        seg.add(h);
        return this;
    }

    /**
     * Counts a survey answer: CSAT (positive when {@code csat >= csat_positive_min}) and NPS
     * (promoter 9-10, passive 7-8, detractor 0-6). A survey with only one of the two scores counts
     * as a survey (response rate) and in that score only.
     */
    public QueueTally addSurvey(SurveyFact f, QueueSettings s) {
        surveys.add(f, s);
        return this;
    }

    /**
     * Counts one contact's first response time (chat, email, messaging): first agent message minus
     * first contact.queued. Within target means {@code ms <= frt_target_s}.
     */
    public QueueTally addFirstResponse(long ms, QueueSettings s) {
        firstResponses++;
        firstResponseMs += ms;
        firstResponseSamples.add(ms);
        if (ms <= s.frtTargetS() * 1000L) {
            firstResponsesWithinTarget++;
        }
        return this;
    }

    /** Counts one inbound contact, the contact part of the complaint-rate denominator. */
    public QueueTally addInboundContact() {
        inboundContacts++;
        return this;
    }

    /** Adds the other tally into this one (the other is unchanged). @return this */
    public QueueTally merge(QueueTally o) {
        answered += o.answered;
        abandoned += o.abandoned;
        shortAbandoned += o.shortAbandoned;
        flowedOut += o.flowedOut;
        blocked += o.blocked;
        answeredInThreshold += o.answeredInThreshold;
        abandonedInThreshold += o.abandonedInThreshold;
        waitAnsweredMs += o.waitAnsweredMs;
        waitAbandonedMs += o.waitAbandonedMs;
        waitShortAbandonedMs += o.waitShortAbandonedMs;
        maxWaitMs = Math.max(maxWaitMs, o.maxWaitMs);
        waits.addAll(o.waits);
        seg.merge(o.seg);
        surveys.merge(o.surveys);
        firstResponses += o.firstResponses;
        firstResponseMs += o.firstResponseMs;
        firstResponsesWithinTarget += o.firstResponsesWithinTarget;
        firstResponseSamples.addAll(o.firstResponseSamples);
        inboundContacts += o.inboundContacts;
        return this;
    }

    /** An independent deep copy. */
    public QueueTally copy() {
        return new QueueTally(this);
    }

    /** The additive sums and counts of this tally (everything but the samples). */
    public QueueSums sums() {
        return new QueueSums(answered, abandoned, shortAbandoned, flowedOut, blocked, answeredInThreshold,
                abandonedInThreshold, waitAnsweredMs, waitAbandonedMs, waitShortAbandonedMs, maxWaitMs,
                seg.segments, seg.talkMs, seg.holdMs, seg.acwMs, seg.transferred, seg.wrappedWithFlag,
                seg.resolvedTrue, seg.outbound, firstResponses, firstResponseMs, firstResponsesWithinTarget,
                surveys.surveys, surveys.csatResponses, surveys.csatPositive, surveys.csatSum, surveys.npsResponses,
                surveys.promoters, surveys.detractors, inboundContacts);
    }

    // ---- visits

    /** answered + abandoned (short included) + flowed out; blocked contacts are not offered. */
    public long offered() {
        return answered + abandoned + shortAbandoned + flowedOut;
    }

    public long answered() {
        return answered;
    }

    /** Abandoned visits excluding short abandons. */
    public long abandoned() {
        return abandoned;
    }

    /** Abandoned visits with wait below the short-abandon threshold. */
    public long shortAbandoned() {
        return shortAbandoned;
    }

    public long flowedOut() {
        return flowedOut;
    }

    public long blocked() {
        return blocked;
    }

    /** Answered visits with wait <= T. */
    public long answeredInThreshold() {
        return answeredInThreshold;
    }

    /** Abandoned visits (short excluded) with wait <= T. */
    public long abandonedInThreshold() {
        return abandonedInThreshold;
    }

    public long waitAnsweredMs() {
        return waitAnsweredMs;
    }

    /** Sum of waits of abandoned visits, short abandons excluded. */
    public long waitAbandonedMs() {
        return waitAbandonedMs;
    }

    public long waitShortAbandonedMs() {
        return waitShortAbandonedMs;
    }

    /** The longest wait of an answered or abandoned visit (short included), -1 when none. */
    public long maxWaitMs() {
        return maxWaitMs;
    }

    /** The waits of answered and abandoned visits (short included), sorted ascending, a copy. */
    public long[] waitSamplesMs() {
        return waits.toSortedArray();
    }

    /** Nearest-rank percentile of the wait samples in ms, null when there are none. */
    public Long waitPercentileMs(double p) {
        return waits.percentile(p);
    }

    /** Several nearest-rank percentiles of the wait samples in ms with at most one sort; nulls when none. */
    public Long[] waitPercentilesMs(double... ps) {
        return waits.percentiles(ps);
    }

    /** How many wait samples there are (answered + abandoned, short included). */
    public int waitSamples() {
        return waits.size();
    }

    // ---- first response, contacts

    public long firstResponses() {
        return firstResponses;
    }

    public long firstResponseMs() {
        return firstResponseMs;
    }

    public long firstResponsesWithinTarget() {
        return firstResponsesWithinTarget;
    }

    /** Nearest-rank percentile of the first response times in ms, null when there are none. */
    public Long firstResponsePercentileMs(double p) {
        return firstResponseSamples.percentile(p);
    }

    public long inboundContacts() {
        return inboundContacts;
    }

    @Override
    public String toString() {
        return "QueueTally[offered=" + offered() + ", answered=" + answered + ", abandoned=" + abandoned
                + ", shortAbandoned=" + shortAbandoned + ", flowedOut=" + flowedOut + ", blocked=" + blocked
                + ", answeredInT=" + answeredInThreshold + ", abandonedInT=" + abandonedInThreshold
                + ", segments=" + seg.segments + ", surveys=" + surveys.surveys
                + ", firstResponses=" + firstResponses + "]";
    }
}
