package io.ccpulse.sim;

import io.ccpulse.domain.event.Channel;
import io.ccpulse.domain.event.EventType;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;

/**
 * A deterministic discrete-event simulation of a contact center that produces events of the
 * contract v1 (EVENTS.md) as JSON lines.
 *
 * <p>Happenings (an arrival, a ring that ends, a customer losing patience, a break starting, ...)
 * wait in a priority queue ordered by time; {@link #next} runs them in time order up to the time
 * asked for. Each happening looks at the current state first (a customer who already hung up is
 * never answered), changes it and emits the events it causes. The model never reads a clock:
 * the start, the zone and the seed are given, and the same inputs give the same events, ids
 * included, on any JVM (java.util.Random and StrictMath only).
 *
 * <p>What it simulates: Poisson arrivals following a daily and weekly curve per queue and channel;
 * customers with random patience who abandon (some within seconds, some reported as
 * {@code contact.ended} while queued) and call again later; queues that block arrivals when full or
 * closed; routing of the longest-waiting contact (relative to the service-level threshold of its
 * queue) to the longest-idle available agent with the skill; ringing, ring-no-answer; talk with
 * holds; transfers to a queue or to an agent; up to three chats, emails and messaging
 * conversations at once per agent with messages; after-contact work, sometimes never wrapped;
 * resolutions, dispositions and surveys; repeat contacts of unresolved customers; outbound calls by
 * idle sales agents; shifts with logins, breaks, lunch, training, meetings and logouts; service-desk
 * tickets with their life cycle.
 *
 * <p>The emitted stream is in the contract's application order (time, type rank, id): when a
 * happening causes an event of a lower type rank than the event emitted just before at the same
 * millisecond, the later event moves 1 ms forward, so the order of causes is kept.
 */
public final class TrafficModel {

    private static final DateTimeFormatter SECONDS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final Object LOGOUT = new Object();
    private static final int RECENT_CUSTOMERS = 20_000;
    private static final int MAX_CALLBACKS = 5_000;

    private final Center center;
    private final Rng rng;
    private final ZoneId zone;
    private final long startMs;
    private final long endMs;
    private final String prefix;

    private final PriorityQueue<Pending> agenda = new PriorityQueue<>(
            Comparator.comparingLong((Pending p) -> p.t).thenComparingLong(p -> p.seq));
    private long pendingSeq;
    private long now;

    private final ArrayDeque<SimEvent> ready = new ArrayDeque<>();
    private long lastEmitMs = Long.MIN_VALUE;
    private int lastEmitRank;
    private long eventSeq;
    private long contactSeq;
    private long ticketSeq;

    private final List<LaneState> laneStates = new ArrayList<>();
    private final List<Agent> agents = new ArrayList<>();
    private final List<String> recentCustomers = new ArrayList<>();
    private int recentNext;
    private boolean dispatching;

    private long formattedSecond = Long.MIN_VALUE;
    private String formattedSecondText;

    private LocalDate cachedDay;
    private long cachedDayStart = Long.MAX_VALUE;
    private long cachedDayEnd = Long.MIN_VALUE;

    /**
     * @param size     center size (agents, skills, opening hours)
     * @param seed     seed of the random numbers; with the start it also names the ids
     * @param start    simulated start time
     * @param duration how much simulated time to produce; null for no end
     * @param zone     local time zone of the center (daily curve, shifts, opening hours)
     */
    public TrafficModel(CenterSize size, long seed, Instant start, Duration duration, ZoneId zone) {
        this.center = new Center(size, seed);
        this.rng = new Rng(new Random(seed));
        this.zone = zone;
        this.startMs = start.toEpochMilli();
        this.endMs = duration == null ? Long.MAX_VALUE : startMs + duration.toMillis();
        this.prefix = seed + "-" + Long.toString(Math.floorDiv(startMs, 1000), 36);
        this.now = startMs;
        for (Lane lane : center.lanes) {
            laneStates.add(new LaneState(lane, center.maxRate(lane)));
        }
        for (Center.AgentSpec spec : center.agents) {
            Agent a = new Agent(spec);
            agents.add(a);
            for (LaneState q : laneStates) {
                if (spec.queues().contains(q.lane.queue)) {
                    q.skilled.add(a);
                }
            }
        }
        LocalDate today = localDate(startMs);
        planDay(today.minusDays(1));
        planDay(today);
        scheduleDayPlanning(today.plusDays(1));
        for (LaneState q : laneStates) {
            scheduleArrival(q);
        }
        scheduleTicketArrival();
    }

    // ---------------------------------------------------------------- public API

    /** All events with a time up to {@code upTo} (and up to the end), in application order. */
    public List<SimEvent> next(Instant upTo) {
        return next(upTo, Integer.MAX_VALUE);
    }

    /**
     * At most {@code max} events with a time up to {@code upTo}, in application order. Fewer than
     * {@code max} means every event up to {@code upTo} has been returned.
     */
    public List<SimEvent> next(Instant upTo, int max) {
        long up = Math.min(upTo.toEpochMilli(), endMs);
        while (!agenda.isEmpty() && agenda.peek().t <= up && releasable(up) < max) {
            Pending p = agenda.poll();
            now = p.t;
            p.action.run();
        }
        List<SimEvent> out = new ArrayList<>(Math.min(max, ready.size()));
        while (out.size() < max && !ready.isEmpty() && ready.peekFirst().timeMs() <= up) {
            out.add(ready.pollFirst());
        }
        return out;
    }

