package dev.guildhall.launcher.fleet;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import dev.guildhall.infra.FreePorts;

/**
 * The fleet's ports: the conventional ones (docs/CONVENTIONS.md) shifted by an offset, so a test
 * fleet ({@code offset 1000}: gateway 9080, MariaDB 14306, ...) never meets a developer's.
 */
public record Ports(int offset) {

    public static final int MARIADB = 13306;
    public static final int REDIS = 16379;
    public static final int KAFKA = 19092;
    public static final int KAFKA_CONTROLLER = 19093;
    public static final int S3 = 19000;
    public static final int MEDIA_UDP = 10000;
    /** Linux's default start of the ephemeral port range ({@code net.ipv4.ip_local_port_range}). */
    static final int EPHEMERAL_START = 32768;

    public Ports {
        if (offset < 0 || offset + KAFKA_CONTROLLER > 65535) {
            throw new IllegalArgumentException("port offset " + offset + " is out of range");
        }
    }

    /**
     * The port of instance {@code index} (1-based) of a service. Extra websocket instances take
     * 8086, then 8089, 8090, ... (8087 and 8088 belong to bot-service and media-node).
     */
    public int service(Service service, int index) {
        if (index < 1) {
            throw new IllegalArgumentException("instance index starts at 1");
        }
        if (index == 1) {
            return service.basePort() + offset;
        }
        if (service != Service.WEBSOCKET) {
            throw new IllegalArgumentException("only websocket-service runs more than one instance");
        }
        return (index == 2 ? 8086 : 8089 + index - 3) + offset;
    }

    /** Where a service's standby instance listens while the launcher restarts the first (ADR 276, 280): 8131–8138. */
    public int standby(Service service) {
        if (!service.hasStandby()) {
            throw new IllegalArgumentException(service.module() + " has no standby instance");
        }
        return service.basePort() + 50 + offset;
    }

    public int mariaDb() {
        return MARIADB + offset;
    }

    public int redis() {
        return REDIS + offset;
    }

    public int kafka() {
        return KAFKA + offset;
    }

    public int kafkaController() {
        return KAFKA_CONTROLLER + offset;
    }

    public int s3() {
        return S3 + offset;
    }

    public int mediaUdp() {
        return MEDIA_UDP + offset;
    }

    /** The standby media node's UDP port while the launcher restarts the first (ADR 280). */
    public int mediaUdpStandby() {
        return mediaUdp() + 1;
    }

    /** Every TCP port a fleet with up to {@code websocketInstances} websocket nodes (and standbys) may listen on. */
    public List<Integer> all(int websocketInstances) {
        List<Integer> ports = new ArrayList<>(List.of(mariaDb(), redis(), kafka(), kafkaController(), s3()));
        for (Service s : Service.values()) {
            int count = s == Service.WEBSOCKET ? websocketInstances : 1;
            for (int i = 1; i <= count; i++) {
                ports.add(service(s, i));
            }
            if (s.hasStandby()) {
                ports.add(standby(s));
            }
        }
        return ports;
    }

    /**
     * An offset (a random multiple of 100, at least 100) under which every port of a fleet is free right now and
     * below the ephemeral port range (32768+: an outgoing connection can take such a port between the check and the
     * bind — a CI run lost Kafka's to one): what a test fleet uses so it meets neither a developer's fleet nor
     * another test's.
     */
    public static int findFreeOffset(int websocketInstances) {
        int highest = (EPHEMERAL_START - 1 - KAFKA_CONTROLLER) / 100;
        for (int attempt = 0; attempt < 50; attempt++) {
            int offset = 100 * ThreadLocalRandom.current().nextInt(1, highest + 1);
            if (new Ports(offset).all(websocketInstances).stream().allMatch(FreePorts::isFree)) {
                return offset;
            }
        }
        throw new IllegalStateException("no port offset with all ports free found");
    }

    /**
     * The first offset from {@code preferred} upwards, in steps of 500 and below the ephemeral port range (32768+,
     * where an outgoing connection can take a port at random), under which every port of a fleet is free right now:
     * a test run beside another one, or beside what a killed run left behind, gets a fleet of its own.
     */
    public static int firstFreeOffsetFrom(int preferred, int websocketInstances) {
        for (int offset = preferred; KAFKA_CONTROLLER + offset < EPHEMERAL_START; offset += 500) {
            if (new Ports(offset).all(websocketInstances).stream().allMatch(FreePorts::isFree)) {
                return offset;
            }
        }
        throw new IllegalStateException("no port offset from " + preferred + " with all ports free");
    }
}
