package io.ccpulse.live;

import io.ccpulse.domain.engine.ApplyResult;
import io.ccpulse.domain.engine.Engine;
import io.ccpulse.domain.engine.LiveSnapshot;
import io.ccpulse.domain.engine.Totals;
import io.ccpulse.domain.event.Event;
import io.ccpulse.domain.fact.Fact;
import io.ccpulse.domain.settings.Settings;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The one writer of live state: a thread that owns the {@link Engine}, applies stored events in
 * the order they come, hands final facts on, and publishes an immutable {@link LiveSnapshot} that
 * readers (REST, SSE, gauges) use without touching the engine.
 *
 * <p>Publishing: after applying, at most every {@code max(10 ms, 2 x the last snapshot's cost)};
 * and at least once a second even without events, so live ages and "last 15 minutes" move on.
 */
public final class LiveEngine implements AutoCloseable {

    /** A published snapshot and its version (increments with every publish). */
    public record Published(LiveSnapshot snapshot, long version) { }

    private final Engine engine;
    private final Clock clock;
    private final Consumer<List<Fact>> facts;
    private final LinkedBlockingQueue<List<Event>> inbox = new LinkedBlockingQueue<>();
    /** Events in the inbox (stored, handed over, not yet applied). */
    private final java.util.concurrent.atomic.AtomicLong inboxEvents = new java.util.concurrent.atomic.AtomicLong();
    private final long inboxCapacity;
    private final List<Consumer<Published>> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<ApplyResult>> applyListeners = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile Published published;
    private volatile boolean running = true;
    private final java.util.concurrent.atomic.AtomicLong queuedBatches = new java.util.concurrent.atomic.AtomicLong();
    private long appliedBatches;
    /** Batches applied when the current snapshot was taken. */
    private volatile long publishedBatches;
    private boolean dirty;

    public LiveEngine(Settings settings, Clock clock, Consumer<List<Fact>> facts) {
        this(settings, clock, facts, Long.MAX_VALUE);
    }

    /**
     * @param inboxCapacity events waiting in the inbox at which {@link #inboxFull()} says so: the write
     *                      path then refuses new requests (503) until the engine has caught up. Stored events
     *                      are never refused here (they are already acknowledged or about to be), so the inbox
     *                      can exceed this by what was in the write queue at that moment.
     */
    public LiveEngine(Settings settings, Clock clock, Consumer<List<Fact>> facts, long inboxCapacity) {
        this.inboxCapacity = inboxCapacity;
        this.engine = new Engine(settings);
        this.clock = clock;
        this.facts = facts;
        this.published = new Published(engine.snapshot(clock.instant()), 0);
        thread = new Thread(this::run, "ccpulse-engine");
        thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** Queues newly stored events; called by the writer threads. */
    public void accept(List<Event> events) {
        if (!events.isEmpty()) {
            queuedBatches.incrementAndGet();
            inboxEvents.addAndGet(events.size());
            inbox.add(events);
        }
    }

    /** Events handed to the engine and not yet applied. */
    public long inboxEvents() {
        return inboxEvents.get();
    }

    /** Whether the inbox holds at least its capacity: new requests should be refused until it drains. */
    public boolean inboxFull() {
        return inboxEvents.get() >= inboxCapacity;
    }

    /** Stored batches handed to the engine and not yet in a published snapshot (the engine's backlog). */
    public long backlogBatches() {
        return Math.max(0, queuedBatches.get() - publishedBatches);
    }

    /** The latest published snapshot. */
    public Published published() {
        return published;
    }

    /** Called on the engine thread after each publish. */
    public void onPublish(Consumer<Published> listener) {
        listeners.add(listener);
    }

    /** Called on the engine thread after each apply. */
    public void onApply(Consumer<ApplyResult> listener) {
        applyListeners.add(listener);
    }

    /** Blocks until every batch queued so far is applied and a snapshot including it is published. */
    public boolean awaitIdle(long timeoutMs) throws InterruptedException {
        long target = queuedBatches.get();
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (publishedBatches < target) {
            if (System.currentTimeMillis() > deadline) {
                return false;
            }
            Thread.sleep(2);
        }
        return true;
    }

    private void run() {
        long lastPublishNanos = 0;
        long minIntervalNanos = TimeUnit.MILLISECONDS.toNanos(10);
        long version = 0;
        List<Event> batch = new ArrayList<>();
        while (running) {
            try {
                List<Event> first = inbox.poll(10, TimeUnit.MILLISECONDS);
                int batches = 0;
                if (first != null) {
                    batch.addAll(first);
                    batches++;
                    List<Event> more;
                    while ((more = inbox.poll()) != null) {
                        batch.addAll(more);
                        batches++;
                    }
                }
                if (!batch.isEmpty()) {
                    int taken = batch.size();
                    ApplyResult r;
                    try {
                        r = engine.apply(batch);
                    } finally {
                        inboxEvents.addAndGet(-taken);
                        batch.clear(); // never applied (nor counted off the inbox) twice, even when the engine threw
                    }
                    List<Fact> done = engine.drainFinal();
                    if (!done.isEmpty()) {
                        facts.accept(done);
                    }
                    for (Consumer<ApplyResult> l : applyListeners) {
                        l.accept(r);
                    }
                    dirty = true;
                    appliedBatches += batches;
                }
                long now = System.nanoTime();
                boolean due = dirty && now - lastPublishNanos >= minIntervalNanos;
                boolean heartbeat = now - lastPublishNanos >= TimeUnit.SECONDS.toNanos(1);
                if (due || heartbeat) {
                    LiveSnapshot s = publishable(engine.snapshot(clock.instant()));
                    long cost = System.nanoTime() - now;
                    minIntervalNanos = Math.max(TimeUnit.MILLISECONDS.toNanos(10), 2 * cost);
                    dirty = false;
                    Published p = new Published(s, ++version);
                    published = p;
                    publishedBatches = appliedBatches;
                    lastPublishNanos = System.nanoTime();
                    for (Consumer<Published> l : listeners) {
                        l.accept(p);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // never let one bad batch stop the live view; the raw events are stored regardless
                System.err.println("ccpulse engine: " + e);
                e.printStackTrace();
            }
        }
    }

    // ------------------------------------------------------------------ restart recovery (history, docs/HISTORY.md)

    /** Totals reached at the end of restart recovery; counters are published minus these. */
    private volatile Totals baseline;

    /**
     * Restart recovery, before {@link #start()} only: applies stored events (oldest first) on the
     * caller's thread and returns the facts that became final. They are not handed to the facts
     * consumer: recovery writes those that are missing itself, and the counters and histograms of this
     * process count only what becomes final after the recovery.
     */
    public List<Fact> replay(List<Event> events) {
        if (thread.isAlive()) {
            throw new IllegalStateException("replay is for restart recovery, before start()");
        }
        engine.apply(events);
        return engine.drainFinal();
    }

    /** Restart recovery, before {@link #start()} and before any {@link #replay}: tickets as stored. */
    public void restoreTickets(List<io.ccpulse.domain.fact.TicketFact> tickets) {
        if (thread.isAlive()) {
            throw new IllegalStateException("restoreTickets is for restart recovery, before start()");
        }
        for (io.ccpulse.domain.fact.TicketFact f : tickets) {
            engine.restoreTicket(f, f.updatedAt());
        }
    }

    /**
     * Ends restart recovery: from here the counters (engine totals) count from zero, as at a process
     * start, and the recovered state is published.
     */
    public void endReplay() {
        if (thread.isAlive()) {
            throw new IllegalStateException("endReplay is for restart recovery, before start()");
        }
        LiveSnapshot s = engine.snapshot(clock.instant());
        baseline = s.totals();
        published = new Published(publishable(s), 0);
    }

    private LiveSnapshot publishable(LiveSnapshot s) {
        Totals b = baseline;
        if (b == null) {
            return s;
        }
        return new LiveSnapshot(s.generatedAt(), s.newestEventTime(), s.watermark(), s.queues(), s.agentsByQueue(),
                s.agents(), s.teams(), s.tickets(), TotalsBaseline.minus(s.totals(), b));
    }

    @Override
    public void close() {
        try {
            awaitIdle(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        running = false;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
