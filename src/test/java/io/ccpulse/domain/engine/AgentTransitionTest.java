package io.ccpulse.domain.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ccpulse.domain.event.Event;
import io.ccpulse.domain.fact.AgentStateSpan;
import io.ccpulse.domain.fact.Fact;
import io.ccpulse.domain.settings.Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every (agent state, agent-related event) pair, the odd ones included: the anomaly counted ("-" for
 * none), the agent's state afterwards ("none" when the engine does not know the agent), and the states
 * of the spans the event closed. Agent a1 is brought into the state by {@link #prefix}; contact c9 waits
 * in queue billing, so that it can be offered or answered; c1 is the agent's own contact in the ringing,
 * on_contact and acw states.
 */
@DisplayName("Agent transitions")
class AgentTransitionTest {

    private static final String TABLE = """
            # state     | event       | anomaly                | state after | spans closed
            none        | login       | -                      | available   |
            none        | available   | implicit_login         | available   |
            none        | away        | implicit_login         | away        |
            none        | logout      | logout_without_login   | none        |
            none        | offered c9  | implicit_login         | ringing     |
            none        | answered c9 | implicit_login         | on_contact  |
            none        | dialed c8   | implicit_login         | on_contact  |
            none        | missed c1   | unknown_contact        | none        |
            available   | login       | login_while_logged_in  | available   |
            available   | available   | -                      | available   |
            available   | away        | -                      | away        | available
            available   | logout      | -                      | offline     | available
            available   | offered c9  | -                      | ringing     | available
            available   | answered c9 | -                      | on_contact  | available
            available   | dialed c8   | -                      | on_contact  | available
            available   | missed c1   | unknown_contact        | available   |
            away        | login       | login_while_logged_in  | available   | away
            away        | available   | -                      | available   | away
            away        | away        | -                      | away        |
            away        | logout      | -                      | offline     | away
            away        | offered c9  | -                      | ringing     | away
            away        | answered c9 | -                      | on_contact  | away
            away        | dialed c8   | -                      | on_contact  | away
            away        | missed c1   | unknown_contact        | away        |
            ringing     | login       | login_while_logged_in  | ringing     |
            ringing     | available   | -                      | ringing     |
            ringing     | away        | -                      | ringing     |
            ringing     | logout      | -                      | offline     | ringing
            ringing     | offered c9  | -                      | ringing     |
            ringing     | answered c9 | -                      | on_contact  | ringing
            ringing     | dialed c8   | -                      | on_contact  | ringing
            ringing     | missed c1   | -                      | available   | ringing
            on_contact  | login       | login_while_logged_in  | on_contact  |
            on_contact  | available   | -                      | on_contact  |
            on_contact  | away        | -                      | on_contact  |
            on_contact  | logout      | -                      | offline     | on_contact
            on_contact  | offered c9  | -                      | on_contact  |
            on_contact  | answered c9 | -                      | on_contact  |
            on_contact  | dialed c8   | -                      | on_contact  |
            on_contact  | missed c1   | missed_not_ringing     | on_contact  |
            acw         | login       | login_while_logged_in  | available   | acw
            acw         | available   | -                      | available   | acw
            acw         | away        | -                      | away        | acw
            acw         | logout      | -                      | offline     | acw
            acw         | offered c9  | -                      | ringing     | acw
            acw         | answered c9 | -                      | on_contact  | acw
            acw         | dialed c8   | -                      | on_contact  | acw
            acw         | missed c1   | contact_already_over   | acw         |
            offline     | login       | -                      | available   |
            offline     | available   | implicit_login         | available   |
            offline     | away        | implicit_login         | away        |
            offline     | logout      | logout_without_login   | offline     |
            offline     | offered c9  | implicit_login         | ringing     |
            offline     | answered c9 | implicit_login         | on_contact  |
            offline     | dialed c8   | implicit_login         | on_contact  |
            offline     | missed c1   | unknown_contact        | offline     |
            """;

    static final List<String> STATES =
            List.of("none", "available", "away", "ringing", "on_contact", "acw", "offline");
    static final List<String> EVENTS =
            List.of("login", "available", "away", "logout", "offered c9", "answered c9", "dialed c8", "missed c1");

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

    static List<Event> prefix(Ev ev, String state) {
        List<Event> p = new ArrayList<>(List.of(ev.queued(0, "c9", "billing")));
        switch (state) {
            case "none" -> {
            }
            case "available" -> p.add(ev.login(1, "a1", "t1", "billing"));
            case "away" -> p.addAll(List.of(ev.login(1, "a1", "t1", "billing"), ev.away(2, "a1", "lunch")));
            case "ringing" -> p.addAll(List.of(ev.login(1, "a1", "t1", "billing"), ev.queued(2, "c1", "billing"),
                    ev.offered(3, "c1", "a1")));
            case "on_contact" -> p.addAll(List.of(ev.login(1, "a1", "t1", "billing"),
                    ev.queued(2, "c1", "billing"), ev.answered(3, "c1", "a1")));
            case "acw" -> p.addAll(List.of(ev.login(1, "a1", "t1", "billing"), ev.queued(2, "c1", "billing"),
                    ev.answered(3, "c1", "a1"), ev.ended(4, "c1")));
            case "offline" -> p.addAll(List.of(ev.login(1, "a1", "t1", "billing"), ev.logout(2, "a1")));
            default -> throw new IllegalArgumentException(state);
        }
        return p;
    }

    static Event event(Ev ev, String name, double t) {
        return switch (name) {
            case "login" -> ev.login(t, "a1", "t1", "billing");
            case "available" -> ev.available(t, "a1");
            case "away" -> ev.away(t, "a1", "lunch");
            case "logout" -> ev.logout(t, "a1");
            case "offered c9" -> ev.offered(t, "c9", "a1");
            case "answered c9" -> ev.answered(t, "c9", "a1");
            case "dialed c8" -> ev.dialed(t, "c8", "a1", "billing");
            case "missed c1" -> ev.missed(t, "c1", "a1");
            default -> throw new IllegalArgumentException(name);
        };
    }

    static String state(Engine engine, String agent) {
        return engine.snapshot(Ev.at(200)).agents().stream().filter(a -> a.agent().equals(agent))
                .map(a -> a.state().name().toLowerCase(Locale.ROOT)).findFirst().orElse("none");
    }

    @ParameterizedTest(name = "{0} + {1} -> {2}, {3} [{4}]")
    @MethodSource("rows")
    @DisplayName("an agent event in an agent state gives the anomaly, state and closed spans of the table")
    void transition(String state, String eventName, String anomaly, String after, String spans) {
        Ev ev = new Ev();
        Engine engine = new Engine(Settings.DEFAULTS);
        engine.apply(prefix(ev, state));
        engine.flushAll();
        engine.drainFinal();
        assertEquals(state, state(engine, "a1"), "the prefix reaches the state");

        ApplyResult r = engine.apply(List.of(event(ev, eventName, 100)));
        engine.flushAll();

        assertEquals(anomaly.equals("-") ? Map.of() : Map.of(anomaly, 1L), r.anomalies(), "anomaly");
        assertEquals(after, state(engine, "a1"), "state after");
        List<String> closed = new ArrayList<>();
        for (Fact f : engine.drainFinal()) {
            if (f instanceof AgentStateSpan s && s.agent().equals("a1")) {
                closed.add(s.state().name().toLowerCase(Locale.ROOT));
                assertEquals(Ev.at(100), s.end(), "the span closes at the event");
            }
        }
        assertEquals(spans, String.join(" ", closed), "spans closed");
    }

    @Test
    @DisplayName("the table has a row for every agent state and event")
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
