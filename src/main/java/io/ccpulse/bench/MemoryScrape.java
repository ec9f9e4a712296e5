package io.ccpulse.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.HdrHistogram.Histogram;

/**
 * Scenario 5: memory with a big live state, and the cost of a Prometheus scrape.
 *
 * <p>A fresh database and service get, in event-time order and in 1000-event requests from one client:
 * {@code agents} logins (each agent serving one of {@code queues} queues); for every queue x channel
 * (voice, chat, email, messaging), three contacts handled from queue to wrap-up and one abandoned 25 to
 * 10 minutes earlier (so final facts, counters and histograms exist for every series); then
 * {@code contacts} contacts queued over the last four minutes spread over all queues and channels, of
 * which the first {@code agents} are answered (one per agent). When the live API shows them all
 * (waiting = contacts - agents), the service's RSS ({@code /proc/PID/status} VmRSS, and VmHWM for the
 * peak) and its Java heap ({@code jcmd PID GC.heap_info}, before and after a full GC) are read, then
 * {@code /metrics} is fetched back to back (a few unrecorded first), timing each full answer.
 */
final class MemoryScrape {

    static final String S = "5 memory, scrape";
    private static final String[] CHANNELS = {"voice", "chat", "email", "messaging"};

    private MemoryScrape() {
    }

    static List<Row> run(BenchContext ctx) throws Exception {
        int contacts = ctx.sizes.memoryContacts();
        int agents = ctx.sizes.memoryAgents();
        int queues = ctx.sizes.memoryQueues();
        List<String> events = events(contacts, agents, queues, System.currentTimeMillis());
        List<byte[]> bodies = new ArrayList<>();
        for (int i = 0; i < events.size(); i += 1000) {
            bodies.add(Load.array(events.subList(i, Math.min(events.size(), i + 1000))));
        }
        List<Row> rows = new ArrayList<>();
        try (BenchDb db = BenchDb.create(ctx.server, "memory");
             ServiceProcess svc = ctx.startService(db, "memory")) {
            Load load = new Load(svc.base());
            BenchContext.Meter meter = ctx.meter("5 loading the live state", db, svc);
            load.closedLoop(bodies, 1);
            int expectedWaiting = contacts - Math.min(contacts, agents);
            long deadline = System.currentTimeMillis() + 180_000;
            int waiting = -1;
            while (System.currentTimeMillis() < deadline) {
                waiting = totalWaiting(load.get("/v1/live/queues").body());
                if (waiting == expectedWaiting) {
                    break;
                }
                Thread.sleep(500);
            }
            meter.stop();
            if (waiting != expectedWaiting) {
                throw new IllegalStateException("the live API shows " + waiting + " waiting, expected " + expectedWaiting);
            }
            int onContact = onContact(load.get("/v1/live/agents").body());
            String state = String.format("%,d contacts in flight (%,d waiting, %,d on contact), %,d agents logged in, "
                    + "%d queues x 4 channels", contacts, waiting, onContact, agents, queues);
            Thread.sleep(2_000);
            long rss = svc.rssBytes();
            long peak = svc.peakRssBytes();
            long[] before = svc.heap(false);
            long heap = before[1];
            long[] after = svc.heap(true);
            long live = after[1];
            long rssAfterGc = svc.rssBytes();
            double mb = 1024.0 * 1024.0;
            ctx.log.printf("  %s: RSS %.0f MB (peak %.0f MB), heap %.0f MB, after full GC %.0f MB%n", state, rss / mb,
                    peak / mb, heap / mb, live / mb);
            String jvm = "service JVM: " + String.join(" ", ctx.serviceJvmOptions);
            rows.add(Row.of(S, "service RSS with " + state, rss / mb, "MB").target("< 512 MB", rss < 512 * mb)
                    .note(jvm + String.format("; Java heap committed %.0f MB of it (the rest: metaspace, code cache, "
                            + "thread stacks, GC structures, buffers); RSS after a full GC %.0f MB", before[0] / mb,
                            rssAfterGc / mb)));
            rows.add(Row.of(S, "service peak RSS (VmHWM) while loading that state", peak / mb, "MB"));
            rows.add(Row.of(S, "Java heap in use (before GC)", heap / mb, "MB"));
            rows.add(Row.of(S, "Java heap in use after a full GC (live data)", live / mb, "MB"));

            for (int i = 0; i < 5; i++) {
                load.get("/metrics");
            }
            Histogram h = new Histogram(60_000_000L, 3);
            int bytes = 0;
            long series = 0;
            BenchContext.Meter scrape = ctx.meter("5 /metrics scrapes", db, svc);
            for (int i = 0; i < ctx.sizes.scrapeRepeats(); i++) {
                long start = System.nanoTime();
                HttpResponse<String> r = load.get("/metrics");
                h.recordValue((System.nanoTime() - start) / 1000);
                if (r.statusCode() != 200) {
                    throw new IllegalStateException("/metrics answered " + r.statusCode());
                }
                bytes = r.body().length();
                series = r.body().lines().filter(l -> !l.startsWith("#") && !l.isBlank()).count();
            }
            scrape.stop();
            String what = String.format("%d queues x 4 channels, %,d series, %,d bytes, %d scrapes", queues, series, bytes,
                    h.getTotalCount());
            rows.add(Row.of(S, "/metrics render time, median (" + what + ")", h.getValueAtPercentile(50) / 1000.0, "ms"));
            double max = h.getMaxValue() / 1000.0;
            rows.add(Row.of(S, "/metrics render time, slowest of the scrapes", max, "ms").target("< 100 ms", max < 100)
                    .note("full HTTP answer on loopback, timed by the client"));
        }
        return rows;
    }

