package dev.guildhall.websocket.presence;

/** Publishes a user's visible status change on the {@code presence} topic. */
public interface PresencePublisher {

    void publish(long userId, String visibleStatus);
}
