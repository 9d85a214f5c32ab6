package dev.guildhall.server.channel;

import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.common.error.GuildhallException;

import java.util.Locale;
import java.util.Map;

/**
 * Channel name rules: 1–100 characters after trimming; text channel names are normalized the way
 * Discord does (lower case, runs of whitespace become one dash) so they are easy to mention.
 */
public final class ChannelNames {

    public static final int MAX = 100;

    private ChannelNames() {
    }

    public static String normalize(ChannelType type, String raw) {
        String name = raw == null ? "" : raw.strip();
        if (type == ChannelType.TEXT) {
            name = name.toLowerCase(Locale.ROOT).replaceAll("\\s+", "-");
        }
        if (name.isEmpty() || name.codePointCount(0, name.length()) > MAX) {
            throw new GuildhallException(ErrorCode.VALIDATION_FAILED, "channel_name must be 1-" + MAX + " characters",
                    Map.of("errors", Map.of("channel_name", "must be 1-" + MAX + " characters")));
        }
        return name;
    }
}
