package io.ccpulse.domain.engine;

import io.ccpulse.domain.event.Channel;

/**
 * Cumulative counters of one queue and channel since start (final facts only). Visits by outcome are
 * disjoint: {@code abandoned} excludes short abandons. In threshold: wait <= T; short abandons never.
 * Durations in milliseconds.
 */
public record QueueTotals(String queue, Channel channel, long answered, long abandoned, long shortAbandoned,
                          long flowedOut, long blocked, long answeredInThreshold, long abandonedInThreshold,
                          long waitAnsweredMs, long waitAbandonedMs, long segments, long transfers, long talkMs,
                          long holdMs, long acwMs) {
}