    /** The simulated start. */
    public Instant start() {
        return Instant.ofEpochMilli(startMs);
    }

    /** The simulated end, or null when the model runs forever. */
    public Instant end() {
        return endMs == Long.MAX_VALUE ? null : Instant.ofEpochMilli(endMs);
    }

    /** The part of the ids that names this run: {@code <seed>-<start in base 36 seconds>}. */
    public String runId() {
        return prefix;
    }

    /** Agents on the roster. */
    public int rosterSize() {
        return agents.size();
    }

    /** The queue/channel pairs, e.g. {@code billing/voice}. */
    public List<String> lanes() {
        List<String> out = new ArrayList<>();
        for (Lane l : center.lanes) {
            out.add(l.key());
        }
        return out;
    }

    /** Arrivals per hour the model draws for a queue and channel at an instant (blocked ones included). */
    public double arrivalRatePerHour(String queue, Channel channel, Instant at) {
        Lane lane = lane(queue, channel);
        long ms = at.toEpochMilli();
        return center.rate(lane, localDate(ms), localHour(ms)) * 3600;
    }

    /** Expected number of arrivals (contacts queued or blocked at the door) in [from, to). */
    public double expectedArrivals(String queue, Channel channel, Instant from, Instant to) {
        Lane lane = lane(queue, channel);
        double sum = 0;
        long step = 10_000;
        for (long t = from.toEpochMilli(); t < to.toEpochMilli(); t += step) {
            long width = Math.min(step, to.toEpochMilli() - t);
            long mid = t + width / 2;
            sum += center.rate(lane, localDate(mid), localHour(mid)) * width / 1000.0;
        }
        return sum;
    }

    private Lane lane(String queue, Channel channel) {
        Lane lane = center.lane(queue, channel);
        if (lane == null) {
            throw new IllegalArgumentException("no lane " + queue + "/" + channel);
        }
        return lane;
    }

    // ---------------------------------------------------------------- agenda and emission

    private static final class Pending {
        final long t;
        final long seq;
        final Runnable action;

        Pending(long t, long seq, Runnable action) {
            this.t = t;
            this.seq = seq;
            this.action = action;
        }
    }

    private void at(long t, Runnable action) {
        agenda.add(new Pending(Math.max(t, now), pendingSeq++, action));
    }

    private void after(double seconds, Runnable action) {
        at(now + Rng.ms(seconds), action);
    }

    private int releasable(long up) {
        int held = 0;
        java.util.Iterator<SimEvent> it = ready.descendingIterator();
        while (it.hasNext() && it.next().timeMs() > up) {
            held++;
        }
        return ready.size() - held;
    }

    private void emit(EventType type, JsonText fields) {
        long t = Math.max(now, lastEmitMs);
        if (t == lastEmitMs && type.rank() < lastEmitRank) {
            t++;
        }
        lastEmitMs = t;
        lastEmitRank = type.rank();
        String id = "sim-" + prefix + "-" + pad9(++eventSeq);
        StringBuilder sb = new StringBuilder(160);
        sb.append("{\"id\":");
        JsonText.quote(sb, id);
        sb.append(",\"type\":\"").append(type.wireName()).append("\",\"time\":\"").append(formatTime(t))
                .append('"');
        String members = fields.members();
        if (!members.isEmpty()) {
            sb.append(',').append(members);
        }
        sb.append('}');
        ready.addLast(new SimEvent(id, type, t, sb.toString()));
    }

    /** RFC 3339 in UTC with milliseconds, e.g. {@code 2026-11-23T08:01:00.250Z}. */
    private String formatTime(long ms) {
        long second = Math.floorDiv(ms, 1000);
        if (second != formattedSecond) {
            formattedSecond = second;
            formattedSecondText = SECONDS.format(Instant.ofEpochSecond(second));
        }
        int milli = (int) Math.floorMod(ms, 1000);
        return formattedSecondText + (milli < 10 ? ".00" : milli < 100 ? ".0" : ".") + milli + "Z";
    }

    private static String pad9(long n) {
        String s = Long.toString(n);
        return s.length() >= 9 ? s : "000000000".substring(s.length()) + s;
    }

    // ---------------------------------------------------------------- local time

    private void cacheDay(long ms) {
        if (ms >= cachedDayStart && ms < cachedDayEnd) {
            return;
        }
        cachedDay = Instant.ofEpochMilli(ms).atZone(zone).toLocalDate();
        cachedDayStart = cachedDay.atStartOfDay(zone).toInstant().toEpochMilli();
        cachedDayEnd = cachedDay.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
    }

    private LocalDate localDate(long ms) {
        cacheDay(ms);
        return cachedDay;
    }

    /** Hours since local midnight (below 24 also on a 25-hour day). */
    private double localHour(long ms) {
        cacheDay(ms);
        return Math.min((ms - cachedDayStart) / 3_600_000.0, 24 - 1e-9);
    }

    private long localTime(LocalDate date, int minuteOfDay) {
        return date.atStartOfDay(zone).plusMinutes(minuteOfDay).toInstant().toEpochMilli();
    }

