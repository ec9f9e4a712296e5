package io.ccpulse.domain.engine;

/**
 * Cumulative ticket counters of one queue since the engine started (Prometheus counters); final
 * ticket versions only, so they never decrease and do not depend on the arrival order.
 *
 * @param created            tickets created
 * @param firstResponses     first responses
 * @param resolutions        ticket.resolved events applied (a reopened ticket counts each resolution)
 * @param reopens            ticket.reopened events applied
 * @param escalations        ticket.escalated events applied
 * @param responseBreaches   tickets whose response SLA was breached
 * @param resolutionBreaches tickets whose resolution SLA was breached
 */
public record TicketTotals(String queue, long created, long firstResponses, long resolutions, long reopens,
                           long escalations, long responseBreaches, long resolutionBreaches) {
}
