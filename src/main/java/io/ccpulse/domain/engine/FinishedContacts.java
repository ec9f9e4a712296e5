package io.ccpulse.domain.engine;

import io.ccpulse.domain.event.Channel;
import io.ccpulse.domain.event.Event;
import java.util.ArrayDeque;
import java.util.HashMap;

/**
 * Bounded memory of contacts that are over, for survey attribution and to recognise events that come
 * after the end. Not part of the copied {@link State}: every entry carries the key of the event that
 * finished the contact, so a rollback pops the entries newer than the checkpoint (entries are added in
 * key order). Lookups only see entries finished at most {@link #RETENTION_MS} before the event being
 * applied, which keeps the result independent of when entries are physically evicted.
 */
final class FinishedContacts {

    /** How long a finished contact is remembered, in event time: 24 h. */
    static final long RETENTION_MS = 24L * 3600 * 1000;

    record Entry(String contact, Event key, long finishedAt, String agent, String team, String queue,
                 Channel channel) {
    }

    private final ArrayDeque<Entry> order = new ArrayDeque<>();
    private final HashMap<String, Entry> byId = new HashMap<>();

    void add(Entry e) {
        order.addLast(e);
        byId.put(e.contact(), e);
    }

    /** The entry of a contact finished within the retention before {@code nowMs}, or null. */
    Entry get(String contact, long nowMs) {
        Entry e = byId.get(contact);
        return e != null && e.finishedAt() >= nowMs - RETENTION_MS ? e : null;
    }

    /** Forgets the entries added by events after {@code key} (null: all). */
    void rollback(Event key) {
        while (!order.isEmpty() && (key == null || Keys.compare(order.peekLast().key(), key) > 0)) {
            Entry e = order.pollLast();
            byId.remove(e.contact(), e);
        }
    }

    /** Physically drops entries finished before {@code ms}: no event that can still be applied can see them. */
    void evictBefore(long ms) {
        while (!order.isEmpty() && order.peekFirst().finishedAt() < ms) {
            Entry e = order.pollFirst();
            byId.remove(e.contact(), e);
        }
    }

    int size() {
        return order.size();
    }
}
