package io.ccpulse.domain.event;

import java.util.Arrays;
import java.util.stream.Collectors;

/** An enum of the event contract whose constants have a lower-case wire name. */
public interface WireEnum {

    /** The name used on the wire and in labels. */
    String wireName();

    /** The constant of {@code type} with this wire name, or null when there is none. */
    static <E extends Enum<E> & WireEnum> E parse(Class<E> type, String wireName) {
        for (E e : type.getEnumConstants()) {
            if (e.wireName().equals(wireName)) {
                return e;
            }
        }
        return null;
    }

    /** The accepted wire names of {@code type}, comma separated, for error messages. */
    static <E extends Enum<E> & WireEnum> String allowed(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(WireEnum::wireName).collect(Collectors.joining(", "));
    }
}
