package io.ccpulse.domain.engine;

import io.ccpulse.domain.kpi.TicketKpis;
import io.ccpulse.domain.kpi.TicketTally;
import io.ccpulse.domain.settings.QueueSettings;
import java.time.Instant;

/**
 * The tickets of one queue, live.
 *
 * @param open               open tickets now (created or reopened, not resolved)
 * @param overdueResponse    open tickets without a first response whose response due time is before {@code now}
 * @param overdueResolution  open tickets whose resolution due time is before {@code now}
 * @param oldestOpenSince    creation time of the oldest open ticket (null when none is open)
 * @param today              ticket tally of the local day of {@code now} (see {@link TicketTally} for where a
 *                           ticket counts); includes versions a late event may still change
 * @param inboundContactsToday inbound contacts of the queue (all channels) that ended today, for the complaint rate
 * @param settings           the queue's settings (its ticket SLA policy)
 */
public record TicketQueueLive(String queue, int open, int overdueResponse, int overdueResolution,
                              Instant oldestOpenSince, TicketTally today, long inboundContactsToday,
                              QueueSettings settings) {

    /** Today's ticket KPIs. */
    public TicketKpis todayKpis() {
        return TicketKpis.of(today, inboundContactsToday);
    }
}
