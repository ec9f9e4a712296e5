package io.ccpulse.domain.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ccpulse.domain.engine.Engine;
import io.ccpulse.domain.engine.TicketQueueLive;
import io.ccpulse.domain.event.Event;
import io.ccpulse.domain.event.TicketCreated;
import io.ccpulse.domain.event.TicketEscalated;
import io.ccpulse.domain.event.TicketReopened;
import io.ccpulse.domain.event.TicketResolved;
import io.ccpulse.domain.event.TicketResponded;
import io.ccpulse.domain.fact.TicketFact;
import io.ccpulse.domain.settings.QueueSettings;
import io.ccpulse.domain.settings.Settings;
import io.ccpulse.domain.settings.TicketSla;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Ticket KPIs of METRICS.md computed by hand for six tickets of queue "it" (policy: first response 1 h,
 * resolution 8 h), driven through the engine. Times are minutes after 2026-03-02T09:00Z.
 *
 * <pre>
 * ticket  created  events (minute)                                   response SLA      resolution SLA    FRT  RT
 * T1        0      responded 30, resolved 120                         met @30           met @120          30   120
 * T2       10      responded 100, escalated 110, resolved 600        breached @70      breached @490     90   590
 * T3       20      responded 40, resolved 200, reopened 300,          met @40           met @400          20   380 (last)
 *                  resolved 400
 * T4       30      nothing: still open                                breached @90      breached @510     -    -
 * T5       40      due from the event: response 50, resolution 1000;  breached @50      met @200          15   160
 *                  complaint; responded 55, resolved 200              (the policy would say met at 55)
 * T6       50      complaint; resolved 60 without a response          met @60           met @60           -    10
 * </pre>
 *
 * Created 6, complaints 2, escalated 1 (T2), reopened 1 (T3); responded 4, FRT sum 155 min; resolved 5,
 * RT sum 1260 min; response SLA 6 counted, 3 breached; resolution SLA 6 counted, 2 breached.
 */
@DisplayName("Ticket KPIs, hand-computed")
class TicketKpisTest {

    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private static final Settings SETTINGS = new Settings(Duration.ofMinutes(5), Settings.DEFAULTS.zone(),
            QueueSettings.DEFAULTS, Map.of("it", sla(new TicketSla(new TicketSla.Due(Duration.ofHours(1),
                    Duration.ofHours(8)), Map.of()))), 0);

    private int n;

    static QueueSettings sla(TicketSla s) {
        QueueSettings d = QueueSettings.DEFAULTS;
        return new QueueSettings(d.slThresholdS(), d.slTarget(), d.abandonMode(), d.shortAbandonS(), d.acwCapS(),
                d.fcrWindow(), d.fcrScope(), d.csatPositiveMin(), d.frtTargetS(), s);
    }

    private static Instant m(double minutes) {
        return T0.plusMillis(Math.round(minutes * 60_000));
    }

    private String id() {
        return "k-" + (++n);
    }

    private List<Event> events() {
        List<Event> e = new ArrayList<>();
        e.add(new TicketCreated(id(), m(0), "T1", "it", "normal", "c1", "billing", null, null));
        e.add(new TicketResponded(id(), m(30), "T1", "a1"));
        e.add(new TicketResolved(id(), m(120), "T1", "a1"));
        e.add(new TicketCreated(id(), m(10), "T2", "it", "normal", "c2", "technical", null, null));
        e.add(new TicketResponded(id(), m(100), "T2", "a2"));
        e.add(new TicketEscalated(id(), m(110), "T2", 1));
        e.add(new TicketResolved(id(), m(600), "T2", "a2"));
        e.add(new TicketCreated(id(), m(20), "T3", "it", "normal", "c3", null, null, null));
        e.add(new TicketResponded(id(), m(40), "T3", "a1"));
        e.add(new TicketResolved(id(), m(200), "T3", "a1"));
        e.add(new TicketReopened(id(), m(300), "T3"));
        e.add(new TicketResolved(id(), m(400), "T3", "a1"));
        e.add(new TicketCreated(id(), m(30), "T4", "it", "normal", "c4", null, null, null));
        e.add(new TicketCreated(id(), m(40), "T5", "it", "normal", "c5", "Complaint", m(50), m(1000)));
        e.add(new TicketResponded(id(), m(55), "T5", "a3"));
        e.add(new TicketResolved(id(), m(200), "T5", "a3"));
        e.add(new TicketCreated(id(), m(50), "T6", "it", "normal", "c6", "complaint", null, null));
        e.add(new TicketResolved(id(), m(60), "T6", "a3"));
        e.sort(Event.ORDER);
        return e;
    }

