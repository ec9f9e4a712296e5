package io.ccpulse.app;

import io.ccpulse.domain.engine.LiveSnapshot;
import io.ccpulse.domain.engine.QueueLive;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Supplier;

/**
 * The FCR settle horizon (docs/HISTORY.md "FCR: settled once the window has closed"): a time such that
 * every contact that started (first contact.queued) at or before it has its first queue visit or its
 * contact row stored. A contact's first fact is final once it has left its first queue and the
 * watermark has passed; until then it is waiting, or has just left and is held for the lateness, or
 * sits in the fact writer's queue. So the horizon is the earliest of
 * <ul>
 *   <li>the watermark (newest event time minus the allowed lateness; an event older than it is
 *       late and never applied), or the clock minus the lateness when no event has been seen, capped
 *       by the clock;</li>
 *   <li>the queue time of the longest-waiting contact of every snapshot sampled in the last lateness
 *       plus margin (a contact that stopped waiting a moment ago is still covered until its fact is
 *       stored);</li>
 * </ul>
 * minus the margin (fact writer lag, sampling every run). Sampled on each call: call it at least
 * once per minute (the settle schedule) with a margin of several minutes.
 */
final class SettleHorizon implements Supplier<Instant> {

    /** What the horizon needs of the live state: the watermark and the oldest waiting contact's queue time. */
    record Live(Instant watermark, Instant oldestWaiting) {
        /** From a published snapshot (null before the first publish: nothing known). */
        static Live of(LiveSnapshot s) {
            if (s == null) {
                return new Live(null, null);
            }
            Instant oldest = null;
            for (QueueLive q : s.queues()) {
                if (q.oldestWaitingSince() != null && (oldest == null || q.oldestWaitingSince().isBefore(oldest))) {
                    oldest = q.oldestWaitingSince();
                }
            }
            return new Live(s.watermark(), oldest);
        }
    }

    private record Sample(Instant at, Instant oldestWaiting) { }

    private final Supplier<Live> live;
    private final Clock clock;
    private final Duration lateness;
    private final Duration margin;
    private final Deque<Sample> samples = new ArrayDeque<>();

    SettleHorizon(Supplier<Live> live, Clock clock, Duration lateness, Duration margin) {
        this.live = live;
        this.clock = clock;
        this.lateness = lateness;
        this.margin = margin;
    }

    @Override
    public synchronized Instant get() {
        Instant now = clock.instant();
        Live s = live.get();
        Instant h = now.minus(lateness);
        if (s.watermark() != null && s.watermark().isBefore(h)) {
            h = s.watermark();
        }
        samples.addLast(new Sample(now, s.oldestWaiting()));
        Instant keepFrom = now.minus(lateness).minus(margin);
        while (samples.peekFirst().at().isBefore(keepFrom)) {
            samples.removeFirst();
        }
        for (Sample x : samples) {
            if (x.oldestWaiting() != null && x.oldestWaiting().isBefore(h)) {
                h = x.oldestWaiting();
            }
        }
        return h.minus(margin);
    }
}
