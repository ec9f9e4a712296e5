package io.ccpulse.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ccpulse.domain.event.Channel;
import io.ccpulse.domain.event.EventType;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TrafficModelTest {

    private static final ZoneId UTC = ZoneId.of("UTC");
    /** A Monday. */
    private static final Instant MONDAY = Instant.parse("2026-11-23T00:00:00Z");

    private static List<SimEvent> twoDays;
    private static StreamCheck twoDaysCheck;

    @BeforeAll
    static void simulateTwoDays() {
        twoDays = new TrafficModel(CenterSize.MEDIUM, 7, MONDAY, Duration.ofDays(2), UTC).next(MONDAY.plus(Duration.ofDays(2)));
        twoDaysCheck = new StreamCheck();
        twoDaysCheck.accept(twoDays);
        System.out.println(twoDaysCheck.report());
    }

    private static List<String> json(List<SimEvent> events) {
        return events.stream().map(SimEvent::json).collect(Collectors.toList());
    }

    @Test
    @DisplayName("The same seed and start give the same stream, ids included; another seed gives another one")
    void deterministic() {
        Instant start = MONDAY.plus(Duration.ofHours(8));
        List<SimEvent> a = new TrafficModel(CenterSize.MEDIUM, 42, start, Duration.ofHours(3), UTC).next(start.plus(Duration.ofHours(3)));
        List<SimEvent> b = new TrafficModel(CenterSize.MEDIUM, 42, start, Duration.ofHours(3), UTC).next(start.plus(Duration.ofHours(3)));
        List<SimEvent> c = new TrafficModel(CenterSize.MEDIUM, 43, start, Duration.ofHours(3), UTC).next(start.plus(Duration.ofHours(3)));
        assertTrue(a.size() > 1000, "events: " + a.size());
        assertEquals(json(a), json(b));
        assertNotEquals(json(a), json(c));
        assertTrue(a.get(0).id().startsWith("sim-42-"), a.get(0).id());
    }

    @Test
    @DisplayName("Pulling the stream in small, uneven pieces gives exactly the stream of one big pull")
    void piecesGiveTheSameStream() {
        Instant start = MONDAY.plus(Duration.ofHours(9));
        Instant end = start.plus(Duration.ofHours(2));
        List<SimEvent> whole = new TrafficModel(CenterSize.MEDIUM, 5, start, Duration.ofHours(2), UTC).next(end);
        TrafficModel model = new TrafficModel(CenterSize.MEDIUM, 5, start, Duration.ofHours(2), UTC);
        Random r = new Random(1);
        List<SimEvent> pieces = new ArrayList<>();
        Instant t = start;
        while (t.isBefore(end.plusSeconds(1))) {
            List<SimEvent> got = model.next(t, 1 + r.nextInt(50));
            for (SimEvent e : got) {
                assertFalse(e.time().isAfter(t), "an event after the time asked for");
            }
            pieces.addAll(got);
            if (got.isEmpty() || r.nextInt(3) == 0) {
                t = t.plusMillis(r.nextInt(20_000));
            }
        }
        pieces.addAll(model.next(end));
        assertEquals(json(whole), json(pieces));
        assertTrue(model.next(end.plus(Duration.ofDays(1))).isEmpty(), "nothing after the end");
    }

    @Test
    @DisplayName("Every event of two simulated days passes the service's validator and the consistency checks")
    void everyEventValidAndConsistent() {
        assertEquals(List.of(), twoDaysCheck.problems);
        assertEquals(twoDays.size(), twoDaysCheck.ids.size(), "ids are unique");
    }

    @Test
    @DisplayName("Two days use every event type of the contract and every queue/channel")
    void everyTypeAndLane() {
        Set<EventType> seen = EnumSet.noneOf(EventType.class);
        twoDays.forEach(e -> seen.add(e.type()));
        assertEquals(EnumSet.allOf(EventType.class), seen);
        assertEquals(Set.of("billing/voice", "tech/voice", "sales/voice", "support/chat", "support/email", "vip/messaging"),
                twoDaysCheck.lanes.keySet());
    }

    @Test
    @DisplayName("Events come in non-decreasing time, in the contract's application order (time, type rank, id)")
    void timeOrder() {
        for (int i = 1; i < twoDays.size(); i++) {
            SimEvent p = twoDays.get(i - 1);
            SimEvent e = twoDays.get(i);
            assertTrue(p.timeMs() <= e.timeMs(), () -> p.json() + " then " + e.json());
            if (p.timeMs() == e.timeMs()) {
                assertTrue(p.type().rank() < e.type().rank()
                        || p.type().rank() == e.type().rank() && p.id().compareTo(e.id()) < 0, () -> p.json() + " then " + e.json());
            }
        }
    }

    @Test
    @DisplayName("Every answered contact was queued, dialed or transferred to that agent before, and was not abandoned")
    void answeredOnlyAfterQueuedOrDialed() {
        Set<String> reachable = new HashSet<>();
        Set<String> gone = new HashSet<>();
        Map<String, String> toAgent = new HashMap<>();
        int answered = 0;
        for (SimEvent e : twoDays) {
            JsonObject o = new JsonObject(e.json());
            String c = o.getString("contact");
            switch (e.type()) {
                case CONTACT_QUEUED:
                case CONTACT_DIALED:
                    reachable.add(c);
                    gone.remove(c);
                    break;
                case CONTACT_TRANSFERRED:
                    if (o.getString("to_agent") != null) {
                        toAgent.put(c, o.getString("to_agent"));
                    }
                    break;
                case CONTACT_ABANDONED:
                case CONTACT_BLOCKED:
                    gone.add(c);
                    break;
                case CONTACT_ANSWERED:
                    answered++;
                    assertTrue(reachable.contains(c), () -> "never queued or dialed: " + e.json());
                    assertFalse(gone.contains(c), () -> "answered after it was abandoned: " + e.json());
                    String to = toAgent.remove(c);
                    if (to != null) {
                        assertEquals(to, o.getString("agent"), e.json());
                    }
                    break;
                default:
                    break;
            }
        }
        assertTrue(answered > 3000, "answered " + answered);
    }

    @Test
    @DisplayName("A peak hour of a mid-size center brings the arrivals the configured rates promise (within 5 sigma)")
    void peakHourVolume() {
        Instant from = MONDAY.plus(Duration.ofHours(10));
        Instant to = from.plus(Duration.ofHours(1));
        TrafficModel model = new TrafficModel(CenterSize.MEDIUM, 11, from, Duration.ofHours(1), UTC);
        Map<String, Integer> arrivals = arrivalsByLane(model.next(to));
        double total = 0;
        for (String key : model.lanes()) {
            String[] qc = key.split("/");
            double expected = model.expectedArrivals(qc[0], Channel.valueOf(qc[1].toUpperCase()), from, to);
            int actual = arrivals.getOrDefault(key, 0);
            double sigma = Math.sqrt(expected);
            assertTrue(Math.abs(actual - expected) <= 5 * sigma + 1,
                    key + ": " + actual + " arrivals, expected " + expected + " +- " + 5 * sigma);
            assertTrue(expected > 5, key + " expected only " + expected);
            total += expected;
        }
        // 40 agents, ~26 logged in at 10:00, handle times of 5-10 min: 100 to 300 contacts an hour
        assertTrue(total > 100 && total < 300, "expected arrivals at the peak hour: " + total);
    }

    /** Arrivals: contacts whose first event is contact.queued or contact.blocked. */
    private static Map<String, Integer> arrivalsByLane(List<SimEvent> events) {
        Set<String> seen = new HashSet<>();
        Map<String, Integer> out = new HashMap<>();
        for (SimEvent e : events) {
            if (e.type() != EventType.CONTACT_QUEUED && e.type() != EventType.CONTACT_BLOCKED
                    && e.type() != EventType.CONTACT_DIALED) {
                continue;
            }
            JsonObject o = new JsonObject(e.json());
            if (seen.add(o.getString("contact")) && e.type() != EventType.CONTACT_DIALED) {
                out.merge(o.getString("queue") + "/" + o.getString("channel"), 1, Integer::sum);
            }
        }
        return out;
    }

    @Test
    @DisplayName("A whole day brings the arrivals the daily curve promises, and Sunday is quieter than Monday")
    void dailyVolume() {
        Map<String, Integer> arrivals = arrivalsByLane(twoDays);
        TrafficModel model = new TrafficModel(CenterSize.MEDIUM, 7, MONDAY, Duration.ofDays(2), UTC);
        for (String key : model.lanes()) {
            String[] qc = key.split("/");
            Channel ch = Channel.valueOf(qc[1].toUpperCase());
            double expected = model.expectedArrivals(qc[0], ch, MONDAY, MONDAY.plus(Duration.ofDays(2)));
            int actual = arrivals.getOrDefault(key, 0);
            assertTrue(Math.abs(actual - expected) <= 5 * Math.sqrt(expected) + 1, key + ": " + actual + " vs " + expected);
            Instant sunday = MONDAY.minus(Duration.ofDays(1));
            assertTrue(model.expectedArrivals(qc[0], ch, sunday, MONDAY)
                    < 0.5 * model.expectedArrivals(qc[0], ch, MONDAY, MONDAY.plus(Duration.ofDays(1))), key);
            double night = model.arrivalRatePerHour(qc[0], ch, MONDAY.plus(Duration.ofHours(3)));
            double noon = model.arrivalRatePerHour(qc[0], ch, MONDAY.plus(Duration.ofHours(11)));
            assertTrue(night < 0.3 * noon, key + " night " + night + " noon " + noon);
        }
    }

    @ParameterizedTest
    @EnumSource(CenterSize.class)
    @DisplayName("With the default staffing the abandon rate of a day is between 2 % and 30 %, and most contacts are answered")
    void abandonRate(CenterSize size) {
        StreamCheck check;
        if (size == CenterSize.MEDIUM) {
            check = twoDaysCheck;
        } else {
            Duration d = size == CenterSize.LARGE ? Duration.ofHours(8) : Duration.ofDays(1);
            Instant start = size == CenterSize.LARGE ? MONDAY.plus(Duration.ofHours(7)) : MONDAY;
            check = new StreamCheck();
            check.accept(new TrafficModel(size, 3, start, d, UTC).next(start.plus(d)));
            System.out.println(size + ":\n" + check.report());
            assertEquals(List.of(), check.problems);
        }
        StreamCheck.LaneStats t = check.total();
        double rate = StreamCheck.abandonRate(t);
        assertTrue(rate >= 0.02 && rate <= 0.30, size + " abandon rate " + rate);
        assertTrue(t.answered > 0.7 * t.offered, size + " answered " + t.answered + " of " + t.offered);
        assertTrue(t.shortAbandoned > 0, "short abandons");
        for (Map.Entry<String, StreamCheck.LaneStats> e : check.lanes.entrySet()) {
            double laneRate = StreamCheck.abandonRate(e.getValue());
            assertTrue(laneRate <= 0.40, size + " " + e.getKey() + " abandon rate " + laneRate);
        }
    }

    @Test
    @DisplayName("Customers come back: repeat contacts, transfers, holds, surveys, outbound calls and tickets in plausible shares")
    void shares() {
        StreamCheck c = twoDaysCheck;
        StreamCheck.LaneStats t = c.total();
        int repeat = 0;
        for (int n : c.contactsPerCustomer.values()) {
            repeat += Math.max(0, n - 1);
        }
        double repeatShare = (double) repeat / c.inboundContacts;
        assertTrue(repeatShare > 0.05 && repeatShare < 0.30, "repeat share " + repeatShare);
        double transferRate = (double) t.transfers / t.answered;
        assertTrue(transferRate > 0.02 && transferRate < 0.15, "transfer rate " + transferRate);
        double resolution = (double) t.resolved / t.resolvedFlags;
        assertTrue(resolution > 0.6 && resolution < 0.9, "resolution rate " + resolution);
        assertTrue(t.surveys > 0.05 * t.answered && t.surveys < 0.4 * t.answered, "surveys " + t.surveys);
        assertTrue(c.dialed > 50 && c.dialedConnected > 0.2 * c.dialed, "outbound " + c.dialed + "/" + c.dialedConnected);
        assertTrue(c.ticketsCreated > 50 && c.complaints > 0 && c.escalated > 0 && c.reopened > 0, "tickets");
        assertTrue(c.awayReasons.keySet().containsAll(List.of("break", "lunch", "training", "meeting")), c.awayReasons.toString());
    }

    @Test
    @DisplayName("Started in the middle of a day, agents on shift log in within the first minutes and traffic flows")
    void startMidDay() {
        Instant start = Instant.parse("2026-11-24T14:37:12.345Z");
        TrafficModel model = new TrafficModel(CenterSize.SMALL, 1, start, null, UTC);
        assertEquals(null, model.end());
        List<SimEvent> first = model.next(start.plus(Duration.ofMinutes(2)));
        long logins = first.stream().filter(e -> e.type() == EventType.AGENT_LOGIN).count();
        assertTrue(logins >= 3, "logins " + logins);
        assertTrue(first.get(0).timeMs() >= start.toEpochMilli());
        List<SimEvent> more = model.next(start.plus(Duration.ofMinutes(30)));
        assertTrue(more.stream().anyMatch(e -> e.type() == EventType.CONTACT_ANSWERED), "answers in 30 min");
    }

    @Test
    @DisplayName("A daylight-saving day in Europe/Berlin (25 hours) runs without inconsistencies")
    void daylightSavingDay() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        Instant start = Instant.parse("2026-10-24T22:00:00Z");
        List<SimEvent> day = new TrafficModel(CenterSize.SMALL, 9, start, Duration.ofHours(25), berlin)
                .next(start.plus(Duration.ofHours(25)));
        StreamCheck check = new StreamCheck();
        check.accept(day);
        assertEquals(List.of(), check.problems);
        assertTrue(check.total().offered > 100);
    }
}
