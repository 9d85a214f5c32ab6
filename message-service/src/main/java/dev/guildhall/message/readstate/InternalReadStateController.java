package dev.guildhall.message.readstate;

import dev.guildhall.common.id.Snowflake;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** For websocket-service's READY (never routed by the gateway; internal token required). */
@RestController
class InternalReadStateController {

    private final ReadStateService readStates;

    InternalReadStateController(ReadStateService readStates) {
        this.readStates = readStates;
    }

    /**
     * {@code GET /internal/read-states?user_id=} →
     * {@code [{channel_id, server_id, last_message_id, unread_count, mention_count}]}.
     */
    @GetMapping("/internal/read-states")
    List<ReadStateView> readStates(@RequestParam("user_id") String userId) {
        return readStates.forUser(Snowflake.parse(userId));
    }
}
