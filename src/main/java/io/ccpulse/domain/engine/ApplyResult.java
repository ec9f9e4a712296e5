package io.ccpulse.domain.engine;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@link Engine#apply} did with a batch.
 *
 * @param applied    events applied (in order, or by a rollback and replay)
 * @param lateIds    ids of events more than the allowed lateness behind the newest event time seen (or
 *                   before a {@link Engine#flushAll()}): not applied
 * @param duplicateIds ids already applied (within the reorder window) or twice in the batch: ignored
 * @param anomalies  odd events of this batch by kind (see {@link Anomaly}); the engine's counters only
 *                   count them once they are final
 * @param replayed   the batch held an event older than the last applied one: the state was rolled back to
 *                   a checkpoint and the buffered events replayed
 */
public record ApplyResult(int applied, List<String> lateIds, List<String> duplicateIds, Map<String, Long> anomalies,
                          boolean replayed) {

    public ApplyResult {
        lateIds = List.copyOf(lateIds);
        duplicateIds = List.copyOf(duplicateIds);
        anomalies = Collections.unmodifiableMap(new TreeMap<>(anomalies));
    }
}
