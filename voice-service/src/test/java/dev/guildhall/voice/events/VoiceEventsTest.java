package dev.guildhall.voice.events;

import dev.guildhall.common.event.Topics;
import dev.guildhall.common.id.SnowflakeGenerator;
import dev.guildhall.voice.state.VoiceSession;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** A user's voice events share one Kafka key whatever the channel, so a move's leave and join stay in order (ADR 282). */
class VoiceEventsTest {

    @SuppressWarnings("unchecked")
    private final KafkaTemplate<String, String> kafka = mock(KafkaTemplate.class);
    private final VoiceEvents events = new VoiceEvents(kafka, JsonMapper.builder().build(), new SnowflakeGenerator(1),
            Clock.fixed(Instant.parse("2026-12-07T10:00:00Z"), ZoneOffset.UTC));

    @Test
    void aMoveBetweenChannelsIsPublishedUnderTheUsersKey() {
        when(kafka.send(anyString(), any(), anyString())).thenReturn(new CompletableFuture<>());
        VoiceSession inLobby = new VoiceSession(1, 10, 42, "s1", false, false, false, false, false, false,
                Instant.EPOCH, "media-1");
        VoiceSession onStage = new VoiceSession(1, 20, 42, "s2", false, false, false, false, false, false,
                Instant.EPOCH, "media-2");

        events.left(inLobby);
        events.stateChanged(onStage);
        events.serverMoved(onStage, "ws://gateway/media/media-1/signal", "token");

        ArgumentCaptor<String> keys = ArgumentCaptor.forClass(String.class);
        ArgumentCaptor<String> values = ArgumentCaptor.forClass(String.class);
        verify(kafka, times(3)).send(eq(Topics.VOICE_EVENTS), keys.capture(), values.capture());
        assertThat(keys.getAllValues()).containsOnly("42");
        assertThat(values.getAllValues().get(0)).as("the leave is the lobby's event").contains("\"channel_id\":\"10\"");
        assertThat(values.getAllValues().get(1)).contains("\"channel_id\":\"20\"");
    }
}
