package dev.guildhall.auth.user;

import dev.guildhall.auth.outbox.UserOutbox;
import dev.guildhall.common.event.EventTypes;
import org.springframework.stereotype.Component;

/**
 * USER_CREATE / USER_UPDATE on {@code user-events}, keyed by user id, carrying the public profile
 * (never the email). Written to the outbox in the caller's transaction.
 */
@Component
class UserEvents {

    private final UserOutbox outbox;

    UserEvents(UserOutbox outbox) {
        this.outbox = outbox;
    }

    void created(User user) {
        publish(EventTypes.USER_CREATE, user);
    }

    void updated(User user) {
        publish(EventTypes.USER_UPDATE, user);
    }

    private void publish(String type, User user) {
        outbox.append(type, user.userId(), UserResponses.Profile.of(user));
    }
}
