package io.ccpulse.sim;

import io.ccpulse.domain.event.EventType;
import io.ccpulse.ingest.EventParser;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads a generated stream the way a consumer would: validates every event with the service's
 * {@link EventParser}, follows every contact, agent and ticket through its states, writes down
 * every inconsistency, and tallies queue numbers per METRICS.md (a small, independent
 * re-implementation, good enough to judge whether the traffic looks like a contact center).
 */
final class StreamCheck {

    private final EventParser parser = new EventParser(Long.MAX_VALUE / 4);
    final List<String> problems = new ArrayList<>();
    final Map<String, Integer> types = new TreeMap<>();
    final Map<String, LaneStats> lanes = new TreeMap<>();
    final Map<String, Integer> awayReasons = new TreeMap<>();
    final Set<String> ids = new HashSet<>();
    int events;
    int dialed;
    int dialedConnected;
    int ticketsCreated;
    int complaints;
    int escalated;
    int reopened;
    int ticketsResolved;
    int maxLoggedIn;
    int loggedIn;
    int inboundContacts;
    final Map<String, Integer> contactsPerCustomer = new HashMap<>();
    /** By hour of the day (UTC): queue visits, abandons (short excluded), agents logged in at the end of the hour. */
    final int[] hourOffered = new int[24];
    final int[] hourAbandoned = new int[24];
    final int[] hourAgents = new int[24];

    private long lastTime = Long.MIN_VALUE;
    private int lastRank = -1;
    private String lastId = "";

    private enum St { QUEUED, OFFERED, CONNECTED, TO_AGENT, TO_QUEUE, DIALED, ENDED, GONE }

    private static final class C {
        St st;
        String lane;
        String channel;
        long queuedAt;
        long firstQueuedAt;
        String agent;
        boolean held;
        boolean outbound;
        boolean agentMessaged;
        final Set<String> wrapDue = new HashSet<>();
        final Map<String, Long> answeredAt = new HashMap<>();
    }

    private static final class A {
        boolean in;
        String away;
        final Set<String> connected = new HashSet<>();
    }

    static final class LaneStats {
        int offered;
        int answered;
        int abandoned;
        int shortAbandoned;
        int blocked;
        int answeredInT;
        int abandonedInT;
        double waitAnswered;
        int transfers;
        int wraps;
        int resolvedFlags;
        int resolved;
        int surveys;
        int csatPositive;
        int frtCount;
        int segments;
        double handleSum;
        double frtSum;
        double thresholdS;
    }

    private final Map<String, C> contacts = new HashMap<>();
    private final Map<String, A> agents = new HashMap<>();
    private final Map<String, String> tickets = new HashMap<>();

    void accept(List<SimEvent> stream) {
        for (SimEvent e : stream) {
            accept(e);
        }
    }

    void accept(SimEvent e) {
        int index = events++;
        JsonObject o = new JsonObject(e.json());
        EventParser.Result r = parser.parse(o, index, e.timeMs());
        if (r.rejection() != null) {
            problem(e, "rejected: " + r.rejection());
            return;
        }
        if (!r.event().event().id().equals(e.id()) || r.event().event().type() != e.type()
                || r.event().event().time().toEpochMilli() != e.timeMs()) {
            problem(e, "envelope differs from the JSON");
        }
        if (!ids.add(e.id())) {
            problem(e, "duplicate id");
        }
        int rank = e.type().rank();
        if (e.timeMs() < lastTime || e.timeMs() == lastTime && (rank < lastRank
                || rank == lastRank && e.id().compareTo(lastId) <= 0)) {
            problem(e, "out of application order");
        }
        int hour = (int) Math.floorMod(e.timeMs() / 3_600_000L, 24L);
        if (lastTime != Long.MIN_VALUE) {
            int lastHour = (int) Math.floorMod(lastTime / 3_600_000L, 24L);
            for (int h = lastHour; h != hour; h = (h + 1) % 24) {
                hourAgents[h] = loggedIn;
            }
        }
        hourAgents[hour] = loggedIn;
        lastTime = e.timeMs();
        lastRank = rank;
        lastId = e.id();
        types.merge(e.type().wireName(), 1, Integer::sum);
        apply(e, o);
    }

    private void problem(SimEvent e, String what) {
        if (problems.size() < 50) {
            problems.add(what + ": " + e.json());
        }
    }

    private LaneStats lane(String queue, String channel) {
        return lanes.computeIfAbsent(queue + "/" + channel, k -> {
            LaneStats s = new LaneStats();
            s.thresholdS = "voice".equals(channel) ? 20 : "chat".equals(channel) ? 30 : "email".equals(channel) ? 86_400
                    : 3600;
            return s;
        });
    }

