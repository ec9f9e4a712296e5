package io.ccpulse.domain.kpi;

import static io.ccpulse.domain.event.Direction.INBOUND;
import static io.ccpulse.domain.event.Direction.OUTBOUND;
import static io.ccpulse.domain.kpi.FcrStatus.FIRST_CONTACT_RESOLVED;
import static io.ccpulse.domain.kpi.FcrStatus.NOT_ELIGIBLE;
import static io.ccpulse.domain.kpi.FcrStatus.NOT_RESOLVED;
import static io.ccpulse.domain.kpi.FcrStatus.PENDING;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ccpulse.domain.fact.ContactFact;
import io.ccpulse.domain.settings.FcrScope;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class FcrTest {

    private static final Duration WEEK = Duration.ofDays(7);
    private static final Instant DAY1 = Instant.parse("2026-11-02T00:00:00Z");

    /** Day d (1-based) at hh:mm UTC. */
    private static Instant at(int day, int hh, int mm) {
        return DAY1.plus(Duration.ofDays(day - 1)).plus(Duration.ofHours(hh)).plus(Duration.ofMinutes(mm));
    }

    private static ContactFact answered(String id, String customer, String queue, Instant start, Instant end,
                                        Boolean lastResolved) {
        return Facts.contact(id, customer, INBOUND, queue, start, end, true, lastResolved);
    }

    private static ContactFact unanswered(String id, String customer, String queue, Instant start, Instant end) {
        return Facts.contact(id, customer, INBOUND, queue, start, end, false, null);
    }

    /** A week's window, evaluated on day 12 at 12:00. */
    static List<ContactFact> scenario() {
        List<ContactFact> l = new ArrayList<>();
        // alice: A1 ends day 1 09:10, A2 starts day 3: a repeat. A2's window closes day 10 10:05, no repeat.
        l.add(answered("A1", "alice", "billing", at(1, 9, 0), at(1, 9, 10), null));
        l.add(answered("A2", "alice", "billing", at(3, 10, 0), at(3, 10, 5), true));
        // bob: no repeat, but the last wrap said resolved: false
        l.add(answered("B1", "bob", "billing", at(1, 9, 0), at(1, 9, 10), false));
        // carol: C2 starts exactly at C1's end + 7 days (window edge, included); C2 abandoned
        l.add(answered("C1", "carol", "billing", at(1, 9, 0), at(1, 9, 10), true));
        l.add(unanswered("C2", "carol", "billing", at(8, 9, 10), at(8, 9, 11)));
        // dave: D2 starts 1 ms after D1's window; D2's own window is still open on day 12
        l.add(answered("D1", "dave", "billing", at(1, 9, 50), at(1, 10, 0), null));
        l.add(answered("D2", "dave", "billing", at(8, 10, 0).plusMillis(1), at(8, 10, 5), null));
        // erin: an outbound contact is neither eligible nor a repeat
        l.add(answered("E2", "erin", "billing", at(1, 9, 0), at(1, 9, 10), null));
        l.add(Facts.contact("E3", "erin", OUTBOUND, "billing", at(2, 9, 0), at(2, 9, 5), true, null));
        // frank: F2 in another queue, a repeat for any_queue only
        l.add(answered("F1", "frank", "billing", at(1, 9, 0), at(1, 9, 10), null));
        l.add(answered("F2", "frank", "sales", at(2, 9, 0), at(2, 9, 5), null));
        // no customer: not eligible
        l.add(answered("N1", null, "billing", at(1, 9, 0), at(1, 9, 10), true));
        // gina: two contacts at once; neither started after the other ended, so no repeat
        l.add(answered("G1", "gina", "billing", at(1, 9, 0), at(1, 9, 30), null));
        l.add(answered("G2", "gina", "billing", at(1, 9, 15), at(1, 9, 20), null));
        // hank: H2 blocked the next day (never answered) still counts as a repeat
        l.add(answered("H1", "hank", "billing", at(1, 8, 0), at(1, 9, 0), null));
        l.add(unanswered("H2", "hank", "billing", at(2, 8, 0), at(2, 8, 0)));
        return l;
    }

    private static Map<String, FcrStatus> statuses(Fcr.Result r) {
        Map<String, FcrStatus> m = new LinkedHashMap<>();
        r.outcomes().forEach(o -> m.put(o.contact().contact(), o.status()));
        return m;
    }

    @Test
    @DisplayName("any_queue: every contact of the scenario gets its hand-decided status, in input order")
    void anyQueue() {
        Fcr.Result r = Fcr.evaluate(scenario(), WEEK, FcrScope.ANY_QUEUE, at(12, 12, 0));
        Map<String, FcrStatus> expected = new LinkedHashMap<>();
        expected.put("A1", NOT_RESOLVED);            // A2 two days later
        expected.put("A2", FIRST_CONTACT_RESOLVED);
        expected.put("B1", NOT_RESOLVED);            // resolved: false
        expected.put("C1", NOT_RESOLVED);            // C2 exactly at the window's end
        expected.put("C2", NOT_ELIGIBLE);            // abandoned
        expected.put("D1", FIRST_CONTACT_RESOLVED);  // D2 1 ms too late
        expected.put("D2", PENDING);                 // window closes day 15
        expected.put("E2", FIRST_CONTACT_RESOLVED);  // E3 is outbound
        expected.put("E3", NOT_ELIGIBLE);
        expected.put("F1", NOT_RESOLVED);            // F2 in sales counts in any queue
        expected.put("F2", FIRST_CONTACT_RESOLVED);
        expected.put("N1", NOT_ELIGIBLE);
        expected.put("G1", FIRST_CONTACT_RESOLVED);
        expected.put("G2", FIRST_CONTACT_RESOLVED);
        expected.put("H1", NOT_RESOLVED);            // H2 blocked
        expected.put("H2", NOT_ELIGIBLE);
        assertEquals(expected, statuses(r));
        // resolved A2 D1 E2 F2 G1 G2 = 6; not resolved A1 B1 C1 F1 H1 = 5; pending D2
        assertEquals(new Fcr.Summary(6, 11, 1, 6.0 / 11), r.summary());
    }

    @Test
    @DisplayName("same_queue: a repeat in another entry queue does not count")
    void sameQueue() {
        Fcr.Result r = Fcr.evaluate(scenario(), WEEK, FcrScope.SAME_QUEUE, at(12, 12, 0));
        assertEquals(FIRST_CONTACT_RESOLVED, statuses(r).get("F1"));  // F2 entered sales
        assertEquals(NOT_RESOLVED, statuses(r).get("A1"));            // A2 entered billing
        // resolved 6 + F1 = 7, not resolved 5 - F1 = 4
        assertEquals(new Fcr.Summary(7, 11, 1, 7.0 / 11), r.summary());
    }

    @Test
    @DisplayName("the result does not depend on the order of the input")
    void orderIndependent() {
        List<ContactFact> shuffled = new ArrayList<>(scenario());
        Collections.reverse(shuffled);
        Fcr.Result r = Fcr.evaluate(shuffled, WEEK, FcrScope.ANY_QUEUE, at(12, 12, 0));
        assertEquals(new Fcr.Summary(6, 11, 1, 6.0 / 11), r.summary());
        assertEquals(NOT_RESOLVED, statuses(r).get("A1"));
        assertEquals("H2", r.outcomes().get(0).contact().contact());  // input order kept
    }

    @Test
    @DisplayName("a contact is pending until exactly the end of its window, even when a repeat is already known")
    void pendingEdge() {
        List<ContactFact> l = List.of(
                answered("A1", "alice", "billing", at(1, 9, 0), at(1, 9, 10), null),
                answered("A2", "alice", "billing", at(3, 10, 0), at(3, 10, 5), null),
                answered("B1", "bob", "billing", at(1, 9, 0), at(1, 9, 10), false));
        Instant closes = at(8, 9, 10);   // day 1 09:10 + 7 days
        Map<String, FcrStatus> before = statuses(Fcr.evaluate(l, WEEK, FcrScope.ANY_QUEUE, closes.minusMillis(1)));
        assertEquals(PENDING, before.get("A1"));   // repeat known, but never decided early
        assertEquals(PENDING, before.get("B1"));   // resolved: false known, but never decided early
        Map<String, FcrStatus> atEnd = statuses(Fcr.evaluate(l, WEEK, FcrScope.ANY_QUEUE, closes));
        assertEquals(NOT_RESOLVED, atEnd.get("A1"));
        assertEquals(NOT_RESOLVED, atEnd.get("B1"));
        assertEquals(PENDING, atEnd.get("A2"));
    }

    @Test
    @DisplayName("a repeat starting at the very moment the first contact ended counts")
    void repeatAtEnd() {
        List<ContactFact> l = List.of(
                answered("A1", "alice", "billing", at(1, 9, 0), at(1, 9, 10), true),
                unanswered("A2", "alice", "billing", at(1, 9, 10), at(1, 9, 12)));
        assertEquals(NOT_RESOLVED, statuses(Fcr.evaluate(l, WEEK, FcrScope.ANY_QUEUE, at(20, 0, 0))).get("A1"));
    }

    @Test
    @DisplayName("a contact still in progress is pending and can be a repeat of an earlier one")
    void inProgress() {
        List<ContactFact> l = List.of(
                answered("I0", "ivan", "billing", at(1, 9, 0), at(1, 9, 10), true),
                answered("I1", "ivan", "billing", at(5, 9, 0), null, null));
        Fcr.Result r = Fcr.evaluate(l, WEEK, FcrScope.ANY_QUEUE, at(9, 0, 0));
        assertEquals(NOT_RESOLVED, statuses(r).get("I0"));
        assertEquals(PENDING, statuses(r).get("I1"));
        assertEquals(new Fcr.Summary(0, 1, 1, 0.0), r.summary());
    }

    @Test
    @DisplayName("with nothing closed the rate is null; summaries can be made per first agent")
    void summaries() {
        assertEquals(new Fcr.Summary(0, 0, 0, null), Fcr.evaluate(List.of(), WEEK, FcrScope.ANY_QUEUE, DAY1).summary());
        Fcr.Result r = Fcr.evaluate(scenario(), WEEK, FcrScope.ANY_QUEUE, at(12, 12, 0));
        List<Fcr.Outcome> alice = new ArrayList<>();
        r.outcomes().stream().filter(o -> "alice".equals(o.contact().customer())).forEach(alice::add);
        assertEquals(new Fcr.Summary(1, 2, 0, 0.5), Fcr.summarize(alice));   // A2 of A1, A2
    }
}
