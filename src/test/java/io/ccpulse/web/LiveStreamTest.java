package io.ccpulse.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("GET /v1/live/stream")
class LiveStreamTest {

    private static final Duration WAIT = Duration.ofSeconds(3);
    private final List<AutoCloseable> closeLater = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = closeLater.size() - 1; i >= 0; i--) {
            closeLater.get(i).close();
        }
    }

    private TestServer server(LiveSource source, LiveStream.Options options) throws Exception {
        TestServer s = new TestServer(source, options, false);
        closeLater.add(s);
        return s;
    }

    private SseClient open(TestServer s, String query, String lastEventId) throws Exception {
        SseClient c = SseClient.open(s.base() + LiveStream.PATH + query, lastEventId);
        closeLater.add(c);
        return c;
    }

    private static List<String> names(JsonArray items, String key) {
        List<String> out = new ArrayList<>();
        items.forEach(o -> out.add(((JsonObject) o).getString(key)
                + (key.equals("queue") ? "/" + ((JsonObject) o).getString("channel") : "")));
        return out;
    }

    @Test
    @DisplayName("sends retry, then the whole state as a snapshot event with an id, at once on connect")
    void initialSnapshot() throws Exception {
        TestServer s = server(FakeLiveSource.sample(), LiveStream.Options.defaults());
        SseClient c = open(s, "", null);
        assertEquals(200, c.status());
        assertEquals("text/event-stream; charset=utf-8", c.response.headers().firstValue("Content-Type").orElse(""));
        assertEquals("no-cache, no-transform", c.response.headers().firstValue("Cache-Control").orElse(""));
        SseClient.Event first = c.events.poll(3, java.util.concurrent.TimeUnit.SECONDS);
        assertNotNull(first);
        assertEquals("2000", first.retry());
        SseClient.Event snap = c.next("snapshot", WAIT);
        assertNotNull(snap, "no snapshot");
        assertTrue(snap.id().endsWith("-1"), snap.id());
        JsonObject data = snap.json();
        assertEquals(List.of("billing/voice", "billing/chat", "tech/voice", "sales/voice"),
                names(data.getJsonArray("queues"), "queue"));
        assertEquals(List.of("a-17", "a-18", "a-19"), names(data.getJsonArray("agents"), "agent"));
        Instant generated = Instant.parse(data.getString("generated_at"));
        assertTrue(Duration.between(generated, Instant.now()).abs().toSeconds() < 5);
        assertEquals(3, data.getJsonArray("queues").getJsonObject(0).getInteger("waiting"));
        assertEquals(1.0, s.clientsGauge());
    }

    @Test
    @DisplayName("filters by queue (repeated or comma-separated): those queues and the agents serving them")
    void filterByQueue() throws Exception {
        TestServer s = server(FakeLiveSource.sample(), LiveStream.Options.defaults());
        for (String query : List.of("?queue=billing&queue=tech", "?queue=billing,%20tech")) {
            JsonObject data = open(s, query, null).next("snapshot", WAIT).json();
            assertEquals(List.of("billing/voice", "billing/chat", "tech/voice"),
                    names(data.getJsonArray("queues"), "queue"), query);
            assertEquals(List.of("a-17", "a-18", "a-19"), names(data.getJsonArray("agents"), "agent"), query);
        }
        JsonObject sales = open(s, "?queue=sales", null).next("snapshot", WAIT).json();
        assertEquals(List.of("sales/voice"), names(sales.getJsonArray("queues"), "queue"));
        assertEquals(List.of("a-19"), names(sales.getJsonArray("agents"), "agent"));
    }

    @Test
    @DisplayName("filters by agent: that agent and the queues the agent serves; both filters: exactly those")
    void filterByAgent() throws Exception {
        TestServer s = server(FakeLiveSource.sample(), LiveStream.Options.defaults());
        JsonObject mine = open(s, "?agent=a-17", null).next("snapshot", WAIT).json();
        assertEquals(List.of("a-17"), names(mine.getJsonArray("agents"), "agent"));
        assertEquals(List.of("billing/voice", "billing/chat"), names(mine.getJsonArray("queues"), "queue"));

        JsonObject both = open(s, "?agent=a-17&queue=sales", null).next("snapshot", WAIT).json();
        assertEquals(List.of("a-17"), names(both.getJsonArray("agents"), "agent"));
        assertEquals(List.of("sales/voice"), names(both.getJsonArray("queues"), "queue"));

        JsonObject nobody = open(s, "?agent=a-404", null).next("snapshot", WAIT).json();
        assertEquals(0, nobody.getJsonArray("agents").size());
        assertEquals(0, nobody.getJsonArray("queues").size());
    }

    @Test
    @DisplayName("answers 400 with the reason for a queue name over 128 characters")
    void badFilter() throws Exception {
        TestServer s = server(FakeLiveSource.sample(), LiveStream.Options.defaults());
        SseClient c = open(s, "?queue=" + "q".repeat(129), null);
        assertEquals(400, c.status());
        String body = new String(c.response.body().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(body.contains("at most 128 characters"), body);
        assertEquals(0.0, s.clientsGauge());
    }

    @Test
    @DisplayName("pushes a change within 500 ms, to each filter only its part, and nothing while nothing changes")
    void pushesChanges() throws Exception {
        FakeLiveSource fake = FakeLiveSource.sample();
        TestServer s = server(fake, LiveStream.Options.defaults());
        SseClient billing = open(s, "?queue=billing", null);
        SseClient tech = open(s, "?queue=tech", null);
        String firstId = billing.next("snapshot", WAIT).id();
        assertNotNull(tech.next("snapshot", WAIT));
        assertNull(billing.next("snapshot", Duration.ofMillis(400)), "a snapshot without a change");

        long start = System.nanoTime();
        fake.change(qs -> fake.queue("billing", "voice").put("waiting", 7).put("oldest_wait_s", 3.5), as -> { });
        SseClient.Event changed = billing.next("snapshot", WAIT);
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertNotNull(changed);
        assertTrue(ms < 500, "took " + ms + " ms");
        assertNotEquals(firstId, changed.id());
        assertTrue(changed.id().endsWith("-2"), changed.id());
        assertEquals(7, changed.json().getJsonArray("queues").getJsonObject(0).getInteger("waiting"));

        SseClient.Event techChanged = tech.next("snapshot", WAIT);
        assertNotNull(techChanged, "every client gets the new version");
        assertEquals(List.of("tech/voice"), names(techChanged.json().getJsonArray("queues"), "queue"));
    }

    @Test
    @DisplayName("sends a heartbeat comment (and a heartbeat event with the server time) every interval")
    void heartbeat() throws Exception {
        TestServer s = server(FakeLiveSource.sample(), LiveStream.Options.defaults().withHeartbeat(Duration.ofMillis(200)));
        SseClient c = open(s, "", null);
        SseClient.Event hb = c.next("heartbeat", Duration.ofSeconds(2));
        assertNotNull(hb, "no heartbeat");
        assertEquals(List.of("heartbeat"), hb.comments());
        assertNull(hb.id(), "a heartbeat must not move Last-Event-ID");
        assertEquals(0.2, hb.json().getDouble("heartbeat_s"));
        Instant.parse(hb.json().getString("time"));
        assertNotNull(c.next("heartbeat", Duration.ofSeconds(2)), "no second heartbeat");
    }

    @Test
    @DisplayName("skips the first snapshot on reconnect when Last-Event-ID is the current id, not otherwise")
    void lastEventId() throws Exception {
        FakeLiveSource fake = FakeLiveSource.sample();
        TestServer s = server(fake, LiveStream.Options.defaults());
        String id = open(s, "?agent=a-17", null).next("snapshot", WAIT).id();

        SseClient again = open(s, "?agent=a-17", id);
        assertNull(again.next("snapshot", Duration.ofMillis(500)), "resent although nothing changed");
        fake.bump();
        SseClient.Event next = again.next("snapshot", WAIT);
        assertNotNull(next, "no snapshot after a change");
        assertNotEquals(id, next.id());

        // the query parameter works too (the page uses it when it reconnects by itself)
        SseClient byParam = open(s, "?agent=a-17&last_event_id=" + next.id(), null);
        assertNull(byParam.next("snapshot", Duration.ofMillis(500)));

        // an id of an older version, or from before a restart (other epoch), gets the snapshot at once
        assertNotNull(open(s, "?agent=a-17", id).next("snapshot", WAIT));
        String otherEpoch = "0-" + next.id().substring(next.id().indexOf('-') + 1);
        assertNotNull(open(s, "?agent=a-17", otherEpoch).next("snapshot", WAIT));
    }

    @Test
    @DisplayName("refuses clients over the cap with 503 and Retry-After, and accepts again when one leaves")
    void clientCap() throws Exception {
        TestServer s = server(FakeLiveSource.sample(), LiveStream.Options.defaults().withMaxClients(2));
        SseClient one = open(s, "", null);
        SseClient two = open(s, "", null);
        assertEquals(200, one.status());
        assertEquals(200, two.status());
        SseClient three = open(s, "", null);
        assertEquals(503, three.status());
        assertTrue(three.response.headers().firstValue("Retry-After").isPresent());
        assertEquals(2.0, s.clientsGauge());
        assertEquals(1.0, s.registry.get("ccpulse.stream.rejected").tag("reason", "too_many_clients").counter().count());

        one.close();
        waitUntil(() -> s.clientsGauge() == 1.0, "the gauge did not go down after a client left");
        assertEquals(200, open(s, "", null).status());
    }

    @Test
    @DisplayName("drops a client that falls more than N snapshots behind, and only that one")
    void dropsClientTooFarBehind() throws Exception {
        FakeLiveSource fake = bigFake();
        TestServer s = server(fake, LiveStream.Options.defaults().withCheckInterval(Duration.ofMillis(10))
                .withSlowClientLimits(Duration.ofSeconds(30), 5, 16 * 1024));
        SseClient fast = open(s, "?queue=tech", null);
        assertNotNull(fast.next("snapshot", WAIT));
        try (Socket slow = stalledClient(s)) {
            AtomicBoolean changing = changeContinuously(fake);
            try {
                waitUntil(() -> s.dropped() >= 1, "the slow client was not dropped");
            } finally {
                changing.set(false);
            }
            assertEquals(1.0, s.registry.get("ccpulse.stream.dropped").tag("reason", "too_far_behind").counter().count());
            assertConnectionEnds(slow);
        }
        assertEquals(1.0, s.dropped(), "the fast client was dropped too");
        fake.bump();
        assertNotNull(fast.next("snapshot", WAIT), "the fast client stopped getting snapshots");
        waitUntil(() -> s.clientsGauge() == 1.0, "the dropped client is still counted");
    }

    @Test
    @DisplayName("drops a client whose write queue stays full longer than the limit")
    void dropsClientWithFullQueue() throws Exception {
        FakeLiveSource fake = bigFake();
        TestServer s = server(fake, LiveStream.Options.defaults().withCheckInterval(Duration.ofMillis(10))
                .withSlowClientLimits(Duration.ofMillis(300), 1_000_000, 16 * 1024));
        try (Socket slow = stalledClient(s)) {
            AtomicBoolean changing = changeContinuously(fake);
            try {
                waitUntil(() -> s.dropped() >= 1, "the slow client was not dropped");
            } finally {
                changing.set(false);
            }
            assertEquals(1.0, s.registry.get("ccpulse.stream.dropped").tag("reason", "write_queue_full").counter().count());
            assertConnectionEnds(slow);
        }
        waitUntil(() -> s.clientsGauge() == 0.0, "the dropped client is still counted");
    }

    @Test
    @DisplayName("answers 500 and keeps no client when the live source fails at connect")
    void sourceFailure() throws Exception {
        LiveSource broken = new LiveSource() {
            @Override
            public long version() {
                return 1;
            }

            @Override
            public JsonObject queues() {
                throw new IllegalStateException("engine not ready");
            }

            @Override
            public JsonObject agents() {
                return new JsonObject();
            }
        };
        TestServer s = server(broken, LiveStream.Options.defaults().withMaxClients(1));
        assertEquals(500, open(s, "", null).status());
        assertEquals(500, open(s, "", null).status(), "the failed client still holds the only place");
        assertEquals(0.0, s.clientsGauge());
    }

    @Test
    @DisplayName("ends every stream on disconnectAll (shutdown), and the gauge goes back to zero")
    void disconnectAll() throws Exception {
        TestServer s = server(FakeLiveSource.sample(), LiveStream.Options.defaults());
        SseClient a = open(s, "", null);
        SseClient b = open(s, "?agent=a-17", null);
        assertNotNull(a.next("snapshot", WAIT));
        assertNotNull(b.next("snapshot", WAIT));
        s.stream.disconnectAll();
        waitUntil(() -> s.clientsGauge() == 0.0, "clients still counted");
        assertNull(a.next("snapshot", Duration.ofMillis(300)));
    }

    /** A fake whose billing queue carries 256 KB of padding, so a client that does not read falls behind fast. */
    private static FakeLiveSource bigFake() {
        FakeLiveSource fake = FakeLiveSource.sample();
        fake.change(qs -> fake.queue("billing", "voice").put("padding", "x".repeat(256 * 1024)), as -> { });
        return fake;
    }

    private static AtomicBoolean changeContinuously(FakeLiveSource fake) {
        AtomicBoolean on = new AtomicBoolean(true);
        Thread t = new Thread(() -> {
            while (on.get()) {
                fake.bump();
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "fake-changes");
        t.setDaemon(true);
        t.start();
        return on;
    }

    /** An HTTP client that asks for the whole stream and never reads: a tiny receive window. */
    private static Socket stalledClient(TestServer s) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress("127.0.0.1", s.port()), 5000);
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + LiveStream.PATH + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    /** Reads what the server had sent until the connection ends (EOF or reset). */
    private static void assertConnectionEnds(Socket socket) throws IOException {
        socket.setSoTimeout(5000);
        InputStream in = socket.getInputStream();
        byte[] buf = new byte[1 << 16];
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        try {
            while (in.read(buf) >= 0) {
                assertTrue(System.nanoTime() < deadline, "the connection stayed open");
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the connection stayed open", e);
        } catch (SocketException e) {
            // reset by the server: ended
        }
    }

    static void waitUntil(BooleanSupplier condition, String message) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, message);
            Thread.sleep(20);
        }
    }
}
