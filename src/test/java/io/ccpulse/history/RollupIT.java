package io.ccpulse.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ccpulse.config.Config;
import io.ccpulse.domain.event.Channel;
import io.ccpulse.domain.event.Direction;
import io.ccpulse.domain.fact.AgentState;
import io.ccpulse.domain.fact.AgentStateSpan;
import io.ccpulse.domain.fact.Fact;
import io.ccpulse.domain.fact.QueueVisit;
import io.ccpulse.domain.fact.VisitOutcome;
import io.ccpulse.domain.settings.Settings;
import io.ccpulse.store.Db;
import io.ccpulse.store.FactWriter;
import io.ccpulse.store.RollupRebuild;
import io.ccpulse.support.FactGen;
import io.ccpulse.support.Reference;
import io.ccpulse.support.Rollups;
import io.ccpulse.support.TestDb;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("integration")
class RollupIT {

    static final Instant FROM = Instant.parse("2026-03-27T00:00:00Z");
    static final Instant TO = Instant.parse("2026-03-30T00:00:00Z");
    /** The buckets the reference covers: every fact of the generator falls in here. */
    static final List<Instant> BUCKETS = Rollups.buckets(FROM.minusSeconds(3600), TO.plusSeconds(86_400));
    static final Instant END = TO.plusSeconds(86_400);

    TestDb tdb;
    Db db;
    FactWriter writer;
    Settings settings = Rollups.settings(ZoneId.of("Europe/Berlin"));

    @BeforeEach
    void start() {
        tdb = TestDb.create();
        db = new Db(new Config.Database(tdb.url(), TestDb.USER, TestDb.PASSWORD, 4));
        db.migrate();
        writer = new FactWriter(db.dataSource(), new SimpleMeterRegistry(), settings);
    }

    @AfterEach
    void stop() {
        writer.close();
        db.close();
        tdb.close();
    }

    private void assertRollupsMatch(List<Fact> facts, Settings s) throws Exception {
        Reference ref = new Reference(BUCKETS, END, facts, s);
        try (Connection c = tdb.connect()) {
            assertEquals(Rollups.expectedQueues(ref, BUCKETS), Rollups.queueRows(c), "rollup_queue");
            assertEquals(Rollups.expectedAgents(ref, BUCKETS), Rollups.agentRows(c), "rollup_agent (+ away)");
        }
    }

    /** Writes the facts shuffled, in random batches, a fifth of them twice (same or another batch). */
    private void writeMessy(List<Fact> facts, long seed) throws Exception {
        Random rnd = new Random(seed);
        List<Fact> all = new ArrayList<>(facts);
        for (Fact f : facts) {
            if (rnd.nextInt(5) == 0) {
                all.add(f);
            }
        }
        Collections.shuffle(all, rnd);
        int i = 0;
        while (i < all.size()) {
            int n = 1 + rnd.nextInt(800);
            writer.write(all.subList(i, Math.min(all.size(), i + n)));
            i += n;
        }
    }

