package dev.guildhall.launcher.cli;

import dev.guildhall.launcher.fleet.Service;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OptionsTest {

    @Test
    void commandPositionalsAndOptions() {
        Options o = Options.parse(new String[] {"up", "--offset", "1000", "--services", "auth-service, websocket-service",
                "--websocket-instances", "3", "--data", "/tmp/d", "--no-cds", "--timeout", "90"}, Map.of());
        assertThat(o.command()).isEqualTo("up");
        assertThat(o.offset()).isEqualTo(1000);
        assertThat(o.services()).containsExactly(Service.AUTH, Service.WEBSOCKET);
        assertThat(o.websocketInstances()).isEqualTo(3);
        assertThat(o.dataDir()).isEqualTo(Path.of("/tmp/d"));
        assertThat(o.noCds()).isTrue();
        assertThat(o.timeoutSeconds()).isEqualTo(90);
    }

    @Test
    void logsTakesANameAndFollowsByDefault() {
        Options o = Options.parse(new String[] {"logs", "websocket-service-2", "-n", "10"}, Map.of());
        assertThat(o.positional()).containsExactly("websocket-service-2");
        assertThat(o.lines()).isEqualTo(10);
        assertThat(o.follow()).isTrue();
        assertThat(Options.parse(new String[] {"logs", "kafka", "--no-follow", "--raw"}, Map.of()))
                .satisfies(p -> {
                    assertThat(p.follow()).isFalse();
                    assertThat(p.raw()).isTrue();
                });
    }

    @Test
    void offsetFromTheEnvironmentUnlessGiven() {
        assertThat(Options.parse(new String[] {"status"}, Map.of("GUILDHALL_PORT_OFFSET", "500")).offset()).isEqualTo(500);
        assertThat(Options.parse(new String[] {"status", "--offset", "7"}, Map.of("GUILDHALL_PORT_OFFSET", "500")).offset()).isEqualTo(7);
    }

    @Test
    void publicAddressFromTheEnvironmentUnlessGiven() {
        assertThat(Options.parse(new String[] {"up"}, Map.of()).bindAddress()).isNull();
        assertThat(Options.parse(new String[] {"up"}, Map.of("GUILDHALL_BIND_ADDRESS", "10.0.0.5")).bindAddress()).isEqualTo("10.0.0.5");
        assertThat(Options.parse(new String[] {"up", "--bind", "127.0.0.1"}, Map.of("GUILDHALL_BIND_ADDRESS", "10.0.0.5")).bindAddress())
                .isEqualTo("127.0.0.1");
    }

    @Test
    void mistakesAreReported() {
        assertThatThrownBy(() -> Options.parse(new String[] {"up", "--bogus"}, Map.of())).hasMessageContaining("--bogus");
        assertThatThrownBy(() -> Options.parse(new String[] {"up", "--offset"}, Map.of())).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> Options.parse(new String[] {"up", "--services", "nope"}, Map.of())).hasMessageContaining("unknown service");
        assertThat(Options.parse(new String[] {}, Map.of()).command()).isEqualTo("help");
    }
}
