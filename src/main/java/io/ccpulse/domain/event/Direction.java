package io.ccpulse.domain.event;

import java.util.Locale;

/** Contact direction; inbound is the default. Wire names are the lower-case constant names. */
public enum Direction implements WireEnum {
    INBOUND,
    OUTBOUND;

    @Override
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return wireName();
    }
}
