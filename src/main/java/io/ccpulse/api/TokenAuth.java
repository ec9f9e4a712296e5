package io.ccpulse.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;

/** Bearer tokens by source name; comparison in constant time. */
public final class TokenAuth {

    private final Map<String, String> tokens;

    public TokenAuth(Map<String, String> tokens) {
        this.tokens = Map.copyOf(tokens);
    }

    /** The source name of the token in an {@code Authorization} header, or null when none matches. */
    public String source(String authorizationHeader) {
        if (authorizationHeader == null || authorizationHeader.length() < 8
                || !authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        byte[] given = authorizationHeader.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        String match = null;
        for (Map.Entry<String, String> e : tokens.entrySet()) {
            if (MessageDigest.isEqual(given, e.getValue().getBytes(StandardCharsets.UTF_8))) {
                match = e.getKey();
            }
        }
        return match;
    }
}
