package io.ccpulse.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * A throwaway database (with TimescaleDB) in the project's local cluster, started by
 * {@code scripts/db.sh start}. Each test class gets its own, dropped afterwards.
 * Override the server with CCPULSE_TEST_PG (host:port), user/password with CCPULSE_TEST_PG_USER / _PASSWORD.
 */
public final class TestDb implements AutoCloseable {

    public static final String HOST_PORT = env("CCPULSE_TEST_PG", "127.0.0.1:55432");
    public static final String USER = env("CCPULSE_TEST_PG_USER", "ccpulse");
    public static final String PASSWORD = env("CCPULSE_TEST_PG_PASSWORD", "ccpulse");

    private final String name;
    private final String hostPort;

    private TestDb(String hostPort, String name) {
        this.hostPort = hostPort;
        this.name = name;
    }

    public static TestDb create() {
        return create(HOST_PORT);
    }

    public static TestDb create(String hostPort) {
        String name = "ccpulse_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)
                .toLowerCase(Locale.ROOT);
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + hostPort + "/ccpulse", USER, PASSWORD);
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a test database on " + hostPort
                    + " (is it running? scripts/db.sh start): " + e.getMessage(), e);
        }
        TestDb db = new TestDb(hostPort, name);
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE EXTENSION IF NOT EXISTS timescaledb");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return db;
    }

    private static String env(String k, String def) {
        String v = System.getenv(k);
        return v == null || v.isEmpty() ? def : v;
    }

    public String url() {
        return "jdbc:postgresql://" + hostPort + "/" + name;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), USER, PASSWORD);
    }

    /** Environment for {@code Config.load} pointing the service at this database. */
    public Map<String, String> serviceEnv() {
        Map<String, String> env = new HashMap<>();
        env.put("CCPULSE_DB_URL", url());
        env.put("CCPULSE_DB_USER", USER);
        env.put("CCPULSE_DB_PASSWORD", PASSWORD);
        env.put("CCPULSE_HTTP_PORT", "0");
        env.put("CCPULSE_HTTP_HOST", "127.0.0.1");
        env.put("CCPULSE_INGEST_TOKENS", "test:test-token,second:second-token");
        return env;
    }

    /** Runs a query and returns the first column of every row as text. */
    public List<String> column(String sql) {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    public long count(String sql) {
        return Long.parseLong(column(sql).get(0));
    }

    /** Drops the database (best effort: a leftover test database is harmless; see Db.dropDatabase). */
    @Override
    public void close() {
        io.ccpulse.store.Db.dropDatabase("jdbc:postgresql://" + hostPort + "/ccpulse", USER, PASSWORD, name);
    }
}
