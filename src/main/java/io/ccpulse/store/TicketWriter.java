package io.ccpulse.store;

import io.ccpulse.domain.fact.TicketFact;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes ticket versions (part of the fact writer's transaction): per ticket only the newest version
 * of the batch, upserted so that an older or equal version never replaces a newer stored one
 * (idempotent whatever the order and repetition of writes).
 */
final class TicketWriter {

    private TicketWriter() {
    }

    /** Upserts the newest version of each ticket in {@code facts}; returns the number of rows changed. */
    static int write(Connection c, List<TicketFact> facts) throws SQLException {
        if (facts.isEmpty()) {
            return 0;
        }
        Map<String, TicketFact> newest = new LinkedHashMap<>();
        for (TicketFact f : facts) {
            newest.merge(f.ticket() + '|' + f.createdAt(), f, (a, b) -> b.version() > a.version() ? b : a);
        }
        try (PreparedStatement p = c.prepareStatement(FactSql.UPSERT_TICKET)) {
            for (TicketFact f : newest.values()) {
                int i = 1;
                p.setString(i++, f.ticket());
                p.setTimestamp(i++, ts(f.createdAt()));
                p.setInt(i++, f.version());
                p.setTimestamp(i++, ts(f.updatedAt()));
                p.setString(i++, f.queue());
                p.setString(i++, f.priority());
                p.setString(i++, f.category());
                p.setBoolean(i++, f.complaint());
                p.setString(i++, f.customer());
                p.setTimestamp(i++, ts(f.firstResponseDue()));
                p.setTimestamp(i++, ts(f.resolutionDue()));
                p.setString(i++, f.agent());
                p.setString(i++, f.agentTeam());
                p.setTimestamp(i++, ts(f.firstResponseAt()));
                p.setString(i++, f.firstResponseAgent());
                p.setInt(i++, f.escalations());
                if (f.level() == null) {
                    p.setNull(i++, Types.INTEGER);
                } else {
                    p.setInt(i++, f.level());
                }
                p.setTimestamp(i++, ts(f.firstEscalatedAt()));
                p.setTimestamp(i++, ts(f.resolvedAt()));
                p.setString(i++, f.resolvedBy());
                p.setInt(i++, f.resolutions());
                p.setInt(i++, f.reopens());
                p.setTimestamp(i++, ts(f.firstReopenedAt()));
                p.setString(i++, f.responseSla() == null ? null : f.responseSla().wireName());
                p.setTimestamp(i++, ts(f.responseSlaAt()));
                p.setString(i++, f.resolutionSla() == null ? null : f.resolutionSla().wireName());
                p.setTimestamp(i++, ts(f.resolutionSlaAt()));
                p.addBatch();
            }
            int n = 0;
            for (int r : p.executeBatch()) {
                n += Math.max(r, 0);
            }
            return n;
        }
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }
}
