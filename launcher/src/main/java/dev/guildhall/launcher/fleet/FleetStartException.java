package dev.guildhall.launcher.fleet;

/** The fleet (or one service) did not come up; the message names what and carries the log tail. */
public class FleetStartException extends RuntimeException {

    public FleetStartException(String message) {
        super(message);
    }

    public FleetStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
