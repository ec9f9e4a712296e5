package io.ccpulse.domain.kpi;

import io.ccpulse.domain.event.Channel;
import io.ccpulse.domain.settings.QueueSettings;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The queue KPI object of DESIGN.md ("KPI object (queue)"), computed from a {@link QueueTally}.
 * Durations are seconds, ratios 0..1; a boxed field is null where its denominator is 0.
 *
 * <p>Outcome counts are disjoint: {@code abandoned} excludes short abandons, which are counted in
 * {@code shortAbandoned}; so {@code offered = answered + abandoned + shortAbandoned + flowedOut}
 * (METRICS.md: offered includes short abandons) and blocked contacts are not offered. This matches
 * the {@code outcome} label of {@code ccpulse_queue_visits_total}.
 *
 * @param offered              answered + abandoned + short abandoned + flowed out
 * @param abandoned            abandoned visits, short abandons excluded
 * @param shortAbandoned       abandoned with wait &lt; {@code short_abandon_s}
 * @param answeredInThreshold  answered with wait &lt;= T
 * @param abandonedInThreshold abandoned (short excluded) with wait &lt;= T
 * @param serviceLevel         {@link ServiceLevel} in the queue's {@code sl_abandon_mode}, short abandons left out
 * @param abandonRate          abandoned / (offered - short abandoned)
 * @param blockedRate          blocked / (offered + blocked)
 * @param asaS                 sum(wait of answered) / answered
 * @param avgWaitS             sum(wait) / count over answered and abandoned visits, short ones too
 * @param maxWaitS             longest wait of an answered or abandoned visit, short ones too
 * @param p50WaitS             nearest-rank median wait over the same visits
 * @param p90WaitS             nearest-rank 90th percentile wait over the same visits
 * @param avgTimeToAbandonS    sum(wait of abandoned, short excluded) / abandoned (short excluded)
 * @param handled              handle segments completed
 * @param ahtS                 sum(talk + hold + acw) / handled
 * @param transferRate         segments ending in a transfer / answered
 * @param resolutionRate       wrapped with resolved: true / wrapped with a resolved flag
 * @param frtAvgS              average first response time (null for voice)
 * @param frtP90S              nearest-rank 90th percentile first response time (null for voice)
 * @param frtWithinTarget      share of first responses within {@code frt_target_s} (null for voice)
 * @param csat                 surveys with csat &gt;= {@code csat_positive_min} / surveys with a csat
 * @param csatMean             mean csat score (1..5)
 * @param surveyResponseRate   surveys (any score) / answered; may exceed 1 when surveys and answers
 *                             fall in different intervals or a contact is surveyed twice
 * @param nps                  (promoters - detractors) / NPS answers, -1..1
 */
