package io.ccpulse.bench;

import io.ccpulse.config.Config;
import io.ccpulse.store.Db;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * A fresh database with TimescaleDB in an existing cluster (the project's own, started by
 * {@code scripts/db.sh start}), migrated like the service migrates it, dropped at the end.
 */
final class BenchDb implements AutoCloseable {

    /** Where the cluster is and who may create databases in it. */
    record Server(String hostPort, String user, String password, String adminDb) {
        String url(String db) {
            return "jdbc:postgresql://" + hostPort + "/" + db;
        }

        Connection admin() throws SQLException {
            return DriverManager.getConnection(url(adminDb), user, password);
        }
    }

    final Server server;
    final String name;

    private BenchDb(Server server, String name) {
        this.server = server;
        this.name = name;
    }

    /** Creates the database, the extension and the service's schema (Flyway migrations). */
    static BenchDb create(Server server, String purpose) throws SQLException {
        String name = "ccpulse_bench_" + purpose + "_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 8).toLowerCase(Locale.ROOT);
        try (Connection c = server.admin(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        BenchDb db = new BenchDb(server, name);
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE EXTENSION IF NOT EXISTS timescaledb");
        }
        try (Db pool = new Db(new Config.Database(db.url(), server.user(), server.password(), 2))) {
            pool.migrate();
        }
        return db;
    }

    String url() {
        return server.url(name);
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), server.user(), server.password());
    }

    long count(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    boolean tableExists(String table) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT to_regclass('" + table.replace("'", "''") + "') IS NOT NULL")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    /** The postmaster's pid when the server runs on this machine (found through a backend's parent), else 0. */
    long postmasterPid() {
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            long backend = rs.getLong(1);
            return Cpu.parent(backend);
        } catch (SQLException | RuntimeException e) {
            return 0;
        }
    }

    @Override
    public void close() {
        SQLException last = Db.dropDatabase(server.url(server.adminDb()), server.user(), server.password(), name);
        if (last != null) {
            System.err.println("bench: could not drop database " + name + ": " + last.getMessage());
        }
    }
}
