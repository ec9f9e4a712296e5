package io.ccpulse.ingest;

/**
 * Why one event of a batch was refused.
 *
 * @param index    0-based position in the batch (for NDJSON: the line's position among non-blank lines)
 * @param id       the event's id when it had a usable one, else null
 * @param field    the offending field ("" when the whole event is unusable, e.g. not JSON)
 * @param reason   human-readable reason
 * @param category metric label: missing_field, invalid_value, unknown_type, malformed
 */
public record Rejection(int index, String id, String field, String reason, String category) {

    static final String MISSING = "missing_field";
    static final String INVALID = "invalid_value";
    static final String UNKNOWN_TYPE = "unknown_type";
    static final String MALFORMED = "malformed";
}
