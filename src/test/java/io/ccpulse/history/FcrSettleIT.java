package io.ccpulse.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ccpulse.config.Config;
import io.ccpulse.domain.event.Direction;
import io.ccpulse.domain.fact.ContactFact;
import io.ccpulse.domain.fact.Fact;
import io.ccpulse.domain.fact.QueueVisit;
import io.ccpulse.domain.fact.VisitOutcome;
import io.ccpulse.domain.kpi.Fcr;
import io.ccpulse.domain.kpi.FcrStatus;
import io.ccpulse.domain.settings.QueueSettings;
import io.ccpulse.domain.settings.Settings;
import io.ccpulse.store.Db;
import io.ccpulse.store.FactWriter;
import io.ccpulse.store.FcrSettler;
import io.ccpulse.store.ReportStore;
import io.ccpulse.store.ReportStore.FcrCounts;
import io.ccpulse.store.ReportStore.FcrKey;
import io.ccpulse.store.ReportStore.SeriesKey;
import io.ccpulse.store.RollupRebuild;
import io.ccpulse.support.FactGen;
import io.ccpulse.support.TestDb;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
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

/**
 * FCR settled once the window has closed (FcrSettler, docs/HISTORY.md): the contacts settled and their
 * status, and the reports' FCR counts (settled roll-ups plus the facts of the contacts not settled yet),
 * against the reference {@link Fcr#evaluate} over the same contacts, at several horizons, after a
 * rebuild with the same settings and after one with changed settings; and the roll-ups' value arrays
 * behind the percentiles.
 */
@Tag("integration")
class FcrSettleIT {

    static final Instant FROM = Instant.parse("2026-04-01T00:00:00Z");
    static final Instant TO = Instant.parse("2026-04-21T00:00:00Z");
    /** The reports' as_of: after every horizon used. */
    static final Instant AS_OF = Instant.parse("2026-04-20T12:00:00Z");

    static final String YAML = String.join("\n",
            "time_zone: UTC",
            "queues:",
            "  billing:",
            "    fcr_window: 3d",
            "    fcr_scope: same_queue",
            "  tech:",
            "    fcr_window: 1d",
            "");
    /** billing's window and scope changed, tech's window too (a rebuild applies them). */
    static final String YAML_CHANGED = String.join("\n",
            "time_zone: UTC",
            "queues:",
            "  billing:",
            "    fcr_window: 1d",
            "  tech:",
            "    fcr_window: 5d",
            "    fcr_scope: same_queue",
            "");

    TestDb tdb;
    Db db;
    FactWriter writer;
    Settings settings;
    List<ContactFact> contacts = new ArrayList<>();
    List<Fact> facts;

    @BeforeEach
    void start() throws Exception {
        tdb = TestDb.create();
        settings = settings(YAML);
        db = new Db(new Config.Database(tdb.url(), TestDb.USER, TestDb.PASSWORD, 4));
        db.migrate();
        writer = new FactWriter(db.dataSource(), new SimpleMeterRegistry(), settings);
        FactGen g = new FactGen(31);
        g.generate(FROM, Instant.parse("2026-04-20T11:00:00Z"), 700);
        facts = g.facts();
        for (Fact f : facts) {
            if (f instanceof ContactFact c) {
                contacts.add(c);
            }
        }
        for (int i = 0; i < facts.size(); i += 2000) {
            writer.write(facts.subList(i, Math.min(facts.size(), i + 2000)), List.of());
        }
    }

    @AfterEach
    void stop() {
        writer.close();
        db.close();
        tdb.close();
    }

    Settings settings(String yaml) throws Exception {
        Path file = Files.createTempFile("ccpulse-fcr", ".yml");
        Files.writeString(file, yaml);
        return Config.load(file, tdb.serviceEnv()).settings();
    }

    // ------------------------------------------------------------------ reference

