package io.ccpulse.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.ccpulse.config.Config;
import io.ccpulse.sim.CenterSize;
import io.ccpulse.sim.SimEvent;
import io.ccpulse.sim.TrafficModel;
import io.ccpulse.support.Http;
import io.ccpulse.support.RunningService;
import io.ccpulse.support.ServiceMain;
import io.ccpulse.support.TestDb;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Restart recovery: the same event stream is sent to an uninterrupted service (A, in this JVM) and to
 * a service in a separate process (B) that is killed with SIGKILL mid-stream and restarted on the same
 * database; after the stream, every live number (the live JSON at the same fixed "now"), every stored
 * fact, every roll-up and every report of B must equal A's.
 */
@Tag("integration")
class RestartIT {

    static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    /** Six simulated days over the spring daylight-saving change. */
    static final Instant START = Instant.parse("2026-03-25T23:00:00Z");
    static final Duration LENGTH = Duration.ofDays(6);
    static final Instant NOW = START.plus(LENGTH).plusSeconds(60);
    static final int BATCH = 400;

    /** The stream as request bodies, in sending order: adjacent batches close in time sometimes swapped. */
    static List<String> batches(List<Instant> lastTimes) {
        TrafficModel m = new TrafficModel(CenterSize.MEDIUM, 7, START, LENGTH, ZONE);
        List<SimEvent> all = m.next(START.plus(LENGTH));
        List<List<SimEvent>> chunks = new ArrayList<>();
        for (int i = 0; i < all.size(); i += BATCH) {
            chunks.add(all.subList(i, Math.min(all.size(), i + BATCH)));
        }
        Random rnd = new Random(3);
        for (int i = 0; i + 1 < chunks.size(); i += 2) {
            long span = chunks.get(i + 1).get(chunks.get(i + 1).size() - 1).timeMs() - chunks.get(i).get(0).timeMs();
            if (span < 180_000 && rnd.nextInt(4) == 0) {
                List<SimEvent> a = chunks.get(i);
                chunks.set(i, chunks.get(i + 1));
                chunks.set(i + 1, a);
            }
        }
        List<String> out = new ArrayList<>();
        for (List<SimEvent> c : chunks) {
            StringBuilder b = new StringBuilder("[");
            long last = Long.MIN_VALUE;
            for (SimEvent e : c) {
                b.append(b.length() > 1 ? "," : "").append(e.json());
                last = Math.max(last, e.timeMs());
            }
            out.add(b.append(']').toString());
            lastTimes.add(Instant.ofEpochMilli(last));
        }
        return out;
    }

    static Map<String, String> env(TestDb db) {
        Map<String, String> env = new HashMap<>(db.serviceEnv());
        env.put("CCPULSE_TIME_ZONE", ZONE.getId());
        return env;
    }

