package io.ccpulse.domain.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ccpulse.domain.event.Event;
import io.ccpulse.domain.settings.Settings;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * One event of every permitted subclass of the sealed {@link Event}, built by reflection: a new event
 * type without a handler in the machine is counted as {@code unhandled_event_type} and fails here.
 */
@DisplayName("Every event type")
class EveryEventTypeTest {

    static Event sample(Class<?> type, int n) throws ReflectiveOperationException {
        RecordComponent[] comps = type.getRecordComponents();
        Class<?>[] types = new Class<?>[comps.length];
        Object[] args = new Object[comps.length];
        for (int i = 0; i < comps.length; i++) {
            Class<?> t = comps[i].getType();
            types[i] = t;
            if (t == String.class) {
                args[i] = comps[i].getName().equals("id") ? "e-" + n : "x-" + comps[i].getName();
            } else if (t == Instant.class) {
                args[i] = Ev.at(n);
            } else if (t.isEnum()) {
                args[i] = t.getEnumConstants()[0];
            } else if (t == Integer.class || t == int.class) {
                args[i] = 1;
            } else if (t == Boolean.class || t == boolean.class) {
                args[i] = Boolean.TRUE;
            } else if (t == List.class) {
                args[i] = List.of("x-queue");
            } else {
                throw new IllegalStateException("no sample value for " + t + " in " + type);
            }
        }
        Constructor<?> c = type.getDeclaredConstructor(types);
        return (Event) c.newInstance(args);
    }

    @Test
    @DisplayName("one event of every permitted Event subclass is handled: no unhandled type, no exception")
    void everyPermittedSubclassHasAHandler() throws ReflectiveOperationException {
        Class<?>[] permitted = Event.class.getPermittedSubclasses();
        assertTrue(permitted.length >= 23, "all contract v1 types: " + permitted.length);
        List<Event> events = new ArrayList<>();
        int n = 0;
        for (Class<?> type : permitted) {
            events.add(sample(type, ++n));
        }
        Engine engine = new Engine(Settings.DEFAULTS);
        List<io.ccpulse.domain.fact.Fact> facts = new ArrayList<>();
        for (Event e : events) {
            ApplyResult r = engine.apply(List.of(e));
            assertEquals(1, r.applied(), e.type() + " applied");
            assertFalse(r.anomalies().containsKey(Anomaly.UNHANDLED_EVENT_TYPE), e.type() + " has a handler");
        }
        engine.flushAll();
        facts.addAll(engine.drainFinal());
        assertFalse(engine.anomalies().containsKey(Anomaly.UNHANDLED_EVENT_TYPE));
        // and in reverse order, through a replay
        Engine reversed = new Engine(Settings.DEFAULTS);
        for (int i = events.size() - 1; i >= 0; i--) {
            reversed.apply(List.of(events.get(i)));
        }
        reversed.flushAll();
        assertEquals(engine.anomalies(), reversed.anomalies());
        assertEquals(Set.copyOf(facts), Set.copyOf(reversed.drainFinal()));
    }
}
