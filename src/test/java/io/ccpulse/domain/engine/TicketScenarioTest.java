package io.ccpulse.domain.engine;

import static io.ccpulse.domain.engine.Ev.at;
import static io.ccpulse.domain.engine.Ev.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ccpulse.domain.event.Event;
import io.ccpulse.domain.fact.Fact;
import io.ccpulse.domain.fact.SlaStatus;
import io.ccpulse.domain.fact.TicketFact;
import io.ccpulse.domain.kpi.TicketKpis;
import io.ccpulse.domain.kpi.TicketTally;
import io.ccpulse.domain.settings.QueueSettings;
import io.ccpulse.domain.settings.Settings;
import io.ccpulse.domain.settings.BusinessHours;
import io.ccpulse.domain.settings.TicketSla;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Hand-computed ticket scenarios. Times are seconds after 2026-11-23T08:00:00Z. Queue "it" has the policy
 * p1: first response 1 h, resolution 8 h; other priorities 4 h / 3 d (the built-in default, also used by
 * every other queue).
 */
@DisplayName("Engine: tickets")
class TicketScenarioTest {

    private static final double H = 3600;
    private static final TicketSla IT_SLA = new TicketSla(TicketSla.DEFAULT.fallback(),
            Map.of("P1", new TicketSla.Due(Duration.ofHours(1), Duration.ofHours(8))));
    static final Settings SETTINGS = new Settings(Duration.ofMinutes(5), Settings.DEFAULTS.zone(),
            QueueSettings.DEFAULTS, Map.of("it", withSla(IT_SLA)), 0);

    private final Ev ev = new Ev();

    static QueueSettings withSla(TicketSla sla) {
        QueueSettings d = QueueSettings.DEFAULTS;
        return new QueueSettings(d.slThresholdS(), d.slTarget(), d.abandonMode(), d.shortAbandonS(), d.acwCapS(),
                d.fcrWindow(), d.fcrScope(), d.csatPositiveMin(), d.frtTargetS(), sla);
    }

    /** Applies in order, flushes, returns the ticket facts in the order produced (the versions of each ticket ascending). */
    private static List<TicketFact> versions(Engine engine, Event... events) {
        engine.apply(List.of(events));
        engine.flushAll();
        List<TicketFact> out = new ArrayList<>(only(engine.drainFinal(), TicketFact.class));
        out.sort(Comparator.comparing(TicketFact::ticket).thenComparingInt(TicketFact::version));
        return out;
    }

    private static TicketFact newest(List<TicketFact> facts, String ticket) {
        TicketFact last = null;
        for (TicketFact f : facts) {
            if (f.ticket().equals(ticket)) {
                last = f;
            }
        }
        return last;
    }

    @Test
    @DisplayName("a ticket's life: created, assigned, responded in time, escalated twice, resolved: one version per change, SLA met")
    void lifecycle() {
        Engine engine = new Engine(SETTINGS);
        List<TicketFact> v = versions(engine,
                ev.ticketCreated(0, "t1", "it", " P1 ", "Complaint"),
                ev.ticketAssigned(60, "t1", "a1"),
                ev.ticketAssigned(90, "t1", "a1"),          // same agent: no new version
                ev.ticketResponded(1800, "t1", "a1"),
                ev.ticketResponded(2000, "t1", "a2"),       // not the first response: nothing changes
                ev.ticketEscalated(3600, "t1", 2),
                ev.ticketEscalated(4000, "t1", 1),
                ev.ticketResolved(7200, "t1", null));
        assertEquals(List.of(1, 2, 3, 4, 5, 6), v.stream().map(TicketFact::version).toList());
        TicketFact f = v.get(5);
        // policy p1 (priority " P1 " normalized): response due 09:00, resolution due 16:00
        assertEquals(new TicketFact("t1", 6, at(7200), "it", " P1 ", "Complaint", "cust-t1", at(0), at(H), at(8 * H),
                "a1", null, at(1800), "a1", 2, 2, at(3600), at(7200), "a1", 1, 0, null, SlaStatus.MET, at(1800),
                SlaStatus.MET, at(7200), v.get(4).withoutPrevious()), f);
        assertTrue(f.complaint());
        assertNull(v.get(0).previous());
        assertEquals(v.get(4).withoutPrevious(), f.previous());
        assertEquals(Map.of(), engine.anomalies());

        Totals totals = engine.snapshot(at(8000)).totals();
        assertEquals(List.of(new TicketTotals("it", 1, 1, 1, 0, 2, 0, 0)), totals.tickets());
    }

