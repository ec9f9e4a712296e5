package io.ccpulse.live;

import io.ccpulse.domain.fact.Fact;
import io.ccpulse.domain.settings.QueueSettings;
import io.ccpulse.domain.settings.Settings;
import io.ccpulse.store.EventReplay;
import io.ccpulse.store.FactWriter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Restart recovery (docs/HISTORY.md "Restart recovery"): at start, before any new event is taken,
 * the live state is rebuilt by replaying the stored raw events through the engine, so that the live
 * view, later facts and reports are those of a service that never stopped.
 *
 * <ol>
 *   <li>E = the newest stored event the engine applied; W = the start of the local day before E's
 *       day, minus the allowed lateness. Everything of "today" and "yesterday" (the engine's day
 *       books) is final at or after W.</li>
 *   <li>The replay starts at R, early enough that every agent session open at W and every contact
 *       with an event in the day before W (still live, in ACW, waiting for its stale sweep, or
 *       remembered for its survey) is replayed from its first event: R = the earliest such start, not
 *       before W minus {@value #LOOKBACK_DAYS} days.</li>
 *   <li>Events are replayed oldest first, without those the engine had judged late (table
 *       late_events), so the engine makes the same decisions as before.</li>
 *   <li>The replayed final facts placed at or after W that are not stored yet (those that were queued
 *       or not final when the service stopped) are written; facts before W are the old process's and
 *       are left alone, as are stored facts (written once, ON CONFLICT DO NOTHING).</li>
 *   <li>Check: every stored fact placed at or after W must have been produced again, with the same
 *       key and time. A fact that was not is counted ({@code ccpulse.recovery.facts.unmatched}) and
 *       logged: it means the replay did not start early enough to rebuild some state.</li>
 *   <li>The counters then count from zero (see {@link TotalsBaseline}).</li>
 * </ol>
 */
public final class Recovery {

    private static final System.Logger LOG = System.getLogger("ccpulse.recovery");

    static final int LOOKBACK_DAYS = 3;
    private static final int BATCH = 5_000;
    private static final int WRITE_BATCH = 20_000;

    /** What a recovery did. */
    public record Result(Instant newestEvent, Instant replayFrom, Instant writeFrom, long events, long unreadable,
                         long finalFacts, long factsWritten, long unmatched, long millis) { }

    private final EventReplay store;
    private final Settings settings;
    private final Counter unmatchedCounter;

    public Recovery(EventReplay store, Settings settings, MeterRegistry registry) {
        this.store = store;
        this.settings = settings;
        this.unmatchedCounter = Counter.builder("ccpulse.recovery.facts.unmatched")
                .description("Stored facts that restart recovery did not produce again (replay started too late)")
                .register(registry);
    }

    /** How long a contact may matter after its last event: stale eviction (24 h + hourly sweep) or ACW cap. */
    Duration contactMargin() {
        long capS = settings.defaults().acwCapS();
        for (QueueSettings q : settings.queues().values()) {
            capS = Math.max(capS, q.acwCapS());
        }
        Duration stale = Duration.ofHours(26);
        Duration cap = Duration.ofSeconds(capS).plusHours(1);
        return (stale.compareTo(cap) >= 0 ? stale : cap).plus(settings.allowedLateness());
    }

    /** Replays into {@code live} (not started yet) and writes the missing facts with {@code writer}. */
    public Result run(LiveEngine live, FactWriter writer) throws SQLException {
        long start = System.nanoTime();
        Instant newest = store.newestEventTime();
        if (newest == null) {
            live.endReplay();
            return new Result(null, null, null, 0, 0, 0, 0, 0, (System.nanoTime() - start) / 1_000_000);
        }
        LocalDate day = newest.atZone(settings.zone()).toLocalDate().minusDays(1);
        Instant writeFrom = day.atStartOfDay(settings.zone()).toInstant().minus(settings.allowedLateness());
        Instant from = store.replayStart(writeFrom, contactMargin(), Duration.ofDays(LOOKBACK_DAYS));
        // tickets live longer than any replay: those unchanged since the replay start are put back as stored,
        // those changed since are rebuilt from their own earlier events first (their facts are older than
        // writeFrom: already stored)
        live.restoreTickets(store.ticketsToRestore(from));
        List<io.ccpulse.domain.event.Event> ticketEvents = store.ticketEventsBefore(from);
        if (!ticketEvents.isEmpty()) {
            live.replay(ticketEvents);
        }
        Set<String> stored = store.storedFactKeys(writeFrom);
        Set<String> produced = new HashSet<>();
        List<Fact> toWrite = new ArrayList<>();
        long[] counts = new long[2];
        SQLException[] failed = new SQLException[1];
        EventReplay.Read read = store.replay(from, BATCH, batch -> {
            if (failed[0] != null) {
                return;
            }
            for (Fact f : live.replay(batch)) {
                counts[0]++;
                if (f.time().isBefore(writeFrom)) {
                    continue;
                }
                String key = EventReplay.factKey(f);
                produced.add(key);
                if (!stored.contains(key)) {
                    toWrite.add(f);
                }
            }
            if (toWrite.size() >= WRITE_BATCH) {
                try {
                    writer.write(toWrite);
                    counts[1] += toWrite.size();
                    toWrite.clear();
                } catch (SQLException e) {
                    failed[0] = e;
                }
            }
        });
        if (failed[0] != null) {
            throw failed[0];
        }
        if (!toWrite.isEmpty()) {
            writer.write(toWrite);
            counts[1] += toWrite.size();
        }
        long unmatched = 0;
        List<String> examples = new ArrayList<>();
        for (String k : stored) {
            if (!produced.contains(k)) {
                unmatched++;
                if (examples.size() < 5) {
                    examples.add(k);
                }
            }
        }
        unmatchedCounter.increment(unmatched);
        live.endReplay();
        Result r = new Result(newest, from, writeFrom, read.events(), read.unreadable(), counts[0], counts[1],
                unmatched, (System.nanoTime() - start) / 1_000_000);
        LOG.log(System.Logger.Level.INFO, "restart recovery: " + r);
        if (unmatched > 0) {
            LOG.log(System.Logger.Level.WARNING, "restart recovery: " + unmatched + " stored facts were not produced"
                    + " again by the replay (e.g. " + examples + "); the replay may have started too late");
        }
        return r;
    }
}
