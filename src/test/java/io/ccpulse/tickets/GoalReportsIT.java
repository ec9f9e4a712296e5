package io.ccpulse.tickets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ccpulse.app.Service;
import io.ccpulse.config.Config;
import io.ccpulse.domain.fact.Fact;
import io.ccpulse.domain.fact.TicketFact;
import io.ccpulse.support.Http;
import io.ccpulse.support.RunningService;
import io.ccpulse.support.TestDb;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.sql.ResultSet;
import java.sql.Connection;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ticket and scorecard reports, targets in reports and period comparisons, through the real service
 * and TimescaleDB: the worked example of README.md sent over HTTP, and tickets on
 * both sides of month ends and of 29 February 2028.
 */
@Tag("integration")
@DisplayName("Ticket and scorecard reports, targets and comparisons")
class GoalReportsIT {

    @TempDir
    Path dir;

    /** A ticket created at {@code created} (UTC), nothing else. */
    private static TicketFact ticket(String id, String created) {
        Instant t = Instant.parse(created);
        return new TicketFact(id, 1, t, "q", null, null, null, t, t.plusSeconds(3600), t.plusSeconds(7200), null,
                null, null, null, 0, null, null, null, null, 0, 0, null, null, null, null, null, null);
    }

    @Test
    @DisplayName("compare=previous,last_year: a day, a leap day, a month against the month before and the year before, JSON and CSV")
    void comparisons() throws Exception {
        List<Fact> facts = new ArrayList<>();
        int n = 0;
        // created per UTC day: 2027-02-28: 1, 2028-01-29: 7, 2028-01-31: 5, 2028-02-01: 6, 2028-02-28: 2, 2028-02-29: 3, 2028-03-01: 4
        Map<String, Integer> perDay = Map.of("2027-02-28", 1, "2028-01-29", 7, "2028-01-31", 5, "2028-02-01", 6,
                "2028-02-28", 2, "2028-02-29", 3, "2028-03-01", 4);
        for (Map.Entry<String, Integer> e : perDay.entrySet()) {
            for (int i = 0; i < e.getValue(); i++) {
                facts.add(ticket("T" + (++n), e.getKey() + "T10:00:00Z"));
            }
        }
        try (TestDb db = TestDb.create(); RunningService svc = RunningService.start(db)) {
            svc.service.factWriter().write(facts);
            Http http = svc.http;

            // the leap day against the day before and the same day a year earlier (28 Feb 2027)
            JsonObject day = new JsonObject(http.get("/v1/reports/tickets?queue=q&from=2028-02-29&to=2028-03-01"
                    + "&group=day&compare=previous,last_year").body());
            assertEquals("2028-02-28T00:00Z", day.getJsonObject("compare").getJsonObject("previous").getString("from"));
            assertEquals("2027-02-28T00:00Z", day.getJsonObject("compare").getJsonObject("last_year").getString("from"));
            JsonObject total = day.getJsonArray("totals").getJsonObject(0);
            assertEquals(3, total.getInteger("created"));
            assertEquals(2, total.getJsonObject("previous").getJsonObject("values").getInteger("created"));
            assertEquals(1.0, total.getJsonObject("previous").getJsonObject("change").getDouble("created"));
            assertEquals(1, total.getJsonObject("last_year").getJsonObject("values").getInteger("created"));
            assertEquals(2.0, total.getJsonObject("last_year").getJsonObject("change").getDouble("created"));

            // 1 March 2028 against the leap day
            JsonObject march1 = new JsonObject(http.get("/v1/reports/tickets?queue=q&from=2028-03-01&to=2028-03-02"
                    + "&group=day&compare=previous").body()).getJsonArray("totals").getJsonObject(0);
            assertEquals(3, march1.getJsonObject("previous").getJsonObject("values").getInteger("created"));
            assertEquals(1.0, march1.getJsonObject("previous").getJsonObject("change").getDouble("created"));

            // February 2028 by day against January (rows paired by position: 29 Feb with 29 Jan) and February 2027
            JsonObject feb = new JsonObject(http.get("/v1/reports/tickets?queue=q&from=2028-02-01&to=2028-03-01"
                    + "&group=day&compare=previous,last_year").body());
            assertEquals("2028-01-01T00:00Z", feb.getJsonObject("compare").getJsonObject("previous").getString("from"));
            assertEquals("2028-02-01T00:00Z", feb.getJsonObject("compare").getJsonObject("previous").getString("to"));
            JsonArray rows = feb.getJsonArray("rows");
            assertEquals(29, rows.size());
            JsonObject feb29 = rows.getJsonObject(28);
            assertEquals("2028-02-29T00:00Z", feb29.getString("period_start"));
            assertEquals("2028-01-29T00:00Z", feb29.getJsonObject("previous").getString("period_start"));
            assertEquals(7, feb29.getJsonObject("previous").getJsonObject("values").getInteger("created"));
            assertEquals(-4.0, feb29.getJsonObject("previous").getJsonObject("change").getDouble("created"));
            assertNull(feb29.getJsonObject("last_year").getString("period_start"), "February 2027 has 28 days");
            assertEquals("2027-02-28T00:00Z", rows.getJsonObject(27).getJsonObject("last_year").getString("period_start"));
            JsonObject febTotal = feb.getJsonArray("totals").getJsonObject(0);
            assertEquals(11, febTotal.getInteger("created"), "6 + 2 + 3");
            assertEquals(12, febTotal.getJsonObject("previous").getJsonObject("values").getInteger("created"), "7 + 5");
            assertEquals(1, febTotal.getJsonObject("last_year").getJsonObject("values").getInteger("created"));

            // by month: February 2028 against January 2028 (31 days) and February 2027
            JsonObject month = new JsonObject(http.get("/v1/reports/tickets?queue=q&from=2028-02-01&to=2028-03-01"
                    + "&group=month&compare=previous,last_year").body());
            JsonObject m = month.getJsonArray("rows").getJsonObject(0);
            assertEquals(12, m.getJsonObject("previous").getJsonObject("values").getInteger("created"));
            assertEquals(-1.0, m.getJsonObject("previous").getJsonObject("change").getDouble("created"));
            assertEquals(10.0, m.getJsonObject("last_year").getJsonObject("change").getDouble("created"));

            // CSV: the same numbers as columns
            String csv = http.get("/v1/reports/tickets?queue=q&from=2028-02-29&to=2028-03-01&group=day"
                    + "&compare=previous,last_year&format=csv").body();
            String[] lines = csv.split("\r\n");
            List<String> header = List.of(lines[0].split(","));
            List<String> totalLine = List.of(lines[lines.length - 1].split(",", -1));
            assertEquals("total", totalLine.get(header.indexOf("row_type")));
            assertEquals("3", totalLine.get(header.indexOf("created")));
            assertEquals("2", totalLine.get(header.indexOf("previous_created")));
            assertEquals("1.0", totalLine.get(header.indexOf("previous_created_change")));
            assertEquals("1", totalLine.get(header.indexOf("last_year_created")));
            assertEquals("2.0", totalLine.get(header.indexOf("last_year_created_change")));
            assertEquals("2028-02-28T00:00Z", totalLine.get(header.indexOf("previous_period_start")));

            // the other reports compare too
            JsonObject queues = new JsonObject(http.get("/v1/reports/queues?from=2028-02-29&to=2028-03-01&group=day"
                    + "&compare=last_year").body());
            assertEquals("2027-02-28T00:00Z", queues.getJsonObject("compare").getJsonObject("last_year").getString("from"));
            // and a wrong compare is a 400 naming it
            var bad = http.get("/v1/reports/tickets?from=2028-02-29&to=2028-03-01&compare=yesterday");
            assertEquals(400, bad.statusCode());
            assertTrue(bad.body().contains("compare: 'yesterday' is not one of previous, last_year"), bad.body());
        }
    }

