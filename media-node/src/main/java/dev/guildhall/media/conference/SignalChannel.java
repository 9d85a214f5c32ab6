package dev.guildhall.media.conference;

/** The endpoint's signalling connection, as the conference sees it. */
public interface SignalChannel {

    /** Sends one {@code {op, d}} frame; never blocks on a slow client for long. */
    void send(String op, Object data);

    /** Closes the connection with a WebSocket close code and reason. */
    void close(int code, String reason);
}
