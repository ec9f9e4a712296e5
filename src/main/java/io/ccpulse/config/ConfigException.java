package io.ccpulse.config;

/** A wrong or missing setting; the message names the setting and what is wrong. */
public final class ConfigException extends RuntimeException {

    public ConfigException(String setting, String problem) {
        super("configuration error: " + setting + ": " + problem);
    }
}
