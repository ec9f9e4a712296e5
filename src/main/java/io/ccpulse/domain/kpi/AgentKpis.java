package io.ccpulse.domain.kpi;

import io.ccpulse.domain.fact.AgentState;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The agent KPI object of DESIGN.md (METRICS.md "Per agent and team"), computed from an
 * {@link AgentTally} of one agent or a team. Durations are seconds, ratios 0..1; a boxed field is
 * null where its denominator is 0.
 *
 * @param handled        handle segments completed (inbound and outbound)
 * @param ahtS           sum(talk + hold + acw) / handled
 * @param transferRate   segments ending in a transfer / handled (for an agent each answered
 *                       contact is one segment, so "per answered" is "per segment")
 * @param resolutionRate wrapped with resolved: true / wrapped with a resolved flag
 * @param occupancy      (on_contact + acw) / (on_contact + acw + available + ringing)
 * @param utilization    (on_contact + acw) / staffed
 * @param staffedS       every state except offline
 * @param acwS           after-contact-work time of the timeline (not the same as the segments' ACW sum,
 *                       which is per contact and can overlap for agents on several chats)
 * @param awayByReason   away seconds per reason, sorted by reason; {@link AgentTally#NO_REASON} for none
 * @param handledPerHour handled / staffed hours
 * @param outboundRate   outbound segments / handled
 * @param csat           surveys with csat &gt;= the queue's positive minimum / surveys with a csat
 * @param csatMean       mean csat score
 * @param costPerContact staffed hours x hourly cost / handled; null when no hourly cost is
 *                       configured (0) or nothing was handled
 */
public record AgentKpis(
        long handled,
        Double ahtS,
        Double avgTalkS,
        Double avgHoldS,
        Double avgAcwS,
        Double transferRate,
        Double resolutionRate,
        Double occupancy,
        Double utilization,
        double staffedS,
        double availableS,
        double ringingS,
        double onContactS,
        double acwS,
        double awayS,
        Map<String, Double> awayByReason,
        Double handledPerHour,
        Double outboundRate,
        Double csat,
        Double csatMean,
        Double costPerContact) {

    public AgentKpis {
        awayByReason = Collections.unmodifiableMap(new LinkedHashMap<>(awayByReason));
    }

    /**
     * Computes the KPIs of a tally.
     *
     * @param hourlyCost the configured hourly cost of an agent; 0 (not configured) gives a null
     *                   cost per contact
     */
    public static AgentKpis of(AgentTally t, double hourlyCost) {
        return fromSums(t.sums(), hourlyCost);
    }

    /**
     * Computes the KPIs from additive sums (e.g. summed 15-minute roll-ups); the same formulas as
     * {@link #of}.
     *
     * @param hourlyCost the configured hourly cost of an agent; 0 (not configured) gives a null
     *                   cost per contact
     */
    public static AgentKpis fromSums(AgentSums t, double hourlyCost) {
        if (!(hourlyCost >= 0)) {
            throw new IllegalArgumentException("hourly cost must be >= 0, was " + hourlyCost);
        }
        long busy = t.stateMs(AgentState.ON_CONTACT) + t.stateMs(AgentState.ACW);
        long ready = busy + t.stateMs(AgentState.AVAILABLE) + t.stateMs(AgentState.RINGING);
        long staffed = t.staffedMs();
        long handled = t.segments();
        Map<String, Double> away = new LinkedHashMap<>();
        t.awayByReasonMs().forEach((reason, ms) -> away.put(reason, Ratios.seconds(ms)));
        double staffedHours = staffed / 3_600_000.0;
        return new AgentKpis(
                handled,
                Ratios.avgSeconds(t.talkMs() + t.holdMs() + t.acwMs(), handled),
                Ratios.avgSeconds(t.talkMs(), handled),
                Ratios.avgSeconds(t.holdMs(), handled),
                Ratios.avgSeconds(t.acwMs(), handled),
                Ratios.ratio(t.transferred(), handled),
                Ratios.ratio(t.resolvedTrue(), t.wrappedWithResolvedFlag()),
                Ratios.ratio(busy, ready),
                Ratios.ratio(busy, staffed),
                Ratios.seconds(staffed),
                Ratios.seconds(t.stateMs(AgentState.AVAILABLE)),
                Ratios.seconds(t.stateMs(AgentState.RINGING)),
                Ratios.seconds(t.stateMs(AgentState.ON_CONTACT)),
                Ratios.seconds(t.stateMs(AgentState.ACW)),
                Ratios.seconds(t.stateMs(AgentState.AWAY)),
                away,
                staffed == 0 ? null : handled / staffedHours,
                Ratios.ratio(t.outboundSegments(), handled),
                Ratios.ratio(t.csatPositive(), t.csatResponses()),
                t.csatResponses() == 0 ? null : (double) t.csatSum() / t.csatResponses(),
                hourlyCost == 0 || handled == 0 ? null : staffedHours * hourlyCost / handled);
    }

    /** The agent KPI object as an ordered map with the snake_case keys of DESIGN.md; null values kept. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("handled", handled);
        m.put("aht_s", ahtS);
        m.put("avg_talk_s", avgTalkS);
        m.put("avg_hold_s", avgHoldS);
        m.put("avg_acw_s", avgAcwS);
        m.put("transfer_rate", transferRate);
        m.put("resolution_rate", resolutionRate);
        m.put("occupancy", occupancy);
        m.put("utilization", utilization);
        m.put("staffed_s", staffedS);
        m.put("available_s", availableS);
        m.put("ringing_s", ringingS);
        m.put("on_contact_s", onContactS);
        m.put("acw_s", acwS);
        m.put("away_s", awayS);
        m.put("away_by_reason", awayByReason);
        m.put("handled_per_hour", handledPerHour);
        m.put("outbound_rate", outboundRate);
        m.put("csat", csat);
        m.put("csat_mean", csatMean);
        m.put("cost_per_contact", costPerContact);
        return Collections.unmodifiableMap(m);
    }
}
