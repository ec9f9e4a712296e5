package io.ccpulse.domain.engine;

import io.ccpulse.domain.event.Event;
import java.util.Comparator;

/** {@link Event#ORDER} written out by hand (time, type rank, id): the engine compares keys on every event. */
final class Keys {
    private Keys() {
    }

    static final Comparator<Event> ORDER = Keys::compare;

    /** Same result as {@code Event.ORDER.compare(a, b)}. */
    static int compare(Event a, Event b) {
        if (a == b) {
            return 0;
        }
        int c = a.time().compareTo(b.time());
        if (c != 0) {
            return c;
        }
        c = Integer.compare(a.type().rank(), b.type().rank());
        return c != 0 ? c : a.id().compareTo(b.id());
    }
}
