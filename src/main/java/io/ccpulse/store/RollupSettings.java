package io.ccpulse.store;

import io.ccpulse.domain.event.Channel;
import io.ccpulse.domain.settings.QueueSettings;
import io.ccpulse.domain.settings.Settings;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The settings relation of {@link FactSql} ({@code s(queue, channel, short_ms, sl_ms, csat_min,
 * frt_ms)}) as six array parameters: one row per queue and channel, for the queues named and for
 * "no queue" (the empty string, default settings), computed with {@link Settings#queue(String)} so
 * that the roll-ups classify exactly as the KPI tallies do.
 */
final class RollupSettings {

    private RollupSettings() {
    }

    /** Binds the six settings arrays at parameter {@code first}; returns the next parameter index. */
    static int bind(Connection c, PreparedStatement p, int first, Settings settings, Collection<String> queues)
            throws SQLException {
        Set<String> names = new TreeSet<>();
        names.add("");
        for (String q : queues) {
            if (q != null) {
                names.add(q);
            }
        }
        List<String> queue = new ArrayList<>();
        List<String> channel = new ArrayList<>();
        List<Long> shortMs = new ArrayList<>();
        List<Long> slMs = new ArrayList<>();
        List<Integer> csatMin = new ArrayList<>();
        List<Long> frtMs = new ArrayList<>();
        for (String name : names) {
            QueueSettings s = settings.queue(name.isEmpty() ? null : name);
            for (Channel ch : Channel.values()) {
                queue.add(name);
                channel.add(ch.wireName());
                shortMs.add(s.shortAbandonS() * 1000L);
                slMs.add(s.slThresholdS(ch) * 1000L);
                csatMin.add(s.csatPositiveMin());
                frtMs.add(s.frtTargetS() * 1000L);
            }
        }
        int i = first;
        p.setArray(i++, c.createArrayOf("text", queue.toArray()));
        p.setArray(i++, c.createArrayOf("text", channel.toArray()));
        p.setArray(i++, c.createArrayOf("int8", shortMs.toArray()));
        p.setArray(i++, c.createArrayOf("int8", slMs.toArray()));
        p.setArray(i++, c.createArrayOf("int4", csatMin.toArray()));
        p.setArray(i++, c.createArrayOf("int8", frtMs.toArray()));
        return i;
    }
}
