package io.ccpulse.domain.event;

import java.util.Locale;

/** Who wrote a contact.message. Wire names are the lower-case constant names. */
public enum Sender implements WireEnum {
    CUSTOMER,
    AGENT;

    @Override
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return wireName();
    }
}
