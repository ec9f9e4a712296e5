package io.ccpulse.domain.engine;

import io.ccpulse.domain.event.Channel;
import io.ccpulse.domain.event.Event;
import io.ccpulse.domain.fact.AgentState;
import io.ccpulse.domain.fact.AgentStateSpan;
import io.ccpulse.domain.fact.Fact;
import io.ccpulse.domain.fact.HandleSegment;
import io.ccpulse.domain.fact.QueueVisit;
import io.ccpulse.domain.fact.TicketFact;
import io.ccpulse.domain.kpi.AgentTally;
import io.ccpulse.domain.kpi.QueueTally;
import io.ccpulse.domain.kpi.ResponseTally;
import io.ccpulse.domain.kpi.TicketTally;
import io.ccpulse.domain.settings.Settings;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The live engine: applies events to the contact and agent state machines ({@link Machine}) in
 * {@link Event#ORDER}, whatever their arrival order, and turns them into facts and a live snapshot.
 * Single-threaded: owned by one thread, never shared.
 *
 * <h2>Order</h2>
 * The watermark is the newest event time seen minus {@link Settings#allowedLateness()}. An event older
 * than the watermark is late: reported, not applied. Applied events whose key is newer than the oldest
 * kept checkpoint stay in a sorted tail buffer. An event newer than the last applied one is applied at
 * once; a batch holding an older one rolls the state back to the newest checkpoint before it and replays
 * the tail after it, so the result is exactly that of the in-order application. A checkpoint is a
 * copy-on-write copy of {@link State}, taken after {@value #CHECKPOINT_EVERY_MS} ms of event time and at
 * least as many events as the state holds contacts and agents (copying stays O(1) per event), or after
 * {@value #CHECKPOINT_EVERY_EVENTS} events; between two of those, short-lived fine ones every
 * {@value #FINE_CHECKPOINT_EVENTS} events (or an eighth of the state size), thinned so that their distances from the
 * newest grow geometrically: a batch that reaches d events back replays at most about 2 d events (plus the
 * spacing). Lateness within a batch follows the arrival order.
 * Snapshots add the pending facts through provisional books: the final books plus the pending facts up to a
 * <em>stable key</em>, the newest checkpoint some seconds of event time behind the last applied event (twice the
 * recent rollback depth plus a second), kept up to date as facts become final and as the stable key moves on; the
 * few pending facts after it are added to each snapshot's copy. A rollback drops only pending facts after its
 * checkpoint, so one that stays after the stable key leaves the books as they are; only a deeper one makes the
 * next snapshot rebuild them.
 *
 * <h2>Facts</h2>
 * Every fact (and every anomaly) carries the key of the event being applied when it was produced. A
 * rollback drops the not yet final ones newer than the checkpoint (the replay produces them again). Facts
 * whose key is older than the watermark are final: they go to {@link #drainFinal()} exactly once, into the
 * tallies and counters, and are suppressed when a replay produces them again.
 *
 * <h2>Memory</h2>
 * Checkpoints older than the newest one behind the watermark, the tail before it, finished contacts older
 * than 24 h before it and tallies of past days and minutes are dropped, so memory stays bounded by the
 * live contacts and agents plus the events of the allowed lateness.
 */
public final class Engine {

    /**
     * A checkpoint is taken after at least this much event time since the last one (and at least as many
     * events as the state holds contacts and agents)...
     */
    static final long CHECKPOINT_EVERY_MS = 10_000;
    /** ...or after this many applied events. */
    static final int CHECKPOINT_EVERY_EVENTS = 20_000;
    /**
     * Between those (coarse) checkpoints, short-lived fine ones after at least this many events (and an eighth of
     * the contacts and agents the state holds: a copy costs that many map entries, so at most 8 per applied
     * event), all dropped at the next coarse one. The n-th fine checkpoint since the coarse one has level
     * {@code numberOfTrailingZeros(n)} and replaces the previous one of its level: the kept ones lie about 1, 2, 4,
     * 8... spacings back, so a batch a little out of order (two writers, several senders) replays about as many
     * events as it reaches back, not a fixed interval's worth.
     */
    static final int FINE_CHECKPOINT_EVENTS = 200;
    /** The stable key stays at least this far (event time) behind the last applied event. */
    static final long MIN_STABLE_LAG_MS = 1_000;

    private static final long MINUTE_MS = 60_000;
    private static final long NO_TIME = Long.MIN_VALUE;

    /** The state at an event; {@code level}: of a fine checkpoint (see {@link #FINE_CHECKPOINT_EVENTS}), -1 coarse. */
    private record Checkpoint(Event key, State state, int level) {
        boolean coarse() {
            return level < 0;
        }
    }

    private record Pending(Event key, Fact fact, String anomaly) {
    }

    private record TeamState(String team, AgentState state) {
    }

    private static final Comparator<String> NULLS_FIRST = Comparator.nullsFirst(Comparator.naturalOrder());

    private final Settings settings;
    private final long latenessMs;
    private final Days days;
    private final FinishedContacts finished = new FinishedContacts();
    private final TicketDesk tickets = new TicketDesk();
    private final Machine machine;
    private State state = new State();

    // ordering
    private Event lastApplied;
    private final TreeSet<Event> tail = new TreeSet<>(Keys.ORDER);
    private final HashSet<String> tailIds = new HashSet<>();
    private final ArrayList<Checkpoint> checkpoints = new ArrayList<>();
    private long lastCheckpointMs = NO_TIME;
    private int sinceCheckpoint;
    /** Events applied since the last checkpoint of either kind. */
    private int sinceAnyCheckpoint;
    /** Fine checkpoints taken since the last coarse one (their numbers give their levels). */
    private long fineTaken;
    private long maxTimeMs = NO_TIME;
    private long finalBeforeMs = NO_TIME;
    private Event flushKey;

    // output
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private final ArrayList<Fact> finals = new ArrayList<>();
    private final TreeMap<LocalDate, TallyBook> dayBooks = new TreeMap<>();
    private final TreeMap<Long, TallyBook> minuteBooks = new TreeMap<>();
    private final TreeMap<QueueKey, QueueCounters> counters = new TreeMap<>();
    private final TreeMap<String, TicketCounters> ticketCounters = new TreeMap<>();
    private final HashMap<TeamState, Long> stateMs = new HashMap<>();
    private final TreeMap<String, Long> finalAnomalies = new TreeMap<>();
    private long replays;
    private long replayedEvents;
    /** Facts a replay produced again although they were already final (and possibly drained): dropped. */
    private long suppressed;
    private long lateEvents;

    // Provisional books for snapshots: the final books plus the pending facts up to stableKey, so that a snapshot
    // does not add all pending facts (the allowed lateness' worth) again each time. A pending fact up to stableKey
    // that becomes final moves from "pending" to "final" (the sum does not change); one after it is added when it
    // becomes final. Pending facts after stableKey (the last seconds) are added to each snapshot's copy. A rollback
    // to a checkpoint before stableKey drops pending facts of the books, which cannot be subtracted: the books are
    // then rebuilt at the next snapshot.
    private boolean provValid;
    private LocalDate provDay;
    /** The day book the provisional day was built on (null: none yet), to notice it being replaced. */
    private TallyBook provDayBase;
    private TallyBook provToday;
    /** Final + pending queue tallies per minute, from {@link #provFromMinute} on. */
    private final TreeMap<Long, TallyBook> provMinutes = new TreeMap<>();
    private long provFromMinute;
    /** Pending facts with a key up to this one are in the provisional books (null: none). */
    private Event stableKey;
    /**
     * How far back in event time recent rollbacks reached (ms), decaying by 1/16 at each rollback; the stable key
     * stays twice this (plus a second) behind the newest applied event, so that rollbacks rarely reach before it.
     */
    private long rollbackDepthMs;
    /** How many rollbacks reached before the stable key, so that the provisional books had to be rebuilt (tests). */
    long deepRollbacks;

    // the batch being applied
    private Set<String> batchIds = Set.of();
    private Map<String, Long> batchAnomalies = new TreeMap<>();

    public Engine(Settings settings) {
        this.settings = settings;
        this.latenessMs = settings.allowedLateness().toMillis();
        this.days = new Days(settings.zone());
        this.machine = new Machine(settings, state, finished, tickets, new Out());
        checkpoints.add(new Checkpoint(null, new State(), -1));
    }

    private final class Out implements Machine.Output {
        @Override
        public void fact(Fact fact) {
            Event k = machine.current;
            if (!isFinal(k)) {
                pending.addLast(new Pending(k, fact, null));
            } else {
                suppressed++;
            }
        }

        @Override
        public void anomaly(String kind) {
            Event k = machine.current;
            if (batchIds.contains(k.id())) {
                batchAnomalies.merge(kind, 1L, Long::sum);
            }
            if (!isFinal(k)) {
                pending.addLast(new Pending(k, null, kind));
            }
        }
    }

    // ------------------------------------------------------------------ apply

    /**
     * Applies stored, de-duplicated events in any order. Events more than the allowed lateness behind the
     * newest event time seen (counting the events of this batch before them) are late and not applied;
     * ids already applied within the reorder window, or twice in the batch, are ignored.
     */
    public ApplyResult apply(List<Event> events) {
        List<String> late = new ArrayList<>(0);
        List<String> duplicates = new ArrayList<>(0);
        HashSet<String> ids = events.size() > 1 ? new HashSet<>(events.size() * 2) : null;
        ArrayList<Event> accepted = new ArrayList<>(events.size());
        for (Event e : events) {
            if (tailIds.contains(e.id()) || (ids != null && !ids.add(e.id()))) {
                duplicates.add(e.id());
                continue;
            }
            long t = ms(e);
            boolean behindWatermark = maxTimeMs != NO_TIME && t < maxTimeMs - latenessMs;
            if (behindWatermark || (flushKey != null && Keys.compare(e, flushKey) <= 0)) {
                late.add(e.id());
                lateEvents++;
                continue;
            }
            accepted.add(e);
            if (t > maxTimeMs) {
                maxTimeMs = t;
            }
        }
        boolean replayed = false;
        batchAnomalies = new TreeMap<>();
        if (!accepted.isEmpty()) {
            accepted.sort(Keys.ORDER);
            for (Event e : accepted) {
                tail.add(e);
                tailIds.add(e.id());
            }
            if (ids == null) {
                batchIds = Set.of(accepted.get(0).id());
            } else if (late.isEmpty() && duplicates.isEmpty()) {
                batchIds = ids;
            } else {
                batchIds = new HashSet<>();
                for (Event e : accepted) {
                    batchIds.add(e.id());
                }
            }
            Event first = accepted.get(0);
            if (lastApplied != null && Keys.compare(first, lastApplied) < 0) {
                rollbackAndReplay(first);
                replayed = true;
            } else {
                for (Event e : accepted) {
                    applyOne(e);
                }
            }
            batchIds = Set.of();
        }
        settle();
        return new ApplyResult(accepted.size(), late, duplicates, batchAnomalies, replayed);
    }

    private void applyOne(Event e) {
        machine.apply(e);
        lastApplied = e;
        sinceCheckpoint++;
        sinceAnyCheckpoint++;
        long t = ms(e);
        // a copy costs O(live contacts + agents): taking one only after at least as many events keeps the
        // copying O(1) per applied event, also while replaying
        if (lastCheckpointMs == NO_TIME
                || (t - lastCheckpointMs >= CHECKPOINT_EVERY_MS && sinceCheckpoint >= state.size())
                || sinceCheckpoint >= CHECKPOINT_EVERY_EVENTS) {
            int fine = fineCheckpoints();
            checkpoints.subList(checkpoints.size() - fine, checkpoints.size()).clear();
            checkpoints.add(new Checkpoint(e, state.copy(), -1));
            fineTaken = 0;
            lastCheckpointMs = t;
            sinceCheckpoint = 0;
            sinceAnyCheckpoint = 0;
        } else if (sinceAnyCheckpoint >= Math.max(FINE_CHECKPOINT_EVENTS, state.size() / 8)) {
            int level = Long.numberOfTrailingZeros(++fineTaken);
            for (int k = checkpoints.size() - 1; k > 0 && !checkpoints.get(k).coarse(); k--) {
                if (checkpoints.get(k).level() == level) {
                    checkpoints.remove(k); // the previous one of this level
                    break;
                }
            }
            checkpoints.add(new Checkpoint(e, state.copy(), level));
            sinceAnyCheckpoint = 0;
        }
    }

    /** How many fine checkpoints end the list (those after the last coarse one). */
    private int fineCheckpoints() {
        int n = 0;
        for (int k = checkpoints.size() - 1; k > 0 && !checkpoints.get(k).coarse(); k--) {
            n++;
        }
        return n;
    }

    private void rollbackAndReplay(Event first) {
        long depth = ms(lastApplied) - ms(first);
        rollbackDepthMs = Math.max(depth, rollbackDepthMs - rollbackDepthMs / 16);
        int i = checkpoints.size() - 1;
        while (i > 0 && Keys.compare(checkpoints.get(i).key(), first) >= 0) {
            i--;
        }
        Checkpoint cp = checkpoints.get(i);
        checkpoints.subList(i + 1, checkpoints.size()).clear();
        state = cp.state().copy();
        machine.state = state;
        lastApplied = cp.key();
        while (!pending.isEmpty() && (cp.key() == null || Keys.compare(pending.peekLast().key(), cp.key()) > 0)) {
            pending.pollLast();
        }
        if (provValid && stableKey != null && (cp.key() == null || Keys.compare(cp.key(), stableKey) < 0)) {
            provValid = false; // pending facts of the books are dropped: rebuilt at the next snapshot
            deepRollbacks++;
        }
        finished.rollback(cp.key());
        tickets.rollback(cp.key());
        if (cp.coarse()) {
            fineTaken = 0;
        }
        lastCheckpointMs = NO_TIME;
        for (int k = checkpoints.size() - 1; k >= 0; k--) {
            Checkpoint c = checkpoints.get(k);
            if (c.coarse()) {
                lastCheckpointMs = c.key() == null ? NO_TIME : ms(c.key());
                break;
            }
        }
        if (lastCheckpointMs == NO_TIME && cp.key() != null) {
            lastCheckpointMs = ms(cp.key());
        }
        sinceCheckpoint = 0;
        sinceAnyCheckpoint = 0;
        replays++;
        Iterable<Event> replay = cp.key() == null ? tail : tail.tailSet(cp.key(), false);
        for (Event e : replay) {
            applyOne(e);
            replayedEvents++;
        }
    }

    /** Finalizes what fell behind the watermark and drops what can no longer be needed. */
    private void settle() {
        if (maxTimeMs == NO_TIME) {
            return;
        }
        long w = maxTimeMs - latenessMs;
        while (!pending.isEmpty() && ms(pending.peekFirst().key()) < w) {
            finalize(pending.pollFirst());
        }
        if (w > finalBeforeMs) {
            finalBeforeMs = w;
        }
        int base = 0;
        for (int i = 1; i < checkpoints.size() && ms(checkpoints.get(i).key()) < w; i++) {
            base = i;
        }
        if (base > 0) {
            checkpoints.subList(0, base).clear();
        }
        Event baseKey = checkpoints.get(0).key();
        if (baseKey != null) {
            while (!tail.isEmpty() && Keys.compare(tail.first(), baseKey) <= 0) {
                tailIds.remove(tail.pollFirst().id());
            }
            finished.evictBefore(ms(baseKey) - FinishedContacts.RETENTION_MS);
            tickets.forgetUndoUpTo(baseKey);
        }
        LocalDate keepDay = days.date(maxTimeMs).minusDays(1);
        long keepMinute = Math.floorDiv(maxTimeMs, MINUTE_MS) - 60;
        // a snapshot of a dropped day or minute must not see it through the provisional books
        if ((provDay != null && provDay.isBefore(keepDay) && !dayBooks.headMap(keepDay).isEmpty())
                || (keepMinute > provFromMinute && !minuteBooks.subMap(provFromMinute, keepMinute).isEmpty())) {
            provValid = false;
        }
        dayBooks.headMap(keepDay).clear();
        minuteBooks.headMap(keepMinute).clear();
    }

    private boolean isFinal(Event key) {
        return ms(key) < finalBeforeMs || (flushKey != null && Keys.compare(key, flushKey) <= 0);
    }

    private void finalize(Pending p) {
        if (provValid && p.fact() != null && (stableKey == null || Keys.compare(p.key(), stableKey) > 0)) {
            addProvisional(p.fact()); // pending after the stable key: not in the provisional books yet
        }
        if (p.fact() == null) {
            finalAnomalies.merge(p.anomaly(), 1L, Long::sum);
            return;
        }
        Fact f = p.fact();
        finals.add(f);
        if (f instanceof AgentStateSpan sp) {
            long s = sp.start().toEpochMilli();
            long e = sp.end().toEpochMilli();
            while (s < e) {
                TallyBook b = dayBook(days.date(s));
                b.addSpan(sp.agent(), sp.state(), sp.reason(), s, e);
                s = b.to;
            }
            stateMs.merge(new TeamState(sp.team(), sp.state()), e - sp.start().toEpochMilli(), Long::sum);
            return;
        }
        if (f instanceof TicketFact tf) {
            ticketCounters.computeIfAbsent(tf.queue(), q -> new TicketCounters()).add(tf);
            for (LocalDate d : ticketDays(tf)) {
                dayBook(d).add(tf, settings);
            }
            return;
        }
        long t = f.time().toEpochMilli();
        dayBook(days.date(t)).add(f, settings);
        long minute = Math.floorDiv(t, MINUTE_MS);
        minuteBooks.computeIfAbsent(minute, m -> new TallyBook(m * MINUTE_MS, (m + 1) * MINUTE_MS, false))
                .add(f, settings);
        if (f instanceof QueueVisit v) {
            counters.computeIfAbsent(new QueueKey(v.queue(), v.channel()), k -> new QueueCounters())
                    .addVisit(v, settings.queue(v.queue()));
        } else if (f instanceof HandleSegment h && h.queue() != null && h.channel() != null) {
            counters.computeIfAbsent(new QueueKey(h.queue(), h.channel()), k -> new QueueCounters()).addSegment(h);
        }
    }

    /** The kept local days (yesterday and later) on which a ticket version changes a tally. */
    private List<LocalDate> ticketDays(TicketFact f) {
        LocalDate keep = days.date(maxTimeMs).minusDays(1);
        TreeSet<LocalDate> out = new TreeSet<>();
        for (TicketFact v = f; v != null; v = v == f ? f.previous() : null) {
            for (Instant i : new Instant[] {v.createdAt(), v.firstResponseAt(), v.resolvedAt(), v.responseSlaAt(),
                v.resolutionSlaAt()}) {
                if (i != null) {
                    LocalDate d = days.date(i.toEpochMilli());
                    if (!d.isBefore(keep)) {
                        out.add(d);
                    }
                }
            }
        }
        return new ArrayList<>(out);
    }

    private TallyBook dayBook(LocalDate d) {
        return dayBooks.computeIfAbsent(d, x -> new TallyBook(days.start(x), days.start(x.plusDays(1)), true));
    }

    /**
     * Restart recovery: puts a ticket as stored (its newest version, last changed at {@code lastEventAt})
     * into the live state before any event is applied, with its due-time timers, as if the events that made
     * it had been applied. For tickets that did not change since the replay starts; see Recovery.
     *
     * @throws IllegalStateException once an event was applied
     */
    public void restoreTicket(TicketFact f, Instant lastEventAt) {
        if (lastApplied != null) {
            throw new IllegalStateException("tickets are restored before the first event");
        }
        long last = lastEventAt.toEpochMilli();
        List<TicketDesk.Due> dues = new ArrayList<>();
        if (f.firstResponseDue() != null && f.responseSla() == null) {
            dues.add(new TicketDesk.Due(f.firstResponseDue().toEpochMilli(), TicketDesk.Kind.RESPONSE_DUE, f.ticket()));
        }
        if (f.resolutionDue() != null && f.resolutionSla() != io.ccpulse.domain.fact.SlaStatus.BREACHED) {
            dues.add(new TicketDesk.Due(f.resolutionDue().toEpochMilli(), TicketDesk.Kind.RESOLUTION_DUE, f.ticket()));
        }
        dues.add(new TicketDesk.Due(last + (f.open() ? TicketDesk.STALE_OPEN_MS : TicketDesk.RESOLVED_RETENTION_MS),
                TicketDesk.Kind.FORGET, f.ticket()));
        tickets.restore(new TicketDesk.Live(f.withoutPrevious(), last), dues);
    }

    // ------------------------------------------------------------------ outputs

    /** The facts that became final since the last call, each exactly once, in the order they became final. */
    public List<Fact> drainFinal() {
        List<Fact> out = List.copyOf(finals);
        finals.clear();
        return out;
    }

    /**
     * Treats everything applied so far as final (end of stream, shutdown, tests): pending facts and
     * anomalies become final; later events at or before the last applied one are late. Closes nothing that
     * is still open: waiting and connected contacts, ACW and logged-in agents stay in the state.
     */
    public void flushAll() {
        while (!pending.isEmpty()) {
            finalize(pending.pollFirst());
        }
        if (lastApplied == null) {
            return;
        }
        flushKey = lastApplied;
        checkpoints.clear();
        checkpoints.add(new Checkpoint(lastApplied, state.copy(), -1));
        fineTaken = 0;
        lastCheckpointMs = ms(lastApplied);
        sinceCheckpoint = 0;
        sinceAnyCheckpoint = 0;
        tail.clear();
        tailIds.clear();
        tickets.clearUndo();
        finished.evictBefore(ms(lastApplied) - FinishedContacts.RETENTION_MS);
    }

    /** Final anomaly counts by kind (see {@link Anomaly}); they never decrease. */
    public Map<String, Long> anomalies() {
        return Collections.unmodifiableMap(new TreeMap<>(finalAnomalies));
    }

    /** How many times the state was rolled back to a checkpoint and replayed. */
    public long replays() {
        return replays;
    }

    /** How many events were not applied because they were late. */
    public long lateEvents() {
        return lateEvents;
    }

    /** Newest event time seen minus the allowed lateness; null before the first event. */
    public Instant watermark() {
        return maxTimeMs == NO_TIME ? null : Instant.ofEpochMilli(maxTimeMs - latenessMs);
    }

    /** The time up to which everything is final: the watermark, or the last applied event after {@link #flushAll()}. */
    private long finalUpTo() {
        long w = maxTimeMs == NO_TIME ? NO_TIME : maxTimeMs - latenessMs;
        if (flushKey != null) {
            w = Math.max(w, ms(flushKey));
        }
        return w;
    }

    /**
     * The live state at {@code now} (used for ages, "today" and the last 15 minutes; the state itself is
     * that of the applied events: time-driven transitions such as the ACW cap fire in event time only).
     */
    public LiveSnapshot snapshot(Instant now) {
        long n = now.toEpochMilli();
        LocalDate d = days.date(n);
        long m = Math.floorDiv(n, MINUTE_MS);
        TallyBook base = dayBooks.get(d);
        if (!provValid || !d.equals(provDay) || (provDayBase != null && base != provDayBase) || m - 14 < provFromMinute) {
            rebuildProvisional(d, m - 14);
        }
        List<Pending> afterStable = advanceStable();
        // final + pending, as if every pending fact were added to copies of the final books
        TallyBook today = provToday.copy();
        TallyBook last15 = new TallyBook((m - 14) * MINUTE_MS, (m + 1) * MINUTE_MS, false);
        for (TallyBook b : provMinutes.subMap(m - 14, true, m, true).values()) {
            last15.mergeQueues(b);
        }
        provMinutes.headMap(m - 14).clear();
        provFromMinute = m - 14;
        for (Pending p : afterStable) {
            if (p.fact() != null) {
                today.add(p.fact(), settings);
                last15.add(p.fact(), settings);
            }
        }
        long upTo = finalUpTo();
        HashMap<TeamState, Long> stateTotals = new HashMap<>(stateMs);
        for (Pending p : pending) {
            if (p.fact() instanceof AgentStateSpan sp) {
                long end = Math.min(sp.end().toEpochMilli(), upTo);
                long start = sp.start().toEpochMilli();
                if (end > start) {
                    stateTotals.merge(new TeamState(sp.team(), sp.state()), end - start, Long::sum);
                }
            }
        }

        // agents
        List<AgentSession> sessions = new ArrayList<>(state.agents.values());
        sessions.sort(Comparator.comparing(a -> a.id));
        TreeMap<String, EnumMap<AgentState, Integer>> byQueue = new TreeMap<>();
        HashMap<String, EnumMap<AgentState, Integer>> byTeam = new HashMap<>();
        List<AgentLive> agents = new ArrayList<>(sessions.size());
        for (AgentSession a : sessions) {
            if (a.loggedIn) {
                today.addSpan(a.id, a.spanState, a.spanReason, a.spanSince, n);
                if (upTo > a.spanSince) {
                    stateTotals.merge(new TeamState(a.spanTeam, a.spanState), upTo - a.spanSince, Long::sum);
                }
                for (String q : a.queues) {
                    byQueue.computeIfAbsent(q, x -> zeroStates()).merge(a.spanState, 1, Integer::sum);
                }
                byTeam.computeIfAbsent(a.team, x -> zeroStates()).merge(a.spanState, 1, Integer::sum);
            }
            AgentTally tally = today.agents.get(a.id);
            agents.add(new AgentLive(a.id, a.name, a.team, a.queues, a.loggedIn ? a.spanState : AgentState.OFFLINE,
                    a.loggedIn ? Instant.ofEpochMilli(a.spanSince)
                            : a.offlineSince == Segment.NONE ? null : Instant.ofEpochMilli(a.offlineSince),
                    a.loggedIn ? a.spanReason : null, new ArrayList<>(a.connected),
                    tally != null ? tally : new AgentTally(),
                    today.agentResponses.getOrDefault(a.id, new ResponseTally()),
                    today.agentTickets.getOrDefault(a.id, new TicketTally())));
        }

        // queues
        HashMap<QueueKey, int[]> waiting = new HashMap<>();
        HashMap<QueueKey, Long> oldest = new HashMap<>();
        for (ContactState c : state.contacts.values()) {
            Visit v = c.visit;
            if (v != null) {
                QueueKey k = new QueueKey(v.queue(), v.channel());
                waiting.computeIfAbsent(k, x -> new int[1])[0]++;
                oldest.merge(k, v.queuedAt(), Math::min);
            }
        }
        TreeSet<QueueKey> keys = new TreeSet<>();
        keys.addAll(today.queues.keySet());
        keys.addAll(last15.queues.keySet());
        keys.addAll(waiting.keySet());
        keys.addAll(counters.keySet());
        for (QueueKey k : keys) {
            byQueue.computeIfAbsent(k.queue(), x -> zeroStates());
        }
        for (String q : settings.queues().keySet()) {
            byQueue.computeIfAbsent(q, x -> zeroStates());
        }
        List<QueueLive> queues = new ArrayList<>(keys.size());
        for (QueueKey k : keys) {
            int[] w = waiting.get(k);
            Long o = oldest.get(k);
            QueueTally t = today.queues.get(k);
            QueueTally l = last15.queues.get(k);
            queues.add(new QueueLive(k.queue(), k.channel(), w == null ? 0 : w[0],
                    o == null ? null : Instant.ofEpochMilli(o), byQueue.get(k.queue()),
                    t != null ? t : new QueueTally(), l != null ? l : new QueueTally(), settings.queue(k.queue())));
        }
        Map<String, Map<AgentState, Integer>> agentsByQueue = new TreeMap<>(byQueue);

        List<TeamLive> teams = new ArrayList<>();
        List<String> teamNames = new ArrayList<>(byTeam.keySet());
        teamNames.sort(NULLS_FIRST);
        for (String team : teamNames) {
            teams.add(new TeamLive(team, byTeam.get(team)));
        }

        List<TicketQueueLive> ticketQueues = ticketQueues(now, today);

        List<QueueTotals> queueTotals = new ArrayList<>(counters.size());
        counters.forEach((k, c) -> queueTotals.add(c.toRecord(k)));
        List<AgentStateTotal> stateList = new ArrayList<>();
        stateTotals.forEach((k, v) -> stateList.add(new AgentStateTotal(k.team(), k.state(), v)));
        stateList.sort(Comparator.comparing(AgentStateTotal::team, NULLS_FIRST).thenComparing(AgentStateTotal::state));
        List<TicketTotals> ticketTotals = new ArrayList<>(ticketCounters.size());
        ticketCounters.forEach((q, c) -> ticketTotals.add(c.toRecord(q)));
        Totals totals = new Totals(upTo == NO_TIME ? null : Instant.ofEpochMilli(upTo), queueTotals, stateList,
                ticketTotals, finalAnomalies, replays, lateEvents);

        return new LiveSnapshot(now, maxTimeMs == NO_TIME ? null : Instant.ofEpochMilli(maxTimeMs), watermark(),
                queues, agentsByQueue, agents, teams, ticketQueues, totals);
    }

    /** A snapshot computed without the provisional books kept so far (tests compare it with {@link #snapshot}). */
    LiveSnapshot snapshotRebuilt(Instant now) {
        provValid = false;
        return snapshot(now);
    }

    /** The pending entries after the stable key, in key order (the newest ones: found from the end). */
    private List<Pending> afterStable() {
        ArrayList<Pending> out = new ArrayList<>();
        for (java.util.Iterator<Pending> it = pending.descendingIterator(); it.hasNext(); ) {
            Pending p = it.next();
            if (stableKey != null && Keys.compare(p.key(), stableKey) <= 0) {
                break;
            }
            out.add(p);
        }
        Collections.reverse(out);
        return out;
    }

    /**
     * Moves the stable key on to the newest checkpoint at least the stable lag (twice the recent rollback depth
     * plus {@value #MIN_STABLE_LAG_MS} ms, at most the allowed lateness) behind the last applied event, adding the
     * pending facts it passes to the provisional books. A rollback lands on a checkpoint: one no deeper than that
     * lands on this one or a newer one and leaves the books as they are.
     *
     * @return the pending entries after the stable key, in key order (what a snapshot adds to its copy)
     */
    private List<Pending> advanceStable() {
        List<Pending> after = afterStable();
        if (lastApplied == null) {
            return after;
        }
        long target = ms(lastApplied) - Math.min(latenessMs, 2 * rollbackDepthMs + MIN_STABLE_LAG_MS);
        Event to = null;
        for (int i = checkpoints.size() - 1; i >= 0; i--) {
            Event k = checkpoints.get(i).key();
            if (k != null && ms(k) <= target) {
                to = k;
                break;
            }
        }
        if (to == null || (stableKey != null && Keys.compare(to, stableKey) <= 0)) {
            return after;
        }
        int passed = 0;
        for (Pending p : after) {
            if (Keys.compare(p.key(), to) > 0) {
                break;
            }
            if (p.fact() != null) {
                addProvisional(p.fact());
            }
            passed++;
        }
        stableKey = to;
        return after.subList(passed, after.size());
    }

    /**
     * Rebuilds the provisional books of day {@code d} and of the minutes from {@code fromMinute} on: the final
     * books, with no pending fact yet (the stable key starts over).
     */
    private void rebuildProvisional(LocalDate d, long fromMinute) {
        TallyBook base = dayBooks.get(d);
        provDay = d;
        provDayBase = base;
        provToday = base != null ? base.copy() : new TallyBook(days.start(d), days.start(d.plusDays(1)), true);
        provMinutes.clear();
        provFromMinute = fromMinute;
        for (Map.Entry<Long, TallyBook> e : minuteBooks.tailMap(fromMinute, true).entrySet()) {
            TallyBook c = new TallyBook(e.getKey() * MINUTE_MS, (e.getKey() + 1) * MINUTE_MS, false);
            c.mergeQueues(e.getValue());
            provMinutes.put(e.getKey(), c);
        }
        provValid = true;
        stableKey = null;
    }

    /** Adds a pending fact to the provisional books, as a snapshot would add it to copies of the final books. */
    private void addProvisional(Fact f) {
        provToday.add(f, settings);
        if (f instanceof AgentStateSpan || f instanceof TicketFact) {
            return; // no part of a queue tally (minute books have no agents or tickets)
        }
        long minute = Math.floorDiv(f.time().toEpochMilli(), MINUTE_MS);
        if (minute >= provFromMinute) {
            provMinutes.computeIfAbsent(minute, x -> new TallyBook(x * MINUTE_MS, (x + 1) * MINUTE_MS, false))
                    .add(f, settings);
        }
    }

    /** Tickets per queue: open and overdue at {@code now} (open tickets scanned), today's tally from {@code today}. */
    private List<TicketQueueLive> ticketQueues(Instant now, TallyBook today) {
        record Open(int[] counts, Instant[] oldest) {
        }
        TreeMap<String, Open> open = new TreeMap<>();
        for (TicketDesk.Live l : tickets.openTickets()) {
            TicketFact f = l.fact();
            Open o = open.computeIfAbsent(f.queue(), q -> new Open(new int[3], new Instant[1]));
            o.counts()[0]++;
            if (f.responseOverdue(now)) {
                o.counts()[1]++;
            }
            if (f.resolutionOverdue(now)) {
                o.counts()[2]++;
            }
            if (o.oldest()[0] == null || f.createdAt().isBefore(o.oldest()[0])) {
                o.oldest()[0] = f.createdAt();
            }
        }
        TreeSet<String> names = new TreeSet<>(open.keySet());
        names.addAll(today.tickets.keySet());
        names.addAll(ticketCounters.keySet());
        List<TicketQueueLive> out = new ArrayList<>(names.size());
        for (String q : names) {
            Open o = open.get(q);
            long inbound = 0;
            for (Map.Entry<QueueKey, QueueTally> e : today.queues.subMap(new QueueKey(q, FIRST_CHANNEL), true,
                    new QueueKey(q, LAST_CHANNEL), true).entrySet()) {
                inbound += e.getValue().inboundContacts();
            }
            TicketTally t = today.tickets.get(q);
            out.add(new TicketQueueLive(q, o == null ? 0 : o.counts()[0], o == null ? 0 : o.counts()[1],
                    o == null ? 0 : o.counts()[2], o == null ? null : o.oldest()[0],
                    t != null ? t : new TicketTally(), inbound, settings.queue(q)));
        }
        return out;
    }

    private static final Channel FIRST_CHANNEL = Channel.values()[0];
    private static final Channel LAST_CHANNEL = Channel.values()[Channel.values().length - 1];

    private static EnumMap<AgentState, Integer> zeroStates() {
        EnumMap<AgentState, Integer> m = new EnumMap<>(AgentState.class);
        for (AgentState s : LiveSnapshot.STAFFED_STATES) {
            m.put(s, 0);
        }
        return m;
    }

    private static long ms(Event e) {
        return e.time().toEpochMilli();
    }

    // ------------------------------------------------------------------ diagnostics (package-private, tests)

    /** The newest version of a ticket held live (open, or resolved and still remembered), or null. */
    TicketFact ticket(String ticket) {
        TicketDesk.Live l = tickets.get(ticket);
        return l == null ? null : l.fact();
    }

    /** The phase of a contact: none, queued, ringing, connected, held, transferring, idle, acw, or closed (over). */
    String contactPhase(String contact) {
        ContactState c = state.contacts.get(contact);
        if (c != null) {
            return c.phase();
        }
        long t = lastApplied == null ? 0 : ms(lastApplied);
        return finished.get(contact, t) != null ? "closed" : "none";
    }

    /** Sizes of the internal buffers: checkpoints, tail, pending, finished contacts, live contacts, timers. */
    Map<String, Integer> sizes() {
        Map<String, Integer> m = new TreeMap<>();
        m.put("checkpoints", checkpoints.size());
        m.put("tail", tail.size());
        m.put("pending", pending.size());
        m.put("finished", finished.size());
        m.put("contacts", state.contacts.size());
        m.put("timers", state.timers.size());
        m.put("openTickets", tickets.openCount());
        m.put("resolvedTickets", tickets.resolvedCount());
        m.put("ticketTimers", tickets.timerCount());
        m.put("ticketUndo", tickets.undoSize());
        m.put("dayBooks", dayBooks.size());
        m.put("minuteBooks", minuteBooks.size());
        m.put("replayedEvents", (int) Math.min(Integer.MAX_VALUE, replayedEvents));
        m.put("suppressed", (int) Math.min(Integer.MAX_VALUE, suppressed));
        return m;
    }
}
