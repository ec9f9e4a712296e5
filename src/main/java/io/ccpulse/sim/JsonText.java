package io.ccpulse.sim;

import java.util.List;

/** The members of one JSON object, written in order (no Vert.x in the model). */
final class JsonText {

    private final StringBuilder sb = new StringBuilder(96);

    JsonText str(String key, String value) {
        if (value != null) {
            key(key);
            quote(sb, value);
        }
        return this;
    }

    JsonText num(String key, long value) {
        key(key);
        sb.append(value);
        return this;
    }

    JsonText num(String key, Integer value) {
        if (value != null) {
            num(key, value.longValue());
        }
        return this;
    }

    JsonText bool(String key, Boolean value) {
        if (value != null) {
            key(key);
            sb.append(value.booleanValue());
        }
        return this;
    }

    JsonText strs(String key, List<String> values) {
        key(key);
        sb.append('[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            quote(sb, values.get(i));
        }
        sb.append(']');
        return this;
    }

    /** The members without braces, e.g. {@code "contact":"c-1","agent":"a-001"}. */
    String members() {
        return sb.toString();
    }

    private void key(String key) {
        if (sb.length() > 0) {
            sb.append(',');
        }
        quote(sb, key);
        sb.append(':');
    }

    static void quote(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': out.append("\\\""); break;
                case '\\': out.append("\\\\"); break;
                case '\n': out.append("\\n"); break;
                case '\r': out.append("\\r"); break;
                case '\t': out.append("\\t"); break;
                default:
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
            }
        }
        out.append('"');
    }
}
