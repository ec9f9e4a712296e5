package io.ccpulse.store;

import io.ccpulse.domain.event.Event;
import io.ccpulse.ingest.ParsedEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * Durable, idempotent, group-committed storage of raw events.
 *
 * <p>Requests are queued (bounded by a count of events, so memory stays bounded) and a few writer
 * threads take everything queued at once, up to {@link #MAX_EVENTS_PER_TRANSACTION}, and store
 * it in one transaction of one statement: the group's rows go in as arrays, the statement claims the
 * ids never seen before in {@code event_ids} and inserts those events (see {@link SqlQueries}). Only after the commit is each request's
 * future completed, with, per event, whether it was new or a duplicate. New events are then
 * handed to the listener (the live engine).
 *
 * <p>When the database fails, every request of the group fails (the sender gets 503 and retries:
 * nothing was committed, so nothing is half-stored), and new requests are refused at once until a
 * probe connects again.
 */
public final class EventWriter implements AutoCloseable {

    static final int MAX_EVENTS_PER_TRANSACTION = 20_000;

    /** One request's events, all from one source. */
    private static final class Request {
        final String source;
        final List<ParsedEvent> events;
        final boolean[] late;
        final CompletableFuture<boolean[]> result = new CompletableFuture<>();

        Request(String source, List<ParsedEvent> events, boolean[] late) {
            this.source = source;
            this.events = events;
            this.late = late;
        }
    }

    private final DataSource ds;
    private final int capacity;
    private final Consumer<List<Event>> listener;
    private final java.util.function.BooleanSupplier listenerFull;
    private final LinkedBlockingQueue<Request> queue = new LinkedBlockingQueue<>();
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicBoolean databaseDown = new AtomicBoolean();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;
    private final Object takeLock = new Object();
    /** Number of the next group taken from the queue (under takeLock). */
    private long nextGroup;
    /** Groups done and waiting for an earlier one, by number (guarded by itself). */
    private final java.util.HashMap<Long, Done> handOff = new java.util.HashMap<>();
    /** Number of the next group to hand on (under handOff). */
    private long nextDelivery;

    private final DistributionSummary batchEvents;
    private final Timer batchTime;
    private final Counter failures;

    public EventWriter(DataSource ds, int capacity, int writers, MeterRegistry registry, Consumer<List<Event>> listener) {
        this(ds, capacity, writers, registry, listener, () -> false);
    }

    /**
     * @param listenerFull whether the listener (the live engine) is too far behind to take more: new requests
     *                     are then refused with {@code Overloaded("engine_behind")} before anything of them is
     *                     stored, so the engine's inbox stays bounded (by its capacity plus this queue's)
     */
    public EventWriter(DataSource ds, int capacity, int writers, MeterRegistry registry, Consumer<List<Event>> listener,
                       java.util.function.BooleanSupplier listenerFull) {
        this.listenerFull = listenerFull;
        this.ds = ds;
        this.capacity = capacity;
        this.listener = listener;
        this.batchEvents = DistributionSummary.builder("ccpulse.write.batch.events")
                .description("Events per database transaction of the raw-event writer").register(registry);
        this.batchTime = Timer.builder("ccpulse.write.batch")
                .description("Time to store one group of events durably (COPY, insert, commit)")
                .serviceLevelObjectives(java.time.Duration.ofMillis(5), java.time.Duration.ofMillis(10),
                        java.time.Duration.ofMillis(25), java.time.Duration.ofMillis(50), java.time.Duration.ofMillis(100),
                        java.time.Duration.ofMillis(250), java.time.Duration.ofMillis(500), java.time.Duration.ofSeconds(1),
                        java.time.Duration.ofMillis(2500), java.time.Duration.ofSeconds(10))
                .register(registry);
        this.failures = Counter.builder("ccpulse.write.failures")
                .description("Failed database transactions of the raw-event writer").register(registry);
        io.micrometer.core.instrument.Gauge.builder("ccpulse.write.queue.depth", pending, AtomicInteger::get)
                .description("Events accepted by HTTP and waiting to be written to the database").register(registry);
        for (int i = 0; i < writers; i++) {
            Thread t = new Thread(this::run, "ccpulse-writer-" + i);
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
    }

    /**
     * Throws when the live engine is behind, so that any request with a valid event would be refused now: lets
     * the HTTP side answer 503 before parsing the body (a request refused this way is retried whole).
     */
    public void checkEngineKeepsUp() throws Overloaded {
        if (listenerFull.getAsBoolean()) {
            throw new Overloaded("engine_behind", "the live engine is behind; nothing of this request was stored; retry later");
        }
    }

    /**
     * Queues events for storage. The future completes after the commit with, per event, true when
     * stored now and false when it was a duplicate (already stored, or earlier in the same group).
     *
     * @throws Overloaded when the queue is full, the live engine is behind or the database is known to be down
     */
    public CompletableFuture<boolean[]> submit(String source, List<ParsedEvent> events, boolean[] late)
            throws Overloaded {
        if (databaseDown.get()) {
            throw new Overloaded("database_down", "the database is unreachable; retry later");
        }
        int n = events.size();
        if (n > 0) {
            checkEngineKeepsUp();
        }
        if (pending.addAndGet(n) > capacity && n > 0) {
            pending.addAndGet(-n);
            throw new Overloaded("queue_full", "the write queue is full; retry later");
        }
        Request r = new Request(source, events, late);
        queue.add(r);
        return r.result;
    }

    public boolean databaseDown() {
        return databaseDown.get();
    }

    public int pendingEvents() {
        return pending.get();
    }

    private void run() {
        List<Request> group = new ArrayList<>();
        while (running) {
            try {
                long seq;
                int events;
                // taking a group and numbering it is one step, so that group numbers follow the queue's order
                synchronized (takeLock) {
                    Request first = queue.poll(200, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        continue;
                    }
                    group.add(first);
                    events = first.events.size();
                    Request next;
                    while (events < MAX_EVENTS_PER_TRANSACTION && (next = queue.peek()) != null
                            && events + next.events.size() <= MAX_EVENTS_PER_TRANSACTION) {
                        if (queue.remove(next)) {
                            group.add(next);
                            events += next.events.size();
                        }
                    }
                    seq = nextGroup++;
                }
                write(seq, group, events);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                group.clear();
            }
        }
    }

    /** A committed (or failed) group waiting for the groups taken before it. */
    private record Done(List<Event> stored, List<Request> requests, List<boolean[]> results, Throwable failure) { }

    /**
     * Hands a group to the listener and answers its senders in the order the groups were taken from the
     * queue (their commit order may differ with several writers): events then reach the live engine mostly
     * in event-time order, so it rarely has to roll back and replay. A group that committed before an
     * earlier one waits for it (at most the rest of that one's transaction).
     */
    private void deliver(long seq, Done done) {
        synchronized (handOff) {
            handOff.put(seq, done);
            Done d;
            while ((d = handOff.remove(nextDelivery)) != null) {
                nextDelivery++;
                complete(d);
            }
        }
    }

    private void complete(Done d) {
        if (d.failure == null) {
            // the engine gets the events before the senders get their answer: after a 2xx, the
            // live view is already on its way to include them (read-your-writes for tests and callers)
            try {
                if (!d.stored.isEmpty()) {
                    listener.accept(d.stored);
                }
            } catch (RuntimeException e) {
                System.err.println("ccpulse event listener: " + e);
            }
        }
        for (int k = 0; k < d.requests.size(); k++) {
            Request r = d.requests.get(k);
            pending.addAndGet(-r.events.size());
            if (d.failure == null) {
                r.result.complete(d.results.get(k));
            } else {
                r.result.completeExceptionally(d.failure);
            }
        }
    }

    private void write(long seq, List<Request> group, int events) {
        long start = System.nanoTime();
        List<Request> requests = new ArrayList<>(group);
        try {
            Set<String> fresh = store(group);
            batchTime.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            batchEvents.record(events);
            databaseDown.set(false);
            List<Event> stored = new ArrayList<>(fresh.size());
            List<boolean[]> results = new ArrayList<>(group.size());
            for (Request r : group) {
                boolean[] isNew = new boolean[r.events.size()];
                for (int i = 0; i < isNew.length; i++) {
                    Event e = r.events.get(i).event();
                    // remove: a second occurrence of the id in the same group is a duplicate
                    if (fresh.remove(e.id())) {
                        isNew[i] = true;
                        stored.add(e);
                    }
                }
                results.add(isNew);
            }
            deliver(seq, new Done(stored, requests, results, null));
        } catch (SQLException | RuntimeException | Error e) {
            failures.increment();
            if (isConnectionProblem(e)) {
                markDown();
            }
            // a failed group is handed on too (its senders get 503), so that later groups are not held up
            deliver(seq, new Done(List.of(), requests, List.of(), e));
            if (e instanceof Error) {
                throw (Error) e;
            }
        }
    }

    /** One transaction, one statement; returns the ids that were new. */
    private Set<String> store(List<Request> group) throws SQLException {
        Rows rows = rows(group);
        for (int attempt = 1; ; attempt++) {
            try (Connection c = ds.getConnection()) {
                try {
                    Set<String> fresh = new HashSet<>(rows.ids.length * 2);
                    try (PreparedStatement ps = c.prepareStatement(SqlQueries.INSERT_NEW_EVENTS)) {
                        ps.setArray(1, c.createArrayOf("text", rows.ids));
                        ps.setArray(2, c.createArrayOf("text", rows.types));
                        ps.setArray(3, c.createArrayOf("text", rows.times));
                        ps.setArray(4, c.createArrayOf("text", rows.sources));
                        ps.setArray(5, c.createArrayOf("bool", rows.late));
                        ps.setArray(6, c.createArrayOf("text", rows.payloads));
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) {
                                fresh.add(rs.getString(1));
                            }
                        }
                    }
                    c.commit();
                    return fresh;
                } catch (SQLException e) {
                    safeRollback(c);
                    // two writers claiming overlapping ids may deadlock; one retry settles it
                    if ("40P01".equals(e.getSQLState()) && attempt < 3) {
                        continue;
                    }
                    throw e;
                }
            }
        }
    }

    /** The columns of a group's rows, as arrays (the statement's parameters). */
    record Rows(String[] ids, String[] types, String[] times, String[] sources, Boolean[] late, String[] payloads) { }

    /** The group's rows; within the group, only the first occurrence of an id is kept. */
    static Rows rows(List<Request> group) {
        int count = 0;
        for (Request r : group) {
            count += r.events.size();
        }
        Set<String> seen = new HashSet<>(count * 2);
        List<ParsedEvent> kept = new ArrayList<>(count);
        List<Request> of = new ArrayList<>(count);
        List<Boolean> late = new ArrayList<>(count);
        for (Request r : group) {
            for (int i = 0; i < r.events.size(); i++) {
                ParsedEvent p = r.events.get(i);
                if (seen.add(p.event().id())) {
                    kept.add(p);
                    of.add(r);
                    late.add(r.late[i]);
                }
            }
        }
        int n = kept.size();
        Rows rows = new Rows(new String[n], new String[n], new String[n], new String[n], new Boolean[n], new String[n]);
        for (int i = 0; i < n; i++) {
            Event e = kept.get(i).event();
            rows.ids[i] = e.id();
            rows.types[i] = e.type().wireName();
            rows.times[i] = e.time().toString();
            rows.sources[i] = of.get(i).source;
            rows.late[i] = late.get(i);
            rows.payloads[i] = kept.get(i).json();
        }
        return rows;
    }

    private static void safeRollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is broken; Hikari will discard it
        }
    }

    static boolean isConnectionProblem(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException) {
                String state = ((SQLException) t).getSQLState();
                // 08 = connection exception, 57P = operator intervention (shutdown), 53 = resources
                if (state == null || state.startsWith("08") || state.startsWith("57P") || state.startsWith("53")) {
                    return true;
                }
            }
            if (t instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    private void markDown() {
        if (databaseDown.compareAndSet(false, true)) {
            Thread probe = new Thread(this::probeUntilUp, "ccpulse-db-probe");
            probe.setDaemon(true);
            probe.start();
        }
    }

    private void probeUntilUp() {
        while (running && databaseDown.get()) {
            try (Connection c = ds.getConnection()) {
                if (c.isValid(1)) {
                    databaseDown.set(false);
                    return;
                }
            } catch (SQLException e) {
                // still down
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Stops taking work; finishes what is queued (bounded wait). */
    @Override
    public void close() {
        long deadline = System.currentTimeMillis() + 10_000;
        while (pending.get() > 0 && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        running = false;
        for (Thread t : threads) {
            t.interrupt();
        }
    }
}
