package io.ccpulse.app;

import io.ccpulse.api.ReportApi;
import io.ccpulse.config.Config;
import io.ccpulse.store.DaemonScheduler;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.json.JsonArray;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * Stores the day scores of every agent and team in {@code scorecard_days} (V12), computed by the
 * scorecards report itself ({@link ReportApi#scorecardDays}), so that Grafana can chart and rank
 * them with SQL. Runs at start for the last {@code reports.scorecard_days_backfill} days and then
 * every {@code reports.scorecard_days_every} for yesterday and today (yesterday again because facts
 * of the late evening become final after midnight). Each run replaces the days it computed in one
 * transaction, so a reader never sees a day half written.
 */
public final class ScorecardDays implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("ccpulse.scorecards");

    static final String DELETE = "DELETE FROM scorecard_days WHERE day >= ? AND day < ?";
    static final String INSERT = "INSERT INTO scorecard_days (day, team, agent, scorecard, score, coverage, rank, items,"
            + " computed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)";

    private final DataSource ds;
    private final ReportApi reports;
    private final Config.Reports config;
    private final ZoneId zone;
    private final Clock clock;
    private final Counter runs;
    private final Counter failures;
    private ScheduledExecutorService scheduler;

    public ScorecardDays(DataSource ds, ReportApi reports, Config.Reports config, ZoneId zone, Clock clock,
            MeterRegistry registry) {
        this.ds = ds;
        this.reports = reports;
        this.config = config;
        this.zone = zone;
        this.clock = clock;
        this.runs = Counter.builder("ccpulse.scorecard.store.runs")
                .description("Runs that stored the day scores of agents and teams (table scorecard_days)").register(registry);
        this.failures = Counter.builder("ccpulse.scorecard.store.failures")
                .description("Runs storing day scores that failed (retried at the next run)").register(registry);
    }

    /** Backfills now, then keeps yesterday and today current; no-op when the interval is zero. */
    public ScorecardDays start() {
        if (config.scorecardDaysEvery().isZero()) {
            return this;
        }
        scheduler = DaemonScheduler.named("ccpulse-scorecard-days");
        long backfillDays = Math.max(1, config.scorecardBackfill().toDays());
        scheduler.execute(() -> runQuietly(backfillDays));
        long every = config.scorecardDaysEvery().toMillis();
        scheduler.scheduleWithFixedDelay(() -> runQuietly(1), every, every, TimeUnit.MILLISECONDS);
        return this;
    }

    private void runQuietly(long daysBack) {
        try {
            LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
            store(today.minusDays(daysBack), today.plusDays(1));
        } catch (Exception e) {
            failures.increment();
            LOG.log(System.Logger.Level.WARNING, "storing day scores failed (retried at the next run): " + e);
        }
    }

    /** Computes and stores the local days [from, to); returns the rows written. */
    public int store(LocalDate from, LocalDate to) throws Exception {
        // day by day, so that each stored day is exactly what the API answers for that one day (an agent's
        // team, for instance, comes from the range asked for)
        Map<LocalDate, List<Map<String, Object>>> byDay = new java.util.TreeMap<>();
        for (LocalDate d = from; d.isBefore(to); d = d.plusDays(1)) {
            byDay.put(d, reports.scorecardDays(d, d.plusDays(1)));
        }
        Timestamp now = Timestamp.from(clock.instant());
        int written = 0;
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement del = c.prepareStatement(DELETE); PreparedStatement ins = c.prepareStatement(INSERT)) {
                del.setObject(1, from);
                del.setObject(2, to);
                del.executeUpdate();
                for (Map.Entry<LocalDate, List<Map<String, Object>>> day : byDay.entrySet()) {
                    for (Map<String, Object> r : day.getValue()) {
                        addRow(ins, day.getKey(), r, now);
                        written++;
                    }
                }
                ins.executeBatch();
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
        runs.increment();
        return written;
    }

    /** One scorecards report row (team or agent) of a day into the batch. */
    private static void addRow(PreparedStatement ins, LocalDate day, Map<String, Object> r, Timestamp now)
            throws SQLException {
        ins.setObject(1, day);
        ins.setString(2, r.get("team") == null ? "" : (String) r.get("team"));
        ins.setString(3, r.get("agent") == null ? "" : (String) r.get("agent"));
        ins.setString(4, (String) r.get("scorecard"));
        setDouble(ins, 5, r.get("score"));
        setDouble(ins, 6, r.get("coverage"));
        if (r.get("rank") == null) {
            ins.setNull(7, Types.INTEGER);
        } else {
            ins.setInt(7, ((Number) r.get("rank")).intValue());
        }
        ins.setString(8, new JsonArray((List<?>) r.get("items")).encode());
        ins.setTimestamp(9, now);
        ins.addBatch();
    }

    private static void setDouble(PreparedStatement ps, int i, Object v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.DOUBLE);
        } else {
            ps.setDouble(i, ((Number) v).doubleValue());
        }
    }

    @Override
    public void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }
}
