package dev.guildhall.voice.join;

import dev.guildhall.voice.state.VoiceState;

/**
 * The answer to a join (DESIGN's contract: {@code voice_token, endpoint, session_id}), plus the node and the
 * caller's voice state.
 */
public record VoiceConnection(String voiceToken, String endpoint, String sessionId, String nodeId,
                              VoiceState voiceState) {

    static VoiceConnection of(Placement placement) {
        return new VoiceConnection(placement.voiceToken(), placement.endpoint(), placement.session().sessionId(),
                placement.session().nodeId(), VoiceState.of(placement.session()));
    }
}
