package dev.guildhall.launcher.fleet;

/**
 * One process of the fleet. The first instance of a service is named after its module
 * ({@code websocket-service}); further ones get a suffix ({@code websocket-service-2}); a standby, which runs only
 * while the launcher restarts the first (ADR 276), is index 0 and {@code message-service-standby}.
 *
 * @param workerId the snowflake worker id, distinct per process
 */
public record ServiceInstance(Service service, int index, String name, int port, int workerId) {

    /** Worker ids of standbys: the service's block (ADR 051) + 32, clear of its numbered instances. */
    static final int STANDBY_WORKER_OFFSET = 32;

    /** The standby of this (first) instance, on {@code port}. */
    public ServiceInstance standby(int port) {
        if (!service.hasStandby() || index != 1) {
            throw new IllegalStateException(name + " has no standby");
        }
        return new ServiceInstance(service, 0, name + "-standby", port, workerId + STANDBY_WORKER_OFFSET);
    }

    public boolean isStandby() {
        return index == 0;
    }

    public String url() {
        return "http://localhost:" + port;
    }
}
