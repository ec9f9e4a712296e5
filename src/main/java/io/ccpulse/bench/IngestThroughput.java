package io.ccpulse.bench;

import io.ccpulse.config.Config;
import io.ccpulse.ingest.EventParser;
import io.ccpulse.ingest.ParsedEvent;
import io.ccpulse.store.Db;
import io.ccpulse.store.EventWriter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.atomic.AtomicInteger;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.PGConnection;

/**
 * Scenario 1: ingest throughput against a raw COPY.
 *
 * <p>For each batch size, a fresh database and a fresh service; the generator's events are cut into
 * request bodies before the clock starts; {@code clients} threads post them over keep-alive HTTP, each
 * sending its next body when the previous one is answered 2xx (stored and committed). Events per
 * second = events / wall time from the first send to the last answer. A warm-up of other events
 * (same sizes) runs first, unmeasured, so the JIT has compiled the path.
 *
 * <p>Then, in the same run, the same rows as the 1000-event run (id, type, time, source, late,
 * payload) go into the {@code events} hypertable of another fresh database with one {@code COPY ... FROM
 * STDIN} on one connection and one commit, built before the clock starts: the rate the database can
 * take rows into that table at all, with no HTTP, JSON, deduplication or engine.
 */
final class IngestThroughput {

    static final String S = "1 ingest";

    private IngestThroughput() {
    }

    static List<Row> run(BenchContext ctx) throws Exception {
        List<Row> rows = new ArrayList<>();
        List<String> copyEvents = null;
        double rate1000 = Double.NaN;
        List<double[]> rates = new ArrayList<>();
        List<String> cpuNotes = new ArrayList<>();
        for (int k = 0; k < ctx.sizes.batchSizes().length; k++) {
            int batch = ctx.sizes.batchSizes()[k];
            int n = ctx.sizes.ingestEvents()[k];
            EventGen gen = new EventGen(1000 + batch, "i" + batch, ctx.sizes.generatorQueues(),
                    ctx.sizes.generatorAgents(), System.currentTimeMillis() - 3_600_000L, 2_000);
            // the warm-up: as many events as measured, at most ingestWarmupEvents (a 1-event batch is slow)
            List<byte[]> warmup = bodies(gen, Math.max(batch, Math.min(n, ctx.sizes.ingestWarmupEvents())), batch, null);
            List<String> measured = new ArrayList<>(n);
            List<byte[]> bodies = bodies(gen, n, batch, measured);
            try (BenchDb db = BenchDb.create(ctx.server, "ingest" + batch);
                 ServiceProcess svc = ctx.startService(db, "ingest-" + batch)) {
                Load load = new Load(svc.base());
                load.closedLoop(warmup, ctx.clients);
                long before = db.count("SELECT count(*) FROM events");
                double[] m0 = writeStats(load);
                BenchContext.Meter meter = ctx.meter("1 ingest, batches of " + batch, db, svc);
                Load.Closed r = load.closedLoop(bodies, ctx.clients);
                Cpu.Split split = meter.stop();
                double[] m1 = writeStats(load);
                double groups = m1[0] - m0[0];
                String writes = groups <= 0 ? "" : String.format("; %,.0f transactions of %.0f events, %.1f ms each on "
                        + "average", groups, (m1[1] - m0[1]) / groups, (m1[2] - m0[2]) * 1000 / groups);
                long stored = db.count("SELECT count(*) FROM events") - before;
                if (stored != n) {
                    throw new IllegalStateException("batch " + batch + ": " + n + " events acknowledged, " + stored
                            + " stored");
                }
                double rate = n / r.seconds();
                ctx.log.printf("  batch %d: %d events in %.2f s = %.0f events/s (%d requests, %d retries)%n", batch, n,
                        r.seconds(), rate, r.requests(), r.retries());
                rates.add(new double[] {batch, rate, r.seconds(), r.retries()});
                cpuNotes.add(split.perThousand(n) + writes);
                if (batch == 1000) {
                    rate1000 = rate;
                }
            }
            if (k == ctx.sizes.batchSizes().length - 1) {
                copyEvents = measured;
            }
        }
        String[] copyNote = new String[1];
        double copyRate = copy(ctx, copyEvents, copyNote);
        String[] storeNote = new String[1];
        double storeRate = storageAlone(ctx, copyEvents, 1000, storeNote);
        for (int k = 0; k < rates.size(); k++) {
            double[] r = rates.get(k);
            int batch = (int) r[0];
            Row row = Row.of(S, "HTTP ingest, batches of " + batch + ", " + ctx.clients + " clients, until 2xx",
                    r[1], "events/s").note(String.format("%,d events in %.1f s, %d retries (503); %s",
                    ctx.sizes.ingestEvents()[indexOf(ctx.sizes.batchSizes(), batch)], r[2], (long) r[3],
                    cpuNotes.get(k)));
            rows.add(row);
        }
        rows.add(Row.of(S, "raw COPY of the same " + String.format("%,d", copyEvents.size())
                + " rows into `events` (fresh database, one COPY, one commit)", copyRate, "events/s")
                .note(copyNote[0]));
        rows.add(Row.of(S, "the service's storage alone: its `EventWriter` (2 writer threads, the same SQL) in this JVM, "
                + "the same rows parsed beforehand, " + ctx.clients + " threads submitting 1000 at a time", storeRate,
                "events/s").note(storeNote[0]));
        rows.add(Row.of(S, "ratio storage alone / raw COPY", storeRate / copyRate, "")
                .note("the ceiling the exactly-once write (id claim + insert, committed per group) puts on the HTTP ratio "
                        + "here, with no HTTP, JSON, validation or live engine using the cores"));
        for (double[] r : rates) {
            int batch = (int) r[0];
            Row ratio = Row.of(S, "ratio HTTP ingest / raw COPY, batches of " + batch, r[1] / copyRate, "");
            if (batch == 1000) {
                ratio = ratio.target(">= 0.5", r[1] / copyRate >= 0.5);
            }
            rows.add(ratio);
        }
        return rows;
    }

