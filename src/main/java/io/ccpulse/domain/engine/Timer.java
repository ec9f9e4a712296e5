package io.ccpulse.domain.engine;

/**
 * A time-driven transition, fired in event time: before an event at time t is applied, every timer with
 * {@code due <= t} fires, in (due, seq) order. Timers are never cancelled; a fired timer checks that it is
 * still current (lazy deletion). Immutable, so state copies share them.
 */
record Timer(long due, long seq, Kind kind, String contact, int segment) implements Comparable<Timer> {

    enum Kind {
        /** The ACW cap of a segment: ends its ACW and writes it without waiting longer for the wrap. */
        ACW_CAP,
        /** Hourly (on the hour, event time) sweep of live contacts without events for {@link Machine#STALE_CONTACT_MS}. */
        SWEEP
    }

    @Override
    public int compareTo(Timer o) {
        int c = Long.compare(due, o.due);
        return c != 0 ? c : Long.compare(seq, o.seq);
    }
}
