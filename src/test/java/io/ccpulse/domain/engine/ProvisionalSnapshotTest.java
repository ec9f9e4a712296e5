package io.ccpulse.domain.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ccpulse.domain.event.Event;
import io.ccpulse.domain.settings.Settings;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Snapshots add the pending facts through provisional books kept up to date as facts are emitted (rebuilt
 * after a rollback). Each snapshot must be exactly the one computed from the final books and the pending facts
 * from scratch.
 */
@DisplayName("Snapshots from the provisional books")
class ProvisionalSnapshotTest {

    @ParameterizedTest(name = "seed {0}, disorder {1} ms")
    @CsvSource({"3, 300000", "17, 300000", "5, 3000", "23, 3000"})
    @DisplayName("a snapshot after every batch (shuffled within the lateness or within seconds, with replays) equals "
            + "one rebuilt from scratch")
    void sameAsRebuilt(long seed, long disorderMs) {
        Random r = new Random(seed);
        List<Event> events = new EventGenerator(seed, true).generate(14, 500, 6 * 3600);
        List<List<Event>> batches = EventGenerator.batches(EventGenerator.shuffled(events, disorderMs, r), 30, r);
        Engine engine = new Engine(Settings.DEFAULTS);
        Engine reference = new Engine(Settings.DEFAULTS); // same input, every snapshot rebuilt from scratch
        long newest = EventGenerator.T0.toEpochMilli();
        int compared = 0;
        for (List<Event> b : batches) {
            engine.apply(b);
            engine.drainFinal();
            reference.apply(b);
            reference.drainFinal();
            for (Event e : b) {
                newest = Math.max(newest, e.time().toEpochMilli());
            }
            // "now" a little after the newest event, sometimes minutes later (the last-15-minute window moves)
            Instant now = Instant.ofEpochMilli(newest + r.nextInt(r.nextInt(10) == 0 ? 900_000 : 30_000));
            String incremental = Render.of(engine.snapshot(now), Set.of());
            String rebuilt = Render.of(reference.snapshotRebuilt(now), Set.of());
            assertEquals(rebuilt, incremental, "after batch " + compared);
            compared++;
        }
        assertTrue(engine.replays() > 10, "replays: " + engine.replays());
        if (disorderMs <= 3000) {
            // rollbacks of a few seconds stay after the stable key: the books are kept, not rebuilt after each one
            assertTrue(engine.deepRollbacks * 5 < engine.replays(),
                    engine.deepRollbacks + " rollbacks before the stable key of " + engine.replays());
        }
        engine.flushAll();
        reference.flushAll();
        Instant end = Instant.ofEpochMilli(newest + 60_000);
        assertEquals(Render.of(reference.snapshotRebuilt(end), Set.of()), Render.of(engine.snapshot(end), Set.of()));
    }
}