    @Test
    @DisplayName("due times of the event override the policy, each on its own; an unlisted priority takes the fallback")
    void dueTimesFromTheEvent() {
        Engine engine = new Engine(SETTINGS);
        List<TicketFact> v = versions(engine,
                ev.ticketCreated(0, "t1", "it", "p1", at(600), null),
                ev.ticketCreated(0, "t2", "it", "p1", null, at(2 * H)),
                ev.ticketCreated(0, "t3", "it", "p9", "other"),
                ev.ticketCreated(0, "t4", "desk", null, null),
                ev.ticketResponded(900, "t1", "a1"));
        TicketFact t1 = newest(v, "t1");
        assertEquals(at(600), t1.firstResponseDue());
        assertEquals(at(8 * H), t1.resolutionDue(), "resolution due from the policy");
        // the response came after the due time: the timer breached it at 600 s, before the response was applied
        assertEquals(SlaStatus.BREACHED, t1.responseSla());
        assertEquals(at(600), t1.responseSlaAt());
        assertEquals(at(900), t1.firstResponseAt(), "the first response time is still recorded");
        assertEquals(3, t1.version(), "created, breached, responded");
        assertEquals(at(H), newest(v, "t2").firstResponseDue());
        assertEquals(at(2 * H), newest(v, "t2").resolutionDue());
        assertEquals(at(4 * H), newest(v, "t3").firstResponseDue(), "fallback 4 h");
        assertEquals(at(72 * H), newest(v, "t3").resolutionDue(), "fallback 3 d");
        assertEquals(at(4 * H), newest(v, "t4").firstResponseDue(), "built-in default");
    }

    @Test
    @DisplayName("a response exactly at the due time is in time; one a millisecond later is not")
    void responseExactlyAtTheDueTime() {
        Engine engine = new Engine(SETTINGS);
        List<TicketFact> v = versions(engine,
                ev.ticketCreated(0, "t1", "it", "p1", null),
                ev.ticketCreated(0, "t2", "it", "p1", null),
                ev.ticketResponded(H, "t1", "a1"),
                ev.ticketResponded(H + 0.001, "t2", "a1"));
        assertEquals(SlaStatus.MET, newest(v, "t1").responseSla());
        assertEquals(SlaStatus.BREACHED, newest(v, "t2").responseSla());
        assertEquals(at(H), newest(v, "t2").responseSlaAt());
    }

    @Test
    @DisplayName("a ticket resolved without a response meets its response SLA at the resolution and has no first response time")
    void resolvedWithoutResponse() {
        Engine engine = new Engine(SETTINGS);
        TicketFact f = newest(versions(engine,
                ev.ticketCreated(0, "t1", "desk", null, null),
                ev.ticketResolved(H, "t1", "a3")), "t1");
        assertNull(f.firstResponseAt());
        assertEquals(SlaStatus.MET, f.responseSla());
        assertEquals(at(H), f.responseSlaAt());
        assertEquals(SlaStatus.MET, f.resolutionSla());
        assertEquals("a3", f.resolvedBy());
        assertEquals("a3", f.agent(), "the resolver becomes the agent of an unassigned ticket");
    }

