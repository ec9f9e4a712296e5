package io.ccpulse.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SettleHorizonTest {

    static final Duration LATENESS = Duration.ofMinutes(5);
    static final Duration MARGIN = Duration.ofMinutes(15);
    static final Instant T0 = Instant.parse("2026-05-04T10:00:00Z");

    /** A clock the test moves. */
    static final class MovingClock extends Clock {
        Instant now = T0;

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final MovingClock clock = new MovingClock();
    final AtomicReference<SettleHorizon.Live> live = new AtomicReference<>(new SettleHorizon.Live(null, null));
    final SettleHorizon horizon = new SettleHorizon(live::get, clock, LATENESS, MARGIN);

    @Test
    @DisplayName("No event seen: the clock minus lateness and margin")
    void noEvents() {
        assertEquals(T0.minus(LATENESS).minus(MARGIN), horizon.get());
    }

    @Test
    @DisplayName("The watermark when it is behind the clock (a quiet source: events stop, the horizon waits)")
    void watermark() {
        Instant wm = T0.minus(Duration.ofHours(3));
        live.set(new SettleHorizon.Live(wm, null));
        assertEquals(wm.minus(MARGIN), horizon.get());
        // a watermark ahead of the clock (sources' clocks ahead) does not move the horizon past the clock
        live.set(new SettleHorizon.Live(T0.plus(Duration.ofMinutes(30)), null));
        assertEquals(T0.minus(LATENESS).minus(MARGIN), horizon.get());
    }

    @Test
    @DisplayName("A contact waiting for hours holds the horizon at its queue time, and still for lateness plus margin"
            + " after it stopped waiting (its fact may not be stored yet)")
    void waitingContact() {
        Instant queued = T0.minus(Duration.ofHours(5));
        live.set(new SettleHorizon.Live(T0.minus(LATENESS), queued));
        assertEquals(queued.minus(MARGIN), horizon.get());
        // answered: no longer waiting; sampled a minute later, and every minute after
        for (int m = 1; m <= 20; m++) {
            clock.now = T0.plus(Duration.ofMinutes(m));
            live.set(new SettleHorizon.Live(clock.now.minus(LATENESS), null));
            assertEquals(queued.minus(MARGIN), horizon.get(), "minute " + m);
        }
        clock.now = T0.plus(Duration.ofMinutes(21));
        live.set(new SettleHorizon.Live(clock.now.minus(LATENESS), null));
        assertEquals(clock.now.minus(LATENESS).minus(MARGIN), horizon.get(), "the sample has aged out");
    }
}