    // ---------------------------------------------------------------- state

    private enum State { WAITING, RINGING, TRANSFERRING, CONNECTED, ENDED, GONE }

    private static final class LaneState {
        final Lane lane;
        final double maxRate;
        final ArrayDeque<Contact> waiting = new ArrayDeque<>();
        int ringing;
        final List<Agent> skilled = new ArrayList<>();
        final PriorityQueue<Callback> callbacks = new PriorityQueue<>(
                Comparator.comparingLong((Callback c) -> c.due).thenComparingLong(c -> c.seq));

        LaneState(Lane lane, double maxRate) {
            this.lane = lane;
            this.maxRate = maxRate;
        }
    }

    private static final class Callback {
        final String customer;
        final long due;
        final long expires;
        final long seq;

        Callback(String customer, long due, long expires, long seq) {
            this.customer = customer;
            this.due = due;
            this.expires = expires;
            this.seq = seq;
        }
    }

    private static final class Contact {
        final String id;
        final Channel channel;
        final String customer;
        final boolean outbound;
        LaneState lane;
        LaneState entryLane;
        State state;
        long queuedAt;
        int visit;
        Agent ringAgent;
        int transfers;

        Contact(String id, Channel channel, String customer, boolean outbound) {
            this.id = id;
            this.channel = channel;
            this.customer = customer;
            this.outbound = outbound;
        }
    }

    /** One agent's part of a contact; holds one of the agent's slots until released. */
    private static final class Segment {
        final Contact contact;
        final Agent agent;

        Segment(Contact contact, Agent agent) {
            this.contact = contact;
            this.agent = agent;
        }
    }

    private static final class Away {
        final String reason;
        final long durationMs;

        Away(String reason, long durationMs) {
            this.reason = reason;
            this.durationMs = durationMs;
        }
    }

    private static final class Agent {
        final Center.AgentSpec spec;
        boolean loggedIn;
        String away;
        long awayToken;
        final List<Segment> active = new ArrayList<>();
        Contact ringing;
        long idleSince;
        long lastAssigned;
        final ArrayDeque<Object> pending = new ArrayDeque<>();
        boolean dialArmed;

        Agent(Center.AgentSpec spec) {
            this.spec = spec;
        }

        String id() {
            return spec.id();
        }

        boolean free() {
            return active.isEmpty() && ringing == null;
        }

        /** Whether routing may give this agent a contact of this channel now. */
        boolean canTake(Channel channel) {
            if (!loggedIn || away != null || ringing != null || !pending.isEmpty()) {
                return false;
            }
            if (channel == Channel.VOICE || channel == Channel.EMAIL) {
                // emails wait for an agent with nothing else open
                return active.isEmpty();
            }
            if (active.size() >= 3) {
                return false;
            }
            for (Segment s : active) {
                if (s.contact.channel == Channel.VOICE) {
                    return false;
                }
            }
            return true;
        }
    }

    // ---------------------------------------------------------------- shifts

    private void scheduleDayPlanning(LocalDate date) {
        long midnight = date.atStartOfDay(zone).toInstant().toEpochMilli();
        if (midnight > endMs) {
            return;
        }
        at(midnight, () -> {
            planDay(date);
            scheduleDayPlanning(date.plusDays(1));
        });
    }

    /** Who works on {@code date}, and their login, breaks and logout. Shifts over before now are skipped. */
    private void planDay(LocalDate date) {
        for (Agent a : agents) {
            if (!Center.works(a.spec, date)) {
                continue;
            }
            long s = localTime(date, a.spec.shiftStartMin()) + Math.round(rng.uniform(-360, 240) * 1000);
            long e = s + Center.SHIFT_MIN * 60_000L + Math.round(rng.uniform(0, 360) * 1000);
            double b1 = rng.uniform(105, 135);
            double lunch = rng.uniform(210, 270);
            double b2 = rng.uniform(360, 390);
            double lunchLen = rng.uniform(30, 40);
            boolean training = rng.chance(0.07);
            double trainingAt = rng.uniform(60, 360);
            boolean meeting = rng.chance(0.10);
            double meetingAt = rng.uniform(60, 420);
            if (e <= now) {
                continue;
            }
            long login = s >= now ? s : now + Rng.ms(rng.uniform(0, 20));
            at(login, () -> login(a));
            planAway(a, login, s, b1, "break", rng.uniform(14, 17));
            planAway(a, login, s, lunch, "lunch", lunchLen);
            planAway(a, login, s, b2, "break", rng.uniform(14, 17));
            if (training) {
                planAway(a, login, s, trainingAt, "training", 60);
            }
            if (meeting) {
                planAway(a, login, s, meetingAt, "meeting", 30);
            }
            at(e, () -> shiftEnds(a));
        }
    }

    private void planAway(Agent a, long login, long shiftStart, double atMinute, String reason, double minutes) {
        long t = shiftStart + Rng.ms(atMinute * 60);
        if (t <= login) {
            return;
        }
        long duration = Rng.ms(minutes * 60);
        at(t, () -> {
            if (a.loggedIn) {
                a.pending.add(new Away(reason, duration));
                tryPending(a);
            }
        });
    }