    @Test
    @DisplayName("reopened before the due time and resolved again in time: resolution time counts from the last resolution, SLA met")
    void reopenedBeforeDue() {
        Engine engine = new Engine(SETTINGS);
        List<TicketFact> v = versions(engine,
                ev.ticketCreated(0, "t1", "it", "p1", null),
                ev.ticketResponded(600, "t1", "a1"),
                ev.ticketResolved(H, "t1", "a1"),
                ev.ticketReopened(2 * H, "t1"),
                ev.ticketResolved(3 * H, "t1", "a2"));
        TicketFact reopened = v.get(3);
        assertNull(reopened.resolvedAt());
        assertNull(reopened.resolutionSla(), "undecided again after a reopen before the due time");
        TicketFact f = v.get(4);
        assertEquals(at(3 * H), f.resolvedAt());
        assertEquals("a2", f.resolvedBy());
        assertEquals(2, f.resolutions());
        assertEquals(1, f.reopens());
        assertEquals(at(2 * H), f.firstReopenedAt());
        assertEquals(SlaStatus.MET, f.resolutionSla());
        assertEquals(at(3 * H), f.resolutionSlaAt());

        // today's tally holds the newest version only: one resolution of 3 h, not two
        TicketTally t = engine.snapshot(at(4 * H)).tickets().get(0).today();
        assertEquals(1, t.created());
        assertEquals(1, t.resolved());
        assertEquals(3 * 3_600_000L, t.resolutionMs());
        assertEquals(1, t.resolutionMet());
        assertEquals(0, t.resolutionBreached());
        assertEquals(1, t.reopened());
        assertEquals(1, t.responded());
        assertEquals(600_000, t.firstResponseMs());
        assertEquals(1, t.responseMet());
    }

    @Test
    @DisplayName("reopened after the due time: the resolution SLA is breached at the reopen, for good")
    void reopenedAfterDue() {
        Engine engine = new Engine(SETTINGS);
        List<TicketFact> v = versions(engine,
                ev.ticketCreated(0, "t1", "it", "p1", null),
                ev.ticketResolved(H, "t1", "a1"),
                ev.ticketReopened(9 * H, "t1"),
                ev.ticketResolved(10 * H, "t1", "a1"));
        TicketFact f = v.get(v.size() - 1);
        assertEquals(SlaStatus.BREACHED, f.resolutionSla());
        assertEquals(at(9 * H), f.resolutionSlaAt());
        assertEquals(SlaStatus.MET, f.responseSla(), "the first resolution met the response SLA; a reopen does not change it");
        TicketTally t = engine.snapshot(at(11 * H)).tickets().get(0).today();
        assertEquals(0, t.resolutionMet());
        assertEquals(1, t.resolutionBreached());
        assertEquals(10 * 3_600_000L, t.resolutionMs());
        assertEquals(List.of(new TicketTotals("it", 1, 0, 2, 1, 0, 0, 1)), engine.snapshot(at(11 * H)).totals().tickets());
    }

    @Test
    @DisplayName("an open ticket past its due times is overdue at once in the snapshot; the breach is counted when event time passes the due time")
    void openPastDue() {
        Engine engine = new Engine(SETTINGS);
        engine.apply(List.of(ev.ticketCreated(0, "t1", "it", "p1", null), ev.ticketCreated(0, "t2", "it", "p2", null),
                ev.login(1800, "a1", "team", "it")));
        TicketQueueLive q = engine.snapshot(at(2 * H)).tickets().get(0);
        assertEquals(2, q.open());
        assertEquals(1, q.overdueResponse(), "t1: response due at 1 h");
        assertEquals(0, q.overdueResolution());
        assertEquals(at(0), q.oldestOpenSince());
        assertEquals(0, q.today().responseBreached(), "no event after the due time yet");

        engine.apply(List.of(ev.logout(2 * H, "a1")));
        q = engine.snapshot(at(2 * H)).tickets().get(0);
        assertEquals(1, q.today().responseBreached());
        assertEquals(SlaStatus.BREACHED, engine.ticket("t1").responseSla());
        assertEquals(at(H), engine.ticket("t1").responseSlaAt());

        q = engine.snapshot(at(9 * H)).tickets().get(0);
        assertEquals(2, q.overdueResponse(), "t2: response due at 4 h");
        assertEquals(1, q.overdueResolution(), "t1: resolution due at 8 h");
        TicketKpis k = q.todayKpis();
        assertEquals(1.0, k.responseBreachRate());
        assertNull(k.resolutionBreachRate(), "nothing decided yet in event time");
    }

