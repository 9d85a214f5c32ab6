package dev.guildhall.auth.user;

import dev.guildhall.auth.outbox.OutboxWriter;
import dev.guildhall.common.event.EventTypes;
import dev.guildhall.common.event.Topics;
import dev.guildhall.common.id.Snowflake;
import org.springframework.stereotype.Component;

/**
 * USER_CREATE / USER_UPDATE on {@code user-events}, keyed by user id, carrying the public profile
 * (never the email). Written to the outbox in the caller's transaction.
 */
@Component
class UserEvents {

    private final OutboxWriter outbox;

    UserEvents(OutboxWriter outbox) {
        this.outbox = outbox;
    }

    void created(User user) {
        publish(EventTypes.USER_CREATE, user);
    }

    void updated(User user) {
        publish(EventTypes.USER_UPDATE, user);
    }

    private void publish(String type, User user) {
        String id = Snowflake.format(user.userId());
        outbox.append(Topics.USER_EVENTS, id, type, id, UserResponses.Profile.of(user));
    }
}
