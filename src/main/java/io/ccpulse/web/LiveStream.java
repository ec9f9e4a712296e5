package io.ccpulse.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code GET /v1/live/stream}: the live snapshot as server-sent events.
 *
 * <p>Protocol: {@code retry: <ms>} first; then event {@code snapshot} with {@code id: <epoch>-<version>}
 * and data {@code {"generated_at", "queues":[...], "agents":[...]}} (filtered, see {@link LiveFilter}),
 * at connect and whenever {@link LiveSource#version()} changed; a {@code : heartbeat} comment plus an
 * event {@code heartbeat} ({@code {"time", "heartbeat_s"}}, no id) every heartbeat interval. A
 * client reconnecting with {@code Last-Event-ID} (header, or {@code last_event_id} parameter) equal
 * to the current id gets no initial snapshot. The epoch (stream start time) makes ids from before
 * a restart never match.
 *
 * <p>Threads: one instance serves every event loop. A periodic timer on the stream's own context
 * checks the version every {@code checkInterval}, builds each distinct filter's frame once, and
 * hands the frames to each client on the client's own context; everything about a client's
 * response happens on its context.
 *
 * <p>Slow clients: a snapshot is not written while the client's write queue is full (only the
 * newest is sent once it drains). A client whose queue stays full longer than
 * {@code maxWriteQueueFull}, or that misses more than {@code maxSnapshotsBehind} snapshots in a
 * row, is disconnected and counted.
 */
public final class LiveStream implements AutoCloseable {

    public static final String PATH = "/v1/live/stream";

    private static final System.Logger LOG = System.getLogger(LiveStream.class.getName());

    /**
     * @param maxClients          concurrent stream clients; more get 503 with Retry-After
     * @param checkInterval       how often the version is checked (the push latency bound)
     * @param heartbeat           interval of the heartbeat comment (keeps proxies from closing)
     * @param retry               the reconnect delay sent to browsers ({@code retry:})
     * @param maxWriteQueueFull   how long a client's write queue may stay full before it is dropped
     * @param maxSnapshotsBehind  how many snapshots in a row a client may miss before it is dropped
     * @param writeQueueMaxBytes  the response's write queue size; 0 keeps the Vert.x default
     */
    public record Options(int maxClients, Duration checkInterval, Duration heartbeat, Duration retry,
                          Duration maxWriteQueueFull, int maxSnapshotsBehind, int writeQueueMaxBytes) {

        public Options {
            if (maxClients < 1 || maxSnapshotsBehind < 1 || writeQueueMaxBytes < 0) {
                throw new IllegalArgumentException("maxClients and maxSnapshotsBehind must be >= 1, "
                        + "writeQueueMaxBytes >= 0");
            }
            if (checkInterval.toMillis() < 1 || heartbeat.toMillis() < 1 || retry.isNegative()
                    || maxWriteQueueFull.isNegative()) {
                throw new IllegalArgumentException("intervals must be positive");
            }
        }

        public static Options defaults() {
            return new Options(500, Duration.ofMillis(100), Duration.ofSeconds(15), Duration.ofSeconds(2),
                    Duration.ofSeconds(5), 50, 0);
        }

        public Options withMaxClients(int v) {
            return new Options(v, checkInterval, heartbeat, retry, maxWriteQueueFull, maxSnapshotsBehind,
                    writeQueueMaxBytes);
        }

        public Options withCheckInterval(Duration v) {
            return new Options(maxClients, v, heartbeat, retry, maxWriteQueueFull, maxSnapshotsBehind,
                    writeQueueMaxBytes);
        }

        public Options withHeartbeat(Duration v) {
            return new Options(maxClients, checkInterval, v, retry, maxWriteQueueFull, maxSnapshotsBehind,
                    writeQueueMaxBytes);
        }

        public Options withSlowClientLimits(Duration maxFull, int maxBehind, int writeQueueBytes) {
            return new Options(maxClients, checkInterval, heartbeat, retry, maxFull, maxBehind, writeQueueBytes);
        }
    }

    private final Vertx vertx;
    private final LiveSource source;
    private final Options options;
    private final String epoch = Long.toString(System.currentTimeMillis(), 36);
    private final Set<Client> clients = ConcurrentHashMap.newKeySet();
    private final AtomicInteger clientCount = new AtomicInteger();
    private final Counter droppedQueueFull;
    private final Counter droppedBehind;
    private final Counter rejectedCapacity;
    private final Counter rejectedBadRequest;
    private final long checkTimer;
    private final long heartbeatTimer;
    private long lastSourceFailureLog;