    private void login(Agent a) {
        if (a.loggedIn) {
            return;
        }
        a.loggedIn = true;
        a.away = null;
        a.awayToken++;
        a.pending.clear();
        a.idleSince = now;
        emit(EventType.AGENT_LOGIN, new JsonText().str("agent", a.id()).str("name", a.spec.name())
                .str("team", a.spec.team()).strs("queues", a.spec.queues()));
        dispatch();
        maybeArmOutbound(a);
    }

    private void shiftEnds(Agent a) {
        if (!a.loggedIn) {
            return;
        }
        if (a.away != null && a.free()) {
            logout(a);
            return;
        }
        a.pending.add(LOGOUT);
        tryPending(a);
    }

    private void logout(Agent a) {
        a.loggedIn = false;
        a.away = null;
        a.awayToken++;
        a.pending.clear();
        emit(EventType.AGENT_LOGOUT, new JsonText().str("agent", a.id()));
    }

    /** Starts the agent's next pending break or logout once the agent is idle and available. */
    private void tryPending(Agent a) {
        if (!a.loggedIn || a.away != null || !a.free() || a.pending.isEmpty()) {
            return;
        }
        Object next = a.pending.poll();
        if (next == LOGOUT) {
            logout(a);
            return;
        }
        Away w = (Away) next;
        goAway(a, w.reason, w.durationMs);
    }

    private void goAway(Agent a, String reason, long durationMs) {
        a.away = reason;
        long token = ++a.awayToken;
        emit(EventType.AGENT_STATUS, new JsonText().str("agent", a.id()).str("status", "away").str("reason", reason));
        at(now + durationMs, () -> backFromAway(a, token));
    }

    private void backFromAway(Agent a, long token) {
        if (!a.loggedIn || a.awayToken != token) {
            return;
        }
        if (a.pending.peek() == LOGOUT) {
            logout(a);
            return;
        }
        a.away = null;
        a.idleSince = now;
        emit(EventType.AGENT_STATUS, new JsonText().str("agent", a.id()).str("status", "available"));
        agentFreed(a);
    }

    /** The agent has a free slot or became available: breaks first, then routing and dialing. */
    private void agentFreed(Agent a) {
        tryPending(a);
        dispatch();
        maybeArmOutbound(a);
    }

    // ---------------------------------------------------------------- arrivals

    private double rateAt(Lane lane, long ms) {
        return center.rate(lane, localDate(ms), localHour(ms));
    }

    /** Non-homogeneous Poisson arrivals by thinning: candidates at the peak rate, kept with rate/peak. */
    private void scheduleArrival(LaneState q) {
        if (q.maxRate <= 0) {
            return;
        }
        at(now + Rng.ms(rng.exp(1 / q.maxRate)), () -> {
            scheduleArrival(q);
            if (rng.uniform() * q.maxRate < rateAt(q.lane, now)) {
                arrive(q);
            }
        });
    }

    private void arrive(LaneState q) {
        Lane lane = q.lane;
        Contact c = new Contact("c-" + prefix + "-" + (++contactSeq), lane.channel, chooseCustomer(q), false);
        c.entryLane = q;
        boolean open = lane.openAt(localHour(now));
        if (!open || q.waiting.size() + q.ringing >= lane.capacity) {
            c.state = State.GONE;
            emit(EventType.CONTACT_BLOCKED, new JsonText().str("contact", c.id).str("channel", lane.channel.wireName())
                    .str("queue", lane.queue));
            if (open && rng.chance(0.5)) {
                callback(q, c.customer, rng.lognormalMedian(240, 0.6), 86_400);
            }
            return;
        }
        enqueue(c, q, false);
    }

    private String chooseCustomer(LaneState q) {
        Callback cb = q.callbacks.peek();
        while (cb != null && cb.expires < now) {
            q.callbacks.poll();
            cb = q.callbacks.peek();
        }
        if (cb != null && cb.due <= now && rng.chance(0.6)) {
            q.callbacks.poll();
            return cb.customer;
        }
        if (!recentCustomers.isEmpty() && rng.chance(0.04)) {
            return rng.pick(recentCustomers);
        }
        String customer = "cust-" + (1_000_000 + rng.nextInt(9_000_000));
        if (recentCustomers.size() < RECENT_CUSTOMERS) {
            recentCustomers.add(customer);
        } else {
            recentCustomers.set(recentNext, customer);
            recentNext = (recentNext + 1) % RECENT_CUSTOMERS;
        }
        return customer;
    }

    /** The customer will contact this lane again, after {@code inS} seconds, for up to {@code validS} more. */
    private void callback(LaneState q, String customer, double inS, double validS) {
        if (customer == null || q.callbacks.size() >= MAX_CALLBACKS) {
            return;
        }
        long due = now + Rng.ms(inS);
        q.callbacks.add(new Callback(customer, due, due + Rng.ms(validS), pendingSeq++));
    }

