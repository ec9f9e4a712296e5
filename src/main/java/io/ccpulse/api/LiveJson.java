package io.ccpulse.api;

import io.ccpulse.domain.engine.AgentLive;
import io.ccpulse.domain.engine.LiveSnapshot;
import io.ccpulse.domain.engine.QueueLive;
import io.ccpulse.domain.engine.TicketQueueLive;
import io.ccpulse.domain.fact.AgentState;
import io.ccpulse.domain.kpi.AgentKpis;
import io.ccpulse.domain.kpi.ErlangC;
import io.ccpulse.domain.kpi.QueueKpis;
import io.ccpulse.domain.settings.BusinessHours;
import io.ccpulse.domain.settings.TicketSla;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.ccpulse.domain.kpi.Goals;
import io.ccpulse.domain.kpi.KpiCatalog;
import io.ccpulse.domain.kpi.ScorecardSpec;
import io.ccpulse.domain.kpi.Target;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

/** Renders a {@link LiveSnapshot} as the live JSON of DESIGN.md. */
public final class LiveJson {

    private LiveJson() {
    }

    /** The whole queues document; ages computed at {@code now}. */
    public static JsonObject queues(LiveSnapshot s, Instant now) {
        JsonArray queues = new JsonArray();
        for (QueueLive q : s.queues()) {
            queues.add(queue(q, now));
        }
        JsonArray tickets = new JsonArray();
        for (TicketQueueLive t : s.tickets()) {
            tickets.add(tickets(t, now));
        }
        return new JsonObject().put("generated_at", now.toString())
                .put("newest_event_time", s.newestEventTime() == null ? null : s.newestEventTime().toString())
                .put("queues", queues)
                .put("tickets", tickets);
    }

    /**
     * The tickets of one queue: {@code open}, {@code overdue_response}, {@code overdue_resolution} (at
     * {@code now}), {@code oldest_open_since} / {@code oldest_open_age_s}, {@code today} (ticket KPI object,
     * the complaint rate over the queue's inbound contacts and tickets of today) and the SLA policy in
     * force ({@code settings.ticket_sla}).
     */
    public static JsonObject tickets(TicketQueueLive t, Instant now) {
        return new JsonObject()
                .put("queue", t.queue())
                .put("open", t.open())
                .put("overdue_response", t.overdueResponse())
                .put("overdue_resolution", t.overdueResolution())
                .put("oldest_open_since", t.oldestOpenSince() == null ? null : t.oldestOpenSince().toString())
                .put("oldest_open_age_s", t.oldestOpenSince() == null ? null
                        : round(Math.max(0, now.toEpochMilli() - t.oldestOpenSince().toEpochMilli()) / 1000.0))
                .put("today", new JsonObject(t.todayKpis().toMap()))
                .put("settings", new JsonObject().put("ticket_sla", ticketSla(t.settings().ticketSla()))
                        .put("business_hours", businessHours(t.settings().ticketSla().hours())));
    }

    /** {@code {"default": {"first_response_s": 14400, "resolution_s": 259200}, "p1": {...}}}; null = no due time. */
    public static JsonObject ticketSla(TicketSla sla) {
        JsonObject o = new JsonObject().put("default", due(sla.fallback()));
        sla.byPriority().forEach((p, d) -> o.put(p, due(d)));
        return o;
    }

    /**
     * {@code {"time_zone", "week": {"mon": ["08:00-12:00", "13:00-17:00"], ...}, "holidays": ["2026-12-25"]}}, or
     * null when the SLA clocks run around the clock.
     */
    public static JsonObject businessHours(BusinessHours h) {
        if (h == null) {
            return null;
        }
        JsonObject week = new JsonObject();
        h.week().forEach((day, spans) -> week.put(day.name().substring(0, 3).toLowerCase(java.util.Locale.ROOT),
                new JsonArray(spans.stream().map(BusinessHours.Span::toString).toList())));
        return new JsonObject().put("time_zone", h.zone().getId()).put("week", week)
                .put("holidays", new JsonArray(h.holidays().stream().map(Object::toString).toList()));
    }

    private static JsonObject due(TicketSla.Due d) {
        return new JsonObject()
                .put("first_response_s", d.firstResponse() == null ? null : d.firstResponse().getSeconds())
                .put("resolution_s", d.resolution() == null ? null : d.resolution().getSeconds());
    }

    public static JsonObject queue(QueueLive q, Instant now) {
        QueueKpis today = QueueKpis.of(q.today(), q.settings(), q.channel());
        QueueKpis last15 = QueueKpis.of(q.last15m(), q.settings(), q.channel());
        return new JsonObject()
                .put("queue", q.queue())
                .put("channel", q.channel().wireName())
                .put("waiting", q.waiting())
                .put("oldest_wait_s", round(q.oldestWaitSeconds(now)))
                .put("oldest_waiting_since", q.oldestWaitingSince() == null ? null : q.oldestWaitingSince().toString())
                .put("agents", states(q.agents()))
                .put("today", new JsonObject(today.toMap()))
                .put("last_15m", new JsonObject(last15.toMap()))
                .put("staffing", staffing(q, last15, today))
                .put("settings", new JsonObject(QueueKpis.settingsMap(q.settings(), q.channel())));
    }