    /** Starts the timers on a context of its own: create it outside any verticle (composition root). */
    public LiveStream(Vertx vertx, LiveSource source, MeterRegistry registry, Options options) {
        this.vertx = vertx;
        this.source = source;
        this.options = options;
        Gauge.builder("ccpulse.stream.clients", clientCount, AtomicInteger::get)
                .description("Clients connected to the live stream (server-sent events)").register(registry);
        droppedQueueFull = dropped(registry, "write_queue_full");
        droppedBehind = dropped(registry, "too_far_behind");
        rejectedCapacity = rejected(registry, "too_many_clients");
        rejectedBadRequest = rejected(registry, "bad_request");
        // both timers hop onto one context, so check() and heartbeat() never run at the same time
        Context own = vertx.getOrCreateContext();
        checkTimer = vertx.setPeriodic(options.checkInterval().toMillis(), id -> own.runOnContext(x -> check()));
        heartbeatTimer = vertx.setPeriodic(options.heartbeat().toMillis(), id -> own.runOnContext(x -> heartbeat()));
    }

    private static Counter dropped(MeterRegistry registry, String reason) {
        return Counter.builder("ccpulse.stream.dropped").tag("reason", reason)
                .description("Live stream clients disconnected for reading too slowly").register(registry);
    }

    private static Counter rejected(MeterRegistry registry, String reason) {
        return Counter.builder("ccpulse.stream.rejected").tag("reason", reason)
                .description("Live stream connections refused (too many clients, bad parameters)").register(registry);
    }

    /** Clients connected now. */
    public int clients() {
        return clientCount.get();
    }

    /** The route handler; put the read guard in front of it. */
    public void handle(RoutingContext ctx) {
        HttpServerResponse response = ctx.response();
        LiveFilter filter;
        try {
            filter = LiveFilter.parse(ctx.queryParam("queue"), ctx.queryParam("agent"));
        } catch (IllegalArgumentException e) {
            rejectedBadRequest.increment();
            response.setStatusCode(400).putHeader("Content-Type", "application/json")
                    .end(new JsonObject().put("error", e.getMessage()).encode());
            return;
        }
        if (clientCount.incrementAndGet() > options.maxClients()) {
            clientCount.decrementAndGet();
            rejectedCapacity.increment();
            response.setStatusCode(503).putHeader("Retry-After", "5").putHeader("Content-Type", "application/json")
                    .end(new JsonObject().put("error", "too many live stream clients, retry later").encode());
            return;
        }
        Client client = new Client(ctx.vertx().getOrCreateContext(), response, filter,
                String.valueOf(ctx.request().remoteAddress()));
        try {
            start(ctx, client);
        } catch (RuntimeException e) {
            client.gone();
            ctx.fail(e);
        }
    }

    private void start(RoutingContext ctx, Client client) {
        HttpServerResponse response = client.response;
        response.closeHandler(v -> client.gone());
        response.exceptionHandler(e -> client.gone());
        if (options.writeQueueMaxBytes() > 0) {
            response.setWriteQueueMaxSize(options.writeQueueMaxBytes());
        }
        // the version is read before the state, so a change in between is sent again, never lost
        long version = source.version();
        StringBuilder first = new StringBuilder("retry: ").append(options.retry().toMillis()).append("\n\n");
        String lastEventId = ctx.request().getHeader("Last-Event-ID");
        if (lastEventId == null) {
            lastEventId = ctx.request().getParam("last_event_id");
        }
        if (!id(version).equals(lastEventId)) {
            first.append(snapshotFrame(version, client.filter.apply(source.queues(), source.agents()).encode()));
        }
        client.sentVersion = version;
        response.setChunked(true)
                .putHeader("Content-Type", "text/event-stream; charset=utf-8")
                .putHeader("Cache-Control", "no-cache, no-transform")
                .putHeader("X-Accel-Buffering", "no")
                .putHeader("X-Content-Type-Options", "nosniff");
        response.write(first.toString());
        client.afterWrite();
        clients.add(client);
        if (response.closed()) {
            client.gone();
        }
    }

