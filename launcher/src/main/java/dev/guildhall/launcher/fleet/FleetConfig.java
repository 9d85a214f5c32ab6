package dev.guildhall.launcher.fleet;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import dev.guildhall.launcher.supervision.BackOff;

/**
 * What a {@link Fleet} runs and where. Build one with {@link #builder(Path)}:
 *
 * <pre>{@code
 * FleetConfig config = FleetConfig.builder(RepoRoot.find())
 *         .dataDir(Path.of("target/e2e-data"))
 *         .portOffset(1000)                  // gateway on 9080, MariaDB on 14306, ...
 *         .services(Service.GATEWAY, Service.AUTH, Service.SERVER)
 *         .websocketInstances(2)
 *         .build();
 * }</pre>
 *
 * @param repoRoot           the checkout; service jars are {@code <module>/target/<module>-<version>-exec.jar}
 * @param dataDir            infrastructure data, logs ({@code logs/}), pid files ({@code run/}), CDS archives ({@code cds/})
 * @param portOffset         added to every conventional port
 * @param services           which services to start
 * @param websocketInstances how many websocket-service processes (when it is selected)
 * @param external           infrastructure to use instead of the embedded pieces
 * @param jvmOptions         options for every service JVM
 * @param extraEnv           added to (and overriding) every service's computed environment
 * @param startTimeout       how long the whole fleet may take to become healthy
 * @param classDataSharing   use and build per-service AppCDS archives (faster later starts)
 * @param progress           receives one line per step (infrastructure ready, service healthy, ...)
 * @param version            the version in the jar names
 * @param publicAddress      where the gateway's HTTP port (and, unless it is a wildcard, the media node's UDP
 *                           port) listens; {@code 0.0.0.0} (the default) is every interface. Every other
 *                           service and the embedded infrastructure listen on loopback only (ADR 140)
 * @param restartBackOff     how a process that dies on its own is restarted (ADR 170); {@code null}: it is not
 */