    /** Per contact id: its status as of {@code asOf}, judged with its entry queue's window and scope. */
    Map<String, FcrStatus> reference(Settings s, Instant asOf) {
        Map<String, FcrStatus> out = new HashMap<>();
        Set<QueueSettings> variants = new HashSet<>(s.queues().values());
        variants.add(s.defaults());
        for (QueueSettings qs : variants) {
            for (Fcr.Outcome o : Fcr.evaluate(contacts, qs.fcrWindow(), qs.fcrScope(), asOf).outcomes()) {
                if (s.queue(o.contact().entryQueue()).equals(qs)) {
                    out.put(o.contact().contact(), o.status());
                }
            }
        }
        return out;
    }

    /** Contacts the settler may settle up to {@code horizon}: eligible, keyed, window ended by then. */
    Map<String, Boolean> expectedSettled(Settings s, Instant horizon) {
        Map<String, FcrStatus> st = reference(s, horizon);
        Map<String, Boolean> out = new TreeMap<>();
        for (ContactFact c : contacts) {
            boolean eligible = c.direction() != Direction.OUTBOUND && c.customer() != null && c.answered()
                    && c.entryQueue() != null && c.channel() != null && c.firstAgent() != null;
            if (eligible && !c.endedAt().plus(s.queue(c.entryQueue()).fcrWindow()).isAfter(horizon)) {
                FcrStatus x = st.get(c.contact());
                assertTrue(x == FcrStatus.FIRST_CONTACT_RESOLVED || x == FcrStatus.NOT_RESOLVED, c + " " + x);
                out.put(c.contact(), x == FcrStatus.FIRST_CONTACT_RESOLVED);
            }
        }
        return out;
    }

    /** Expected [resolved, closed, pending] per key "a|b" and day period (1-based; 0 = totals). */
    Map<String, Map<Integer, List<Long>>> expectedCounts(Settings s, FcrKey key, List<Instant> starts) {
        Map<String, FcrStatus> st = reference(s, AS_OF);
        Map<String, Map<Integer, long[]>> acc = new TreeMap<>();
        for (ContactFact c : contacts) {
            FcrStatus x = st.get(c.contact());
            if (x == FcrStatus.NOT_ELIGIBLE || c.endedAt().isBefore(FROM) || !c.endedAt().isBefore(TO)) {
                continue;
            }
            int idx = 0;
            while (idx < starts.size() && !c.endedAt().isBefore(starts.get(idx))) {
                idx++;
            }
            String team = c.firstTeam() == null ? "" : c.firstTeam();
            String agent = c.firstAgent() == null ? "" : c.firstAgent();
            String k = switch (key) {
                case QUEUE -> c.entryQueue() + "|" + c.channel().wireName();
                case AGENT -> agent + "|" + team;
                case TEAM -> "|" + team;
            };
            for (int i : new int[] {idx, 0}) {
                long[] v = acc.computeIfAbsent(k, y -> new TreeMap<>()).computeIfAbsent(i, y -> new long[3]);
                if (x == FcrStatus.FIRST_CONTACT_RESOLVED) {
                    v[0]++;
                    v[1]++;
                } else if (x == FcrStatus.NOT_RESOLVED) {
                    v[1]++;
                } else {
                    v[2]++;
                }
            }
        }
        Map<String, Map<Integer, List<Long>>> out = new TreeMap<>();
        acc.forEach((k, m) -> m.forEach((i, v) -> out.computeIfAbsent(k, y -> new TreeMap<>())
                .put(i, List.of(v[0], v[1], v[2]))));
        return out;
    }

    static List<Instant> days() {
        List<Instant> out = new ArrayList<>();
        for (Instant d = FROM; d.isBefore(TO); d = d.plus(Duration.ofDays(1))) {
            out.add(d);
        }
        return out;
    }

    // ------------------------------------------------------------------ database