    /** The events described above, in event-time order. */
    static List<String> events(int contacts, int agents, int queues, long now) {
        List<long[]> order = new ArrayList<>();
        List<String> json = new ArrayList<>();
        java.util.function.BiConsumer<Long, String> add = (t, j) -> {
            order.add(new long[] {t, json.size()});
            json.add(j);
        };
        long t0 = now - 30 * 60_000L;
        for (int a = 0; a < agents; a++) {
            add.accept(t0, ev("agent.login", t0, "\"agent\":\"a-" + a + "\",\"team\":\"team-" + (a % 100)
                    + "\",\"queues\":[\"q-" + (a % queues) + "\"]"));
        }
        long done = now - 25 * 60_000L;
        int pairs = queues * CHANNELS.length;
        for (int q = 0; q < queues; q++) {
            for (int ch = 0; ch < CHANNELS.length; ch++) {
                for (int k = 0; k < 4; k++) {
                    String c = "done-" + q + "-" + ch + "-" + k;
                    long t = done + (long) (q * CHANNELS.length + ch) * (10 * 60_000L) / pairs + k * 1000L;
                    add.accept(t, ev("contact.queued", t, "\"contact\":\"" + c + "\",\"channel\":\"" + CHANNELS[ch]
                            + "\",\"queue\":\"q-" + q + "\""));
                    if (k == 3) {
                        add.accept(t + 30_000, ev("contact.abandoned", t + 30_000, "\"contact\":\"" + c + "\""));
                        continue;
                    }
                    int agent = (q + queues * (ch * 3 + k)) % Math.max(1, agents);
                    String a = "\"agent\":\"a-" + agent + "\"";
                    add.accept(t + 10_000, ev("contact.answered", t + 10_000, "\"contact\":\"" + c + "\"," + a));
                    add.accept(t + 70_000, ev("contact.ended", t + 70_000, "\"contact\":\"" + c + "\""));
                    add.accept(t + 90_000, ev("contact.wrapped", t + 90_000, "\"contact\":\"" + c + "\"," + a
                            + ",\"resolved\":true"));
                }
            }
        }
        long flight = now - 4 * 60_000L;
        int answered = Math.min(contacts, agents);
        for (int i = 0; i < contacts; i++) {
            String c = "live-" + i;
            long t = flight + (long) i * (3 * 60_000L) / contacts;
            add.accept(t, ev("contact.queued", t, "\"contact\":\"" + c + "\",\"channel\":\""
                    + CHANNELS[(i / queues) % CHANNELS.length] + "\",\"queue\":\"q-" + (i % queues) + "\""));
            if (i < answered) {
                long at = now - 50_000L + (long) i * 40_000L / answered;
                add.accept(at, ev("contact.answered", at, "\"contact\":\"" + c + "\",\"agent\":\"a-" + i + "\""));
            }
        }
        order.sort((x, y) -> x[0] != y[0] ? Long.compare(x[0], y[0]) : Long.compare(x[1], y[1]));
        List<String> out = new ArrayList<>(order.size());
        for (long[] o : order) {
            out.add(json.get((int) o[1]));
        }
        return out;
    }

    private static String ev(String type, long t, String fields) {
        return "{\"id\":\"" + UUID.nameUUIDFromBytes((type + t + fields).getBytes()) + "\",\"type\":\"" + type
                + "\",\"time\":\"" + Instant.ofEpochMilli(t) + "\"," + fields + "}";
    }

    static int totalWaiting(String body) {
        JsonArray queues = new JsonObject(body).getJsonArray("queues");
        int n = 0;
        for (int i = 0; i < queues.size(); i++) {
            n += queues.getJsonObject(i).getInteger("waiting", 0);
        }
        return n;
    }

    static int onContact(String body) {
        JsonArray agents = new JsonObject(body).getJsonArray("agents");
        int n = 0;
        for (int i = 0; i < agents.size(); i++) {
            if ("on_contact".equals(agents.getJsonObject(i).getString("state"))) {
                n++;
            }
        }
        return n;
    }
}