    /** {transactions, events, seconds} of the service's raw-event writer so far, from /metrics. */
    static double[] writeStats(Load load) throws Exception {
        double[] out = load.metrics(java.time.Duration.ofSeconds(60), "ccpulse_write_batch_seconds_count ",
                "ccpulse_write_batch_events_sum ", "ccpulse_write_batch_seconds_sum ");
        for (int k = 0; k < out.length; k++) {
            out[k] = Double.isNaN(out[k]) ? 0 : out[k]; // not written yet
        }
        return out;
    }

    private static int indexOf(int[] a, int v) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] == v) {
                return i;
            }
        }
        return -1;
    }

    /** {@code n} events cut into bodies of {@code batch}; the events themselves are kept in {@code keep}. */
    static List<byte[]> bodies(EventGen gen, int n, int batch, List<String> keep) {
        List<byte[]> out = new ArrayList<>(n / batch + 1);
        List<String> current = new ArrayList<>(batch);
        for (int i = 0; i < n; i++) {
            String e = gen.next();
            current.add(e);
            if (keep != null) {
                keep.add(e);
            }
            if (current.size() == batch || i == n - 1) {
                out.add(Load.array(current));
                current.clear();
            }
        }
        return out;
    }

    /**
     * The service's raw-event storage alone: the real {@link EventWriter} (its default 2 writer threads, its SQL,
     * its grouping of queued requests into transactions) on a fresh database, fed from {@code clients} threads
     * with the rows already parsed by the service's {@link EventParser} before the clock starts, each thread
     * submitting its next {@code batch} events when the previous ones are committed. No HTTP, no JSON, no live
     * engine: what the exactly-once write costs by itself. Rows per second.
     */
    static double storageAlone(BenchContext ctx, List<String> events, int batch, String[] note) throws Exception {
        EventParser parser = new EventParser(Long.MAX_VALUE / 4);
        long now = System.currentTimeMillis();
        List<List<ParsedEvent>> requests = new ArrayList<>();
        List<ParsedEvent> current = new ArrayList<>(batch);
        for (String json : events) {
            EventParser.Result r = parser.parse(new JsonObject(json), json, current.size(), now);
            if (r.event() == null) {
                throw new IllegalStateException("generator event rejected: " + r.rejection());
            }
            current.add(r.event());
            if (current.size() == batch) {
                requests.add(current);
                current = new ArrayList<>(batch);
            }
        }
        if (!current.isEmpty()) {
            requests.add(current);
        }
        try (BenchDb db = BenchDb.create(ctx.server, "store");
             Db pool = new Db(new Config.Database(db.url(), ctx.server.user(), ctx.server.password(), 6));
             EventWriter writer = new EventWriter(pool.dataSource(), Integer.MAX_VALUE / 2,
                     Config.Ingest.DEFAULT_WRITERS, new SimpleMeterRegistry(), stored -> { })) {
            AtomicInteger next = new AtomicInteger();
            List<Throwable> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
            BenchContext.Meter meter = ctx.meter("1 storage alone", db, null);
            long start = System.nanoTime();
            List<Thread> threads = new ArrayList<>();
            for (int c = 0; c < ctx.clients; c++) {
                Thread t = new Thread(() -> {
                    int i;
                    try {
                        while ((i = next.getAndIncrement()) < requests.size()) {
                            List<ParsedEvent> req = requests.get(i);
                            writer.submit(ServiceProcess.SOURCE, req, new boolean[req.size()]).get();
                        }
                    } catch (Exception e) {
                        errors.add(e);
                    }
                });
                t.start();
                threads.add(t);
            }
            for (Thread t : threads) {
                t.join();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Cpu.Split split = meter.stop();
            if (!errors.isEmpty()) {
                throw new IllegalStateException("storage alone failed: " + errors.get(0), errors.get(0));
            }
            long stored = db.count("SELECT count(*) FROM events");
            if (stored != events.size()) {
                throw new IllegalStateException("storage alone stored " + stored + " of " + events.size() + " rows");
            }
            note[0] = String.format("%,d events in %.1f s; %s (the writer runs in the load generator's process here)",
                    events.size(), seconds, split.perThousand(events.size()));
            double rate = events.size() / seconds;
            ctx.log.printf("  storage alone: %d rows in %.2f s = %.0f rows/s%n", events.size(), seconds, rate);
            return rate;
        }
    }

    /** One COPY of the rows into a fresh database's events table; rows per second. */
    static double copy(BenchContext ctx, List<String> events, String[] note) throws Exception {
        StringBuilder b = new StringBuilder(events.size() * 300);
        for (String json : events) {
            JsonObject o = new JsonObject(json);
            // the same text as the service stores (ParsedEvent.json is the re-encoded object)
            b.append(o.getString("id")).append('\t').append(o.getString("type")).append('\t')
                    .append(o.getString("time")).append('\t').append(ServiceProcess.SOURCE).append("\tf\t");
            String payload = o.encode();
            for (int i = 0; i < payload.length(); i++) {
                char c = payload.charAt(i);
                if (c == '\\') {
                    b.append("\\\\");
                } else {
                    b.append(c);
                }
            }
            b.append('\n');
        }
        byte[] data = b.toString().getBytes(StandardCharsets.UTF_8);
        try (BenchDb db = BenchDb.create(ctx.server, "copy")) {
            try (Connection c = db.connect()) {
                c.setAutoCommit(false);
                BenchContext.Meter meter = ctx.meter("1 raw COPY", db, null);
                long start = System.nanoTime();
                long n = c.unwrap(PGConnection.class).getCopyAPI().copyIn(
                        "COPY events (id, type, time, source, late, payload) FROM STDIN",
                        new java.io.ByteArrayInputStream(data), 1 << 16);
                c.commit();
                double seconds = (System.nanoTime() - start) / 1e9;
                note[0] = meter.stop().perThousand(n);
                if (n != events.size()) {
                    throw new IllegalStateException("COPY stored " + n + " of " + events.size() + " rows");
                }
                double rate = n / seconds;
                ctx.log.printf("  raw COPY: %d rows in %.2f s = %.0f rows/s%n", n, seconds, rate);
                return rate;
            }
        }
    }
}
