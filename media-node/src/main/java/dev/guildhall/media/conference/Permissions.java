package dev.guildhall.media.conference;

import dev.guildhall.media.sdp.MediaKind;

/** What an endpoint may send, as voice-service last set it (a server mute is {@code speak=false}). */
public record Permissions(boolean speak, boolean video, boolean stream) {

    public static final Permissions ALL = new Permissions(true, true, true);

    public boolean allows(MediaKind kind) {
        return switch (kind) {
            case AUDIO -> speak;
            case VIDEO -> video;
            case SCREEN -> stream;
        };
    }
}