    private void enqueue(Contact c, LaneState q, boolean afterTransfer) {
        Lane lane = q.lane;
        c.lane = q;
        c.state = State.WAITING;
        c.queuedAt = now;
        c.visit++;
        c.ringAgent = null;
        emit(EventType.CONTACT_QUEUED, new JsonText().str("contact", c.id).str("channel", lane.channel.wireName())
                .str("queue", lane.queue).str("customer", c.customer)
                .str("priority", "vip".equals(lane.queue) ? "high" : null));
        q.waiting.addLast(c);
        int visit = c.visit;
        if (lane.channel != Channel.VOICE && !afterTransfer) {
            message(c, "customer");
            if (lane.channel != Channel.EMAIL) {
                after(rng.lognormalMedian(lane.slThresholdS * 2.5, 0.5), () -> {
                    if (c.visit == visit && c.state == State.WAITING && rng.chance(0.5)) {
                        message(c, "customer");
                    }
                });
            }
        }
        if (lane.patienceMedianS > 0) {
            double patience = rng.chance(lane.shortP) ? rng.uniform(0.5, 4.9)
                    : rng.lognormalMedian(lane.patienceMedianS * (afterTransfer ? 1.5 : 1), lane.patienceSigma);
            after(patience, () -> abandon(c, visit));
        }
        dispatch();
    }

    private void message(Contact c, String from) {
        emit(EventType.CONTACT_MESSAGE, new JsonText().str("contact", c.id).str("from", from));
    }

    private void abandon(Contact c, int visit) {
        if (c.visit != visit || c.state != State.WAITING && c.state != State.RINGING) {
            return;
        }
        LaneState q = c.lane;
        Agent ringing = c.ringAgent;
        if (c.state == State.RINGING) {
            q.ringing--;
            ringing.ringing = null;
            c.ringAgent = null;
        } else {
            q.waiting.remove(c);
        }
        c.state = State.GONE;
        if (rng.chance(q.lane.endedWhileQueuedP)) {
            emit(EventType.CONTACT_ENDED, new JsonText().str("contact", c.id).str("ended_by", "customer"));
        } else {
            emit(EventType.CONTACT_ABANDONED, new JsonText().str("contact", c.id));
        }
        if (now - c.queuedAt >= 5_000 && rng.chance(q.lane.retryAfterAbandonP)) {
            callback(c.entryLane, c.customer, rng.lognormalMedian(300, 0.8), 86_400);
        }
        if (ringing != null) {
            agentFreed(ringing);
        }
    }

    // ---------------------------------------------------------------- routing

    /** Gives waiting contacts to available agents until no pair fits. */
    private void dispatch() {
        if (dispatching) {
            return;
        }
        dispatching = true;
        try {
            while (true) {
                LaneState bestLane = null;
                Agent bestAgent = null;
                double bestScore = -1;
                for (LaneState q : laneStates) {
                    Contact head = q.waiting.peekFirst();
                    if (head == null) {
                        continue;
                    }
                    double score = (now - head.queuedAt + 1) / (q.lane.slThresholdS * 1000);
                    if (score <= bestScore) {
                        continue;
                    }
                    Agent a = longestIdle(q);
                    if (a != null) {
                        bestLane = q;
                        bestAgent = a;
                        bestScore = score;
                    }
                }
                if (bestLane == null) {
                    return;
                }
                route(bestLane.waiting.pollFirst(), bestAgent);
            }
        } finally {
            dispatching = false;
        }
    }

    /** The available agent with the skill who has the fewest contacts and, among those, waited longest. */
    private static Agent longestIdle(LaneState q) {
        Agent best = null;
        for (Agent a : q.skilled) {
            if (!a.canTake(q.lane.channel)) {
                continue;
            }
            if (best == null || a.active.size() < best.active.size()
                    || a.active.size() == best.active.size() && idleKey(a) < idleKey(best)) {
                best = a;
            }
        }
        return best;
    }

    private static long idleKey(Agent a) {
        return a.active.isEmpty() ? a.idleSince : a.lastAssigned;
    }

    private void route(Contact c, Agent a) {
        LaneState q = c.lane;
        a.lastAssigned = now;
        if (c.channel == Channel.EMAIL) {
            answer(c, a);
            return;
        }
        c.state = State.RINGING;
        c.ringAgent = a;
        a.ringing = c;
        q.ringing++;
        emit(EventType.CONTACT_OFFERED, new JsonText().str("contact", c.id).str("agent", a.id()));
        int visit = c.visit;
        if (rng.chance(q.lane.missP)) {
            after(c.channel == Channel.VOICE ? 20 : 30, () -> missed(c, a, visit));
        } else {
            after(rng.lognormalMedian(q.lane.ringMedianS, 0.5), () -> {
                if (c.state == State.RINGING && c.ringAgent == a && c.visit == visit) {
                    c.lane.ringing--;
                    a.ringing = null;
                    c.ringAgent = null;
                    answer(c, a);
                }
            });
        }
    }

    private void missed(Contact c, Agent a, int visit) {
        if (c.state != State.RINGING || c.ringAgent != a || c.visit != visit) {
            return;
        }
        LaneState q = c.lane;
        q.ringing--;
        a.ringing = null;
        c.ringAgent = null;
        c.state = State.WAITING;
        q.waiting.addFirst(c);
        emit(EventType.CONTACT_MISSED, new JsonText().str("contact", c.id).str("agent", a.id()));
        if (a.active.isEmpty()) {
            // ring no answer: the ACD sets the agent not ready for a while (not while on other chats)
            goAway(a, "ring_no_answer", Rng.ms(rng.uniform(20, 45)));
        } else {
            a.lastAssigned = now;
        }
        dispatch();
    }

