package io.ccpulse.domain.kpi;

import io.ccpulse.domain.event.Direction;
import io.ccpulse.domain.fact.ContactFact;
import io.ccpulse.domain.settings.FcrScope;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * First-contact resolution, the reference implementation of METRICS.md "FCR" (used by tests and
 * the live API; reports compute the same in SQL).
 *
 * <p>An answered inbound contact with a {@code customer} is <em>eligible</em>. It is first-contact
 * resolved when
 * <ol>
 *   <li>the same customer starts no other inbound contact, whatever that contact's outcome
 *       (answered, abandoned, blocked), within the window after the first one ended: its start
 *       ({@link ContactFact#startedAt()}, the first contact.queued) lies in
 *       {@code [endedAt, endedAt + window]}, both ends included; with {@link FcrScope#SAME_QUEUE}
 *       only a contact with the same entry queue counts; and</li>
 *   <li>its last wrap did not say {@code resolved: false} (a last wrap without a flag, or no wrap,
 *       is not a "no").</li>
 * </ol>
 * Decisions at the edges:
 * <ul>
 *   <li>A contact of the same customer that started <em>before</em> the first one ended (two
 *       contacts at once, e.g. a chat during a call) is not a repeat of it.</li>
 *   <li>Outbound contacts are neither eligible nor repeats.</li>
 *   <li>While {@code asOf < endedAt + window} the contact is {@link FcrStatus#PENDING}, even if a
 *       repeat or a resolved: false is already known, so that the rate's denominator is exactly
 *       "contacts whose window has closed" and a rate never changes once reported. At
 *       {@code asOf == endedAt + window} the window is closed.</li>
 *   <li>A contact with a null {@code endedAt} (still in progress, if the caller passes one) can
 *       be a repeat by its start, and is itself PENDING when inbound with a customer, else
 *       NOT_ELIGIBLE.</li>
 *   <li>The caller must pass every contact started up to {@code asOf} that it knows of;
 *       contacts are matched by the {@code customer} string exactly.</li>
 * </ul>
 * FCR belongs to the agent and queue of the first contact ({@link ContactFact#firstAgent()},
 * {@link ContactFact#entryQueue()}): group the {@link Outcome}s and {@link #summarize} each group.
 */
public final class Fcr {

    private Fcr() {
    }

    /** A contact with its status. */
    public record Outcome(ContactFact contact, FcrStatus status) {
    }

    /**
     * @param resolved first-contact resolved
     * @param closed   eligible contacts whose window has closed (resolved + not resolved)
     * @param pending  eligible contacts still inside their window
     * @param rate     resolved / closed, null when nothing has closed
     */
    public record Summary(long resolved, long closed, long pending, Double rate) {
    }

    /** Per-contact outcomes, in the order of the input, and their summary. */
    public record Result(List<Outcome> outcomes, Summary summary) {
        public Result {
            outcomes = List.copyOf(outcomes);
        }
    }

    /**
     * Evaluates every contact of the list.
     *
     * @param contacts the contacts (all customers, any order)
     * @param window   {@code fcr_window}
     * @param scope    {@code fcr_scope}
     * @param asOf     the time of evaluation; decides which windows have closed
     */
    public static Result evaluate(List<ContactFact> contacts, Duration window, FcrScope scope, Instant asOf) {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(asOf, "asOf");
        if (window.isNegative()) {
            throw new IllegalArgumentException("window must not be negative, was " + window);
        }
        // Inbound contacts with a customer, per customer, sorted by start: the candidate repeats.
        Map<String, List<ContactFact>> byCustomer = new HashMap<>();
        for (ContactFact c : contacts) {
            if (isInboundWithCustomer(c)) {
                byCustomer.computeIfAbsent(c.customer(), k -> new ArrayList<>()).add(c);
            }
        }
        byCustomer.values().forEach(l -> l.sort(Comparator.comparing(ContactFact::startedAt)));

        List<Outcome> outcomes = new ArrayList<>(contacts.size());
        for (ContactFact c : contacts) {
            outcomes.add(new Outcome(c, status(c, byCustomer, window, scope, asOf)));
        }
        return new Result(outcomes, summarize(outcomes));
    }

    private static FcrStatus status(ContactFact c, Map<String, List<ContactFact>> byCustomer, Duration window,
                                    FcrScope scope, Instant asOf) {
        if (!isInboundWithCustomer(c)) {
            return FcrStatus.NOT_ELIGIBLE;
        }
        if (c.endedAt() == null) {
            return FcrStatus.PENDING;
        }
        if (!c.answered()) {
            return FcrStatus.NOT_ELIGIBLE;
        }
        Instant windowEnd = c.endedAt().plus(window);
        if (asOf.isBefore(windowEnd)) {
            return FcrStatus.PENDING;
        }
        if (Boolean.FALSE.equals(c.lastResolved())) {
            return FcrStatus.NOT_RESOLVED;
        }
        List<ContactFact> same = byCustomer.get(c.customer());
        for (int i = firstStartingAtOrAfter(same, c.endedAt()); i < same.size(); i++) {
            ContactFact other = same.get(i);
            if (other.startedAt().isAfter(windowEnd)) {
                break;
            }
            if (other == c || other.contact().equals(c.contact())) {
                continue;
            }
            if (scope == FcrScope.ANY_QUEUE || Objects.equals(other.entryQueue(), c.entryQueue())) {
                return FcrStatus.NOT_RESOLVED;
            }
        }
        return FcrStatus.FIRST_CONTACT_RESOLVED;
    }

    private static boolean isInboundWithCustomer(ContactFact c) {
        return c.direction() != Direction.OUTBOUND && c.customer() != null;
    }

    /** Index of the first contact (sorted by start) that starts at or after {@code t}. */
    private static int firstStartingAtOrAfter(List<ContactFact> sorted, Instant t) {
        int lo = 0;
        int hi = sorted.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted.get(mid).startedAt().isBefore(t)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Counts outcomes (e.g. one agent's or one queue's) into a summary. */
    public static Summary summarize(Collection<Outcome> outcomes) {
        long resolved = 0;
        long notResolved = 0;
        long pending = 0;
        for (Outcome o : outcomes) {
            switch (o.status()) {
                case FIRST_CONTACT_RESOLVED:
                    resolved++;
                    break;
                case NOT_RESOLVED:
                    notResolved++;
                    break;
                case PENDING:
                    pending++;
                    break;
                default:
                    break;
            }
        }
        long closed = resolved + notResolved;
        return new Summary(resolved, closed, pending, Ratios.ratio(resolved, closed));
    }
}
