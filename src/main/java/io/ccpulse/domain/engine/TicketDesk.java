package io.ccpulse.domain.engine;

import io.ccpulse.domain.event.Event;
import io.ccpulse.domain.fact.TicketFact;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.TreeSet;

/**
 * The live service-desk tickets and their due-time timers. Tickets live for days, so they are not part
 * of the copied {@link State} (a checkpoint would copy every open ticket): every change is logged with
 * the key of the event being applied, and {@link #rollback(Event)} undoes the changes newer than a
 * checkpoint's key (changes are made in key order, so the log is sorted). Changes at or before the oldest
 * checkpoint can never be undone and are dropped from the log ({@link #forgetUndoUpTo(Event)}), so the
 * log holds the changes of the allowed lateness only.
 *
 * <p>Each ticket is held as its newest {@link TicketFact} (immutable) plus the time of its last event.
 * Open tickets are kept until resolved and then {@link #RESOLVED_RETENTION_MS} longer (to recognise a
 * reopen); an open ticket without any event for {@link #STALE_OPEN_MS} is dropped (counted as
 * {@link Anomaly#STALE_TICKET_EVICTED}).
 */
final class TicketDesk {

    /** A resolved ticket is remembered this long after its last event (event time): 30 days. */
    static final long RESOLVED_RETENTION_MS = 30L * 24 * 3600 * 1000;
    /** An open ticket without any event for this long (event time) is dropped: 90 days. */
    static final long STALE_OPEN_MS = 90L * 24 * 3600 * 1000;

    /** What a ticket timer does when it fires. */
    enum Kind {
        /** The first-response due time passed: breached unless responded (or resolved) before. */
        RESPONSE_DUE,
        /** The resolution due time passed: breached if the ticket is open. */
        RESOLUTION_DUE,
        /** Time to forget the ticket, unless it had events since. */
        FORGET
    }

    /**
     * A ticket timer: fires before the first event strictly after {@code at} (a response exactly at the due
     * time is in time). Immutable; ordered by (at, kind, ticket), so the same timer twice is one.
     */
    record Due(long at, Kind kind, String ticket) implements Comparable<Due> {
        @Override
        public int compareTo(Due o) {
            int c = Long.compare(at, o.at);
            if (c == 0) {
                c = kind.compareTo(o.kind);
            }
            return c != 0 ? c : ticket.compareTo(o.ticket);
        }
    }

    /** A ticket: its newest version and the time of its last event (ms). */
    record Live(TicketFact fact, long lastEventAt) {
    }

    /** One logged change: the ticket before it (ticket != null), or a timer added / removed (timer != null). */
    private record Undo(Event key, String ticket, Live before, Due timer, boolean timerAdded) {
    }

    private final HashMap<String, Live> open = new HashMap<>();
    private final HashMap<String, Live> resolved = new HashMap<>();
    private final TreeSet<Due> timers = new TreeSet<>();
    private final ArrayDeque<Undo> undo = new ArrayDeque<>();

    Live get(String ticket) {
        Live l = open.get(ticket);
        return l != null ? l : resolved.get(ticket);
    }

    /** Sets (or with null removes) a ticket; logged under {@code key}. */
    void put(Event key, String ticket, Live live) {
        undo.addLast(new Undo(key, ticket, get(ticket), null, false));
        set(ticket, live);
    }

    private void set(String ticket, Live live) {
        open.remove(ticket);
        resolved.remove(ticket);
        if (live != null) {
            (live.fact().open() ? open : resolved).put(ticket, live);
        }
    }

    /**
     * Puts a ticket recovered from storage, with its timers, before any event is applied: not logged, so
     * no rollback removes it.
     */
    void restore(Live live, List<Due> dues) {
        set(live.fact().ticket(), live);
        timers.addAll(dues);
    }

    /** Adds a timer (logged under {@code key}); the same timer twice is one. */
    void schedule(Event key, Due d) {
        if (timers.add(d)) {
            undo.addLast(new Undo(key, null, null, d, true));
        }
    }

    /** The earliest timer, or null. */
    Due firstDue() {
        return timers.isEmpty() ? null : timers.first();
    }

    /** Removes the earliest timer (logged under {@code key}) and returns it. */
    Due pollDue(Event key) {
        Due d = timers.pollFirst();
        undo.addLast(new Undo(key, null, null, d, false));
        return d;
    }

    /** Undoes every change logged under a key after {@code key} (null: every change). */
    void rollback(Event key) {
        while (!undo.isEmpty() && (key == null || Keys.compare(undo.peekLast().key(), key) > 0)) {
            Undo u = undo.pollLast();
            if (u.timer() != null) {
                if (u.timerAdded()) {
                    timers.remove(u.timer());
                } else {
                    timers.add(u.timer());
                }
            } else {
                set(u.ticket(), u.before());
            }
        }
    }

    /** Drops the log of changes at or before {@code key}: no rollback can reach them any more. */
    void forgetUndoUpTo(Event key) {
        while (!undo.isEmpty() && Keys.compare(undo.peekFirst().key(), key) <= 0) {
            undo.pollFirst();
        }
    }

    void clearUndo() {
        undo.clear();
    }

    /** The open tickets (unmodifiable view; read on the engine thread only). */
    Collection<Live> openTickets() {
        return Collections.unmodifiableCollection(open.values());
    }

    int openCount() {
        return open.size();
    }

    int resolvedCount() {
        return resolved.size();
    }

    int timerCount() {
        return timers.size();
    }

    int undoSize() {
        return undo.size();
    }
}
