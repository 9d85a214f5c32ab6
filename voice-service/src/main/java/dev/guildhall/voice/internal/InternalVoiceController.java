package dev.guildhall.voice.internal;

import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.common.error.GuildhallException;
import dev.guildhall.common.id.Snowflake;
import dev.guildhall.voice.state.VoiceState;
import dev.guildhall.voice.state.VoiceSessions;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * For websocket-service's READY: the voice states of the given servers ({@code ?server_ids=1,2}), all of them;
 * the caller filters by what each user may see.
 */
@RestController
class InternalVoiceController {

    private static final int MAX_SERVERS = 200;

    private final VoiceSessions store;

    InternalVoiceController(VoiceSessions store) {
        this.store = store;
    }

    @GetMapping("/internal/voice-states")
    Map<String, List<VoiceState>> voiceStates(@RequestParam(name = "server_ids") List<String> serverIds) {
        if (serverIds.size() > MAX_SERVERS) {
            throw new GuildhallException(ErrorCode.VALIDATION_FAILED, "At most " + MAX_SERVERS + " servers per call");
        }
        List<VoiceState> states = new ArrayList<>();
        for (String serverId : serverIds) {
            store.inServer(Snowflake.parse(serverId)).forEach(s -> states.add(VoiceState.of(s)));
        }
        return Map.of("voice_states", states);
    }
}
