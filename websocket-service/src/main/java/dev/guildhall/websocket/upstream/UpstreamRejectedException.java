package dev.guildhall.websocket.upstream;

/**
 * A dependency answered 4xx: the call worked, the answer is "no". Breakers ignore it (it says
 * nothing about the dependency's health).
 */
public class UpstreamRejectedException extends RuntimeException {

    private final int status;

    public UpstreamRejectedException(String service, int status) {
        super(service + " answered " + status, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