    // ---------------------------------------------------------------- handling

    private void answer(Contact c, Agent a) {
        c.state = State.CONNECTED;
        Segment s = new Segment(c, a);
        a.active.add(s);
        emit(EventType.CONTACT_ANSWERED, new JsonText().str("contact", c.id).str("agent", a.id()));
        Lane lane = c.lane.lane;
        double talkMean = lane.talkMeanS * (c.transfers > 0 ? 0.7 : 1);
        double talk = rng.lognormalMean(talkMean, lane.talkSigma);
        boolean transfer = c.transfers < 2 && rng.chance(lane.transferP);
        if (c.channel == Channel.VOICE) {
            voice(s, lane, talk, transfer);
        } else if (c.channel == Channel.EMAIL) {
            long reply = now + Rng.ms(talk);
            at(reply, () -> message(c, "agent"));
            at(reply + Rng.ms(rng.uniform(1, 20)), () -> end(s, "agent"));
        } else {
            conversation(s, lane, talk, transfer);
        }
    }

    private void voice(Segment s, Lane lane, double talk, boolean transfer) {
        Contact c = s.contact;
        double talkBeforeEnd = transfer ? talk * rng.uniform(0.2, 0.6) : talk;
        long t0 = now;
        long holdTotal = 0;
        if (rng.chance(lane.holdP)) {
            int holds = rng.chance(0.3) ? 2 : 1;
            double[] at = new double[holds];
            for (int i = 0; i < holds; i++) {
                at[i] = rng.uniform(0.15, 0.85) * talkBeforeEnd;
            }
            java.util.Arrays.sort(at);
            for (double pos : at) {
                long held = t0 + Rng.ms(pos) + holdTotal;
                long duration = Rng.ms(rng.lognormalMean(lane.holdMeanS, 0.6));
                at(held, () -> emit(EventType.CONTACT_HELD, new JsonText().str("contact", c.id)));
                at(held + duration, () -> emit(EventType.CONTACT_RESUMED, new JsonText().str("contact", c.id)));
                holdTotal += duration;
            }
        }
        long endAt = t0 + Rng.ms(talkBeforeEnd) + holdTotal;
        if (transfer) {
            at(endAt, () -> transfer(s));
        } else {
            String endedBy = endedBy(0.60, 0.38);
            at(endAt, () -> end(s, endedBy));
        }
    }

    /** Chat and messaging: the agent's first response, then alternating messages, then the end. */
    private void conversation(Segment s, Lane lane, double duration, boolean transfer) {
        Contact c = s.contact;
        long t0 = now;
        long endAt = t0 + Rng.ms(duration);
        long t = t0 + Rng.ms(rng.lognormalMedian(lane.firstResponseMedianS, 0.6));
        if (t >= endAt) {
            endAt = t + Rng.ms(rng.uniform(20, 60));
        }
        boolean agentTurn = true;
        long transferAt = transfer ? t + (endAt - t) / 3 : Long.MAX_VALUE;
        while (t < endAt && t < transferAt) {
            String from = agentTurn ? "agent" : "customer";
            at(t, () -> message(c, from));
            agentTurn = !agentTurn;
            t += Rng.ms(rng.lognormalMedian(lane.messageGapS, 0.6));
        }
        if (transfer) {
            at(Math.max(transferAt, t), () -> transfer(s));
            return;
        }
        String endedBy = c.channel == Channel.CHAT ? endedBy(0.45, 0.45) : endedBy(0.30, 0.50);
        at(Math.max(endAt, t), () -> end(s, endedBy));
    }

    private String endedBy(double customer, double agent) {
        int i = rng.weighted(customer, agent, Math.max(0, 1 - customer - agent));
        return i == 0 ? "customer" : i == 1 ? "agent" : "system";
    }

    /** Hands the contact on: to an available colleague, else to another queue (voice), else it ends. */
    private void transfer(Segment s) {
        Contact c = s.contact;
        Agent from = s.agent;
        Lane lane = c.lane.lane;
        String targetQueue = lane.transferQueues.length == 0 ? lane.queue : rng.pick(lane.transferQueues);
        LaneState target = laneState(targetQueue, c.channel);
        Agent to = null;
        if (target != null && rng.chance(lane.transferToAgentP)) {
            for (Agent b : target.skilled) {
                if (b != from && b.canTake(c.channel) && (to == null || idleKey(b) < idleKey(to))) {
                    to = b;
                }
            }
        }
        if (to == null && (target == null || target == c.lane)) {
            end(s, "agent");
            return;
        }
        c.transfers++;
        if (to != null) {
            Agent b = to;
            emit(EventType.CONTACT_TRANSFERRED, new JsonText().str("contact", c.id).str("agent", from.id())
                    .str("to_agent", b.id()));
            c.state = State.TRANSFERRING;
            c.ringAgent = b;
            b.ringing = c;
            b.lastAssigned = now;
            c.lane = target;
            after(rng.lognormalMedian(6, 0.5), () -> {
                b.ringing = null;
                c.ringAgent = null;
                answer(c, b);
            });
        } else {
            emit(EventType.CONTACT_TRANSFERRED, new JsonText().str("contact", c.id).str("agent", from.id())
                    .str("to_queue", targetQueue));
            enqueue(c, target, true);
        }
        boolean noWrap = rng.chance(lane.noWrapP);
        after(rng.lognormalMean(20, 0.5), () -> {
            if (!noWrap) {
                emit(EventType.CONTACT_WRAPPED, new JsonText().str("contact", c.id).str("agent", from.id())
                        .str("disposition", "transferred"));
            }
            release(s);
        });
    }

