package io.ccpulse.metrics;

import io.ccpulse.domain.engine.AgentStateTotal;
import io.ccpulse.domain.engine.LiveSnapshot;
import io.ccpulse.domain.engine.QueueLive;
import io.ccpulse.domain.engine.QueueTotals;
import io.ccpulse.domain.engine.TeamLive;
import io.ccpulse.domain.engine.TicketQueueLive;
import io.ccpulse.domain.engine.TicketTotals;
import io.ccpulse.domain.event.Channel;
import io.ccpulse.domain.fact.AgentState;
import io.ccpulse.domain.fact.Fact;
import io.ccpulse.domain.fact.HandleSegment;
import io.ccpulse.domain.fact.QueueVisit;
import io.ccpulse.domain.fact.VisitOutcome;
import io.ccpulse.domain.kpi.QueueKpis;
import io.ccpulse.domain.settings.QueueSettings;
import io.ccpulse.domain.settings.Settings;
import io.ccpulse.live.LiveEngine;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Binds the published live snapshot to Prometheus (metric names in DESIGN.md). Gauges and counters
 * read the latest snapshot (never the engine's live maps); a series is registered the first time
 * its queue, channel or team appears, and configured queues are registered at 0 from the start.
 *
 * <p>Counters count final facts only (see the engine's {@code Totals}): they never go down and
 * are the same whatever the arrival order, and lag the newest event by the allowed lateness. The
 * wait and handle histograms are fed from the same final facts. Live gauges (waiting, oldest wait,
 * agents, today's and the last 15 minutes' service level, abandon rate, ASA) are immediate.
 */
public final class LiveMetrics {

    private static final String[] OUTCOMES = {"answered", "abandoned", "short_abandoned", "flowed_out", "blocked"};
    private static final String[] WINDOWS = {"today", "15m"};
    /** Wait and handle buckets, seconds; every configured SL and short-abandon threshold is added. */
    private static final double[] BASE_BUCKETS = {5, 10, 15, 20, 30, 45, 60, 90, 120, 180, 300, 600, 1800, 3600, 14400,
        86400};

    private final MeterRegistry registry;
    private final Settings settings;
    private final Clock clock;
    private final LiveEngine engine;
    private final double[] waitBuckets;
    private final Set<String> registered = ConcurrentHashMap.newKeySet();
    private final Map<String, DistributionSummary> histograms = new ConcurrentHashMap<>();

    public LiveMetrics(MeterRegistry registry, Settings settings, Clock clock, LiveEngine engine) {
        this.registry = registry;
        this.settings = settings;
        this.clock = clock;
        this.engine = engine;
        TreeSet<Double> b = new TreeSet<>();
        for (double d : BASE_BUCKETS) {
            b.add(d);
        }
        addThresholds(b, settings.defaults());
        settings.queues().values().forEach(q -> addThresholds(b, q));
        waitBuckets = b.stream().mapToDouble(Double::doubleValue).toArray();
        for (String queue : settings.queues().keySet()) {
            for (AgentState st : LiveSnapshot.STAFFED_STATES) {
                registerQueueAgents(queue, st);
            }
        }
        FunctionCounter.builder("ccpulse.engine.replays", engine, e -> e.published().snapshot().totals().replays())
                .description("Times the engine rolled back and replayed to apply an out-of-order event").register(registry);
        FunctionCounter.builder("ccpulse.engine.late.events", engine,
                        e -> e.published().snapshot().totals().lateEvents())
                .description("Events not applied to live state because they came later than the allowed lateness")
                .register(registry);
        engine.onPublish(p -> registerNew(p.snapshot()));
    }

    private static void addThresholds(TreeSet<Double> b, QueueSettings s) {
        for (Channel c : Channel.values()) {
            b.add((double) s.slThresholdS(c));
        }
        b.add((double) s.shortAbandonS());
    }

    /** Feeds the histograms from final facts. */
    public void record(List<Fact> facts) {
        for (Fact f : facts) {
            if (f instanceof QueueVisit) {
                QueueVisit v = (QueueVisit) f;
                if (v.outcome() == VisitOutcome.ANSWERED || v.outcome() == VisitOutcome.ABANDONED) {
                    histogram("ccpulse.queue.wait", "Queue wait of answered and abandoned visits (final facts)",
                            v.queue(), v.channel().wireName(), "outcome", v.outcome().wireName())
                            .record(v.waitMs() / 1000.0);
                }
            } else if (f instanceof HandleSegment) {
                HandleSegment h = (HandleSegment) f;
                histogram("ccpulse.handle", "Handle time (talk + hold + ACW) of completed segments (final facts)",
                        h.queue() == null ? "none" : h.queue(), h.channel().wireName(), null, null)
                        .record(h.handleMs() / 1000.0);
            }
        }
    }

    private DistributionSummary histogram(String name, String help, String queue, String channel, String tag,
                                          String value) {
        String key = name + '|' + queue + '|' + channel + '|' + value;
        return histograms.computeIfAbsent(key, k -> {
            DistributionSummary.Builder b = DistributionSummary.builder(name).baseUnit("seconds").description(help)
                    .tag("queue", queue).tag("channel", channel).serviceLevelObjectives(waitBuckets);
            if (tag != null) {
                b.tag(tag, value);
            }
            return b.register(registry);
        });
    }

    private void registerNew(LiveSnapshot s) {
        for (QueueLive q : s.queues()) {
            String key = "q|" + q.queue() + '|' + q.channel();
            if (registered.add(key)) {
                registerQueue(q.queue(), q.channel());
            }
        }
        for (Map.Entry<String, Map<AgentState, Integer>> e : s.agentsByQueue().entrySet()) {
            for (AgentState st : LiveSnapshot.STAFFED_STATES) {
                registerQueueAgents(e.getKey(), st);
            }
        }
        for (TeamLive t : s.teams()) {
            for (AgentState st : LiveSnapshot.STAFFED_STATES) {
                String team = teamLabel(t.team());
                if (registered.add("t|" + team + '|' + st)) {
                    Gauge.builder("ccpulse.agents", () -> teamAgents(team, st)).tag("team", team)
                            .tag("state", st.wireName()).description("Logged-in agents by team and state")
                            .register(registry);
                    FunctionCounter.builder("ccpulse.agent.state.seconds", this, m -> m.stateSeconds(team, st))
                            .tag("team", team).tag("state", st.wireName())
                            .description("Agent time in each state (final up to the watermark), seconds")
                            .register(registry);
                }
            }
        }
        for (TicketQueueLive t : s.tickets()) {
            if (registered.add("tk|" + t.queue())) {
                registerTickets(t.queue());
            }
        }
        for (String kind : s.totals().anomalies().keySet()) {
            if (registered.add("a|" + kind)) {
                FunctionCounter.builder("ccpulse.engine.anomalies", this,
                                m -> m.latest().totals().anomalies().getOrDefault(kind, 0L))
                        .tag("kind", kind).description("Odd events the engine handled, by kind (see README)")
                        .register(registry);
            }
        }
    }

    /** Ticket gauges (live, at the snapshot's time) and counters (final ticket versions) of one queue. */
    private void registerTickets(String queue) {
        Gauge.builder("ccpulse.tickets.open", this, m -> m.ticketLive(queue, TicketQueueLive::open))
                .tag("queue", queue).description("Open tickets now (created or reopened, not resolved)")
                .register(registry);
        Gauge.builder("ccpulse.tickets.overdue", this, m -> m.ticketLive(queue, TicketQueueLive::overdueResponse))
                .tag("queue", queue).tag("sla", "response")
                .description("Open tickets past their due time now: without a first response (sla=response),"
                        + " not resolved (sla=resolution)").register(registry);
        Gauge.builder("ccpulse.tickets.overdue", this, m -> m.ticketLive(queue, TicketQueueLive::overdueResolution))
                .tag("queue", queue).tag("sla", "resolution")
                .description("Open tickets past their due time now: without a first response (sla=response),"
                        + " not resolved (sla=resolution)").register(registry);
        // not "created": the Prometheus client reserves the _created suffix (OpenMetrics creation timestamps)
        ticketCounter("ccpulse.tickets.opened", "Tickets created (ticket.created)", queue, null, TicketTotals::created);
        ticketCounter("ccpulse.tickets.resolved", "Ticket resolutions (a reopened ticket counts each resolution)",
                queue, null, TicketTotals::resolutions);
        ticketCounter("ccpulse.tickets.first.responses", "First responses to tickets", queue, null,
                TicketTotals::firstResponses);
        ticketCounter("ccpulse.tickets.escalations", "Ticket escalations", queue, null, TicketTotals::escalations);
        ticketCounter("ccpulse.tickets.reopened", "Tickets reopened (each reopen)", queue, null, TicketTotals::reopens);
        ticketCounter("ccpulse.tickets.sla.breaches", "Tickets whose SLA was breached, by SLA (response, resolution)",
                queue, "response", TicketTotals::responseBreaches);
        ticketCounter("ccpulse.tickets.sla.breaches", "Tickets whose SLA was breached, by SLA (response, resolution)",
                queue, "resolution", TicketTotals::resolutionBreaches);
    }

    private void ticketCounter(String name, String help, String queue, String sla, ToDoubleFunction<TicketTotals> f) {
        FunctionCounter.Builder<LiveMetrics> b = FunctionCounter.builder(name, this, m -> {
            for (TicketTotals t : m.latest().totals().tickets()) {
                if (t.queue().equals(queue)) {
                    return f.applyAsDouble(t);
                }
            }
            return 0;
        }).tag("queue", queue).description(help);
        if (sla != null) {
            b.tag("sla", sla);
        }
        b.register(registry);
    }

    private double ticketLive(String queue, ToDoubleFunction<TicketQueueLive> f) {
        for (TicketQueueLive t : latest().tickets()) {
            if (t.queue().equals(queue)) {
                return f.applyAsDouble(t);
            }
        }
        return 0;
    }

    private void registerQueueAgents(String queue, AgentState st) {
        if (registered.add("qa|" + queue + '|' + st)) {
            Gauge.builder("ccpulse.queue.agents", () -> {
                Map<AgentState, Integer> m = latest().agentsByQueue().get(queue);
                return m == null ? 0 : m.getOrDefault(st, 0);
            }).tag("queue", queue).tag("state", st.wireName())
                    .description("Logged-in agents serving the queue (login queues), by state").register(registry);
        }
    }

    private void registerQueue(String queue, Channel channel) {
        String ch = channel.wireName();
        for (String outcome : OUTCOMES) {
            counter("ccpulse.queue.visits", "Queue visits by outcome (abandoned excludes short abandons)", queue, ch,
                    "outcome", outcome, t -> outcomeCount(t, outcome));
        }
        counter("ccpulse.queue.answered.within.threshold", "Visits answered with wait <= the SL threshold", queue, ch,
                null, null, QueueTotals::answeredInThreshold);
        counter("ccpulse.queue.abandoned.within.threshold",
                "Visits abandoned (not short) with wait <= the SL threshold", queue, ch, null, null,
                QueueTotals::abandonedInThreshold);
        counter("ccpulse.handle.segments", "Completed handle segments", queue, ch, null, null, QueueTotals::segments);
        counter("ccpulse.transfers", "Handle segments that ended in a transfer", queue, ch, null, null,
                QueueTotals::transfers);
        counter("ccpulse.handle.time.seconds", "Handle time of completed segments by part, seconds", queue, ch, "part", "talk",
                t -> t.talkMs() / 1000.0);
        counter("ccpulse.handle.time.seconds", "Handle time of completed segments by part, seconds", queue, ch, "part", "hold",
                t -> t.holdMs() / 1000.0);
        counter("ccpulse.handle.time.seconds", "Handle time of completed segments by part, seconds", queue, ch, "part", "acw",
                t -> t.acwMs() / 1000.0);
        gauge("ccpulse.queue.waiting.contacts", "Contacts waiting in the queue now", queue, channel, null,
                q -> q.waiting());
        gauge("ccpulse.queue.oldest.wait.seconds", "Age of the longest-waiting contact, seconds (0 when none)", queue,
                channel, null, q -> q.oldestWaitSeconds(clock.instant()));
        gauge("ccpulse.queue.service.level.target", "Service-level target in force, 0..1", queue, channel, null,
                q -> q.settings().slTarget());
        gauge("ccpulse.queue.service.level.threshold.seconds", "Service-level threshold T in force, seconds", queue,
                channel, null, q -> q.settings().slThresholdS(channel));
        for (int w = 0; w < WINDOWS.length; w++) {
            int window = w;
            gauge("ccpulse.queue.service.level", "Service level (variant per queue setting), 0..1; NaN without traffic",
                    queue, channel, WINDOWS[w], q -> nan(kpis(q)[window].serviceLevel()));
            gauge("ccpulse.queue.abandon.rate", "Abandon rate (short abandons excluded), 0..1", queue, channel,
                    WINDOWS[w], q -> nan(kpis(q)[window].abandonRate()));
            gauge("ccpulse.queue.asa.seconds", "Average speed of answer, seconds", queue, channel, WINDOWS[w],
                    q -> nan(kpis(q)[window].asaS()));
            gauge("ccpulse.queue.offered", "Contacts offered (answered + abandoned + flowed out)", queue, channel,
                    WINDOWS[w], q -> kpis(q)[window].offered());
        }
    }

    private void counter(String name, String help, String queue, String channel, String tag, String value,
                         ToDoubleFunction<QueueTotals> f) {
        FunctionCounter.Builder<LiveMetrics> b = FunctionCounter.builder(name, this, m -> {
            QueueTotals t = m.totals(queue, channel);
            return t == null ? 0 : f.applyAsDouble(t);
        }).tag("queue", queue).tag("channel", channel).description(help);
        if (tag != null) {
            b.tag(tag, value);
        }
        b.register(registry);
    }

    private void gauge(String name, String help, String queue, Channel channel, String window,
                       ToDoubleFunction<QueueLive> f) {
        Gauge.Builder<LiveMetrics> b = Gauge.builder(name, this, m -> {
            QueueLive q = m.queueLive(queue, channel);
            return q == null ? 0 : f.applyAsDouble(q);
        }).tag("queue", queue).tag("channel", channel.wireName()).description(help);
        if (window != null) {
            b.tag("window", window);
        }
        b.register(registry);
    }

    private LiveSnapshot latest() {
        return engine.published().snapshot();
    }

    /**
     * Lookups of one published version, built once per version: a scrape reads hundreds of
     * series, and walking the snapshot's lists for each made /metrics slow with many queues.
     */
    private static final class Index {
        final long version;
        final Map<String, QueueLive> queues = new java.util.HashMap<>();
        final Map<String, QueueTotals> totals = new java.util.HashMap<>();
        final Map<String, QueueKpis[]> kpis = new ConcurrentHashMap<>();

        Index(LiveEngine.Published p) {
            version = p.version();
            for (QueueLive q : p.snapshot().queues()) {
                queues.put(q.queue() + '|' + q.channel().wireName(), q);
            }
            for (QueueTotals t : p.snapshot().totals().queues()) {
                totals.put(t.queue() + '|' + t.channel().wireName(), t);
            }
        }
    }

    private volatile Index index;

    private Index index() {
        LiveEngine.Published p = engine.published();
        Index i = index;
        if (i == null || i.version != p.version()) {
            i = new Index(p);
            index = i;
        }
        return i;
    }

    private QueueLive queueLive(String queue, Channel channel) {
        return index().queues.get(queue + '|' + channel.wireName());
    }

    private QueueTotals totals(String queue, String channel) {
        return index().totals.get(queue + '|' + channel);
    }

    private QueueKpis[] kpis(QueueLive q) {
        return index().kpis.computeIfAbsent(q.queue() + '|' + q.channel().wireName(), k -> new QueueKpis[] {
            QueueKpis.of(q.today(), q.settings(), q.channel()), QueueKpis.of(q.last15m(), q.settings(), q.channel())});
    }

    private static double outcomeCount(QueueTotals t, String outcome) {
        switch (outcome) {
            case "answered": return t.answered();
            case "abandoned": return t.abandoned();
            case "short_abandoned": return t.shortAbandoned();
            case "flowed_out": return t.flowedOut();
            default: return t.blocked();
        }
    }

    private double teamAgents(String team, AgentState st) {
        for (TeamLive t : latest().teams()) {
            if (teamLabel(t.team()).equals(team)) {
                return t.agents().getOrDefault(st, 0);
            }
        }
        return 0;
    }

    private double stateSeconds(String team, AgentState st) {
        double ms = 0;
        for (AgentStateTotal t : latest().totals().agentStates()) {
            if (teamLabel(t.team()).equals(team) && t.state() == st) {
                ms += t.ms();
            }
        }
        return ms / 1000.0;
    }

    static String teamLabel(String team) {
        return team == null ? "none" : team;
    }

    private static double nan(Double d) {
        return d == null ? Double.NaN : d;
    }

    /** Visible for tests: the bucket bounds of the wait histogram, seconds. */
    public double[] waitBuckets() {
        return Arrays.copyOf(waitBuckets, waitBuckets.length);
    }

    static <T> Function<T, T> identity() {
        return Function.identity();
    }
}
