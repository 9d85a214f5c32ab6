package dev.guildhall.launcher.fleet;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.guildhall.infra.FreePorts;

/** What must hold before a fleet starts anything: the service jars exist and none of its ports is taken. */
final class Preflight {

    private Preflight() {
    }

    /** @throws FleetStartException saying what is missing or busy and what to do about it */
    static void check(FleetConfig config, List<ServiceInstance> instances) {
        requireJars(config);
        requirePortsFree(config, instances);
    }

    private static void requireJars(FleetConfig config) {
        List<String> missing = config.services().stream().map(config::jar).filter(j -> !Files.isRegularFile(j))
                .map(Path::toString).toList();
        if (!missing.isEmpty()) {
            throw new FleetStartException("service jars missing: " + missing
                    + "\nbuild them with ./mvnw -DskipTests install (./guildhall up does it for you)");
        }
    }

    private static void requirePortsFree(FleetConfig config, List<ServiceInstance> instances) {
        Map<String, Integer> wanted = new LinkedHashMap<>();
        Ports ports = config.ports();
        ExternalInfra ext = config.external();
        if (!ext.hasDatabase()) {
            wanted.put("mariadb", ports.mariaDb());
        }
        if (!ext.hasRedis()) {
            wanted.put("redis", ports.redis());
        }
        if (!ext.hasKafka()) {
            wanted.put("kafka", ports.kafka());
            wanted.put("kafka controller", ports.kafkaController());
        }
        if (!ext.hasS3()) {
            wanted.put("s3", ports.s3());
        }
        instances.forEach(i -> wanted.put(i.name(), i.port()));
        List<String> busy = new ArrayList<>();
        wanted.forEach((what, port) -> {
            if (!FreePorts.isFree(port)) {
                busy.add(port + " (" + what + ")");
            }
        });
        if (!busy.isEmpty()) {
            throw new FleetStartException("ports already in use: " + String.join(", ", busy)
                    + "\nis another Guildhall running? ./guildhall status / ./guildhall down, or pick another --offset");
        }
    }
}