    private LaneState laneState(String queue, Channel channel) {
        for (LaneState q : laneStates) {
            if (q.lane.queue.equals(queue) && q.lane.channel == channel) {
                return q;
            }
        }
        return null;
    }

    private void end(Segment s, String endedBy) {
        Contact c = s.contact;
        Lane lane = c.lane.lane;
        c.state = State.ENDED;
        emit(EventType.CONTACT_ENDED, new JsonText().str("contact", c.id).str("ended_by", endedBy));
        boolean resolved = rng.chance(lane.resolvedP * (c.transfers > 0 ? 0.9 : 1));
        String disposition = resolved ? rng.pick(lane.resolvedDispositions) : rng.pick(lane.unresolvedDispositions);
        boolean noWrap = rng.chance(lane.noWrapP);
        after(rng.lognormalMean(lane.acwMeanS, 0.6), () -> {
            if (!noWrap) {
                emit(EventType.CONTACT_WRAPPED, new JsonText().str("contact", c.id).str("agent", s.agent.id())
                        .bool("resolved", resolved).str("disposition", disposition));
            }
            release(s);
            afterContact(c, lane, resolved);
        });
    }

    private void release(Segment s) {
        Agent a = s.agent;
        a.active.remove(s);
        if (a.free()) {
            a.idleSince = now;
        }
        agentFreed(a);
    }

    /** Surveys, repeat contacts and tickets that follow a finished inbound contact. */
    private void afterContact(Contact c, Lane lane, boolean resolved) {
        LaneState entry = c.entryLane;
        if (!resolved && rng.chance(0.55)) {
            callback(entry, c.customer, rng.lognormalMedian(3 * 3600, 1.0), 5 * 86_400);
        } else if (resolved && rng.chance(0.04)) {
            callback(entry, c.customer, rng.lognormalMedian(20 * 3600, 0.8), 7 * 86_400);
        }
        if (rng.chance(lane.surveyP)) {
            double delay = c.channel == Channel.VOICE ? 90 : c.channel == Channel.EMAIL ? 4 * 3600 : 300;
            after(rng.lognormalMedian(delay, 0.7), () -> survey(c, resolved));
        }
        if (!resolved && rng.chance("tech".equals(lane.queue) ? 0.35 : 0.08)) {
            String category = rng.chance(0.15) ? "complaint" : categoryOf(lane.queue);
            createTicket(lane.queue, c.customer, category);
        }
    }

    private void survey(Contact c, boolean resolved) {
        int csat = 1 + (resolved ? rng.weighted(2, 3, 10, 35, 50) : rng.weighted(25, 25, 25, 15, 10));
        int form = rng.weighted(0.55, 0.35, 0.10);
        int nps = (int) Math.max(0, Math.min(10, Math.round((csat - 1) * 2.5 + 1.5 * rng.gaussian())));
        emit(EventType.CONTACT_SURVEY, new JsonText().str("contact", c.id)
                .num("csat", form == 2 ? null : csat).num("nps", form == 1 ? null : nps));
    }

    // ---------------------------------------------------------------- outbound

    private void maybeArmOutbound(Agent a) {
        if (a.dialArmed || !"sales".equals(a.spec.primary()) || !a.loggedIn || a.away != null || !a.free()
                || !a.pending.isEmpty()) {
            return;
        }
        LaneState sales = laneState("sales", Channel.VOICE);
        if (sales == null || !sales.lane.openAt(localHour(now))) {
            return;
        }
        a.dialArmed = true;
        long token = a.idleSince;
        after(rng.lognormalMedian(60, 0.5), () -> {
            a.dialArmed = false;
            if (a.idleSince != token || !a.canTake(Channel.VOICE) || !sales.waiting.isEmpty()
                    || !rng.chance(0.5)) {
                maybeArmOutbound(a);
                return;
            }
            dial(a, sales);
        });
    }

    private void dial(Agent a, LaneState sales) {
        String customer = !recentCustomers.isEmpty() && rng.chance(0.5) ? rng.pick(recentCustomers)
                : "cust-" + (1_000_000 + rng.nextInt(9_000_000));
        Contact c = new Contact("c-" + prefix + "-" + (++contactSeq), Channel.VOICE, customer, true);
        c.lane = sales;
        c.entryLane = sales;
        c.state = State.RINGING;
        Segment s = new Segment(c, a);
        a.active.add(s);
        a.lastAssigned = now;
        emit(EventType.CONTACT_DIALED, new JsonText().str("contact", c.id).str("agent", a.id()).str("channel", "voice")
                .str("queue", sales.lane.queue).str("customer", customer));
        double ring = rng.lognormalMedian(14, 0.4);
        if (rng.chance(0.45)) {
            after(ring, () -> {
                c.state = State.CONNECTED;
                emit(EventType.CONTACT_ANSWERED, new JsonText().str("contact", c.id).str("agent", a.id()));
                String endedBy = endedBy(0.4, 0.6);
                String disposition = rng.pick(new String[] {"sale", "appointment_set", "callback_requested",
                    "not_interested", "not_interested"});
                after(rng.lognormalMean(210, 0.6), () -> outboundEnd(s, endedBy, disposition));
            });
        } else {
            String disposition = rng.chance(0.3) ? "voicemail" : "no_answer";
            after(ring + (disposition.equals("voicemail") ? 25 : 10), () -> outboundEnd(s, "system", disposition));
        }
    }

