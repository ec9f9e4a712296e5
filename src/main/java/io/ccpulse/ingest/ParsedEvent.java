package io.ccpulse.ingest;

import io.ccpulse.domain.event.Event;

/**
 * A valid event with its position in the batch and the JSON it came as (stored verbatim, so
 * unknown extra fields are kept for later versions).
 */
public record ParsedEvent(int index, Event event, String json) { }