    Map<String, Boolean> settledInDb() throws Exception {
        Map<String, Boolean> out = new TreeMap<>();
        try (Connection c = tdb.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT contact, fcr_resolved FROM contacts WHERE fcr_resolved IS NOT NULL")) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getBoolean(2));
            }
        }
        return out;
    }

    /** Settled counts in the roll-ups: [resolved, closed] of rollup_queue and of rollup_agent. */
    long[] rollupTotals() throws Exception {
        try (Connection c = tdb.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT (SELECT sum(fcr_resolved) FROM rollup_queue),"
                     + " (SELECT sum(fcr_closed) FROM rollup_queue), (SELECT sum(fcr_resolved) FROM rollup_agent),"
                     + " (SELECT sum(fcr_closed) FROM rollup_agent)")) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)};
        }
    }

    String rollupDump() throws Exception {
        StringBuilder b = new StringBuilder();
        try (Connection c = tdb.connect(); Statement s = c.createStatement()) {
            for (String sql : List.of("SELECT * FROM rollup_queue ORDER BY bucket, queue, channel",
                    "SELECT * FROM rollup_agent ORDER BY bucket, agent, team",
                    "SELECT contact, fcr_resolved FROM contacts ORDER BY contact")) {
                try (ResultSet rs = s.executeQuery(sql)) {
                    int n = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        for (int i = 1; i <= n; i++) {
                            b.append(rs.getString(i)).append(',');
                        }
                        b.append('\n');
                    }
                }
            }
        }
        return b.toString();
    }

    Map<String, Map<Integer, List<Long>>> reported(Settings s, FcrKey key, List<Instant> starts) throws Exception {
        ReportStore store = new ReportStore(db.dataSource(), s);
        ReportStore.Indexed<FcrCounts> got = store.fcr(key, starts, FROM, TO, null, null, AS_OF);
        Map<String, Map<Integer, List<Long>>> out = new TreeMap<>();
        for (Map.Entry<SeriesKey, Map<Integer, FcrCounts>> e : got.values().entrySet()) {
            for (Map.Entry<Integer, FcrCounts> p : e.getValue().entrySet()) {
                FcrCounts v = p.getValue();
                out.computeIfAbsent(e.getKey().a() + "|" + e.getKey().b(), y -> new TreeMap<>())
                        .put(p.getKey(), List.of(v.resolved(), v.closed(), v.pending()));
            }
        }
        return out;
    }

    void assertReports(Settings s, String when) throws Exception {
        List<Instant> starts = days();
        for (FcrKey key : FcrKey.values()) {
            assertEquals(expectedCounts(s, key, starts), reported(s, key, starts), when + ": FCR by " + key);
        }
    }

    // ------------------------------------------------------------------ tests

    @Test
    @DisplayName("Settling up to each horizon settles exactly the contacts whose window ended by then, with the"
            + " reference status, and the reports stay equal to the reference before, between and after")
    void settleStepByStep() throws Exception {
        FcrSettler settler = new FcrSettler(db.dataSource(), settings, new SimpleMeterRegistry());
        assertReports(settings, "nothing settled");
        assertEquals(Map.of(), settledInDb());
        long total = 0;
        for (Instant h : List.of(Instant.parse("2026-04-04T07:30:00Z"), Instant.parse("2026-04-09T00:00:00Z"),
                Instant.parse("2026-04-16T13:13:00Z"), AS_OF)) {
            FcrSettler.Run run = settler.settle(h);
            Map<String, Boolean> expected = expectedSettled(settings, h);
            assertEquals(expected, settledInDb(), "settled up to " + h);
            total += run.settled();
            assertEquals(expected.size(), total, "settled counted once");
            long resolved = expected.values().stream().filter(b -> b).count();
            assertEquals(List.of(resolved, (long) expected.size(), resolved, (long) expected.size()),
                    toList(rollupTotals()), "roll-up counts up to " + h);
            assertReports(settings, "settled up to " + h);
        }
        assertTrue(total > 100 && total < contacts.size(), "a real share settled: " + total);
        assertTrue(reported(settings, FcrKey.QUEUE, days()).values().stream().anyMatch(m -> m.get(0).get(2) > 0),
                "some contacts still pending at as_of");
        assertEquals(0, settler.settle(AS_OF).settled(), "settling again changes nothing");
        String before = rollupDump();
        writer.write(new ArrayList<>(contacts), List.of()); // a replay writes nothing twice
        assertEquals(before, rollupDump(), "contacts written again");
    }

    @Test
    @DisplayName("A rebuild with the same settings leaves the settled state as it was; one with changed settings"
            + " settles its range again with them, up to the stored horizon")
    void rebuild() throws Exception {
        Instant horizon = Instant.parse("2026-04-17T00:00:00Z");
        new FcrSettler(db.dataSource(), settings, new SimpleMeterRegistry()).settle(horizon);
        String before = rollupDump();
        new RollupRebuild(db.dataSource(), settings).rebuild(FROM, TO, null);
        assertEquals(before, rollupDump(), "rebuild with unchanged settings");

        Settings changed = settings(YAML_CHANGED);
        new RollupRebuild(db.dataSource(), changed).rebuild(FROM, TO, null);
        assertEquals(expectedSettled(changed, horizon), settledInDb(), "settled again with the new settings");
        assertReports(changed, "after the rebuild with new settings");
        // the service's next run settles the rest with the new settings
        new FcrSettler(db.dataSource(), changed, new SimpleMeterRegistry()).settle(AS_OF);
        assertEquals(expectedSettled(changed, AS_OF), settledInDb(), "settled up to as_of with the new settings");
        assertReports(changed, "all settled with new settings");
    }

    @Test
    @DisplayName("Each queue bucket holds exactly the waits (answered, abandoned) and first response times of its"
            + " facts, sorted, whatever the batches and when facts are written twice")
    void valueArrays() throws Exception {
        List<Fact> all = new ArrayList<>(facts);
        Collections.shuffle(all, new Random(5));
        for (int i = 0; i < all.size(); i += 337) {
            writer.write(all.subList(i, Math.min(all.size(), i + 337)), List.of()); // again, other batches
        }
        Map<String, List<Long>> waits = new TreeMap<>();
        Map<String, List<Long>> frts = new TreeMap<>();
        for (Fact f : facts) {
            if (f instanceof QueueVisit v && (v.outcome() == VisitOutcome.ANSWERED
                    || v.outcome() == VisitOutcome.ABANDONED)) {
                waits.computeIfAbsent(bucketKey(v.leftAt(), v.queue(), v.channel().wireName()), k -> new ArrayList<>())
                        .add(v.waitMs());
            } else if (f instanceof ContactFact c && c.firstResponseMs() != null && c.entryQueue() != null) {
                frts.computeIfAbsent(bucketKey(c.endedAt(), c.entryQueue(), c.channel().wireName()),
                        k -> new ArrayList<>()).add(c.firstResponseMs());
            }
        }
        waits.values().forEach(Collections::sort);
        frts.values().forEach(Collections::sort);
        assertTrue(!frts.isEmpty(), "first responses generated");
        Map<String, List<Long>> gotWaits = new TreeMap<>();
        Map<String, List<Long>> gotFrts = new TreeMap<>();
        try (Connection c = tdb.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT bucket, queue, channel, waits_ms, first_responses_ms FROM rollup_queue")) {
            while (rs.next()) {
                String k = bucketKey(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3));
                for (int col : new int[] {4, 5}) {
                    Object[] a = (Object[]) rs.getArray(col).getArray();
                    if (a.length > 0) {
                        List<Long> l = new ArrayList<>();
                        for (Object o : a) {
                            l.add(((Number) o).longValue());
                        }
                        (col == 4 ? gotWaits : gotFrts).put(k, l);
                    }
                }
            }
        }
        assertEquals(waits, gotWaits, "waits_ms");
        assertEquals(frts, gotFrts, "first_responses_ms");
    }

    static String bucketKey(Instant t, String queue, String channel) {
        long b = t.toEpochMilli() - Math.floorMod(t.toEpochMilli(), 900_000L);
        return Instant.ofEpochMilli(b) + "|" + queue + "|" + channel;
    }

    static List<Long> toList(long[] v) {
        List<Long> out = new ArrayList<>();
        for (long x : v) {
            out.add(x);
        }
        return out;
    }
}
