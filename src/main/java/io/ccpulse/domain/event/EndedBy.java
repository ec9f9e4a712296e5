package io.ccpulse.domain.event;

import java.util.Locale;

/** Who ended a contact. Wire names are the lower-case constant names. */
public enum EndedBy implements WireEnum {
    CUSTOMER,
    AGENT,
    SYSTEM;

    @Override
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return wireName();
    }
}