    @Test
    @DisplayName("first response time, resolution time, breach rates, escalation, reopen and complaint rates of the day")
    void dayKpis() {
        Engine engine = new Engine(SETTINGS);
        engine.apply(events());
        engine.flushAll();
        TicketQueueLive q = engine.snapshot(m(700)).tickets().get(0);
        TicketKpis k = TicketKpis.of(q.today(), 14);
        assertEquals(6, k.created());
        assertEquals(4, k.responded());
        assertEquals(155 * 60.0 / 4, k.firstResponseAvgS(), 1e-9, "(30 + 90 + 20 + 15) min / 4");
        assertEquals(5, k.resolved());
        assertEquals(1260 * 60.0 / 5, k.resolutionAvgS(), 1e-9, "(120 + 590 + 380 + 160 + 10) min / 5");
        assertEquals(6, k.responseSlaCounted());
        assertEquals(3, k.responseSlaBreached());
        assertEquals(0.5, k.responseBreachRate());
        assertEquals(6, k.resolutionSlaCounted());
        assertEquals(2, k.resolutionSlaBreached());
        assertEquals(2.0 / 6, k.resolutionBreachRate(), 1e-12);
        assertEquals(1.0 / 6, k.escalationRate(), 1e-12);
        assertEquals(1.0 / 6, k.reopenRate(), 1e-12);
        assertEquals(2, k.complaints());
        assertEquals(0.1, k.complaintRate(), 1e-12, "2 / (14 inbound contacts + 6 tickets)");
        // T4 is the only open ticket, past both due times at 700 min
        assertEquals(1, q.open());
        assertEquals(1, q.overdueResponse());
        assertEquals(1, q.overdueResolution());
    }

    @Test
    @DisplayName("overdue open tickets are counted at now: at minute 100 only T4 is past its response due time")
    void overdueAtNow() {
        Engine engine = new Engine(SETTINGS);
        List<Event> upTo100 = events().stream().filter(e -> !e.time().isAfter(m(100))).toList();
        engine.apply(upTo100);
        TicketQueueLive q = engine.snapshot(m(100)).tickets().get(0);
        assertEquals(5, q.open(), "T1 to T5 (T6 resolved at 60)");
        assertEquals(1, q.overdueResponse(), "T4: due 90, no response; T2 responded at 100");
        assertEquals(0, q.overdueResolution());
        assertEquals(3, q.today().responseBreached(), "T5 @50, T2 @70 and T4 @90: the event at 100 fired the timers");
    }

    @Test
    @DisplayName("the replaced versions leave no trace: adding every version in order equals adding the newest only")
    void versionsReplaceEachOther() {
        Engine engine = new Engine(SETTINGS);
        engine.apply(events());
        engine.flushAll();
        List<TicketFact> all = engine.drainFinal().stream().filter(f -> f instanceof TicketFact)
                .map(f -> (TicketFact) f).toList();
        Map<String, TicketFact> newest = new LinkedHashMap<>();
        long from = T0.toEpochMilli();
        long to = m(24 * 60).toEpochMilli();
        TicketTally chain = new TicketTally();
        for (TicketFact f : all) {
            chain.add(f, from, to);
            newest.put(f.ticket(), f);
        }
        TicketTally direct = new TicketTally();
        newest.values().forEach(f -> direct.addNewest(f, from, to));
        assertEquals(direct.toString(), chain.toString());
        // and split at 12:00 (minute 180), the halves merge into the whole
        long noon = m(180).toEpochMilli();
        TicketTally a = new TicketTally();
        TicketTally b = new TicketTally();
        newest.values().forEach(f -> {
            a.addNewest(f, from, noon);
            b.addNewest(f, noon, to);
        });
        assertEquals(direct.toString(), a.merge(b).toString());
    }

    @Test
    @DisplayName("no tickets: every rate is null, counts 0; the complaint rate with contacts only is 0")
    void empty() {
        TicketKpis k = TicketKpis.of(new TicketTally(), 0);
        assertNull(k.firstResponseAvgS());
        assertNull(k.resolutionAvgS());
        assertNull(k.responseBreachRate());
        assertNull(k.resolutionBreachRate());
        assertNull(k.escalationRate());
        assertNull(k.reopenRate());
        assertNull(k.complaintRate());
        assertEquals(0.0, TicketKpis.of(new TicketTally(), 5).complaintRate());
        assertThrows(IllegalArgumentException.class, () -> TicketKpis.of(new TicketTally(), -1));
        assertEquals(List.of("created", "responded", "first_response_avg_s", "resolved", "resolution_avg_s",
                "response_sla_counted", "response_sla_breached", "response_breach_rate", "resolution_sla_counted",
                "resolution_sla_breached", "resolution_breach_rate", "escalated", "escalation_rate", "reopened",
                "reopen_rate", "complaints", "inbound_contacts", "complaint_rate"), List.copyOf(k.toMap().keySet()));
    }
}
