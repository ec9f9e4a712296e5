package io.ccpulse.domain.engine;

import io.ccpulse.domain.event.Channel;
import io.ccpulse.domain.event.Direction;

/** An open queue visit of a live contact. Immutable, so state copies share it. Times in epoch ms. */
record Visit(int seq, String queue, Channel channel, Direction direction, String customer, String priority,
             long queuedAt) {
}
