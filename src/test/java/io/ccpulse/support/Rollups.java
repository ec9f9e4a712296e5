package io.ccpulse.support;

import io.ccpulse.domain.event.Channel;
import io.ccpulse.domain.fact.AgentState;
import io.ccpulse.domain.kpi.AgentSums;
import io.ccpulse.domain.kpi.AgentTally;
import io.ccpulse.domain.kpi.QueueSums;
import io.ccpulse.domain.settings.AbandonMode;
import io.ccpulse.domain.settings.FcrScope;
import io.ccpulse.domain.settings.QueueSettings;
import io.ccpulse.domain.settings.Settings;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reading the roll-up tables back in tests, and the reference sums in the same shape. */
public final class Rollups {

    private Rollups() {
    }

    /** Test settings: overrides on two queues so that classification differs per queue and channel. */
    public static Settings settings(ZoneId zone) {
        QueueSettings d = QueueSettings.DEFAULTS;
        Map<Channel, Integer> billingT = new EnumMap<>(Channel.class);
        billingT.put(Channel.VOICE, 30);
        billingT.put(Channel.CHAT, 10);
        QueueSettings billing = new QueueSettings(billingT, 0.9, AbandonMode.NEGATIVE, 10, 600, Duration.ofDays(3),
                FcrScope.SAME_QUEUE, 4, 60);
        QueueSettings tech = new QueueSettings(Map.of(), 0.8, AbandonMode.POSITIVE, 5, 600, Duration.ofDays(7),
                FcrScope.ANY_QUEUE, 5, 30);
        return new Settings(Duration.ofMinutes(5), zone, d, Map.of("billing", billing, "tech", tech), 30.0);
    }