    /** On the stream's context: new snapshots for clients that lack the current version; slow clients out. */
    private void check() {
        if (clients.isEmpty()) {
            return;
        }
        long now = System.nanoTime();
        long maxFull = options.maxWriteQueueFull().toNanos();
        for (Client c : clients) {
            if (c.fullSince != 0 && now - c.fullSince > maxFull) {
                c.context.runOnContext(v -> c.drop(droppedQueueFull, "write queue full for more than "
                        + options.maxWriteQueueFull().toMillis() + " ms"));
            }
        }
        try {
            long version = source.version();
            JsonObject queues = null;
            JsonObject agents = null;
            Map<LiveFilter, String> frames = new HashMap<>();
            for (Client c : clients) {
                if (c.sentVersion >= version) {
                    continue;
                }
                if (queues == null) {
                    queues = source.queues();
                    agents = source.agents();
                }
                JsonObject q = queues;
                JsonObject a = agents;
                String frame = frames.computeIfAbsent(c.filter, f -> snapshotFrame(version, f.apply(q, a).encode()));
                c.context.runOnContext(v -> c.offer(version, frame));
            }
        } catch (RuntimeException e) {
            if (now - lastSourceFailureLog > 60_000_000_000L || lastSourceFailureLog == 0) {
                lastSourceFailureLog = now == 0 ? 1 : now;
                LOG.log(System.Logger.Level.WARNING, "live stream: reading the live source failed (logged once a minute)",
                        e);
            }
        }
    }

    private void heartbeat() {
        String frame = ": heartbeat\nevent: heartbeat\ndata: " + new JsonObject()
                .put("time", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString())
                .put("heartbeat_s", options.heartbeat().toMillis() / 1000.0).encode() + "\n\n";
        for (Client c : clients) {
            c.context.runOnContext(v -> c.heartbeat(frame));
        }
    }

    private String id(long version) {
        return epoch + "-" + version;
    }

    private String snapshotFrame(long version, String json) {
        return "id: " + id(version) + "\nevent: snapshot\ndata: " + json + "\n\n";
    }

    /** Ends every client's stream; browsers reconnect after the retry delay. */
    void disconnectAll() {
        for (Client c : clients) {
            c.context.runOnContext(v -> {
                if (c.gone() && !c.response.closed()) {
                    c.response.end();
                }
            });
        }
    }

    /** Stops the timers and ends every stream. */
    @Override
    public void close() {
        vertx.cancelTimer(checkTimer);
        vertx.cancelTimer(heartbeatTimer);
        disconnectAll();
    }

    /** One connected client. Fields without volatile are touched on the client's context only. */
    private final class Client {
        final Context context;
        final HttpServerResponse response;
        final LiveFilter filter;
        final String remote;
        final AtomicBoolean removed = new AtomicBoolean();
        volatile long sentVersion = Long.MIN_VALUE;
        /** System.nanoTime() when the write queue was first seen full, 0 while it is not. */
        volatile long fullSince;
        long lastMissed = Long.MIN_VALUE;
        int behind;

        Client(Context context, HttpServerResponse response, LiveFilter filter, String remote) {
            this.context = context;
            this.response = response;
            this.filter = filter;
            this.remote = remote;
        }

        void offer(long version, String frame) {
            if (version <= sentVersion || !usable()) {
                return;
            }
            if (response.writeQueueFull()) {
                markFull();
                if (version != lastMissed) {
                    lastMissed = version;
                    behind++;
                }
                if (behind > options.maxSnapshotsBehind()) {
                    drop(droppedBehind, "more than " + options.maxSnapshotsBehind() + " snapshots behind");
                }
                return;
            }
            behind = 0;
            sentVersion = version;
            response.write(frame);
            afterWrite();
        }

        void heartbeat(String frame) {
            if (!usable()) {
                return;
            }
            if (response.writeQueueFull()) {
                markFull();
                return;
            }
            response.write(frame);
            afterWrite();
        }

        /** Whether the client is still there; forgets it when its connection closed unnoticed. */
        private boolean usable() {
            if (removed.get()) {
                return false;
            }
            if (response.closed()) {
                gone();
                return false;
            }
            return true;
        }

        void afterWrite() {
            if (response.writeQueueFull()) {
                markFull();
            }
        }

        private void markFull() {
            if (fullSince == 0) {
                long now = System.nanoTime();
                fullSince = now == 0 ? 1 : now;
                response.drainHandler(v -> fullSince = 0);
            }
        }

        void drop(Counter counter, String why) {
            if (removed.get()) {
                return;
            }
            counter.increment();
            LOG.log(System.Logger.Level.INFO, "live stream: dropped a slow client at {0}: {1}", remote, why);
            gone();
            response.reset();
        }

        /** Forgets the client (once); true for the call that did it. */
        boolean gone() {
            if (removed.compareAndSet(false, true)) {
                clients.remove(this);
                clientCount.decrementAndGet();
                return true;
            }
            return false;
        }
    }
}
