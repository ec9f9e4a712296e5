package io.ccpulse.store;

import io.ccpulse.config.Config;
import io.ccpulse.config.ConfigException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * Data retention (docs/HISTORY.md "Retention"): on a schedule ({@code retention.check_every}), drops
 * the hypertable chunks wholly older than each data set's retention ({@code drop_chunks(older_than =>
 * now - retention)}) and deletes the matching rows of the plain tables (event ids, late-event ids).
 * Zero keeps a data set forever. Chunks are dropped whole, so data is kept up to one chunk interval
 * (raw events 1 day, facts 7 days, roll-ups 30 days) longer than configured.
 */
public final class Retention implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("ccpulse.retention");

    /**
     * Restart recovery replays raw events from up to 3 days before the start of the previous local day
     * (see live.Recovery), that is up to about 5 days back: keep at least 6.
     */
    public static final Duration MIN_RAW = Duration.ofDays(6);

    static final List<String> RAW_HYPERTABLES = List.of("events");
    static final List<String> FACT_HYPERTABLES = List.of("queue_visits", "handle_segments", "agent_states", "surveys",
            "contacts");
    /** Tickets (one row per ticket, the ticket reports' only source) are kept as long as the roll-ups. */
    static final List<String> ROLLUP_HYPERTABLES = List.of("rollup_queue", "rollup_agent", "rollup_agent_away",
            "tickets");

    static final String DROP_CHUNKS = "SELECT count(*) FROM drop_chunks(?::regclass, older_than => ?::timestamptz)";
    static final String DELETE_EVENT_IDS = "DELETE FROM event_ids WHERE time < ?";
    static final String DELETE_LATE_EVENTS = "DELETE FROM late_events WHERE time < ?";
    /** Day scores (V12) go with the roll-ups they summarise: days that ended before the cutoff. */
    static final String DELETE_SCORECARD_DAYS = "DELETE FROM scorecard_days WHERE day < (?::timestamptz AT TIME ZONE 'UTC')::date - 1";

    /** What one run dropped: chunks per hypertable, rows of event_ids and late_events. */
    public record Run(Instant at, Map<String, Long> dropped) { }

    private final DataSource ds;
    private final Config.Retention config;
    private final Clock clock;
    private final Counter runs;
    private final Counter failures;
    private final MeterRegistry registry;
    private ScheduledExecutorService scheduler;

    public Retention(DataSource ds, Config.Retention config, MeterRegistry registry, Clock clock) {
        if (!config.rawEvents().isZero() && config.rawEvents().compareTo(MIN_RAW) < 0) {
            throw new ConfigException("retention.raw_events", "must be 0 (keep forever) or at least " + MIN_RAW.toDays()
                    + "d: restart recovery replays raw events of up to 5 days back");
        }
        if (config.interval().isZero()) {
            throw new ConfigException("retention.check_every", "must be more than 0");
        }
        this.ds = ds;
        this.config = config;
        this.clock = clock;
        this.registry = registry;
        this.runs = Counter.builder("ccpulse.retention.runs")
                .description("Retention runs completed (old chunks of raw events, facts and roll-ups dropped)")
                .register(registry);
        this.failures = Counter.builder("ccpulse.retention.failures")
                .description("Retention runs that failed (retried at the next check)").register(registry);
    }

    /** True when some data set has a retention (else nothing is ever scheduled). */
    public boolean enabled() {
        return !config.rawEvents().isZero() || !config.facts().isZero() || !config.rollups().isZero();
    }

    /** Runs now and then every {@code check_every}, on its own daemon thread; no-op when nothing expires. */
    public Retention start() {
        if (!enabled()) {
            LOG.log(System.Logger.Level.INFO, "retention: everything is kept forever (retention.* are 0)");
            return this;
        }
        scheduler = DaemonScheduler.named("ccpulse-retention");
        long every = config.interval().toMillis();
        scheduler.scheduleWithFixedDelay(this::runQuietly, 0, every, TimeUnit.MILLISECONDS);
        return this;
    }

    private void runQuietly() {
        try {
            run();
        } catch (SQLException | RuntimeException e) {
            failures.increment();
            LOG.log(System.Logger.Level.WARNING, "retention run failed (retried at the next check): " + e);
        }
    }

    /** One retention run at the clock's now. */
    public Run run() throws SQLException {
        Instant now = clock.instant();
        Map<String, Long> dropped = new LinkedHashMap<>();
        try (Connection c = ds.getConnection()) {
            try {
                if (!config.rawEvents().isZero()) {
                    Instant cutoff = now.minus(config.rawEvents());
                    drop(c, RAW_HYPERTABLES, cutoff, dropped);
                    dropped.put("event_ids", delete(c, DELETE_EVENT_IDS, cutoff));
                    dropped.put("late_events", delete(c, DELETE_LATE_EVENTS, cutoff));
                }
                if (!config.facts().isZero()) {
                    drop(c, FACT_HYPERTABLES, now.minus(config.facts()), dropped);
                }
                if (!config.rollups().isZero()) {
                    drop(c, ROLLUP_HYPERTABLES, now.minus(config.rollups()), dropped);
                    dropped.put("scorecard_days", delete(c, DELETE_SCORECARD_DAYS, now.minus(config.rollups())));
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
        runs.increment();
        dropped.forEach((what, n) -> {
            if (n > 0) {
                Counter.builder("ccpulse.retention.dropped").description("Chunks (hypertables) or rows (event_ids,"
                        + " late_events) removed by retention").tag("table", what).register(registry).increment(n);
            }
        });
        LOG.log(System.Logger.Level.INFO, "retention run: dropped " + dropped);
        return new Run(now, dropped);
    }

    private static void drop(Connection c, List<String> tables, Instant cutoff, Map<String, Long> dropped)
            throws SQLException {
        for (String t : tables) {
            try (PreparedStatement p = c.prepareStatement(DROP_CHUNKS)) {
                p.setString(1, t);
                p.setTimestamp(2, Timestamp.from(cutoff));
                try (ResultSet rs = p.executeQuery()) {
                    rs.next();
                    dropped.put(t, rs.getLong(1));
                }
            }
        }
    }

    private static long delete(Connection c, String sql, Instant cutoff) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            p.setTimestamp(1, Timestamp.from(cutoff));
            return p.executeUpdate();
        }
    }

    @Override
    public void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }
}
