package io.ccpulse.domain.engine;

import io.ccpulse.domain.kpi.AgentTally;
import io.ccpulse.domain.kpi.QueueTally;
import io.ccpulse.domain.kpi.TicketTally;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders snapshots (records, lists, maps, and the tallies, which have no equals) as text, so that two
 * snapshots can be compared. Components named in {@code skip} are left out (e.g. replays, which depend
 * on the arrival order by design).
 */
final class Render {
    private Render() {
    }

    static String of(Object o, Set<String> skip) {
        StringBuilder sb = new StringBuilder();
        render(o, skip, sb, 0);
        return sb.toString();
    }

    private static void render(Object o, Set<String> skip, StringBuilder sb, int depth) {
        if (o == null) {
            sb.append("null");
        } else if (o instanceof Record r) {
            sb.append(r.getClass().getSimpleName()).append('{');
            for (RecordComponent c : r.getClass().getRecordComponents()) {
                if (skip.contains(c.getName())) {
                    continue;
                }
                sb.append(c.getName()).append('=');
                render(invoke(c.getAccessor(), r), skip, sb, depth + 1);
                sb.append(", ");
            }
            sb.append('}');
        } else if (o instanceof QueueTally || o instanceof AgentTally || o instanceof TicketTally) {
            sb.append(o.getClass().getSimpleName()).append('{');
            Method[] methods = o.getClass().getDeclaredMethods();
            Arrays.sort(methods, Comparator.comparing(Method::getName));
            for (Method m : methods) {
                if (!Modifier.isPublic(m.getModifiers()) || Modifier.isStatic(m.getModifiers())
                        || m.getParameterCount() != 0 || m.getReturnType() == void.class
                        || m.getReturnType() == o.getClass() || m.getName().startsWith("add")
                        || List.of("copy", "toString", "hashCode").contains(m.getName())) {
                    continue;
                }
                sb.append(m.getName()).append('=');
                render(invoke(m, o), skip, sb, depth + 1);
                sb.append(", ");
            }
            sb.append('}');
        } else if (o instanceof long[] a) {
            sb.append(Arrays.toString(a));
        } else if (o instanceof List<?> l) {
            sb.append('[');
            for (Object x : l) {
                sb.append(depth <= 1 ? "\n  " : "");
                render(x, skip, sb, depth + 1);
                sb.append("; ");
            }
            sb.append(']');
        } else if (o instanceof Map<?, ?> m) {
            sb.append('{');
            for (Map.Entry<?, ?> e : m.entrySet()) {
                sb.append(e.getKey()).append(':');
                render(e.getValue(), skip, sb, depth + 1);
                sb.append(", ");
            }
            sb.append('}');
        } else {
            sb.append(o);
        }
    }

    private static Object invoke(Method m, Object target) {
        try {
            return m.invoke(target);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