    /** Every bucket of rollup_queue: "queue|channel" to bucket start (ms) to sums; all-zero rows left out. */
    public static Map<String, Map<Long, QueueSums>> queueRows(Connection c) throws SQLException {
        Map<String, Map<Long, QueueSums>> out = new TreeMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT bucket, queue, channel,"
                + " answered, abandoned, short_abandoned, flowed_out, blocked, answered_in_threshold,"
                + " abandoned_in_threshold, wait_answered_ms, wait_abandoned_ms, wait_short_abandoned_ms, max_wait_ms,"
                + " segments, talk_ms, hold_ms, acw_ms, transferred, wrapped_with_flag, resolved_true, outbound_segments,"
                + " first_responses, first_response_ms, first_responses_within_target, surveys, csat_responses,"
                + " csat_positive, csat_sum, nps_responses, promoters, detractors, inbound_contacts FROM rollup_queue")) {
            while (rs.next()) {
                long[] v = new long[30];
                for (int i = 0; i < 30; i++) {
                    v[i] = rs.getLong(4 + i);
                }
                QueueSums q = new QueueSums(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11],
                        v[12], v[13], v[14], v[15], v[16], v[17], v[18], v[19], v[20], v[21], v[22], v[23], v[24], v[25],
                        v[26], v[27], v[28], v[29]);
                if (!q.equals(QueueSums.ZERO)) {
                    out.computeIfAbsent(rs.getString(2) + "|" + rs.getString(3), k -> new TreeMap<>())
                            .put(rs.getTimestamp(1).getTime(), q);
                }
            }
        }
        return out;
    }

    /** Every bucket of rollup_agent (+ away reasons): "agent|team" to bucket to normalized sums. */
    public static Map<String, Map<Long, AgentSums>> agentRows(Connection c) throws SQLException {
        Map<String, Map<Long, Map<String, Long>>> away = new TreeMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT bucket, agent, team, reason, away_ms FROM rollup_agent_away")) {
            while (rs.next()) {
                away.computeIfAbsent(rs.getString(2) + "|" + rs.getString(3), k -> new TreeMap<>())
                        .computeIfAbsent(rs.getTimestamp(1).getTime(), k -> new TreeMap<>())
                        .put(rs.getString(4).isEmpty() ? AgentTally.NO_REASON : rs.getString(4), rs.getLong(5));
            }
        }
        Map<String, Map<Long, AgentSums>> out = new TreeMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT bucket, agent, team,"
                + " available_ms, ringing_ms, on_contact_ms, acw_state_ms, away_ms, segments, talk_ms, hold_ms, acw_ms,"
                + " transferred, wrapped_with_flag, resolved_true, outbound_segments, surveys, csat_responses,"
                + " csat_positive, csat_sum, nps_responses, promoters, detractors FROM rollup_agent")) {
            while (rs.next()) {
                long[] v = new long[20];
                for (int i = 0; i < 20; i++) {
                    v[i] = rs.getLong(4 + i);
                }
                String key = rs.getString(2) + "|" + rs.getString(3);
                long bucket = rs.getTimestamp(1).getTime();
                EnumMap<AgentState, Long> st = new EnumMap<>(AgentState.class);
                AgentState[] order = {AgentState.AVAILABLE, AgentState.RINGING, AgentState.ON_CONTACT, AgentState.ACW,
                    AgentState.AWAY};
                for (int i = 0; i < 5; i++) {
                    st.put(order[i], v[i]);
                }
                AgentSums a = normalize(new AgentSums(st, away.getOrDefault(key, Map.of()).getOrDefault(bucket, Map.of()),
                        v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12], v[13], v[14], v[15], v[16], v[17], v[18],
                        v[19]));
                if (!a.equals(AgentSums.ZERO)) {
                    out.computeIfAbsent(key, k -> new TreeMap<>()).put(bucket, a);
                }
            }
        }
        return out;
    }

    /** Zero entries of the state and reason maps removed, so that equal sums compare equal. */
    public static AgentSums normalize(AgentSums a) {
        Map<AgentState, Long> st = new EnumMap<>(AgentState.class);
        a.stateMs().forEach((k, v) -> {
            if (v != 0) {
                st.put(k, v);
            }
        });
        Map<String, Long> aw = new TreeMap<>();
        a.awayByReasonMs().forEach((k, v) -> {
            if (v != 0) {
                aw.put(k, v);
            }
        });
        return new AgentSums(st, aw, a.segments(), a.talkMs(), a.holdMs(), a.acwMs(), a.transferred(),
                a.wrappedWithResolvedFlag(), a.resolvedTrue(), a.outboundSegments(), a.surveys(), a.csatResponses(),
                a.csatPositive(), a.csatSum(), a.npsResponses(), a.promoters(), a.detractors());
    }

    /** Every 15-minute bucket start in [from, to). */
    public static List<Instant> buckets(Instant from, Instant to) {
        List<Instant> out = new ArrayList<>();
        for (Instant t = from; t.isBefore(to); t = t.plusSeconds(900)) {
            out.add(t);
        }
        return out;
    }

    /** The reference in the shape of {@link #queueRows}: buckets over [from, to). */
    public static Map<String, Map<Long, QueueSums>> expectedQueues(Reference r, List<Instant> buckets) {
        Map<String, Map<Long, QueueSums>> out = new TreeMap<>();
        r.queues.forEach((k, byIdx) -> byIdx.forEach((idx, t) -> {
            QueueSums s = t.sums();
            if (!s.equals(QueueSums.ZERO)) {
                out.computeIfAbsent(k, x -> new TreeMap<>()).put(buckets.get(idx - 1).toEpochMilli(), s);
            }
        }));
        return out;
    }

    public static Map<String, Map<Long, AgentSums>> expectedAgents(Reference r, List<Instant> buckets) {
        Map<String, Map<Long, AgentSums>> out = new TreeMap<>();
        r.agents.forEach((k, byIdx) -> byIdx.forEach((idx, t) -> {
            AgentSums s = normalize(t.sums());
            if (!s.equals(AgentSums.ZERO)) {
                out.computeIfAbsent(k, x -> new TreeMap<>()).put(buckets.get(idx - 1).toEpochMilli(), s);
            }
        }));
        return out;
    }
}