public record QueueKpis(
        long offered,
        long answered,
        long abandoned,
        long shortAbandoned,
        long flowedOut,
        long blocked,
        long answeredInThreshold,
        long abandonedInThreshold,
        Double serviceLevel,
        Double abandonRate,
        Double blockedRate,
        Double asaS,
        Double avgWaitS,
        Double maxWaitS,
        Double p50WaitS,
        Double p90WaitS,
        Double avgTimeToAbandonS,
        long handled,
        Double ahtS,
        Double avgTalkS,
        Double avgHoldS,
        Double avgAcwS,
        Double transferRate,
        Double resolutionRate,
        Double frtAvgS,
        Double frtP90S,
        Double frtWithinTarget,
        Double csat,
        Double csatMean,
        Double surveyResponseRate,
        Double nps) {

    /**
     * Computes the KPIs of a tally. The tally's thresholds were applied when its facts were added;
     * {@code s} gives the service-level variant. First-response fields are null for
     * {@link Channel#VOICE} (first response time is a chat, email and messaging KPI).
     * The tally is only read, never modified.
     */
    public static QueueKpis of(QueueTally t, QueueSettings s, Channel ch) {
        Objects.requireNonNull(ch, "ch");
        Long[] waitP = t.waitPercentilesMs(0.5, 0.9);
        return fromSums(t.sums(), waitP[0], waitP[1], ch == Channel.VOICE ? null : t.firstResponsePercentileMs(0.9),
                s, ch);
    }

    /**
     * Computes the KPIs from additive sums (e.g. summed 15-minute roll-ups) and percentiles computed
     * elsewhere (e.g. over the facts of the same range). The same formulas as {@link #of}: for the
     * sums and nearest-rank percentiles of a tally, both give the same object.
     *
     * @param p50WaitMs nearest-rank median wait over answered and abandoned visits (short ones too), null when none
     * @param p90WaitMs the same at 0.9
     * @param frtP90Ms  nearest-rank 90th percentile first response time, null when none (ignored for voice)
     * @param s         the settings whose service-level variant applies
     */
    public static QueueKpis fromSums(QueueSums t, Long p50WaitMs, Long p90WaitMs, Long frtP90Ms, QueueSettings s,
                                     Channel ch) {
        Objects.requireNonNull(ch, "ch");
        long offered = t.offered();
        long waited = t.answered() + t.abandoned() + t.shortAbandoned();
        long waitedMs = t.waitAnsweredMs() + t.waitAbandonedMs() + t.waitShortAbandonedMs();
        boolean frt = ch != Channel.VOICE;
        return new QueueKpis(
                offered,
                t.answered(),
                t.abandoned(),
                t.shortAbandoned(),
                t.flowedOut(),
                t.blocked(),
                t.answeredInThreshold(),
                t.abandonedInThreshold(),
                ServiceLevel.compute(s.abandonMode(), t.answeredInThreshold(), t.abandonedInThreshold(),
                        offered - t.shortAbandoned(), t.answered()),
                Ratios.ratio(t.abandoned(), offered - t.shortAbandoned()),
                Ratios.ratio(t.blocked(), offered + t.blocked()),
                Ratios.avgSeconds(t.waitAnsweredMs(), t.answered()),
                Ratios.avgSeconds(waitedMs, waited),
                waited == 0 ? null : Ratios.seconds(t.maxWaitMs()),
                Ratios.seconds(p50WaitMs),
                Ratios.seconds(p90WaitMs),
                Ratios.avgSeconds(t.waitAbandonedMs(), t.abandoned()),
                t.segments(),
                Ratios.avgSeconds(t.talkMs() + t.holdMs() + t.acwMs(), t.segments()),
                Ratios.avgSeconds(t.talkMs(), t.segments()),
                Ratios.avgSeconds(t.holdMs(), t.segments()),
                Ratios.avgSeconds(t.acwMs(), t.segments()),
                Ratios.ratio(t.transferred(), t.answered()),
                Ratios.ratio(t.resolvedTrue(), t.wrappedWithResolvedFlag()),
                frt ? Ratios.avgSeconds(t.firstResponseMs(), t.firstResponses()) : null,
                frt ? Ratios.seconds(frtP90Ms) : null,
                frt ? Ratios.ratio(t.firstResponsesWithinTarget(), t.firstResponses()) : null,
                Ratios.ratio(t.csatPositive(), t.csatResponses()),
                t.csatResponses() == 0 ? null : (double) t.csatSum() / t.csatResponses(),
                Ratios.ratio(t.surveys(), t.answered()),
                Ratios.ratio(t.promoters() - t.detractors(), t.npsResponses()));
    }

    /** The KPI object as an ordered map with the snake_case keys of DESIGN.md; null values kept. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("offered", offered);
        m.put("answered", answered);
        m.put("abandoned", abandoned);
        m.put("short_abandoned", shortAbandoned);
        m.put("flowed_out", flowedOut);
        m.put("blocked", blocked);
        m.put("answered_in_threshold", answeredInThreshold);
        m.put("abandoned_in_threshold", abandonedInThreshold);
        m.put("service_level", serviceLevel);
        m.put("abandon_rate", abandonRate);
        m.put("blocked_rate", blockedRate);
        m.put("asa_s", asaS);
        m.put("avg_wait_s", avgWaitS);
        m.put("max_wait_s", maxWaitS);
        m.put("p50_wait_s", p50WaitS);
        m.put("p90_wait_s", p90WaitS);
        m.put("avg_time_to_abandon_s", avgTimeToAbandonS);
        m.put("handled", handled);
        m.put("aht_s", ahtS);
        m.put("avg_talk_s", avgTalkS);
        m.put("avg_hold_s", avgHoldS);
        m.put("avg_acw_s", avgAcwS);
        m.put("transfer_rate", transferRate);
        m.put("resolution_rate", resolutionRate);
        m.put("frt_avg_s", frtAvgS);
        m.put("frt_p90_s", frtP90S);
        m.put("frt_within_target", frtWithinTarget);
        m.put("csat", csat);
        m.put("csat_mean", csatMean);
        m.put("survey_response_rate", surveyResponseRate);
        m.put("nps", nps);
        return Collections.unmodifiableMap(m);
    }

    /**
     * The settings object of DESIGN.md's live JSON for one queue and channel: {@code sl_threshold_s}
     * (of that channel), {@code sl_target}, {@code sl_abandon_mode}, {@code short_abandon_s},
     * {@code acw_cap_s}, {@code fcr_window_s}, {@code fcr_scope}, {@code csat_positive_min},
     * {@code frt_target_s}. Enum values are wire names.
     */
    public static Map<String, Object> settingsMap(QueueSettings s, Channel ch) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sl_threshold_s", s.slThresholdS(ch));
        m.put("sl_target", s.slTarget());
        m.put("sl_abandon_mode", s.abandonMode().wireName());
        m.put("short_abandon_s", s.shortAbandonS());
        m.put("acw_cap_s", s.acwCapS());
        m.put("fcr_window_s", s.fcrWindow().getSeconds());
        m.put("fcr_scope", s.fcrScope().wireName());
        m.put("csat_positive_min", s.csatPositiveMin());
        m.put("frt_target_s", s.frtTargetS());
        return Collections.unmodifiableMap(m);
    }
}
