package io.ccpulse.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;

/**
 * Scenario 2: acknowledgement latency under a constant offered load (open loop).
 *
 * <p>One fresh database and service; for each rate, in increasing order, requests of
 * {@code latencyBatch} events are due at fixed intervals ({@code batch / rate}); each is sent at its
 * due time (or as soon as the sender can, if it fell behind) without waiting for earlier answers, and
 * its latency runs from the due time to the 2xx (HdrHistogram, microseconds), so a stall of the
 * service counts for every request that should have been sent during it (no coordinated omission).
 * Event times follow the wall clock (the generator runs at the offered rate), so the live engine
 * applies them as it would in production. Each rate has an unrecorded warm-up first.
 */
final class AckLatency {

    static final String S = "2 ack latency";

    private AckLatency() {
    }

    static List<Row> run(BenchContext ctx) throws Exception {
        List<Row> rows = new ArrayList<>();
        try (BenchDb db = BenchDb.create(ctx.server, "latency");
             ServiceProcess svc = ctx.startService(db, "latency")) {
            Load load = new Load(svc.base());
            for (double rate : ctx.sizes.latencyRates()) {
                int batch = ctx.sizes.latencyBatch();
                EventGen gen = new EventGen((long) rate, "l" + (long) rate, ctx.sizes.generatorQueues(),
                        ctx.sizes.generatorAgents(), System.currentTimeMillis(), rate);
                BenchContext.Meter meter = ctx.meter(String.format("2 ack latency at %,.0f events/s", rate), db, svc);
                Load.Open r = load.openLoop(bodies(gen, batch), rate / batch, ctx.sizes.latencyWarmup(),
                        ctx.sizes.latencyMeasure());
                meter.stop();
                rows.addAll(rows(r, rate, batch));
            }
        }
        return rows;
    }

    static Supplier<byte[]> bodies(EventGen gen, int batch) {
        List<String> events = new ArrayList<>(batch);
        return () -> {
            events.clear();
            for (int i = 0; i < batch; i++) {
                events.add(gen.next());
            }
            return Load.array(events);
        };
    }

    private static List<Row> rows(Load.Open r, double rate, int batch) {
        Histogram h = r.latencyMicros();
        String what = String.format("%,.0f events/s offered (%d-event requests, %.0f s)", rate, batch, r.seconds());
        String note = String.format("%,d requests, %,d failed/unanswered, achieved %,.0f events/s, max %.1f ms, "
                        + "sender lag max %.1f ms, up to %,d requests in flight%s", r.sent(), r.failed(),
                r.ok() * batch / r.seconds(), h.getMaxValue() / 1000.0, r.maxLagMicros() / 1000.0, r.maxInFlight(),
                r.maxInFlight() >= Load.MAX_IN_FLIGHT ? " (the cap: the sender waited)" : "");
        List<Row> rows = new ArrayList<>();
        double p50 = h.getValueAtPercentile(50) / 1000.0;
        double p99 = h.getValueAtPercentile(99) / 1000.0;
        double p999 = h.getValueAtPercentile(99.9) / 1000.0;
        if (h.getTotalCount() == 0) {
            p50 = p99 = p999 = Double.NaN;
        }
        rows.add(Row.of(S, "p50 at " + what, p50, "ms"));
        Row p99Row = Row.of(S, "p99 at " + what, p99, "ms");
        if (rate == 5_000) {
            p99Row = p99Row.target("< 100 ms", p99 < 100 && r.failed() == 0);
        }
        rows.add(p99Row.note(note));
        rows.add(Row.of(S, "p99.9 at " + what, p999, "ms"));
        return rows;
    }
}
