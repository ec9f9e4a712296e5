package io.ccpulse.domain.settings;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;

/**
 * Everything the domain needs from configuration.
 *
 * @param allowedLateness how far behind the newest event time an event may arrive and still be applied in order (5 min)
 * @param zone            time zone of days and intervals in reports
 * @param defaults        queue settings for queues not listed
 * @param queues          per-queue overrides, keyed by queue name
 * @param hourlyCost      configured hourly cost of an agent, for cost per contact (0 = not configured)
 */
public record Settings(Duration allowedLateness, ZoneId zone, QueueSettings defaults, Map<String, QueueSettings> queues,
                       double hourlyCost) {

    public static final Settings DEFAULTS =
            new Settings(Duration.ofMinutes(5), ZoneId.of("UTC"), QueueSettings.DEFAULTS, Map.of(), 0);

    public Settings {
        queues = Map.copyOf(queues);
    }

    /** Settings in force for a queue. */
    public QueueSettings queue(String queue) {
        return queue == null ? defaults : queues.getOrDefault(queue, defaults);
    }
}
