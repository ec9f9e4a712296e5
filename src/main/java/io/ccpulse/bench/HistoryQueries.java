package io.ccpulse.bench;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scenario 4: history queries over a year of 15-minute roll-ups (50 queues, 500 agents): p95 of three
 * typical reports through the real reporting API, against the same KPIs computed from the raw facts at
 * query time by one SQL aggregation.
 *
 * <p>What is loaded (one fresh, migrated database; {@code INSERT .. SELECT} from {@code generate_series},
 * the service's own time zone is UTC, T = today's UTC midnight; the roll-up tables' primary keys and
 * indexes are dropped for the load and built again after it):
 * <ul>
 * <li>{@code rollup_queue}: every 15-minute bucket of the 365 days before T, for 50 queues (q00..q49, one
 * channel each, voice/chat/messaging/email in turn): 1,752,000 rows; per bucket 2-5 answered and 1
 * abandoned visits with their waits, and one handle segment per answered visit.</li>
 * <li>{@code rollup_agent}: 500 agents (a000..a499, teams of 25) in three 8-hour shifts, 5 days out of 7,
 * 32 buckets per working day: ~4.2 million rows; {@code rollup_agent_away}: one 15-minute lunch per working
 * day: ~130,000 rows.</li>
 * <li>Raw facts, only where the comparison reads them, generated with the same numbers as the roll-ups
 * of those buckets: queue_visits, handle_segments and contacts (one per visit, 20,000 customers, so
 * that the reports' FCR has work to do) of queue q00 for the 90 days before T and of the 49 other
 * queues for the day before T; agent_states (3 spans per bucket, a lunch span) and handle_segments of
 * agent a001 for the 30 days before T. No surveys.</li>
 * </ul>
 * The reports also read facts themselves (percentiles and FCR come from the facts, see docs/HISTORY.md),
 * so they are measured with these facts present. The raw comparison computes the sums, counts and
 * wait percentiles of the same periods (not FCR) from the fact tables in one statement over JDBC from
 * this process; the API figure includes HTTP and JSON, the raw one only the SQL and the fetch.
 */
final class HistoryQueries {

    static final String S = "4 history";

    private HistoryQueries() {
    }

    record Report(String name, String path, String rawSql, Object[] rawParams, String rollupSql) { }

    static List<Row> run(BenchContext ctx) throws Exception {
        boolean smoke = ctx.sizes.name().startsWith("smoke");
        int days = smoke ? 14 : 365;
        Instant t = LocalDate.now(ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant yearStart = t.minus(days, ChronoUnit.DAYS);
        Instant q90 = t.minus(90, ChronoUnit.DAYS);
        Instant yesterday = t.minus(1, ChronoUnit.DAYS);
        Instant month = t.minus(30, ChronoUnit.DAYS);
        List<Row> rows = new ArrayList<>();
        try (BenchDb db = BenchDb.create(ctx.server, "history")) {
            String loaded;
            BenchContext.Meter loadMeter = ctx.meter("4 loading roll-ups and facts", db, null);
            long l0 = System.nanoTime();
            try (Connection c = db.connect()) {
                c.setAutoCommit(true);
                loadRollups(c, ctx, yearStart, t);
                loadQueueFacts(c, ctx, q90, t, 0, 0);
                loadQueueFacts(c, ctx, yesterday, t, 1, 49);
                loadAgentFacts(c, ctx, month, t, 1);
                try (Statement s = c.createStatement()) {
                    s.execute("ANALYZE");
                }
                loaded = String.format("loaded in %.0f s: rollup_queue %,d rows, rollup_agent %,d, rollup_agent_away %,d "
                                + "(%d days); facts: queue_visits %,d, handle_segments %,d, contacts %,d, agent_states %,d",
                        (System.nanoTime() - l0) / 1e9, db.count("SELECT count(*) FROM rollup_queue"),
                        db.count("SELECT count(*) FROM rollup_agent"), db.count("SELECT count(*) FROM rollup_agent_away"),
                        days, db.count("SELECT count(*) FROM queue_visits"),
                        db.count("SELECT count(*) FROM handle_segments"), db.count("SELECT count(*) FROM contacts"),
                        db.count("SELECT count(*) FROM agent_states"));
            }
            loadMeter.stop();
            ctx.log.println("  " + loaded);
            String d90 = day(q90);
            String dT = day(t);
            Report[] reports = {
                new Report("one queue (q00), 90 days by day",
                        "/v1/reports/queues?from=" + d90 + "&to=" + dT + "&group=day&queue=q00",
                        queueRawSql("date_trunc('day', left_at, 'UTC')", "date_trunc('day', acw_end_at, 'UTC')", true),
                        new Object[] {ts(q90), ts(t), ts(q90), ts(t)},
                        queueRollupSql("date_trunc('day', bucket, 'UTC')", "queue = 'q00' AND ")),
                new Report("all 50 queues, yesterday by 15 min",
                        "/v1/reports/queues?from=" + day(yesterday) + "&to=" + dT + "&group=15m",
                        queueRawSql("time_bucket('15 minutes', left_at)", "time_bucket('15 minutes', acw_end_at)", false),
                        new Object[] {ts(yesterday), ts(t), ts(yesterday), ts(t)},
                        queueRollupSql("bucket", "")),
                new Report("one agent (a001), 30 days by day",
                        "/v1/reports/agents?from=" + day(month) + "&to=" + dT + "&group=day&agent=a001",
                        AGENT_RAW_SQL,
                        new Object[] {ts(month), ts(t), ts(month), ts(t), ts(month), ts(t)},
                        AGENT_ROLLUP_SQL),
            };
            try (ServiceProcess svc = ctx.startService(db, "history"); Connection c = db.connect()) {
                Load http = new Load(svc.base());
                loaded += awaitFcrSettled(http, ctx);
                int runs = smoke ? 5 : 50;
                int warm = smoke ? 1 : 5;
                for (Report r : reports) {
                    BenchContext.Meter m = ctx.meter("4 " + r.name + ": API, then raw SQL", db, svc);
                    long[] bytes = {0};
                    JsonObject[] last = {null};
                    double[] api = time(warm, runs, 60, () -> {
                        HttpResponse<String> resp = http.get(r.path);
                        if (resp.statusCode() != 200) {
                            throw new IllegalStateException(r.path + " answered " + resp.statusCode() + ": " + resp.body());
                        }
                        bytes[0] = resp.body().length();
                        last[0] = new JsonObject(resp.body());
                    });
                    long[] rawRows = {0};
                    double[] raw = time(smoke ? 1 : 3, runs, 60, () -> {
                        try (PreparedStatement ps = c.prepareStatement(r.rawSql)) {
                            for (int i = 0; i < r.rawParams.length; i++) {
                                ps.setObject(i + 1, r.rawParams[i]);
                            }
                            long n = 0;
                            try (ResultSet rs = ps.executeQuery()) {
                                int cols = rs.getMetaData().getColumnCount();
                                while (rs.next()) {
                                    for (int k = 1; k <= cols; k++) {
                                        rs.getObject(k);
                                    }
                                    n++;
                                }
                            }
                            rawRows[0] = n;
                        }
                    });
                    double[] sums = time(smoke ? 1 : 3, runs, 30, () -> {
                        try (PreparedStatement ps = c.prepareStatement(r.rollupSql)) {
                            ps.setObject(1, r.rawParams[0]);
                            ps.setObject(2, r.rawParams[1]);
                            try (ResultSet rs = ps.executeQuery()) {
                                int cols = rs.getMetaData().getColumnCount();
                                while (rs.next()) {
                                    for (int k = 1; k <= cols; k++) {
                                        rs.getObject(k);
                                    }
                                }
                            }
                        }
                    });
                    m.stop();
                    double pApi = p95(api);
                    double pRaw = p95(raw);
                    int periods = last[0].getJsonArray("rows").size();
                    rows.add(Row.of(S, "p95 " + r.name + ", from roll-ups via the reporting API (`" + r.path + "`)",
                                    pApi, "ms").target("< 100 ms", pApi < 100)
                            .note(String.format("%d runs after %d unrecorded; median %.1f ms, max %.1f ms; answer %,d bytes, "
                                            + "%d period rows; %s", api.length, warm, median(api), max(api), bytes[0],
                                    periods, loaded)));
                    rows.add(Row.of(S, "p95 " + r.name + ", computed from raw facts by one SQL aggregation", pRaw, "ms")
                            .note(String.format("%d runs; median %.1f ms, max %.1f ms; %d result rows; sums, counts and "
                                    + "wait percentiles of the same periods, no FCR", raw.length, median(raw), max(raw),
                                    rawRows[0])));
                    rows.add(Row.of(S, "p95 " + r.name + ", only the sums and counts from the roll-ups by one SQL "
                                    + "statement (no percentiles, no FCR, no HTTP)", p95(sums), "ms")
                            .note(String.format("%d runs; median %.1f ms; what the roll-ups alone cost; speed-up of raw p95 "
                                    + "over this: %.0fx", sums.length, median(sums), pRaw / p95(sums))));
                    double ratio = pRaw / pApi;
                    rows.add(Row.of(S, "speed-up (raw p95 / API p95), " + r.name, ratio, "x")
                            .target(">= 20x", ratio >= 20));
                }
            }
        }
        return rows;
    }

    interface Run {
        void run() throws Exception;
    }

    /** Milliseconds of each recorded run: {@code warm} unrecorded, then {@code runs}, or fewer (at least 10) if they exceed {@code budgetS}. */
    static double[] time(int warm, int runs, int budgetS, Run r) throws Exception {
        for (int i = 0; i < warm; i++) {
            r.run();
        }
        List<Double> ms = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            r.run();
            ms.add((System.nanoTime() - t0) / 1e6);
            if (i >= 9 && System.nanoTime() - start > budgetS * 1_000_000_000L) {
                break;
            }
        }
        return ms.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Nearest rank. */
    static double p95(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[Math.max(0, (int) Math.ceil(0.95 * s.length) - 1)];
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[Math.max(0, (int) Math.ceil(0.5 * s.length) - 1)];
    }

    static double max(double[] v) {
        return Arrays.stream(v).max().orElse(Double.NaN);
    }

    private static String day(Instant i) {
        return LocalDate.ofInstant(i, ZoneOffset.UTC).toString();
    }

    private static Timestamp ts(Instant i) {
        return Timestamp.from(i);
    }

    private static final String CHANNEL = "(ARRAY['voice','chat','messaging','email'])[1 + q % 4]";
    private static final String QUEUE = "'q' || lpad(q::text, 2, '0')";
    /** Answered visits of queue q in bucket b (the abandoned one comes on top). */
    private static final String N = "(2 + ((extract(hour from b AT TIME ZONE 'UTC')::int + q) % 4))";
    private static final String WORKING = "((floor(extract(epoch from d) / 86400)::bigint + a) % 7) < 5";

    private static void exec(Connection c, BenchContext ctx, String what, String sql, Object... params) throws Exception {
        long t0 = System.nanoTime();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            int n = ps.executeUpdate();
            ctx.log.printf("  %s: %,d rows in %.1f s%n", what, n, (System.nanoTime() - t0) / 1e9);
        }
    }

    static void loadRollups(Connection c, BenchContext ctx, Instant from, Instant to) throws Exception {
        // the service's indexes are built once after the load (3x fewer seconds than maintaining them row by
        // row here); the schema ends up exactly as migrated
        try (Statement s = c.createStatement()) {
            s.execute("ALTER TABLE rollup_queue DROP CONSTRAINT rollup_queue_pkey");
            s.execute("DROP INDEX rollup_queue_queue");
            s.execute("ALTER TABLE rollup_agent DROP CONSTRAINT rollup_agent_pkey");
            s.execute("DROP INDEX rollup_agent_team");
        }
        exec(c, ctx, "rollup_queue", "INSERT INTO rollup_queue (bucket, queue, channel, answered, abandoned, "
                + "answered_in_threshold, wait_answered_ms, wait_abandoned_ms, max_wait_ms, segments, talk_ms, hold_ms, "
                + "acw_ms, wrapped_with_flag, resolved_true, inbound_contacts, waits_ms) "
                + "SELECT b, " + QUEUE + ", " + CHANNEL + ", n, 1, least(n, 2), 5000 * n + 7000 * n * (n + 1) / 2, 40000, "
                + "greatest(40000, 5000 + 7000 * n), n, 240000 * n, 20000 * n, 60000 * n, n, n, n + 1, "
                + "ARRAY(SELECT CASE WHEN k <= n THEN 5000 + 7000 * k ELSE 40000 END FROM generate_series(1, n + 1) k "
                + "ORDER BY 1) "
                + "FROM generate_series(?::timestamptz, ?::timestamptz - interval '15 minutes', interval '15 minutes') b "
                + "CROSS JOIN generate_series(0, 49) q CROSS JOIN LATERAL (SELECT " + N + "::bigint AS n) x",
                ts(from), ts(to));
        String agentFrom = "FROM generate_series(?::timestamptz, ?::timestamptz - interval '1 day', interval '1 day') d "
                + "CROSS JOIN generate_series(0, 499) a ";
        exec(c, ctx, "rollup_agent", "INSERT INTO rollup_agent (bucket, agent, team, available_ms, on_contact_ms, "
                + "acw_state_ms, away_ms, segments, talk_ms, hold_ms, acw_ms, wrapped_with_flag, resolved_true) "
                + "SELECT d + (a % 3) * interval '8 hours' + i * interval '15 minutes', 'a' || lpad(a::text, 3, '0'), "
                + "'team' || (a / 25), "
                + "CASE WHEN i = 16 THEN 0 ELSE 300000 END, CASE WHEN i = 16 THEN 0 ELSE 480000 END, "
                + "CASE WHEN i = 16 THEN 0 ELSE 120000 END, CASE WHEN i = 16 THEN 900000 ELSE 0 END, "
                + "CASE WHEN i = 16 THEN 0 ELSE 1 END, CASE WHEN i = 16 THEN 0 ELSE 450000 END, "
                + "CASE WHEN i = 16 THEN 0 ELSE 30000 END, CASE WHEN i = 16 THEN 0 ELSE 120000 END, "
                + "CASE WHEN i = 16 THEN 0 ELSE 1 END, CASE WHEN i = 16 THEN 0 ELSE 1 END "
                + agentFrom + "CROSS JOIN generate_series(0, 31) i WHERE " + WORKING, ts(from), ts(to));
        exec(c, ctx, "rollup_agent_away", "INSERT INTO rollup_agent_away (bucket, agent, team, reason, away_ms) "
                + "SELECT d + (a % 3) * interval '8 hours' + 16 * interval '15 minutes', 'a' || lpad(a::text, 3, '0'), "
                + "'team' || (a / 25), 'lunch', 900000 " + agentFrom + "WHERE " + WORKING, ts(from), ts(to));
        exec(c, ctx, "rollup_queue primary key", "ALTER TABLE rollup_queue ADD PRIMARY KEY (bucket, queue, channel)");
        exec(c, ctx, "rollup_queue index", "CREATE INDEX rollup_queue_queue ON rollup_queue (queue, bucket)");
        exec(c, ctx, "rollup_agent primary key", "ALTER TABLE rollup_agent ADD PRIMARY KEY (bucket, agent, team)");
        exec(c, ctx, "rollup_agent index", "CREATE INDEX rollup_agent_team ON rollup_agent (team, bucket)");
    }

    /** Facts of queues qFrom..qTo in [from, to), with the numbers of their roll-ups. */
    static void loadQueueFacts(Connection c, BenchContext ctx, Instant from, Instant to, int qFrom, int qTo)
            throws Exception {
        String gen = "FROM generate_series(?::timestamptz, ?::timestamptz - interval '15 minutes', interval '15 minutes') b "
                + "CROSS JOIN generate_series(" + qFrom + ", " + qTo + ") q CROSS JOIN LATERAL (SELECT " + N + " AS n) x "
                + "CROSS JOIN LATERAL generate_series(1, n + 1) k ";
        String contact = "'c-' || q || '-' || floor(extract(epoch from b))::bigint || '-' || k";
        String customer = "'cust-' || ((q * 7919 + floor(extract(epoch from b) / 900)::bigint * 31 + k) % 20000)";
        String wait = "(CASE WHEN k <= n THEN 5000 + 7000 * k ELSE 40000 END)";
        String left = "(b + k * interval '1 minute')";
        exec(c, ctx, "queue_visits q" + qFrom + "-" + qTo, "INSERT INTO queue_visits (contact, seq, queue, channel, direction, "
                + "customer, queued_at, left_at, wait_ms, outcome, agent) SELECT " + contact + ", 1, " + QUEUE + ", "
                + CHANNEL + ", 'inbound', " + customer + ", " + left + " - " + wait + " * interval '1 millisecond', " + left
                + ", " + wait + ", CASE WHEN k <= n THEN 'answered' ELSE 'abandoned' END, "
                + "CASE WHEN k <= n THEN 'qa-' || q || '-' || k END " + gen, ts(from), ts(to));
        exec(c, ctx, "handle_segments q" + qFrom + "-" + qTo, "INSERT INTO handle_segments (contact, seq, agent, team, queue, "
                + "channel, direction, customer, answered_at, talk_end_at, acw_end_at, talk_ms, hold_ms, acw_ms, transferred, "
                + "resolved, acw_end) SELECT " + contact + ", 1, 'qa-' || q || '-' || k, 'qteam', " + QUEUE + ", " + CHANNEL
                + ", 'inbound', " + customer + ", " + left + " - interval '320 seconds', " + left
                + " - interval '60 seconds', " + left + ", 240000, 20000, 60000, false, true, 'wrapped' " + gen
                + "WHERE k <= n", ts(from), ts(to));
        exec(c, ctx, "contacts q" + qFrom + "-" + qTo, "INSERT INTO contacts (contact, customer, direction, channel, "
                + "entry_queue, started_at, ended_at, answered, first_agent, first_team, last_resolved) SELECT " + contact
                + ", " + customer + ", 'inbound', " + CHANNEL + ", " + QUEUE + ", " + left + " - " + wait
                + " * interval '1 millisecond', " + left + ", k <= n, CASE WHEN k <= n THEN 'qa-' || q || '-' || k END, "
                + "CASE WHEN k <= n THEN 'qteam' END, CASE WHEN k <= n THEN true END " + gen, ts(from), ts(to));
    }

    /** Agent a's state spans and segments in [from, to), with the numbers of its roll-ups. */
    static void loadAgentFacts(Connection c, BenchContext ctx, Instant from, Instant to, int a) throws Exception {
        String gen = "FROM generate_series(?::timestamptz, ?::timestamptz - interval '1 day', interval '1 day') d "
                + "CROSS JOIN (SELECT " + a + " AS a) ag CROSS JOIN generate_series(0, 31) i "
                + "CROSS JOIN LATERAL (SELECT d + (a % 3) * interval '8 hours' + i * interval '15 minutes' AS b) x ";
        String agent = "'a' || lpad(a::text, 3, '0')";
        exec(c, ctx, "agent_states a" + a, "INSERT INTO agent_states (agent, team, state, reason, start_at, end_at) "
                + "SELECT " + agent + ", 'team' || (a / 25), s.state, s.reason, b + s.f * interval '1 minute', "
                + "b + s.t * interval '1 minute' " + gen
                + "CROSS JOIN LATERAL (VALUES ('available', NULL, 0, 5), ('on_contact', NULL, 5, 13), ('acw', NULL, 13, 15), "
                + "('away', 'lunch', 0, 15)) s(state, reason, f, t) "
                + "WHERE " + WORKING + " AND (i = 16) = (s.state = 'away')", ts(from), ts(to));
        exec(c, ctx, "handle_segments a" + a, "INSERT INTO handle_segments (contact, seq, agent, team, queue, channel, "
                + "direction, customer, answered_at, talk_end_at, acw_end_at, talk_ms, hold_ms, acw_ms, transferred, resolved, "
                + "acw_end) SELECT 'ac-' || a || '-' || floor(extract(epoch from b))::bigint, 1, " + agent + ", "
                + "'team' || (a / 25), 'q00', 'voice', 'inbound', NULL, b + interval '5 minutes', "
                + "b + interval '13 minutes', b + interval '14 minutes 59 seconds', 450000, 30000, 120000, false, true, "
                + "'wrapped' " + gen + "WHERE " + WORKING + " AND i <> 16", ts(from), ts(to));
    }

    /** Queue KPIs' sums, counts and wait percentiles per period (and queue, channel) from the facts. */
    static String queueRawSql(String visitPeriod, String segmentPeriod, boolean oneQueue) {
        String qv = oneQueue ? "queue = 'q00' AND " : "";
        return "WITH v AS (SELECT " + visitPeriod + " AS p, queue, channel, "
                + "count(*) FILTER (WHERE outcome = 'answered') AS answered, "
                + "count(*) FILTER (WHERE outcome = 'abandoned' AND wait_ms >= 5000) AS abandoned, "
                + "count(*) FILTER (WHERE outcome = 'abandoned' AND wait_ms < 5000) AS short_abandoned, "
                + "count(*) FILTER (WHERE outcome = 'flowed_out') AS flowed_out, "
                + "count(*) FILTER (WHERE outcome = 'blocked') AS blocked, "
                + "count(*) FILTER (WHERE outcome = 'answered' AND wait_ms <= 20000) AS answered_in_threshold, "
                + "count(*) FILTER (WHERE outcome = 'abandoned' AND wait_ms >= 5000 AND wait_ms <= 20000) AS abandoned_in_threshold, "
                + "sum(wait_ms) FILTER (WHERE outcome = 'answered') AS wait_answered_ms, "
                + "sum(wait_ms) FILTER (WHERE outcome = 'abandoned' AND wait_ms >= 5000) AS wait_abandoned_ms, "
                + "max(wait_ms) FILTER (WHERE outcome IN ('answered', 'abandoned')) AS max_wait_ms, "
                + "percentile_disc(0.5) WITHIN GROUP (ORDER BY wait_ms) FILTER (WHERE outcome IN ('answered', 'abandoned')) AS p50, "
                + "percentile_disc(0.9) WITHIN GROUP (ORDER BY wait_ms) FILTER (WHERE outcome IN ('answered', 'abandoned')) AS p90 "
                + "FROM queue_visits WHERE " + qv + "left_at >= ? AND left_at < ? GROUP BY 1, 2, 3), "
                + "s AS (SELECT " + segmentPeriod + " AS p, queue, channel, count(*) AS segments, sum(talk_ms) AS talk_ms, "
                + "sum(hold_ms) AS hold_ms, sum(acw_ms) AS acw_ms, count(*) FILTER (WHERE transferred) AS transferred, "
                + "count(*) FILTER (WHERE resolved IS NOT NULL) AS wrapped_with_flag, "
                + "count(*) FILTER (WHERE resolved) AS resolved_true, "
                + "count(*) FILTER (WHERE direction = 'outbound') AS outbound_segments "
                + "FROM handle_segments WHERE " + qv + "acw_end_at >= ? AND acw_end_at < ? GROUP BY 1, 2, 3) "
                + "SELECT * FROM v FULL JOIN s USING (p, queue, channel) ORDER BY 2, 3, 1";
    }

    static String queueRollupSql(String period, String filter) {
        return "SELECT " + period + " AS p, queue, channel, sum(answered), sum(abandoned), sum(short_abandoned), "
                + "sum(flowed_out), sum(blocked), sum(answered_in_threshold), sum(abandoned_in_threshold), "
                + "sum(wait_answered_ms), sum(wait_abandoned_ms), max(max_wait_ms), sum(segments), sum(talk_ms), "
                + "sum(hold_ms), sum(acw_ms), sum(transferred), sum(wrapped_with_flag), sum(resolved_true), "
                + "sum(outbound_segments), sum(first_responses), sum(inbound_contacts), sum(surveys), sum(csat_positive) "
                + "FROM rollup_queue WHERE " + filter + "bucket >= ? AND bucket < ? GROUP BY 1, 2, 3 ORDER BY 2, 3, 1";
    }

    static final String AGENT_ROLLUP_SQL = "SELECT date_trunc('day', bucket, 'UTC') AS p, agent, team, sum(available_ms), "
            + "sum(ringing_ms), sum(on_contact_ms), sum(acw_state_ms), sum(away_ms), sum(segments), sum(talk_ms), "
            + "sum(hold_ms), sum(acw_ms), sum(transferred), sum(resolved_true), sum(outbound_segments) FROM rollup_agent "
            + "WHERE agent = 'a001' AND bucket >= ? AND bucket < ? GROUP BY 1, 2, 3 ORDER BY 1";

    /** Agent KPIs' state times (cut to each day) and segment sums per day from the facts. */
    static final String AGENT_RAW_SQL = "WITH d AS (SELECT generate_series(?::timestamptz, "
            + "?::timestamptz - interval '1 day', interval '1 day') AS p), "
            + "st AS (SELECT d.p, s.state, s.reason, sum(extract(epoch from least(s.end_at, d.p + interval '1 day') "
            + "- greatest(s.start_at, d.p)) * 1000) AS ms FROM d JOIN agent_states s ON s.agent = 'a001' "
            + "AND s.start_at < d.p + interval '1 day' AND s.end_at > d.p "
            + "AND s.start_at >= ?::timestamptz - interval '1 day' AND s.start_at < ? GROUP BY 1, 2, 3), "
            + "stp AS (SELECT p, sum(ms) FILTER (WHERE state = 'available') AS available_ms, "
            + "sum(ms) FILTER (WHERE state = 'ringing') AS ringing_ms, sum(ms) FILTER (WHERE state = 'on_contact') AS on_contact_ms, "
            + "sum(ms) FILTER (WHERE state = 'acw') AS acw_state_ms, sum(ms) FILTER (WHERE state = 'away') AS away_ms, "
            + "jsonb_object_agg(coalesce(reason, ''), ms) FILTER (WHERE state = 'away') AS away_by_reason FROM st GROUP BY p), "
            + "sg AS (SELECT date_trunc('day', acw_end_at, 'UTC') AS p, count(*) AS segments, sum(talk_ms) AS talk_ms, "
            + "sum(hold_ms) AS hold_ms, sum(acw_ms) AS acw_ms, count(*) FILTER (WHERE transferred) AS transferred, "
            + "count(*) FILTER (WHERE resolved) AS resolved_true, count(*) FILTER (WHERE direction = 'outbound') AS outbound "
            + "FROM handle_segments WHERE agent = 'a001' AND acw_end_at >= ? AND acw_end_at < ? GROUP BY 1) "
            + "SELECT * FROM stp FULL JOIN sg USING (p) ORDER BY p";

    /**
     * Waits for the service's first FCR settle run (it settles, at start, every contact whose window has
     * closed; a service in production has done so long ago) and its first storing of day scores (the
     * 7-day backfill of scorecard_days): reports are measured in that steady state.
     */
    static String awaitFcrSettled(Load http, BenchContext ctx) throws Exception {
        long t0 = System.nanoTime();
        long deadline = t0 + TimeUnit.MINUTES.toNanos(15);
        while (System.nanoTime() < deadline) {
            HttpResponse<String> m = http.get("/metrics");
            Matcher runs = SETTLE_RUNS.matcher(m.body());
            Matcher days = SCORECARD_RUNS.matcher(m.body());
            Matcher daysFailed = SCORECARD_FAILURES.matcher(m.body());
            boolean scored = days.find() && Double.parseDouble(days.group(1)) >= 1 // the day scores' backfill at start
                    || daysFailed.find() && Double.parseDouble(daysFailed.group(1)) >= 1; // (or its failure: logged)
            if (runs.find() && Double.parseDouble(runs.group(1)) >= 1 && scored) {
                Matcher n = SETTLED.matcher(m.body());
                String settled = n.find() ? String.format("%,.0f", Double.parseDouble(n.group(1))) : "?";
                String note = String.format("; FCR settled by the service at start (and the day scores of the last"
                        + " 7 days stored): %s contacts in %.0f s before the runs", settled, (System.nanoTime() - t0) / 1e9);
                ctx.log.println("  " + note.substring(2));
                return note;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the service's first FCR settle run (or day-score backfill) did not finish"
                + " within 15 minutes");
    }

    private static final Pattern SETTLE_RUNS = Pattern.compile("(?m)^ccpulse_fcr_settle_runs_total(?:\\{[^}]*\\})? (\\S+)");
    private static final Pattern SCORECARD_RUNS = Pattern.compile(
            "(?m)^ccpulse_scorecard_store_runs_total(?:\\{[^}]*\\})? (\\S+)");
    private static final Pattern SCORECARD_FAILURES = Pattern.compile(
            "(?m)^ccpulse_scorecard_store_failures_total(?:\\{[^}]*\\})? (\\S+)");
    private static final Pattern SETTLED = Pattern.compile("(?m)^ccpulse_fcr_settled_contacts_total(?:\\{[^}]*\\})? (\\S+)");

}
