package io.ccpulse.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the numbers were measured on. */
final class MachineInfo {

    private MachineInfo() {
    }

    static final List<String> PG_SETTINGS = List.of("shared_buffers", "synchronous_commit", "fsync", "wal_level",
            "max_wal_size", "checkpoint_timeout", "wal_compression", "work_mem", "max_connections", "jit");

    static Map<String, String> describe(BenchDb db) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("CPU", cpuModel() + ", " + Runtime.getRuntime().availableProcessors() + " cores");
        m.put("RAM", memTotal());
        m.put("OS", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        m.put("Java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT version()")) {
                rs.next();
                String v = rs.getString(1);
                int comma = v.indexOf(',');
                m.put("PostgreSQL", comma > 0 ? v.substring(0, comma) : v);
            }
            try (ResultSet rs = s.executeQuery("SELECT extversion FROM pg_extension WHERE extname = 'timescaledb'")) {
                m.put("TimescaleDB", rs.next() ? rs.getString(1) : "not installed");
            }
            StringBuilder b = new StringBuilder();
            for (String name : PG_SETTINGS) {
                try (ResultSet rs = s.executeQuery("SHOW " + name)) {
                    rs.next();
                    b.append(b.length() == 0 ? "" : ", ").append(name).append('=').append(rs.getString(1));
                }
            }
            m.put("PostgreSQL settings", b.toString());
        } catch (SQLException e) {
            m.put("PostgreSQL", "unknown (" + e.getMessage() + ")");
        }
        m.put("Database server", db.server.hostPort() + (db.postmasterPid() > 0 ? ", on this machine" : ""));
        m.put("Load average before the run", loadAverage());
        return m;
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return f[0] + " / " + f[1] + " / " + f[2] + " (1 / 5 / 15 min)";
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException e) {
            // fall through
        }
        return System.getProperty("os.arch");
    }

    private static String memTotal() {
        long kb = -1;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // unknown
        }
        return kb < 0 ? "unknown" : String.format("%.1f GiB", kb / 1024.0 / 1024.0);
    }
}
