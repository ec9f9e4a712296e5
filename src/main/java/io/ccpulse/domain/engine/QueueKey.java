package io.ccpulse.domain.engine;

import io.ccpulse.domain.event.Channel;
import java.util.Comparator;

/** A queue and channel, the key of queue tallies and counters. */
record QueueKey(String queue, Channel channel) implements Comparable<QueueKey> {

    private static final Comparator<QueueKey> ORDER =
            Comparator.comparing(QueueKey::queue).thenComparing(QueueKey::channel);

    @Override
    public int compareTo(QueueKey o) {
        return ORDER.compare(this, o);
    }
}