public record FleetConfig(Path repoRoot, Path dataDir, int portOffset, Set<Service> services, int websocketInstances,
                          ExternalInfra external, List<String> jvmOptions, Map<String, String> extraEnv,
                          Duration startTimeout, boolean classDataSharing, Consumer<String> progress, String version,
                          String publicAddress, BackOff restartBackOff) {

    /** Every interface: the default public address, so a browser on the LAN can open the gateway. */
    public static final String ALL_INTERFACES = "0.0.0.0";

    /**
     * What every service JVM gets, whichever compiler it runs: the serial collector, small stacks and heaps, no JMX,
     * Netty's pooled buffer allocator (ADR 287).
     */
    private static final List<String> COMMON_JVM_OPTIONS = List.of(
            "-XX:+UseSerialGC", "-Xss512k", "-Xms32m", "-Xmx256m", "-XX:+ExitOnOutOfMemoryError",
            "-Dspring.jmx.enabled=false", "-Djava.awt.headless=true", "-Dfile.encoding=UTF-8",
            "-Dio.netty.allocator.type=pooled");

    /**
     * Flags that make ~9 JVMs start fast on a small machine: the common ones with C1 only. Peak throughput is not the
     * point: {@code up --quick} (development) and the test fleets built with {@link #builder} use them (ADR 044,
     * ADR 237).
     */
    public static final List<String> DEFAULT_JVM_OPTIONS = withCompiler("-XX:TieredStopAtLevel=1");

    /**
     * What {@code up} runs without {@code --quick} (ADR 237): the common flags with full tiered compilation, so that
     * hot request paths reach C2 and every request stops paying for C1 code; at most two compiler threads per JVM
     * (the machine has two cores, and ~9 JVMs compile at once during a start).
     */
    public static final List<String> SERVING_JVM_OPTIONS = withCompiler("-XX:CICompilerCount=2");

    private static List<String> withCompiler(String compilerFlag) {
        List<String> options = new ArrayList<>(List.of(compilerFlag));
        options.addAll(COMMON_JVM_OPTIONS);
        return List.copyOf(options);
    }

    public FleetConfig {
        repoRoot = repoRoot.toAbsolutePath().normalize();
        dataDir = dataDir.toAbsolutePath().normalize();
        services = services.isEmpty() ? EnumSet.noneOf(Service.class) : EnumSet.copyOf(services);
        jvmOptions = List.copyOf(jvmOptions);
        extraEnv = Map.copyOf(extraEnv);
        if (websocketInstances < 1) {
            throw new IllegalArgumentException("websocketInstances must be at least 1");
        }
        new Ports(portOffset); // validates the offset
        publicAddress = publicAddress == null || publicAddress.isBlank() ? ALL_INTERFACES : publicAddress.trim();
    }

    /** Whether {@link #publicAddress()} means every interface rather than one address. */
    public boolean publicAddressIsWildcard() {
        return publicAddress.equals(ALL_INTERFACES) || publicAddress.equals("::") || publicAddress.equals("[::]");
    }

    /** Whether {@link #publicAddress()} is this machine's loopback ({@code 127.0.0.1}, {@code ::1}, {@code localhost}). */
    public boolean publicAddressIsLoopback() {
        try {
            return InetAddress.getByName(publicAddress).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** The host the launcher reaches a service on: loopback, or the gateway's one public address. */
    public String localHost(Service service) {
        return service == Service.GATEWAY && !publicAddressIsWildcard() ? publicAddress : "127.0.0.1";
    }

    public static Builder builder(Path repoRoot) {
        return new Builder(repoRoot);
    }

    public Builder toBuilder() {
        Builder b = new Builder(repoRoot);
        b.dataDir = dataDir;
        b.portOffset = portOffset;
        b.services = EnumSet.copyOf(services.isEmpty() ? EnumSet.noneOf(Service.class) : services);
        b.websocketInstances = websocketInstances;
        b.external = external;
        b.jvmOptions = new ArrayList<>(jvmOptions);
        b.extraEnv = new LinkedHashMap<>(extraEnv);
        b.startTimeout = startTimeout;
        b.classDataSharing = classDataSharing;
        b.progress = progress;
        b.version = version;
        b.publicAddress = publicAddress;
        b.restartBackOff = restartBackOff;
        return b;
    }

    public Ports ports() {
        return new Ports(portOffset);
    }

    public Path logDir() {
        return dataDir.resolve("logs");
    }

    public Path runDir() {
        return dataDir.resolve("run");
    }

    public Path logFile(String processName) {
        return logDir().resolve(processName + ".log");
    }

    public Path jar(Service service) {
        return repoRoot.resolve(service.module()).resolve("target")
                .resolve(service.module() + "-" + version + "-exec.jar");
    }

    /**
     * Every process to start, in start order, with ports and distinct worker ids: the blocks of
     * ADR 051, {@code 64 × (port − 8080) + instance − 1} (gateway 0, auth 64, ..., websocket 320
     * and 321), as compose and Kubernetes assign them.
     */
    public List<ServiceInstance> instances() {
        Ports ports = ports();
        List<ServiceInstance> list = new ArrayList<>();
        for (Service service : Service.values()) {
            if (!services.contains(service)) {
                continue;
            }
            int count = service == Service.WEBSOCKET ? websocketInstances : 1;
            for (int i = 1; i <= count; i++) {
                String name = i == 1 ? service.module() : service.module() + "-" + i;
                int workerId = 64 * (service.basePort() - Service.GATEWAY.basePort()) + i - 1;
                list.add(new ServiceInstance(service, i, name, ports.service(service, i), workerId));
            }
        }
        return list;
    }

    /** The standby a graceful restart of {@code instance} starts first (ADR 276, 280), when its service has one. */
    public java.util.Optional<ServiceInstance> standbyOf(ServiceInstance instance) {
        // requests reach a standby through the gateway; a media node's conferences through voice-service's moves
        Service needs = instance.service() == Service.MEDIA ? Service.VOICE : Service.GATEWAY;
        if (!instance.service().hasStandby() || instance.index() != 1 || !services.contains(needs)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(instance.standby(ports().standby(instance.service())));
    }

    public static final class Builder {
        private final Path repoRoot;
        private Path dataDir;
        private int portOffset;
        private Set<Service> services = EnumSet.allOf(Service.class);
        private int websocketInstances = 2;
        private ExternalInfra external = ExternalInfra.NONE;
        private List<String> jvmOptions = new ArrayList<>(DEFAULT_JVM_OPTIONS);
        private Map<String, String> extraEnv = new LinkedHashMap<>();
        private Duration startTimeout = Duration.ofMinutes(3);
        private boolean classDataSharing = true;
        private Consumer<String> progress = line -> { };
        private String version = LauncherBuild.version();
        private String publicAddress = ALL_INTERFACES;
        private BackOff restartBackOff = BackOff.DEFAULT;

        private Builder(Path repoRoot) {
            this.repoRoot = repoRoot;
            this.dataDir = repoRoot.resolve("data");
        }

        public Builder dataDir(Path dir) {
            this.dataDir = dir;
            return this;
        }

        public Builder portOffset(int offset) {
            this.portOffset = offset;
            return this;
        }

        public Builder services(Service... selected) {
            return services(List.of(selected));
        }

        public Builder services(Collection<Service> selected) {
            this.services = selected.isEmpty() ? EnumSet.noneOf(Service.class) : EnumSet.copyOf(selected);
            return this;
        }

        public Builder websocketInstances(int count) {
            this.websocketInstances = count;
            return this;
        }

        public Builder external(ExternalInfra infra) {
            this.external = infra;
            return this;
        }

        public Builder jvmOptions(List<String> options) {
            this.jvmOptions = new ArrayList<>(options);
            return this;
        }

        /** Appends options after the defaults (a later flag wins in HotSpot). */
        public Builder addJvmOptions(List<String> options) {
            this.jvmOptions.addAll(options);
            return this;
        }

        public Builder env(String name, String value) {
            this.extraEnv.put(name, value);
            return this;
        }

        public Builder env(Map<String, String> env) {
            this.extraEnv.putAll(env);
            return this;
        }

        public Builder startTimeout(Duration timeout) {
            this.startTimeout = timeout;
            return this;
        }

        public Builder classDataSharing(boolean enabled) {
            this.classDataSharing = enabled;
            return this;
        }

        public Builder progress(Consumer<String> listener) {
            this.progress = listener;
            return this;
        }

        public Builder version(String jarVersion) {
            this.version = jarVersion;
            return this;
        }

        /** Where the gateway (and the media node's UDP port) listen; see {@link FleetConfig#publicAddress()}. */
        public Builder publicAddress(String address) {
            this.publicAddress = address;
            return this;
        }

        /** How crashed processes are restarted; {@code null} turns supervision off (ADR 170). */
        public Builder restartBackOff(BackOff backOff) {
            this.restartBackOff = backOff;
            return this;
        }

        public FleetConfig build() {
            return new FleetConfig(repoRoot, dataDir, portOffset, services, websocketInstances, external, jvmOptions,
                    extraEnv, startTimeout, classDataSharing, progress, version, publicAddress, restartBackOff);
        }
    }
}
