package dev.guildhall.voice.support;

import dev.guildhall.common.permission.Permission;
import dev.guildhall.common.voice.VoiceTokens;
import dev.guildhall.voice.channel.ChannelAccess;
import dev.guildhall.voice.channel.VoiceChannel;
import dev.guildhall.voice.config.VoiceProperties;
import dev.guildhall.voice.events.VoiceEvents;
import dev.guildhall.voice.join.EndpointAllocator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * What the voice unit tests share: fake media nodes, sessions in memory, server-service's permission answers
 * and the event publisher as mocks (the only collaborators reached over the network), a fixed clock.
 */
public final class VoiceFixture {

    public static final long SERVER = 100;
    public static final long LOBBY = 10;
    public static final long STAGE = 11;
    public static final long MEMBER_BITS = Permission.VIEW_CHANNEL.bit() | Permission.CONNECT.bit()
            | Permission.SPEAK.bit() | Permission.STREAM.bit();
    public static final String SECRET = "voice-unit-test-secret";

    public final Instant now = Instant.parse("2026-12-06T10:00:00Z");
    public final Clock clock = Clock.fixed(now, ZoneOffset.UTC);
    public final FakeMediaNodes nodes = new FakeMediaNodes();
    public final InMemoryVoiceSessions sessions = new InMemoryVoiceSessions();
    public final ChannelAccess access = mock(ChannelAccess.class);
    public final VoiceEvents events = mock(VoiceEvents.class);
    public final VoiceProperties properties = new VoiceProperties(SECRET, Duration.ofMinutes(2), "http://server",
            Duration.ofSeconds(2), Duration.ofSeconds(10),
            Duration.ofSeconds(2), Duration.ofSeconds(6), "ws://gateway/media", 1);
    public final EndpointAllocator allocator = new EndpointAllocator(nodes, nodes, new VoiceTokens(SECRET), properties,
            clock);

    public VoiceFixture() {
        voiceChannel(LOBBY, MEMBER_BITS);
        voiceChannel(STAGE, MEMBER_BITS);
    }

    /** Everyone sees {@code channelId} as a voice channel of the server with {@code bits}. */
    public void voiceChannel(long channelId, long bits) {
        when(access.visible(anyLong(), eq(channelId))).thenReturn(new VoiceChannel(SERVER, channelId, "voice", bits));
    }

    /** {@code userId} sees {@code channelId} with {@code bits} (overrides what everyone sees). */
    public void permissions(long userId, long channelId, long bits) {
        when(access.visible(eq(userId), eq(channelId))).thenReturn(new VoiceChannel(SERVER, channelId, "voice", bits));
    }
}