    @Test
    @DisplayName("business hours: the policy's clock runs only while the desk is open; due times from the event stay as sent")
    void businessHours() {
        // desk: open Monday to Friday 09:00-17:00 UTC; the built-in 4 h / 3 d policy counts open time
        BusinessHours hours = new BusinessHours(java.time.ZoneOffset.UTC, weekdays(new BusinessHours.Span(9 * 60, 17 * 60)),
                java.util.Set.of());
        Settings settings = new Settings(Duration.ofMinutes(5), Settings.DEFAULTS.zone(), QueueSettings.DEFAULTS,
                Map.of("desk", withSla(TicketSla.DEFAULT.withHours(hours))), 0);
        Engine engine = new Engine(settings);
        double friday1600 = 4 * 24 * H + 8 * H;           // 2026-11-27T16:00Z (day 0 is Monday 23 November)
        List<TicketFact> v = versions(engine,
                ev.ticketCreated(friday1600, "t1", "desk", null, null),
                ev.ticketCreated(friday1600, "t2", "desk", null, Instant.parse("2026-11-27T18:00:00Z"), null),
                ev.ticketCreated(friday1600, "t3", "sales", null, null));
        // 1 h on Friday, 3 h on Monday 30 November
        assertEquals(Instant.parse("2026-11-30T12:00:00Z"), newest(v, "t1").firstResponseDue());
        // 72 open hours: 1 on Friday, 8 a day from Monday 30 November to Wednesday 9 December (8 days = 64),
        // 7 on Thursday 10 December
        assertEquals(Instant.parse("2026-12-10T16:00:00Z"), newest(v, "t1").resolutionDue());
        assertEquals(Instant.parse("2026-11-27T18:00:00Z"), newest(v, "t2").firstResponseDue(), "the event's own due time");
        assertEquals(Instant.parse("2026-11-27T20:00:00Z"), newest(v, "t3").firstResponseDue(),
                "another queue: 4 h around the clock");
        // Saturday noon: t1 is not overdue (it would be around the clock), t2 is
        TicketQueueLive desk = engine.snapshot(at(friday1600 + 20 * H)).tickets().stream()
                .filter(q -> q.queue().equals("desk")).findFirst().orElseThrow();
        assertEquals(1, desk.overdueResponse());
    }

    private static Map<java.time.DayOfWeek, List<BusinessHours.Span>> weekdays(BusinessHours.Span span) {
        Map<java.time.DayOfWeek, List<BusinessHours.Span>> m = new java.util.EnumMap<>(java.time.DayOfWeek.class);
        for (java.time.DayOfWeek d : java.time.DayOfWeek.values()) {
            if (d.getValue() <= 5) {
                m.put(d, List.of(span));
            }
        }
        return m;
    }

    @Test
    @DisplayName("odd ticket events are ignored and counted by kind")
    void oddEvents() {
        Engine engine = new Engine(SETTINGS);
        List<TicketFact> v = versions(engine,
                ev.ticketResponded(0, "ghost", "a1"),
                ev.ticketCreated(10, "t1", "it", "p2", null),
                ev.ticketCreated(20, "t1", "sales", "p1", null),
                ev.ticketReopened(30, "t1"),
                ev.ticketResolved(40, "t1", "a1"),
                ev.ticketResolved(50, "t1", "a2"),
                ev.ticketAssigned(60, "t1", "a2"),
                ev.ticketResponded(70, "t1", "a2"),
                ev.ticketEscalated(80, "t1", null));
        assertEquals(Map.of(Anomaly.UNKNOWN_TICKET, 1L, Anomaly.TICKET_CREATED_TWICE, 1L,
                Anomaly.TICKET_REOPENED_WHILE_OPEN, 1L, Anomaly.TICKET_RESOLVED_TWICE, 1L,
                Anomaly.TICKET_NOT_OPEN, 3L), engine.anomalies());
        assertEquals(2, v.size(), "created and resolved");
        TicketFact f = v.get(1);
        assertEquals("it", f.queue());
        assertEquals("a1", f.resolvedBy());
        assertEquals(at(40), f.resolvedAt());
    }

    @Test
    @DisplayName("a resolved ticket is remembered 30 days after its last event, an open one 90 days; then forgotten")
    void forgetting() {
        Engine engine = new Engine(SETTINGS);
        double day = 24 * H;
        versions(engine,
                ev.ticketCreated(0, "t1", "it", "p2", null),
                ev.ticketResolved(H, "t1", "a1"),
                ev.ticketReopened(H + 29 * day, "t1"),            // remembered: reopened
                ev.ticketResolved(H + 30 * day, "t1", "a1"),
                ev.ticketCreated(H + 30 * day, "t2", "it", "p2", null),
                ev.ticketReopened(H + 60 * day + 1, "t1"),        // forgotten 30 days after its last event
                ev.login(H + 120 * day + 1, "a1", null));         // t2: 90 days without an event
        assertEquals(Map.of(Anomaly.UNKNOWN_TICKET, 1L, Anomaly.STALE_TICKET_EVICTED, 1L), engine.anomalies());
        assertNull(engine.ticket("t1"));
        assertNull(engine.ticket("t2"));
        assertEquals(0, engine.sizes().get("openTickets"));
        assertEquals(0, engine.sizes().get("ticketTimers"));
    }