    private A agent(SimEvent e, String id, boolean mustBeIn) {
        A a = agents.computeIfAbsent(id, k -> new A());
        if (mustBeIn && !a.in) {
            problem(e, "agent " + id + " is not logged in");
        }
        return a;
    }

    private void apply(SimEvent e, JsonObject o) {
        long t = e.timeMs();
        EventType type = e.type();
        String id = o.getString("contact");
        C c = id == null ? null : contacts.get(id);
        switch (type) {
            case AGENT_LOGIN: {
                A a = agent(e, o.getString("agent"), false);
                if (a.in) {
                    problem(e, "login twice");
                }
                a.in = true;
                a.away = null;
                loggedIn++;
                maxLoggedIn = Math.max(maxLoggedIn, loggedIn);
                break;
            }
            case AGENT_LOGOUT: {
                A a = agent(e, o.getString("agent"), true);
                if (!a.connected.isEmpty()) {
                    problem(e, "logout while connected");
                }
                a.in = false;
                loggedIn--;
                break;
            }
            case AGENT_STATUS: {
                A a = agent(e, o.getString("agent"), true);
                if ("away".equals(o.getString("status"))) {
                    if (!a.connected.isEmpty()) {
                        problem(e, "away while connected");
                    }
                    a.away = o.getString("reason");
                    awayReasons.merge(a.away, 1, Integer::sum);
                } else {
                    a.away = null;
                }
                break;
            }
            case CONTACT_BLOCKED:
                if (c != null) {
                    problem(e, "blocked contact seen before");
                }
                c = new C();
                c.st = St.GONE;
                contacts.put(id, c);
                lane(o.getString("queue"), o.getString("channel")).blocked++;
                break;
            case CONTACT_DIALED:
                if (c != null) {
                    problem(e, "dialed contact seen before");
                }
                agent(e, o.getString("agent"), true);
                c = new C();
                c.st = St.DIALED;
                c.outbound = true;
                c.agent = o.getString("agent");
                c.channel = o.getString("channel");
                contacts.put(id, c);
                dialed++;
                break;
            case CONTACT_QUEUED: {
                if (c == null) {
                    c = new C();
                    contacts.put(id, c);
                    c.firstQueuedAt = t;
                    inboundContacts++;
                    String customer = o.getString("customer");
                    if (customer != null) {
                        contactsPerCustomer.merge(customer, 1, Integer::sum);
                    }
                } else if (c.st != St.TO_QUEUE) {
                    problem(e, "queued again without a transfer to a queue");
                }
                c.st = St.QUEUED;
                c.lane = o.getString("queue") + "/" + o.getString("channel");
                c.channel = o.getString("channel");
                c.queuedAt = t;
                c.agent = null;
                lane(o.getString("queue"), o.getString("channel")).offered++;
                hourOffered[(int) Math.floorMod(t / 3_600_000L, 24L)]++;
                break;
            }
            case CONTACT_OFFERED: {
                A a = agent(e, o.getString("agent"), true);
                if (a.away != null) {
                    problem(e, "offered to an away agent");
                }
                if (c == null || c.st != St.QUEUED) {
                    problem(e, "offered but not waiting");
                    break;
                }
                c.st = St.OFFERED;
                c.agent = o.getString("agent");
                break;
            }
            case CONTACT_MISSED:
                if (c == null || c.st != St.OFFERED || !o.getString("agent").equals(c.agent)) {
                    problem(e, "missed but not offered to this agent");
                    break;
                }
                c.st = St.QUEUED;
                c.agent = null;
                break;
            case CONTACT_ANSWERED: {
                String agentId = o.getString("agent");
                A a = agent(e, agentId, true);
                if (c == null) {
                    problem(e, "answered a contact never queued or dialed");
                    break;
                }
                if (c.st == St.QUEUED || c.st == St.OFFERED) {
                    if (c.st == St.OFFERED && !agentId.equals(c.agent)) {
                        problem(e, "answered by another agent than the one offered");
                    }
                    LaneStats s = lanes.get(c.lane);
                    s.answered++;
                    double wait = (t - c.queuedAt) / 1000.0;
                    s.waitAnswered += wait;
                    if (wait <= s.thresholdS) {
                        s.answeredInT++;
                    }
                } else if (c.st == St.TO_AGENT) {
                    if (!agentId.equals(c.agent)) {
                        problem(e, "answered by another agent than the one transferred to");
                    }
                } else if (c.st == St.DIALED) {
                    dialedConnected++;
                } else {
                    problem(e, "answered in state " + c.st);
                    break;
                }
                if (a.away != null) {
                    problem(e, "answered by an away agent");
                }
                boolean voice = "voice".equals(c.channel);
                if (a.connected.size() >= 3 || voice && !a.connected.isEmpty()) {
                    problem(e, "agent over capacity: " + a.connected);
                }
                for (String other : a.connected) {
                    C oc = contacts.get(other);
                    if (oc != null && "voice".equals(oc.channel)) {
                        problem(e, "agent already on a call");
                    }
                }
                a.connected.add(id);
                c.answeredAt.put(agentId, t);
                c.st = St.CONNECTED;
                c.agent = agentId;
                break;
            }
            case CONTACT_HELD:
            case CONTACT_RESUMED: {
                boolean held = type == EventType.CONTACT_HELD;
                if (c == null || c.st != St.CONNECTED || c.held == held) {
                    problem(e, "hold/resume out of place");
                    break;
                }
                c.held = held;
                break;
            }
            case CONTACT_MESSAGE:
                if (c == null || c.st == St.GONE || c.st == St.ENDED) {
                    problem(e, "message on a contact that is not open");
                    break;
                }
                if ("agent".equals(o.getString("from"))) {
                    if (c.st != St.CONNECTED) {
                        problem(e, "agent message while not connected");
                    }
                    if (!c.agentMessaged && c.lane != null) {
                        c.agentMessaged = true;
                        LaneStats s = lanes.get(c.lane);
                        s.frtCount++;
                        s.frtSum += (t - c.firstQueuedAt) / 1000.0;
                    }
                }
                break;
            case CONTACT_TRANSFERRED: {
                String from = o.getString("agent");
                if (c == null || c.st != St.CONNECTED || !from.equals(c.agent) || c.held) {
                    problem(e, "transfer by an agent not connected");
                    break;
                }
                agents.get(from).connected.remove(id);
                c.wrapDue.add(from);
                lanes.get(c.lane).transfers++;
                if (o.getString("to_agent") != null) {
                    c.st = St.TO_AGENT;
                    c.agent = o.getString("to_agent");
                } else {
                    c.st = St.TO_QUEUE;
                }
                break;
            }
            case CONTACT_ABANDONED:
            case CONTACT_ENDED:
                if (c == null) {
                    problem(e, "end of an unknown contact");
                    break;
                }
                if (c.st == St.QUEUED || c.st == St.OFFERED) {
                    LaneStats s = lanes.get(c.lane);
                    double wait = (t - c.queuedAt) / 1000.0;
                    if (wait < 5) {
                        s.shortAbandoned++;
                    } else {
                        s.abandoned++;
                        hourAbandoned[(int) Math.floorMod(t / 3_600_000L, 24L)]++;
                        if (wait <= s.thresholdS) {
                            s.abandonedInT++;
                        }
                    }
                    c.st = St.GONE;
                } else if (type == EventType.CONTACT_ABANDONED) {
                    problem(e, "abandoned while " + c.st);
                } else if (c.st == St.CONNECTED) {
                    if (c.held) {
                        problem(e, "ended while on hold");
                    }
                    agents.get(c.agent).connected.remove(id);
                    c.wrapDue.add(c.agent);
                    c.st = St.ENDED;
                } else if (c.st == St.DIALED) {
                    c.wrapDue.add(c.agent);
                    c.st = St.ENDED;
                } else {
                    problem(e, "ended while " + c.st);
                }
                break;
            case CONTACT_WRAPPED: {
                String agentId = o.getString("agent");
                if (c == null || !c.wrapDue.remove(agentId)) {
                    problem(e, "wrap without an end or transfer by this agent");
                    break;
                }
                if (c.lane != null && !c.outbound) {
                    LaneStats s = lanes.get(c.lane);
                    s.wraps++;
                    Long answeredAt = c.answeredAt.remove(agentId);
                    if (answeredAt != null) {
                        s.segments++;
                        s.handleSum += (t - answeredAt) / 1000.0;
                    }
                    if (o.getBoolean("resolved") != null) {
                        s.resolvedFlags++;
                        if (o.getBoolean("resolved")) {
                            s.resolved++;
                        }
                    }
                }
                break;
            }
            case CONTACT_SURVEY:
                if (c == null || c.st != St.ENDED) {
                    problem(e, "survey before the end");
                    break;
                }
                if (o.getInteger("csat") != null) {
                    LaneStats s = lanes.get(c.lane);
                    s.surveys++;
                    if (o.getInteger("csat") >= 4) {
                        s.csatPositive++;
                    }
                }
                break;
            case TICKET_CREATED:
                if (tickets.put(o.getString("ticket"), "open") != null) {
                    problem(e, "ticket created twice");
                }
                ticketsCreated++;
                if ("complaint".equals(o.getString("category"))) {
                    complaints++;
                }
                break;
            case TICKET_RESOLVED:
                ticketState(e, o, "open", "resolved");
                ticketsResolved++;
                break;
            case TICKET_REOPENED:
                ticketState(e, o, "resolved", "open");
                reopened++;
                break;
            case TICKET_ESCALATED:
                escalated++;
                ticketState(e, o, "open", "open");
                break;
            default:
                ticketState(e, o, "open", "open");
                break;
        }
    }

