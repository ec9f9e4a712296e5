package io.ccpulse.tickets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ccpulse.domain.engine.Engine;
import io.ccpulse.domain.event.Direction;
import io.ccpulse.domain.event.Event;
import io.ccpulse.domain.fact.ContactFact;
import io.ccpulse.domain.fact.Fact;
import io.ccpulse.domain.kpi.TicketTally;
import io.ccpulse.domain.settings.Settings;
import io.ccpulse.store.TicketReportStore;
import io.ccpulse.support.RunningService;
import io.ccpulse.support.TestDb;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The ticket report store over four simulated days stored in TimescaleDB (the engine's final facts
 * written by the fact writer, versions and all) against the plain reference of {@link TicketReferenceTest}
 * computed from the raw events: per queue and day, per queue and agent, and the open tickets at the end.
 */
@Tag("integration")
@DisplayName("Ticket reports against the reference")
class TicketReportIT {

    @Test
    @DisplayName("per day and queue, per agent, inbound contacts and open/overdue tickets equal the reference")
    void reportsEqualReference() throws Exception {
        List<Event> events = TicketReferenceTest.simulated();
        Settings s = TicketReferenceTest.settings();
        Engine engine = new Engine(s);
        List<Fact> facts = new ArrayList<>();
        for (int i = 0; i < events.size(); i += 2000) {
            engine.apply(events.subList(i, Math.min(events.size(), i + 2000)));
            facts.addAll(engine.drainFinal());
        }
        engine.flushAll();
        facts.addAll(engine.drainFinal());
        long lastEvent = events.get(events.size() - 1).time().toEpochMilli();
        Map<String, TicketReferenceTest.Ref> refs = TicketReferenceTest.reference(events, s);

        List<LocalDate> days = new ArrayList<>();
        List<Instant> starts = new ArrayList<>();
        for (LocalDate d = LocalDate.of(2026, 3, 2); !d.isAfter(LocalDate.of(2026, 3, 6)); d = d.plusDays(1)) {
            days.add(d);
            starts.add(d.atStartOfDay(s.zone()).toInstant());
        }
        Instant from = starts.get(0);
        Instant to = days.get(days.size() - 1).plusDays(1).atStartOfDay(s.zone()).toInstant();

        try (TestDb db = TestDb.create(); RunningService svc = RunningService.start(db);
             io.ccpulse.store.Db pool = new io.ccpulse.store.Db(new io.ccpulse.config.Config.Database(db.url(),
                     TestDb.USER, TestDb.PASSWORD, 2))) {
            // written in several transactions, the newest version last or first: the newest must win
            List<Fact> shuffled = new ArrayList<>(facts);
            java.util.Collections.shuffle(shuffled, new java.util.Random(8));
            for (int i = 0; i < shuffled.size(); i += 5000) {
                svc.service.factWriter().write(shuffled.subList(i, Math.min(shuffled.size(), i + 5000)));
            }
            svc.service.factWriter().write(facts.subList(0, Math.min(facts.size(), 3000)));   // again: idempotent
            assertEquals(refs.size(), db.count("SELECT count(*) FROM tickets"));

            TicketReportStore store = new TicketReportStore(pool.dataSource());
            Map<String, Map<Integer, TicketTally>> byQueue = store.tallies(TicketReportStore.By.QUEUE, starts, from, to,
                    null, null);
            int checked = 0;
            for (String queue : List.of("support", "billing", "tech")) {
                for (int i = 0; i < days.size(); i++) {
                    long a = starts.get(i).toEpochMilli();
                    long b = i + 1 < days.size() ? starts.get(i + 1).toEpochMilli() : to.toEpochMilli();
                    long[] expected = TicketReferenceTest.referenceDay(refs, queue, a, b, lastEvent);
                    TicketTally t = byQueue.getOrDefault(queue, Map.of()).getOrDefault(i + 1, new TicketTally());
                    assertEquals(Arrays.toString(expected), Arrays.toString(TicketReferenceTest.counts(t)),
                            queue + " " + days.get(i));
                    checked += (int) expected[0];
                }
            }
            assertTrue(checked > 100, "tickets checked: " + checked);

            // per agent (the ticket's agent), all queues, whole range: created counts add up to the tickets with an agent
            Map<String, Map<Integer, TicketTally>> byAgent = store.tallies(TicketReportStore.By.AGENT, List.of(from),
                    from, to, null, null);
            long agentCreated = byAgent.values().stream().mapToLong(m -> m.get(1) == null ? 0 : m.get(1).created()).sum();
            long withAgent = facts.stream().filter(f -> f instanceof io.ccpulse.domain.fact.TicketFact)
                    .map(f -> (io.ccpulse.domain.fact.TicketFact) f)
                    .collect(java.util.stream.Collectors.toMap(io.ccpulse.domain.fact.TicketFact::ticket, f -> f,
                            (x, y) -> y.version() > x.version() ? y : x))
                    .values().stream().filter(f -> f.agent() != null && !f.createdAt().isBefore(from)
                            && f.createdAt().isBefore(to)).count();
            assertEquals(withAgent, agentCreated);

            // inbound contacts per queue and day equal the inbound ContactFacts
            Map<String, Map<Integer, Long>> inbound = store.inboundContacts(starts, from, to, null);
            for (String queue : inbound.keySet()) {
                for (int i = 0; i < days.size(); i++) {
                    long a = starts.get(i).toEpochMilli();
                    long b = i + 1 < days.size() ? starts.get(i + 1).toEpochMilli() : to.toEpochMilli();
                    long expected = facts.stream().filter(f -> f instanceof ContactFact c
                            && c.direction() == Direction.INBOUND && queue.equals(c.entryQueue())
                            && c.endedAt().toEpochMilli() >= a && c.endedAt().toEpochMilli() < b).count();
                    assertEquals(expected, inbound.get(queue).getOrDefault(i + 1, 0L), queue + " " + days.get(i));
                }
            }

            // response speed per agent and day equals the engine's own per-agent tallies of the facts
            Map<String, Map<Integer, io.ccpulse.domain.kpi.ResponseTally>> responses = store.agentResponses(starts,
                    from, to, null);
            int agentsChecked = 0;
            for (String agent : responses.keySet()) {
                for (int i = 0; i < days.size(); i++) {
                    long a = starts.get(i).toEpochMilli();
                    long b = i + 1 < days.size() ? starts.get(i + 1).toEpochMilli() : to.toEpochMilli();
                    io.ccpulse.domain.kpi.ResponseTally expected = new io.ccpulse.domain.kpi.ResponseTally();
                    for (Fact f : facts) {
                        if (f instanceof io.ccpulse.domain.fact.QueueVisit v && agent.equals(v.agent())
                                && v.leftAt().toEpochMilli() >= a && v.leftAt().toEpochMilli() < b) {
                            expected.addVisit(v);
                        } else if (f instanceof ContactFact c && agent.equals(c.firstAgent())
                                && c.endedAt().toEpochMilli() >= a && c.endedAt().toEpochMilli() < b) {
                            expected.addContact(c);
                        }
                    }
                    io.ccpulse.domain.kpi.ResponseTally actual = responses.get(agent).getOrDefault(i + 1,
                            new io.ccpulse.domain.kpi.ResponseTally());
                    assertEquals(expected.toString(), actual.toString(), agent + " " + days.get(i));
                    agentsChecked++;
                }
            }
            assertTrue(agentsChecked > 20, "agent-days checked: " + agentsChecked);

            // open and overdue at the end
            Instant now = Instant.ofEpochMilli(lastEvent).plusSeconds(1800);
            Map<String, TicketReportStore.Open> open = store.openAt(now, null);
            for (String queue : open.keySet()) {
                long o = 0;
                long oResp = 0;
                long oRes = 0;
                for (TicketReferenceTest.Ref r : refs.values()) {
                    if (!r.queue.equals(queue) || r.resolvedNow()) {
                        continue;
                    }
                    o++;
                    long[] resp = r.responseSla(lastEvent);
                    if (r.firstResponse == null && (resp == null || resp[0] == 0) && r.responseDue != null
                            && r.responseDue < now.toEpochMilli()) {
                        oResp++;
                    }
                    if (r.resolutionDue != null && r.resolutionDue < now.toEpochMilli()) {
                        oRes++;
                    }
                }
                assertEquals(new TicketReportStore.Open(o, oResp, oRes), open.get(queue), queue);
            }
        }
    }
}
