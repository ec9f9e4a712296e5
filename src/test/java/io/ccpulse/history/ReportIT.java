package io.ccpulse.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.ccpulse.config.Config;
import io.ccpulse.domain.event.Channel;
import io.ccpulse.domain.event.WireEnum;
import io.ccpulse.domain.fact.AgentStateSpan;
import io.ccpulse.domain.fact.ContactFact;
import io.ccpulse.domain.fact.Fact;
import io.ccpulse.domain.fact.HandleSegment;
import io.ccpulse.domain.fact.QueueVisit;
import io.ccpulse.domain.fact.SurveyFact;
import io.ccpulse.domain.fact.VisitOutcome;
import io.ccpulse.domain.kpi.AgentKpis;
import io.ccpulse.domain.kpi.AgentTally;
import io.ccpulse.domain.kpi.Fcr;
import io.ccpulse.domain.kpi.FcrStatus;
import io.ccpulse.domain.kpi.QueueKpis;
import io.ccpulse.domain.kpi.QueueTally;
import io.ccpulse.domain.settings.QueueSettings;
import io.ccpulse.domain.settings.Settings;
import io.ccpulse.support.FactGen;
import io.ccpulse.support.Reference;
import io.ccpulse.support.RunningService;
import io.ccpulse.support.TestDb;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The reporting API against a real service and TimescaleDB: facts are written through the
 * service's FactWriter (so the roll-ups are maintained as in production), and every number of every
 * report is checked against an independent plain-Java computation from the same facts
 * ({@link Reference}: the domain tallies and KPI objects, {@link Fcr#evaluate}).
 */
@Tag("integration")
class ReportIT {

    static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    static final String YAML = String.join("\n",
            "time_zone: Europe/Berlin",
            "hourly_cost: 30",
            "queues:",
            "  billing:",
            "    sl_threshold_s: {voice: 30, chat: 10}",
            "    sl_target: 0.9",
            "    sl_abandon_mode: negative",
            "    short_abandon_s: 10",
            "    fcr_window: 3d",
            "    fcr_scope: same_queue",
            "    frt_target_s: 60",
            "  tech:",
            "    sl_abandon_mode: positive",
            "    csat_positive_min: 5",
            "");

    static TestDb db;
    static RunningService svc;
    static Settings settings;
    static final List<Fact> FACTS = new ArrayList<>();
    static final HttpClient CLIENT = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        db = TestDb.create();
        Path yaml = Files.createTempFile("ccpulse-report", ".yml");
        Files.writeString(yaml, YAML);
        Config config = Config.load(yaml, db.serviceEnv());
        settings = config.settings();
        svc = RunningService.start(config);
        FactGen g = new FactGen(11);
        g.generate(Instant.parse("2026-03-26T00:00:00Z"), Instant.parse("2026-04-01T00:00:00Z"), 5000);
        g.generate(Instant.parse("2026-10-23T00:00:00Z"), Instant.parse("2026-10-27T00:00:00Z"), 2500);
        // recent contacts: FCR windows still open
        Instant now = Instant.now();
        g.generate(now.minus(Duration.ofDays(2)), now.minus(Duration.ofHours(1)), 400);
        FACTS.addAll(g.facts());
        for (int i = 0; i < FACTS.size(); i += 5000) {
            svc.service.factWriter().write(FACTS.subList(i, Math.min(FACTS.size(), i + 5000)));
        }
    }

    @AfterAll
    static void stop() {
        if (svc != null) {
            svc.close();
        }
        if (db != null) {
            db.close();
        }
    }

    // ------------------------------------------------------------------ helpers

    static HttpResponse<String> get(String pathAndQuery, String accept) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + svc.service.port()
                + pathAndQuery)).timeout(Duration.ofSeconds(60)).GET();
        if (accept != null) {
            b.header("Accept", accept);
        }
        try {
            return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonObject report(String path, Map<String, String> params) {
        StringBuilder q = new StringBuilder(path).append('?');
        params.forEach((k, v) -> q.append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8))
                .append('&'));
        HttpResponse<String> r = get(q.toString(), null);
        assertEquals(200, r.statusCode(), q + " -> " + r.body());
        return new JsonObject(r.body());
    }

    static String iso(Instant t) {
        return t.atZone(ZONE).toOffsetDateTime().toString();
    }

    static void assertSame(Object expected, Object actual, String what) {
        if (expected instanceof Map<?, ?> em) {
            Map<?, ?> am = actual instanceof JsonObject jo ? jo.getMap() : (Map<?, ?>) actual;
            assertEquals(em.keySet(), am.keySet(), what);
            for (Object k : em.keySet()) {
                assertSame(em.get(k), am.get(k), what + "." + k);
            }
            return;
        }
        if (expected == null || actual == null) {
            assertEquals(expected, actual, what);
            return;
        }
        if (expected instanceof Double || actual instanceof Double) {
            assertEquals(((Number) expected).doubleValue(), ((Number) actual).doubleValue(), 0.0, what);
        } else if (expected instanceof Number) {
            assertEquals(((Number) expected).longValue(), ((Number) actual).longValue(), what);
        } else {
            assertEquals(expected, actual, what);
        }
    }

    /** The periods of a report, checked contiguous over [from, to). */
    static List<Instant> periodStarts(JsonArray rows, Instant from, Instant to, int seriesCount) {
        List<Instant> starts = new ArrayList<>();
        Instant prevEnd = from;
        for (int i = 0; i < rows.size(); i++) {
            JsonObject r = rows.getJsonObject(i);
            Instant s = OffsetDateTime.parse(r.getString("period_start")).toInstant();
            Instant e = OffsetDateTime.parse(r.getString("period_end")).toInstant();
            if (starts.contains(s)) {
                continue;
            }
            assertEquals(prevEnd, s, "periods contiguous");
            assertTrue(s.isBefore(e));
            starts.add(s);
            prevEnd = e;
        }
        if (seriesCount > 0) {
            assertEquals(to, prevEnd, "periods cover the range");
            assertEquals(starts.size() * seriesCount, rows.size(), "one row per series and period");
        }
        return starts;
    }

    /** FCR status per contact id, each contact judged with its entry queue's window and scope. */
    static Map<String, FcrStatus> fcrStatus(Instant asOf) {
        List<ContactFact> contacts = new ArrayList<>();
        for (Fact f : FACTS) {
            if (f instanceof ContactFact c) {
                contacts.add(c);
            }
        }
        Map<String, FcrStatus> out = new HashMap<>();
        Set<QueueSettings> variants = new HashSet<>();
        variants.add(settings.defaults());
        variants.addAll(settings.queues().values());
        for (QueueSettings qs : variants) {
            Fcr.Result r = Fcr.evaluate(contacts, qs.fcrWindow(), qs.fcrScope(), asOf);
            for (Fcr.Outcome o : r.outcomes()) {
                if (settings.queue(o.contact().entryQueue()).equals(qs)) {
                    out.put(o.contact().contact(), o.status());
                }
            }
        }
        return out;
    }

    /** Expected FCR counts [resolved, closed, pending] per series key and period (0 = totals). */
    static Map<String, Map<Integer, long[]>> expectedFcr(Reference ref, Instant asOf, String by) {
        return expectedFcr(ref, asOf, by, null);
    }

    static Map<String, Map<Integer, long[]>> expectedFcr(Reference ref, Instant asOf, String by, Set<String> agents) {
        Map<String, FcrStatus> status = fcrStatus(asOf);
        Map<String, Map<Integer, long[]>> out = new TreeMap<>();
        for (Fact f : FACTS) {
            if (!(f instanceof ContactFact c)) {
                continue;
            }
            int idx = ref.period(c.endedAt().toEpochMilli());
            FcrStatus st = status.get(c.contact());
            if (idx == 0 || st == FcrStatus.NOT_ELIGIBLE || (agents != null && !agents.contains(c.firstAgent()))) {
                continue;
            }
            String team = c.firstTeam() == null ? "" : c.firstTeam();
            String key = switch (by) {
                case "queue" -> c.entryQueue() + "|" + c.channel();
                case "agent" -> c.firstAgent() + "|" + team;
                default -> "|" + team;
            };
            for (int i : new int[] {idx, 0}) {
                long[] v = out.computeIfAbsent(key, k -> new TreeMap<>()).computeIfAbsent(i, k -> new long[3]);
                if (st == FcrStatus.FIRST_CONTACT_RESOLVED) {
                    v[0]++;
                    v[1]++;
                } else if (st == FcrStatus.NOT_RESOLVED) {
                    v[1]++;
                } else {
                    v[2]++;
                }
            }
        }
        return out;
    }

    static void assertFcr(JsonObject row, long[] expected, String what) {
        long[] e = expected == null ? new long[3] : expected;
        assertEquals(e[0], row.getLong("fcr_resolved"), what + " fcr_resolved");
        assertEquals(e[1], row.getLong("fcr_closed"), what + " fcr_closed");
        assertEquals(e[2], row.getLong("fcr_pending"), what + " fcr_pending");
        assertSame(e[1] == 0 ? null : (double) e[0] / e[1], row.getValue("fcr"), what + " fcr");
    }

    // ------------------------------------------------------------------ queue report

    /** Checks every row and total of a queue report against the reference. Returns the number of rows. */
    static int checkQueueReport(Instant from, Instant to, String group, List<String> queues) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("from", iso(from));
        p.put("to", iso(to));
        p.put("group", group);
        if (queues != null) {
            p.put("queue", String.join(",", queues));
        }
        JsonObject doc = report("/v1/reports/queues", p);
        Instant asOf = Instant.parse(doc.getString("as_of"));
        JsonArray rows = doc.getJsonArray("rows");
        JsonArray totals = doc.getJsonArray("totals");
        List<Instant> starts = periodStarts(rows, from, to, totals.size());
        if (starts.isEmpty()) {
            starts = List.of(from);
        }
        Reference ref = new Reference(starts, to, FACTS, settings);
        Map<String, Map<Integer, long[]>> fcr = expectedFcr(ref, asOf, "queue");
        // series that have anything in the range
        Set<String> expectedSeries = new TreeMap<>(ref.queues).keySet();
        expectedSeries = new java.util.TreeSet<>(expectedSeries);
        expectedSeries.addAll(fcr.keySet());
        if (queues != null) {
            expectedSeries.removeIf(k -> !queues.contains(k.substring(0, k.indexOf('|'))));
        }
        Set<String> actualSeries = new java.util.TreeSet<>();
        for (int i = 0; i < totals.size(); i++) {
            actualSeries.add(totals.getJsonObject(i).getString("queue") + "|"
                    + totals.getJsonObject(i).getString("channel"));
        }
        assertEquals(expectedSeries, actualSeries, "series of " + p);
        for (int i = 0; i < rows.size() + totals.size(); i++) {
            boolean total = i >= rows.size();
            JsonObject row = total ? totals.getJsonObject(i - rows.size()) : rows.getJsonObject(i);
            String key = row.getString("queue") + "|" + row.getString("channel");
            Channel ch = WireEnum.parse(Channel.class, row.getString("channel"));
            int idx = total ? 0 : starts.indexOf(OffsetDateTime.parse(row.getString("period_start")).toInstant()) + 1;
            Map<Integer, QueueTally> byIdx = ref.queues.getOrDefault(key, Map.of());
            QueueTally t = total ? Reference.totalQ(byIdx) : byIdx.getOrDefault(idx, new QueueTally());
            QueueSettings qs = settings.queue(row.getString("queue"));
            String what = p + " " + key + " " + row.getString("period_start") + (total ? " total" : "");
            assertSame(QueueKpis.of(t, qs, ch).toMap(), new LinkedHashMap<>(subset(row, QueueKpis.of(t, qs, ch)
                    .toMap().keySet())), what);
            assertSame(QueueKpis.settingsMap(qs, ch), row.getJsonObject("settings"), what + " settings");
            assertFcr(row, fcr.getOrDefault(key, Map.of()).get(idx), what);
        }
        return rows.size();
    }

    static Map<String, Object> subset(JsonObject row, Set<String> keys) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String k : keys) {
            assertTrue(row.containsKey(k), "row has " + k);
            m.put(k, row.getValue(k));
        }
        return m;
    }

    @Test
    @DisplayName("Queue reports over random ranges and groupings equal the KPIs computed in plain Java from the facts")
    void queueReportsEqualReference() {
        Random rnd = new Random(42);
        String[] groups = {"15m", "hour", "day", "week", "month"};
        Instant base = Instant.parse("2026-03-25T12:00:00Z");
        int checked = 0;
        for (int n = 0; n < 14; n++) {
            String group = groups[n % groups.length];
            long maxBuckets = group.equals("15m") ? 4 * 30 : 4 * 24 * 8;
            Instant from = base.plusSeconds(900L * rnd.nextInt(4 * 24 * 6));
            Instant to = from.plusSeconds(900L * (1 + rnd.nextInt((int) maxBuckets)));
            List<String> queues = switch (n % 3) {
                case 0 -> null;
                case 1 -> List.of(FactGen.QUEUES[rnd.nextInt(3)]);
                default -> List.of("billing", "sales");
            };
            checked += checkQueueReport(from, to, group, queues);
        }
        assertTrue(checked > 500, "rows checked: " + checked);
    }

    @Test
    @DisplayName("Recent contacts: FCR windows still open are reported as pending, never guessed")
    void pendingFcr() {
        Instant now = Instant.now();
        Instant to = Instant.ofEpochMilli(Math.floorDiv(now.toEpochMilli(), 900_000L) * 900_000L);
        Instant from = to.minus(Duration.ofDays(3));
        checkQueueReport(from, to, "day", null);
        JsonObject doc = report("/v1/reports/queues", Map.of("from", iso(from), "to", iso(to), "group", "day"));
        long pending = 0;
        for (int i = 0; i < doc.getJsonArray("totals").size(); i++) {
            pending += doc.getJsonArray("totals").getJsonObject(i).getLong("fcr_pending");
        }
        assertTrue(pending > 0, "recent contacts are pending");
    }

    // ------------------------------------------------------------------ agent report

    @Test
    @DisplayName("Agent and team reports equal the agent KPIs computed in plain Java (state time split across periods)")
    void agentReportsEqualReference() {
        Random rnd = new Random(7);
        String[] groups = {"15m", "hour", "day", "week"};
        Instant base = Instant.parse("2026-03-25T12:00:00Z");
        for (int n = 0; n < 10; n++) {
            String group = groups[n % groups.length];
            Instant from = base.plusSeconds(900L * rnd.nextInt(4 * 24 * 6));
            Instant to = from.plusSeconds(900L * (1 + rnd.nextInt(group.equals("15m") ? 200 : 700)));
            boolean byTeam = n % 3 == 2;
            Map<String, String> p = new LinkedHashMap<>();
            p.put("from", iso(from));
            p.put("to", iso(to));
            p.put("group", group);
            if (byTeam) {
                p.put("by", "team");
            }
            if (n % 4 == 1) {
                p.put("agent", "a-2,a-6");
            }
            JsonObject doc = report("/v1/reports/agents", p);
            Instant asOf = Instant.parse(doc.getString("as_of"));
            JsonArray rows = doc.getJsonArray("rows");
            JsonArray totals = doc.getJsonArray("totals");
            List<Instant> starts = periodStarts(rows, from, to, totals.size());
            if (starts.isEmpty()) {
                continue;
            }
            Set<String> only = p.containsKey("agent") ? new HashSet<>(List.of("a-2", "a-6")) : null;
            List<Fact> facts = only == null ? FACTS : FACTS.stream().filter(f -> f instanceof HandleSegment h
                    ? only.contains(h.agent()) : f instanceof AgentStateSpan s ? only.contains(s.agent())
                    : f instanceof SurveyFact v && only.contains(v.agent())).toList();
            Reference ref = new Reference(starts, to, facts, settings);
            Map<String, Map<Integer, long[]>> fcr = expectedFcr(ref, asOf, byTeam ? "team" : "agent", only);
            Map<String, Map<Integer, AgentTally>> tallies = byTeam ? ref.teams : ref.agents;
            for (int i = 0; i < rows.size() + totals.size(); i++) {
                boolean total = i >= rows.size();
                JsonObject row = total ? totals.getJsonObject(i - rows.size()) : rows.getJsonObject(i);
                String team = row.getString("team") == null ? "" : row.getString("team");
                String key = (byTeam ? "" : row.getString("agent")) + "|" + team;
                int idx = total ? 0
                        : starts.indexOf(OffsetDateTime.parse(row.getString("period_start")).toInstant()) + 1;
                Map<Integer, AgentTally> byIdx = tallies.getOrDefault(key, Map.of());
                AgentTally t = total ? Reference.totalA(byIdx) : byIdx.getOrDefault(idx, new AgentTally());
                Map<String, Object> expected = AgentKpis.of(t, settings.hourlyCost()).toMap();
                String what = p + " " + key + " " + row.getString("period_start") + (total ? " total" : "");
                assertSame(expected, subset(row, expected.keySet()), what);
                assertFcr(row, fcr.getOrDefault(key, Map.of()).get(idx), what);
            }
            Set<String> actual = new java.util.TreeSet<>();
            for (int i = 0; i < totals.size(); i++) {
                JsonObject r = totals.getJsonObject(i);
                actual.add((byTeam ? "" : r.getString("agent")) + "|" + (r.getString("team") == null ? ""
                        : r.getString("team")));
            }
            Set<String> expected = new java.util.TreeSet<>();
            tallies.forEach((k, v) -> {
                if (!v.isEmpty()) {
                    expected.add(k);
                }
            });
            expected.addAll(fcr.keySet());
            if (p.containsKey("agent") && !byTeam) {
                expected.removeIf(k -> !k.startsWith("a-2|") && !k.startsWith("a-6|"));
            }
            assertEquals(expected, actual, "series of " + p);
        }
    }

    // ------------------------------------------------------------------ time zone

    static List<String> hours(JsonArray rows) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            out.add(rows.getJsonObject(i).getString("period_start"));
        }
        return out;
    }

    @Test
    @DisplayName("Europe/Berlin: 29 March 2026 has 23 hourly rows, 25 October 2026 has 25 (02:00 twice), and the days are 23 and 25 hours long")
    void daylightSaving() {
        JsonObject spring = report("/v1/reports/queues", Map.of("from", "2026-03-29", "to", "2026-03-30",
                "group", "hour", "queue", "billing", "channel", "voice"));
        List<String> h = hours(spring.getJsonArray("rows"));
        assertEquals(23, h.size(), h.toString());
        assertEquals("2026-03-29T00:00+01:00", h.get(0));
        assertEquals("2026-03-29T01:00+01:00", h.get(1));
        assertEquals("2026-03-29T03:00+02:00", h.get(2));
        assertEquals("2026-03-29T23:00+02:00", h.get(22));
        checkQueueReport(Instant.parse("2026-03-28T23:00:00Z"), Instant.parse("2026-03-29T22:00:00Z"), "hour", null);

        JsonObject autumn = report("/v1/reports/queues", Map.of("from", "2026-10-25", "to", "2026-10-26",
                "group", "hour", "queue", "billing", "channel", "voice"));
        h = hours(autumn.getJsonArray("rows"));
        assertEquals(25, h.size(), h.toString());
        assertEquals("2026-10-25T02:00+02:00", h.get(2));
        assertEquals("2026-10-25T02:00+01:00", h.get(3));
        assertEquals("2026-10-25T03:00+01:00", h.get(4));
        checkQueueReport(Instant.parse("2026-10-24T22:00:00Z"), Instant.parse("2026-10-25T23:00:00Z"), "hour", null);

        for (String[] c : new String[][] {{"2026-03-28", "2026-03-31", "24,23,24"}, {"2026-10-24", "2026-10-27",
            "24,25,24"}}) {
            JsonObject days = report("/v1/reports/agents", Map.of("from", c[0], "to", c[1], "group", "day",
                    "agent", "a-1"));
            JsonArray rows = days.getJsonArray("rows");
            List<String> lengths = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                JsonObject r = rows.getJsonObject(i);
                lengths.add(String.valueOf(Duration.between(OffsetDateTime.parse(r.getString("period_start")),
                        OffsetDateTime.parse(r.getString("period_end"))).toHours()));
                ZonedDateTime local = OffsetDateTime.parse(r.getString("period_start")).atZoneSameInstant(ZONE);
                assertEquals(0, local.getHour(), "days start at local midnight");
            }
            assertEquals(c[2], String.join(",", lengths));
            checkQueueReport(OffsetDateTime.parse(days.getString("from")).toInstant(),
                    OffsetDateTime.parse(days.getString("to")).toInstant(), "day", null);
        }
        JsonObject month = report("/v1/reports/queues", Map.of("from", "2026-03-01", "to", "2026-05-01",
                "group", "month", "queue", "tech", "channel", "voice"));
        assertEquals(List.of("2026-03-01T00:00+01:00", "2026-04-01T00:00+02:00"), hours(month.getJsonArray("rows")));
        JsonObject week = report("/v1/reports/queues", Map.of("from", "2026-03-23", "to", "2026-04-06",
                "group", "week", "queue", "tech", "channel", "voice"));
        assertEquals(List.of("2026-03-23T00:00+01:00", "2026-03-30T00:00+02:00"), hours(week.getJsonArray("rows")));
    }

    // ------------------------------------------------------------------ CSV

    @Test
    @DisplayName("Accept: text/csv gives a header, one line per period and series, and the totals, with the JSON's numbers")
    void csv() {
        String q = "/v1/reports/queues?from=2026-03-29&to=2026-03-30&group=hour&queue=billing";
        JsonObject json = new JsonObject(get(q, null).body());
        HttpResponse<String> r = get(q, "text/csv");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        String[] lines = r.body().split("\r\n");
        int rows = json.getJsonArray("rows").size();
        int totals = json.getJsonArray("totals").size();
        assertEquals(1 + rows + totals, lines.length);
        List<String> header = List.of(lines[0].split(","));
        assertEquals(List.of("row_type", "period_start", "period_end", "queue", "channel", "offered"),
                header.subList(0, 6));
        assertTrue(header.containsAll(List.of("service_level", "p90_wait_s", "fcr", "fcr_pending", "sl_threshold_s",
                "sl_abandon_mode", "frt_target_s")), header.toString());
        for (int i = 1; i < lines.length; i++) {
            String[] cells = lines[i].split(",", -1);
            assertEquals(header.size(), cells.length, lines[i]);
            JsonObject row = i <= rows ? json.getJsonArray("rows").getJsonObject(i - 1)
                    : json.getJsonArray("totals").getJsonObject(i - 1 - rows);
            assertEquals(i <= rows ? "period" : "total", cells[0]);
            for (String col : List.of("offered", "answered", "service_level", "asa_s", "p50_wait_s", "fcr_closed")) {
                Object v = row.getValue(col);
                assertEquals(v == null ? "" : String.valueOf(v), cells[header.indexOf(col)], col + " of " + lines[i]);
            }
            assertEquals(String.valueOf(row.getJsonObject("settings").getValue("sl_threshold_s")),
                    cells[header.indexOf("sl_threshold_s")]);
        }
        HttpResponse<String> agents = get("/v1/reports/agents?from=2026-03-29&to=2026-03-30&group=day&format=csv",
                null);
        assertEquals(200, agents.statusCode());
        assertTrue(agents.body().startsWith("row_type,period_start,period_end,agent,team,handled,"), agents.body());
        assertTrue(agents.body().contains("away_by_reason"));
    }

    // ------------------------------------------------------------------ contacts behind a number

    @Test
    @DisplayName("The contacts behind a number: as many as the report counts, paged by offset and by cursor, in order")
    void contactsBehindANumber() {
        String from = "2026-03-27T08:00:00+01:00";
        String to = "2026-03-28T20:00:00+01:00";
        JsonObject rep = report("/v1/reports/queues", Map.of("from", from, "to", to, "group", "day",
                "queue", "billing", "channel", "voice"));
        JsonObject total = rep.getJsonArray("totals").getJsonObject(0);
        for (String outcome : List.of("abandoned", "short_abandoned", "answered", "flowed_out", "blocked")) {
            JsonObject c = report("/v1/reports/contacts", Map.of("queue", "billing", "channel", "voice",
                    "outcome", outcome, "from", from, "to", to, "page_size", "1000"));
            assertEquals(total.getLong(outcome).longValue(), c.getLong("total"), outcome);
            assertEquals(total.getLong(outcome).intValue(), c.getJsonArray("contacts").size(), outcome);
            for (int i = 0; i < c.getJsonArray("contacts").size(); i++) {
                assertEquals(outcome, c.getJsonArray("contacts").getJsonObject(i).getString("outcome"));
            }
        }
        // the expected visits, from the facts
        Instant f = OffsetDateTime.parse(from).toInstant();
        Instant t = OffsetDateTime.parse(to).toInstant();
        List<String> expected = new ArrayList<>();
        FACTS.stream().filter(x -> x instanceof QueueVisit).map(x -> (QueueVisit) x)
                .filter(v -> v.queue().equals("tech") && !v.leftAt().isBefore(f) && v.leftAt().isBefore(t))
                .sorted((a, b) -> a.leftAt().equals(b.leftAt()) ? (a.contact() + "/" + a.seq())
                        .compareTo(b.contact() + "/" + b.seq()) : a.leftAt().compareTo(b.leftAt()))
                .forEach(v -> expected.add(v.contact() + "/" + v.seq() + "/" + (v.outcome() == VisitOutcome.ABANDONED
                        && v.waitMs() < settings.queue("tech").shortAbandonS() * 1000L ? "short_abandoned"
                        : v.outcome().wireName())));
        assertTrue(expected.size() > 50);
        List<String> byOffset = new ArrayList<>();
        for (int page = 1; ; page++) {
            JsonObject c = report("/v1/reports/contacts", Map.of("queue", "tech", "from", from, "to", to,
                    "page", String.valueOf(page), "page_size", "17"));
            assertEquals(expected.size(), c.getLong("total").intValue());
            JsonArray a = c.getJsonArray("contacts");
            for (int i = 0; i < a.size(); i++) {
                JsonObject v = a.getJsonObject(i);
                byOffset.add(v.getString("contact") + "/" + v.getInteger("visit") + "/" + v.getString("outcome"));
            }
            if (a.size() < 17) {
                break;
            }
        }
        assertEquals(expected, byOffset);
        List<String> byCursor = new ArrayList<>();
        String cursor = null;
        do {
            Map<String, String> p = new LinkedHashMap<>(Map.of("queue", "tech", "from", from, "to", to,
                    "page_size", "23"));
            if (cursor != null) {
                p.put("cursor", cursor);
            }
            JsonObject c = report("/v1/reports/contacts", p);
            JsonArray a = c.getJsonArray("contacts");
            for (int i = 0; i < a.size(); i++) {
                JsonObject v = a.getJsonObject(i);
                byCursor.add(v.getString("contact") + "/" + v.getInteger("visit") + "/" + v.getString("outcome"));
            }
            cursor = c.getString("next_cursor");
        } while (cursor != null);
        assertEquals(expected, byCursor);
    }

    // ------------------------------------------------------------------ parameter errors

    @Test
    @DisplayName("Bad parameters are answered 400 with every reason")
    void parameterErrors() {
        String[][] cases = {
            {"/v1/reports/queues?to=2026-03-30", "from: required"},
            {"/v1/reports/queues?from=yesterday&to=2026-03-30", "from: 'yesterday' is not a valid time"},
            {"/v1/reports/queues?from=2026-03-30&to=2026-03-29", "to: must be after from"},
            {"/v1/reports/queues?from=2026-03-29&to=2026-03-29", "to: must be after from"},
            {"/v1/reports/queues?from=2026-03-29&to=2026-03-30&group=year", "group: 'year' is not one of"},
            {"/v1/reports/queues?from=2026-01-01&to=2026-03-30&group=15m", "range too large for group=15m"},
            {"/v1/reports/queues?from=2026-03-29T10:07:00Z&to=2026-03-30", "from: must be on a 15-minute boundary"},
            {"/v1/reports/queues?from=2026-03-29&to=2026-03-30&channel=fax", "channel: 'fax' is not one of"},
            {"/v1/reports/queues?from=2026-03-29&to=2026-03-30&grup=day", "unknown parameter 'grup'"},
            {"/v1/reports/agents?from=2026-03-29&to=2026-03-30&by=queue", "by: 'queue' is not one of agent, team"},
            {"/v1/reports/contacts?from=2026-03-29&to=2026-03-30&outcome=lost", "outcome: 'lost' is not one of"},
            {"/v1/reports/contacts?from=2026-03-29&to=2026-03-30&page_size=5000", "page_size: must be 1..1000"},
            {"/v1/reports/contacts?from=2026-03-29&to=2026-03-30&cursor=zzz", "cursor: not a cursor"},
        };
        for (String[] c : cases) {
            HttpResponse<String> r = get(c[0], null);
            assertEquals(400, r.statusCode(), c[0] + " -> " + r.body());
            JsonObject body = new JsonObject(r.body());
            assertEquals("invalid parameters", body.getString("error"));
            String reasons = body.getJsonArray("reasons").encode();
            assertTrue(reasons.contains(c[1]), c[0] + ": " + reasons);
        }
        HttpResponse<String> two = get("/v1/reports/queues?from=x&to=y&group=z", null);
        assertEquals(3, new JsonObject(two.body()).getJsonArray("reasons").size(), two.body());
        assertTrue(svc.metric("ccpulse_report_requests_total{report=\"queues\",result=\"bad_request\"}") >= 9);
    }

    @Test
    @DisplayName("An empty range gives no rows, no totals, and no error")
    void emptyRange() {
        JsonObject doc = report("/v1/reports/queues", Map.of("from", "2020-01-01", "to", "2020-01-02"));
        assertTrue(doc.getJsonArray("rows").isEmpty());
        assertTrue(doc.getJsonArray("totals").isEmpty());
        assertNotNull(doc.getJsonObject("sources"));
        assertEquals("hour", doc.getString("group"));
        assertNull(doc.getValue("by"));
        assertFalse(doc.getString("time_zone").isEmpty());
        if (doc.getJsonArray("rows").size() > 0) {
            fail();
        }
    }
}
