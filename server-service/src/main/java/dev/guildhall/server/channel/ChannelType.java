package dev.guildhall.server.channel;

import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.common.error.GuildhallException;

import java.util.Locale;

/** Channel kinds, as they travel on the wire ({@code text, voice, video, category}). */
public enum ChannelType {
    TEXT, VOICE, VIDEO, CATEGORY;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ChannelType fromWire(String value) {
        if (value != null) {
            for (ChannelType type : values()) {
                if (type.wire().equals(value.trim().toLowerCase(Locale.ROOT))) {
                    return type;
                }
            }
        }
        throw new GuildhallException(ErrorCode.INVALID_CHANNEL_TYPE,
                "channel_type must be text, voice, video or category");
    }
}
