package io.ccpulse.tickets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ccpulse.support.RunningService;
import io.ccpulse.support.TestDb;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Tickets live for days, longer than restart recovery replays: after a restart, a ticket untouched for
 * ten days, one resolved a week ago and one changed since the replay start must all still be known, with
 * the same live numbers and the same stored rows as in a service that never stopped.
 */
@Tag("integration")
@DisplayName("Tickets survive a restart")
class TicketRestartIT {

    private static String ev(String id, String type, Instant t, String fields) {
        return "{\"id\":\"" + id + "\",\"type\":\"" + type + "\",\"time\":\"" + t + "\"," + fields + "}";
    }

    private static final String ROWS = "SELECT ticket || ' v' || version || ' resolved=' || coalesce(resolved_at::text, '-')"
            + " || ' reopens=' || reopens || ' first=' || coalesce(first_response_at::text, '-') || ' response='"
            + " || coalesce(response_sla, '-') || ' resolution=' || coalesce(resolution_sla, '-') FROM tickets ORDER BY 1";

    private static JsonObject desk(RunningService s) {
        for (Object o : new JsonObject(s.http.get("/v1/live/queues").body()).getJsonArray("tickets")) {
            JsonObject t = (JsonObject) o;
            if (t.getString("queue").equals("desk")) {
                return t.put("oldest_open_age_s", null);
            }
        }
        return null;
    }

    @Test
    @DisplayName("restored as stored, rebuilt from their events, or replayed: later events apply, rows and live numbers as without restart")
    void restart() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Duration day = Duration.ofDays(1);
        List<String> before = List.of(
                ev("r1", "ticket.created", now.minus(day.multipliedBy(10)), "\"ticket\":\"T-open\",\"queue\":\"desk\""),
                ev("r2", "ticket.created", now.minus(day.multipliedBy(9)), "\"ticket\":\"T-week\",\"queue\":\"desk\""),
                ev("r3", "ticket.resolved", now.minus(day.multipliedBy(8)), "\"ticket\":\"T-week\",\"agent\":\"a\""),
                ev("r4", "ticket.created", now.minus(day.multipliedBy(8)).plusSeconds(60),
                        "\"ticket\":\"T-changed\",\"queue\":\"desk\",\"category\":\"complaint\""),
                ev("r5", "ticket.responded", now.minus(day.multipliedBy(8)).plusSeconds(3600),
                        "\"ticket\":\"T-changed\",\"agent\":\"b\""),
                ev("r6", "ticket.created", now.minusSeconds(7200), "\"ticket\":\"T-new\",\"queue\":\"desk\""),
                ev("r7", "ticket.resolved", now.minusSeconds(3 * 3600), "\"ticket\":\"T-changed\",\"agent\":\"b\""),
                ev("r8", "ticket.responded", now.minusSeconds(3600), "\"ticket\":\"T-new\",\"agent\":\"b\""),
                ev("r9", "agent.login", now.minusSeconds(600), "\"agent\":\"b\",\"team\":\"desk\""));
        List<String> after = List.of(
                ev("r10", "ticket.reopened", now.minusSeconds(300), "\"ticket\":\"T-week\""),
                ev("r11", "ticket.responded", now.minusSeconds(240), "\"ticket\":\"T-open\",\"agent\":\"b\""),
                ev("r12", "ticket.reopened", now.minusSeconds(180), "\"ticket\":\"T-changed\""),
                ev("r13", "agent.status", now.plusSeconds(600), "\"agent\":\"b\",\"status\":\"away\""));
        List<String> sortedBefore = before.stream().sorted(java.util.Comparator.comparing(
                e -> new JsonObject(e).getString("time"))).toList();

        List<String> uninterrupted;
        JsonObject liveUninterrupted;
        try (TestDb db = TestDb.create(); RunningService s = RunningService.start(db)) {
            post(s, sortedBefore);
            post(s, after);
            uninterrupted = db.column(ROWS);
            liveUninterrupted = desk(s);
        }

        try (TestDb db = TestDb.create()) {
            JsonObject liveBefore;
            try (RunningService a = RunningService.start(db)) {
                post(a, sortedBefore);
                liveBefore = desk(a);
            }
            try (RunningService b = RunningService.start(db)) {
                b.service.live().awaitIdle(5_000);
                assertEquals(liveBefore.encodePrettily(), desk(b).encodePrettily(), "the live tickets after the restart");
                post(b, after);
                assertEquals(uninterrupted, db.column(ROWS));
                assertEquals(liveUninterrupted.encodePrettily(), desk(b).encodePrettily());
                assertTrue(Double.isNaN(b.metric("ccpulse_engine_anomalies_total{kind=\"unknown_ticket\"}"))
                        || b.metric("ccpulse_engine_anomalies_total{kind=\"unknown_ticket\"}") == 0,
                        "every ticket known after the restart");
            }
        }
        assertEquals(4, uninterrupted.size(), uninterrupted.toString());
        // T-open: created, response breached, resolution breached (3 days), responded after the restart
        assertTrue(uninterrupted.get(2).startsWith("T-open v4") && uninterrupted.get(2).contains("first=2"),
                uninterrupted.toString());
        assertTrue(uninterrupted.get(3).startsWith("T-week") && uninterrupted.get(3).contains("reopens=1"),
                uninterrupted.toString());
        assertTrue(uninterrupted.get(0).startsWith("T-changed") && uninterrupted.get(0).contains("reopens=1"),
                uninterrupted.toString());
    }

    private static void post(RunningService s, List<String> events) throws Exception {
        JsonObject r = new JsonObject(s.http.postEvents("[" + String.join(",", events) + "]").body());
        assertEquals(events.size(), r.getInteger("accepted"), r.encode());
        s.service.live().awaitIdle(5_000);
        assertTrue(s.service.factWriter().awaitIdle(10_000));
    }
}
