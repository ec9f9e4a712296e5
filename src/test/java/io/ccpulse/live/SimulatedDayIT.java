package io.ccpulse.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ccpulse.app.Service;
import io.ccpulse.config.Config;
import io.ccpulse.sim.CenterSize;
import io.ccpulse.sim.SimEvent;
import io.ccpulse.sim.TrafficModel;
import io.ccpulse.support.Http;
import io.ccpulse.support.TestDb;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The independent check of issue 3: a simulated day goes through the real service; then every
 * queue KPI of "today" in the live API must equal the same KPI computed here, by a separate and
 * deliberately simple computation (plain loops, no code of the product's kpi package) over the
 * facts stored in TimescaleDB.
 */
@Tag("integration")
class SimulatedDayIT {

    private static final Instant DAY = Instant.parse("2026-11-16T00:00:00Z"); // a Monday
    private static final Map<String, Integer> T = Map.of("voice", 20, "chat", 30, "email", 86_400, "messaging", 3_600);

    /** One queue visit, one segment, one survey or one first response as read back from the database. */
    private static final class Ref {
        long answered;
        long abandoned;
        long shortAbandoned;
        long flowedOut;
        long blocked;
        long answeredInT;
        long abandonedInT;
        long waitAnsweredMs;
        long waitAbandonedMs;
        List<Long> waits = new ArrayList<>();
        long segments;
        long handleMs;
        long talkMs;
        long holdMs;
        long acwMs;
        long transferred;
        long withFlag;
        long resolved;
        long surveys;
        long csatN;
        long csatPositive;
        long csatSum;
        long npsN;
        long promoters;
        long detractors;
        List<Long> frt = new ArrayList<>();
        long frtWithin;
    }

    @Test
    @DisplayName("For a simulated day, every queue KPI of the live API equals a simple reference computation over the stored facts")
    void liveEqualsReference() throws Exception {
        TrafficModel model = new TrafficModel(CenterSize.SMALL, 42, DAY, Duration.ofDays(1), ZoneOffset.UTC);
        List<SimEvent> events = model.next(DAY.plus(Duration.ofDays(1)));
        assertTrue(events.size() > 1000, "a day of a small center has thousands of events: " + events.size());
        try (TestDb db = TestDb.create()) {
            // the live view's "now" is the last millisecond of the simulated day
            Clock clock = Clock.fixed(DAY.plus(Duration.ofDays(1)).minusMillis(1), ZoneOffset.UTC);
            Service svc = new Service(Config.load(null, db.serviceEnv()), clock);
            try {
                Http http = new Http(svc.start());
                for (int i = 0; i < events.size(); i += 1000) {
                    StringBuilder nd = new StringBuilder();
                    for (SimEvent e : events.subList(i, Math.min(events.size(), i + 1000))) {
                        nd.append(e.json()).append('\n');
                    }
                    JsonObject r = new JsonObject(http.post("/v1/events", "application/x-ndjson", "test-token",
                            nd.toString()).body());
                    assertEquals(0, r.getJsonArray("rejected").size(), r.encode());
                }
                // an event 10 minutes into the next day makes every fact of the day final (lateness 5 min)
                String tick = "{\"id\":\"tick\",\"type\":\"contact.blocked\",\"time\":\""
                        + DAY.plus(Duration.ofDays(1)).plusSeconds(600) + "\",\"contact\":\"tick\",\"channel\":\"voice\","
                        + "\"queue\":\"zz-tick\"}";
                assertEquals(200, http.postEvents(tick).statusCode());
                assertTrue(svc.live().awaitIdle(30_000));
                assertTrue(svc.factWriter().awaitIdle(60_000));

                Map<String, Ref> ref = reference(db);
                JsonArray queues = new JsonObject(http.get("/v1/live/queues").body()).getJsonArray("queues");
                int compared = 0;
                for (int i = 0; i < queues.size(); i++) {
                    JsonObject q = queues.getJsonObject(i);
                    String key = q.getString("queue") + "/" + q.getString("channel");
                    if (key.startsWith("zz-tick")) {
                        continue;
                    }
                    Ref r = ref.getOrDefault(key, new Ref());
                    compare(key, q.getString("channel"), q.getJsonObject("today"), r);
                    compared++;
                }
                assertEquals(ref.size(), compared, "every queue with facts appears in the live API: " + ref.keySet());
                assertTrue(compared >= 4, "queues compared: " + compared);
                long answered = ref.values().stream().mapToLong(x -> x.answered).sum();
                long segments = ref.values().stream().mapToLong(x -> x.segments).sum();
                long surveys = ref.values().stream().mapToLong(x -> x.surveys).sum();
                long frt = ref.values().stream().mapToLong(x -> x.frt.size()).sum();
                compareAgents(db, new JsonObject(http.get("/v1/live/agents").body()).getJsonArray("agents"));
                assertTrue(answered > 200 && segments > 200 && surveys > 20 && frt > 20,
                        "a real day was compared: answered " + answered + ", segments " + segments + ", surveys " + surveys
                                + ", first responses " + frt);
            } finally {
                svc.close();
            }
        }
    }

    private static Map<String, Ref> reference(TestDb db) throws Exception {
        Map<String, Ref> m = new TreeMap<>();
        String from = "'" + DAY + "'";
        String to = "'" + DAY.plus(Duration.ofDays(1)) + "'";
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT queue, channel, outcome, wait_ms FROM queue_visits"
                    + " WHERE left_at >= " + from + " AND left_at < " + to)) {
                while (rs.next()) {
                    Ref r = m.computeIfAbsent(rs.getString(1) + "/" + rs.getString(2), k -> new Ref());
                    long w = rs.getLong(4);
                    boolean inT = w <= T.get(rs.getString(2)) * 1000L;
                    switch (rs.getString(3)) {
                        case "answered":
                            r.answered++;
                            r.waitAnsweredMs += w;
                            r.waits.add(w);
                            if (inT) {
                                r.answeredInT++;
                            }
                            break;
                        case "abandoned":
                            r.waits.add(w);
                            if (w < 5_000) {
                                r.shortAbandoned++;
                            } else {
                                r.abandoned++;
                                r.waitAbandonedMs += w;
                                if (inT) {
                                    r.abandonedInT++;
                                }
                            }
                            break;
                        case "flowed_out":
                            r.flowedOut++;
                            break;
                        default:
                            r.blocked++;
                    }
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT coalesce(queue, 'none'), channel, talk_ms, hold_ms, acw_ms,"
                    + " transferred, resolved FROM handle_segments WHERE acw_end_at >= " + from + " AND acw_end_at < " + to)) {
                while (rs.next()) {
                    Ref r = m.computeIfAbsent(rs.getString(1) + "/" + rs.getString(2), k -> new Ref());
                    r.segments++;
                    r.talkMs += rs.getLong(3);
                    r.holdMs += rs.getLong(4);
                    r.acwMs += rs.getLong(5);
                    r.handleMs += rs.getLong(3) + rs.getLong(4) + rs.getLong(5);
                    if (rs.getBoolean(6)) {
                        r.transferred++;
                    }
                    boolean res = rs.getBoolean(7);
                    if (!rs.wasNull()) {
                        r.withFlag++;
                        if (res) {
                            r.resolved++;
                        }
                    }
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT queue, channel, csat, nps FROM surveys"
                    + " WHERE queue IS NOT NULL AND time >= " + from + " AND time < " + to)) {
                while (rs.next()) {
                    Ref r = m.computeIfAbsent(rs.getString(1) + "/" + rs.getString(2), k -> new Ref());
                    r.surveys++;
                    int csat = rs.getInt(3);
                    if (!rs.wasNull()) {
                        r.csatN++;
                        r.csatSum += csat;
                        if (csat >= 4) {
                            r.csatPositive++;
                        }
                    }
                    int nps = rs.getInt(4);
                    if (!rs.wasNull()) {
                        r.npsN++;
                        if (nps >= 9) {
                            r.promoters++;
                        } else if (nps <= 6) {
                            r.detractors++;
                        }
                    }
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT entry_queue, channel, first_response_ms FROM contacts"
                    + " WHERE first_response_ms IS NOT NULL AND ended_at >= " + from + " AND ended_at < " + to)) {
                while (rs.next()) {
                    Ref r = m.computeIfAbsent(rs.getString(1) + "/" + rs.getString(2), k -> new Ref());
                    r.frt.add(rs.getLong(3));
                    if (rs.getLong(3) <= 30_000) {
                        r.frtWithin++;
                    }
                }
            }
        }
        return m;
    }

    private static Double ratio(double a, double b) {
        return b == 0 ? null : a / b;
    }

    private static Double nearestRank(List<Long> values, double p) {
        if (values.isEmpty()) {
            return null;
        }
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(p * sorted.size() - 1e-9);
        return sorted.get(Math.max(1, rank) - 1) / 1000.0;
    }

    private static void compare(String key, String channel, JsonObject k, Ref r) {
        long offered = r.answered + r.abandoned + r.shortAbandoned + r.flowedOut;
        Map<String, Object> expected = new HashMap<>();
        expected.put("offered", (double) offered);
        expected.put("answered", (double) r.answered);
        expected.put("abandoned", (double) r.abandoned);
        expected.put("short_abandoned", (double) r.shortAbandoned);
        expected.put("flowed_out", (double) r.flowedOut);
        expected.put("blocked", (double) r.blocked);
        expected.put("answered_in_threshold", (double) r.answeredInT);
        expected.put("abandoned_in_threshold", (double) r.abandonedInT);
        expected.put("service_level", ratio(r.answeredInT, offered - r.shortAbandoned - r.abandonedInT));
        expected.put("abandon_rate", ratio(r.abandoned, offered - r.shortAbandoned));
        expected.put("blocked_rate", ratio(r.blocked, offered + r.blocked));
        expected.put("asa_s", ratio(r.waitAnsweredMs / 1000.0, r.answered));
        long waitSum = 0;
        long max = -1;
        for (long w : r.waits) {
            waitSum += w;
            max = Math.max(max, w);
        }
        expected.put("avg_wait_s", ratio(waitSum / 1000.0, r.waits.size()));
        expected.put("max_wait_s", max < 0 ? null : max / 1000.0);
        expected.put("p50_wait_s", nearestRank(r.waits, 0.5));
        expected.put("p90_wait_s", nearestRank(r.waits, 0.9));
        expected.put("avg_time_to_abandon_s", ratio(r.waitAbandonedMs / 1000.0, r.abandoned));
        expected.put("handled", (double) r.segments);
        expected.put("aht_s", ratio(r.handleMs / 1000.0, r.segments));
        expected.put("avg_talk_s", ratio(r.talkMs / 1000.0, r.segments));
        expected.put("avg_hold_s", ratio(r.holdMs / 1000.0, r.segments));
        expected.put("avg_acw_s", ratio(r.acwMs / 1000.0, r.segments));
        expected.put("transfer_rate", ratio(r.transferred, r.answered));
        expected.put("resolution_rate", ratio(r.resolved, r.withFlag));
        expected.put("csat", ratio(r.csatPositive, r.csatN));
        expected.put("csat_mean", ratio(r.csatSum, r.csatN));
        expected.put("survey_response_rate", ratio(r.surveys, r.answered));
        expected.put("nps", ratio(r.promoters - r.detractors, r.npsN));
        boolean voice = "voice".equals(channel);
        long frtSum = 0;
        for (long f : r.frt) {
            frtSum += f;
        }
        expected.put("frt_avg_s", voice ? null : ratio(frtSum / 1000.0, r.frt.size()));
        expected.put("frt_p90_s", voice ? null : nearestRank(r.frt, 0.9));
        expected.put("frt_within_target", voice ? null : ratio(r.frtWithin, r.frt.size()));
        for (Map.Entry<String, Object> e : expected.entrySet()) {
            Object actual = k.getValue(e.getKey());
            String what = key + " " + e.getKey();
            if (e.getValue() == null) {
                assertEquals(null, actual, what);
            } else {
                assertTrue(actual instanceof Number, what + " = " + actual);
                assertEquals((Double) e.getValue(), ((Number) actual).doubleValue(), 1e-9, what);
            }
        }
    }

    /** Per agent: segment and survey KPIs for all, state-time KPIs for agents logged out before midnight. */
    private static void compareAgents(TestDb db, JsonArray agents) throws Exception {
        String range = " >= '" + DAY + "' AND %s < '" + DAY.plus(Duration.ofDays(1)) + "'";
        int withStates = 0;
        long handledTotal = 0;
        for (int i = 0; i < agents.size(); i++) {
            JsonObject a = agents.getJsonObject(i);
            String agent = a.getString("agent");
            JsonObject k = a.getJsonObject("today");
            long n = 0;
            long talk = 0;
            long hold = 0;
            long acw = 0;
            long transferred = 0;
            long flagged = 0;
            long resolved = 0;
            long outbound = 0;
            try (Connection c = db.connect(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT talk_ms, hold_ms, acw_ms, transferred, resolved, direction"
                         + " FROM handle_segments WHERE agent = '" + agent + "' AND acw_end_at"
                         + String.format(range, "acw_end_at"))) {
                while (rs.next()) {
                    n++;
                    talk += rs.getLong(1);
                    hold += rs.getLong(2);
                    acw += rs.getLong(3);
                    transferred += rs.getBoolean(4) ? 1 : 0;
                    boolean r = rs.getBoolean(5);
                    if (!rs.wasNull()) {
                        flagged++;
                        resolved += r ? 1 : 0;
                    }
                    outbound += "outbound".equals(rs.getString(6)) ? 1 : 0;
                }
            }
            handledTotal += n;
            Map<String, Double> expected = new HashMap<>();
            expected.put("handled", (double) n);
            expected.put("aht_s", ratio((talk + hold + acw) / 1000.0, n));
            expected.put("avg_talk_s", ratio(talk / 1000.0, n));
            expected.put("avg_hold_s", ratio(hold / 1000.0, n));
            expected.put("avg_acw_s", ratio(acw / 1000.0, n));
            expected.put("transfer_rate", ratio(transferred, n));
            expected.put("resolution_rate", ratio(resolved, flagged));
            expected.put("outbound_rate", ratio(outbound, n));
            long csatN = 0;
            long csatPos = 0;
            try (Connection c = db.connect(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT csat FROM surveys WHERE csat IS NOT NULL AND agent = '" + agent
                         + "' AND time" + String.format(range, "time"))) {
                while (rs.next()) {
                    csatN++;
                    csatPos += rs.getInt(1) >= 4 ? 1 : 0;
                }
            }
            expected.put("csat", ratio(csatPos, csatN));
            if ("offline".equals(a.getString("state"))
                    && Instant.parse(a.getString("since")).isBefore(DAY.plus(Duration.ofDays(1)))) {
                // every span of this agent is closed: the state times are all in the stored facts
                Map<String, Long> ms = new HashMap<>();
                try (Connection c = db.connect(); Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT state, sum(extract(epoch FROM end_at - start_at) * 1000)::bigint"
                             + " FROM agent_states WHERE agent = '" + agent + "' AND start_at"
                             + String.format(range, "start_at") + " GROUP BY state")) {
                    while (rs.next()) {
                        ms.put(rs.getString(1), rs.getLong(2));
                    }
                }
                long staffed = ms.values().stream().mapToLong(Long::longValue).sum();
                long busy = ms.getOrDefault("on_contact", 0L) + ms.getOrDefault("acw", 0L);
                long ready = busy + ms.getOrDefault("available", 0L) + ms.getOrDefault("ringing", 0L);
                expected.put("staffed_s", staffed / 1000.0);
                expected.put("available_s", ms.getOrDefault("available", 0L) / 1000.0);
                expected.put("on_contact_s", ms.getOrDefault("on_contact", 0L) / 1000.0);
                expected.put("acw_s", ms.getOrDefault("acw", 0L) / 1000.0);
                expected.put("away_s", ms.getOrDefault("away", 0L) / 1000.0);
                expected.put("occupancy", ratio(busy, ready));
                expected.put("utilization", ratio(busy, staffed));
                expected.put("handled_per_hour", ratio(n, staffed / 3_600_000.0));
                withStates++;
            }
            for (Map.Entry<String, Double> e : expected.entrySet()) {
                Object actual = k.getValue(e.getKey());
                String what = agent + " " + e.getKey();
                if (e.getValue() == null) {
                    assertEquals(null, actual, what);
                } else {
                    assertTrue(actual instanceof Number, what + " = " + actual);
                    assertEquals(e.getValue(), ((Number) actual).doubleValue(), 1e-6, what);
                }
            }
        }
        assertTrue(withStates >= 3, "agents with a whole day of state time compared: " + withStates);
        assertTrue(handledTotal > 200, "segments compared per agent: " + handledTotal);
    }
}
