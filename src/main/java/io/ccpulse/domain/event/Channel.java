package io.ccpulse.domain.event;

import java.util.Locale;

/** Contact channel. Wire names are the lower-case constant names. */
public enum Channel implements WireEnum {
    VOICE,
    CHAT,
    EMAIL,
    MESSAGING;

    @Override
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return wireName();
    }
}
