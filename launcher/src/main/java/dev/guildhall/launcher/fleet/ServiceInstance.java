package dev.guildhall.launcher.fleet;

/**
 * One process of the fleet. The first instance of a service is named after its module
 * ({@code websocket-service}); further ones get a suffix ({@code websocket-service-2}).
 *
 * @param workerId the snowflake worker id, distinct per process
 */
public record ServiceInstance(Service service, int index, String name, int port, int workerId) {

    public String url() {
        return "http://localhost:" + port;
    }
}
