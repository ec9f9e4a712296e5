package io.ccpulse.config;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A typed view of one mapping of the YAML config file, with the dotted path for error messages.
 * Every key read is remembered, so that {@link #rejectUnknown()} can name typos.
 */
final class ConfigNode {

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private final String path;
    private final Map<String, Object> values;
    private final Set<String> read = new TreeSet<>();

    ConfigNode(String path, Map<String, Object> values) {
        this.path = path;
        this.values = values == null ? Map.of() : values;
    }

    String path(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    boolean has(String key) {
        return values.containsKey(key) && values.get(key) != null;
    }

    Set<String> keys() {
        return values.keySet();
    }

    private Object raw(String key) {
        read.add(key);
        return values.get(key);
    }

    /** The raw value of a key (marked as read), e.g. a mapping whose keys are not all strings. */
    Object rawValue(String key) {
        return raw(key);
    }

    String string(String key, String def) {
        Object v = raw(key);
        if (v == null) {
            return def;
        }
        if (v instanceof Map || v instanceof List) {
            throw new ConfigException(path(key), "must be a single value, not a list or mapping");
        }
        return v.toString();
    }

    String requiredString(String key) {
        String v = string(key, null);
        if (v == null || v.isBlank()) {
            throw new ConfigException(path(key), "is required");
        }
        return v;
    }

    int integer(String key, int def, int min, int max) {
        String v = string(key, null);
        if (v == null) {
            return def;
        }
        return parseInt(path(key), v, min, max);
    }

    static int parseInt(String setting, String v, int min, int max) {
        int n;
        try {
            n = Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new ConfigException(setting, "'" + v + "' is not a whole number");
        }
        if (n < min || n > max) {
            throw new ConfigException(setting, n + " is out of range " + min + ".." + max);
        }
        return n;
    }

    double decimal(String key, double def, double min, double max) {
        String v = string(key, null);
        if (v == null) {
            return def;
        }
        double d;
        try {
            d = Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new ConfigException(path(key), "'" + v + "' is not a number");
        }
        if (!(d >= min && d <= max)) {
            throw new ConfigException(path(key), v + " is out of range " + min + ".." + max);
        }
        return d;
    }

    boolean bool(String key, boolean def) {
        String v = string(key, null);
        if (v == null) {
            return def;
        }
        return parseBool(path(key), v);
    }

    static boolean parseBool(String setting, String v) {
        switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "true": case "yes": case "on": case "1":
                return true;
            case "false": case "no": case "off": case "0":
                return false;
            default:
                throw new ConfigException(setting, "'" + v + "' is not true or false");
        }
    }

    /** A time zone id such as Europe/Berlin; {@code def} when absent. */
    ZoneId zone(String key, ZoneId def) {
        String v = string(key, null);
        if (v == null) {
            return def;
        }
        try {
            return ZoneId.of(v);
        } catch (DateTimeException e) {
            throw new ConfigException(path(key), "'" + v + "' is not a time zone (example: Europe/Berlin)");
        }
    }

    Duration duration(String key, Duration def) {
        String v = string(key, null);
        return v == null ? def : parseDuration(path(key), v);
    }

    /** Accepts ISO-8601 (PT5M, P7D) or short forms: 500ms, 30s, 5m, 2h, 7d. */
    static Duration parseDuration(String setting, String v) {
        String s = v.trim();
        Matcher m = SHORT_DURATION.matcher(s);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            switch (m.group(2)) {
                case "ms": return Duration.ofMillis(n);
                case "s": return Duration.ofSeconds(n);
                case "m": return Duration.ofMinutes(n);
                case "h": return Duration.ofHours(n);
                default: return Duration.ofDays(n);
            }
        }
        try {
            Duration d = Duration.parse(s);
            if (d.isNegative()) {
                throw new ConfigException(setting, "'" + v + "' is negative");
            }
            return d;
        } catch (java.time.format.DateTimeParseException e) {
            throw new ConfigException(setting, "'" + v + "' is not a duration (examples: 30s, 5m, 7d, PT5M)");
        }
    }

    @SuppressWarnings("unchecked")
    ConfigNode child(String key) {
        Object v = raw(key);
        if (v == null) {
            return new ConfigNode(path(key), Map.of());
        }
        if (!(v instanceof Map)) {
            throw new ConfigException(path(key), "must be a mapping");
        }
        return new ConfigNode(path(key), (Map<String, Object>) v);
    }

    List<String> stringList(String key) {
        Object v = raw(key);
        if (v == null) {
            return List.of();
        }
        if (v instanceof List) {
            List<String> out = new ArrayList<>();
            for (Object o : (List<?>) v) {
                out.add(String.valueOf(o));
            }
            return out;
        }
        List<String> out = new ArrayList<>();
        for (String part : v.toString().split(",")) {
            if (!part.isBlank()) {
                out.add(part.trim());
            }
        }
        return out;
    }

    /** A mapping of names to strings, e.g. token name to token. */
    Map<String, String> stringMap(String key) {
        ConfigNode c = child(key);
        Map<String, String> out = new LinkedHashMap<>();
        for (String k : c.keys()) {
            out.put(k, c.requiredString(k));
        }
        c.rejectUnknown();
        return out;
    }

    /** Fails naming the first key that no code read: a typo or a setting that does not exist. */
    void rejectUnknown() {
        for (String k : values.keySet()) {
            if (!read.contains(k)) {
                throw new ConfigException(path(k), "unknown setting (check the spelling; see README, Configuration)");
            }
        }
    }
}
