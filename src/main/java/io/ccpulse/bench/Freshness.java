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

    /** Each probe's POST and each poll get their own timeout; a probe that fails is counted and skipped. */
    static final Duration POST_TIMEOUT = Duration.ofSeconds(5);
    static final Duration POLL_TIMEOUT = Duration.ofSeconds(2);
    static final long SEEN_WITHIN_S = 10;
    /** Probing stops after this long even if not all probes were sent (each probe can take up to 17 s). */
    static final long MAX_PROBING_S = 180;

    static List<Row> run(BenchContext ctx) throws Exception {
        double rate = ctx.sizes.freshnessRate();
        int batch = ctx.sizes.latencyBatch();
        java.nio.file.Path gcLog = ctx.workDir.resolve("gc-freshness.log");
        java.nio.file.Files.deleteIfExists(gcLog);
        try (BenchDb db = BenchDb.create(ctx.server, "fresh");
             ServiceProcess svc = ctx.startService(db, "freshness", List.of("-Xlog:gc:file=" + gcLog + ":uptime"))) {
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
            double gcUptimeStart = lastUptime(gcLog);
            BenchContext.Meter meter = ctx.meter(String.format("3 freshness at %,.0f events/s", rate), db, svc);
            Histogram fresh = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
            Histogram poll = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
            // how far the background's event clock is from the wall clock (the probe's event time) at each probe
            long[] skew = {Long.MAX_VALUE, Long.MIN_VALUE};
            SplittableRandom rnd = new SplittableRandom(5);
            int attempted = 0;
            int postFailed = 0;
            int notSeen = 0;
            int pollErrors = 0;
            double[] maxGauges = new double[3];
            String firstFailure = null;
            boolean died = false;
            long startNanos = System.nanoTime();
            double replaysBefore = counter(probe, "ccpulse_engine_replays_total ");
            try {
                for (int i = 0; i < ctx.sizes.freshnessProbes(); i++) {
                    if (!svc.alive()) {
                        died = true;
                        break;
                    }
                    if (System.nanoTime() - startNanos > TimeUnit.SECONDS.toNanos(MAX_PROBING_S)) {
                        break; // the run must end: fewer probes, said in the row
                    }
                    if (i % 20 == 0) {
                        sampleGauges(probe, maxGauges);
                    }
                    attempted++;
                    int before;
                    try {
                        before = waiting(probe.get("/v1/live/queues?queue=" + QUEUE, POLL_TIMEOUT).body());
                    } catch (Exception e) {
                        pollErrors++;
                        postFailed++;
                        firstFailure = firstFailure != null ? firstFailure : "probe " + i + ": live API before the post: " + e;
                        continue;
                    }
                    // the probe's event time is the background stream's (as from a source whose clock agrees with
                    // the others'); the wall clock is 1-2 s off the generator's event clock, which would make every
                    // probe an out-of-order event that rolls the engine back that far (measured: the note's skew)
                    long streamMs = gen.clockMs();
                    Instant probeTime = Instant.ofEpochMilli(streamMs);
                    long ahead = streamMs - System.currentTimeMillis();
                    skew[0] = Math.min(skew[0], ahead);
                    skew[1] = Math.max(skew[1], ahead);
                    String json = "{\"id\":\"fresh-" + i + "\",\"type\":\"contact.queued\",\"time\":\"" + probeTime
                            + "\",\"contact\":\"fresh-c-" + i + "\",\"channel\":\"voice\",\"queue\":\"" + QUEUE + "\"}";
                    try {
                        int st = probe.postOnce(("[" + json + "]").getBytes(StandardCharsets.UTF_8), POST_TIMEOUT);
                        if (st / 100 != 2) {
                            postFailed++;
                            firstFailure = firstFailure != null ? firstFailure : "probe " + i + ": POST answered " + st;
                            continue;
                        }
                    } catch (Exception e) {
                        postFailed++;
                        firstFailure = firstFailure != null ? firstFailure : "probe " + i + ": POST: " + e;
                        continue;
                    }
                    long acked = System.nanoTime();
                    long seen = -1;
                    while (System.nanoTime() - acked < TimeUnit.SECONDS.toNanos(SEEN_WITHIN_S)) {
                        long sent = System.nanoTime();
                        HttpResponse<String> r;
                        try {
                            r = probe.get("/v1/live/queues?queue=" + QUEUE, POLL_TIMEOUT);
                        } catch (Exception e) {
                            pollErrors++;
                            continue;
                        }
                        long now = System.nanoTime();
                        poll.recordValue((now - sent) / 1000);
                        if (waiting(r.body()) >= before + 1) {
                            seen = now;
                            break;
                        }
                    }
                    if (seen < 0) {
                        notSeen++;
                    } else {
                        fresh.recordValue((seen - acked) / 1000);
                    }
                    Thread.sleep(10 + rnd.nextInt(41));
                }
                sampleGauges(probe, maxGauges);
            } finally {
                stop.set(true);
            }
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            double replays = counter(probe, "ccpulse_engine_replays_total ") - replaysBefore;
            meter.stop();
            String gc = gcSummary(gcLog, gcUptimeStart);
            Load.Open bg = load.get(5, TimeUnit.MINUTES);
            int failed = postFailed + notSeen;
            String what = String.format("at %,.0f events/s background load, %d probes seen of %d", rate,
                    fresh.getTotalCount(), attempted);
            String note = String.format("%d probes failed (%d POSTs without a 2xx within %d s, %d acknowledged but not seen "
                            + "within %d s; skipped, not in the percentiles)%s%s; p50 %.1f ms, max %.1f ms; poll round trip "
                            + "p50 %.2f ms (the resolution), %d polls failed; during the %.0f s: max engine backlog %.0f "
                            + "batches, max write queue %.0f events, max fact queue %.0f (sampled every 20 probes), "
                            + "%,.0f rollbacks of the engine (%.1f/s); the background's event clock (the probes' event time) "
                            + "was %d to %d ms ahead of the wall clock; service GC: %s; background: %,d requests, %d "
                            + "failed, ack p99 %.1f ms",
                    failed, postFailed, POST_TIMEOUT.toSeconds(), notSeen, SEEN_WITHIN_S,
                    firstFailure == null ? "" : ", first: " + firstFailure, died ? "; THE SERVICE DIED" : "",
                    pct(fresh, 50), fresh.getTotalCount() == 0 ? Double.NaN : fresh.getMaxValue() / 1000.0,
                    poll.getTotalCount() == 0 ? Double.NaN : poll.getValueAtPercentile(50) / 1000.0, pollErrors, seconds,
                    maxGauges[0], maxGauges[1], maxGauges[2], replays, replays / seconds, skew[0], skew[1], gc, bg.sent(), bg.failed(),
                    bg.latencyMicros().getValueAtPercentile(99) / 1000.0);
            ctx.log.println("  " + note);
            List<Row> rows = new ArrayList<>();
            rows.add(Row.of(S, "p50 ack to live API (`/v1/live/queues`) " + what, pct(fresh, 50), "ms"));
            double p99 = pct(fresh, 99);
            Row p99Row = Row.of(S, "p99 ack to live API (`/v1/live/queues`) " + what, p99, "ms").note(note);
            if (rate == 5_000) {
                p99Row = p99Row.target("< 50 ms (and no failed probe)", p99 < 50 && failed == 0 && !died);
            }
            rows.add(p99Row);
            rows.add(Row.of(S, "failed probes (no 2xx within 5 s, or not visible within 10 s) " + what, failed, "probes"));
            return rows;
        }
    }

    private static double pct(Histogram h, double p) {
        return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(p) / 1000.0;
    }

    private static final String[] GAUGES = {"ccpulse_live_backlog_batches ", "ccpulse_write_queue_depth ",
        "ccpulse_facts_queue_depth "};

    /** A counter's value from /metrics (NaN when it cannot be read). */
    private static double counter(Load probe, String name) {
        return metrics(probe, name)[0];
    }

    private static void sampleGauges(Load probe, double[] max) {
        double[] v = metrics(probe, GAUGES);
        for (int k = 0; k < GAUGES.length; k++) {
            if (!Double.isNaN(v[k])) {
                max[k] = Math.max(max[k], v[k]);
            }
        }
    }

    /** {@link Load#metrics}, NaN for all when /metrics does not answer (maxima are over the samples that did). */
    private static double[] metrics(Load probe, String... names) {
        try {
            return probe.metrics(Duration.ofSeconds(5), names);
        } catch (Exception e) {
            double[] none = new double[names.length];
            java.util.Arrays.fill(none, Double.NaN);
            return none;
        }
    }

    private static final java.util.regex.Pattern GC_LINE =
            java.util.regex.Pattern.compile("^\\[([0-9.]+)s\\].*Pause.* ([0-9.]+)ms$");

    private static double lastUptime(java.nio.file.Path log) {
        double last = 0;
        try {
            for (String line : java.nio.file.Files.readAllLines(log)) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("^\\[([0-9.]+)s\\]").matcher(line);
                if (m.find()) {
                    last = Double.parseDouble(m.group(1));
                }
            }
        } catch (Exception e) {
            // no log yet
        }
        return last;
    }

    /** GC pauses of the service after uptime {@code from} (seconds), from its -Xlog:gc file. */
    static String gcSummary(java.nio.file.Path log, double from) {
        try {
            int n = 0;
            double total = 0;
            double max = 0;
            for (String line : java.nio.file.Files.readAllLines(log)) {
                java.util.regex.Matcher m = GC_LINE.matcher(line.trim());
                if (m.find() && Double.parseDouble(m.group(1)) > from) {
                    double ms = Double.parseDouble(m.group(2));
                    n++;
                    total += ms;
                    max = Math.max(max, ms);
                }
            }
            return String.format("%d pauses, %.0f ms in all, longest %.0f ms", n, total, max);
        } catch (Exception e) {
            return "no GC log (" + e.getMessage() + ")";
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