    @Test
    @DisplayName("the live tickets of a queue: open, overdue, today's tally and the complaint rate over inbound contacts and tickets")
    void snapshot() {
        Engine engine = new Engine(SETTINGS);
        engine.apply(List.of(
                ev.login(0, "a1", "team", "it"),
                ev.queued(10, "c1", "it"),
                ev.answered(20, "c1", "a1"),
                ev.ended(100, "c1"),
                ev.wrapped(110, "c1", "a1", true),
                ev.ticketCreated(200, "t1", "it", "p2", "complaint"),
                ev.ticketCreated(300, "t2", "it", "p2", null),
                ev.ticketEscalated(400, "t2", 1),
                ev.ticketResponded(500, "t2", "a1"),
                ev.ticketResolved(1000, "t2", "a1")));
        List<TicketQueueLive> live = engine.snapshot(at(1200)).tickets();
        assertEquals(1, live.size());
        TicketQueueLive q = live.get(0);
        assertEquals("it", q.queue());
        assertEquals(1, q.open());
        assertEquals(1, q.inboundContactsToday());
        TicketKpis k = q.todayKpis();
        assertEquals(2, k.created());
        assertEquals(1.0 / 3, k.complaintRate(), 1e-12, "1 complaint / (1 inbound contact + 2 tickets)");
        assertEquals(0.5, k.escalationRate());
        assertEquals(0.0, k.reopenRate());
        assertEquals(200.0, k.firstResponseAvgS(), 1e-9, "t2: 500 - 300");
        assertEquals(700.0, k.resolutionAvgS(), 1e-9, "t2: 1000 - 300");
        assertEquals(0.0, k.responseBreachRate());
        assertEquals(1, k.responseSlaCounted());
    }

    @Test
    @DisplayName("ticket events out of order within the allowed lateness give the same versions, tallies and counters")
    void outOfOrder() {
        Instant due = at(100);
        List<Event> events = List.of(
                ev.ticketCreated(0, "t1", "it", "p1", due, at(250)),
                ev.ticketAssigned(10, "t1", "a1"),
                ev.ticketResolved(50, "t1", "a1"),
                ev.ticketReopened(60, "t1"),
                ev.ticketResponded(120, "t1", "a1"),
                ev.ticketEscalated(130, "t1", 3),
                ev.ticketResolved(200, "t1", "a1"),
                ev.ticketReopened(260, "t1"),
                ev.ticketResolved(270, "t1", null),
                ev.login(280, "a9", null));
        Engine inOrder = new Engine(SETTINGS);
        List<TicketFact> expected = versions(inOrder, events.toArray(Event[]::new));
        Engine reversed = new Engine(SETTINGS);
        List<Fact> facts = new ArrayList<>();
        for (int i = events.size() - 1; i >= 0; i--) {
            reversed.apply(List.of(events.get(i)));
            facts.addAll(reversed.drainFinal());
        }
        reversed.flushAll();
        facts.addAll(reversed.drainFinal());
        List<TicketFact> actual = new ArrayList<>(only(facts, TicketFact.class));
        actual.sort(Comparator.comparingInt(TicketFact::version));
        assertEquals(expected, actual);
        TicketFact f = expected.get(expected.size() - 1);
        assertEquals(SlaStatus.MET, f.responseSla(), "the first resolution (50 s) met the response SLA (due 100 s)");
        assertEquals(SlaStatus.BREACHED, f.resolutionSla(), "reopened at 260 s after the due time 250 s");
        assertEquals(Render.of(inOrder.snapshot(at(300)), java.util.Set.of("replays")),
                Render.of(reversed.snapshot(at(300)), java.util.Set.of("replays")));
    }
}
