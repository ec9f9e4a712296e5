package io.ccpulse.bench;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * A deterministic generator of valid v1 events (EVENTS.md) shaped like a contact center's traffic:
 * agents log in, contacts (voice 60 %, chat 25 %, messaging 10 %, email 5 %) arrive at a steady rate,
 * wait for the agent of their queue that becomes free first, are answered (offered first), sometimes
 * held and resumed, exchange messages on the written channels, end, are wrapped up and sometimes get a
 * survey; a contact whose patience runs out before an agent is free abandons. Events come out in
 * event-time order; the same seed gives the same events.
 *
 * <p>Rates: {@code eventsPerSecond} of event time. Handle times are scaled so that the agents are
 * about 85 % busy at that rate (a big rate with few agents means short, but consistent, contacts:
 * an agent never holds two contacts at once).
 */
public final class EventGen {

    private static final String[] CHANNELS = {"voice", "chat", "messaging", "email"};

    private record Pending(long time, long seq, String json) implements Comparable<Pending> {
        @Override
        public int compareTo(Pending o) {
            int c = Long.compare(time, o.time);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    /** An agent and when it is free again. */
    private record Agent(int index, long freeAt) { }

    private final SplittableRandom rnd;
    private final String tag;
    private final int queues;
    private final int agents;
    private final PriorityQueue<Pending> out = new PriorityQueue<>();
    /** Per queue, the agents serving it, earliest free first. */
    private final PriorityQueue<Agent>[] free;
    private final ArrayDeque<String> logins = new ArrayDeque<>();
    private final double meanGapMs;
    private final double handleScale;
    private double nextArrival;
    /** {@link #nextArrival} for other threads (the freshness probe reads it while the sender generates). */
    private volatile long clock;
    private long seq;
    private long contacts;

    /**
     * @param seed            same seed, same events
     * @param tag             makes contact ids of different runs distinct (a short word)
     * @param queues          number of queues ("q-0".."q-N")
     * @param agents          agents ("a-0".."a-N"), each serving one queue, logged in at {@code startMs}
     * @param startMs         event time of the logins; contacts start one second later
     * @param eventsPerSecond target event rate in event time
     */
    @SuppressWarnings("unchecked")
    public EventGen(long seed, String tag, int queues, int agents, long startMs, double eventsPerSecond) {
        if (agents < queues) {
            throw new IllegalArgumentException("need at least one agent per queue");
        }
        this.rnd = new SplittableRandom(seed);
        this.tag = tag;
        this.queues = queues;
        this.agents = agents;
        // about 7 events per contact (see contact()); arrivals at a steady rate with jitter
        double contactsPerSecond = eventsPerSecond / 7.0;
        this.meanGapMs = 1000.0 / contactsPerSecond;
        // an unscaled contact keeps an agent ~100 s; scale so that the agents are ~85 % busy
        double capacityPerSecond = agents * 0.85 / 100.0;
        this.handleScale = Math.min(1.0, capacityPerSecond / contactsPerSecond);
        this.free = new PriorityQueue[queues];
        for (int q = 0; q < queues; q++) {
            free[q] = new PriorityQueue<>((a, b) -> a.freeAt != b.freeAt ? Long.compare(a.freeAt, b.freeAt)
                    : Integer.compare(a.index, b.index));
        }
        for (int a = 0; a < agents; a++) {
            int q = a % queues;
            free[q].add(new Agent(a, startMs));
            logins.add(envelope("agent.login", startMs).append(",\"agent\":\"a-").append(a)
                    .append("\",\"name\":\"Agent ").append(a).append("\",\"team\":\"team-").append(a % Math.max(1, agents / 12))
                    .append("\",\"queues\":[\"q-").append(q).append("\"]}").toString());
        }
        this.nextArrival = startMs + 1000;
        this.clock = (long) nextArrival;
    }

    /** The next event as a JSON object. */
    public String next() {
        if (!logins.isEmpty()) {
            return logins.poll();
        }
        while (out.isEmpty() || out.peek().time > nextArrival) {
            contact((long) nextArrival);
            nextArrival += meanGapMs * (0.5 + rnd.nextDouble());
            clock = (long) nextArrival;
        }
        return out.poll().json;
    }

    /** The event time the generator has reached (the time of the next contact arrival); any thread may ask. */
    public long clockMs() {
        return clock;
    }

    public int queues() {
        return queues;
    }

    public int agents() {
        return agents;
    }

    private void contact(long t) {
        long n = contacts++;
        String c = "c-" + tag + "-" + n;
        int q = (int) (n % queues);
        String queue = "q-" + q;
        double r = rnd.nextDouble();
        String channel = r < 0.60 ? CHANNELS[0] : r < 0.85 ? CHANNELS[1] : r < 0.95 ? CHANNELS[2] : CHANNELS[3];
        emit(t, envelope("contact.queued", t).append(",\"contact\":\"").append(c).append("\",\"channel\":\"")
                .append(channel).append("\",\"queue\":\"").append(queue).append("\",\"customer\":\"+4930")
                .append(1_000_000 + rnd.nextInt(9_000_000)).append("\",\"priority\":").append(1 + rnd.nextInt(3))
                .append('}'));
        Agent agent = free[q].poll();
        long earliestAnswer = t + scaled(2_000 + rnd.nextInt(8_000));
        long answer = Math.max(earliestAnswer, agent.freeAt + scaled(500 + rnd.nextInt(1_500)));
        long patience = t + scaled(20_000 + rnd.nextInt(100_000));
        if (answer > patience) {
            free[q].add(agent);
            emit(patience, envelope("contact.abandoned", patience).append(",\"contact\":\"").append(c).append("\"}"));
            return;
        }
        String a = "a-" + agent.index;
        long offered = answer - scaled(1_000 + rnd.nextInt(4_000));
        emit(Math.max(t, offered), envelope("contact.offered", Math.max(t, offered)).append(",\"contact\":\"").append(c)
                .append("\",\"agent\":\"").append(a).append("\"}"));
        emit(answer, envelope("contact.answered", answer).append(",\"contact\":\"").append(c).append("\",\"agent\":\"")
                .append(a).append("\"}"));
        long talk = scaled(30_000 + rnd.nextInt(120_000));
        long end = answer + talk;
        if (channel.equals("voice") && rnd.nextInt(100) < 15) {
            long held = answer + talk / 3;
            long resumed = held + talk / 4;
            emit(held, envelope("contact.held", held).append(",\"contact\":\"").append(c).append("\"}"));
            emit(resumed, envelope("contact.resumed", resumed).append(",\"contact\":\"").append(c).append("\"}"));
        } else if (!channel.equals("voice")) {
            int messages = 2 + rnd.nextInt(5);
            for (int i = 1; i <= messages; i++) {
                long m = answer + talk * i / (messages + 1);
                emit(m, envelope("contact.message", m).append(",\"contact\":\"").append(c).append("\",\"from\":\"")
                        .append(i % 2 == 1 ? "customer" : "agent").append("\"}"));
            }
        }
        emit(end, envelope("contact.ended", end).append(",\"contact\":\"").append(c).append("\",\"ended_by\":\"")
                .append(rnd.nextInt(10) < 7 ? "customer" : "agent").append("\"}"));
        long wrapped = end + scaled(5_000 + rnd.nextInt(25_000));
        boolean resolved = rnd.nextInt(10) < 8;
        emit(wrapped, envelope("contact.wrapped", wrapped).append(",\"contact\":\"").append(c).append("\",\"agent\":\"")
                .append(a).append("\",\"resolved\":").append(resolved).append(",\"disposition\":\"")
                .append(resolved ? "solved" : "callback").append("\"}"));
        if (rnd.nextInt(100) < 25) {
            long s = wrapped + scaled(5_000);
            emit(s, envelope("contact.survey", s).append(",\"contact\":\"").append(c).append("\",\"csat\":")
                    .append(1 + rnd.nextInt(5)).append(",\"nps\":").append(rnd.nextInt(11)).append('}'));
        }
        free[q].add(new Agent(agent.index, wrapped));
    }

    private long scaled(long ms) {
        return Math.max(1, Math.round(ms * handleScale));
    }

    private void emit(long time, StringBuilder json) {
        out.add(new Pending(time, seq++, json.toString()));
    }

    private StringBuilder envelope(String type, long time) {
        UUID id = new UUID(rnd.nextLong(), rnd.nextLong());
        return new StringBuilder(256).append("{\"id\":\"").append(id).append("\",\"type\":\"").append(type)
                .append("\",\"time\":\"").append(Instant.ofEpochMilli(time)).append('"');
    }
}
