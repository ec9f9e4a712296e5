package io.ccpulse.tickets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ccpulse.domain.engine.Engine;
import io.ccpulse.domain.engine.LiveSnapshot;
import io.ccpulse.domain.engine.TicketQueueLive;
import io.ccpulse.domain.event.Event;
import io.ccpulse.domain.event.TicketCreated;
import io.ccpulse.domain.event.TicketEscalated;
import io.ccpulse.domain.event.TicketReopened;
import io.ccpulse.domain.event.TicketResolved;
import io.ccpulse.domain.event.TicketResponded;
import io.ccpulse.domain.fact.Fact;
import io.ccpulse.domain.fact.TicketFact;
import io.ccpulse.domain.kpi.TicketKpis;
import io.ccpulse.domain.kpi.TicketTally;
import io.ccpulse.domain.settings.QueueSettings;
import io.ccpulse.domain.settings.Settings;
import io.ccpulse.domain.settings.TicketSla;
import io.ccpulse.ingest.EventParser;
import io.ccpulse.sim.CenterSize;
import io.ccpulse.sim.SimEvent;
import io.ccpulse.sim.TrafficModel;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Every ticket KPI of METRICS.md over four simulated days (the traffic model's tickets: assigned,
 * responded, escalated, resolved, reopened days later, urgent ones with due times of their own, others
 * from a per-priority policy), computed twice: by the engine (facts, live snapshot) and by a plain
 * reference written from the definitions over the raw ticket events, per day and per queue.
 */
@DisplayName("Ticket KPIs against an independent reference over simulated tickets")
class TicketReferenceTest {

    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    private static final Instant START = Instant.parse("2026-03-01T23:00:00Z"); // Monday 00:00 in Berlin
    private static final Duration SPAN = Duration.ofDays(4);
    private static final TicketSla POLICY = new TicketSla(new TicketSla.Due(Duration.ofHours(6), Duration.ofDays(2)),
            Map.of("high", new TicketSla.Due(Duration.ofHours(1), Duration.ofHours(8)),
                    "low", new TicketSla.Due(Duration.ofHours(12), null)));

    static Settings settings() {
        QueueSettings d = QueueSettings.DEFAULTS;
        QueueSettings support = new QueueSettings(d.slThresholdS(), d.slTarget(), d.abandonMode(), d.shortAbandonS(),
                d.acwCapS(), d.fcrWindow(), d.fcrScope(), d.csatPositiveMin(), d.frtTargetS(), POLICY);
        return new Settings(Duration.ofMinutes(5), ZONE, d, Map.of("support", support), 0);
    }

    static List<Event> simulated() {
        List<SimEvent> sim = new TrafficModel(CenterSize.MEDIUM, 5, START, SPAN, ZONE).next(START.plus(SPAN));
        EventParser parser = new EventParser(Long.MAX_VALUE / 4);
        List<Event> out = new ArrayList<>(sim.size());
        int i = 0;
        for (SimEvent e : sim) {
            EventParser.Result r = parser.parse(new JsonObject(e.json()), i++, e.timeMs());
            out.add(r.event().event());
        }
        return out;
    }

    // ------------------------------------------------------------------ the reference

    /** One ticket as the raw events tell it. */
    static final class Ref {
        String queue;
        String category;
        long created;
        Long responseDue;
        Long resolutionDue;
        Long firstResponse;
        final List<Long> resolutions = new ArrayList<>();
        final List<Long> reopens = new ArrayList<>();
        boolean escalated;

        boolean resolvedNow() {
            return resolutions.size() > reopens.size();
        }

        Long lastResolution() {
            return resolvedNow() ? resolutions.get(resolutions.size() - 1) : null;
        }

        /** First response or, without one, the first resolution. */
        Long firstAnswer() {
            Long r = resolutions.isEmpty() ? null : resolutions.get(0);
            if (firstResponse == null) {
                return r;
            }
            return r == null ? firstResponse : Math.min(firstResponse, r);
        }

        /** [met?, decision time] or null: met when answered at or before the due time, breached at the due time. */
        long[] responseSla(long lastEvent) {
            if (responseDue == null) {
                return null;
            }
            Long a = firstAnswer();
            if (a != null && a <= responseDue) {
                return new long[] {1, a};
            }
            return lastEvent > responseDue ? new long[] {0, Math.max(responseDue, created)} : null;
        }

