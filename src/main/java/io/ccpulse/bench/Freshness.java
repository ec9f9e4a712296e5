package io.ccpulse.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.HdrHistogram.Histogram;

/**
 * Scenario 3: freshness of the live API under load.
 *
 * <p>A fresh database and service take a constant background load (open loop, like scenario 2).
 * Meanwhile probes, one at a time: a single {@code contact.queued} for a contact of the marked queue
 * {@value #QUEUE} (never answered, so its waiting count only grows) is posted; from the moment the 2xx
 * arrives, {@code GET /v1/live/queues?queue=...} is polled back to back until {@code waiting} shows
 * the probe; freshness = arrival of that poll's answer - arrival of the 2xx (an upper bound: the
 * effect may have become visible up to one poll round trip earlier). Then a random pause of 10..50 ms,
 * so the probes fall at every phase of the engine's publishing cycle.
 */
final class Freshness {

    static final String S = "3 freshness";
    static final String QUEUE = "bench-fresh";

    private Freshness() {
    }

    static List<Row> run(BenchContext ctx) throws Exception {
        double rate = ctx.sizes.freshnessRate();
        int batch = ctx.sizes.latencyBatch();
        try (BenchDb db = BenchDb.create(ctx.server, "fresh");
             ServiceProcess svc = ctx.startService(db, "freshness")) {
            Load background = new Load(svc.base());
            Load probe = new Load(svc.base());
            EventGen gen = new EventGen(77, "f", ctx.sizes.generatorQueues(), ctx.sizes.generatorAgents(),
                    System.currentTimeMillis(), rate);
            AtomicBoolean stop = new AtomicBoolean();
            Duration warmup = ctx.sizes.latencyWarmup();
            CompletableFuture<Load.Open> load = CompletableFuture.supplyAsync(() -> {
                try {
                    return background.openLoop(AckLatency.bodies(gen, batch), rate / batch, warmup,
                            Duration.ofMinutes(30), stop::get);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(warmup.toMillis() + 10);
            BenchContext.Meter meter = ctx.meter(String.format("3 freshness at %,.0f events/s", rate), db, svc);
            Histogram fresh = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
            Histogram poll = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
            SplittableRandom rnd = new SplittableRandom(5);
            int timeouts = 0;
            try {
                for (int i = 0; i < ctx.sizes.freshnessProbes(); i++) {
                    String json = "{\"id\":\"fresh-" + i + "\",\"type\":\"contact.queued\",\"time\":\"" + Instant.now()
                            + "\",\"contact\":\"fresh-c-" + i + "\",\"channel\":\"voice\",\"queue\":\"" + QUEUE + "\"}";
                    probe.postUntilStored(("[" + json + "]").getBytes(StandardCharsets.UTF_8));
                    long acked = System.nanoTime();
                    long seen = -1;
                    while (System.nanoTime() - acked < TimeUnit.SECONDS.toNanos(10)) {
                        long sent = System.nanoTime();
                        HttpResponse<String> r = probe.get("/v1/live/queues?queue=" + QUEUE);
                        long now = System.nanoTime();
                        poll.recordValue((now - sent) / 1000);
                        if (waiting(r.body()) >= i + 1) {
                            seen = now;
                            break;
                        }
                    }
                    if (seen < 0) {
                        timeouts++;
                        fresh.recordValue(TimeUnit.SECONDS.toMicros(10));
                    } else {
                        fresh.recordValue((seen - acked) / 1000);
                    }
                    Thread.sleep(10 + rnd.nextInt(41));
                }
            } finally {
                stop.set(true);
            }
            meter.stop();
            Load.Open bg = load.get(5, TimeUnit.MINUTES);
            String what = String.format("at %,.0f events/s background load, %d probes", rate, fresh.getTotalCount());
            String note = String.format("p50 %.1f ms, max %.1f ms, %d probes not seen within 10 s; poll round trip "
                            + "p50 %.2f ms (the resolution); background: %,d requests, %d failed, ack p99 %.1f ms",
                    fresh.getValueAtPercentile(50) / 1000.0, fresh.getMaxValue() / 1000.0, timeouts,
                    poll.getValueAtPercentile(50) / 1000.0, bg.sent(), bg.failed(),
                    bg.latencyMicros().getValueAtPercentile(99) / 1000.0);
            List<Row> rows = new ArrayList<>();
            rows.add(Row.of(S, "p50 ack to live API (`/v1/live/queues`) " + what,
                    fresh.getValueAtPercentile(50) / 1000.0, "ms"));
            double p99 = fresh.getValueAtPercentile(99) / 1000.0;
            Row p99Row = Row.of(S, "p99 ack to live API (`/v1/live/queues`) " + what, p99, "ms").note(note);
            if (rate == 5_000) {
                p99Row = p99Row.target("< 50 ms", p99 < 50 && timeouts == 0);
            }
            rows.add(p99Row);
            return rows;
        }
    }

    static int waiting(String body) {
        JsonArray queues = new JsonObject(body).getJsonArray("queues");
        int n = 0;
        for (int i = 0; i < queues.size(); i++) {
            JsonObject q = queues.getJsonObject(i);
            if (QUEUE.equals(q.getString("queue"))) {
                n += q.getInteger("waiting", 0);
            }
        }
        return n;
    }
}
