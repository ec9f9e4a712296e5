package io.ccpulse.api;

import io.ccpulse.domain.event.Channel;
import io.ccpulse.domain.event.WireEnum;
import io.ccpulse.domain.kpi.AgentKpis;
import io.ccpulse.domain.kpi.AgentSums;
import io.ccpulse.domain.kpi.QueueKpis;
import io.ccpulse.domain.kpi.QueueSums;
import io.ccpulse.domain.settings.Settings;
import io.ccpulse.store.ReportStore;
import io.ccpulse.store.ReportStore.ContactPage;
import io.ccpulse.store.ReportStore.ContactRow;
import io.ccpulse.store.ReportStore.FcrCounts;
import io.ccpulse.store.ReportStore.FcrKey;
import io.ccpulse.store.ReportStore.Indexed;
import io.ccpulse.store.ReportStore.Percentiles;
import io.ccpulse.store.ReportStore.SeriesKey;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;

/**
 * The reporting API (docs/HISTORY.md "Reporting API"): queue and agent KPIs of any range grouped by
 * 15 minutes, hour, day, week or month in the configured time zone, from the summed 15-minute
 * roll-ups, with exact percentiles and FCR from the facts; and the queue visits behind a number.
 * JSON, or CSV with {@code Accept: text/csv}. The read-token rule for {@code /v1/reports/*} is
 * applied by {@link HttpApi}.
 */
public final class ReportApi {

    private final ReportStore store;
    private final Settings settings;
    private final MeterRegistry registry;
    private final Clock clock;

    /** @param clock "now" of the reports: FCR windows still open as of then are pending */
    public ReportApi(ReportStore store, Settings settings, MeterRegistry registry, Clock clock) {
        this.store = store;
        this.settings = settings;
        this.registry = registry;
        this.clock = clock;
    }

    public void mount(Router router) {
        router.get("/v1/reports/queues").handler(this::handleQueues);
        router.get("/v1/reports/agents").handler(this::handleAgents);
        router.get("/v1/reports/contacts").handler(this::handleContacts);
    }

    // ------------------------------------------------------------------ handlers

    private void handleQueues(RoutingContext ctx) {
        ReportParams p = new ReportParams(ctx.queryParams(), settings.zone(), "queue", "channel", "group");
        List<String> queues = p.list("queue");
        List<String> channels = p.channels("channel");
        ReportParams.Range r = p.groupedRange();
        if (p.rejectIfInvalid(ctx, this::count, "queues")) {
            return;
        }
        Instant asOf = clock.instant();
        respond(ctx, "queues", () -> queueReport(r, queues, channels, asOf));
    }

    private void handleAgents(RoutingContext ctx) {
        ReportParams p = new ReportParams(ctx.queryParams(), settings.zone(), "agent", "team", "group", "by");
        List<String> agents = p.list("agent");
        List<String> teams = p.list("team");
        String by = p.oneOf("by", "agent", "agent", "team");
        ReportParams.Range r = p.groupedRange();
        if (p.rejectIfInvalid(ctx, this::count, "agents")) {
            return;
        }
        Instant asOf = clock.instant();
        respond(ctx, "agents", () -> agentReport(r, agents, teams, "team".equals(by), asOf));
    }

    private void handleContacts(RoutingContext ctx) {
        ReportParams p = new ReportParams(ctx.queryParams(), settings.zone(), "queue", "channel", "outcome", "agent",
                "page", "page_size", "cursor");
        List<String> queues = p.list("queue");
        List<String> channels = p.channels("channel");
        List<String> agents = p.list("agent");
        String outcome = p.oneOf("outcome", null, "answered", "abandoned", "short_abandoned", "flowed_out", "blocked");
        int page = p.integer("page", 1, 1, 1_000_000);
        int pageSize = p.integer("page_size", 100, 1, 1000);
        ContactRow after = p.cursor("cursor");
        ReportParams.Range r = p.range();
        if (p.rejectIfInvalid(ctx, this::count, "contacts")) {
            return;
        }
        respond(ctx, "contacts", () -> {
            ContactPage cp = store.contacts(queues, channels, outcome, agents, r.from(), r.to(), after, pageSize,
                    (long) (page - 1) * pageSize);
            return contactsDocument(r, outcome, page, pageSize, after != null, cp);
        });
    }

