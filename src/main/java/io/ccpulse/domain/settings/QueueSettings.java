package io.ccpulse.domain.settings;

import io.ccpulse.domain.event.Channel;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * The per-queue KPI settings of METRICS.md with their defaults. Immutable.
 *
 * @param slThresholdS    service-level threshold T per channel, seconds (voice 20, chat 30, email 86400, messaging 3600)
 * @param slTarget        service-level target, 0..1 (0.80)
 * @param abandonMode     service-level variant (ignore)
 * @param shortAbandonS   abandons with wait below this are "short" (5)
 * @param acwCapS         after-contact work is cut this long after the end (600)
 * @param fcrWindow       repeat-contact window for FCR (7 days)
 * @param fcrScope        repeat contacts in any queue or the same queue (any_queue)
 * @param csatPositiveMin a survey with csat at or above this is positive (4)
 * @param frtTargetS      first-response-time target for chat/email/messaging, seconds (30)
 * @param ticketSla       ticket SLA policy by priority ({@link TicketSla#DEFAULT}: response 4 h, resolution 3 d)
 */
public record QueueSettings(
        Map<Channel, Integer> slThresholdS,
        double slTarget,
        AbandonMode abandonMode,
        int shortAbandonS,
        int acwCapS,
        Duration fcrWindow,
        FcrScope fcrScope,
        int csatPositiveMin,
        int frtTargetS,
        TicketSla ticketSla) {

    public static final QueueSettings DEFAULTS = new QueueSettings(
            defaultThresholds(), 0.80, AbandonMode.IGNORE, 5, 600, Duration.ofDays(7), FcrScope.ANY_QUEUE, 4, 30,
            TicketSla.DEFAULT);

    public QueueSettings {
        EnumMap<Channel, Integer> copy = new EnumMap<>(Channel.class);
        copy.putAll(defaultThresholds());
        copy.putAll(slThresholdS);
        slThresholdS = Map.copyOf(copy);
        if (ticketSla == null) {
            ticketSla = TicketSla.DEFAULT;
        }
    }

    /** Settings with the built-in ticket SLA policy. */
    public QueueSettings(Map<Channel, Integer> slThresholdS, double slTarget, AbandonMode abandonMode,
                         int shortAbandonS, int acwCapS, Duration fcrWindow, FcrScope fcrScope, int csatPositiveMin,
                         int frtTargetS) {
        this(slThresholdS, slTarget, abandonMode, shortAbandonS, acwCapS, fcrWindow, fcrScope, csatPositiveMin,
                frtTargetS, TicketSla.DEFAULT);
    }

    /** The SL threshold in seconds for a channel. */
    public int slThresholdS(Channel channel) {
        return slThresholdS.get(channel);
    }

    private static Map<Channel, Integer> defaultThresholds() {
        EnumMap<Channel, Integer> m = new EnumMap<>(Channel.class);
        m.put(Channel.VOICE, 20);
        m.put(Channel.CHAT, 30);
        m.put(Channel.EMAIL, 86_400);
        m.put(Channel.MESSAGING, 3_600);
        return m;
    }
}
