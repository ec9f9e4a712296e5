package io.ccpulse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ccpulse.support.TestDb;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The command line as an operator meets it: the real {@code ccpulse} main class in a child JVM (exit codes are
 * {@code System.exit}), against the real database.
 */
@Tag("integration")
class CommandLineIT {

    record Run(int exit, String out, String err) { }

    static Run ccpulse(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().keySet().removeIf(k -> k.startsWith("CCPULSE_"));
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "ccpulse " + String.join(" ", args) + " did not end");
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    static Map<String, String> databaseOnly(TestDb db, String password) {
        Map<String, String> env = new HashMap<>();
        env.put("CCPULSE_DB_URL", db.url());
        env.put("CCPULSE_DB_USER", TestDb.USER);
        env.put("CCPULSE_DB_PASSWORD", password);
        return env;
    }

    @Test
    @DisplayName("migrate needs only the database settings, migrates once, and a second run changes nothing")
    void migrateWithDatabaseSettingsOnly() throws Exception {
        try (TestDb db = TestDb.create()) {
            Run first = ccpulse(databaseOnly(db, TestDb.PASSWORD), "migrate");
            assertEquals(0, first.exit(), first.err());
            String applied = db.column("SELECT count(*) FROM flyway_schema_history WHERE success").get(0);
            assertTrue(Long.parseLong(applied) > 0, "migrations recorded: " + applied);
            assertTrue(first.out().contains("migrations applied: " + applied), first.out());
            assertEquals(1, db.count("SELECT count(*) FROM timescaledb_information.hypertables "
                    + "WHERE hypertable_name = 'events'"));
            Run again = ccpulse(databaseOnly(db, TestDb.PASSWORD), "migrate");
            assertEquals(0, again.exit(), again.err());
            assertTrue(again.out().contains("migrations applied: 0, schema version unchanged"), again.out());
        }
    }

    @Test
    @DisplayName("A database that refuses the login is reported in one line with the server's reason, exit 1")
    void wrongPassword() throws Exception {
        try (TestDb db = TestDb.create()) {
            Run r = ccpulse(databaseOnly(db, "not-the-password"), "migrate");
            assertEquals(1, r.exit(), r.out() + r.err());
            assertTrue(r.err().contains("database error: ") && r.err().contains("password authentication failed"),
                    r.err());
            assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
            assertEquals(0, db.count("SELECT count(*) FROM pg_tables WHERE tablename = 'events'"));
        }
    }

    @Test
    @DisplayName("serve without an ingest token stops at once naming the setting, exit 2")
    void serveNeedsAToken() throws Exception {
        try (TestDb db = TestDb.create()) {
            Run r = ccpulse(databaseOnly(db, TestDb.PASSWORD), "serve");
            assertEquals(2, r.exit(), r.out() + r.err());
            assertTrue(r.err().contains("auth.ingest_tokens") && r.err().contains("CCPULSE_INGEST_TOKENS"), r.err());
            // refused before touching the database
            assertEquals(0, db.count("SELECT count(*) FROM pg_tables WHERE tablename = 'events'"));
        }
    }

    @Test
    @DisplayName("Every command and subcommand answers --help with its usage")
    void help() throws Exception {
        for (String[] args : List.of(new String[] {"--help"}, new String[] {"serve", "--help"},
                new String[] {"migrate", "--help"}, new String[] {"rollups", "--help"},
                new String[] {"rollups", "rebuild", "--help"}, new String[] {"simulate", "--help"},
                new String[] {"bench", "--help"})) {
            Run r = ccpulse(Map.of(), args);
            String name = String.join(" ", args).replace("--help", "").trim();
            assertEquals(0, r.exit(), name + ": " + r.err());
            assertTrue(r.out().startsWith("Usage: ccpulse" + (name.isEmpty() ? "" : " " + name)), r.out());
        }
    }
}