    private void respond(RoutingContext ctx, String report, Callable<Document> work) {
        boolean csv = wantsCsv(ctx);
        ctx.vertx().executeBlocking(work, false).onComplete(ar -> {
            if (ar.failed()) {
                count(report, "error");
                ctx.response().setStatusCode(500).putHeader("Content-Type", "application/json")
                        .end(new JsonObject().put("error", "report failed: " + ar.cause().getMessage()).encode());
                return;
            }
            count(report, "ok");
            Document d = ar.result();
            if (csv) {
                ctx.response().putHeader("Content-Type", "text/csv; charset=utf-8")
                        .end(Csv.render(d.csvRows()));
            } else {
                ctx.response().putHeader("Content-Type", "application/json").end(d.json().encode());
            }
        });
    }

    private static boolean wantsCsv(RoutingContext ctx) {
        String format = ctx.queryParams().get("format");
        if (format != null) {
            return format.equalsIgnoreCase("csv");
        }
        String accept = ctx.request().getHeader("Accept");
        return accept != null && accept.toLowerCase().contains("text/csv");
    }

    private void count(String report, String result) {
        Counter.builder("ccpulse.report.requests").description("Reporting API requests by report and result")
                .tag("report", report).tag("result", result).register(registry).increment();
    }

    // ------------------------------------------------------------------ documents

    /** A report as JSON and as CSV rows (header first). */
    private record Document(JsonObject json, List<List<Object>> csvRows) { }

    private Document queueReport(ReportParams.Range r, List<String> queues, List<String> channels, Instant asOf)
            throws Exception {
        List<Periods.Period> periods = r.periods();
        List<Instant> starts = periods.stream().map(Periods.Period::startInstant).toList();
        Map<SeriesKey, Map<Integer, QueueSums>> sums = store.queueSums(starts, r.from(), r.to(), queues, channels);
        Indexed<Percentiles> waits = store.waitPercentiles(starts, r.from(), r.to(), queues, channels);
        Indexed<Percentiles> frts = store.frtPercentiles(starts, r.from(), r.to(), queues, channels);
        Indexed<FcrCounts> fcr = store.fcr(FcrKey.QUEUE, starts, r.from(), r.to(), queues, channels, asOf);
        Set<SeriesKey> series = new TreeSet<>(sums.keySet());
        series.addAll(waits.values().keySet());
        series.addAll(frts.values().keySet());
        series.addAll(fcr.values().keySet());

        JsonArray rows = new JsonArray();
        JsonArray totals = new JsonArray();
        List<Map<String, Object>> flat = new ArrayList<>();
        List<Map<String, Object>> flatTotals = new ArrayList<>();
        for (SeriesKey k : series) {
            Channel ch = WireEnum.parse(Channel.class, k.b());
            if (ch == null) {
                continue;
            }
            Map<Integer, QueueSums> byIdx = sums.getOrDefault(k, Map.of());
            QueueSums total = QueueSums.ZERO;
            for (int i = 1; i <= periods.size(); i++) {
                QueueSums s = byIdx.getOrDefault(i, QueueSums.ZERO);
                total = total.plus(s);
                Map<String, Object> row = queueRow("period", periods.get(i - 1).start().toOffsetDateTime().toString(),
                        periods.get(i - 1).end().toOffsetDateTime().toString(), k, ch, s, waits.get(k, i),
                        frts.get(k, i), fcr.get(k, i));
                rows.add(new JsonObject(row));
                flat.add(row);
            }
            Map<String, Object> row = queueRow("total", r.fromZoned().toOffsetDateTime().toString(),
                    r.toZoned().toOffsetDateTime().toString(), k, ch, total, waits.get(k, 0), frts.get(k, 0),
                    fcr.get(k, 0));
            totals.add(new JsonObject(row));
            flatTotals.add(row);
        }
        flat.addAll(flatTotals);
        JsonObject doc = header("queues", r, asOf).put("rows", rows).put("totals", totals);
        return new Document(doc, Csv.rows(flat));
    }

