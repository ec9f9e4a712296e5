package io.ccpulse.domain.fact;

import io.ccpulse.domain.event.Channel;
import java.time.Instant;

/**
 * A survey answer attributed to the contact's last handling agent and queue (null when unknown).
 *
 * @param csat 1..5 or null
 * @param nps  0..10 or null
 */
public record SurveyFact(String eventId, String contact, Instant time, Integer csat, Integer nps, String queue,
                         Channel channel, String agent, String team) implements Fact {

    @Override
    public String key() {
        return eventId;
    }
}
