package io.ccpulse.domain.engine;

import io.ccpulse.domain.event.Channel;

/** A queue and channel, the key of queue tallies and counters. */
record QueueKey(String queue, Channel channel) implements Comparable<QueueKey> {

    @Override
    public int compareTo(QueueKey o) {
        int c = queue.compareTo(o.queue);
        return c != 0 ? c : channel.compareTo(o.channel);
    }
}