    private void ticketState(SimEvent e, JsonObject o, String from, String to) {
        String ticket = o.getString("ticket");
        String state = tickets.get(ticket);
        if (!from.equals(state)) {
            problem(e, "ticket " + ticket + " is " + state + ", expected " + from);
            return;
        }
        tickets.put(ticket, to);
    }

    LaneStats total() {
        LaneStats t = new LaneStats();
        for (LaneStats s : lanes.values()) {
            t.offered += s.offered;
            t.answered += s.answered;
            t.abandoned += s.abandoned;
            t.shortAbandoned += s.shortAbandoned;
            t.blocked += s.blocked;
            t.transfers += s.transfers;
            t.wraps += s.wraps;
            t.resolvedFlags += s.resolvedFlags;
            t.resolved += s.resolved;
            t.surveys += s.surveys;
            t.csatPositive += s.csatPositive;
            t.answeredInT += s.answeredInT;
            t.abandonedInT += s.abandonedInT;
            t.waitAnswered += s.waitAnswered;
            t.segments += s.segments;
            t.handleSum += s.handleSum;
        }
        return t;
    }

    static double abandonRate(LaneStats s) {
        int denom = s.offered - s.shortAbandoned;
        return denom == 0 ? 0 : (double) s.abandoned / denom;
    }

