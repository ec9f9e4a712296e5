package io.ccpulse.domain.engine;

import io.ccpulse.domain.event.Channel;
import io.ccpulse.domain.fact.AgentState;
import io.ccpulse.domain.kpi.QueueKpis;
import io.ccpulse.domain.kpi.QueueTally;
import io.ccpulse.domain.settings.QueueSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * One queue and channel, live.
 *
 * @param waiting            contacts waiting now
 * @param oldestWaitingSince when the longest-waiting contact was queued (null when none waits)
 * @param agents             logged-in agents with this queue among their login queues, by state (all five states)
 * @param today              facts of the local day (Settings.zone) of {@code now}: visits by the time they
 *                           left the queue, segments by ACW end, first responses by contact end; includes
 *                           facts a late event may still change
 * @param last15m            the same over the 15 one-minute buckets of event time ending with the minute of {@code now}
 * @param settings           the queue's settings in force
 */
public record QueueLive(String queue, Channel channel, int waiting, Instant oldestWaitingSince,
                        Map<AgentState, Integer> agents, QueueTally today, QueueTally last15m,
                        QueueSettings settings) {

    public QueueLive {
        agents = LiveSnapshot.states(agents);
    }

    /** The KPI object of today (DESIGN.md "KPI object (queue)"). */
    public QueueKpis todayKpis() {
        return QueueKpis.of(today, settings, channel);
    }

    /** The KPI object of the last 15 minutes. */
    public QueueKpis last15mKpis() {
        return QueueKpis.of(last15m, settings, channel);
    }

    /** Age of the oldest waiting contact at {@code now}, in seconds (0 when none waits). */
    public double oldestWaitSeconds(Instant now) {
        return oldestWaitingSince == null ? 0 : Math.max(0, Duration.between(oldestWaitingSince, now).toMillis()) / 1000.0;
    }
}