    private Map<String, Object> queueRow(String type, String start, String end, SeriesKey k, Channel ch, QueueSums s,
                                         Percentiles wait, Percentiles frt, FcrCounts fcr) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("row_type", type);
        row.put("period_start", start);
        row.put("period_end", end);
        row.put("queue", k.a());
        row.put("channel", k.b());
        row.putAll(QueueKpis.fromSums(s, wait == null ? null : wait.p50(), wait == null ? null : wait.p90(),
                frt == null ? null : frt.p90(), settings.queue(k.a()), ch).toMap());
        putFcr(row, fcr);
        row.put("settings", QueueKpis.settingsMap(settings.queue(k.a()), ch));
        return row;
    }

    private static void putFcr(Map<String, Object> row, FcrCounts fcr) {
        FcrCounts f = fcr == null ? new FcrCounts(0, 0, 0) : fcr;
        row.put("fcr", f.closed() == 0 ? null : (double) f.resolved() / f.closed());
        row.put("fcr_resolved", f.resolved());
        row.put("fcr_closed", f.closed());
        row.put("fcr_pending", f.pending());
    }

    private Document agentReport(ReportParams.Range r, List<String> agents, List<String> teams, boolean byTeam,
                                 Instant asOf) throws Exception {
        List<Periods.Period> periods = r.periods();
        List<Instant> starts = periods.stream().map(Periods.Period::startInstant).toList();
        List<String> teamFilter = teams == null ? null : teams.stream().map(t -> t.equals("none") ? "" : t).toList();
        Map<SeriesKey, Map<Integer, AgentSums>> sums = store.agentSums(starts, r.from(), r.to(), agents, teamFilter,
                byTeam);
        Indexed<FcrCounts> fcr = store.fcr(byTeam ? FcrKey.TEAM : FcrKey.AGENT, starts, r.from(), r.to(), agents,
                teamFilter, asOf);
        Set<SeriesKey> series = new TreeSet<>(sums.keySet());
        series.addAll(fcr.values().keySet());
        JsonArray rows = new JsonArray();
        JsonArray totals = new JsonArray();
        List<Map<String, Object>> flat = new ArrayList<>();
        List<Map<String, Object>> flatTotals = new ArrayList<>();
        for (SeriesKey k : series) {
            Map<Integer, AgentSums> byIdx = sums.getOrDefault(k, Map.of());
            AgentSums total = AgentSums.ZERO;
            for (int i = 1; i <= periods.size(); i++) {
                AgentSums s = byIdx.getOrDefault(i, AgentSums.ZERO);
                total = total.plus(s);
                Map<String, Object> row = agentRow("period", periods.get(i - 1).start().toOffsetDateTime().toString(),
                        periods.get(i - 1).end().toOffsetDateTime().toString(), k, byTeam, s, fcr.get(k, i));
                rows.add(new JsonObject(row));
                flat.add(row);
            }
            Map<String, Object> row = agentRow("total", r.fromZoned().toOffsetDateTime().toString(),
                    r.toZoned().toOffsetDateTime().toString(), k, byTeam, total, fcr.get(k, 0));
            totals.add(new JsonObject(row));
            flatTotals.add(row);
        }
        flat.addAll(flatTotals);
        JsonObject doc = header("agents", r, asOf).put("by", byTeam ? "team" : "agent").put("rows", rows)
                .put("totals", totals);
        return new Document(doc, Csv.rows(flat));
    }

    private Map<String, Object> agentRow(String type, String start, String end, SeriesKey k, boolean byTeam,
                                         AgentSums s, FcrCounts fcr) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("row_type", type);
        row.put("period_start", start);
        row.put("period_end", end);
        if (!byTeam) {
            row.put("agent", k.a());
        }
        row.put("team", k.b().isEmpty() ? null : k.b());
        row.putAll(AgentKpis.fromSums(s, settings.hourlyCost()).toMap());
        putFcr(row, fcr);
        Map<String, Object> used = new LinkedHashMap<>();
        used.put("hourly_cost", settings.hourlyCost());
        row.put("settings", used);
        return row;
    }

    private JsonObject header(String report, ReportParams.Range r, Instant asOf) {
        return new JsonObject().put("report", report)
                .put("from", r.fromZoned().toOffsetDateTime().toString())
                .put("to", r.toZoned().toOffsetDateTime().toString())
                .put("group", r.group().wire)
                .put("time_zone", settings.zone().getId())
                .put("as_of", asOf.toString())
                .put("sources", new JsonObject()
                        .put("sums", "15-minute roll-ups (thresholds as in force when the facts were written,"
                                + " or at the last `ccpulse rollups rebuild`)")
                        .put("percentiles", "exact nearest rank over the stored facts of each period")
                        .put("fcr", "contacts facts, window and scope of the current settings, as of as_of"));
    }

    private static Document contactsDocument(ReportParams.Range r, String outcome, int page, int pageSize,
                                             boolean keyset, ContactPage cp) {
        JsonArray out = new JsonArray();
        List<Map<String, Object>> flat = new ArrayList<>();
        for (ContactRow c : cp.rows()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("contact", c.contact());
            m.put("visit", c.seq());
            m.put("queue", c.queue());
            m.put("channel", c.channel());
            m.put("direction", c.direction());
            m.put("customer", c.customer());
            m.put("priority", c.priority());
            m.put("queued_at", c.queuedAt().toString());
            m.put("left_at", c.leftAt().toString());
            m.put("wait_s", c.waitMs() / 1000.0);
            m.put("outcome", c.outcome());
            m.put("agent", c.agent());
            out.add(new JsonObject(m));
            flat.add(m);
        }
        String next = null;
        if (cp.rows().size() == pageSize) {
            next = ReportParams.encodeCursor(cp.rows().get(cp.rows().size() - 1));
        }
        JsonObject doc = new JsonObject().put("report", "contacts")
                .put("from", r.fromZoned().toOffsetDateTime().toString())
                .put("to", r.toZoned().toOffsetDateTime().toString())
                .put("outcome", outcome)
                .put("total", cp.total())
                .put("page", keyset ? null : page)
                .put("page_size", pageSize)
                .put("next_cursor", next)
                .put("contacts", out);
        return new Document(doc, Csv.rows(flat));
    }

    /** CSV (RFC 4180) of flat rows; a nested map becomes its entries' columns ("settings") or "k=v;k=v". */
    static final class Csv {
        private Csv() {
        }

        static List<List<Object>> rows(List<Map<String, Object>> maps) {
            List<List<Object>> out = new ArrayList<>();
            List<String> header = new ArrayList<>();
            if (!maps.isEmpty()) {
                for (Map.Entry<String, Object> e : maps.get(0).entrySet()) {
                    if (e.getKey().equals("settings") && e.getValue() instanceof Map<?, ?> m) {
                        m.keySet().forEach(k -> header.add(String.valueOf(k)));
                    } else {
                        header.add(e.getKey());
                    }
                }
            }
            out.add(new ArrayList<>(header));
            for (Map<String, Object> row : maps) {
                List<Object> line = new ArrayList<>();
                for (Map.Entry<String, Object> e : row.entrySet()) {
                    if (e.getKey().equals("settings") && e.getValue() instanceof Map<?, ?> m) {
                        line.addAll(m.values());
                    } else if (e.getValue() instanceof Map<?, ?> m) {
                        StringBuilder b = new StringBuilder();
                        m.forEach((k, v) -> b.append(b.length() == 0 ? "" : ";").append(k).append('=').append(v));
                        line.add(b.toString());
                    } else {
                        line.add(e.getValue());
                    }
                }
                out.add(line);
            }
            return out;
        }

        static String render(List<List<Object>> rows) {
            StringBuilder b = new StringBuilder();
            for (List<Object> row : rows) {
                for (int i = 0; i < row.size(); i++) {
                    if (i > 0) {
                        b.append(',');
                    }
                    b.append(cell(row.get(i)));
                }
                b.append("\r\n");
            }
            return b.toString();
        }

        private static String cell(Object v) {
            if (v == null) {
                return "";
            }
            String s = String.valueOf(v);
            if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
                return '"' + s.replace("\"", "\"\"") + '"';
            }
            return s;
        }
    }

    /** Base64url helpers for the keyset cursor. */
    static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    static String unb64(String s) {
        return new String(Base64.getUrlDecoder().decode(s), StandardCharsets.UTF_8);
    }
}
