package dev.guildhall.bot.interaction;

import dev.guildhall.common.event.Topics;
import dev.guildhall.data.db.GlobalDatabase;
import dev.guildhall.data.outbox.OutboxTable;
import dev.guildhall.data.outbox.OutboxWriter;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;

/**
 * The bot-events an interaction produces, written in the change's transaction to {@code interaction_outbox} and
 * published by service-data's relay (ADR 122). Each names exactly one user in {@code recipient_ids}: the bot for
 * INTERACTION_CREATE (it carries the token), the invoker for INTERACTION_FAILED; websocket-service delivers them
 * to that user's sessions only (ADR 169).
 */
@Component
public class InteractionEvents {

    public static final String INTERACTION_CREATE = "INTERACTION_CREATE";
    public static final String INTERACTION_FAILED = "INTERACTION_FAILED";
    public static final OutboxTable OUTBOX =
            new OutboxTable("interaction_outbox", "user_id", Topics.BOT_EVENTS, OutboxTable.Scope.GLOBAL);

    private final OutboxWriter outbox;
    private final GlobalDatabase global;

    public InteractionEvents(OutboxWriter outbox, GlobalDatabase global) {
        this.outbox = outbox;
        this.global = global;
    }

    /** Inside the transaction that wrote the interaction's change. */
    public void toUser(String type, long recipient, long serverId, long channelId, long causedBy,
                       Map<String, Object> data) {
        outbox.append(OUTBOX, global.database(), recipient, type, serverId == 0 ? null : serverId,
                channelId == 0 ? null : channelId, List.of(recipient), causedBy, data);
    }
}
