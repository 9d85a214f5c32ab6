package dev.guildhall.launcher.fleet;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FleetConfigTest {

    private final Path root = Path.of("/srv/guildhall");

    @Test
    void defaultsToEveryServiceWithTwoWebsocketNodesAndDataInTheCheckout() {
        FleetConfig config = FleetConfig.builder(root).build();
        assertThat(config.dataDir()).isEqualTo(root.resolve("data"));
        assertThat(config.instances()).extracting(ServiceInstance::name).containsExactly(
                "gateway-service", "auth-service", "server-service", "message-service", "voice-service",
                "websocket-service", "websocket-service-2", "bot-service", "media-node");
        assertThat(config.instances()).extracting(ServiceInstance::port).containsExactly(
                8080, 8081, 8082, 8083, 8084, 8085, 8086, 8087, 8088);
    }

    @Test
    void workerIdsAreDistinct() {
        List<ServiceInstance> instances = FleetConfig.builder(root).websocketInstances(3).build().instances();
        assertThat(instances).extracting(ServiceInstance::workerId).doesNotHaveDuplicates()
                .allMatch(id -> id >= 0 && id <= 1023);
    }

    @Test
    void selectionAndOffsetApply() {
        FleetConfig config = FleetConfig.builder(root).services(Service.AUTH, Service.WEBSOCKET)
                .websocketInstances(1).portOffset(1000).build();
        assertThat(config.instances()).extracting(ServiceInstance::name, ServiceInstance::port)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("auth-service", 9081),
                        org.assertj.core.groups.Tuple.tuple("websocket-service", 9085));
    }

    @Test
    void jarsAreTheBootExecJarsOfEachModule() {
        FleetConfig config = FleetConfig.builder(root).version("1.2.3").build();
        assertThat(config.jar(Service.MEDIA)).isEqualTo(root.resolve("media-node/target/media-node-1.2.3-exec.jar"));
    }

    @Test
    void logsAndPidFilesLiveInTheDataDir() {
        FleetConfig config = FleetConfig.builder(root).dataDir(Path.of("/tmp/x")).build();
        assertThat(config.logFile("websocket-service-2")).isEqualTo(Path.of("/tmp/x/logs/websocket-service-2.log"));
        assertThat(config.runDir()).isEqualTo(Path.of("/tmp/x/run"));
    }
}
