package dev.guildhall.message.typing;

import dev.guildhall.common.event.EventEnvelope;
import dev.guildhall.common.event.EventTypes;
import dev.guildhall.common.id.Snowflake;
import dev.guildhall.common.id.SnowflakeGenerator;
import dev.guildhall.message.channel.AccessPolicy;
import dev.guildhall.message.channel.ChannelAccess;
import dev.guildhall.message.channel.ChannelAccessService;
import dev.guildhall.message.metrics.MessageMetrics;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;

/** "User is typing": needs SEND_MESSAGES, throttled, published best-effort on {@code messages}. */
@Service
public class TypingService {

    private final ChannelAccessService access;
    private final TypingThrottle throttle;
    private final TypingPublisher publisher;
    private final SnowflakeGenerator ids;
    private final Clock clock;
    private final MessageMetrics metrics;

    TypingService(ChannelAccessService access, TypingThrottle throttle, TypingPublisher publisher,
                  SnowflakeGenerator ids, Clock clock, MessageMetrics metrics) {
        this.access = access;
        this.throttle = throttle;
        this.publisher = publisher;
        this.ids = ids;
        this.clock = clock;
        this.metrics = metrics;
    }

    public void typing(long userId, long channelId) {
        ChannelAccess channel = access.resolve(userId, channelId);
        AccessPolicy.requireSend(channel);
        boolean emit = throttle.tryAcquire(userId, channelId);
        metrics.typing(emit);
        if (!emit) {
            return;
        }
        Instant now = Instant.ofEpochMilli(clock.millis());
        String server = channel.serverId() == null ? null : Snowflake.format(channel.serverId());
        TypingStart data = new TypingStart(Snowflake.format(channelId), server, Snowflake.format(userId),
                now.getEpochSecond());
        publisher.publish(EventEnvelope.of(ids.next(), EventTypes.TYPING_START, channel.serverId(), channelId, userId,
                now, data).withRecipients(channel.recipients()));
    }
}
