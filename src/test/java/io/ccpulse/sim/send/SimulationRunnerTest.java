package io.ccpulse.sim.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ccpulse.ingest.EventParser;
import io.ccpulse.sim.CenterSize;
import io.ccpulse.sim.SimEvent;
import io.ccpulse.sim.TrafficModel;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SimulationRunnerTest {

    private static final ZoneId UTC = ZoneId.of("UTC");
    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
    private FakeIngest server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static List<String> all(CenterSize size, long seed, Instant start, Duration d) {
        List<String> out = new ArrayList<>();
        for (SimEvent e : new TrafficModel(size, seed, start, d, UTC).next(start.plus(d))) {
            out.add(e.json());
        }
        return out;
    }

    private List<String> delivered() {
        List<String> lines = new ArrayList<>();
        for (FakeIngest.Request r : server.requests) {
            lines.addAll(r.lines());
        }
        return lines;
    }

    @Test
    @DisplayName("Replay of a past hour at speed max: every event once, in order, valid for the server, batches of at most batch-max")
    void replayAsFastAsTheServerTakes() throws Exception {
        EventParser parser = new EventParser(3_600_000);
        List<String> problems = new ArrayList<>();
        server = new FakeIngest(0, r -> {
            List<String> lines = r.lines();
            for (int i = 0; i < lines.size(); i++) {
                EventParser.Result res = parser.parse(new JsonObject(lines.get(i)), i, System.currentTimeMillis());
                if (res.rejection() != null) {
                    problems.add(res.rejection().toString());
                }
            }
            return FakeIngest.Answer.ok(lines.size());
        });
        // the last Monday or Tuesday 09:00 UTC, at least two days ago
        Instant start = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(2)).plus(Duration.ofHours(9));
        while (start.atZone(UTC).getDayOfWeek().getValue() > 2) {
            start = start.minus(Duration.ofDays(1));
        }
        Duration d = Duration.ofHours(1);
        TrafficModel model = new TrafficModel(CenterSize.MEDIUM, 3, start, d, UTC);
        BatchSender sender = new BatchSender(URI.create("http://127.0.0.1:" + server.port() + "/v1/events"), "t", Thread::sleep, out,
                System::currentTimeMillis);
        long t0 = System.nanoTime();
        new SimulationRunner(model, sender, Double.POSITIVE_INFINITY, 200, out, System::currentTimeMillis,
                System::nanoTime, Thread::sleep).run();
        long seconds = (System.nanoTime() - t0) / 1_000_000_000L;

        List<String> expected = all(CenterSize.MEDIUM, 3, start, d);
        assertTrue(expected.size() > 500, "events " + expected.size());
        assertEquals(expected, delivered());
        assertEquals(List.of(), problems);
        for (FakeIngest.Request r : server.requests) {
            assertTrue(r.lines().size() >= 1 && r.lines().size() <= 200, "batch of " + r.lines().size());
        }
        assertTrue(server.requests.size() >= expected.size() / 200, "requests " + server.requests.size());
        assertEquals(expected.size(), sender.sent());
        assertTrue(seconds < 60, "a replayed hour took " + seconds + " s");
        assertTrue(outBytes.toString(StandardCharsets.UTF_8).contains("(done)"), outBytes.toString(StandardCharsets.UTF_8));
    }

    /** A clock that moves only when the runner or the sender sleeps. */
    private static final class VirtualClock {
        final AtomicLong wall;
        final long origin;

        VirtualClock(long wallMs) {
            wall = new AtomicLong(wallMs);
            origin = wallMs;
        }

        long nanos() {
            return (wall.get() - origin) * 1_000_000;
        }

        void sleep(long ms) {
            wall.addAndGet(ms);
        }
    }

    @Test
    @DisplayName("Speed 1: every ~200 ms it sends what has happened, never an event ahead of the clock; status every 10 s")
    void realTimePacing() throws Exception {
        Instant start = Instant.parse("2026-11-23T10:00:00Z");
        VirtualClock clock = new VirtualClock(start.toEpochMilli());
        List<Long> sentAt = new ArrayList<>();
        server = new FakeIngest(0, r -> {
            sentAt.add(clock.wall.get());
            return FakeIngest.Answer.ok(r.lines().size());
        });
        Duration d = Duration.ofMinutes(5);
        TrafficModel model = new TrafficModel(CenterSize.MEDIUM, 4, start, d, UTC);
        BatchSender sender = new BatchSender(URI.create("http://127.0.0.1:" + server.port() + "/v1/events"), "t",
                clock::sleep, out, clock.wall::get);
        new SimulationRunner(model, sender, 1, 500, out, clock.wall::get, clock::nanos, clock::sleep).run();

        assertEquals(all(CenterSize.MEDIUM, 4, start, d), delivered());
        for (int i = 0; i < server.requests.size(); i++) {
            for (String line : server.requests.get(i).lines()) {
                long t = Instant.parse(new JsonObject(line).getString("time")).toEpochMilli();
                assertTrue(t <= sentAt.get(i), "event in the future of the clock: " + line);
                assertTrue(t > sentAt.get(i) - 1_000, "event sent late: " + line);
            }
        }
        assertTrue(server.requests.size() > 50, "one request per tick with events: " + server.requests.size());
        for (int i = 1; i < sentAt.size(); i++) {
            assertTrue(sentAt.get(i) - sentAt.get(i - 1) >= SimulationRunner.TICK_MS, "at most one request per tick");
        }
        long elapsed = clock.wall.get() - start.toEpochMilli();
        assertTrue(Math.abs(elapsed - d.toMillis()) <= 1_000, "took " + elapsed + " ms of clock time");
        long statusLines = outBytes.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains("simulated time")).count();
        assertTrue(statusLines >= 29 && statusLines <= 32, "status lines " + statusLines);
    }

    @Test
    @DisplayName("Speed 60 from the past: an hour takes a minute of clock time, never ahead of the paced simulated time")
    void fastReplayPacing() throws Exception {
        long wall0 = Instant.parse("2026-11-23T12:00:00Z").toEpochMilli();
        Instant start = Instant.ofEpochMilli(wall0).minus(Duration.ofHours(3));
        VirtualClock clock = new VirtualClock(wall0);
        List<Long> sentAt = new ArrayList<>();
        server = new FakeIngest(0, r -> {
            sentAt.add(clock.wall.get());
            return FakeIngest.Answer.ok(r.lines().size());
        });
        Duration d = Duration.ofHours(1);
        TrafficModel model = new TrafficModel(CenterSize.SMALL, 5, start, d, UTC);
        BatchSender sender = new BatchSender(URI.create("http://127.0.0.1:" + server.port() + "/v1/events"), "t",
                clock::sleep, out, clock.wall::get);
        new SimulationRunner(model, sender, 60, 500, out, clock.wall::get, clock::nanos, clock::sleep).run();

        assertEquals(all(CenterSize.SMALL, 5, start, d), delivered());
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < server.requests.size(); i++) {
            long paced = start.toEpochMilli() + (sentAt.get(i) - wall0) * 60;
            for (String line : server.requests.get(i).lines()) {
                JsonObject o = new JsonObject(line);
                assertTrue(ids.add(o.getString("id")));
                assertTrue(Instant.parse(o.getString("time")).toEpochMilli() <= paced, "ahead of the paced time: " + line);
            }
        }
        long elapsed = clock.wall.get() - wall0;
        assertTrue(elapsed >= 59_000 && elapsed <= 61_000, "took " + elapsed + " ms of clock time");
        assertNull(model.next(start.plus(Duration.ofDays(1))).stream().findAny().orElse(null), "all sent");
    }
}
