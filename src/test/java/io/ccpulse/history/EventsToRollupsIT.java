package io.ccpulse.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ccpulse.support.RunningService;
import io.ccpulse.support.TestDb;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * End to end, from events: duplicates change no roll-up; an event out of order within the allowed
 * lateness changes exactly the buckets of the facts it changes; an event later than the lateness is
 * stored, not applied, recorded in late_events, and changes nothing.
 */
@Tag("integration")
class EventsToRollupsIT {

    static final Instant T0 = Instant.parse("2026-05-04T08:00:00Z");

    static String at(int minutes, int seconds) {
        return T0.plusSeconds(minutes * 60L + seconds).toString();
    }

    static JsonObject ev(String id, String type, String time, String fields) {
        return new JsonObject("{\"id\":\"" + id + "\",\"type\":\"" + type + "\",\"time\":\"" + time + "\"," + fields
                + "}");
    }

    static final List<JsonObject> STREAM = List.of(
            ev("e1", "agent.login", at(0, 0), "\"agent\":\"a-1\",\"team\":\"t1\",\"queues\":[\"billing\"]"),
            ev("e2", "contact.queued", at(1, 0), "\"contact\":\"c-1\",\"channel\":\"voice\",\"queue\":\"billing\","
                    + "\"customer\":\"cu-1\""),
            ev("e3", "contact.answered", at(1, 20), "\"contact\":\"c-1\",\"agent\":\"a-1\""),
            ev("e4", "contact.ended", at(5, 0), "\"contact\":\"c-1\""),
            ev("e5", "contact.wrapped", at(6, 0), "\"contact\":\"c-1\",\"agent\":\"a-1\",\"resolved\":true"),
            ev("e6", "contact.queued", at(7, 0), "\"contact\":\"c-2\",\"channel\":\"voice\",\"queue\":\"billing\""),
            ev("e7", "contact.abandoned", at(7, 30), "\"contact\":\"c-2\""),
            ev("e8", "agent.status", at(20, 0), "\"agent\":\"a-1\",\"status\":\"away\",\"reason\":\"break\""));

    static void post(RunningService svc, List<JsonObject> events) {
        HttpResponse<String> r = svc.http.postEvents(new JsonArray(List.copyOf(events)).encode());
        assertEquals(200, r.statusCode(), r.body());
    }

    static void settle(RunningService svc, Instant newest) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (!newest.equals(svc.service.live().published().snapshot().newestEventTime())
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        svc.service.live().awaitIdle(10_000);
        Thread.sleep(50);
        svc.service.live().awaitIdle(10_000);
        svc.service.factWriter().awaitIdle(10_000);
    }

    static Map<String, String> snapshot(TestDb db) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("SET TIME ZONE 'UTC'");
            for (String t : List.of("rollup_queue", "rollup_agent", "rollup_agent_away")) {
                try (ResultSet rs = s.executeQuery("SELECT * FROM " + t)) {
                    int n = rs.getMetaData().getColumnCount();
                    int keys = t.equals("rollup_agent_away") ? 4 : 3;
                    while (rs.next()) {
                        StringBuilder k = new StringBuilder(t);
                        StringBuilder v = new StringBuilder();
                        for (int i = 1; i <= n; i++) {
                            (i <= keys ? k : v).append('|').append(rs.getString(i));
                        }
                        out.put(k.toString(), v.toString());
                    }
                }
            }
        }
        return out;
    }

    static Set<String> changed(Map<String, String> before, Map<String, String> after) {
        Set<String> out = new HashSet<>();
        for (String k : after.keySet()) {
            if (!after.get(k).equals(before.get(k))) {
                out.add(k);
            }
        }
        for (String k : before.keySet()) {
            if (!after.containsKey(k)) {
                out.add(k);
            }
        }
        return out;
    }

    @Test
    @DisplayName("Duplicates change nothing; an out-of-order event changes exactly its buckets; a late event nothing")
    void lateAndDuplicateEvents() throws Exception {
        try (TestDb db = TestDb.create(); RunningService svc = RunningService.start(db)) {
            post(svc, STREAM);
            settle(svc, Instant.parse(at(20, 0)));
            Map<String, String> first = snapshot(db);
            assertTrue(first.containsKey("rollup_queue|2026-05-04 08:00:00+00|billing|voice"), first.toString());

            // the whole stream again: all duplicates
            post(svc, STREAM);
            settle(svc, Instant.parse(at(20, 0)));
            assertEquals(first, snapshot(db), "duplicates change nothing");

            // out of order within the lateness (newest 08:20, lateness 5 min): a survey at 08:17,
            // then an event at 08:40 that makes everything before 08:35 final
            post(svc, List.of(ev("e9", "contact.survey", at(17, 0), "\"contact\":\"c-1\",\"csat\":5,\"nps\":10")));
            post(svc, List.of(ev("e10", "agent.status", at(40, 0), "\"agent\":\"a-1\",\"status\":\"available\"")));
            settle(svc, Instant.parse(at(40, 0)));
            Map<String, String> second = snapshot(db);
            Set<String> diff = changed(first, second);
            // the survey's bucket (queue and agent), and the span "available 08:06-08:20" that the break at
            // 08:20 closed, final now that the watermark (08:35) passed 08:20: 9 min in 08:00, 5 in 08:15.
            // The break itself (08:20-08:40) was closed by the 08:40 event: not final yet.
            assertEquals(Set.of(
                    "rollup_queue|2026-05-04 08:15:00+00|billing|voice",
                    "rollup_agent|2026-05-04 08:00:00+00|a-1|t1",
                    "rollup_agent|2026-05-04 08:15:00+00|a-1|t1"), diff);
            assertEquals(List.of("620000", "300000"), db.column("SELECT available_ms FROM rollup_agent"
                    + " WHERE agent = 'a-1' AND bucket IN ('2026-05-04T08:00:00Z', '2026-05-04T08:15:00Z') ORDER BY bucket"));
            assertEquals(1, db.count("SELECT surveys FROM rollup_agent WHERE agent = 'a-1'"
                    + " AND bucket = '2026-05-04T08:15:00Z'"));
            assertEquals(1, db.count("SELECT surveys FROM rollup_queue WHERE queue = 'billing'"
                    + " AND bucket = '2026-05-04T08:15:00Z'"));

            // later than the lateness: stored, not applied, recorded, nothing changes
            post(svc, List.of(ev("e11", "contact.survey", at(2, 0), "\"contact\":\"c-1\",\"csat\":1")));
            post(svc, List.of(ev("e12", "agent.status", at(41, 0), "\"agent\":\"a-1\",\"status\":\"available\"")));
            settle(svc, Instant.parse(at(41, 0)));
            assertEquals(second, snapshot(db), "a late event changes no roll-up");
            assertEquals(1, db.count("SELECT count(*) FROM events WHERE id = 'e11'"));
            assertEquals(List.of("e11"), db.column("SELECT id FROM late_events"));
        }
    }
}
