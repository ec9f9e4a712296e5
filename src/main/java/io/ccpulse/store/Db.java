package io.ccpulse.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.ccpulse.config.Config;
import java.sql.Connection;
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
}
