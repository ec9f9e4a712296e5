package io.ccpulse.store;

import io.ccpulse.domain.settings.Settings;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * Recomputes the roll-ups of a range from the stored facts with the given (current) settings: the
 * way a settings change (a new service-level threshold, short-abandon threshold, CSAT minimum or FRT
 * target) is applied to history. Works in slices of one day, each its own transaction holding the
 * roll-up lock exclusively (fact writes wait for it, so none is lost or counted twice). The settled
 * FCR counts of the range are settled again with these settings, up to the stored settle horizon.
 */
public final class RollupRebuild {

    private static final long BUCKET_MS = 15 * 60 * 1000L;

    /** What a rebuild did. */
    public record Result(Instant from, Instant to, int slices, long queueRows, long agentRows, long millis) { }

    private final DataSource ds;
    private final Settings settings;

    public RollupRebuild(DataSource ds, Settings settings) {
        this.ds = ds;
        this.settings = settings;
    }

    /**
     * Rebuilds [from, to), both rounded outward to 15-minute buckets.
     *
     * @param progress told after each slice (may be null)
     */
    public Result rebuild(Instant from, Instant to, Consumer<String> progress) throws SQLException {
        long start = System.currentTimeMillis();
        Instant f = Instant.ofEpochMilli(Math.floorDiv(from.toEpochMilli(), BUCKET_MS) * BUCKET_MS);
        Instant t = Instant.ofEpochMilli(-Math.floorDiv(-to.toEpochMilli(), BUCKET_MS) * BUCKET_MS);
        if (!f.isBefore(t)) {
            throw new IllegalArgumentException("from must be before to");
        }
        int slices = 0;
        long queueRows = 0;
        long agentRows = 0;
        for (Instant s = f; s.isBefore(t); ) {
            Instant e = s.plus(Duration.ofDays(1));
            if (e.isAfter(t)) {
                e = t;
            }
            long[] rows = slice(s, e);
            queueRows += rows[0];
            agentRows += rows[1];
            slices++;
            if (progress != null) {
                progress.accept("rebuilt " + s + " .. " + e + ": " + rows[0] + " queue rows, " + rows[1]
                        + " agent rows");
            }
            s = e;
        }
        return new Result(f, t, slices, queueRows, agentRows, System.currentTimeMillis() - start);
    }

    private long[] slice(Instant from, Instant to) throws SQLException {
        Timestamp f = Timestamp.from(from);
        Timestamp t = Timestamp.from(to);
        try (Connection c = ds.getConnection()) {
            try {
                try (Statement s = c.createStatement()) {
                    s.execute(FactSql.LOCK_EXCLUSIVE);
                }
                for (String sql : FactSql.DELETE_RANGE) {
                    try (PreparedStatement p = c.prepareStatement(sql)) {
                        p.setTimestamp(1, f);
                        p.setTimestamp(2, t);
                        p.executeUpdate();
                    }
                }
                List<String> queues = new ArrayList<>();
                try (PreparedStatement p = c.prepareStatement(FactSql.RANGE_QUEUES)) {
                    for (int i = 0; i < 4; i++) {
                        p.setTimestamp(2 * i + 1, f);
                        p.setTimestamp(2 * i + 2, t);
                    }
                    try (ResultSet rs = p.executeQuery()) {
                        while (rs.next()) {
                            queues.add(rs.getString(1));
                        }
                    }
                }
                withSettings(c, FactSql.REBUILD_VISITS, queues, f, t);
                try (PreparedStatement p = c.prepareStatement(FactSql.REBUILD_SEGMENTS)) {
                    p.setTimestamp(1, f);
                    p.setTimestamp(2, t);
                    p.executeUpdate();
                }
                try (PreparedStatement p = c.prepareStatement(FactSql.REBUILD_STATES)) {
                    p.setTimestamp(1, t);
                    p.setTimestamp(2, f);
                    p.setTimestamp(3, f);
                    p.setTimestamp(4, t);
                    p.executeUpdate();
                }
                withSettings(c, FactSql.REBUILD_SURVEYS, queues, f, t);
                withSettings(c, FactSql.REBUILD_CONTACTS, queues, f, t);
                FcrSettler.resettleRange(c, settings, from, to); // settled FCR counts, with these settings
                long[] rows = new long[2];
                try (PreparedStatement p = c.prepareStatement(FactSql.COUNT_RANGE)) {
                    p.setTimestamp(1, f);
                    p.setTimestamp(2, t);
                    p.setTimestamp(3, f);
                    p.setTimestamp(4, t);
                    try (ResultSet rs = p.executeQuery()) {
                        rs.next();
                        rows[0] = rs.getLong(1);
                        rows[1] = rs.getLong(2);
                    }
                }
                c.commit();
                return rows;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private void withSettings(Connection c, String sql, List<String> queues, Timestamp f, Timestamp t)
            throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            int i = RollupSettings.bind(c, p, 1, settings, queues);
            p.setTimestamp(i++, f);
            p.setTimestamp(i, t);
            p.executeUpdate();
        }
    }
}
