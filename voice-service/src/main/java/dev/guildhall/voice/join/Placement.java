package dev.guildhall.voice.join;

import dev.guildhall.voice.state.VoiceSession;

/** A session placed on a media node, with what its client needs to connect there. */
public record Placement(VoiceSession session, String voiceToken, String endpoint) {
}
