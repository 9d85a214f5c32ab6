package dev.guildhall.message.dm;

import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.common.error.GuildhallException;
import dev.guildhall.common.id.Snowflake;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * Who may see a DM channel, for services that fan out its events (websocket-service, bot-service).
 * Never routed by the gateway; internal token required. The answer never changes: cache it.
 */
@RestController
class InternalDmController {

    private final DmService dms;

    InternalDmController(DmService dms) {
        this.dms = dms;
    }

    /** {@code GET /internal/dm-channels/{channel_id}} → {@code {channel_id, recipient_ids: [a, b]}}, or 404. */
    @GetMapping("/internal/dm-channels/{channelId}")
    Participants participants(@PathVariable String channelId) {
        DmChannel channel = dms.find(Snowflake.parse(channelId))
                .orElseThrow(() -> GuildhallException.notFound(ErrorCode.UNKNOWN_CHANNEL));
        return new Participants(Snowflake.format(channel.channelId()),
                List.of(Snowflake.format(channel.userLow()), Snowflake.format(channel.userHigh())));
    }

    record Participants(String channelId, List<String> recipientIds) {
    }
}