        /** Breached at the first moment after the due time at which the ticket is open; met when resolved in time. */
        long[] resolutionSla(long lastEvent) {
            if (resolutionDue == null) {
                return null;
            }
            // open intervals [created, res0), [reopen0, res1), ...
            for (int i = 0; i <= reopens.size(); i++) {
                long a = i == 0 ? created : reopens.get(i - 1);
                long b = i < resolutions.size() ? resolutions.get(i) : Long.MAX_VALUE;
                if (b > resolutionDue) {
                    if (a > resolutionDue) {
                        return new long[] {0, a};
                    }
                    return lastEvent > resolutionDue ? new long[] {0, Math.max(resolutionDue, created)} : null;
                }
            }
            return new long[] {1, lastResolution()};
        }
    }

    static Map<String, Ref> reference(List<Event> events, Settings s) {
        Map<String, Ref> refs = new LinkedHashMap<>();
        for (Event e : events) {
            if (e instanceof TicketCreated c) {
                Ref r = new Ref();
                r.queue = c.queue();
                r.category = c.category();
                r.created = c.time().toEpochMilli();
                TicketSla.Due d = s.queue(c.queue()).ticketSla().forPriority(c.priority());
                r.responseDue = c.firstResponseDue() != null ? (Long) c.firstResponseDue().toEpochMilli()
                        : d.firstResponse() == null ? null : r.created + d.firstResponse().toMillis();
                r.resolutionDue = c.resolutionDue() != null ? (Long) c.resolutionDue().toEpochMilli()
                        : d.resolution() == null ? null : r.created + d.resolution().toMillis();
                refs.put(c.ticket(), r);
            } else if (e instanceof TicketResponded x) {
                Ref r = refs.get(x.ticket());
                if (r.firstResponse == null) {
                    r.firstResponse = x.time().toEpochMilli();
                }
            } else if (e instanceof TicketEscalated x) {
                refs.get(x.ticket()).escalated = true;
            } else if (e instanceof TicketResolved x) {
                refs.get(x.ticket()).resolutions.add(x.time().toEpochMilli());
            } else if (e instanceof TicketReopened x) {
                refs.get(x.ticket()).reopens.add(x.time().toEpochMilli());
            }
        }
        return refs;
    }

    /** Reference counts of one queue and day: the same order as {@link #counts(TicketTally)}. */
    static long[] referenceDay(Map<String, Ref> refs, String queue, long from, long to, long lastEvent) {
        long[] c = new long[12];
        for (Ref r : refs.values()) {
            if (!r.queue.equals(queue)) {
                continue;
            }
            if (r.created >= from && r.created < to) {
                c[0]++;
                c[1] += "complaint".equalsIgnoreCase(r.category) ? 1 : 0;
                c[2] += r.escalated ? 1 : 0;
                c[3] += r.reopens.isEmpty() ? 0 : 1;
            }
            if (r.firstResponse != null && r.firstResponse >= from && r.firstResponse < to) {
                c[4]++;
                c[5] += r.firstResponse - r.created;
            }
            Long last = r.lastResolution();
            if (last != null && last >= from && last < to) {
                c[6]++;
                c[7] += last - r.created;
            }
            long[] resp = r.responseSla(lastEvent);
            if (resp != null && resp[1] >= from && resp[1] < to) {
                c[resp[0] == 1 ? 8 : 9]++;
            }
            long[] res = r.resolutionSla(lastEvent);
            if (res != null && res[1] >= from && res[1] < to) {
                c[res[0] == 1 ? 10 : 11]++;
            }
        }
        return c;
    }

    static long[] counts(TicketTally t) {
        return new long[] {t.created(), t.complaints(), t.escalated(), t.reopened(), t.responded(),
            t.firstResponseMs(), t.resolved(), t.resolutionMs(), t.responseMet(), t.responseBreached(),
            t.resolutionMet(), t.resolutionBreached()};
    }

    // ------------------------------------------------------------------ the test

