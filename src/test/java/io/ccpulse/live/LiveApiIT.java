package io.ccpulse.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ccpulse.support.RunningService;
import io.ccpulse.support.TestDb;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A hand-computed scenario sent over HTTP; the live API, the Prometheus output and the stored
 * facts must show the numbers worked out in the comments.
 */
@Tag("integration")
class LiveApiIT {

    private static String ev(String id, String type, Instant t, String fields) {
        return "{\"id\":\"" + id + "\",\"type\":\"" + type + "\",\"time\":\"" + t + "\"," + fields + "}";
    }

    @Test
    @DisplayName("A small voice scenario gives the hand-computed live KPIs, metrics and facts")
    void scenario() throws Exception {
        // base: 8 minutes ago, whole seconds, so every event is in the last 15 minutes
        Instant base = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(8 * 60);
        List<String> events = List.of(
                ev("s-1", "agent.login", base, "\"agent\":\"a-1\",\"team\":\"t1\",\"queues\":[\"billing\"]"),
                ev("s-2", "agent.login", base, "\"agent\":\"a-2\",\"team\":\"t1\",\"queues\":[\"billing\"]"),
                // c-1: waits 10 s (in T=20), talk 120 s, ACW 30 s, resolved
                ev("s-3", "contact.queued", base.plusSeconds(60), "\"contact\":\"c-1\",\"channel\":\"voice\",\"queue\":\"billing\",\"customer\":\"cu-1\""),
                ev("s-4", "contact.answered", base.plusSeconds(70), "\"contact\":\"c-1\",\"agent\":\"a-1\""),
                ev("s-5", "contact.ended", base.plusSeconds(190), "\"contact\":\"c-1\""),
                ev("s-6", "contact.wrapped", base.plusSeconds(220), "\"contact\":\"c-1\",\"agent\":\"a-1\",\"resolved\":true"),
                // c-2: waits 30 s (not in T), 180 s connected with 20 s hold -> talk 160, hold 20, ACW 20
                ev("s-7", "contact.queued", base.plusSeconds(120), "\"contact\":\"c-2\",\"channel\":\"voice\",\"queue\":\"billing\""),
                ev("s-8", "contact.answered", base.plusSeconds(150), "\"contact\":\"c-2\",\"agent\":\"a-2\""),
                ev("s-9", "contact.held", base.plusSeconds(180), "\"contact\":\"c-2\""),
                ev("s-10", "contact.resumed", base.plusSeconds(200), "\"contact\":\"c-2\""),
                ev("s-11", "contact.ended", base.plusSeconds(330), "\"contact\":\"c-2\""),
                ev("s-12", "contact.wrapped", base.plusSeconds(350), "\"contact\":\"c-2\",\"agent\":\"a-2\""),
                // c-3: short abandon (3 s < 5 s); c-4: abandon after 15 s (in T)
                ev("s-13", "contact.queued", base.plusSeconds(240), "\"contact\":\"c-3\",\"channel\":\"voice\",\"queue\":\"billing\""),
                ev("s-14", "contact.abandoned", base.plusSeconds(243), "\"contact\":\"c-3\""),
                ev("s-15", "contact.queued", base.plusSeconds(240), "\"contact\":\"c-4\",\"channel\":\"voice\",\"queue\":\"billing\""),
                ev("s-16", "contact.abandoned", base.plusSeconds(255), "\"contact\":\"c-4\""),
                // c-5: still waiting
                ev("s-17", "contact.queued", base.plusSeconds(360), "\"contact\":\"c-5\",\"channel\":\"voice\",\"queue\":\"billing\""));
        String body = "[" + String.join(",", events) + "]";
        try (TestDb db = TestDb.create(); RunningService svc = RunningService.start(db)) {
            assertEquals(17, new JsonObject(svc.http.postEvents(body).body()).getInteger("accepted"));
            // the same events again are duplicates and change nothing
            assertEquals(17, new JsonObject(svc.http.postEvents(body).body()).getInteger("duplicates"));
            assertTrue(svc.service.live().awaitIdle(10_000));

            JsonObject doc = new JsonObject(svc.http.get("/v1/live/queues?queue=billing").body());
            JsonArray queues = doc.getJsonArray("queues");
            assertEquals(1, queues.size());
            JsonObject q = queues.getJsonObject(0);
            assertEquals("voice", q.getString("channel"));
            assertEquals(1, q.getInteger("waiting"));
            double oldest = q.getDouble("oldest_wait_s");
            double expectedOldest = (Instant.parse(doc.getString("generated_at")).toEpochMilli()
                    - base.plusSeconds(360).toEpochMilli()) / 1000.0;
            assertEquals(expectedOldest, oldest, 0.01);
            assertEquals(new JsonObject().put("available", 2).put("ringing", 0).put("on_contact", 0).put("acw", 0)
                    .put("away", 0), q.getJsonObject("agents"));
            List<JsonObject> windows = base.atZone(ZoneOffset.UTC).toLocalDate()
                    .equals(Instant.now().atZone(ZoneOffset.UTC).toLocalDate())
                    ? List.of(q.getJsonObject("last_15m"), q.getJsonObject("today")) : List.of(q.getJsonObject("last_15m"));
            for (JsonObject k : windows) {
                assertEquals(4, k.getLong("offered"));            // 2 answered + 1 abandoned + 1 short
                assertEquals(2, k.getLong("answered"));
                assertEquals(1, k.getLong("abandoned"));
                assertEquals(1, k.getLong("short_abandoned"));
                assertEquals(1, k.getLong("answered_in_threshold"));
                assertEquals(1, k.getLong("abandoned_in_threshold"));
                assertEquals(0.5, k.getDouble("service_level"), 1e-9);    // 1 / (3 - 1), short left out
                assertEquals(1.0 / 3, k.getDouble("abandon_rate"), 1e-9); // 1 / (4 - 1)
                assertEquals(20.0, k.getDouble("asa_s"), 1e-9);           // (10 + 30) / 2
                assertEquals(14.5, k.getDouble("avg_wait_s"), 1e-9);      // (10 + 30 + 3 + 15) / 4
                assertEquals(30.0, k.getDouble("max_wait_s"), 1e-9);
                assertEquals(10.0, k.getDouble("p50_wait_s"), 1e-9);      // rank ceil(0.5*4)=2 of [3,10,15,30]
                assertEquals(30.0, k.getDouble("p90_wait_s"), 1e-9);      // rank 4
                assertEquals(15.0, k.getDouble("avg_time_to_abandon_s"), 1e-9);
                assertEquals(2, k.getLong("handled"));
                assertEquals(175.0, k.getDouble("aht_s"), 1e-9);          // (150 + 200) / 2
                assertEquals(140.0, k.getDouble("avg_talk_s"), 1e-9);     // (120 + 160) / 2
                assertEquals(10.0, k.getDouble("avg_hold_s"), 1e-9);
                assertEquals(25.0, k.getDouble("avg_acw_s"), 1e-9);
                assertEquals(1.0, k.getDouble("resolution_rate"), 1e-9);  // 1 resolved of 1 with a flag
            }
            JsonObject settings = q.getJsonObject("settings");
            assertEquals(20, settings.getInteger("sl_threshold_s"));
            assertEquals("ignore", settings.getString("sl_abandon_mode"));

            JsonObject a1 = new JsonObject(svc.http.get("/v1/live/agents/a-1").body());
            assertEquals("available", a1.getString("state"));
            assertEquals(base.plusSeconds(220).toString(), a1.getString("since"));
            assertEquals(1, a1.getJsonObject("today").getLong("handled"));
            assertEquals(404, svc.http.get("/v1/live/agents/nobody").statusCode());

            // Prometheus: live gauges now; counters once facts are final (behind the allowed lateness)
            assertEquals(1.0, svc.metric("ccpulse_queue_waiting_contacts{channel=\"voice\",queue=\"billing\"}"));
            assertEquals(0.5, svc.metric(
                    "ccpulse_queue_service_level{channel=\"voice\",queue=\"billing\",window=\"15m\"}"), 1e-9);
            assertEquals(2.0, svc.metric("ccpulse_queue_agents{queue=\"billing\",state=\"available\"}"));

            // a later event moves the watermark past every fact: they become final and are stored
            String tick = ev("s-18", "agent.status", base.plusSeconds(360 + 6 * 60), "\"agent\":\"a-1\",\"status\":\"away\",\"reason\":\"break\"");
            assertEquals(200, svc.http.postEvents(tick).statusCode());
            assertTrue(svc.service.live().awaitIdle(10_000));
            assertTrue(svc.service.factWriter().awaitIdle(10_000));
            assertEquals(2.0, svc.metric("ccpulse_queue_visits_total{channel=\"voice\",outcome=\"answered\",queue=\"billing\"}"));
            assertEquals(1.0, svc.metric("ccpulse_queue_visits_total{channel=\"voice\",outcome=\"short_abandoned\",queue=\"billing\"}"));
            assertEquals(1.0, svc.metric("ccpulse_queue_answered_within_threshold_total{channel=\"voice\",queue=\"billing\"}"));
            assertEquals(2.0, svc.metric("ccpulse_handle_segments_total{channel=\"voice\",queue=\"billing\"}"));
            assertEquals(Map.of("answered", "2", "abandoned", "2"), Map.of(
                    "answered", db.column("SELECT count(*) FROM queue_visits WHERE outcome = 'answered'").get(0),
                    "abandoned", db.column("SELECT count(*) FROM queue_visits WHERE outcome = 'abandoned'").get(0)));
            assertEquals(List.of("10000", "30000"),
                    db.column("SELECT wait_ms FROM queue_visits WHERE outcome = 'answered' ORDER BY wait_ms"));
            assertEquals(List.of("c-1|120000|0|30000|true", "c-2|160000|20000|20000|"),
                    db.column("SELECT contact || '|' || talk_ms || '|' || hold_ms || '|' || acw_ms || '|' ||"
                            + " coalesce(resolved::text, '') FROM handle_segments ORDER BY contact"));
            assertNotNull(db.column("SELECT count(*) FROM agent_states").get(0));
            assertTrue(db.count("SELECT count(*) FROM agent_states") >= 4);
        }
    }
}
