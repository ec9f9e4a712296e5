package io.ccpulse.store;

import io.ccpulse.domain.event.WireEnum;
import io.ccpulse.domain.fact.AgentStateSpan;
import io.ccpulse.domain.fact.ContactFact;
import io.ccpulse.domain.fact.Fact;
import io.ccpulse.domain.fact.HandleSegment;
import io.ccpulse.domain.fact.QueueVisit;
import io.ccpulse.domain.fact.SurveyFact;
import io.ccpulse.domain.fact.TicketFact;
import io.ccpulse.domain.settings.Settings;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * Writes final facts in batches, on its own thread, and maintains the 15-minute roll-ups in the
 * same transaction: each fact kind is inserted with {@code ON CONFLICT DO NOTHING RETURNING}, and
 * only the rows returned (the facts really inserted now) are added to their roll-up buckets (see
 * {@link FactSql}). So a fact written twice (replay after a restart) is stored and counted once, and
 * a late fact adds to exactly its bucket. Threshold-dependent roll-up columns use the settings given
 * here (those in force at write time); {@link RollupRebuild} recomputes a range with other settings.
 *
 * <p>While the database is down it retries; facts are derived from stored raw events, so in the
 * worst case (process killed with facts queued) they are rebuilt from the raw events at the next
 * start (restart recovery, docs/HISTORY.md).
 *
 * <p>The writer also records, in order with the facts, the ids of events the engine did not apply
 * because they were late ({@link #markLate}), which restart recovery needs to rebuild the same state.
 */
public final class FactWriter implements AutoCloseable {

    private static final int MAX_PER_TRANSACTION = 20_000;

    /** One queued unit: facts, or ids of late events. */
    private record Item(List<Fact> facts, List<String> lateIds) {
        int size() {
            return facts.size() + lateIds.size();
        }
    }

    private final DataSource ds;
    private final Settings settings;
    private final LinkedBlockingQueue<Item> queue = new LinkedBlockingQueue<>();
    private final AtomicInteger pending = new AtomicInteger();
    private final Counter written;
    private final Counter failures;
    private final Timer writeTime;
    private final List<Runnable> afterWrite = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    public FactWriter(DataSource ds, MeterRegistry registry, Settings settings) {
        this.ds = ds;
        this.settings = settings;
        this.written = Counter.builder("ccpulse.facts.written")
                .description("Facts handed to the fact writer and stored (a fact already stored counts again)")
                .register(registry);
        this.failures = Counter.builder("ccpulse.facts.write.failures")
                .description("Failed fact-writing transactions (retried)").register(registry);
        this.writeTime = Timer.builder("ccpulse.facts.write")
                .description("Time to store one batch of facts and update the 15-minute roll-ups")
                .register(registry);
        Gauge.builder("ccpulse.facts.queue.depth", pending, AtomicInteger::get)
                .description("Facts and late-event ids queued for the fact writer").register(registry);
        thread = new Thread(this::run, "ccpulse-fact-writer");
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues facts for storage; never blocks. */
    public void submit(List<Fact> facts) {
        if (!facts.isEmpty()) {
            enqueue(new Item(List.copyOf(facts), List.of()));
        }
    }

    /**
     * Queues the ids of events the engine did not apply because they were late; stored in order with
     * the facts (a fact submitted after this call is never stored before these ids).
     */
    public void markLate(List<String> eventIds) {
        if (!eventIds.isEmpty()) {
            enqueue(new Item(List.of(), List.copyOf(eventIds)));
        }
    }

    private void enqueue(Item item) {
        pending.addAndGet(item.size());
        queue.add(item);
    }

    /** Runs after each successful write (e.g. to let tests or roll-ups know). */
    public void onWritten(Runnable r) {
        afterWrite.add(r);
    }

    public int pending() {
        return pending.get();
    }

    /** Blocks until everything submitted so far is stored, or the timeout passes. */
    public boolean awaitIdle(long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (pending.get() > 0) {
            if (System.currentTimeMillis() > deadline) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    private void run() {
        List<Fact> facts = new ArrayList<>();
        List<String> late = new ArrayList<>();
        while (running || !queue.isEmpty()) {
            try {
                Item first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                facts.addAll(first.facts());
                late.addAll(first.lateIds());
                Item more;
                while (facts.size() + late.size() < MAX_PER_TRANSACTION && (more = queue.poll()) != null) {
                    facts.addAll(more.facts());
                    late.addAll(more.lateIds());
                }
                int n = facts.size() + late.size();
                long backoff = 200;
                while (true) {
                    try {
                        long start = System.nanoTime();
                        write(facts, late);
                        writeTime.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                        written.increment(facts.size());
                        pending.addAndGet(-n);
                        break;
                    } catch (SQLException e) {
                        failures.increment();
                        if (!running) {
                            return;
                        }
                        Thread.sleep(backoff);
                        backoff = Math.min(backoff * 2, 5_000);
                    }
                }
                facts.clear();
                late.clear();
                for (Runnable r : afterWrite) {
                    r.run();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** One transaction for a batch of facts of all kinds, roll-ups included. */
    public void write(List<Fact> facts) throws SQLException {
        write(facts, List.of());
    }

    /**
     * Stores facts and late-event ids in one transaction and adds the newly inserted facts to the
     * roll-ups. Facts already stored are skipped and not counted again.
     */
    public void write(List<Fact> facts, List<String> lateIds) throws SQLException {
        Batch b = new Batch();
        for (Fact f : facts) {
            b.add(f);
        }
        try (Connection c = ds.getConnection()) {
            try {
                try (Statement s = c.createStatement()) {
                    s.execute(FactSql.LOCK_SHARED);
                }
                b.execute(c, settings);
                TicketWriter.write(c, b.tickets);
                if (!lateIds.isEmpty()) {
                    try (PreparedStatement p = c.prepareStatement(FactSql.INSERT_LATE)) {
                        p.setArray(1, c.createArrayOf("text", lateIds.toArray()));
                        p.executeUpdate();
                    }
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException ignored) {
                    // broken connection
                }
                throw e;
            }
        }
    }

    /** The facts of one transaction as column arrays, per kind. */
    private static final class Batch {
        final Columns visits = new Columns(12);
        final Columns segments = new Columns(18);
        final Columns states = new Columns(6);
        final Columns surveys = new Columns(9);
        final Columns contacts = new Columns(12);
        final Set<String> queues = new TreeSet<>(); // null (no queue) is always in the settings relation
        /** Ticket versions: upserted by TicketWriter (newest version per ticket), no roll-up. */
        final List<TicketFact> tickets = new ArrayList<>();

        void add(Fact f) {
            if (f instanceof TicketFact t) {
                tickets.add(t);
            } else if (f instanceof QueueVisit v) {
                visits.row(v.contact(), v.seq(), v.queue(), wire(v.channel()), wire(v.direction()), v.customer(),
                        v.priority(), ts(v.queuedAt()), ts(v.leftAt()), v.waitMs(), wire(v.outcome()), v.agent());
                addQueue(v.queue());
            } else if (f instanceof HandleSegment h) {
                segments.row(h.contact(), h.seq(), h.agent(), h.team(), h.queue(), wire(h.channel()),
                        wire(h.direction()), h.customer(), ts(h.answeredAt()), ts(h.talkEndAt()), ts(h.acwEndAt()),
                        h.talkMs(), h.holdMs(), h.acwMs(), h.transferred(), h.resolved(), h.disposition(),
                        h.acwEnd().name().toLowerCase(Locale.ROOT));
            } else if (f instanceof AgentStateSpan s) {
                states.row(s.agent(), s.team(), wire(s.state()), s.reason(), ts(s.start()), ts(s.end()));
            } else if (f instanceof SurveyFact s) {
                surveys.row(s.eventId(), s.contact(), ts(s.time()), s.csat() == null ? null : s.csat().shortValue(),
                        s.nps() == null ? null : s.nps().shortValue(), s.queue(), wire(s.channel()), s.agent(),
                        s.team());
                addQueue(s.queue());
            } else if (f instanceof ContactFact c) {
                contacts.row(c.contact(), c.customer(), wire(c.direction()), wire(c.channel()), c.entryQueue(),
                        ts(c.startedAt()), ts(c.endedAt()), c.answered(), c.firstAgent(), c.firstTeam(),
                        c.lastResolved(), c.firstResponseMs());
                addQueue(c.entryQueue());
            }
        }

        private void addQueue(String q) {
            if (q != null) {
                queues.add(q);
            }
        }

        void execute(Connection c, Settings settings) throws SQLException {
            if (!visits.isEmpty()) {
                run(c, FactSql.WRITE_VISITS, visits, settings, new String[] {"text", "int4", "text", "text", "text",
                    "text", "text", "timestamptz", "timestamptz", "int8", "text", "text"});
            }
            if (!segments.isEmpty()) {
                run(c, FactSql.WRITE_SEGMENTS, segments, null, new String[] {"text", "int4", "text", "text", "text",
                    "text", "text", "text", "timestamptz", "timestamptz", "timestamptz", "int8", "int8", "int8", "bool",
                    "bool", "text", "text"});
            }
            if (!states.isEmpty()) {
                run(c, FactSql.WRITE_STATES, states, null, new String[] {"text", "text", "text", "text",
                    "timestamptz", "timestamptz"});
            }
            if (!surveys.isEmpty()) {
                run(c, FactSql.WRITE_SURVEYS, surveys, settings, new String[] {"text", "text", "timestamptz", "int2",
                    "int2", "text", "text", "text", "text"});
            }
            if (!contacts.isEmpty()) {
                run(c, FactSql.WRITE_CONTACTS, contacts, settings, new String[] {"text", "text", "text", "text",
                    "text", "timestamptz", "timestamptz", "bool", "text", "text", "bool", "int8"});
            }
        }

        private void run(Connection c, String sql, Columns cols, Settings settings, String[] types)
                throws SQLException {
            try (PreparedStatement p = c.prepareStatement(sql)) {
                int i = 1;
                if (settings != null) {
                    i = RollupSettings.bind(c, p, i, settings, queues);
                }
                for (int k = 0; k < types.length; k++) {
                    p.setArray(i++, c.createArrayOf(types[k], cols.column(k)));
                }
                p.executeUpdate();
            }
        }
    }

    /** Column-wise rows. */
    private static final class Columns {
        private final List<List<Object>> columns = new ArrayList<>();

        Columns(int n) {
            for (int i = 0; i < n; i++) {
                columns.add(new ArrayList<>());
            }
        }

        void row(Object... values) {
            for (int i = 0; i < values.length; i++) {
                columns.get(i).add(values[i]);
            }
        }

        boolean isEmpty() {
            return columns.get(0).isEmpty();
        }

        Object[] column(int i) {
            return columns.get(i).toArray();
        }
    }

    private static String wire(WireEnum e) {
        return e == null ? null : e.wireName();
    }

    /** Timestamps travel as ISO-8601 text ('...Z'), exact to the microsecond whatever the session time zone. */
    private static String ts(Instant i) {
        return i.toString();
    }

    @Override
    public void close() {
        try {
            awaitIdle(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        running = false;
        thread.interrupt();
    }
}
