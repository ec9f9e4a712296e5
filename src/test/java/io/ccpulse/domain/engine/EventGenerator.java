package io.ccpulse.domain.engine;

import io.ccpulse.domain.event.AgentLogin;
import io.ccpulse.domain.event.AgentLogout;
import io.ccpulse.domain.event.AgentStatus;
import io.ccpulse.domain.event.AgentStatusValue;
import io.ccpulse.domain.event.Channel;
import io.ccpulse.domain.event.ContactAbandoned;
import io.ccpulse.domain.event.ContactAnswered;
import io.ccpulse.domain.event.ContactBlocked;
import io.ccpulse.domain.event.ContactDialed;
import io.ccpulse.domain.event.ContactEnded;
import io.ccpulse.domain.event.ContactHeld;
import io.ccpulse.domain.event.ContactMessage;
import io.ccpulse.domain.event.ContactMissed;
import io.ccpulse.domain.event.ContactOffered;
import io.ccpulse.domain.event.ContactQueued;
import io.ccpulse.domain.event.ContactResumed;
import io.ccpulse.domain.event.ContactSurvey;
import io.ccpulse.domain.event.ContactTransferred;
import io.ccpulse.domain.event.ContactWrapped;
import io.ccpulse.domain.event.Direction;
import io.ccpulse.domain.event.EndedBy;
import io.ccpulse.domain.event.Event;
import io.ccpulse.domain.event.Sender;
import io.ccpulse.domain.event.TicketAssigned;
import io.ccpulse.domain.event.TicketCreated;
import io.ccpulse.domain.event.TicketEscalated;
import io.ccpulse.domain.event.TicketReopened;
import io.ccpulse.domain.event.TicketResolved;
import io.ccpulse.domain.event.TicketResponded;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A seeded, realistic event stream: several queues and channels, agents with teams, login, breaks with
 * reasons, mid-shift logout and login again; inbound contacts that wait, ring, are missed, answered,
 * held, transferred to a queue or an agent, flow out, abandon (also as contact.ended while queued),
 * blocked; outbound contacts; chats with messages; wraps on time, late (after the cap) or never; surveys;
 * tickets (assigned, responded, escalated, resolved, reopened; some with due times of their own). Times are whole seconds, so many events share a time (the type order and the id break
 * ties). With {@code odd}, a few odd events are mixed in (unknown contacts, answered twice, ...).
 *
 * <p>Without odd events the generator only lets logged-in agents ring, answer and dial, so the only
 * anomaly is {@code wrap_after_acw_closed} for the late wraps it counts in {@link #lateWraps}.
 */
final class EventGenerator {

    static final Instant T0 = Instant.parse("2026-11-23T07:00:00Z");

    private static final String[] QUEUES = {"billing", "sales", "chat", "email"};
    private static final Channel[] CHANNELS = {Channel.VOICE, Channel.VOICE, Channel.CHAT, Channel.EMAIL};
    private static final String[] REASONS = {"lunch", "break", "training", null};

    private final Random r;
    private final boolean odd;
    private final List<Event> out = new ArrayList<>();
    private int n;
    private final List<String> agents = new ArrayList<>();
    private final Map<String, List<String>> agentQueues = new HashMap<>();
    /** When each agent is expected to be free again (to prefer free agents, for realistic occupancy). */
    private final Map<String, Long> busyUntil = new HashMap<>();
    /** Per agent: logged-in intervals [login, logout) in seconds (logout Long.MAX_VALUE when never). */
    final Map<String, List<long[]>> sessions = new HashMap<>();

    int contacts;
    int queuedEvents;
    int blockedEvents;
    int answeredEvents;
    int dialedEvents;
    int surveyEvents;
    int lateWraps;
    /** Per ticket: [escalations, resolutions, reopens] as generated. */
    final Map<String, int[]> tickets = new java.util.TreeMap<>();

    EventGenerator(long seed, boolean odd) {
        this.r = new Random(seed);
        this.odd = odd;
    }

    /** Generates about {@code contactCount} contacts over {@code spanS} seconds, plus a final event 2 h later. */
    List<Event> generate(int agentCount, int contactCount, long spanS) {
        for (int i = 1; i <= agentCount; i++) {
            String a = "a" + i;
            agents.add(a);
            List<String> qs = new ArrayList<>();
            qs.add(QUEUES[i % QUEUES.length]);
            if (r.nextBoolean()) {
                qs.add(QUEUES[(i + 1) % QUEUES.length]);
            }
            agentQueues.put(a, qs);
            agentDay(a, "team" + (i % 3), qs, spanS);
        }
        long[] arrivals = new long[contactCount];
        for (int i = 0; i < contactCount; i++) {
            arrivals[i] = 600 + (long) (r.nextDouble() * (spanS - 600));
        }
        java.util.Arrays.sort(arrivals);
        for (int i = 0; i < contactCount; i++) {
            long t = arrivals[i];
            contact("c" + i, t);
            if (odd && r.nextInt(100) < 4) {
                oddEvent(t + r.nextInt(300), "c" + i);
            }
            if (r.nextInt(100) < 5) {
                ticket("k" + i, t);
            }
        }
        out.add(new AgentLogin(id(), at(spanS + 7200), "tick", null, null, List.of()));
        sessions.put("tick", new ArrayList<>(List.of(new long[] {spanS + 7200, Long.MAX_VALUE})));
        List<Event> sorted = new ArrayList<>(out);
        sorted.sort(Event.ORDER);
        return sorted;
    }

    private void agentDay(String a, String team, List<String> qs, long spanS) {
        List<long[]> ss = new ArrayList<>();
        sessions.put(a, ss);
        long t = r.nextInt(300);
        long end = spanS + 3 * 3600;
        boolean relogin = r.nextInt(4) == 0;
        long logoutMid = relogin ? spanS / 3 + r.nextInt((int) (spanS / 3)) : Long.MAX_VALUE;
        out.add(new AgentLogin(id(), at(t), a, "Agent " + a, team, qs));
        long loginAt = t;
        t += 600 + r.nextInt(1800);
        while (t < spanS) {
            if (t > logoutMid) {
                out.add(new AgentLogout(id(), at(t), a));
                ss.add(new long[] {loginAt, t});
                t += 300 + r.nextInt(600);
                out.add(new AgentLogin(id(), at(t), a, null, team, qs));
                loginAt = t;
                logoutMid = Long.MAX_VALUE;
                t += 600;
                continue;
            }
            String reason = REASONS[r.nextInt(REASONS.length)];
            out.add(new AgentStatus(id(), at(t), a, AgentStatusValue.AWAY, reason));
            if (r.nextInt(3) == 0) {
                out.add(new AgentStatus(id(), at(t + 60 + r.nextInt(120)), a, AgentStatusValue.AWAY, "other"));
            }
            t += 300 + r.nextInt(600);
            out.add(new AgentStatus(id(), at(t), a, AgentStatusValue.AVAILABLE, null));
            t += 900 + r.nextInt(2400);
        }
        if (r.nextInt(5) != 0) {
            out.add(new AgentLogout(id(), at(end), a));
            ss.add(new long[] {loginAt, end});
        } else {
            ss.add(new long[] {loginAt, Long.MAX_VALUE});
        }
    }

    /** Logged in during the whole of [from, to]. */
    private boolean loggedIn(String a, long from, long to) {
        for (long[] s : sessions.get(a)) {
            if (from >= s[0] && to < s[1]) {
                return true;
            }
        }
        return false;
    }

    /** An agent serving the queue logged in over [from, to] (or any such agent), null when none. */
    private String pickAgent(String queue, long from, long to, String not) {
        List<String> candidates = new ArrayList<>();
        for (String a : agents) {
            if (!a.equals(not) && loggedIn(a, from, to) && agentQueues.get(a).contains(queue)
                    && busyUntil.getOrDefault(a, 0L) <= to) {
                candidates.add(a);
            }
        }
        for (String a : candidates.isEmpty() ? agents : List.<String>of()) {
            if (!a.equals(not) && loggedIn(a, from, to) && agentQueues.get(a).contains(queue)) {
                candidates.add(a);
            }
        }
        if (candidates.isEmpty()) {
            for (String a : agents) {
                if (!a.equals(not) && loggedIn(a, from, to)) {
                    candidates.add(a);
                }
            }
        }
        return candidates.isEmpty() ? null : candidates.get(r.nextInt(candidates.size()));
    }

    private void contact(String c, long t) {
        contacts++;
        int q = r.nextInt(QUEUES.length);
        int roll = r.nextInt(100);
        if (roll < 3) {
            blockedEvents++;
            out.add(new ContactBlocked(id(), at(t), c, CHANNELS[q], QUEUES[q]));
            maybeSurvey(c, t);
            return;
        }
        if (roll < 11) {
            String a = pickAgent(QUEUES[q], t, t, null);
            if (a != null) {
                dialedEvents++;
                out.add(new ContactDialed(id(), at(t), c, a, CHANNELS[q], r.nextBoolean() ? QUEUES[q] : null,
                        "cust-" + r.nextInt(500)));
                connected(c, q, a, t, 0);
                return;
            }
        }
        queued(c, q, t, 0, "cust-" + r.nextInt(500));
    }

    private void queued(String c, int q, long t, int depth, String customer) {
        queuedEvents++;
        out.add(new ContactQueued(id(), at(t), c, CHANNELS[q], QUEUES[q], customer,
                r.nextInt(10) == 0 ? null : Direction.INBOUND, r.nextBoolean() ? "p1" : null));
        long w = r.nextInt(CHANNELS[q] == Channel.VOICE ? 90 : 150);
        int roll = r.nextInt(100);
        String a = pickAgent(QUEUES[q], t, t + w, null);
        if (a == null || roll < 14) {
            if (a != null && w > 10 && r.nextBoolean()) {
                out.add(new ContactOffered(id(), at(t + w / 2), c, a));
                out.add(new ContactMissed(id(), at(t + w / 2 + 5), c, a));
            }
            if (r.nextBoolean()) {
                out.add(new ContactAbandoned(id(), at(t + w), c));
            } else {
                out.add(new ContactEnded(id(), at(t + w), c, EndedBy.CUSTOMER));
            }
            maybeSurvey(c, t + w);
            return;
        }
        if (roll < 19 && depth < 2 && w > 0) {
            // (w > 0: a transfer at the queued time itself would sort before the contact.queued)
            int q2 = (q + 1) % QUEUES.length;
            out.add(new ContactTransferred(id(), at(t + w), c, "ivr", QUEUES[q2], null));
            queued(c, q2, t + w, depth + 1, customer);
            return;
        }
        if (r.nextInt(100) < 70) {
            long ring = Math.min(w, 2 + r.nextInt(7));
            out.add(new ContactOffered(id(), at(t + w - ring), c, a));
        }
        answeredEvents++;
        out.add(new ContactAnswered(id(), at(t + w), c, a));
        connected(c, q, a, t + w, depth);
    }

    private void connected(String c, int q, String a, long ta, int depth) {
        long talk = 20 + r.nextInt(380);
        if (r.nextInt(4) == 0) {
            out.add(new ContactHeld(id(), at(ta + talk * 3 / 10), c));
            out.add(new ContactResumed(id(), at(ta + talk / 2), c));
        }
        if (CHANNELS[q] != Channel.VOICE) {
            // talk >= 20 s: messages before the end
            out.add(new ContactMessage(id(), at(ta + 1), c, Sender.CUSTOMER));
            out.add(new ContactMessage(id(), at(ta + 2 + r.nextInt(17)), c, Sender.AGENT));
            out.add(new ContactMessage(id(), at(ta + 19), c, Sender.AGENT));
        }
        long end = ta + talk;
        busyUntil.put(a, end + 40);
        int roll = r.nextInt(100);
        if (roll < 8 && depth < 2) {
            int q2 = (q + 1) % QUEUES.length;
            out.add(new ContactTransferred(id(), at(end), c, a, QUEUES[q2], null));
            wrap(c, a, end);
            queued(c, q2, end, depth + 1, null);
            return;
        }
        if (roll < 13 && depth < 2) {
            String b = pickAgent(QUEUES[q], end, end + 5, a);
            if (b != null) {
                out.add(new ContactTransferred(id(), at(end), c, a, null, b));
                out.add(new ContactOffered(id(), at(end), c, b));
                answeredEvents++;
                out.add(new ContactAnswered(id(), at(end + 5), c, b));
                wrap(c, a, end);
                connected(c, q, b, end + 5, depth + 1);
                return;
            }
        }
        out.add(new ContactEnded(id(), at(end), c, r.nextBoolean() ? EndedBy.AGENT : null));
        wrap(c, a, end);
        maybeSurvey(c, end);
    }

    private void wrap(String c, String a, long end) {
        int roll = r.nextInt(100);
        Boolean resolved = r.nextInt(3) == 0 ? null : r.nextBoolean();
        if (roll < 75) {
            out.add(new ContactWrapped(id(), at(end + 5 + r.nextInt(85)), c, a, resolved, "d" + r.nextInt(3)));
        } else if (roll < 85) {
            lateWraps++;
            out.add(new ContactWrapped(id(), at(end + 700 + r.nextInt(200)), c, a, resolved, null));
        }
    }

    private static final String[] TICKET_QUEUES = {"email", "billing", "it"};
    private static final String[] PRIORITIES = {"p1", "p2", null};

    /**
     * A ticket's life with strictly increasing times: created (sometimes with due times of its own, short
     * enough to be breached), assigned, responded (sometimes twice), escalated, resolved, reopened and
     * resolved again; with {@code odd}, sometimes an odd ticket event too.
     */
    private void ticket(String k, long t) {
        int[] counts = new int[3];
        tickets.put(k, counts);
        Instant responseDue = r.nextInt(4) == 0 ? at(t + 60 + r.nextInt(1800)) : null;
        Instant resolutionDue = r.nextInt(4) == 0 ? at(t + 600 + r.nextInt(7200)) : null;
        out.add(new TicketCreated(id(), at(t), k, TICKET_QUEUES[r.nextInt(3)], PRIORITIES[r.nextInt(3)],
                "cust-" + r.nextInt(500), r.nextInt(10) == 0 ? "complaint" : null, responseDue, resolutionDue));
        long c = t;
        if (r.nextInt(10) < 7) {
            c += 1 + r.nextInt(300);
            out.add(new TicketAssigned(id(), at(c), k, agents.get(r.nextInt(agents.size()))));
        }
        if (r.nextInt(10) < 8) {
            c += 1 + r.nextInt(3600);
            out.add(new TicketResponded(id(), at(c), k, agents.get(r.nextInt(agents.size()))));
            if (r.nextBoolean()) {
                c += 1 + r.nextInt(600);
                out.add(new TicketResponded(id(), at(c), k, agents.get(r.nextInt(agents.size()))));
            }
        }
        if (r.nextInt(100) < 15) {
            c += 1 + r.nextInt(1800);
            out.add(new TicketEscalated(id(), at(c), k, r.nextBoolean() ? null : 1 + r.nextInt(3)));
            counts[0]++;
        }
        if (r.nextInt(100) < 85) {
            c += 600 + r.nextInt(7200);
            out.add(new TicketResolved(id(), at(c), k, r.nextBoolean() ? null : agents.get(r.nextInt(agents.size()))));
            counts[1]++;
            if (r.nextInt(100) < 25) {
                c += 60 + r.nextInt(1800);
                out.add(new TicketReopened(id(), at(c), k));
                counts[2]++;
                if (r.nextInt(10) < 7) {
                    c += 60 + r.nextInt(3600);
                    out.add(new TicketResolved(id(), at(c), k, null));
                    counts[1]++;
                }
            }
        }
        if (odd && r.nextInt(100) < 20) {
            long o = t + r.nextInt(7200);
            switch (r.nextInt(4)) {
                case 0 -> out.add(new TicketResponded(id(), at(o), "ghost-" + k, "a1"));
                case 1 -> out.add(new TicketCreated(id(), at(o), k, "email", null, null, null, null, null));
                case 2 -> out.add(new TicketReopened(id(), at(o), k));
                default -> out.add(new TicketResolved(id(), at(o), k, null));
            }
        }
    }

    private void maybeSurvey(String c, long end) {
        if (r.nextInt(100) < 30) {
            surveyEvents++;
            out.add(new ContactSurvey(id(), at(end + 10 + r.nextInt(600)), c,
                    r.nextInt(4) == 0 ? null : 1 + r.nextInt(5), r.nextInt(3) == 0 ? null : r.nextInt(11)));
        }
    }

    private void oddEvent(long t, String c) {
        String a = agents.get(r.nextInt(agents.size()));
        switch (r.nextInt(12)) {
            case 0 -> out.add(new ContactAnswered(id(), at(t), c, a));
            case 1 -> out.add(new ContactHeld(id(), at(t), "ghost-" + c));
            case 2 -> out.add(new ContactWrapped(id(), at(t), c, "nobody", true, null));
            case 3 -> out.add(new ContactEnded(id(), at(t), c, null));
            case 4 -> out.add(new ContactSurvey(id(), at(t), "ghost-" + c, 3, null));
            case 5 -> out.add(new AgentStatus(id(), at(t), "ghost-agent", AgentStatusValue.AWAY, "x"));
            case 6 -> out.add(new AgentLogout(id(), at(t), "ghost-agent-2"));
            case 7 -> out.add(new ContactResumed(id(), at(t), c));
            case 8 -> out.add(new ContactQueued(id(), at(t), c, Channel.VOICE, "billing", null, null, null));
            case 9 -> out.add(new ContactAnswered(id(), at(t), "ghost-" + c, a));
            case 10 -> out.add(new ContactDialed(id(), at(t), c, a, Channel.VOICE, null, null));
            default -> out.add(new ContactMissed(id(), at(t), c, a));
        }
    }

    private String id() {
        return "g-" + (++n);
    }

    private static Instant at(long s) {
        return T0.plusSeconds(s);
    }

    // ---------------------------------------------------------------- arrival orders

    /** Arrival order: each event delayed by 0..maxDelayMs (so none is late when maxDelayMs <= the lateness). */
    static List<Event> shuffled(List<Event> events, long maxDelayMs, Random r) {
        record Arrival(long at, double tie, Event e) {
        }
        List<Arrival> a = new ArrayList<>(events.size());
        for (Event e : events) {
            a.add(new Arrival(e.time().toEpochMilli() + (long) (r.nextDouble() * maxDelayMs), r.nextDouble(), e));
        }
        a.sort((x, y) -> x.at != y.at ? Long.compare(x.at, y.at) : Double.compare(x.tie, y.tie));
        List<Event> out = new ArrayList<>(a.size());
        for (Arrival x : a) {
            out.add(x.e);
        }
        return out;
    }

    /** Every event, plus a second copy of about a third of them, all delayed by 0..maxDelayMs. */
    static List<Event> withDuplicates(List<Event> events, long maxDelayMs, Random r) {
        List<Event> twice = new ArrayList<>(events);
        for (Event e : events) {
            if (r.nextInt(3) == 0) {
                twice.add(e);
            }
        }
        twice.sort(Event.ORDER);
        return shuffled(twice, maxDelayMs, r);
    }

    /** Splits into batches of 1..maxBatch events. */
    static List<List<Event>> batches(List<Event> events, int maxBatch, Random r) {
        List<List<Event>> out = new ArrayList<>();
        int i = 0;
        while (i < events.size()) {
            int k = Math.min(events.size() - i, 1 + r.nextInt(maxBatch));
            out.add(new ArrayList<>(events.subList(i, i + k)));
            i += k;
        }
        return out;
    }

    static List<List<Event>> singles(List<Event> events) {
        List<List<Event>> out = new ArrayList<>(events.size());
        for (Event e : events) {
            out.add(Collections.singletonList(e));
        }
        return out;
    }
}
