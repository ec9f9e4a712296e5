package io.ccpulse.store;

import io.ccpulse.domain.settings.QueueSettings;
import io.ccpulse.domain.settings.Settings;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Settles first-contact resolution (docs/HISTORY.md "FCR: settled once the window has closed"): an
 * eligible contact whose window ended at or before the <em>horizon</em> (a time up to which every
 * repeat contact that started is stored) gets its final status on its contacts row and its resolved
 * and closed counts in the roll-ups, so that reports read them like any other sum and compute only
 * the contacts not settled yet from the facts. Runs on its own daemon thread, at start and then on a
 * schedule; each one-day slice of contacts is one transaction holding the roll-up lock shared (a
 * rebuild, which holds it exclusively, settles its own range again).
 */
public final class FcrSettler implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("ccpulse.fcr");

    /** What one run did. */
    public record Run(Instant horizon, long settled, long resolved, int slices) { }

    private final DataSource ds;
    private final Settings settings;
    private final Counter runs;
    private final Counter failures;
    private final Counter settled;
    private ScheduledExecutorService scheduler;

    public FcrSettler(DataSource ds, Settings settings, MeterRegistry registry) {
        this.ds = ds;
        this.settings = settings;
        this.runs = Counter.builder("ccpulse.fcr.settle.runs")
                .description("FCR settle runs completed (contacts whose window has closed settled into the roll-ups)")
                .register(registry);
        this.failures = Counter.builder("ccpulse.fcr.settle.failures")
                .description("FCR settle runs that failed (retried at the next run)").register(registry);
        this.settled = Counter.builder("ccpulse.fcr.settled.contacts")
                .description("Contacts whose FCR status was settled").register(registry);
    }

    /** Runs now and then every {@code every}, each time up to the horizon {@code horizon} gives (null: skip). */
    public FcrSettler start(Supplier<Instant> horizon, Duration every) {
        scheduler = DaemonScheduler.named("ccpulse-fcr-settle");
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                Instant h = horizon.get();
                if (h != null) {
                    settle(h);
                }
            } catch (SQLException | RuntimeException e) {
                failures.increment();
                LOG.log(System.Logger.Level.WARNING, "FCR settle run failed (retried at the next run): " + e);
            }
        }, 0, every.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /**
     * Settles every eligible contact whose window (current settings) ended at or before {@code horizon},
     * oldest first, one day of contacts per transaction; then stores the horizon (it only moves forward).
     */
    public Run settle(Instant horizon) throws SQLException {
        Instant limit = horizon.minus(shortestWindow(settings));
        Instant oldest;
        try (Connection c = ds.getConnection(); PreparedStatement p = c.prepareStatement(ReportSql.FCR_OLDEST_UNSETTLED)) {
            p.setTimestamp(1, Timestamp.from(limit));
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                Timestamp t = rs.getTimestamp(1);
                oldest = t == null ? null : t.toInstant();
            }
            c.rollback();
        }
        long n = 0;
        long resolved = 0;
        int slices = 0;
        if (oldest != null) {
            Instant end = limit.plusMillis(1); // ended_at <= limit
            for (Instant s = oldest; s.isBefore(end); ) {
                Instant e = s.plus(Duration.ofDays(1));
                if (e.isAfter(end)) {
                    e = end;
                }
                try (Connection c = ds.getConnection()) {
                    try {
                        try (Statement st = c.createStatement()) {
                            st.execute(FactSql.LOCK_SHARED);
                        }
                        long[] r = settleRange(c, settings, s, e, horizon);
                        c.commit();
                        n += r[0];
                        resolved += r[1];
                    } catch (SQLException | RuntimeException ex) {
                        c.rollback();
                        throw ex;
                    }
                }
                slices++;
                s = e;
            }
        }
        try (Connection c = ds.getConnection(); PreparedStatement p = c.prepareStatement(ReportSql.FCR_ADVANCE)) {
            p.setTimestamp(1, Timestamp.from(horizon));
            p.executeUpdate();
            c.commit();
        }
        runs.increment();
        settled.increment(n);
        if (n > 0) {
            LOG.log(System.Logger.Level.INFO, "FCR settled " + n + " contacts (" + resolved + " resolved) up to "
                    + horizon + " in " + slices + " slices");
        }
        return new Run(horizon, n, resolved, slices);
    }

    /**
     * Settles the eligible contacts that ended in [from, to) with their window ended at or before
     * {@code horizon}, in the caller's transaction. Returns {settled, of which resolved}.
     */
    static long[] settleRange(Connection c, Settings settings, Instant from, Instant to, Instant horizon)
            throws SQLException {
        try (PreparedStatement p = c.prepareStatement(ReportSql.FCR_SETTLE)) {
            int i = ReportStore.bindFcrSettings(c, p, 1, settings);
            p.setTimestamp(i++, Timestamp.from(from));
            p.setTimestamp(i++, Timestamp.from(to));
            p.setTimestamp(i++, Timestamp.from(horizon));
            p.setLong(i++, shortestWindow(settings).toMillis());
            p.setTimestamp(i++, Timestamp.from(from));
            p.setTimestamp(i, Timestamp.from(to));
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2)};
            }
        }
    }

    /** The stored horizon, or null before the first run. */
    static Instant storedHorizon(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(ReportSql.FCR_HORIZON)) {
            return rs.next() ? rs.getTimestamp(1).toInstant() : null;
        }
    }

    /**
     * A rebuild of [from, to) (whose roll-ups it has just deleted, in the caller's transaction): the
     * contacts of the range are settled again with {@code settings}, up to the stored horizon (those
     * whose window now ends after it are left to the reports and the next settle run).
     */
    static long[] resettleRange(Connection c, Settings settings, Instant from, Instant to) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(ReportSql.FCR_UNSETTLE)) {
            p.setTimestamp(1, Timestamp.from(from));
            p.setTimestamp(2, Timestamp.from(to));
            p.executeUpdate();
        }
        Instant horizon = storedHorizon(c);
        return horizon == null ? new long[2] : settleRange(c, settings, from, to, horizon);
    }

    static Duration shortestWindow(Settings settings) {
        Duration min = settings.defaults().fcrWindow();
        for (QueueSettings q : settings.queues().values()) {
            if (q.fcrWindow().compareTo(min) < 0) {
                min = q.fcrWindow();
            }
        }
        return min;
    }

    @Override
    public void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }
}
