package io.ccpulse.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * The load generator: keep-alive HTTP/1.1 with the JDK client. Request bodies are built before the
 * timed part where possible (closed loop), so the generator spends its CPU on sending, not on JSON.
 */
final class Load {

    private final HttpClient http;
    private final URI events;
    private final String base;

    Load(String base) {
        this.base = base;
        this.events = URI.create(base + "/v1/events");
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newFixedThreadPool(2, r -> {
                    Thread t = new Thread(r, "bench-http");
                    t.setDaemon(true);
                    return t;
                }))
                .build();
    }

    HttpRequest post(byte[] body) {
        return HttpRequest.newBuilder(events).timeout(Duration.ofSeconds(120))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + ServiceProcess.TOKEN)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    /** A JSON array of events. */
    static byte[] array(List<String> events) {
        StringBuilder b = new StringBuilder(events.size() * 260 + 2).append('[');
        for (int i = 0; i < events.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append(events.get(i));
        }
        return b.append(']').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Posts one body until it is stored (2xx); 503 is retried after a pause. Returns the retries. */
    int postUntilStored(byte[] body) throws IOException, InterruptedException {
        HttpRequest r = post(body);
        for (int retries = 0; ; retries++) {
            HttpResponse<String> resp = http.send(r, HttpResponse.BodyHandlers.ofString());
            if (resp.statusCode() / 100 == 2) {
                return retries;
            }
            if (resp.statusCode() != 503 || retries > 100) {
                throw new IllegalStateException("ingest answered " + resp.statusCode() + ": " + resp.body());
            }
            Thread.sleep(50);
        }
    }

    record Closed(double seconds, long requests, long retries) { }

    /** N clients each send the next body as soon as the previous one is answered, until none is left. */
    Closed closedLoop(List<byte[]> bodies, int clients) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        AtomicLong retries = new AtomicLong();
        List<Throwable> errors = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            pool.execute(() -> {
                int i;
                try {
                    while ((i = next.getAndIncrement()) < bodies.size()) {
                        retries.addAndGet(postUntilStored(bodies.get(i)));
                    }
                } catch (IOException | RuntimeException e) {
                    synchronized (errors) {
                        errors.add(e);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        pool.shutdown();
        if (!pool.awaitTermination(30, TimeUnit.MINUTES)) {
            pool.shutdownNow();
            throw new IllegalStateException("closed loop did not finish in 30 minutes");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (!errors.isEmpty()) {
            throw new IllegalStateException("ingest failed: " + errors.get(0), errors.get(0));
        }
        return new Closed(seconds, bodies.size(), retries.get());
    }

    /** The result of an open-loop run: latency from the intended send time to the 2xx, microseconds. */
    record Open(Histogram latencyMicros, long sent, long ok, long failed, double seconds, long maxLagMicros,
                int maxInFlight) { }

    /**
     * At most this many requests of an open-loop run wait for their answer at once (each holds one
     * HTTP/1.1 connection); past it the sender waits, and the wait counts in the latency of the
     * requests that fall due meanwhile, since latency runs from the due time.
     */
    static final int MAX_IN_FLIGHT = 2_000;

    /**
     * Open loop at a constant rate: request {@code i} is due at {@code start + i * interval}, and its
     * latency is counted from that moment, whether or not the sender managed to send it on time (so
     * coordinated omission cannot hide a stall). Runs for {@code warmup} unrecorded, then records for
     * {@code measure}; then waits for the outstanding answers.
     */
    Open openLoop(Supplier<byte[]> bodies, double requestsPerSecond, Duration warmup, Duration measure)
            throws InterruptedException {
        return openLoop(bodies, requestsPerSecond, warmup, measure, () -> false);
    }

    /** As above; stops early (recording what was sent) once {@code stop} says so. */
    Open openLoop(Supplier<byte[]> bodies, double requestsPerSecond, Duration warmup, Duration measure,
                  java.util.function.BooleanSupplier stop) throws InterruptedException {
        Histogram h = new Histogram(TimeUnit.SECONDS.toMicros(120), 3);
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long intervalNanos = (long) (1e9 / requestsPerSecond);
        long start = System.nanoTime() + 10_000_000;
        long recordFrom = start + warmup.toNanos();
        long end = recordFrom + measure.toNanos();
        List<CompletableFuture<?>> inFlight = new ArrayList<>();
        java.util.concurrent.Semaphore slots = new java.util.concurrent.Semaphore(MAX_IN_FLIGHT);
        AtomicInteger busy = new AtomicInteger();
        int maxBusy = 0;
        long sent = 0;
        long maxLag = 0;
        for (long i = 0; ; i++) {
            long due = start + i * intervalNanos;
            if (due >= end || stop.getAsBoolean()) {
                end = Math.min(end, due);
                break;
            }
            byte[] body = bodies.get();
            long now = System.nanoTime();
            while (now < due) {
                LockSupport.parkNanos(due - now);
                now = System.nanoTime();
            }
            slots.acquire();
            maxBusy = Math.max(maxBusy, busy.incrementAndGet());
            now = System.nanoTime();
            boolean record = due >= recordFrom;
            if (record) {
                maxLag = Math.max(maxLag, (now - due) / 1000);
                sent++;
            }
            CompletableFuture<?> f = http.sendAsync(post(body), HttpResponse.BodyHandlers.discarding())
                    .whenComplete((r, e) -> {
                        long micros = (System.nanoTime() - due) / 1000;
                        busy.decrementAndGet();
                        slots.release();
                        if (!record) {
                            return;
                        }
                        if (e == null && r.statusCode() / 100 == 2) {
                            ok.incrementAndGet();
                            synchronized (h) {
                                h.recordValue(Math.min(micros, h.getHighestTrackableValue()));
                            }
                        } else {
                            failed.incrementAndGet();
                        }
                    });
            inFlight.add(f);
            if (inFlight.size() > 10_000) {
                inFlight.removeIf(CompletableFuture::isDone);
            }
        }
        long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        for (CompletableFuture<?> f : inFlight) {
            try {
                f.get(Math.max(1, waitUntil - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                // counted as failed in whenComplete, or never answered: counted below
            }
        }
        long unanswered = sent - ok.get() - failed.get();
        synchronized (h) {
            return new Open(h.copy(), sent, ok.get(), failed.get() + Math.max(0, unanswered),
                    Math.max(0, end - recordFrom) / 1e9, maxLag, maxBusy);
        }
    }

    /** Posts one body once, with its own timeout; returns the status (throws on timeout or I/O error). */
    int postOnce(byte[] body, Duration timeout) throws IOException, InterruptedException {
        HttpRequest r = HttpRequest.newBuilder(events).timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + ServiceProcess.TOKEN)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return http.send(r, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    HttpResponse<String> get(String path, Duration timeout) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * The values of the named series from one {@code /metrics} answer, NaN where a series is missing; each name
     * is matched as the start of a line, so it ends with a space (or with its labels).
     */
    double[] metrics(Duration timeout, String... names) throws IOException, InterruptedException {
        double[] out = new double[names.length];
        java.util.Arrays.fill(out, Double.NaN);
        for (String line : get("/metrics", timeout).body().split("\n")) {
            for (int k = 0; k < names.length; k++) {
                if (line.startsWith(names[k])) {
                    out[k] = Double.parseDouble(line.substring(names[k].length()).trim());
                }
            }
        }
        return out;
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