    private Map<String, String> snapshot() throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Connection c = tdb.connect(); Statement s = c.createStatement()) {
            s.execute("SET TIME ZONE 'UTC'");
            for (String t : List.of("rollup_queue", "rollup_agent", "rollup_agent_away")) {
                try (ResultSet rs = s.executeQuery("SELECT * FROM " + t)) {
                    int n = rs.getMetaData().getColumnCount();
                    int keys = t.equals("rollup_agent_away") ? 4 : 3;
                    while (rs.next()) {
                        StringBuilder k = new StringBuilder(t);
                        StringBuilder v = new StringBuilder();
                        for (int i = 1; i <= n; i++) {
                            (i <= keys ? k : v).append('|').append(rs.getString(i));
                        }
                        out.put(k.toString(), v.toString());
                    }
                }
            }
        }
        return out;
    }

    @Test
    @DisplayName("Roll-ups written as facts land (shuffled, batched, duplicated) equal the plain-Java tallies per bucket")
    void rollupsEqualReference() throws Exception {
        List<Fact> facts = new FactGen(1).generate(FROM, TO, 3000).facts();
        long t0 = System.nanoTime();
        writeMessy(facts, 2);
        System.out.printf("wrote %d facts (+20%% duplicates) in %d ms%n", facts.size(),
                (System.nanoTime() - t0) / 1_000_000);
        assertRollupsMatch(facts, settings);
        assertEquals(facts.size(), tdb.count("SELECT (SELECT count(*) FROM queue_visits) + (SELECT count(*) FROM"
                + " handle_segments) + (SELECT count(*) FROM agent_states) + (SELECT count(*) FROM surveys)"
                + " + (SELECT count(*) FROM contacts)"));
    }

    @Test
    @DisplayName("Writing every fact a second time changes no roll-up; a late fact changes exactly its buckets")
    void duplicatesAndLateFacts() throws Exception {
        List<Fact> facts = new FactGen(3).generate(FROM, TO, 1500).facts();
        writeMessy(facts, 4);
        Map<String, String> before = snapshot();
        writer.write(facts);
        writeMessy(facts, 5);
        assertEquals(before, snapshot(), "a replay of the same facts must change nothing");

        // late facts: a visit two days back, an away span over three buckets
        QueueVisit late = new QueueVisit("late-1", 1, "billing", Channel.VOICE, Direction.INBOUND, "cu-x", null,
                Instant.parse("2026-03-27T10:07:00Z"), Instant.parse("2026-03-27T10:07:31Z"), 31_000,
                VisitOutcome.ANSWERED, "a-1");
        AgentStateSpan span = new AgentStateSpan("a-late", "team-q", AgentState.AWAY, "lunch",
                Instant.parse("2026-03-28T11:50:00Z"), Instant.parse("2026-03-28T12:20:00.500Z"));
        writer.write(List.of(late, span));
        writer.write(List.of(late, span));
        Map<String, String> after = snapshot();
        Set<String> changed = new HashSet<>();
        for (String k : after.keySet()) {
            if (!after.get(k).equals(before.get(k))) {
                changed.add(k);
            }
        }
        for (String k : before.keySet()) {
            if (!after.containsKey(k)) {
                changed.add(k);
            }
        }
        assertEquals(Set.of(
                "rollup_queue|2026-03-27 10:00:00+00|billing|voice",
                "rollup_agent|2026-03-28 11:45:00+00|a-late|team-q",
                "rollup_agent|2026-03-28 12:00:00+00|a-late|team-q",
                "rollup_agent|2026-03-28 12:15:00+00|a-late|team-q",
                "rollup_agent_away|2026-03-28 11:45:00+00|a-late|team-q|lunch",
                "rollup_agent_away|2026-03-28 12:00:00+00|a-late|team-q|lunch",
                "rollup_agent_away|2026-03-28 12:15:00+00|a-late|team-q|lunch"), changed);
        assertEquals("|600000", after.get("rollup_agent_away|2026-03-28 11:45:00+00|a-late|team-q|lunch"));
        assertEquals("|900000", after.get("rollup_agent_away|2026-03-28 12:00:00+00|a-late|team-q|lunch"));
        assertEquals("|300500", after.get("rollup_agent_away|2026-03-28 12:15:00+00|a-late|team-q|lunch"));
        List<Fact> all = new ArrayList<>(facts);
        all.add(late);
        all.add(span);
        assertRollupsMatch(all, settings);
    }

    @Test
    @DisplayName("A rebuild with new settings reclassifies history; a rebuild with the same settings changes nothing")
    void rebuildAppliesSettings() throws Exception {
        List<Fact> facts = new FactGen(6).generate(FROM, TO, 1500).facts();
        writeMessy(facts, 7);
        Map<String, String> before = snapshot();
        RollupRebuild same = new RollupRebuild(db.dataSource(), settings);
        long t0 = System.nanoTime();
        RollupRebuild.Result r = same.rebuild(BUCKETS.get(0), END, null);
        System.out.printf("rebuilt %s in %d ms%n", r, (System.nanoTime() - t0) / 1_000_000);
        assertTrue(r.slices() >= 4, r.toString());
        assertEquals(before, snapshot(), "rebuilding with the settings the facts were written with changes nothing");

        Settings base = Rollups.settings(ZoneId.of("UTC"));
        Settings changed = new Settings(base.allowedLateness(), base.zone(), base.defaults(),
                Map.of("billing", base.queue("tech"), "sales", base.queue("billing")), 0);
        new RollupRebuild(db.dataSource(), changed).rebuild(BUCKETS.get(0), END, null);
        assertRollupsMatch(facts, changed);
    }

    @Test
    @DisplayName("`ccpulse rollups rebuild --from --to` applies the settings of the configuration file to the range")
    void rebuildCommand() throws Exception {
        List<Fact> facts = new FactGen(8).generate(FROM, TO, 800).facts();
        writeMessy(facts, 9);
        java.nio.file.Path yaml = java.nio.file.Files.createTempFile("ccpulse-rebuild", ".yml");
        java.nio.file.Files.writeString(yaml, String.join("\n",
                "database: {url: '" + tdb.url() + "', user: " + TestDb.USER + ", password: " + TestDb.PASSWORD + "}",
                "auth: {ingest_tokens: {t: secret}}",
                "time_zone: Europe/Berlin",
                "queues:",
                "  defaults: {short_abandon_s: 15, sl_threshold_s: {voice: 45}}",
                ""));
        java.io.StringWriter out = new java.io.StringWriter();
        picocli.CommandLine cl = new picocli.CommandLine(new io.ccpulse.cli.Main());
        cl.setOut(new java.io.PrintWriter(out));
        int code = cl.execute("rollups", "rebuild", "--config", yaml.toString(), "--from", "2026-03-26",
                "--to", "2026-03-31");
        assertEquals(0, code);
        Settings fromFile = io.ccpulse.config.Config.load(yaml, Map.of()).settings();
        assertEquals(15, fromFile.queue("billing").shortAbandonS());
        assertRollupsMatch(facts, fromFile);
        assertEquals(2, cl.execute("rollups", "rebuild", "--config", yaml.toString(), "--from", "2026-03-31",
                "--to", "2026-03-26"));
    }
}
