package io.ccpulse.dashboards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.ccpulse.sim.CenterSize;
import io.ccpulse.sim.SimEvent;
import io.ccpulse.sim.TrafficModel;
import io.ccpulse.support.Prometheus;
import io.ccpulse.support.RunningService;
import io.ccpulse.support.Scripts;
import io.ccpulse.support.TestDb;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.File;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every dashboard in grafana/dashboards is checked for the pinned Grafana (11.3.0) and every panel
 * query is run for real:
 *
 * <ul>
 *   <li>structure: schemaVersion 39/40, unique uid, unique panel ids (rows' panels included), every
 *       data source referenced by a uid provisioned in grafana/provisioning/datasources, every
 *       {@code $var} used defined in templating (or a Grafana built-in {@code $__...});
 *   <li>traffic: a simulated UTC day 9 days ago, then two hours of simulated traffic (SMALL center)
 *       ending now are posted to the real service on a throwaway TimescaleDB; the last minutes only
 *       after a real Prometheus (prometheus/prometheus.yml, rules included) has started scraping it,
 *       so counters move;
 *   <li>PromQL: every target and label_values() variable through Prometheus' HTTP API (instant
 *       query), dashboard variables replaced by {@code .*}, {@code $__rate_interval} and
 *       {@code $__interval} by 1m, {@code $__range} by 1h; time-series targets also as a range
 *       query over the last 5 minutes; status success, and a non-empty result
 *       except for the series listed in {@link #PROMQL_MAY_BE_EMPTY};
 *   <li>SQL: every variable query first (its values become the variable's "All", quoted as Grafana
 *       quotes multi-value SQL variables), then every target with Grafana's macros expanded as the
 *       PostgreSQL data source does with the TimescaleDB option on, over the simulated range, in a
 *       read-only transaction (Grafana uses a read-only role): no error, at least one row, and a
 *       {@code time} timestamp column for format time_series;
 *   <li>numbers: the range tables of the history dashboards (queues, wait percentiles, agents)
 *       equal the totals of the report API over the same whole buckets, and the simplified FCR
 *       equals the report API's for a simulated day 9 days ago (default settings: 7 days, any queue).
 * </ul>
 */
@Tag("integration")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardQueriesIT {

    static final Set<Integer> SCHEMA_VERSIONS = Set.of(39, 40);   // what Grafana 11.3 reads without migrating
    static final Duration LENGTH = Duration.ofHours(2);
    static final Duration AFTER_PROMETHEUS = Duration.ofMinutes(6);

    /**
     * PromQL queries (matched by a fragment of the expression) whose result may legitimately be empty
     * right after a simulated run, with the reason. Everything else must return at least one series.
     */
    static final Map<String, String> PROMQL_MAY_BE_EMPTY = Map.ofEntries(
            Map.entry("ccpulse_engine_anomalies_total", "engine anomalies (events that do not fit the state): the"
                    + " simulated stream is consistent"),
            Map.entry("ALERTS", "alerts firing: none need fire with this traffic, and no `for:` has elapsed in a"
                    + " test run (the alerts themselves are tested by promtool test rules)"));
    // Counters that are zero in this run (rejections, late and duplicate events, refused requests,
    // write failures) are exported from the start with value 0, so their queries are not empty and
    // need no entry here.

    /** SQL panels that may legitimately return no row for the simulated range (none so far). */
    static final Map<String, String> SQL_MAY_BE_EMPTY = Map.of();

    TestDb db;
    RunningService svc;
    Prometheus prom;
    Instant from;
    Instant to;
    Instant pastDay;
    final List<Dashboard> dashboards = new ArrayList<>();

    record Dashboard(String file, JsonObject json) {
    }

    // ------------------------------------------------------------------ set-up

    @BeforeAll
    void start() throws Exception {
        File dir = new File(Scripts.repoRoot(), "grafana/dashboards");
        File[] files = dir.listFiles((d, n) -> n.endsWith(".json"));
        assertTrue(files != null && files.length > 0, "no dashboards in " + dir);
        java.util.Arrays.sort(files);
        for (File f : files) {
            dashboards.add(new Dashboard(f.getName(), new JsonObject(Files.readString(f.toPath()))));
        }

        to = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        from = to.minus(LENGTH);
        db = TestDb.create();
        svc = RunningService.start(db);
        // A past day whose 7-day FCR windows are closed (for the FCR comparison), then the recent window.
        pastDay = to.truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(9));
        List<SimEvent> past = new TrafficModel(CenterSize.SMALL, 5, pastDay, Duration.ofDays(1), ZoneOffset.UTC)
                .next(pastDay.plus(Duration.ofDays(1)));
        post(past);
        settle(past.stream().map(SimEvent::time).max(Comparator.naturalOrder()).orElseThrow());
        // The simulated center works office hours in its own zone: pick the offset that puts the
        // window at 10:00-12:00 local time, whatever the UTC hour of the test run.
        int hour = from.atZone(ZoneOffset.UTC).getHour();
        int offset = Math.floorMod(10 - hour, 24);
        ZoneOffset zone = ZoneOffset.ofHours(offset > 14 ? offset - 24 : offset);
        TrafficModel model = new TrafficModel(CenterSize.SMALL, 11, from, LENGTH, zone);
        List<SimEvent> early = model.next(to.minus(AFTER_PROMETHEUS));
        post(early);

        Path work = new File(Scripts.repoRoot(), "target/prometheus-dashboards").toPath();
        deleteTree(work);
        prom = Prometheus.start(svc.service.port(), work);
        prom.awaitValue("up{job=\"ccpulse\"}", 1, 30_000);
        Thread.sleep(3_000);                               // a few scrapes of the state so far
        List<SimEvent> late = model.next(to);
        post(late);
        List<SimEvent> all = new ArrayList<>(early);
        all.addAll(late);
        Instant newest = all.stream().map(SimEvent::time).max(Comparator.naturalOrder()).orElseThrow();
        settle(newest);
        // the day scores for the scorecards dashboard, as the service's 15-minute job stores them
        assertTrue(svc.service.scorecardDays().store(LocalDate.ofInstant(pastDay, ZoneOffset.UTC),
                LocalDate.ofInstant(to, ZoneOffset.UTC).plusDays(1)) > 0, "no day scores stored");
        Thread.sleep(12_000);                              // scrapes (1 s) and rule evaluations (5 s)
        // and on a loaded machine: every rule group evaluated after the last scrapes of the final state
        assertTrue(prom.awaitRulesEvaluatedAfter(Instant.now().minusSeconds(2), 60_000),
                "Prometheus did not evaluate its rules within 60 s");
    }

    void post(List<SimEvent> events) throws InterruptedException {
        for (int i = 0; i < events.size(); i += 500) {
            StringBuilder b = new StringBuilder("[");
            for (SimEvent e : events.subList(i, Math.min(events.size(), i + 500))) {
                b.append(b.length() > 1 ? "," : "").append(e.json());
            }
            String body = b.append(']').toString();
            for (int attempt = 0; ; attempt++) {
                HttpResponse<String> r = svc.http.postEvents(body);
                if (r.statusCode() == 200) {
                    break;
                }
                if (attempt > 100) {
                    fail("events not accepted: " + r.statusCode() + " " + r.body());
                }
                Thread.sleep(100);
            }
        }
    }

    void settle(Instant newest) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (!newest.equals(svc.service.live().published().snapshot().newestEventTime())
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        svc.service.live().awaitIdle(30_000);
        Thread.sleep(100);
        svc.service.live().awaitIdle(30_000);
        svc.service.factWriter().awaitIdle(30_000);
    }

    static void deleteTree(Path p) throws Exception {
        if (Files.exists(p)) {
            try (Stream<Path> s = Files.walk(p)) {
                s.sorted(Comparator.reverseOrder()).forEach(x -> x.toFile().delete());
            }
        }
    }

    @AfterAll
    void stop() {
        if (prom != null) {
            prom.close();
        }
        if (svc != null) {
            svc.close();
        }
        if (db != null) {
            db.close();
        }
    }

    // ------------------------------------------------------------------ structure

    static List<JsonObject> panels(JsonObject dash) {
        List<JsonObject> out = new ArrayList<>();
        for (Object o : dash.getJsonArray("panels", new JsonArray())) {
            JsonObject p = (JsonObject) o;
            out.add(p);
            for (Object n : p.getJsonArray("panels", new JsonArray())) {
                out.add((JsonObject) n);
            }
        }
        return out;
    }

    static Set<String> provisionedUids() throws Exception {
        Set<String> uids = new TreeSet<>();
        File dir = new File(Scripts.repoRoot(), "grafana/provisioning/datasources");
        Pattern p = Pattern.compile("^\\s*uid:\\s*([A-Za-z0-9_-]+)", Pattern.MULTILINE);
        for (File f : dir.listFiles((d, n) -> n.endsWith(".yml") || n.endsWith(".yaml"))) {
            Matcher m = p.matcher(Files.readString(f.toPath()));
            while (m.find()) {
                uids.add(m.group(1));
            }
        }
        return uids;
    }

    /** Every object with a "datasource" key, anywhere in the dashboard. */
    static void datasourceRefs(Object node, List<Object> out) {
        if (node instanceof JsonObject o) {
            if (o.containsKey("datasource")) {
                out.add(o.getValue("datasource"));
            }
            for (String k : o.fieldNames()) {
                datasourceRefs(o.getValue(k), out);
            }
        } else if (node instanceof JsonArray a) {
            for (Object x : a) {
                datasourceRefs(x, out);
            }
        }
    }

    static final Pattern VAR = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)");

    @Test
    @DisplayName("Every dashboard is well-formed for Grafana 11.3 (schema, ids, data sources, variables)")
    void wellFormed() throws Exception {
        Set<String> uids = provisionedUids();
        assertTrue(uids.containsAll(Set.of("prometheus", "timescaledb")), uids.toString());
        Set<String> dashUids = new HashSet<>();
        List<String> problems = new ArrayList<>();
        for (Dashboard d : dashboards) {
            JsonObject j = d.json();
            if (!SCHEMA_VERSIONS.contains(j.getInteger("schemaVersion", -1))) {
                problems.add(d.file() + ": schemaVersion " + j.getValue("schemaVersion"));
            }
            if (!dashUids.add(j.getString("uid", ""))) {
                problems.add(d.file() + ": uid missing or used twice");
            }
            Set<Integer> ids = new HashSet<>();
            for (JsonObject p : panels(j)) {
                if (!(p.getValue("id") instanceof Number) || !ids.add(p.getInteger("id"))) {
                    problems.add(d.file() + ": panel id missing or duplicate: " + p.getValue("id") + " ("
                            + p.getString("title") + ")");
                }
            }
            List<Object> refs = new ArrayList<>();
            datasourceRefs(j, refs);
            for (Object r : refs) {
                String uid = r instanceof JsonObject o ? o.getString("uid") : null;
                if (uid == null || !(uids.contains(uid) || uid.equals("-- Grafana --"))) {
                    problems.add(d.file() + ": data source not provisioned by uid: " + r);
                }
            }
            Set<String> defined = new HashSet<>();
            for (Object v : j.getJsonObject("templating", new JsonObject()).getJsonArray("list", new JsonArray())) {
                defined.add(((JsonObject) v).getString("name"));
            }
            for (String q : queries(j)) {
                Matcher m = VAR.matcher(q);
                while (m.find()) {
                    if (!m.group(1).startsWith("__") && !defined.contains(m.group(1))) {
                        problems.add(d.file() + ": $" + m.group(1) + " is not a dashboard variable: " + q);
                    }
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    /** Every query text of a dashboard: targets' expr / rawSql and variable queries. */
    static List<String> queries(JsonObject dash) {
        List<String> out = new ArrayList<>();
        for (JsonObject p : panels(dash)) {
            for (Object t : p.getJsonArray("targets", new JsonArray())) {
                JsonObject target = (JsonObject) t;
                for (String k : List.of("expr", "rawSql")) {
                    if (target.getValue(k) instanceof String s) {
                        out.add(s);
                    }
                }
            }
        }
        for (Object v : dash.getJsonObject("templating", new JsonObject()).getJsonArray("list", new JsonArray())) {
            String q = variableQuery((JsonObject) v);
            if (q != null) {
                out.add(q);
            }
        }
        return out;
    }

    static String variableQuery(JsonObject v) {
        if (!"query".equals(v.getString("type"))) {
            return null;
        }
        Object q = v.getValue("query");
        if (q instanceof JsonObject o) {
            return o.getString("rawSql", o.getString("query"));
        }
        return (String) q;
    }

    static String dsUid(JsonObject panel, JsonObject target) {
        JsonObject ds = target.getValue("datasource") instanceof JsonObject o ? o : panel.getJsonObject("datasource");
        return ds == null ? "prometheus" : ds.getString("uid");   // the default data source is Prometheus
    }

    // ------------------------------------------------------------------ PromQL

    static String promSample(String q) {
        return q.replace("$__rate_interval", "1m").replace("${__rate_interval}", "1m")
                .replace("$__interval", "1m").replace("${__interval}", "1m")
                .replace("$__range_s", "3600").replace("$__range", "1h").replace("${__range}", "1h")
                .replaceAll("\\$\\{?[A-Za-z_][A-Za-z0-9_]*(:[a-z]+)?\\}?", ".*");
    }

    JsonObject promQuery(String promql) throws Exception {
        return promGet("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
    }

    /** The last 5 minutes at a 15 s step, as a time-series panel asks (range: true). */
    JsonObject promRange(String promql) throws Exception {
        long end = Instant.now().getEpochSecond();
        return promGet("/api/v1/query_range?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)
                + "&start=" + (end - 300) + "&end=" + end + "&step=15");
    }

    JsonObject promGet(String pathAndQuery) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + prom.port() + pathAndQuery)).build(), HttpResponse.BodyHandlers.ofString());
        return new JsonObject(r.body());
    }

    @Test
    @DisplayName("Every PromQL query runs on a live Prometheus scraping the service with simulated traffic")
    void promql() throws Exception {
        List<String> problems = new ArrayList<>();
        List<String> emptyAllowed = new ArrayList<>();
        int run = 0;
        for (Dashboard d : dashboards) {
            List<String[]> qs = new ArrayList<>();   // {where, promql}
            for (JsonObject p : panels(d.json())) {
                for (Object t : p.getJsonArray("targets", new JsonArray())) {
                    JsonObject target = (JsonObject) t;
                    if ("prometheus".equals(dsUid(p, target)) && target.getValue("expr") instanceof String e) {
                        String where = d.file() + " #" + p.getInteger("id") + " \"" + p.getString("title") + "\" "
                                + target.getString("refId");
                        qs.add(new String[] {where, e, "instant"});
                        if (!Boolean.TRUE.equals(target.getBoolean("instant"))
                                || Boolean.TRUE.equals(target.getBoolean("range"))) {
                            qs.add(new String[] {where + " (range)", e, "range"});
                        }
                    }
                }
            }
            for (Object v : d.json().getJsonObject("templating").getJsonArray("list", new JsonArray())) {
                JsonObject var = (JsonObject) v;
                String q = variableQuery(var);
                JsonObject ds = var.getJsonObject("datasource");
                if (q != null && ds != null && "prometheus".equals(ds.getString("uid"))) {
                    Matcher m = Pattern.compile("^label_values\\((.*),\\s*[A-Za-z_]+\\)$").matcher(q.trim());
                    qs.add(new String[] {d.file() + " variable " + var.getString("name"), m.matches() ? m.group(1) : q,
                            "instant"});
                }
            }
            for (String[] q : qs) {
                String promql = promSample(q[1]);
                JsonObject r = "range".equals(q[2]) ? promRange(promql) : promQuery(promql);
                run++;
                if (!"success".equals(r.getString("status"))) {
                    problems.add(q[0] + ": " + r.getString("error") + "\n    " + promql);
                    continue;
                }
                JsonArray result = r.getJsonObject("data").getValue("result") instanceof JsonArray a ? a : null;
                boolean empty = result != null && result.isEmpty();
                if (empty) {
                    String why = PROMQL_MAY_BE_EMPTY.entrySet().stream().filter(e -> q[1].contains(e.getKey()))
                            .map(Map.Entry::getValue).findFirst().orElse(null);
                    if (why == null) {
                        problems.add(q[0] + ": empty result\n    " + promql);
                    } else {
                        emptyAllowed.add(q[0] + " (" + why + ")");
                    }
                }
            }
        }
        System.out.println("DashboardQueriesIT: " + run + " PromQL queries run; empty and allowed to be:\n  "
                + String.join("\n  ", emptyAllowed));
        assertTrue(run > 0);
        assertEquals("", String.join("\n", problems));
    }

    // ------------------------------------------------------------------ SQL

    static final Pattern FUNC =
            Pattern.compile("\\$__(timeFilter|timeGroupAlias|timeGroup|timeFrom|timeTo)\\(([^()]*)\\)");

    /** Grafana's interval text ("15m", "1h", "30s", "1d") in seconds. */
    static long seconds(String interval) {
        Matcher m = Pattern.compile("^(\\d+)(ms|s|m|h|d|w)$").matcher(interval.trim());
        assertTrue(m.matches(), "interval " + interval);
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Math.max(1, n / 1000);
            case "s" -> n;
            case "m" -> n * 60;
            case "h" -> n * 3600;
            case "d" -> n * 86400;
            default -> n * 604800;
        };
    }

    /**
     * The query as the PostgreSQL data source of Grafana 11 sends it, with the TimescaleDB option on:
     * template variables first (the frontend: multi-value SQL quoting 'a','b'; $__interval from the
     * panel's min interval), then the backend macros.
     */
    String expand(String sql, Map<String, List<String>> vars, String interval) {
        return expand(sql, vars, interval, from, to);
    }

    String expand(String sql, Map<String, List<String>> vars, String interval, Instant from, Instant to) {
        String s = sql.replace("${__interval}", interval)
                .replace("$__interval_ms", Long.toString(seconds(interval) * 1000))
                .replace("$__interval", interval);
        for (Map.Entry<String, List<String>> v : vars.entrySet()) {
            String quoted = v.getValue().isEmpty() ? "NULL" : String.join(",", v.getValue().stream()
                    .map(x -> "'" + x.replace("'", "''") + "'").toList());
            s = s.replace("${" + v.getKey() + "}", quoted).replaceAll("\\$" + v.getKey() + "\\b",
                    Matcher.quoteReplacement(quoted));
        }
        String f = "'" + from + "'";
        String t = "'" + to + "'";
        Matcher m = FUNC.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String[] args = m.group(2).split(",");
            String col = args[0].trim();
            String rep = switch (m.group(1)) {
                case "timeFilter" -> col + " BETWEEN " + f + " AND " + t;
                case "timeFrom" -> f;
                case "timeTo" -> t;
                case "timeGroup" -> "time_bucket('" + seconds(args[1]) + "s', " + col + ")";
                default -> "time_bucket('" + seconds(args[1]) + "s', " + col + ") AS \"time\"";
            };
            m.appendReplacement(out, Matcher.quoteReplacement(rep));
        }
        m.appendTail(out);
        String r = out.toString();
        assertFalse(r.contains("$"), "unexpanded macro or variable in: " + r);
        return r;
    }

    static List<List<Object>> run(Connection c, String sql, List<String> columns, List<Integer> types)
            throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                columns.add(md.getColumnLabel(i));
                types.add(md.getColumnType(i));
            }
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    row.add(rs.getObject(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    @Test
    @DisplayName("Every SQL query runs on the TimescaleDB with Grafana's macros expanded and returns rows")
    void sql() throws Exception {
        List<String> problems = new ArrayList<>();
        int run = 0;
        try (Connection c = db.connect()) {
            try (Statement s = c.createStatement()) {
                s.execute("SET TIME ZONE 'UTC'");
                s.execute("SET default_transaction_read_only = on");   // as Grafana's ccpulse_reader role
            }
            for (Dashboard d : dashboards) {
                Map<String, List<String>> vars = new LinkedHashMap<>();
                for (Object v : d.json().getJsonObject("templating").getJsonArray("list", new JsonArray())) {
                    JsonObject var = (JsonObject) v;
                    String q = variableQuery(var);
                    JsonObject ds = var.getJsonObject("datasource");
                    if (q == null || ds == null || !"timescaledb".equals(ds.getString("uid"))) {
                        continue;
                    }
                    String where = d.file() + " variable " + var.getString("name");
                    try {
                        List<List<Object>> rows = run(c, expand(q, vars, "1m"), new ArrayList<>(), new ArrayList<>());
                        run++;
                        List<String> values = rows.stream().map(r -> String.valueOf(r.get(0))).toList();
                        if (values.isEmpty()) {
                            problems.add(where + ": no values");
                        }
                        vars.put(var.getString("name"), values);   // "All": every value, as Grafana sends it
                    } catch (SQLException | RuntimeException e) {
                        problems.add(where + ": " + e.getMessage());
                    }
                }
                for (JsonObject p : panels(d.json())) {
                    for (Object t : p.getJsonArray("targets", new JsonArray())) {
                        JsonObject target = (JsonObject) t;
                        if (!"timescaledb".equals(dsUid(p, target))) {
                            continue;
                        }
                        String where = d.file() + " #" + p.getInteger("id") + " \"" + p.getString("title") + "\" "
                                + target.getString("refId");
                        String sql = null;
                        try {
                            // a panel's relative time override (timeFrom, e.g. 90d) replaces the
                            // dashboard's range, as Grafana does
                            Instant panelFrom = p.getString("timeFrom") == null ? from
                                    : to.minusSeconds(seconds(p.getString("timeFrom")));
                            sql = expand(target.getString("rawSql", ""), vars, p.getString("interval", "1m"),
                                    panelFrom, to);
                            List<String> cols = new ArrayList<>();
                            List<Integer> types = new ArrayList<>();
                            List<List<Object>> rows = run(c, sql, cols, types);
                            run++;
                            if (rows.isEmpty() && !SQL_MAY_BE_EMPTY.containsKey(p.getString("title"))) {
                                problems.add(where + ": no row for " + from + " .. " + to);
                            }
                            if ("time_series".equals(target.getString("format"))) {
                                int i = cols.indexOf("time");
                                if (i < 0 || (types.get(i) != Types.TIMESTAMP
                                        && types.get(i) != Types.TIMESTAMP_WITH_TIMEZONE)) {
                                    problems.add(where + ": time series without a timestamp column \"time\": " + cols);
                                }
                                if (rows.stream().noneMatch(r -> r.stream().anyMatch(x -> x instanceof Number))) {
                                    problems.add(where + ": time series without any numeric value");
                                }
                            }
                        } catch (SQLException | RuntimeException | AssertionError e) {
                            problems.add(where + ": " + e.getMessage() + "\n    " + sql);
                        }
                    }
                }
            }
        }
        System.out.println("DashboardQueriesIT: " + run + " SQL queries run over " + from + " .. " + to);
        assertTrue(run > 0);
        assertEquals("", String.join("\n", problems));
    }

    // ------------------------------------------------------------------ same numbers as the report API

    /** Runs the (only) target of the panel with this title on whole 15-minute buckets [a, b); rows by key. */
    Map<String, Map<String, Object>> panelRows(String file, String title, List<String> keys, Instant a, Instant b)
            throws Exception {
        Dashboard d = dashboards.stream().filter(x -> x.file().equals(file)).findFirst().orElseThrow();
        JsonObject p = panels(d.json()).stream().filter(x -> title.equals(x.getString("title"))).findFirst()
                .orElseThrow(() -> new AssertionError(file + ": no panel " + title));
        Map<String, List<String>> vars = new LinkedHashMap<>();
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("SET TIME ZONE 'UTC'");
            for (Object v : d.json().getJsonObject("templating").getJsonArray("list")) {
                JsonObject var = (JsonObject) v;
                vars.put(var.getString("name"), run(c, expand(variableQuery(var), vars, "1m"), new ArrayList<>(),
                        new ArrayList<>()).stream().map(r -> String.valueOf(r.get(0))).toList());
            }
            // $__timeFilter is inclusive at both ends: the bucket starting at b must not count
            String sql = expand(p.getJsonArray("targets").getJsonObject(0).getString("rawSql"), vars, "15m", a,
                    b.minusMillis(1));
            List<String> cols = new ArrayList<>();
            for (List<Object> row : run(c, sql, cols, new ArrayList<>())) {
                Map<String, Object> m = new LinkedHashMap<>();
                for (int i = 0; i < cols.size(); i++) {
                    m.put(cols.get(i), row.get(i));
                }
                out.put(String.join("|", keys.stream().map(k -> String.valueOf(m.get(k))).toList()), m);
            }
        }
        return out;
    }

    static void compare(List<String> problems, String where, String what, Object dashboard, Object report) {
        Double x = dashboard == null ? null : ((Number) dashboard).doubleValue();
        Double y = report == null ? null : ((Number) report).doubleValue();
        if (x == null || y == null ? x != y : Math.abs(x - y) > 1e-6 * Math.max(1, Math.abs(y))) {
            problems.add(where + " " + what + ": dashboard " + x + ", report API " + y);
        }
    }

    @Test
    @DisplayName("The history dashboards show the report API's numbers for the same range")
    void sameNumbersAsReports() throws Exception {
        Instant a = Instant.ofEpochSecond((from.getEpochSecond() / 900 + 1) * 900);
        Instant b = Instant.ofEpochSecond(to.getEpochSecond() / 900 * 900);
        List<String> problems = new ArrayList<>();

        JsonObject q = new JsonObject(svc.http.get("/v1/reports/queues?group=day&from=" + a + "&to=" + b).body());
        Map<String, Map<String, Object>> rows = panelRows("queue-performance.json", "Queues over the range",
                List.of("queue", "channel"), a, b);
        Map<String, Map<String, Object>> waits = panelRows("queue-performance.json", "Wait percentiles (facts)",
                List.of("queue", "channel"), a, b);
        JsonArray totals = q.getJsonArray("totals");
        assertFalse(totals.isEmpty(), q.encode());
        Map<String, String> queueCols = Map.of("offered", "offered", "answered", "answered", "service level",
                "service_level", "abandon rate", "abandon_rate", "ASA s", "asa_s", "AHT s", "aht_s", "transfer rate",
                "transfer_rate", "resolution rate", "resolution_rate", "CSAT", "csat");
        for (Object o : totals) {
            JsonObject t = (JsonObject) o;
            String key = t.getString("queue") + "|" + t.getString("channel");
            Map<String, Object> row = rows.get(key);
            if (row == null) {
                problems.add("queue-performance " + key + ": no row (report: " + t.getValue("offered") + " offered)");
                continue;
            }
            queueCols.forEach((col, kpi) -> compare(problems, "queue-performance " + key, col, row.get(col),
                    t.getValue(kpi)));
            Map<String, Object> w = waits.get(key);
            compare(problems, "queue-performance " + key, "p50 wait", w == null ? null : w.get("p50 wait"),
                    t.getValue("p50_wait_s"));
            compare(problems, "queue-performance " + key, "p90 wait", w == null ? null : w.get("p90 wait"),
                    t.getValue("p90_wait_s"));
        }
        assertEquals(totals.size(), rows.size(), "queue/channel rows: dashboard " + rows.keySet());

        JsonObject ag = new JsonObject(svc.http.get("/v1/reports/agents?group=day&by=agent&from=" + a + "&to=" + b)
                .body());
        Map<String, Map<String, Object>> agents = panelRows("agents.json", "Agents over the range",
                List.of("agent", "team"), a, b);
        Map<String, String> agentCols = Map.of("handled", "handled", "occupancy", "occupancy", "utilization",
                "utilization", "AHT s", "aht_s", "handled per staffed h", "handled_per_hour", "CSAT", "csat");
        JsonArray agentTotals = ag.getJsonArray("totals");
        assertFalse(agentTotals.isEmpty(), ag.encode());
        for (Object o : agentTotals) {
            JsonObject t = (JsonObject) o;
            String key = t.getString("agent") + "|" + (t.getString("team") == null ? "" : t.getString("team"));
            Map<String, Object> row = agents.get(key);
            if (row == null) {
                problems.add("agents " + key + ": no row");
                continue;
            }
            agentCols.forEach((col, kpi) -> compare(problems, "agents " + key, col, row.get(col), t.getValue(kpi)));
            compare(problems, "agents " + key, "staffed h", row.get("staffed h"),
                    t.getValue("staffed_s") == null ? null : ((Number) t.getValue("staffed_s")).doubleValue() / 3600);
        }
        System.out.println("DashboardQueriesIT: " + totals.size() + " queue/channel and " + agentTotals.size()
                + " agent totals compared with the report API over " + a + " .. " + b);
        assertEquals("", String.join("\n", problems));
    }

    @Test
    @DisplayName("The scorecards dashboard ranks agents with the scorecard API's scores and ranks of the day")
    void scorecardsAsReport() throws Exception {
        Instant a = pastDay;
        Instant b = pastDay.plus(Duration.ofDays(1));
        Map<String, Map<String, Object>> rows = panelRows("scorecards.json",
                "Ranking within the team (newest day of the range)", List.of("Team", "Agent"), a, b);
        JsonObject s = new JsonObject(svc.http.get("/v1/reports/scorecards?group=day&from=" + a + "&to=" + b).body());
        List<String> problems = new ArrayList<>();
        int agents = 0;
        for (Object o : s.getJsonArray("rows")) {
            JsonObject r = (JsonObject) o;
            if (r.getString("agent") == null) {
                continue; // team rows are charted, not ranked
            }
            agents++;
            String key = (r.getString("team") == null ? "none" : r.getString("team")) + "|" + r.getString("agent");
            Map<String, Object> row = rows.get(key);
            if (row == null) {
                problems.add("scorecards " + key + ": no row");
                continue;
            }
            compare(problems, "scorecards " + key, "score", row.get("Score"), r.getValue("score"));
            compare(problems, "scorecards " + key, "rank", row.get("Rank"), r.getValue("rank"));
            compare(problems, "scorecards " + key, "coverage", row.get("Coverage"), r.getValue("coverage"));
        }
        assertTrue(agents > 0, s.encode());
        assertEquals(agents, rows.size(), "agent rows: dashboard " + rows.keySet());
        assertEquals("", String.join("\n", problems));
    }

    @Test
    @DisplayName("The simplified FCR of the dashboard equals the report API's for a day whose windows are closed")
    void fcrAsReportForAClosedDay() throws Exception {
        Instant a = pastDay;
        Instant b = pastDay.plus(Duration.ofDays(1));
        Map<String, Map<String, Object>> rows = panelRows("queue-performance.json",
                "First contact resolution per day (simplified)", List.of("queue"), a, b);
        JsonObject q = new JsonObject(svc.http.get("/v1/reports/queues?group=day&from=" + a + "&to=" + b).body());
        Map<String, long[]> report = new LinkedHashMap<>();   // queue -> resolved, closed, pending
        for (Object o : q.getJsonArray("totals")) {
            JsonObject t = (JsonObject) o;
            long[] r = report.computeIfAbsent(t.getString("queue"), k -> new long[3]);
            r[0] += t.getLong("fcr_resolved", 0L);
            r[1] += t.getLong("fcr_closed", 0L);
            r[2] += t.getLong("fcr_pending", 0L);
        }
        report.values().removeIf(r -> r[1] + r[2] == 0);
        assertFalse(report.isEmpty(), q.encode());
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, long[]> e : report.entrySet()) {
            Map<String, Object> row = rows.get(e.getKey());
            long[] d = row == null ? new long[3] : new long[] {((Number) row.get("resolved")).longValue(),
                    ((Number) row.get("closed")).longValue(), ((Number) row.get("pending")).longValue()};
            if (!java.util.Arrays.equals(d, e.getValue())) {
                problems.add(e.getKey() + ": dashboard resolved/closed/pending " + java.util.Arrays.toString(d)
                        + ", report API " + java.util.Arrays.toString(e.getValue()));
            }
        }
        assertEquals(report.size(), rows.size(), "queues: dashboard " + rows.keySet() + ", report " + report.keySet());
        System.out.println("DashboardQueriesIT: FCR of " + report.size() + " queues on " + a
                + " equal to the report API");
        assertEquals("", String.join("\n", problems));
    }
}
