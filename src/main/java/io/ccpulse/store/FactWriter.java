package io.ccpulse.store;

import io.ccpulse.domain.event.WireEnum;
import io.ccpulse.domain.fact.AgentStateSpan;
import io.ccpulse.domain.fact.ContactFact;
import io.ccpulse.domain.fact.Fact;
import io.ccpulse.domain.fact.HandleSegment;
import io.ccpulse.domain.fact.QueueVisit;
import io.ccpulse.domain.fact.SurveyFact;
import io.ccpulse.domain.fact.TicketFact;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * Writes final facts in batches, on its own thread. Writes are idempotent, so a fact written
 * twice (replay after restart) is stored once. While the database is down it retries; facts are
 * derived from stored raw events, so in the worst case (process killed with facts queued) they
 * are rebuilt from the raw events at the next start (see restart recovery).
 */
public final class FactWriter implements AutoCloseable {

    private static final int MAX_PER_TRANSACTION = 20_000;

    private final DataSource ds;
    private final LinkedBlockingQueue<List<Fact>> queue = new LinkedBlockingQueue<>();
    private final AtomicInteger pending = new AtomicInteger();
    private final Counter written;
    private final Counter failures;
    private final List<Runnable> afterWrite = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    public FactWriter(DataSource ds, MeterRegistry registry) {
        this.ds = ds;
        this.written = Counter.builder("ccpulse.facts.written").description("Facts stored (visits, segments, states, ...)")
                .register(registry);
        this.failures = Counter.builder("ccpulse.facts.write.failures")
                .description("Failed fact-writing transactions (retried)").register(registry);
        io.micrometer.core.instrument.Gauge.builder("ccpulse.facts.queue.depth", pending, AtomicInteger::get)
                .description("Final facts waiting to be written to the database").register(registry);
        thread = new Thread(this::run, "ccpulse-fact-writer");
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues facts for storage; never blocks. */
    public void submit(List<Fact> facts) {
        if (!facts.isEmpty()) {
            pending.addAndGet(facts.size());
            queue.add(facts);
        }
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
        List<Fact> batch = new ArrayList<>();
        while (running || !queue.isEmpty()) {
            try {
                List<Fact> first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.addAll(first);
                List<Fact> more;
                while (batch.size() < MAX_PER_TRANSACTION && (more = queue.poll()) != null) {
                    batch.addAll(more);
                }
                long backoff = 200;
                while (true) {
                    try {
                        write(batch);
                        written.increment(batch.size());
                        pending.addAndGet(-batch.size());
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
                batch.clear();
                for (Runnable r : afterWrite) {
                    r.run();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** One transaction for a batch of facts of all kinds. */
    public void write(List<Fact> facts) throws SQLException {
        try (Connection c = ds.getConnection();
             PreparedStatement visits = c.prepareStatement(FactSql.INSERT_VISIT);
             PreparedStatement segments = c.prepareStatement(FactSql.INSERT_SEGMENT);
             PreparedStatement states = c.prepareStatement(FactSql.INSERT_STATE);
             PreparedStatement surveys = c.prepareStatement(FactSql.INSERT_SURVEY);
             PreparedStatement contacts = c.prepareStatement(FactSql.INSERT_CONTACT)) {
            try {
                List<TicketFact> tickets = new ArrayList<>();
                for (Fact f : facts) {
                    if (f instanceof TicketFact t) {
                        tickets.add(t);
                    }
                    if (f instanceof QueueVisit) {
                        bindVisit(visits, (QueueVisit) f);
                    } else if (f instanceof HandleSegment) {
                        bindSegment(segments, (HandleSegment) f);
                    } else if (f instanceof AgentStateSpan) {
                        bindState(states, (AgentStateSpan) f);
                    } else if (f instanceof SurveyFact) {
                        bindSurvey(surveys, (SurveyFact) f);
                    } else if (f instanceof ContactFact) {
                        bindContact(contacts, (ContactFact) f);
                    }
                }
                visits.executeBatch();
                segments.executeBatch();
                states.executeBatch();
                surveys.executeBatch();
                contacts.executeBatch();
                TicketWriter.write(c, tickets);
                c.commit();
            } catch (SQLException e) {
                try {
                    c.rollback();
                } catch (SQLException ignored) {
                    // broken connection
                }
                throw e;
            }
        }
    }

    private static void bindVisit(PreparedStatement p, QueueVisit v) throws SQLException {
        p.setString(1, v.contact());
        p.setInt(2, v.seq());
        p.setString(3, v.queue());
        p.setString(4, wire(v.channel()));
        p.setString(5, wire(v.direction()));
        p.setString(6, v.customer());
        p.setString(7, v.priority());
        p.setTimestamp(8, ts(v.queuedAt()));
        p.setTimestamp(9, ts(v.leftAt()));
        p.setLong(10, v.waitMs());
        p.setString(11, wire(v.outcome()));
        p.setString(12, v.agent());
        p.addBatch();
    }

    private static void bindSegment(PreparedStatement p, HandleSegment h) throws SQLException {
        p.setString(1, h.contact());
        p.setInt(2, h.seq());
        p.setString(3, h.agent());
        p.setString(4, h.team());
        p.setString(5, h.queue());
        p.setString(6, wire(h.channel()));
        p.setString(7, wire(h.direction()));
        p.setString(8, h.customer());
        p.setTimestamp(9, ts(h.answeredAt()));
        p.setTimestamp(10, ts(h.talkEndAt()));
        p.setTimestamp(11, ts(h.acwEndAt()));
        p.setLong(12, h.talkMs());
        p.setLong(13, h.holdMs());
        p.setLong(14, h.acwMs());
        p.setBoolean(15, h.transferred());
        setBoolean(p, 16, h.resolved());
        p.setString(17, h.disposition());
        p.setString(18, h.acwEnd().name().toLowerCase(Locale.ROOT));
        p.addBatch();
    }

    private static void bindState(PreparedStatement p, AgentStateSpan s) throws SQLException {
        p.setString(1, s.agent());
        p.setString(2, s.team());
        p.setString(3, wire(s.state()));
        p.setString(4, s.reason());
        p.setTimestamp(5, ts(s.start()));
        p.setTimestamp(6, ts(s.end()));
        p.addBatch();
    }

    private static void bindSurvey(PreparedStatement p, SurveyFact s) throws SQLException {
        p.setString(1, s.eventId());
        p.setString(2, s.contact());
        p.setTimestamp(3, ts(s.time()));
        setInt(p, 4, s.csat());
        setInt(p, 5, s.nps());
        p.setString(6, s.queue());
        p.setString(7, wire(s.channel()));
        p.setString(8, s.agent());
        p.setString(9, s.team());
        p.addBatch();
    }

    private static void bindContact(PreparedStatement p, ContactFact c) throws SQLException {
        p.setString(1, c.contact());
        p.setString(2, c.customer());
        p.setString(3, wire(c.direction()));
        p.setString(4, wire(c.channel()));
        p.setString(5, c.entryQueue());
        p.setTimestamp(6, ts(c.startedAt()));
        p.setTimestamp(7, ts(c.endedAt()));
        p.setBoolean(8, c.answered());
        p.setString(9, c.firstAgent());
        p.setString(10, c.firstTeam());
        setBoolean(p, 11, c.lastResolved());
        if (c.firstResponseMs() == null) {
            p.setNull(12, Types.BIGINT);
        } else {
            p.setLong(12, c.firstResponseMs());
        }
        p.addBatch();
    }

    private static String wire(WireEnum e) {
        return e == null ? null : e.wireName();
    }

    private static Timestamp ts(Instant i) {
        return Timestamp.from(i);
    }

    private static void setBoolean(PreparedStatement p, int i, Boolean b) throws SQLException {
        if (b == null) {
            p.setNull(i, Types.BOOLEAN);
        } else {
            p.setBoolean(i, b);
        }
    }

    private static void setInt(PreparedStatement p, int i, Integer v) throws SQLException {
        if (v == null) {
            p.setNull(i, Types.SMALLINT);
        } else {
            p.setInt(i, v);
        }
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