    /**
     * Erlang C (METRICS.md "Staffing"): agents required now, from the last 15 minutes' arrival
     * rate (offered + blocked) and today's AHT; null without arrivals or handled contacts.
     */
    static JsonObject staffing(QueueLive q, QueueKpis last15, QueueKpis today) {
        Double aht = today.ahtS();
        long arrivals = last15.offered() + last15.blocked();
        if (aht == null || aht <= 0 || arrivals == 0) {
            return null;
        }
        double rate = arrivals / 900.0;
        ErlangC.Requirement r = ErlangC.required(rate, aht, q.settings().slThresholdS(q.channel()),
                q.settings().slTarget());
        return new JsonObject().put("arrivals_per_hour", round(rate * 3600)).put("aht_s", round(aht))
                .put("traffic_erlangs", round(r.trafficErlangs())).put("agents_required", r.agents())
                .put("expected_service_level", round(r.serviceLevel())).put("expected_occupancy", round(r.occupancy()))
                .put("p_wait", round(r.pWait()));
    }

    public static JsonObject agents(LiveSnapshot s, Instant now, double hourlyCost) {
        return agents(s, now, hourlyCost, null, null);
    }

    /** With {@code goals} (may be null: no scorecard, no targets) and the zone whose day decides the targets. */
    public static JsonObject agents(LiveSnapshot s, Instant now, double hourlyCost, Goals goals, ZoneId zone) {
        JsonArray agents = new JsonArray();
        for (AgentLive a : s.agents()) {
            agents.add(agent(a, now, hourlyCost, goals, zone));
        }
        return new JsonObject().put("generated_at", now.toString()).put("agents", agents);
    }

    /**
     * The agent object plus {@code scorecard} (the agent's card scored on today's numbers, with the targets
     * in force today: {@code name, day, score, coverage, items[{kpi, weight, direction, actual, target,
     * attainment, contribution}]}) and {@code targets} (KPI key to the target in force for the agent today,
     * for every KPI that has one).
     */
    public static JsonObject agent(AgentLive a, Instant now, double hourlyCost, Goals goals, ZoneId zone) {
        JsonObject o = agent(a, now, hourlyCost);
        if (goals == null) {
            return o;
        }
        LocalDate day = now.atZone(zone).toLocalDate();
        Map<String, Object> inputs = a.todayScoreInputs(hourlyCost);
        ScorecardSpec card = goals.scorecards().forTeam(a.team());
        ScorecardSpec.Result r = card.score(inputs, k -> goals.targets().forAgent(k, a.agent(), a.team(), day));
        JsonObject targets = new JsonObject();
        for (String k : KpiCatalog.all().keySet()) {
            KpiCatalog.Kpi kpi = KpiCatalog.get(k);
            if (kpi.scopes().contains(KpiCatalog.Scope.AGENT)) {
                Target t = goals.targets().forAgent(k, a.agent(), a.team(), day);
                if (t != null) {
                    targets.put(k, t.value());
                }
            }
        }
        return o.put("scorecard", scorecard(r, day)).put("targets", targets);
    }

    /** A scorecard result as JSON. */
    public static JsonObject scorecard(ScorecardSpec.Result r, LocalDate day) {
        JsonArray items = new JsonArray();
        for (ScorecardSpec.Line l : r.lines()) {
            items.add(new JsonObject().put("kpi", l.kpi()).put("weight", l.weight())
                    .put("direction", l.better().wireName()).put("actual", l.actual()).put("target", l.target())
                    .put("attainment", l.attainment() == null ? null : round(l.attainment()))
                    .put("contribution", l.contribution() == null ? null : round(l.contribution())));
        }
        return new JsonObject().put("name", r.scorecard()).put("day", day == null ? null : day.toString())
                .put("score", r.score() == null ? null : round(r.score())).put("coverage", round(r.coverage()))
                .put("items", items);
    }

    public static JsonObject agent(AgentLive a, Instant now, double hourlyCost) {
        return new JsonObject()
                .put("agent", a.agent())
                .put("name", a.name())
                .put("team", a.team())
                .put("queues", new JsonArray(a.queues()))
                .put("state", a.state().wireName())
                .put("since", a.since() == null ? null : a.since().toString())
                .put("state_age_s", a.since() == null ? null
                        : round(Math.max(0, now.toEpochMilli() - a.since().toEpochMilli()) / 1000.0))
                .put("reason", a.reason())
                .put("contacts", new JsonArray(a.contacts()))
                .put("today", new JsonObject(AgentKpis.of(a.today(), hourlyCost).toMap()));
    }

    static JsonObject states(Map<AgentState, Integer> byState) {
        JsonObject o = new JsonObject();
        for (AgentState st : LiveSnapshot.STAFFED_STATES) {
            o.put(st.wireName(), byState.getOrDefault(st, 0));
        }
        return o;
    }

    static Double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
