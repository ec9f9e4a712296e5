package io.ccpulse.api;

import io.ccpulse.domain.event.Channel;
import io.ccpulse.domain.event.WireEnum;
import io.ccpulse.domain.kpi.AgentKpis;
import io.ccpulse.domain.kpi.AgentSums;
import io.ccpulse.domain.kpi.QueueKpis;
import io.ccpulse.domain.kpi.Goals;
import io.ccpulse.domain.kpi.ResponseTally;
import io.ccpulse.domain.kpi.ScoreInputs;
import io.ccpulse.domain.kpi.ScorecardSpec;
import io.ccpulse.domain.kpi.TicketKpis;
import io.ccpulse.domain.kpi.TicketTally;
import io.ccpulse.domain.kpi.QueueSums;
import io.ccpulse.domain.report.Comparison;
import io.ccpulse.domain.report.ScoreBoard;
import io.ccpulse.domain.settings.Settings;
import io.ccpulse.store.ReportStore;
import io.ccpulse.store.ReportStore.ContactPage;
import io.ccpulse.store.ReportStore.ContactRow;
import io.ccpulse.store.ReportStore.FcrCounts;
import io.ccpulse.store.ReportStore.Indexed;
import io.ccpulse.store.ReportStore.Percentiles;
import io.ccpulse.store.ReportStore.SeriesKey;
import io.ccpulse.store.TicketReportStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * The reporting API (docs/HISTORY.md "Reporting API"): queue and agent KPIs of any range grouped by
 * 15 minutes, hour, day, week or month in the configured time zone, from the summed 15-minute
 * roll-ups, with exact percentiles and FCR from the facts; and the queue visits behind a number.
 * JSON, or CSV with {@code Accept: text/csv}. The read-token rule for {@code /v1/reports/*} is
 * applied by {@link HttpApi}.
 */
public final class ReportApi {

    private final ReportStore store;
    private final TicketReportStore tickets;
    private final Settings settings;
    private final Goals goals;
    private final MeterRegistry registry;
    private final Clock clock;

    /** @param clock "now" of the reports: FCR windows still open as of then are pending */
    public ReportApi(ReportStore store, Settings settings, MeterRegistry registry, Clock clock) {
        this(store, null, settings, Goals.DEFAULT, registry, clock);
    }

    /**
     * With the ticket store (ticket and scorecard reports) and the targets and scorecards in force.
     *
     * @param clock "now" of the reports: FCR windows still open as of then are pending, open tickets counted then
     */
    public ReportApi(ReportStore store, TicketReportStore tickets, Settings settings, Goals goals,
                     MeterRegistry registry, Clock clock) {
        this.store = store;
        this.tickets = tickets;
        this.settings = settings;
        this.goals = goals;
        this.registry = registry;
        this.clock = clock;
    }

    public void mount(Router router) {
        router.get("/v1/reports/queues").handler(this::handleQueues);
        router.get("/v1/reports/agents").handler(this::handleAgents);
        router.get("/v1/reports/contacts").handler(this::handleContacts);
        if (tickets != null) {
            router.get("/v1/reports/tickets").handler(this::handleTickets);
            router.get("/v1/reports/scorecards").handler(this::handleScorecards);
        }
    }

    // ------------------------------------------------------------------ handlers

    private void handleQueues(RoutingContext ctx) {
        ReportParams p = new ReportParams(ctx.queryParams(), settings.zone(), "queue", "channel", "group", "compare");
        List<String> queues = p.list("queue");
        List<String> channels = p.channels("channel");
        ReportParams.Range r = p.groupedRange();
        List<Comparison.Kind> compare = p.compare();
        if (p.rejectIfInvalid(ctx, this::count, "queues")) {
            return;
        }
        Instant asOf = clock.instant();
        respond(ctx, "queues", () -> compared(header("queues", r, asOf), r, compare,
                x -> queueTable(x, queues, channels, asOf)));
    }

    private void handleAgents(RoutingContext ctx) {
        ReportParams p = new ReportParams(ctx.queryParams(), settings.zone(), "agent", "team", "group", "by",
                "compare");
        List<String> agents = p.list("agent");
        List<String> teams = p.list("team");
        String by = p.oneOf("by", "agent", "agent", "team");
        ReportParams.Range r = p.groupedRange();
        List<Comparison.Kind> compare = p.compare();
        if (p.rejectIfInvalid(ctx, this::count, "agents")) {
            return;
        }
        Instant asOf = clock.instant();
        boolean byTeam = "team".equals(by);
        respond(ctx, "agents", () -> compared(header("agents", r, asOf).put("by", byTeam ? "team" : "agent"), r,
                compare, x -> agentTable(x, agents, teams, byTeam, asOf)));
    }

    private void handleTickets(RoutingContext ctx) {
        ReportParams p = new ReportParams(ctx.queryParams(), settings.zone(), "queue", "group", "compare");
        List<String> queues = p.list("queue");
        ReportParams.Range r = p.groupedRange();
        List<Comparison.Kind> compare = p.compare();
        if (p.rejectIfInvalid(ctx, this::count, "tickets")) {
            return;
        }
        Instant asOf = clock.instant();
        respond(ctx, "tickets", () -> {
            JsonObject open = new JsonObject();
            JsonObject sla = new JsonObject();
            for (Map.Entry<String, TicketReportStore.Open> e : tickets.openAt(asOf, queues).entrySet()) {
                open.put(e.getKey(), new JsonObject().put("open", e.getValue().open())
                        .put("overdue_response", e.getValue().overdueResponse())
                        .put("overdue_resolution", e.getValue().overdueResolution()));
            }
            JsonObject header = header("tickets", r, asOf).put("open_now", open);
            Document d = compared(header, r, compare, x -> ticketTable(x, queues));
            for (Object o : d.json().getJsonArray("totals")) {
                String q = ((JsonObject) o).getString("queue");
                sla.put(q, LiveJson.ticketSla(settings.queue(q).ticketSla()));
            }
            header.put("ticket_sla", sla);
            return d;
        });
    }

    private ReportExtras.Table ticketTable(ReportParams.Range r, List<String> queues) throws Exception {
        List<Periods.Period> periods = r.periods();
        List<Instant> starts = periods.stream().map(Periods.Period::startInstant).toList();
        Map<String, Map<Integer, TicketTally>> tallies = tickets.tallies(TicketReportStore.By.QUEUE, starts, r.from(),
                r.to(), queues, null);
        Map<String, Map<Integer, Long>> inbound = tickets.inboundContacts(starts, r.from(), r.to(), queues);
        List<Map<String, Object>> rows = new ArrayList<>();
        List<Map<String, Object>> totals = new ArrayList<>();
        for (Map.Entry<String, Map<Integer, TicketTally>> e : tallies.entrySet()) {
            String q = e.getKey();
            Map<Integer, Long> in = inbound.getOrDefault(q, Map.of());
            TicketTally total = new TicketTally();
            long totalIn = 0;
            for (int i = 1; i <= periods.size(); i++) {
                TicketTally t = e.getValue().getOrDefault(i, new TicketTally());
                long n = in.getOrDefault(i, 0L);
                total.merge(t);
                totalIn += n;
                rows.add(ticketRow("period", periods.get(i - 1).start().toOffsetDateTime().toString(),
                        periods.get(i - 1).end().toOffsetDateTime().toString(), q, TicketKpis.of(t, n)));
            }
            totals.add(ticketRow("total", r.fromZoned().toOffsetDateTime().toString(),
                    r.toZoned().toOffsetDateTime().toString(), q, TicketKpis.of(total, totalIn)));
        }
        return new ReportExtras.Table(rows, totals, List.of("queue"));
    }

    private Map<String, Object> ticketRow(String type, String start, String end, String queue, TicketKpis k) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("row_type", type);
        row.put("period_start", start);
        row.put("period_end", end);
        row.put("queue", queue);
        row.putAll(k.toMap());
        LocalDate day = OffsetDateTime.parse(start).atZoneSameInstant(settings.zone()).toLocalDate();
        ReportExtras.addTargets(row, kpi -> goals.targets().forQueue(kpi, queue, day));
        return row;
    }

    private void handleScorecards(RoutingContext ctx) {
        ReportParams p = new ReportParams(ctx.queryParams(), settings.zone(), "team", "agent", "group", "compare");
        List<String> teams = p.list("team");
        List<String> agents = p.list("agent");
        ReportParams.Range r = p.groupedRange();
        List<Comparison.Kind> compare = p.compare();
        if (p.rejectIfInvalid(ctx, this::count, "scorecards")) {
            return;
        }
        Instant asOf = clock.instant();
        respond(ctx, "scorecards", () -> {
            Document d = compared(header("scorecards", r, asOf), r, compare, x -> scorecardTable(x, teams, agents));
            // CSV: one line per scorecard item (cards differ by team)
            return new Document(d.json(), () -> explodeItems(d.csvRows().get()));
        });
    }

    /**
     * The scorecards report by day for the local days [from, to) of the service's time zone, every agent and
     * team: the period rows of {@code GET /v1/reports/scorecards?group=day} (keys row_type, period_start,
     * period_end, team, agent, rank, scorecard, score, coverage, items). For {@code scorecard_days}.
     */
    public List<Map<String, Object>> scorecardDays(LocalDate from, LocalDate to) throws Exception {
        ZoneId zone = settings.zone();
        ReportParams.Range r = new ReportParams.Range(from.atStartOfDay(zone).toInstant(),
                to.atStartOfDay(zone).toInstant(), Periods.Group.DAY, zone);
        return scorecardTable(r, null, null).rows();
    }

    /**
     * Per period (and for the whole range): every agent of the teams asked for scored with its team's card and
     * the targets in force on the period's first day, ranked within the team, and each team scored on its own
     * sums. Agents and teams appear in every period (score null where they have no data).
     */
    private ReportExtras.Table scorecardTable(ReportParams.Range r, List<String> teams, List<String> agents)
            throws Exception {
        List<Periods.Period> periods = r.periods();
        List<Instant> starts = periods.stream().map(Periods.Period::startInstant).toList();
        List<String> teamFilter = teams == null ? null : teams.stream().map(t -> t.equals("none") ? "" : t).toList();
        Map<SeriesKey, Map<Integer, AgentSums>> byAgent = store.agentSums(starts, r.from(), r.to(), agents, teamFilter,
                false);
        Map<SeriesKey, Map<Integer, AgentSums>> byTeam = agents == null
                ? store.agentSums(starts, r.from(), r.to(), null, teamFilter, true) : Map.of();
        Map<String, Map<Integer, ResponseTally>> responses = tickets.agentResponses(starts, r.from(), r.to(), agents);
        Map<String, Map<Integer, TicketTally>> agentTickets = tickets.tallies(TicketReportStore.By.AGENT, starts,
                r.from(), r.to(), agents, null);
        // agents with tickets but no agent time of their own in the range (e.g. logged in all along): their
        // team from their tickets
        Map<String, String> ticketTeams = tickets.agentTeams(r.from(), r.to());
        Map<SeriesKey, Map<Integer, AgentSums>> seriesSums = new java.util.TreeMap<>(byAgent);
        Set<String> known = new TreeSet<>();
        byAgent.keySet().forEach(k -> known.add(k.a()));
        for (String agent : agentTickets.keySet()) {
            String team = ticketTeams.get(agent);
            String key = team == null ? "" : team;
            if (!known.contains(agent) && (teamFilter == null || teamFilter.contains(key))) {
                seriesSums.put(new SeriesKey(agent, key), Map.of());
            }
        }
        Map<SeriesKey, Map<Integer, AgentSums>> teamSums = new java.util.TreeMap<>(byTeam);
        if (agents == null) {
            for (SeriesKey k : seriesSums.keySet()) {
                teamSums.putIfAbsent(new SeriesKey("", k.b()), Map.of());
            }
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        List<Map<String, Object>> totals = new ArrayList<>();
        for (int i = 0; i <= periods.size(); i++) {
            String start = i == 0 ? r.fromZoned().toOffsetDateTime().toString()
                    : periods.get(i - 1).start().toOffsetDateTime().toString();
            String end = i == 0 ? r.toZoned().toOffsetDateTime().toString()
                    : periods.get(i - 1).end().toOffsetDateTime().toString();
            LocalDate day = OffsetDateTime.parse(start).atZoneSameInstant(settings.zone()).toLocalDate();
            List<ScoreBoard.Entry> entries = new ArrayList<>();
            Map<String, ResponseTally> teamResponses = new java.util.HashMap<>();
            Map<String, TicketTally> teamTickets = new java.util.HashMap<>();
            for (Map.Entry<SeriesKey, Map<Integer, AgentSums>> e : seriesSums.entrySet()) {
                String agent = e.getKey().a();
                String team = e.getKey().b().isEmpty() ? null : e.getKey().b();
                AgentSums s = sumOf(e.getValue(), i, periods.size());
                ResponseTally resp = mergeOf(responses.get(agent), i, periods.size(), new ResponseTally(),
                        ResponseTally::merge);
                TicketTally tk = mergeOf(agentTickets.get(agent), i, periods.size(), new TicketTally(),
                        TicketTally::merge);
                teamResponses.computeIfAbsent(e.getKey().b(), x -> new ResponseTally()).merge(resp);
                teamTickets.computeIfAbsent(e.getKey().b(), x -> new TicketTally()).merge(tk);
                entries.add(new ScoreBoard.Entry(agent, team, ScoreInputs.of(s, resp, tk, settings.hourlyCost())));
            }
            for (Map.Entry<SeriesKey, Map<Integer, AgentSums>> e : teamSums.entrySet()) {
                String team = e.getKey().b().isEmpty() ? null : e.getKey().b();
                entries.add(new ScoreBoard.Entry(null, team, ScoreInputs.of(sumOf(e.getValue(), i, periods.size()),
                        teamResponses.getOrDefault(e.getKey().b(), new ResponseTally()),
                        teamTickets.getOrDefault(e.getKey().b(), new TicketTally()), settings.hourlyCost())));
            }
            for (ScoreBoard.Row b : ScoreBoard.of(entries, goals, day)) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("row_type", i == 0 ? "total" : "period");
                row.put("period_start", start);
                row.put("period_end", end);
                row.put("team", b.team());
                row.put("agent", b.agent());
                row.put("rank", b.rank());
                row.put("scorecard", b.result().scorecard());
                row.put("score", b.result().score());
                row.put("coverage", b.result().score() == null ? null : b.result().coverage());
                List<Map<String, Object>> items = new ArrayList<>();
                for (ScorecardSpec.Line l : b.result().lines()) {
                    Map<String, Object> it = new LinkedHashMap<>();
                    it.put("kpi", l.kpi());
                    it.put("weight", l.weight());
                    it.put("direction", l.better().wireName());
                    it.put("actual", l.actual());
                    it.put("target", l.target());
                    it.put("attainment", l.attainment());
                    it.put("contribution", l.contribution());
                    items.add(it);
                }
                row.put("items", items);
                (i == 0 ? totals : rows).add(row);
            }
        }
        // period rows grouped by series, in period order (so comparisons pair them by position)
        List<Map<String, Object>> sorted = new ArrayList<>(rows);
        java.util.Comparator<Map<String, Object>> bySeries = java.util.Comparator
                .comparing((Map<String, Object> m) -> (String) m.get("team"), java.util.Comparator.nullsFirst(
                        java.util.Comparator.naturalOrder()))
                .thenComparing(m -> (String) m.get("agent"), java.util.Comparator.nullsFirst(
                        java.util.Comparator.naturalOrder()));
        sorted.sort(bySeries);
        return new ReportExtras.Table(sorted, totals, List.of("team", "agent"));
    }

    /** Sums of period i (0: all periods). */
    private static AgentSums sumOf(Map<Integer, AgentSums> m, int i, int n) {
        if (i > 0) {
            return m.getOrDefault(i, AgentSums.ZERO);
        }
        AgentSums t = AgentSums.ZERO;
        for (int k = 1; k <= n; k++) {
            t = t.plus(m.getOrDefault(k, AgentSums.ZERO));
        }
        return t;
    }

    private static <T> T mergeOf(Map<Integer, T> m, int i, int n, T zero, java.util.function.BinaryOperator<T> merge) {
        if (m == null) {
            return zero;
        }
        if (i > 0) {
            T v = m.get(i);
            return v == null ? zero : merge.apply(zero, v);
        }
        T t = zero;
        for (int k = 1; k <= n; k++) {
            T v = m.get(k);
            if (v != null) {
                t = merge.apply(t, v);
            }
        }
        return t;
    }

    /** CSV rows (header first) with an {@code items} column turned into one line per item. */
    @SuppressWarnings("unchecked")
    private static List<List<Object>> explodeItems(List<List<Object>> csv) {
        if (csv.isEmpty()) {
            return csv;
        }
        List<Object> header = csv.get(0);
        int col = header.indexOf("items");
        if (col < 0) {
            return csv;
        }
        List<Object> h = new ArrayList<>(header);
        h.remove(col);
        h.addAll(List.of("kpi", "weight", "direction", "actual", "target", "attainment", "contribution"));
        List<List<Object>> out = new ArrayList<>();
        out.add(h);
        for (int r = 1; r < csv.size(); r++) {
            List<Object> line = new ArrayList<>(csv.get(r));
            Object items = line.remove(col);
            for (Object it : items instanceof List<?> l ? l : List.of()) {
                List<Object> x = new ArrayList<>(line);
                x.addAll(((Map<String, Object>) it).values());
                out.add(x);
            }
        }
        return out;
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
        // the document and its rendering off the event loop; CSV rows are built only for a CSV answer
        ctx.vertx().executeBlocking(() -> {
            Document d = work.call();
            return csv ? Csv.render(d.csvRows().get()) : d.json().encode();
        }, false).onComplete(ar -> {
            if (ar.failed()) {
                count(report, "error");
                ctx.response().setStatusCode(500).putHeader("Content-Type", "application/json")
                        .end(new JsonObject().put("error", "report failed: " + ar.cause().getMessage()).encode());
                return;
            }
            count(report, "ok");
            ctx.response().putHeader("Content-Type", csv ? "text/csv; charset=utf-8" : "application/json")
                    .end(ar.result());
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

    /** A report as JSON and as CSV rows (header first), the latter built on demand. */
    private record Document(JsonObject json, Supplier<List<List<Object>>> csvRows) { }

    private ReportExtras.Table queueTable(ReportParams.Range r, List<String> queues, List<String> channels,
                                          Instant asOf) throws Exception {
        List<Periods.Period> periods = r.periods();
        List<Instant> starts = periods.stream().map(Periods.Period::startInstant).toList();
        ReportStore.Data<QueueSums> data = store.queueData(starts, r.from(), r.to(), queues, channels, asOf);
        Map<SeriesKey, Map<Integer, QueueSums>> sums = data.sums();
        Indexed<Percentiles> waits = data.waits();
        Indexed<Percentiles> frts = data.frts();
        Indexed<FcrCounts> fcr = data.fcr();
        Set<SeriesKey> series = new TreeSet<>(sums.keySet());
        series.addAll(waits.values().keySet());
        series.addAll(frts.values().keySet());
        series.addAll(fcr.values().keySet());

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
                flat.add(row);
            }
            Map<String, Object> row = queueRow("total", r.fromZoned().toOffsetDateTime().toString(),
                    r.toZoned().toOffsetDateTime().toString(), k, ch, total, waits.get(k, 0), frts.get(k, 0),
                    fcr.get(k, 0));
            flatTotals.add(row);
        }
        return new ReportExtras.Table(flat, flatTotals, List.of("queue", "channel"));
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
        LocalDate day = OffsetDateTime.parse(start).atZoneSameInstant(settings.zone()).toLocalDate();
        ReportExtras.addTargets(row, kpi -> goals.targets().forQueue(kpi, k.a(), day));
        return row;
    }

    private static void putFcr(Map<String, Object> row, FcrCounts fcr) {
        FcrCounts f = fcr == null ? new FcrCounts(0, 0, 0) : fcr;
        row.put("fcr", f.closed() == 0 ? null : (double) f.resolved() / f.closed());
        row.put("fcr_resolved", f.resolved());
        row.put("fcr_closed", f.closed());
        row.put("fcr_pending", f.pending());
    }

    private ReportExtras.Table agentTable(ReportParams.Range r, List<String> agents, List<String> teams,
                                          boolean byTeam, Instant asOf) throws Exception {
        List<Periods.Period> periods = r.periods();
        List<Instant> starts = periods.stream().map(Periods.Period::startInstant).toList();
        List<String> teamFilter = teams == null ? null : teams.stream().map(t -> t.equals("none") ? "" : t).toList();
        ReportStore.Data<AgentSums> data = store.agentData(starts, r.from(), r.to(), agents, teamFilter, byTeam, asOf);
        Map<SeriesKey, Map<Integer, AgentSums>> sums = data.sums();
        Indexed<FcrCounts> fcr = data.fcr();
        Set<SeriesKey> series = new TreeSet<>(sums.keySet());
        series.addAll(fcr.values().keySet());
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
                flat.add(row);
            }
            Map<String, Object> row = agentRow("total", r.fromZoned().toOffsetDateTime().toString(),
                    r.toZoned().toOffsetDateTime().toString(), k, byTeam, total, fcr.get(k, 0));
            flatTotals.add(row);
        }
        return new ReportExtras.Table(flat, flatTotals, byTeam ? List.of("team") : List.of("agent", "team"));
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
        LocalDate day = OffsetDateTime.parse(start).atZoneSameInstant(settings.zone()).toLocalDate();
        String team = k.b().isEmpty() ? null : k.b();
        ReportExtras.addTargets(row, kpi -> byTeam ? goals.targets().forTeam(kpi, team, day)
                : goals.targets().forAgent(kpi, k.a(), team, day));
        return row;
    }

    // ------------------------------------------------------------------ comparisons

    /** Builds a report's table for a range. */
    interface TableBuilder {
        ReportExtras.Table build(ReportParams.Range r) throws Exception;
    }

    /**
     * The report of {@code r}, compared with each of {@code kinds} (the same report over the shifted range,
     * same grouping): JSON {@code rows} and {@code totals} with {@code targets} and the comparisons per row,
     * the compared ranges in the header ({@code compare}); CSV with everything flattened into columns.
     */
    private Document compared(JsonObject header, ReportParams.Range r, List<Comparison.Kind> kinds, TableBuilder b)
            throws Exception {
        ReportExtras.Table main = b.build(r);
        JsonObject compare = new JsonObject();
        for (Comparison.Kind k : kinds) {
            Comparison.Range cr = Comparison.shift(r.from(), r.to(), r.zone(), k);
            ReportParams.Range other = new ReportParams.Range(cr.from(), cr.to(), r.group(), r.zone());
            ReportExtras.compare(main, k, b.build(other));
            compare.put(k.wire, new JsonObject().put("from", other.fromZoned().toOffsetDateTime().toString())
                    .put("to", other.toZoned().toOffsetDateTime().toString()));
        }
        if (!kinds.isEmpty()) {
            header.put("compare", compare);
        }
        JsonArray rows = new JsonArray();
        main.rows().forEach(m -> rows.add(new JsonObject(m)));
        JsonArray totals = new JsonArray();
        main.totals().forEach(m -> totals.add(new JsonObject(m)));
        List<Map<String, Object>> all = new ArrayList<>(main.rows());
        all.addAll(main.totals());
        return new Document(header.put("rows", rows).put("totals", totals), () -> Csv.rows(ReportExtras.csv(all)));
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
                        .put("percentiles", "exact nearest rank over the waits (first response times) kept in"
                                + " the 15-minute roll-ups of each period")
                        .put("fcr", "contacts whose window has closed: settled into the roll-ups (window and scope"
                                + " in force when settled, or at the last `ccpulse rollups rebuild`); the others from"
                                + " the contacts facts with the current settings, as of as_of"));
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
        return new Document(doc, () -> Csv.rows(flat));
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
