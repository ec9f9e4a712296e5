package io.ccpulse.tickets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ccpulse.domain.fact.Fact;
import io.ccpulse.domain.fact.SlaStatus;
import io.ccpulse.domain.fact.TicketFact;
import io.ccpulse.support.RunningService;
import io.ccpulse.support.TestDb;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Tickets through the real service: a hand-computed scenario over HTTP, checked in the live API, in
 * Prometheus and in the tickets table; and the ticket upsert written twice and out of order.
 */
@Tag("integration")
@DisplayName("Tickets through the service")
class TicketsIT {

    private static String ev(String id, String type, Instant t, String fields) {
        return "{\"id\":\"" + id + "\",\"type\":\"" + type + "\",\"time\":\"" + t + "\"," + fields + "}";
    }

    @Test
    @DisplayName("live tickets object, Prometheus gauges and counters, stored newest versions: all as hand-computed")
    void scenario() throws Exception {
        Instant now0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant base = now0.minusSeconds(20 * 60);
        boolean sameDay = base.atZone(ZoneOffset.UTC).toLocalDate().equals(now0.plusSeconds(120).atZone(ZoneOffset.UTC)
                .toLocalDate());
        List<String> events = List.of(
                // T1: complaint, response due in 5 min from the event, never answered -> breached at +300
                ev("k-1", "ticket.created", base, "\"ticket\":\"T1\",\"queue\":\"desk\",\"category\":\"complaint\","
                        + "\"first_response_due\":\"" + base.plusSeconds(300) + "\""),
                ev("k-2", "ticket.assigned", base.plusSeconds(60), "\"ticket\":\"T1\",\"agent\":\"a-1\""),
                // T2: responded after 120 s, resolved after 480 s (policy 4 h / 3 d: both met)
                ev("k-3", "ticket.created", base.plusSeconds(120), "\"ticket\":\"T2\",\"queue\":\"desk\",\"priority\":1"),
                ev("k-4", "ticket.responded", base.plusSeconds(240), "\"ticket\":\"T2\",\"agent\":\"a-1\""),
                ev("k-5", "ticket.resolved", base.plusSeconds(600), "\"ticket\":\"T2\",\"agent\":\"a-1\""),
                // T3: resolved without response at +360 (meets the response SLA), reopened at +420, resolved at +900
                ev("k-6", "ticket.created", base.plusSeconds(180), "\"ticket\":\"T3\",\"queue\":\"desk\""),
                ev("k-7", "ticket.resolved", base.plusSeconds(360), "\"ticket\":\"T3\",\"agent\":\"a-2\""),
                ev("k-8", "ticket.reopened", base.plusSeconds(420), "\"ticket\":\"T3\""),
                ev("k-9", "ticket.resolved", base.plusSeconds(900), "\"ticket\":\"T3\",\"agent\":\"a-2\""),
                // T4: escalated, open
                ev("k-10", "ticket.created", base.plusSeconds(200), "\"ticket\":\"T4\",\"queue\":\"desk\""),
                ev("k-11", "ticket.escalated", base.plusSeconds(260), "\"ticket\":\"T4\",\"level\":2"),
                // odd: a response to a ticket never created
                ev("k-12", "ticket.responded", base.plusSeconds(270), "\"ticket\":\"T9\",\"agent\":\"a-1\""));
        // sent in time order: within a batch, an event more than the allowed lateness behind one before it is late
        List<String> sorted = new ArrayList<>(events);
        sorted.sort(java.util.Comparator.comparing(e -> new JsonObject(e).getString("time")));
        try (TestDb db = TestDb.create(); RunningService svc = RunningService.start(db)) {
            assertEquals(12, new JsonObject(svc.http.postEvents("[" + String.join(",", sorted) + "]").body())
                    .getInteger("accepted"));
            svc.service.live().awaitIdle(5_000);

            JsonObject doc = new JsonObject(svc.http.get("/v1/live/queues").body());
            JsonArray tickets = doc.getJsonArray("tickets");
            assertEquals(1, tickets.size(), doc.encodePrettily());
            JsonObject desk = tickets.getJsonObject(0);
            assertEquals("desk", desk.getString("queue"));
            assertEquals(2, desk.getInteger("open"), "T1 and T4");
            assertEquals(1, desk.getInteger("overdue_response"), "T1: due at +300 s, no response");
            assertEquals(0, desk.getInteger("overdue_resolution"));
            assertEquals(base.toString(), desk.getString("oldest_open_since"));
            assertEquals(14_400L, desk.getJsonObject("settings").getJsonObject("ticket_sla").getJsonObject("default")
                    .getLong("first_response_s"));
            if (sameDay) {
                JsonObject t = desk.getJsonObject("today");
                assertEquals(4, t.getInteger("created"));
                assertEquals(1, t.getInteger("responded"));
                assertEquals(120.0, t.getDouble("first_response_avg_s"), 1e-9, "T2");
                assertEquals(2, t.getInteger("resolved"));
                assertEquals(600.0, t.getDouble("resolution_avg_s"), 1e-9, "(480 + 720) / 2");
                assertEquals(3, t.getInteger("response_sla_counted"), "T1 breached, T2 met, T3 met by its resolution");
                assertEquals(1.0 / 3, t.getDouble("response_breach_rate"), 1e-9);
                assertEquals(2, t.getInteger("resolution_sla_counted"));
                assertEquals(0.0, t.getDouble("resolution_breach_rate"));
                assertEquals(0.25, t.getDouble("escalation_rate"));
                assertEquals(0.25, t.getDouble("reopen_rate"));
                assertEquals(0.25, t.getDouble("complaint_rate"), "1 complaint / (0 contacts + 4 tickets)");
            }
            JsonObject one = new JsonObject(svc.http.get("/v1/live/queues/desk").body());
            assertEquals(2, one.getJsonObject("tickets").getInteger("open"));

            // gauges are live; counters count final versions (up to the watermark, +600 s: not T2's resolution)
            assertEquals(2.0, svc.metric("ccpulse_tickets_open{queue=\"desk\"}"));
            assertEquals(1.0, svc.metric("ccpulse_tickets_overdue{queue=\"desk\",sla=\"response\"}"));
            assertEquals(0.0, svc.metric("ccpulse_tickets_overdue{queue=\"desk\",sla=\"resolution\"}"));
            assertEquals(4.0, svc.metric("ccpulse_tickets_opened_total{queue=\"desk\"}"));
            assertEquals(1.0, svc.metric("ccpulse_tickets_resolved_total{queue=\"desk\"}"), "T3 at +360");
            assertEquals(1.0, svc.metric("ccpulse_tickets_first_responses_total{queue=\"desk\"}"));
            assertEquals(1.0, svc.metric("ccpulse_tickets_reopened_total{queue=\"desk\"}"));
            assertEquals(1.0, svc.metric("ccpulse_tickets_escalations_total{queue=\"desk\"}"));
            assertEquals(1.0, svc.metric("ccpulse_tickets_sla_breaches_total{queue=\"desk\",sla=\"response\"}"));
            assertEquals(0.0, svc.metric("ccpulse_tickets_sla_breaches_total{queue=\"desk\",sla=\"resolution\"}"));

            // an event 10 minutes ahead makes everything final: the newest versions are stored
            svc.http.postEvents(ev("k-13", "agent.login", now0.plusSeconds(600), "\"agent\":\"a-9\""));
            svc.service.live().awaitIdle(5_000);
            assertTrue(svc.service.factWriter().awaitIdle(10_000));
            assertEquals(2.0, svc.metric("ccpulse_tickets_resolved_total{queue=\"desk\"}") - 1, "T2 and T3 twice: 3");
            assertEquals(1.0, svc.metric("ccpulse_engine_anomalies_total{kind=\"unknown_ticket\"}"));
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                ResultSet rs = s.executeQuery("SELECT ticket, version, resolved_at, resolutions, reopens, response_sla,"
                        + " response_sla_at, resolution_sla, complaint, first_response_at FROM tickets ORDER BY ticket");
                List<String> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(rs.getString(1) + " v" + rs.getInt(2) + " resolved=" + ts(rs, 3) + " n=" + rs.getInt(4)
                            + " reopens=" + rs.getInt(5) + " response=" + rs.getString(6) + "@" + ts(rs, 7)
                            + " resolution=" + rs.getString(8) + " complaint=" + rs.getBoolean(9)
                            + " first=" + ts(rs, 10));
                }
                assertEquals(List.of(
                        "T1 v3 resolved=null n=0 reopens=0 response=breached@" + base.plusSeconds(300)
                                + " resolution=null complaint=true first=null",
                        "T2 v3 resolved=" + base.plusSeconds(600) + " n=1 reopens=0 response=met@"
                                + base.plusSeconds(240) + " resolution=met complaint=false first=" + base.plusSeconds(240),
                        "T3 v4 resolved=" + base.plusSeconds(900) + " n=2 reopens=1 response=met@"
                                + base.plusSeconds(360) + " resolution=met complaint=false first=null",
                        "T4 v2 resolved=null n=0 reopens=0 response=null@null resolution=null complaint=false first=null"),
                        rows);
            }
        }
    }

    private static String ts(ResultSet rs, int i) throws java.sql.SQLException {
        java.sql.Timestamp t = rs.getTimestamp(i);
        return t == null ? null : t.toInstant().toString();
    }

    @Test
    @DisplayName("the ticket upsert keeps the newest version whatever the order and repetition of the writes")
    void upsertIsIdempotent() throws Exception {
        Instant t0 = Instant.parse("2026-03-02T09:00:00Z");
        List<TicketFact> versions = new ArrayList<>();
        TicketFact v = new TicketFact("X1", 1, t0, "desk", null, null, null, t0, t0.plusSeconds(3600),
                t0.plusSeconds(7200), null, null, null, null, 0, null, null, null, null, 0, 0, null, null, null, null,
                null, null);
        versions.add(v);
        for (int i = 2; i <= 6; i++) {
            Instant at = t0.plusSeconds(60L * i);
            v = new TicketFact("X1", i, at, "desk", null, null, null, t0, t0.plusSeconds(3600), t0.plusSeconds(7200),
                    "a-" + i, "team", null, null, i, null, null, null, null, 0, 0, null, null, null, null, null, v);
            versions.add(v);
        }
        try (TestDb db = TestDb.create(); RunningService svc = RunningService.start(db)) {
            Random r = new Random(3);
            for (int round = 0; round < 5; round++) {
                List<Fact> shuffled = new ArrayList<>(versions);
                shuffled.addAll(versions.subList(0, 3));
                Collections.shuffle(shuffled, r);
                // in several transactions of random size
                int i = 0;
                while (i < shuffled.size()) {
                    int k = 1 + r.nextInt(4);
                    svc.service.factWriter().write(shuffled.subList(i, Math.min(shuffled.size(), i + k)));
                    i += k;
                }
                assertEquals(1, db.count("SELECT count(*) FROM tickets"));
                assertEquals(List.of("6|a-6|6"), db.column("SELECT version || '|' || agent || '|' || escalations FROM tickets"));
            }
            assertNull(versions.get(0).previous());
            assertEquals(SlaStatus.values().length, 2);
        }
    }
}
