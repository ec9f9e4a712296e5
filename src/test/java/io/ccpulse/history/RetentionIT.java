package io.ccpulse.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ccpulse.config.Config;
import io.ccpulse.config.ConfigException;
import io.ccpulse.domain.event.EventType;
import io.ccpulse.domain.fact.Fact;
import io.ccpulse.store.Db;
import io.ccpulse.store.FactWriter;
import io.ccpulse.support.Examples;
import io.ccpulse.support.FactGen;
import io.ccpulse.support.RunningService;
import io.ccpulse.support.TestDb;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("integration")
class RetentionIT {

    static Path yaml(TestDb db, String retention) throws Exception {
        Path p = Files.createTempFile("ccpulse-retention", ".yml");
        Files.writeString(p, retention + "\n");
        return p;
    }

    static void insertEvent(Connection c, String id, Instant t) throws Exception {
        JsonObject e = Examples.of(EventType.AGENT_STATUS, id).put("time", t.toString());
        try (PreparedStatement p = c.prepareStatement("INSERT INTO events (id, type, time, source, payload)"
                + " VALUES (?, 'agent.status', ?, 'test', ?::jsonb)");
             PreparedStatement q = c.prepareStatement("INSERT INTO event_ids (id, time) VALUES (?, ?)")) {
            p.setString(1, id);
            p.setTimestamp(2, java.sql.Timestamp.from(t));
            p.setString(3, e.encode());
            p.executeUpdate();
            q.setString(1, id);
            q.setTimestamp(2, java.sql.Timestamp.from(t));
            q.executeUpdate();
        }
    }