    String report() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-17s %7s %7s %6s %6s %6s %6s %6s %7s %6s %6s %6s %6s %6s%n", "queue/channel",
                "offered", "answer", "aband", "short", "block", "aband%", "SL%", "ASA s", "AHT s", "xfer%", "resol%",
                "CSAT%", "FRT s"));
        for (Map.Entry<String, LaneStats> en : lanes.entrySet()) {
            row(sb, en.getKey(), en.getValue());
        }
        row(sb, "total", total());
        int repeat = 0;
        for (int n : contactsPerCustomer.values()) {
            if (n > 1) {
                repeat += n - 1;
            }
        }
        sb.append(String.format(Locale.ROOT, "events %d; inbound contacts %d (repeat contacts of a customer %.1f%%); "
                        + "outbound dialed %d, connected %d; peak agents logged in %d%n", events, inboundContacts,
                100.0 * repeat / Math.max(1, inboundContacts), dialed, dialedConnected, maxLoggedIn));
        sb.append(String.format(Locale.ROOT, "tickets created %d (complaints %d), escalated %d, resolved %d, reopened %d%n",
                ticketsCreated, complaints, escalated, ticketsResolved, reopened));
        sb.append("by hour (UTC) visits/abandoned/agents:");
        for (int h = 0; h < 24; h++) {
            sb.append(' ').append(h).append('=').append(hourOffered[h]).append('/').append(hourAbandoned[h]).append('/')
                    .append(hourAgents[h]);
        }
        sb.append('\n');
        sb.append("away by reason ").append(awayReasons).append('\n');
        sb.append("events by type ").append(types).append('\n');
        return sb.toString();
    }

    private static void row(StringBuilder sb, String name, LaneStats s) {
        int slDenom = s.offered - s.shortAbandoned - s.abandonedInT;
        sb.append(String.format(Locale.ROOT, "%-17s %7d %7d %6d %6d %6d %6.1f %6.1f %7.1f %6.0f %6.1f %6.1f %6.1f %6s%n", name,
                s.offered, s.answered, s.abandoned, s.shortAbandoned, s.blocked, 100 * abandonRate(s),
                slDenom <= 0 ? 0 : 100.0 * s.answeredInT / slDenom, s.answered == 0 ? 0 : s.waitAnswered / s.answered,
                s.segments == 0 ? 0 : s.handleSum / s.segments,
                s.answered == 0 ? 0 : 100.0 * s.transfers / s.answered,
                s.resolvedFlags == 0 ? 0 : 100.0 * s.resolved / s.resolvedFlags,
                s.surveys == 0 ? 0 : 100.0 * s.csatPositive / s.surveys,
                s.frtCount == 0 ? "-" : String.format(Locale.ROOT, "%.0f", s.frtSum / s.frtCount)));
    }
}