    static void send(Http http, String body) {
        for (int attempt = 0; ; attempt++) {
            HttpResponse<String> r = http.postEvents(body);
            if (r.statusCode() == 200) {
                return;
            }
            if (attempt > 50) {
                fail("events not accepted: " + r.statusCode() + " " + r.body());
            }
            sleep(100);
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits until the service has applied everything up to {@code newest} and written every fact. */
    static void settle(Http http, Instant newest) {
        long deadline = System.currentTimeMillis() + 120_000;
        String last = null;
        int stable = 0;
        while (System.currentTimeMillis() < deadline) {
            JsonObject live = new JsonObject(http.get("/v1/live/queues").body());
            String metrics = http.get("/metrics").body();
            boolean idle = newest.toString().equals(live.getString("newest_event_time"))
                    && metrics.contains("\nccpulse_facts_queue_depth 0.0") && metrics.contains(
                    "\nccpulse_write_queue_depth 0.0");
            String now = live.encode();
            if (idle && now.equals(last)) {
                if (++stable >= 3) {
                    return;
                }
            } else {
                stable = 0;
            }
            last = now;
            sleep(300);
        }
        fail("service did not settle at " + newest);
    }

    /** A service process (B). */
    static final class Proc {
        final Process process;
        final int port;
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

        Proc(Map<String, String> env) throws Exception {
            ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx1g", "-cp", System.getProperty("java.class.path"), ServiceMain.class.getName());
            pb.environment().putAll(env);
            pb.environment().put("CCPULSE_TEST_CLOCK", NOW.toString());
            pb.redirectErrorStream(true);
            process = pb.start();
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        lines.add(line);
                    }
                } catch (Exception e) {
                    // process gone
                }
            });
            reader.setDaemon(true);
            reader.start();
            int p = -1;
            long deadline = System.currentTimeMillis() + 120_000;
            StringBuilder seen = new StringBuilder();
            while (p < 0 && System.currentTimeMillis() < deadline) {
                String line = lines.poll(1, TimeUnit.SECONDS);
                if (line != null) {
                    seen.append(line).append('\n');
                    if (line.startsWith("listening on port ")) {
                        p = Integer.parseInt(line.substring("listening on port ".length()).trim());
                    }
                }
                if (line == null && !process.isAlive()) {
                    break;
                }
            }
            if (p < 0) {
                process.destroyForcibly();
                fail("service process did not start:\n" + seen);
            }
            port = p;
            recoveryLine = seen.toString();
        }

        String recoveryLine;

        /** SIGKILL: no shutdown hook, no flush, nothing. */
        void kill9() throws Exception {
            new ProcessBuilder("kill", "-9", String.valueOf(process.pid())).start().waitFor();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    static List<String> rows(TestDb db, String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("SET TIME ZONE 'UTC'");
            try (ResultSet rs = s.executeQuery(sql)) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    StringBuilder b = new StringBuilder();
                    for (int i = 1; i <= n; i++) {
                        b.append(rs.getString(i)).append('|');
                    }
                    out.add(b.toString());
                }
            }
        }
        return out;
    }

    /** The first difference of two JSON values, or null. */
    static String diff(Object a, Object b, String path) {
        if (a instanceof JsonObject oa && b instanceof JsonObject ob) {
            for (String k : oa.fieldNames()) {
                String d = diff(oa.getValue(k), ob.getValue(k), path + "." + k);
                if (d != null) {
                    return d;
                }
            }
            return oa.fieldNames().equals(ob.fieldNames()) ? null : path + ": keys " + oa.fieldNames() + " vs "
                    + ob.fieldNames();
        }
        if (a instanceof JsonArray aa && b instanceof JsonArray ab) {
            if (aa.size() != ab.size()) {
                return path + ": " + aa.size() + " vs " + ab.size() + " elements";
            }
            for (int i = 0; i < aa.size(); i++) {
                String d = diff(aa.getValue(i), ab.getValue(i), path + "[" + i + "]");
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        return java.util.Objects.equals(a, b) ? null : path + ": " + a + " vs " + b;
    }

    static void assertSameJson(Http a, Http b, String path) {
        JsonObject ja = new JsonObject(a.get(path).body());
        JsonObject jb = new JsonObject(b.get(path).body());
        String d = diff(ja, jb, path);
        assertTrue(d == null, "uninterrupted vs restarted differ at " + d);
    }

    @Test
    @DisplayName("kill -9 mid-stream, restart, finish: live view, facts, roll-ups and reports equal an uninterrupted run")
    void killAndRecover() throws Exception {
        List<Instant> lastTimes = new ArrayList<>();
        List<String> stream = batches(lastTimes);
        Instant newest = lastTimes.stream().max(Instant::compareTo).orElseThrow();
        System.out.println("stream: " + stream.size() + " batches of " + BATCH + " events");
        try (TestDb dbA = TestDb.create(); TestDb dbB = TestDb.create()) {
            // A: uninterrupted, in this JVM, same fixed clock
            long t0 = System.nanoTime();
            RunningService a = RunningService.start(Config.load(null, env(dbA)), Clock.fixed(NOW, ZoneOffset.UTC));
            try {
                long slowest = 0;
                for (String body : stream) {
                    long s0 = System.nanoTime();
                    send(a.http, body);
                    slowest = Math.max(slowest, System.nanoTime() - s0);
                }
                System.out.printf("A sent in %d ms (slowest request %d ms)%n", (System.nanoTime() - t0) / 1_000_000,
                        slowest / 1_000_000);
                settle(a.http, newest);
                System.out.printf("A: %d ms%n", (System.nanoTime() - t0) / 1_000_000);
                // B: a separate process, killed at 90 % while a batch is in flight, restarted, finished
                int cut = stream.size() * 9 / 10;
                Proc b1 = new Proc(env(dbB));
                Http h1 = new Http(b1.port);
                for (int i = 0; i < cut; i++) {
                    send(h1, stream.get(i));
                }
                CompletableFuture<?> inFlight = CompletableFuture.runAsync(() -> {
                    try {
                        h1.postEvents(stream.get(cut));
                    } catch (RuntimeException e) {
                        // the process died under it
                    }
                });
                sleep(5);
                b1.kill9();
                inFlight.get(60, TimeUnit.SECONDS);
                long stored = dbB.count("SELECT count(*) FROM events");
                long facts = dbB.count("SELECT count(*) FROM queue_visits");
                System.out.println("B killed after " + cut + " batches: " + stored + " events, " + facts
                        + " visits stored");

                long t1 = System.nanoTime();
                Proc b2 = new Proc(env(dbB));
                System.out.printf("B restarted in %d ms: %s%n", (System.nanoTime() - t1) / 1_000_000,
                        b2.recoveryLine.trim());
                assertTrue(b2.recoveryLine.contains("unmatched=0"), b2.recoveryLine);
                try {
                    Http h2 = new Http(b2.port);
                    for (int i = cut; i < stream.size(); i++) {
                        send(h2, stream.get(i));
                    }
                    settle(h2, newest);

                    assertSameEverywhere(a.http, h2, dbA, dbB);
                    // counters of the restarted process count from its start: never more than A's
                    String ma = a.http.get("/metrics").body();
                    String mb = h2.get("/metrics").body();
                    double va = sum(ma, "ccpulse_queue_visits_total");
                    double vb = sum(mb, "ccpulse_queue_visits_total");
                    System.out.println("visits counted: uninterrupted " + va + ", restarted (since restart) " + vb);
                    assertTrue(vb > 0 && vb < va, va + " vs " + vb);
                } finally {
                    b2.kill9();
                }
            } finally {
                a.close();
            }
        }
    }

    /** Live view at the same "now", every stored fact and roll-up, and reports: all equal. */
    static void assertSameEverywhere(Http ha, Http hb, TestDb dbA, TestDb dbB) throws Exception {
        // live view at the same "now"
        assertSameJson(ha, hb, "/v1/live/queues");
        assertSameJson(ha, hb, "/v1/live/agents");
        // every stored fact and roll-up
        for (String sql : List.of(
                "SELECT * FROM queue_visits ORDER BY contact, seq",
                "SELECT * FROM handle_segments ORDER BY contact, seq",
                "SELECT * FROM agent_states ORDER BY agent, start_at",
                "SELECT * FROM surveys ORDER BY event_id",
                "SELECT * FROM contacts ORDER BY contact, ended_at",
                "SELECT * FROM rollup_queue ORDER BY bucket, queue, channel",
                "SELECT * FROM rollup_agent ORDER BY bucket, agent, team",
                "SELECT * FROM rollup_agent_away ORDER BY bucket, agent, team, reason",
                "SELECT id FROM late_events ORDER BY id",
                "SELECT count(*) FROM events")) {
            List<String> ra = rows(dbA, sql);
            List<String> rb = rows(dbB, sql);
            if (!ra.equals(rb)) {
                List<String> onlyA = new ArrayList<>(ra);
                onlyA.removeAll(rb);
                List<String> onlyB = new ArrayList<>(rb);
                onlyB.removeAll(ra);
                fail(sql + ": " + ra.size() + " vs " + rb.size() + " rows; only uninterrupted: "
                        + onlyA.subList(0, Math.min(5, onlyA.size())) + "; only restarted: "
                        + onlyB.subList(0, Math.min(5, onlyB.size())));
            }
        }
        assertTrue(rows(dbA, "SELECT * FROM queue_visits").size() > 3_000);
        // reports
        String range = "from=2026-03-26&to=2026-04-01";
        for (String q : List.of("/v1/reports/queues?" + range + "&group=hour",
                "/v1/reports/queues?" + range + "&group=day",
                "/v1/reports/agents?" + range + "&group=day",
                "/v1/reports/agents?" + range + "&group=hour&by=team")) {
            assertSameJson(ha, hb, q);
        }
    }

    @Test
    @DisplayName("A clean stop and start mid-stream also ends with the numbers of an uninterrupted run")
    void cleanRestart() throws Exception {
        List<Instant> lastTimes = new ArrayList<>();
        List<String> stream = batches(lastTimes);
        Instant newest = lastTimes.stream().max(Instant::compareTo).orElseThrow();
        try (TestDb dbA = TestDb.create(); TestDb dbC = TestDb.create()) {
            Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
            RunningService a = RunningService.start(Config.load(null, env(dbA)), clock);
            try {
                for (String body : stream) {
                    send(a.http, body);
                }
                settle(a.http, newest);
                int cut = stream.size() * 2 / 3;
                RunningService c1 = RunningService.start(Config.load(null, env(dbC)), clock);
                for (int i = 0; i < cut; i++) {
                    send(c1.http, stream.get(i));
                }
                c1.close();
                RunningService c2 = RunningService.start(Config.load(null, env(dbC)), clock);
                try {
                    assertEquals(0, c2.service.recovery().unmatched(), c2.service.recovery().toString());
                    for (int i = cut; i < stream.size(); i++) {
                        send(c2.http, stream.get(i));
                    }
                    settle(c2.http, newest);
                    assertSameEverywhere(a.http, c2.http, dbA, dbC);
                } finally {
                    c2.close();
                }
            } finally {
                a.close();
            }
        }
    }

    static double sum(String metrics, String name) {
        double s = 0;
        for (String line : metrics.split("\n")) {
            if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
                s += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return s;
    }
}
