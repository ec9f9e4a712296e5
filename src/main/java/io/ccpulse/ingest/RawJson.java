package io.ccpulse.ingest;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The request's own text of each event, so that a valid event is stored as it came instead of being
 * encoded again from its parsed tree ({@code JsonObject.encode} was ~8 % of the service's CPU at
 * 1000-event batches).
 *
 * <p>Only called on a body that Jackson has already parsed without error, so the structure is known to be
 * valid JSON: the scan only has to find where each top-level element starts and ends (depth of brackets
 * outside strings). A slice is not used (null: the caller encodes the parsed object as before) when
 * storing it could differ from storing the re-encoded object in a way that matters:
 * <ul>
 *   <li>it contains a {@code /} outside a string: a comment, which the parser accepts but {@code jsonb}
 *       does not;</li>
 *   <li>it contains a {@code \}{@code u} escape: a lone surrogate escape, which the parser turns into a
 *       replacement character but {@code jsonb} rejects (the whole write group would fail).</li>
 * </ul>
 * Whitespace, key order, duplicate keys (the last wins in both) and number spelling make no difference
 * to {@code jsonb}.
 */
final class RawJson {

    private RawJson() {
    }

    /**
     * The text of each element of a top-level JSON array in {@code body} (already parsed successfully as
     * an array), null where the slice is not usable; or null when the body is not an array. The list has
     * exactly as many entries as the array has elements, or is null when that cannot be established.
     */
    static List<String> arrayElements(Buffer body, int expected) {
        byte[] b = body.getBytes();
        int n = b.length;
        int i = skipBomAndSpace(b, 0);
        if (i >= n || b[i] != '[') {
            return null;
        }
        i++;
        List<String> out = new ArrayList<>(expected);
        while (true) {
            i = skipSpace(b, i);
            if (i >= n) {
                return null;
            }
            if (b[i] == ']') {
                break;
            }
            int start = i;
            int depth = 0;
            boolean usable = true;
            // scan one element: ends at ',' or ']' at depth 0, outside strings
            while (i < n) {
                byte c = b[i];
                if (c == '"') {
                    i++;
                    while (i < n && b[i] != '"') {
                        if (b[i] == '\\') {
                            if (i + 1 < n && b[i + 1] == 'u') {
                                usable = false;
                            }
                            i += 2;
                        } else {
                            i++;
                        }
                    }
                    i++;
                    continue;
                }
                if (c == '{' || c == '[') {
                    depth++;
                } else if (c == '}' || c == ']') {
                    if (depth == 0) {
                        break; // the array's own ']'
                    }
                    depth--;
                } else if (c == ',' && depth == 0) {
                    break;
                } else if (c == '/' || c == '#') {
                    usable = false;
                }
                i++;
            }
            if (i >= n) {
                return null;
            }
            int end = i;
            while (end > start && isSpace(b[end - 1])) {
                end--;
            }
            out.add(usable ? new String(b, start, end - start, StandardCharsets.UTF_8) : null);
            if (b[i] == ',') {
                i++;
            }
        }
        return out.size() == expected ? out : null;
    }

    /** The text of a single JSON value that is the whole body (or an NDJSON line), or null when not usable. */
    static String whole(String text) {
        String s = text.strip();
        if (!s.isEmpty() && s.charAt(0) == '\uFEFF') {
            s = s.substring(1).strip();
        }
        boolean inString = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (inString) {
                if (c == '\\') {
                    if (i + 1 < s.length() && s.charAt(i + 1) == 'u') {
                        return null;
                    }
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '/' || c == '#') {
                return null;
            }
        }
        return s;
    }

    private static int skipBomAndSpace(byte[] b, int i) {
        if (b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF) {
            i = 3;
        }
        return skipSpace(b, i);
    }

    private static int skipSpace(byte[] b, int i) {
        while (i < b.length && isSpace(b[i])) {
            i++;
        }
        return i;
    }

    private static boolean isSpace(byte c) {
        return c == ' ' || c == '\n' || c == '\r' || c == '\t';
    }
}
