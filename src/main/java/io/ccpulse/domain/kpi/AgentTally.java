package io.ccpulse.domain.kpi;

import io.ccpulse.domain.fact.AgentState;
import io.ccpulse.domain.fact.HandleSegment;
import io.ccpulse.domain.fact.SurveyFact;
import io.ccpulse.domain.settings.QueueSettings;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Additive time, segment and survey sums of one agent (or a team: merge the agents' tallies) over
 * some time range. Like {@link QueueTally} it counts whatever it is given and merges exactly.
 *
 * <p>Time is kept per {@link AgentState} in milliseconds; away time also per reason. An away span
 * without a reason is kept under {@link #NO_REASON}. {@code staffed} is the sum of every state
 * except {@link AgentState#OFFLINE}.
 *
 * <p>Mutable and not thread-safe: owned by one thread; publish {@link AgentKpis} or a {@link #copy()}.
 */
public final class AgentTally extends WorkTally {

    /** The away-by-reason key of away time without a reason. */
    public static final String NO_REASON = "unspecified";

    private final EnumMap<AgentState, Long> stateMs;
    private final TreeMap<String, Long> awayByReasonMs;

    public AgentTally() {
        super(new SegmentSums(), new SurveySums());
        stateMs = new EnumMap<>(AgentState.class);
        awayByReasonMs = new TreeMap<>();
    }

    private AgentTally(AgentTally o) {
        super(o.seg.copy(), o.surveys.copy());
        stateMs = new EnumMap<>(o.stateMs);
        awayByReasonMs = new TreeMap<>(o.awayByReasonMs);
    }

    /**
     * Adds time in a state. The reason is only kept for {@link AgentState#AWAY} (null → {@link
     * #NO_REASON}) and ignored for other states.
     *
     * @param ms milliseconds, not negative
     */
    public AgentTally addState(AgentState state, String reason, long ms) {
        if (ms < 0) {
            throw new IllegalArgumentException("negative time " + ms + " ms in " + state);
        }
        stateMs.merge(state, ms, Long::sum);
        if (state == AgentState.AWAY) {
            awayByReasonMs.merge(reason == null ? NO_REASON : reason, ms, Long::sum);
        }
        return this;
    }

    /** Counts a completed handle segment of the agent (inbound or outbound). */
    public AgentTally addSegment(HandleSegment h) {
        seg.add(h);
        return this;
    }

    /** Counts a survey answer attributed to the agent; same rules as {@link QueueTally#addSurvey}. */
    public AgentTally addSurvey(SurveyFact f, QueueSettings s) {
        surveys.add(f, s);
        return this;
    }

    /** Adds the other tally into this one (the other is unchanged). @return this */
    public AgentTally merge(AgentTally o) {
        o.stateMs.forEach((k, v) -> stateMs.merge(k, v, Long::sum));
        o.awayByReasonMs.forEach((k, v) -> awayByReasonMs.merge(k, v, Long::sum));
        seg.merge(o.seg);
        surveys.merge(o.surveys);
        return this;
    }

    /** An independent deep copy. */
    public AgentTally copy() {
        return new AgentTally(this);
    }

    /** The additive sums of this tally. */
    public AgentSums sums() {
        return new AgentSums(stateMs, awayByReasonMs, seg.segments, seg.talkMs, seg.holdMs, seg.acwMs,
                seg.transferred, seg.wrappedWithFlag, seg.resolvedTrue, seg.outbound, surveys.surveys,
                surveys.csatResponses, surveys.csatPositive, surveys.csatSum, surveys.npsResponses, surveys.promoters,
                surveys.detractors);
    }

    /** Milliseconds spent in a state. */
    public long stateMs(AgentState state) {
        return stateMs.getOrDefault(state, 0L);
    }

    /** Every state except offline, in milliseconds. */
    public long staffedMs() {
        long sum = 0;
        for (Map.Entry<AgentState, Long> e : stateMs.entrySet()) {
            if (e.getKey() != AgentState.OFFLINE) {
                sum += e.getValue();
            }
        }
        return sum;
    }

    /** Away milliseconds per reason, sorted by reason; unmodifiable view. */
    public Map<String, Long> awayByReasonMs() {
        return Collections.unmodifiableMap(awayByReasonMs);
    }

    @Override
    public String toString() {
        return "AgentTally[stateMs=" + stateMs + ", awayByReasonMs=" + awayByReasonMs + ", segments="
                + seg.segments + ", surveys=" + surveys.surveys + "]";
    }
}
