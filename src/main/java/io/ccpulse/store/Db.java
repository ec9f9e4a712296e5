package io.ccpulse.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.ccpulse.config.Config;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/** The connection pool and the schema migrations. */
public final class Db implements AutoCloseable {

    private final HikariDataSource pool;

    public Db(Config.Database c) {
        HikariConfig h = new HikariConfig();
        h.setJdbcUrl(withDefaults(c.url()));
        h.setUsername(c.user());
        h.setPassword(c.password());
        h.setMaximumPoolSize(c.poolSize());
        h.setMinimumIdle(1);
        h.setPoolName("ccpulse");
        // Fail fast while the database is down, so that senders get a 503 quickly and retry.
        h.setConnectionTimeout(2_000);
        h.setValidationTimeout(1_000);
        h.setInitializationFailTimeout(-1);
        h.setAutoCommit(false);
        pool = new HikariDataSource(h);
    }

    /** Adds the driver options the writers rely on, unless the URL sets them. */
    static String withDefaults(String url) {
        StringBuilder b = new StringBuilder(url);
        char sep = url.contains("?") ? '&' : '?';
        for (String opt : new String[] {"reWriteBatchedInserts=true", "tcpKeepAlive=true", "connectTimeout=2",
                "socketTimeout=60", "ApplicationName=ccpulse"}) {
            String key = opt.substring(0, opt.indexOf('=') + 1);
            if (!url.contains(key)) {
                b.append(sep).append(opt);
                sep = '&';
            }
        }
        return b.toString();
    }

    public DataSource dataSource() {
        return pool;
    }

    public Connection connection() throws SQLException {
        return pool.getConnection();
    }

    /** Applies pending migrations (idempotent; safe with several instances thanks to Flyway's lock). */
    public MigrateResult migrate() {
        return Flyway.configure().dataSource(pool).locations("classpath:db/migration")
                .baselineOnMigrate(false).load().migrate();
    }

    /** True when a connection works and every migration known to this build is applied. */
    public boolean ready() {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("SELECT 1");
            c.rollback();
            return Flyway.configure().dataSource(pool).locations("classpath:db/migration").load()
                    .info().pending().length == 0;
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        pool.close();
    }

    /**
     * {@code DROP DATABASE name WITH (FORCE)} over a connection to {@code adminUrl}, tried up to 10 times half a
     * second apart: TimescaleDB's background scheduler of a database runs as the superuser, and right after it has
     * started, a drop by a user that may not end a superuser's process fails until it has stopped (benchmark and
     * test databases). Null when dropped, else the last error.
     */
    public static SQLException dropDatabase(String adminUrl, String user, String password, String name) {
        SQLException last = null;
        for (int attempt = 0; attempt < 10; attempt++) {
            if (attempt > 0) {
                try {
                    Thread.sleep(500);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return last;
                }
            }
            try (Connection c = DriverManager.getConnection(adminUrl, user, password);
                 Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                return null;
            } catch (SQLException e) {
                last = e;
            }
        }
        return last;
    }
}
