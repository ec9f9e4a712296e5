package io.ccpulse.domain.settings;

import io.ccpulse.domain.event.WireEnum;
import java.util.Locale;

/** Service-level variant (METRICS.md "Service level"). */
public enum AbandonMode implements WireEnum {
    /** answered in T / (offered - abandoned in T); the default. */
    IGNORE,
    /** answered in T / offered. */
    NEGATIVE,
    /** (answered in T + abandoned in T) / offered. */
    POSITIVE,
    /** answered in T / answered. */
    ANSWERED_ONLY;

    @Override
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
