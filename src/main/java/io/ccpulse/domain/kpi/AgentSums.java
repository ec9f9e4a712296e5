package io.ccpulse.domain.kpi;

import io.ccpulse.domain.fact.AgentState;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The additive sums of one agent (or a team) over a time range: everything an {@link AgentTally}
 * holds. Sums of disjoint ranges add up to the sums of their union, so {@link AgentKpis#fromSums}
 * of summed roll-ups equals {@link AgentKpis#of} of the facts' tally.
 *
 * @param stateMs       milliseconds per staffed state (offline is never counted); missing = 0
 * @param awayByReasonMs away milliseconds per reason ({@link AgentTally#NO_REASON} for none)
 */
public record AgentSums(
        Map<AgentState, Long> stateMs,
        Map<String, Long> awayByReasonMs,
        long segments,
        long talkMs,
        long holdMs,
        long acwMs,
        long transferred,
        long wrappedWithResolvedFlag,
        long resolvedTrue,
        long outboundSegments,
        long surveys,
        long csatResponses,
        long csatPositive,
        long csatSum,
        long npsResponses,
        long promoters,
        long detractors) {

    public AgentSums {
        EnumMap<AgentState, Long> s = new EnumMap<>(AgentState.class);
        s.putAll(stateMs);
        stateMs = Collections.unmodifiableMap(s);
        awayByReasonMs = Collections.unmodifiableMap(new TreeMap<>(awayByReasonMs));
    }

    /** Nothing counted. */
    public static final AgentSums ZERO = new AgentSums(Map.of(), Map.of(), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** Milliseconds in a state. */
    public long stateMs(AgentState state) {
        return stateMs.getOrDefault(state, 0L);
    }

    /** Every state except offline. */
    public long staffedMs() {
        long sum = 0;
        for (Map.Entry<AgentState, Long> e : stateMs.entrySet()) {
            if (e.getKey() != AgentState.OFFLINE) {
                sum += e.getValue();
            }
        }
        return sum;
    }

    /** Field-by-field sum. */
    public AgentSums plus(AgentSums o) {
        EnumMap<AgentState, Long> s = new EnumMap<>(AgentState.class);
        s.putAll(stateMs);
        o.stateMs.forEach((k, v) -> s.merge(k, v, Long::sum));
        TreeMap<String, Long> away = new TreeMap<>(awayByReasonMs);
        o.awayByReasonMs.forEach((k, v) -> away.merge(k, v, Long::sum));
        return new AgentSums(s, away, segments + o.segments, talkMs + o.talkMs, holdMs + o.holdMs, acwMs + o.acwMs,
                transferred + o.transferred, wrappedWithResolvedFlag + o.wrappedWithResolvedFlag,
                resolvedTrue + o.resolvedTrue, outboundSegments + o.outboundSegments, surveys + o.surveys,
                csatResponses + o.csatResponses, csatPositive + o.csatPositive, csatSum + o.csatSum,
                npsResponses + o.npsResponses, promoters + o.promoters, detractors + o.detractors);
    }
}
