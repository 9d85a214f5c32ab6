package dev.guildhall.voice.join;

import dev.guildhall.common.id.Snowflake;
import dev.guildhall.support.security.Caller;
import dev.guildhall.voice.state.VoiceState;
import dev.guildhall.support.web.DeferredBody;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;
import java.util.List;

/**
 * The voice API of DESIGN: join, leave, own flags, the channel's voice states, and moderation. Sessions become
 * their public {@link VoiceState} here.
 */
@RestController
@RequestMapping("/api/v1/channels/{channelId}/voice")
class VoiceController {

    private final VoiceService voice;
    private final MeterRegistry meters;

    VoiceController(VoiceService voice, MeterRegistry meters) {
        this.voice = voice;
        this.meters = meters;
    }

    /**
     * Timed as {@code guildhall.voice.join} (the platform's voice-join target is 2 s at p95): from the request to
     * the answer naming the media node, tagged {@code outcome=joined} or {@code refused} (a problem answer).
     */
    @PostMapping("/join")
    VoiceConnection join(Caller caller, @PathVariable String channelId) {
        Timer.Sample sample = Timer.start(meters);
        String outcome = "refused";
        try {
            VoiceConnection answer = VoiceConnection.of(voice.join(caller.userId(), Snowflake.parse(channelId)));
            outcome = "joined";
            return answer;
        } finally {
            sample.stop(Timer.builder("guildhall.voice.join")
                    .tag("outcome", outcome)
                    .description("Voice join request to the answer with the media node's address")
                    .publishPercentileHistogram()
                    .serviceLevelObjectives(Duration.ofSeconds(2))
                    .minimumExpectedValue(Duration.ofMillis(1))
                    .maximumExpectedValue(Duration.ofSeconds(30))
                    .register(meters));
        }
    }

    @PostMapping("/leave")
    ResponseEntity<Void> leave(Caller caller, @PathVariable String channelId) {
        voice.leave(caller.userId(), Snowflake.parse(channelId));
        return ResponseEntity.noContent().build();
    }

    @PatchMapping("/state")
    VoiceState updateSelf(Caller caller, @PathVariable String channelId,
                          DeferredBody<VoiceRequests.SelfState> request) {
        return VoiceState.of(voice.updateSelf(caller.userId(), Snowflake.parse(channelId), request));
    }

    @GetMapping("/states")
    List<VoiceState> states(Caller caller, @PathVariable String channelId) {
        return voice.states(caller.userId(), Snowflake.parse(channelId)).stream().map(VoiceState::of).toList();
    }

    @PatchMapping("/states/{userId}")
    VoiceState moderate(Caller caller, @PathVariable String channelId, @PathVariable String userId,
                        DeferredBody<VoiceRequests.Moderation> request) {
        return VoiceState.of(voice.moderate(caller.userId(), Snowflake.parse(channelId), Snowflake.parse(userId),
                request));
    }
}
