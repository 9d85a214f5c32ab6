package dev.guildhall.launcher.fleet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where everything of one fleet is: its processes and their ports, the infrastructure endpoints, the
 * environment each process gets, log files, and the {@code run/fleet.properties} that
 * {@code guildhall status} and {@code logs} read while it runs. Pure lookups, no processes.
 */
public final class FleetDirectory {

    private static final String RUN_FILE = "fleet.properties";

    private final FleetConfig config;
    private final FleetSecrets secrets;
    private final Endpoints endpoints;
    private final Map<String, ServiceInstance> instances = new LinkedHashMap<>();

    FleetDirectory(FleetConfig config) {
        this.config = config;
        this.secrets = FleetSecrets.loadOrCreate(config.dataDir());
        this.endpoints = Endpoints.of(config.external(), config.ports(), config.extraEnv(), secrets);
        config.instances().forEach(i -> instances.put(i.name(), i));
    }

    /** The directory of a fleet that may be running in another process (its secrets loaded or made). */
    public static FleetDirectory of(FleetConfig config) {
        return new FleetDirectory(config);
    }

    public FleetConfig config() {
        return config;
    }

    /** Every process of the fleet in start order. */
    public List<ServiceInstance> instances() {
        return List.copyOf(instances.values());
    }

    public ServiceInstance instance(String name) {
        ServiceInstance i = instances.get(name);
        if (i == null) {
            throw new IllegalArgumentException("no process named " + name + " in this fleet; it has " + instances.keySet());
        }
        return i;
    }

    public int port(String name) {
        return instance(name).port();
    }

    /** {@code http://localhost:<port>} of a process. */
    public String url(String name) {
        return instance(name).url();
    }

    /** The public entry point: {@code http://localhost:8080} (+ offset). */
    public String gatewayUrl() {
        return "http://localhost:" + config.ports().service(Service.GATEWAY, 1);
    }

    public Endpoints endpoints() {
        return endpoints;
    }

    /** A JDBC URL of the embedded MariaDB for any database on it (root, no password). */
    public String jdbcUrl(String database) {
        if (config.external().hasDatabase()) {
            throw new IllegalStateException("the database is external: use endpoints().dbUrlGlobal()/dbUrlShards()");
        }
        return Endpoints.embeddedJdbcUrl(config.ports().mariaDb(), database);
    }

    /** The environment a process gets. */
    public Map<String, String> environment(String name) {
        return environment(instance(name));
    }

    Map<String, String> environment(ServiceInstance instance) {
        return ServiceEnvironment.forInstance(instance, endpoints, secrets, config);
    }

    public Path logFile(String name) {
        return config.logFile(name);
    }

    /** Writes what {@code guildhall status} and {@code logs} read while the fleet runs. */
    void writeRunFile() {
        StringBuilder text = new StringBuilder("# the running fleet, written by the launcher\n");
        text.append("offset=").append(config.portOffset()).append('\n');
        text.append("gateway.host=").append(config.localHost(Service.GATEWAY)).append('\n');
        for (ServiceInstance i : instances.values()) {
            text.append("instance.").append(i.name()).append('=').append(i.port()).append('\n');
        }
        try {
            Files.writeString(config.runDir().resolve(RUN_FILE), text, StandardCharsets.UTF_8);
        } catch (IOException ignored) {
            // status falls back to the defaults
        }
    }

    void deleteRunFile() {
        try {
            Files.deleteIfExists(config.runDir().resolve(RUN_FILE));
        } catch (IOException ignored) {
            // status falls back to the defaults
        }
    }
}