    private void outboundEnd(Segment s, String endedBy, String disposition) {
        Contact c = s.contact;
        c.state = State.ENDED;
        emit(EventType.CONTACT_ENDED, new JsonText().str("contact", c.id).str("ended_by", endedBy));
        after(rng.lognormalMean("system".equals(endedBy) ? 10 : 40, 0.5), () -> {
            emit(EventType.CONTACT_WRAPPED, new JsonText().str("contact", c.id).str("agent", s.agent.id())
                    .str("disposition", disposition));
            release(s);
        });
    }

    // ---------------------------------------------------------------- tickets

    private void scheduleTicketArrival() {
        LaneState email = laneState("support", Channel.EMAIL);
        if (email == null || email.maxRate <= 0) {
            return;
        }
        double max = email.maxRate * Center.TICKETS_PER_EMAIL;
        at(now + Rng.ms(rng.exp(1 / max)), () -> {
            scheduleTicketArrival();
            if (rng.uniform() * max < rateAt(email.lane, now) * Center.TICKETS_PER_EMAIL) {
                String category = rng.pick(new String[] {"billing", "billing", "technical", "technical", "technical",
                    "account", "account", "complaint", "feature_request"});
                createTicket("support", chooseCustomer(email), category);
            }
        });
    }

    private static String categoryOf(String queue) {
        switch (queue) {
            case "billing": return "billing";
            case "tech": return "technical";
            default: return "account";
        }
    }

    private void createTicket(String queue, String customer, String category) {
        String ticket = "t-" + prefix + "-" + (++ticketSeq);
        int p = rng.weighted(0.20, 0.55, 0.20, 0.05);
        String priority = new String[] {"low", "normal", "high", "urgent"}[p];
        boolean urgent = p == 3;
        double speed = urgent ? 0.2 : p == 2 ? 0.5 : 1;
        JsonText created = new JsonText().str("ticket", ticket).str("queue", queue).str("priority", priority)
                .str("customer", customer).str("category", category);
        if (urgent) {
            created.str("first_response_due", formatTime(now + 30 * 60_000L))
                    .str("resolution_due", formatTime(now + 4 * 3_600_000L));
        }
        emit(EventType.TICKET_CREATED, created);
        List<Agent> skilled = new ArrayList<>();
        for (Agent a : agents) {
            if (a.spec.queues().contains(queue)) {
                skilled.add(a);
            }
        }
        Agent agent = skilled.isEmpty() ? rng.pick(agents) : rng.pick(skilled);
        long assigned = now + Rng.ms(rng.lognormalMedian(900 * speed, 1.0));
        long responded = assigned + Rng.ms(rng.lognormalMedian(2400 * speed, 1.0));
        at(assigned, () -> emit(EventType.TICKET_ASSIGNED, new JsonText().str("ticket", ticket).str("agent", agent.id())));
        at(responded, () -> emit(EventType.TICKET_RESPONDED, new JsonText().str("ticket", ticket).str("agent", agent.id())));
        long last = responded;
        double escalateP = "complaint".equals(category) ? 0.35 : urgent ? 0.25 : 0.06;
        if (rng.chance(escalateP)) {
            long escalated = responded + Rng.ms(rng.lognormalMedian(3600, 1.0));
            int level = rng.chance(0.75) ? 1 : 2;
            at(escalated, () -> emit(EventType.TICKET_ESCALATED, new JsonText().str("ticket", ticket).num("level", level)));
            last = escalated;
        }
        long resolved = last + Rng.ms(rng.lognormalMedian(18_000 * speed, 1.0));
        if (rng.chance(0.35)) {
            long second = last + (resolved - last) / 2;
            at(second, () -> emit(EventType.TICKET_RESPONDED, new JsonText().str("ticket", ticket).str("agent", agent.id())));
        }
        at(resolved, () -> emit(EventType.TICKET_RESOLVED, new JsonText().str("ticket", ticket).str("agent", agent.id())));
        if (rng.chance(0.07)) {
            long reopened = resolved + Rng.ms(rng.lognormalMedian(72_000, 0.8));
            long again = reopened + Rng.ms(rng.lognormalMedian(3600, 0.8));
            long resolvedAgain = again + Rng.ms(rng.lognormalMedian(14_400, 0.8));
            at(reopened, () -> emit(EventType.TICKET_REOPENED, new JsonText().str("ticket", ticket)));
            at(again, () -> emit(EventType.TICKET_RESPONDED, new JsonText().str("ticket", ticket).str("agent", agent.id())));
            at(resolvedAgain, () -> emit(EventType.TICKET_RESOLVED, new JsonText().str("ticket", ticket)
                    .str("agent", agent.id())));
        }
    }
}
