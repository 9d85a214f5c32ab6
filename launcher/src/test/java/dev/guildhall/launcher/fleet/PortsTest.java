package dev.guildhall.launcher.fleet;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PortsTest {

    @Test
    void conventionalPortsWithoutOffset() {
        Ports p = new Ports(0);
        assertThat(p.service(Service.GATEWAY, 1)).isEqualTo(8080);
        assertThat(p.service(Service.MEDIA, 1)).isEqualTo(8088);
        assertThat(p.service(Service.WEBSOCKET, 1)).isEqualTo(8085);
        assertThat(p.service(Service.WEBSOCKET, 2)).isEqualTo(8086);
        assertThat(p.mariaDb()).isEqualTo(13306);
        assertThat(p.redis()).isEqualTo(16379);
        assertThat(p.kafka()).isEqualTo(19092);
        assertThat(p.kafkaController()).isEqualTo(19093);
        assertThat(p.s3()).isEqualTo(19000);
    }

    @Test
    void offsetShiftsEveryPort() {
        Ports p = new Ports(1000);
        assertThat(p.service(Service.GATEWAY, 1)).isEqualTo(9080);
        assertThat(p.service(Service.WEBSOCKET, 2)).isEqualTo(9086);
        assertThat(p.mariaDb()).isEqualTo(14306);
        assertThat(p.kafka()).isEqualTo(20092);
        assertThat(p.mediaUdp()).isEqualTo(11000);
    }

    @Test
    void extraWebsocketNodesSkipTheBotAndMediaPorts() {
        Ports p = new Ports(0);
        assertThat(p.service(Service.WEBSOCKET, 3)).isEqualTo(8089);
        assertThat(p.service(Service.WEBSOCKET, 4)).isEqualTo(8090);
        assertThat(p.all(4)).doesNotHaveDuplicates();
    }

    @Test
    void standbysOfTheRequestServicesTakeTheirOwnPorts() {
        Ports p = new Ports(1000);
        assertThat(p.standby(Service.AUTH)).isEqualTo(9131);
        assertThat(p.standby(Service.MESSAGE)).isEqualTo(9133);
        assertThat(p.standby(Service.BOT)).isEqualTo(9137);
        assertThat(p.standby(Service.MEDIA)).isEqualTo(9138);
        assertThat(p.all(4)).contains(9131, 9132, 9133, 9134, 9137, 9138).doesNotHaveDuplicates();
        assertThatThrownBy(() -> p.standby(Service.GATEWAY)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> p.standby(Service.WEBSOCKET)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onlyWebsocketServiceHasSeveralInstances() {
        assertThatThrownBy(() -> new Ports(0).service(Service.AUTH, 2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void offsetMustKeepPortsInRange() {
        assertThatThrownBy(() -> new Ports(50000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Ports(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFreeOffsetHasEveryPortFreeAndBelowTheEphemeralRange() {
        for (int i = 0; i < 20; i++) {
            int offset = Ports.findFreeOffset(2);
            assertThat(offset % 100).isZero();
            assertThat(offset).isPositive();
            assertThat(new Ports(offset).all(2)).allMatch(dev.guildhall.infra.FreePorts::isFree)
                    .allMatch(port -> port < 32768, "below the ephemeral range");
        }
    }

    @Test
    void anOffsetWhosePortIsTakenIsPassedOverBelowTheEphemeralRange() throws Exception {
        int preferred = Ports.firstFreeOffsetFrom(3000, 2);
        try (java.net.ServerSocket taken = new java.net.ServerSocket(new Ports(preferred).redis(), 1,
                java.net.InetAddress.getLoopbackAddress())) {
            int offset = Ports.firstFreeOffsetFrom(preferred, 2);
            assertThat(offset).isGreaterThan(preferred);
            assertThat(Ports.KAFKA_CONTROLLER + offset).isLessThan(32768);
            assertThat(new Ports(offset).all(2)).allMatch(dev.guildhall.infra.FreePorts::isFree);
        }
    }
}