    @Test
    @DisplayName("the worked example over HTTP: ticket report and scorecards of the day equal the live numbers; targets and attainment in the reports")
    void workedExample() throws Exception {
        String doc = Files.readString(WorkedExampleTest.DOC);
        Path yml = dir.resolve("acme.yml");
        Files.writeString(yml, WorkedExampleTest.block(doc, "config"));
        try (TestDb db = TestDb.create()) {
            Map<String, String> env = new HashMap<>(db.serviceEnv());
            Config config = Config.load(yml, env);
            try (Service service = new Service(config)) {
                service.start();
                Http http = new Http(service.port());
                String events = WorkedExampleTest.block(doc, "events");
                JsonArray batch = new JsonArray();
                for (String line : events.split("\n")) {
                    if (!line.isBlank()) {
                        batch.add(new JsonObject(line));
                    }
                }
                // the next morning, so that the whole day is final and stored
                batch.add(new JsonObject().put("id", "x99").put("type", "agent.login")
                        .put("time", "2026-03-03T08:00:00+01:00").put("agent", "carl"));
                assertEquals(batch.size(), new JsonObject(http.postEvents(batch.encode()).body()).getInteger("accepted"));
                service.live().awaitIdle(10_000);
                assertTrue(service.factWriter().awaitIdle(20_000));

                JsonObject t = new JsonObject(http.get("/v1/reports/tickets?queue=support&from=2026-03-02"
                        + "&to=2026-03-03&group=day").body());
                JsonObject total = t.getJsonArray("totals").getJsonObject(0);
                assertEquals(5, total.getInteger("created"));
                assertEquals(3000.0, total.getDouble("first_response_avg_s"), 1e-9);
                assertEquals(12_900.0, total.getDouble("resolution_avg_s"), 1e-9);
                assertEquals(0.5, total.getDouble("response_breach_rate"));
                assertEquals(0.4, total.getDouble("complaint_rate"));
                assertEquals(2, t.getJsonObject("open_now").getJsonObject("support").getInteger("open"));

                JsonObject s = new JsonObject(http.get("/v1/reports/scorecards?from=2026-03-02&to=2026-03-03"
                        + "&group=day").body());
                Map<String, JsonObject> byAgent = new HashMap<>();
                for (Object o : s.getJsonArray("totals")) {
                    JsonObject r = (JsonObject) o;
                    byAgent.put(r.getString("team") + "/" + r.getString("agent"), r);
                }
                JsonObject ann = byAgent.get("phones/ann");
                assertEquals(0.86, ann.getDouble("score"), 1e-9, ann.encodePrettily());
                assertEquals(1, ann.getInteger("rank"));
                JsonObject bob = byAgent.get("desk/bob");
                assertEquals(1.2, bob.getDouble("score"), 1e-9, bob.encodePrettily());
                assertEquals(0.8, bob.getDouble("coverage"), 1e-9);
                assertEquals(0.86, byAgent.get("phones/null").getDouble("score"), 1e-9, "the team of one scores like Ann");

                // targets and attainment in the agent report: Ann's AHT against her team's 300 s
                JsonObject agents = new JsonObject(http.get("/v1/reports/agents?agent=ann&from=2026-03-02"
                        + "&to=2026-03-03&group=day").body());
                JsonObject annRow = agents.getJsonArray("totals").getJsonObject(0);
                JsonObject aht = annRow.getJsonObject("targets").getJsonObject("aht_s");
                assertEquals(300.0, aht.getDouble("target"));
                assertEquals("lower", aht.getString("direction"));
                assertEquals(Math.min(1.2, 300 / annRow.getDouble("aht_s")), aht.getDouble("attainment"), 1e-9);

                // CSV of the scorecards: one line per item
                String csv = http.get("/v1/reports/scorecards?from=2026-03-02&to=2026-03-03&group=day&format=csv")
                        .body();
                String[] lines = csv.split("\r\n");
                List<String> header = List.of(lines[0].split(","));
                assertTrue(header.containsAll(List.of("team", "agent", "rank", "score", "kpi", "actual", "target",
                        "attainment")), header.toString());
                long annCsat = java.util.Arrays.stream(lines).filter(l -> l.contains(",ann,") && l.contains(",csat,"))
                        .count();
                assertEquals(2, annCsat, "the day row and the total row");

                // the day scores stored for Grafana (table scorecard_days) are the report's: the same
                // hand-computed numbers of the worked example
                assertTrue(service.scorecardDays().store(d("2026-03-02"), d("2026-03-03")) > 0);
                Map<String, Object[]> stored = new HashMap<>();
                try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                        "SELECT team, agent, score, coverage, rank, scorecard, jsonb_array_length(items), day::text"
                                + " FROM scorecard_days")) {
                    while (rs.next()) {
                        stored.put(rs.getString(1) + "/" + rs.getString(2), new Object[] {rs.getObject(3),
                                rs.getObject(4), rs.getObject(5), rs.getString(6), rs.getInt(7), rs.getString(8)});
                    }
                }
                assertEquals(0.86, (Double) stored.get("phones/ann")[0], 1e-9);
                assertEquals(1, stored.get("phones/ann")[2]);
                assertEquals("2026-03-02", stored.get("phones/ann")[5]);
                assertEquals(1.2, (Double) stored.get("desk/bob")[0], 1e-9);
                assertEquals(0.8, (Double) stored.get("desk/bob")[1], 1e-9);
                assertEquals(0.86, (Double) stored.get("phones/")[0], 1e-9, "the team row has agent ''");
                assertEquals(byAgent.size(), stored.size(), "one row per agent and team of the day: " + stored.keySet());
                assertEquals(ann.getString("scorecard"), stored.get("phones/ann")[3]);
                assertEquals(ann.getJsonArray("items").size(), stored.get("phones/ann")[4]);
                // computing the day again replaces it
                service.scorecardDays().store(d("2026-03-02"), d("2026-03-03"));
                try (Connection c = db.connect(); Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("SELECT count(*) FROM scorecard_days WHERE day = '2026-03-02'")) {
                    rs.next();
                    assertEquals(stored.size(), rs.getInt(1));
                }
            }
        }
    }

    static LocalDate d(String s) {
        return LocalDate.parse(s);
    }

    static Instant utc(String date) {
        return d(date).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
