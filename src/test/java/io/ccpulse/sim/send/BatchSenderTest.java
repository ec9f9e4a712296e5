package io.ccpulse.sim.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ccpulse.sim.CenterSize;
import io.ccpulse.sim.SimEvent;
import io.ccpulse.sim.TrafficModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BatchSenderTest {

    private final List<Long> sleeps = new ArrayList<>();
    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    private final PrintStream log = new PrintStream(logBytes, true, StandardCharsets.UTF_8);
    private FakeIngest server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static List<SimEvent> events(int n) {
        Instant start = Instant.parse("2026-11-23T09:00:00Z");
        List<SimEvent> all = new TrafficModel(CenterSize.SMALL, 1, start, Duration.ofHours(1), ZoneId.of("UTC"))
                .next(start.plus(Duration.ofHours(1)), n);
        assertEquals(n, all.size());
        return all;
    }

    private BatchSender sender(int port, String token) {
        return new BatchSender(URI.create("http://127.0.0.1:" + port + "/v1/events"), token, sleeps::add, log,
                System::currentTimeMillis);
    }

    @Test
    @DisplayName("503 with Retry-After: the sender waits as told, sends the identical batch again and counts it once")
    void retriesAfter503() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        server = new FakeIngest(0, r -> calls.getAndIncrement() == 0
                ? new FakeIngest.Answer(503, "1", "{\"error\":\"the write queue is full; retry\"}")
                : FakeIngest.Answer.ok(r.lines().size()));
        List<SimEvent> batch = events(25);
        BatchSender sender = sender(server.port(), "demo-token");
        sender.send(batch);

        assertEquals(2, server.requests.size());
        FakeIngest.Request first = server.requests.get(0);
        FakeIngest.Request second = server.requests.get(1);
        assertEquals(first.body(), second.body(), "the same bytes again");
        assertEquals(25, first.lines().size());
        for (int i = 0; i < batch.size(); i++) {
            assertEquals(batch.get(i).json(), first.lines().get(i));
        }
        assertEquals("application/x-ndjson", first.contentType());
        assertEquals("Bearer demo-token", first.authorization());
        assertEquals(List.of(1000L), sleeps, "honours Retry-After: 1");
        assertEquals(25, sender.sent());
        assertEquals(25, sender.accepted());
        assertEquals(0, sender.duplicates());
        assertEquals(1, sender.retries());
        assertEquals(2, sender.requests());
    }

    @Test
    @DisplayName("429, duplicates and rejections are counted from the answer; Retry-After as an HTTP date is understood")
    void countsFromTheAnswer() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        server = new FakeIngest(0, r -> calls.getAndIncrement() == 0
                ? new FakeIngest.Answer(429, "Thu, 01 Jan 1970 00:00:00 GMT", "{}")
                : new FakeIngest.Answer(200, null, "{\"received\":10,\"accepted\":7,\"duplicates\":2,"
                        + "\"rejected\":[{\"index\":3,\"id\":\"x\",\"field\":\"time\",\"reason\":\"bad\"}],\"late\":[{\"index\":1}]}"));
        BatchSender sender = sender(server.port(), "t");
        sender.send(events(10));
        assertEquals(List.of(100L), sleeps, "a date in the past: the shortest pause");
        assertEquals(10, sender.sent());
        assertEquals(7, sender.accepted());
        assertEquals(2, sender.duplicates());
        assertEquals(1, sender.rejected());
        assertEquals(1, sender.late());
        assertTrue(logBytes.toString(StandardCharsets.UTF_8).contains("rejected"), logBytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName("401 ends the run with a message that names the token options")
    void unauthorized() throws Exception {
        server = new FakeIngest(0, r -> new FakeIngest.Answer(401, null, "{\"error\":\"unknown token\"}"));
        BatchSender sender = sender(server.port(), "wrong");
        BatchSender.Unauthorized e = assertThrows(BatchSender.Unauthorized.class, () -> sender.send(events(3)));
        assertTrue(e.getMessage().contains("--token") && e.getMessage().contains("CCPULSE_DEMO_TOKEN"), e.getMessage());
        assertEquals(1, server.requests.size(), "no retry");
        assertEquals(0, sender.sent());
    }

    @Test
    @DisplayName("While nothing listens the sender waits and retries; once the service is up the batch goes through")
    void waitsForTheService() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        AtomicReference<FakeIngest> late = new AtomicReference<>();
        int freePort = port;
        List<Long> waited = new ArrayList<>();
        BatchSender sender = new BatchSender(URI.create("http://127.0.0.1:" + port + "/v1/events"), "t", ms -> {
            waited.add(ms);
            if (waited.size() == 3) {
                try {
                    late.set(new FakeIngest(freePort, r -> FakeIngest.Answer.ok(r.lines().size())));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        }, log, System::currentTimeMillis);
        try {
            sender.send(events(5));
        } finally {
            if (late.get() != null) {
                late.get().close();
            }
        }
        assertEquals(List.of(500L, 1000L, 2000L), waited, "growing pauses");
        assertEquals(1, late.get().requests.size());
        assertEquals(5, sender.sent());
        assertEquals(3, sender.retries());
        String text = logBytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("cannot reach") && text.contains("answers again"), text);
    }

    @Test
    @DisplayName("413 splits the batch until the halves fit; every event arrives once, in order")
    void splitsTooLargeBatches() throws Exception {
        server = new FakeIngest(0, r -> r.lines().size() > 4 ? new FakeIngest.Answer(413, null, "{\"error\":\"too large\"}")
                : FakeIngest.Answer.ok(r.lines().size()));
        List<SimEvent> batch = events(10);
        BatchSender sender = sender(server.port(), "t");
        sender.send(batch);
        List<String> delivered = new ArrayList<>();
        for (FakeIngest.Request r : server.requests) {
            if (r.lines().size() <= 4) {
                delivered.addAll(r.lines());
            }
        }
        List<String> expected = new ArrayList<>();
        batch.forEach(e -> expected.add(e.json()));
        assertEquals(expected, delivered);
        assertEquals(10, sender.sent());
    }

    @Test
    @DisplayName("The probe posts a batch of no events, so a wrong token shows before the first event")
    void probe() throws Exception {
        server = new FakeIngest(0, r -> r.lines().isEmpty() ? new FakeIngest.Answer(401, null, "{}") : FakeIngest.Answer.ok(1));
        BatchSender sender = sender(server.port(), "t");
        assertThrows(BatchSender.Unauthorized.class, sender::probe);
        assertEquals("\n", server.requests.get(0).body());
        assertEquals("application/x-ndjson", server.requests.get(0).contentType());
        assertEquals(0, sender.sent());
    }

    @Test
    @DisplayName("Another 4xx is not retried: it is a bug to report")
    void refused() throws Exception {
        server = new FakeIngest(0, r -> new FakeIngest.Answer(415, null, "{\"error\":\"Content-Type must be ...\"}"));
        BatchSender sender = sender(server.port(), "t");
        BatchSender.Refused e = assertThrows(BatchSender.Refused.class, () -> sender.send(events(2)));
        assertTrue(e.getMessage().contains("415"), e.getMessage());
    }
}
