package io.ccpulse.domain.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ccpulse.domain.event.Event;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Event keys")
class KeysTest {

    @Test
    @DisplayName("the engine's hand-written key order is the contract's Event.ORDER (time, type rank, id)")
    void sameAsEventOrder() {
        List<Event> events = new EventGenerator(3, true).generate(10, 300, 3600);
        Random r = new Random(3);
        for (int i = 0; i < 20_000; i++) {
            Event a = events.get(r.nextInt(events.size()));
            Event b = r.nextInt(10) == 0 ? a : events.get(r.nextInt(events.size()));
            assertEquals(Integer.signum(Event.ORDER.compare(a, b)), Integer.signum(Keys.compare(a, b)), a + " vs " + b);
        }
    }
}
