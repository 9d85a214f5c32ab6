package dev.guildhall.launcher.fleet;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HealthProbeTest {

    @Test
    void upOnlyWhenTheAggregateStatusIsUp() {
        assertThat(HealthProbe.parse(200, "{\"status\":\"UP\",\"groups\":[\"liveness\",\"readiness\"]}").state())
                .isEqualTo(HealthProbe.State.UP);
        HealthProbe.Health down = HealthProbe.parse(503,
                "{\"status\":\"DOWN\",\"components\":{\"db\":{\"status\":\"UP\"},\"redis\":{\"status\":\"DOWN\"}}}");
        assertThat(down.state()).isEqualTo(HealthProbe.State.DOWN);
        assertThat(down.detail()).isEqualTo("DOWN");
        assertThat(HealthProbe.parse(404, "<html>").detail()).isEqualTo("HTTP 404");
    }

    @Test
    void nobodyListeningIsUnreachable() {
        int port = dev.guildhall.infra.FreePorts.find();
        assertThat(HealthProbe.check(port, java.time.Duration.ofSeconds(1)).state()).isEqualTo(HealthProbe.State.UNREACHABLE);
    }
}