    @Test
    @DisplayName("per day: created, complaints, escalated, reopened, first response and resolution times, SLA met and breached; live: open and overdue")
    void engineEqualsReference() {
        List<Event> events = simulated();
        Settings s = settings();
        Engine engine = new Engine(s);
        List<Fact> facts = new ArrayList<>();
        for (int i = 0; i < events.size(); i += 500) {
            engine.apply(events.subList(i, Math.min(events.size(), i + 500)));
            facts.addAll(engine.drainFinal());
        }
        long lastEvent = events.get(events.size() - 1).time().toEpochMilli();
        Instant now = Instant.ofEpochMilli(lastEvent).plus(Duration.ofMinutes(30));
        LiveSnapshot live = engine.snapshot(now);
        engine.flushAll();
        facts.addAll(engine.drainFinal());
        for (String kind : engine.anomalies().keySet()) {
            assertTrue(!kind.contains("ticket"), "no odd ticket events in the simulation: " + engine.anomalies());
        }

        Map<String, Ref> refs = reference(events, s);
        Map<String, TicketFact> newest = new HashMap<>();
        for (Fact f : facts) {
            if (f instanceof TicketFact t) {
                newest.merge(t.ticket(), t, (a, b) -> b.version() > a.version() ? b : a);
            }
        }
        assertEquals(refs.keySet(), newest.keySet());
        assertTrue(refs.size() > 100, "enough tickets: " + refs.size());
        assertTrue(refs.values().stream().anyMatch(r -> !r.reopens.isEmpty()), "some tickets reopened");
        assertTrue(refs.values().stream().anyMatch(r -> r.responseDue != null && r.firstAnswer() != null
                && r.firstAnswer() > r.responseDue), "some responses late");
        assertTrue(refs.values().stream().anyMatch(r -> !r.resolvedNow() && r.resolutionDue != null
                && r.resolutionDue < lastEvent), "some tickets still open past their resolution due time");

        TreeMap<String, Integer> checkedDays = new TreeMap<>();
        for (LocalDate d = LocalDate.of(2026, 3, 2); !d.isAfter(LocalDate.of(2026, 3, 6)); d = d.plusDays(1)) {
            long from = d.atStartOfDay(ZONE).toInstant().toEpochMilli();
            long to = d.plusDays(1).atStartOfDay(ZONE).toInstant().toEpochMilli();
            for (String queue : List.of("support", "billing", "tech")) {
                TicketTally t = new TicketTally();
                for (TicketFact f : newest.values()) {
                    if (f.queue().equals(queue)) {
                        t.addNewest(f, from, to);
                    }
                }
                long[] expected = referenceDay(refs, queue, from, to, lastEvent);
                assertEquals(java.util.Arrays.toString(expected), java.util.Arrays.toString(counts(t)), queue + " " + d);
                checkedDays.merge(queue, (int) expected[0], Integer::sum);
            }
        }
        assertTrue(checkedDays.get("support") > 50, "tickets per queue: " + checkedDays);

        // live: the snapshot's today equals the reference of the last day; open and overdue at now
        LocalDate today = now.atZone(ZONE).toLocalDate();
        long from = today.atStartOfDay(ZONE).toInstant().toEpochMilli();
        long to = today.plusDays(1).atStartOfDay(ZONE).toInstant().toEpochMilli();
        for (TicketQueueLive q : live.tickets()) {
            assertEquals(java.util.Arrays.toString(referenceDay(refs, q.queue(), from, to, lastEvent)),
                    java.util.Arrays.toString(counts(q.today())), "live today " + q.queue());
            int open = 0;
            int overdueResponse = 0;
            int overdueResolution = 0;
            for (Ref r : refs.values()) {
                if (!r.queue.equals(q.queue()) || r.resolvedNow()) {
                    continue;
                }
                open++;
                long[] resp = r.responseSla(lastEvent);
                if (r.firstResponse == null && (resp == null || resp[0] == 0) && r.responseDue != null
                        && r.responseDue < now.toEpochMilli()) {
                    overdueResponse++;
                }
                if (r.resolutionDue != null && r.resolutionDue < now.toEpochMilli()) {
                    overdueResolution++;
                }
            }
            assertEquals(open, q.open(), "open " + q.queue());
            assertEquals(overdueResponse, q.overdueResponse(), "overdue response " + q.queue());
            assertEquals(overdueResolution, q.overdueResolution(), "overdue resolution " + q.queue());
            TicketKpis k = q.todayKpis();
            if (k.created() == 0) {
                assertNull(k.escalationRate());
            }
        }
        assertTrue(live.tickets().stream().mapToInt(TicketQueueLive::open).sum() > 0, "open tickets at the end");
    }
}
