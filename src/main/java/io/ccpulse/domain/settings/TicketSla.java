package io.ccpulse.domain.settings;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A queue's ticket SLA policy (METRICS.md "Service desk"): how long after {@code ticket.created} the
 * first response and the resolution are due, by priority, with a fallback for priorities not listed
 * (and tickets without a priority). Due times carried by the {@code ticket.created} event
 * ({@code first_response_due}, {@code resolution_due}) override the policy, each on its own.
 *
 * <p>Priorities are matched after trimming and lower-casing ({@code "P1"} and {@code "p1"} are the
 * same). A null duration means "no due time": the ticket is left out of that SLA's breach rate.
 *
 * <p>With {@code hours} (optional, per queue) the policy's durations count business hours only
 * ({@link BusinessHours#add}); without, they run around the clock.
 *
 * @param fallback   for priorities not in {@code byPriority}
 * @param byPriority per priority (keys normalized)
 * @param hours      business hours the policy's durations count in; null = around the clock
 */
public record TicketSla(Due fallback, Map<String, Due> byPriority, BusinessHours hours) {

    /**
     * Time allowed after creation; null = no due time.
     *
     * @param firstResponse until the first response is due
     * @param resolution    until the resolution is due
     */
    public record Due(Duration firstResponse, Duration resolution) {
        public Due {
            if (firstResponse != null && (firstResponse.isNegative() || firstResponse.isZero())) {
                throw new IllegalArgumentException("first response time must be positive, was " + firstResponse);
            }
            if (resolution != null && (resolution.isNegative() || resolution.isZero())) {
                throw new IllegalArgumentException("resolution time must be positive, was " + resolution);
            }
        }
    }

    /** Built in: first response within 4 hours, resolution within 3 days, whatever the priority. */
    public static final TicketSla DEFAULT = new TicketSla(new Due(Duration.ofHours(4), Duration.ofDays(3)), Map.of());

    /** Around the clock. */
    public TicketSla(Due fallback, Map<String, Due> byPriority) {
        this(fallback, byPriority, null);
    }

    /** The same policy counting in these business hours (null: around the clock). */
    public TicketSla withHours(BusinessHours h) {
        return new TicketSla(fallback, byPriority, h);
    }

    public TicketSla {
        java.util.Objects.requireNonNull(fallback, "fallback");
        TreeMap<String, Due> m = new TreeMap<>();
        byPriority.forEach((k, v) -> m.put(normalize(k), v));
        byPriority = java.util.Collections.unmodifiableMap(m);
    }

    /** The policy for a priority (null priority: the fallback). */
    public Due forPriority(String priority) {
        if (priority == null) {
            return fallback;
        }
        Due d = byPriority.get(normalize(priority));
        return d != null ? d : fallback;
    }

    /** The first-response due time of a ticket: the event's, else created + policy (in business hours if any), else null. */
    public Instant firstResponseDue(String priority, Instant created, Instant fromEvent) {
        if (fromEvent != null) {
            return fromEvent;
        }
        Duration d = forPriority(priority).firstResponse();
        return d == null ? null : after(created, d);
    }

    /** The resolution due time of a ticket: the event's, else created + policy, else null. */
    public Instant resolutionDue(String priority, Instant created, Instant fromEvent) {
        if (fromEvent != null) {
            return fromEvent;
        }
        Duration d = forPriority(priority).resolution();
        return d == null ? null : after(created, d);
    }

    private Instant after(Instant created, Duration d) {
        return hours == null ? created.plus(d) : hours.add(created, d);
    }

    /** Trimmed, lower case. */
    public static String normalize(String priority) {
        return priority.trim().toLowerCase(Locale.ROOT);
    }
}
