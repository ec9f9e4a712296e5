package io.ccpulse.domain.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ccpulse.domain.event.Event;
import io.ccpulse.domain.event.Sender;
import io.ccpulse.domain.fact.AgentStateSpan;
import io.ccpulse.domain.fact.ContactFact;
import io.ccpulse.domain.fact.Fact;
import io.ccpulse.domain.fact.HandleSegment;
import io.ccpulse.domain.fact.QueueVisit;
import io.ccpulse.domain.fact.SurveyFact;
import io.ccpulse.domain.settings.Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every (contact state, contact event) pair, the odd ones included: the anomaly counted ("-" for none),
 * the contact's phase afterwards, and the facts the event produced (agent spans left out; see
 * {@link AgentTransitionTest}). Agents a1 (billing) and a2 (sales) are logged in; contact c1 is brought
 * into the state by the events of {@link #prefix}, then one event is applied.
 *
 * <p>Phases: none (never seen), queued, ringing, connected, held, transferring (talk ended by a
 * transfer, next queue or agent expected), idle (not queued, nobody connected, not ended), acw (ended,
 * an agent still in after-contact work), closed (over: ContactFact written).
 */
@DisplayName("Contact transitions")
class ContactTransitionTest {

    private static final String TABLE = """
            # state       | event          | anomaly                  | phase after  | facts
            none          | queued billing | -                        | queued       |
            none          | queued sales   | -                        | queued       |
            none          | offered a1     | unknown_contact          | none         |
            none          | offered a2     | unknown_contact          | none         |
            none          | missed a1      | unknown_contact          | none         |
            none          | answered a1    | answered_without_queue   | connected    |
            none          | answered a2    | answered_without_queue   | connected    |
            none          | held           | unknown_contact          | none         |
            none          | resumed        | unknown_contact          | none         |
            none          | message        | unknown_contact          | none         |
            none          | transferred a1 | unknown_contact          | none         |
            none          | ended          | unknown_contact          | none         |
            none          | abandoned      | unknown_contact          | none         |
            none          | wrapped a1     | unknown_contact          | none         |
            none          | blocked        | -                        | closed       | visit:BLOCKED contact
            none          | dialed a1      | -                        | connected    |
            none          | survey         | survey_unknown_contact   | none         | survey
            queued        | queued billing | queued_twice             | queued       |
            queued        | queued sales   | -                        | queued       | visit:FLOWED_OUT
            queued        | offered a1     | -                        | ringing      |
            queued        | offered a2     | -                        | ringing      |
            queued        | missed a1      | missed_not_ringing       | queued       |
            queued        | answered a1    | -                        | connected    | visit:ANSWERED
            queued        | answered a2    | -                        | connected    | visit:ANSWERED
            queued        | held           | hold_not_connected       | queued       |
            queued        | resumed        | resume_not_held          | queued       |
            queued        | message        | -                        | queued       |
            queued        | transferred a1 | -                        | transferring | visit:FLOWED_OUT
            queued        | ended          | -                        | closed       | visit:ABANDONED contact
            queued        | abandoned      | -                        | closed       | visit:ABANDONED contact
            queued        | wrapped a1     | wrap_without_segment     | queued       |
            queued        | blocked        | blocked_active_contact   | queued       |
            queued        | dialed a1      | dialed_existing_contact  | queued       |
            queued        | survey         | -                        | queued       | survey
            ringing       | queued billing | queued_twice             | ringing      |
            ringing       | queued sales   | -                        | queued       | visit:FLOWED_OUT
            ringing       | offered a1     | offered_twice            | ringing      |
            ringing       | offered a2     | -                        | ringing      |
            ringing       | missed a1      | -                        | queued       |
            ringing       | answered a1    | -                        | connected    | visit:ANSWERED
            ringing       | answered a2    | -                        | connected    | visit:ANSWERED
            ringing       | held           | hold_not_connected       | ringing      |
            ringing       | resumed        | resume_not_held          | ringing      |
            ringing       | message        | -                        | ringing      |
            ringing       | transferred a1 | -                        | transferring | visit:FLOWED_OUT
            ringing       | ended          | -                        | closed       | visit:ABANDONED contact
            ringing       | abandoned      | -                        | closed       | visit:ABANDONED contact
            ringing       | wrapped a1     | wrap_without_segment     | ringing      |
            ringing       | blocked        | blocked_active_contact   | ringing      |
            ringing       | dialed a1      | dialed_existing_contact  | ringing      |
            ringing       | survey         | -                        | ringing      | survey
            connected     | queued billing | queued_while_connected   | queued       |
            connected     | queued sales   | queued_while_connected   | queued       |
            connected     | offered a1     | offered_not_queued       | connected    |
            connected     | offered a2     | offered_not_queued       | connected    |
            connected     | missed a1      | missed_not_ringing       | connected    |
            connected     | answered a1    | answered_twice           | connected    |
            connected     | answered a2    | answered_while_connected | connected    |
            connected     | held           | -                        | held         |
            connected     | resumed        | resume_not_held          | connected    |
            connected     | message        | -                        | connected    |
            connected     | transferred a1 | -                        | transferring |
            connected     | ended          | -                        | acw          |
            connected     | abandoned      | abandoned_not_queued     | acw          |
            connected     | wrapped a1     | wrap_while_connected     | idle         | segment
            connected     | blocked        | blocked_active_contact   | connected    |
            connected     | dialed a1      | dialed_existing_contact  | connected    |
            connected     | survey         | -                        | connected    | survey
            held          | queued billing | queued_while_connected   | queued       |
            held          | queued sales   | queued_while_connected   | queued       |
            held          | offered a1     | offered_not_queued       | held         |
            held          | offered a2     | offered_not_queued       | held         |
            held          | missed a1      | missed_not_ringing       | held         |
            held          | answered a1    | answered_twice           | held         |
            held          | answered a2    | answered_while_connected | held         |
            held          | held           | held_twice               | held         |
            held          | resumed        | -                        | connected    |
            held          | message        | -                        | held         |
            held          | transferred a1 | -                        | transferring |
            held          | ended          | -                        | acw          |
            held          | abandoned      | abandoned_not_queued     | acw          |
            held          | wrapped a1     | wrap_while_connected     | idle         | segment
            held          | blocked        | blocked_active_contact   | held         |
            held          | dialed a1      | dialed_existing_contact  | held         |
            held          | survey         | -                        | held         | survey
            transferring  | queued billing | -                        | queued       |
            transferring  | queued sales   | -                        | queued       |
            transferring  | offered a1     | -                        | transferring |
            transferring  | offered a2     | -                        | transferring |
            transferring  | missed a1      | missed_not_ringing       | transferring |
            transferring  | answered a1    | -                        | connected    |
            transferring  | answered a2    | -                        | connected    |
            transferring  | held           | hold_not_connected       | transferring |
            transferring  | resumed        | resume_not_held          | transferring |
            transferring  | message        | -                        | transferring |
            transferring  | transferred a1 | transfer_not_connected   | transferring |
            transferring  | ended          | -                        | acw          |
            transferring  | abandoned      | abandoned_not_queued     | acw          |
            transferring  | wrapped a1     | -                        | transferring | segment
            transferring  | blocked        | -                        | acw          | visit:BLOCKED
            transferring  | dialed a1      | dialed_existing_contact  | transferring |
            transferring  | survey         | -                        | transferring | survey
            acw           | queued billing | contact_already_over     | acw          |
            acw           | queued sales   | contact_already_over     | acw          |
            acw           | offered a1     | contact_already_over     | acw          |
            acw           | offered a2     | contact_already_over     | acw          |
            acw           | missed a1      | contact_already_over     | acw          |
            acw           | answered a1    | contact_already_over     | acw          |
            acw           | answered a2    | contact_already_over     | acw          |
            acw           | held           | contact_already_over     | acw          |
            acw           | resumed        | contact_already_over     | acw          |
            acw           | message        | contact_already_over     | acw          |
            acw           | transferred a1 | contact_already_over     | acw          |
            acw           | ended          | ended_twice              | acw          |
            acw           | abandoned      | ended_twice              | acw          |
            acw           | wrapped a1     | -                        | closed       | segment contact
            acw           | blocked        | contact_already_over     | acw          |
            acw           | dialed a1      | dialed_existing_contact  | acw          |
            acw           | survey         | -                        | acw          | survey
            closed        | queued billing | contact_already_over     | closed       |
            closed        | queued sales   | contact_already_over     | closed       |
            closed        | offered a1     | contact_already_over     | closed       |
            closed        | offered a2     | contact_already_over     | closed       |
            closed        | missed a1      | contact_already_over     | closed       |
            closed        | answered a1    | contact_already_over     | closed       |
            closed        | answered a2    | contact_already_over     | closed       |
            closed        | held           | contact_already_over     | closed       |
            closed        | resumed        | contact_already_over     | closed       |
            closed        | message        | contact_already_over     | closed       |
            closed        | transferred a1 | contact_already_over     | closed       |
            closed        | ended          | ended_twice              | closed       |
            closed        | abandoned      | ended_twice              | closed       |
            closed        | wrapped a1     | wrap_after_acw_closed    | closed       |
            closed        | blocked        | contact_already_over     | closed       |
            closed        | dialed a1      | dialed_existing_contact  | closed       |
            closed        | survey         | -                        | closed       | survey
            """;

    static final List<String> STATES =
            List.of("none", "queued", "ringing", "connected", "held", "transferring", "acw", "closed");
    static final List<String> EVENTS = List.of("queued billing", "queued sales", "offered a1", "offered a2",
            "missed a1", "answered a1", "answered a2", "held", "resumed", "message", "transferred a1", "ended",
            "abandoned", "wrapped a1", "blocked", "dialed a1", "survey");

    static Stream<Arguments> rows() {
        List<Arguments> out = new ArrayList<>();
        for (String line : TABLE.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] c = line.split("\\|", -1);
            out.add(Arguments.of(c[0].trim(), c[1].trim(), c[2].trim(), c[3].trim(), c[4].trim()));
        }
        return out.stream();
    }

    /** Events that bring c1 into a state (agents a1 and a2 logged in first). */
    static List<Event> prefix(Ev ev, String state) {
        List<Event> p = new ArrayList<>(List.of(ev.login(0, "a1", "t1", "billing"), ev.login(0, "a2", "t2", "sales")));
        switch (state) {
            case "none" -> {
            }
            case "queued" -> p.add(ev.queued(1, "c1", "billing"));
            case "ringing" -> p.addAll(List.of(ev.queued(1, "c1", "billing"), ev.offered(2, "c1", "a1")));
            case "connected" -> p.addAll(List.of(ev.queued(1, "c1", "billing"), ev.answered(3, "c1", "a1")));
            case "held" -> p.addAll(List.of(ev.queued(1, "c1", "billing"), ev.answered(3, "c1", "a1"),
                    ev.held(4, "c1")));
            case "transferring" -> p.addAll(List.of(ev.queued(1, "c1", "billing"), ev.answered(3, "c1", "a1"),
                    ev.toQueue(5, "c1", "a1", "sales")));
            case "acw" -> p.addAll(List.of(ev.queued(1, "c1", "billing"), ev.answered(3, "c1", "a1"),
                    ev.ended(6, "c1")));
            case "closed" -> p.addAll(List.of(ev.queued(1, "c1", "billing"), ev.answered(3, "c1", "a1"),
                    ev.ended(6, "c1"), ev.wrapped(7, "c1", "a1", true)));
            default -> throw new IllegalArgumentException(state);
        }
        return p;
    }

    static Event event(Ev ev, String name, double t) {
        return switch (name) {
            case "queued billing" -> ev.queued(t, "c1", "billing");
            case "queued sales" -> ev.queued(t, "c1", "sales");
            case "offered a1" -> ev.offered(t, "c1", "a1");
            case "offered a2" -> ev.offered(t, "c1", "a2");
            case "missed a1" -> ev.missed(t, "c1", "a1");
            case "answered a1" -> ev.answered(t, "c1", "a1");
            case "answered a2" -> ev.answered(t, "c1", "a2");
            case "held" -> ev.held(t, "c1");
            case "resumed" -> ev.resumed(t, "c1");
            case "message" -> ev.message(t, "c1", Sender.AGENT);
            case "transferred a1" -> ev.toQueue(t, "c1", "a1", "sales");
            case "ended" -> ev.ended(t, "c1");
            case "abandoned" -> ev.abandoned(t, "c1");
            case "wrapped a1" -> ev.wrapped(t, "c1", "a1", true);
            case "blocked" -> ev.blocked(t, "c1", "billing");
            case "dialed a1" -> ev.dialed(t, "c1", "a1", "billing");
            case "survey" -> ev.survey(t, "c1", 5, null);
            default -> throw new IllegalArgumentException(name);
        };
    }

    static String describe(List<Fact> facts) {
        List<String> out = new ArrayList<>();
        for (Fact f : facts) {
            if (f instanceof QueueVisit v) {
                out.add("visit:" + v.outcome());
            } else if (f instanceof HandleSegment) {
                out.add("segment");
            } else if (f instanceof ContactFact) {
                out.add("contact");
            } else if (f instanceof SurveyFact) {
                out.add("survey");
            } else if (!(f instanceof AgentStateSpan)) {
                out.add(f.getClass().getSimpleName());
            }
        }
        return String.join(" ", out);
    }

    @ParameterizedTest(name = "{0} + {1} -> {2}, {3} [{4}]")
    @MethodSource("rows")
    @DisplayName("a contact event in a contact state gives the anomaly, phase and facts of the table")
    void transition(String state, String eventName, String anomaly, String phase, String facts) {
        Ev ev = new Ev();
        Engine engine = new Engine(Settings.DEFAULTS);
        engine.apply(prefix(ev, state));
        engine.flushAll();
        engine.drainFinal();
        assertEquals(state, engine.contactPhase("c1"), "the prefix reaches the state");
        Map<String, Long> before = engine.anomalies();

        ApplyResult r = engine.apply(List.of(event(ev, eventName, 100)));
        engine.flushAll();

        assertEquals(anomaly.equals("-") ? Map.of() : Map.of(anomaly, 1L), r.anomalies(), "anomaly");
        Map<String, Long> after = new java.util.TreeMap<>(engine.anomalies());
        before.forEach((k, v) -> after.merge(k, -v, Long::sum));
        after.values().removeIf(v -> v == 0);
        assertEquals(r.anomalies(), after, "counted once in anomalies()");
        assertEquals(phase, engine.contactPhase("c1"), "phase after");
        assertEquals(facts, describe(engine.drainFinal()), "facts");
    }

    @org.junit.jupiter.api.Test
    @DisplayName("the table has a row for every contact state and contact event")
    void tableIsComplete() {
        List<String> pairs = rows().map(a -> a.get()[0] + " + " + a.get()[1]).toList();
        for (String s : STATES) {
            for (String e : EVENTS) {
                assertEquals(1, pairs.stream().filter(p -> p.equals(s + " + " + e)).count(), s + " + " + e);
            }
        }
        assertEquals(STATES.size() * EVENTS.size(), pairs.size());
    }
}