    @Test
    @DisplayName("The service drops chunks older than each retention on its schedule, keeps the rest, and counts the runs")
    void dropsOldChunks() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.HOURS);
        try (TestDb tdb = TestDb.create()) {
            Config.Database dbc = new Config.Database(tdb.url(), TestDb.USER, TestDb.PASSWORD, 2);
            try (Db db = new Db(dbc)) {
                db.migrate();
                FactWriter w = new FactWriter(db.dataSource(), new SimpleMeterRegistry(),
                        io.ccpulse.domain.settings.Settings.DEFAULTS);
                List<Fact> facts = new ArrayList<>();
                for (int days : new int[] {200, 60, 20, 1}) {
                    Instant from = now.minus(Duration.ofDays(days));
                    facts.addAll(new FactGen(days).generate(from, from.plus(Duration.ofHours(6)), 50).facts());
                    // a ticket created that day (tickets go with the roll-ups: 100 days)
                    facts.add(new io.ccpulse.domain.fact.TicketFact("T" + days, 1, from, "q", null, null, null, from,
                            from.plusSeconds(3600), from.plusSeconds(7200), null, null, null, null, 0, null, null, null,
                            null, 0, 0, null, null, null, null, null, null));
                }
                long t0 = System.nanoTime();
                w.write(facts);
                System.out.println("wrote " + facts.size() + " facts in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
                w.close();
                try (Connection c = tdb.connect()) {
                    insertEvent(c, "old-1", now.minus(Duration.ofDays(30)));
                    insertEvent(c, "old-2", now.minus(Duration.ofDays(12)));
                    insertEvent(c, "new-1", now.minus(Duration.ofDays(3)));
                    // day scores (V12) of 200 and 60 days ago: they go with the roll-ups (100 days)
                    try (Statement st = c.createStatement()) {
                        for (int days : new int[] {200, 60}) {
                            st.execute("INSERT INTO scorecard_days (day, team, agent, scorecard, score, coverage, rank,"
                                    + " items, computed_at) VALUES ('" + LocalDate.ofInstant(now.minus(Duration.ofDays(days)),
                                    ZoneOffset.UTC) + "', 't', 'a', 'customer_service', 0.9, 1, 1, '[]', now())");
                        }
                    }
                }
            }
            long visitsBefore = tdb.count("SELECT count(*) FROM queue_visits");
            Path file = yaml(tdb, "retention: {raw_events: 10d, facts: 40d, rollups: 100d, check_every: 1s}");
            Config config = Config.load(file, tdb.serviceEnv());
            try (RunningService svc = RunningService.start(config)) {
                long deadline = System.currentTimeMillis() + 20_000;
                while (!(svc.metric("ccpulse_retention_runs_total") >= 2) && System.currentTimeMillis() < deadline) {
                    Thread.sleep(100);
                }
                assertTrue(svc.metric("ccpulse_retention_runs_total") >= 2, "two runs in 20 s with check_every 1s");
                assertTrue(svc.metric("ccpulse_retention_dropped_total{table=\"queue_visits\"}") >= 1);
                assertTrue(svc.metric("ccpulse_retention_dropped_total{table=\"event_ids\"}") >= 2);
            }
            Instant cutFacts = now.minus(Duration.ofDays(40));
            assertEquals(0, tdb.count("SELECT count(*) FROM queue_visits WHERE left_at < '" + cutFacts.minus(
                    Duration.ofDays(7)) + "'"), "facts older than retention + one chunk are gone");
            assertTrue(tdb.count("SELECT count(*) FROM queue_visits WHERE left_at > '" + cutFacts + "'") > 0);
            assertTrue(tdb.count("SELECT count(*) FROM queue_visits") < visitsBefore);
            for (String t : List.of("handle_segments", "surveys", "contacts")) {
                assertEquals(0, tdb.count("SELECT count(*) FROM " + t + " WHERE " + (t.equals("handle_segments")
                        ? "acw_end_at" : t.equals("surveys") ? "time" : "ended_at") + " < '" + cutFacts.minus(
                        Duration.ofDays(7)) + "'"), t);
            }
            assertEquals(0, tdb.count("SELECT count(*) FROM agent_states WHERE start_at < '"
                    + cutFacts.minus(Duration.ofDays(7)) + "'"));
            Instant cutRollups = now.minus(Duration.ofDays(100));
            assertEquals(0, tdb.count("SELECT count(*) FROM rollup_queue WHERE bucket < '"
                    + cutRollups.minus(Duration.ofDays(30)) + "'"), "roll-ups of 200 days ago are gone");
            assertTrue(tdb.count("SELECT count(*) FROM rollup_queue WHERE bucket < '" + cutFacts + "'") > 0,
                    "roll-ups outlive the facts they came from (60 days ago)");
            assertEquals(List.of("T1", "T20", "T60"), tdb.column("SELECT ticket FROM tickets ORDER BY ticket"),
                    "the ticket of 200 days ago is gone with the roll-ups, the others kept");
            assertEquals(List.of(LocalDate.ofInstant(now.minus(Duration.ofDays(60)), ZoneOffset.UTC).toString()),
                    tdb.column("SELECT day::text FROM scorecard_days WHERE agent = 'a'"),
                    "the day scores of 200 days ago are gone, those of 60 days ago kept");
            assertEquals(List.of("new-1"), tdb.column("SELECT id FROM events ORDER BY id"),
                    "raw events of 30 and 12 days ago are gone (their 1-day chunks are wholly older than 10 days)");
            assertEquals(List.of("new-1"), tdb.column("SELECT id FROM event_ids ORDER BY id"));
        }
    }

    @Test
    @DisplayName("A raw-event retention shorter than restart recovery needs is refused at start")
    void rawRetentionTooShort() throws Exception {
        try (TestDb tdb = TestDb.create()) {
            Path file = yaml(tdb, "retention: {raw_events: 1d}");
            Config config = Config.load(file, tdb.serviceEnv());
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> RunningService.start(config));
            assertTrue(e.getCause() instanceof ConfigException, String.valueOf(e.getCause()));
            assertTrue(e.getCause().getMessage().contains("retention.raw_events"), e.getCause().getMessage());
        }
    }
}
