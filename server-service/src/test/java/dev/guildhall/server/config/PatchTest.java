package dev.guildhall.server.config;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PatchTest {

    record Body(String name, Patch iconUrl) {
    }

    final JsonMapper json = JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();

    @Test
    void absentNullAndValueAreThreeDifferentThings() {
        assertThat(json.readValue("{\"name\":\"a\"}", Body.class).iconUrl()).isNull();
        Patch cleared = json.readValue("{\"icon_url\":null}", Body.class).iconUrl();
        assertThat(cleared).isNotNull();
        assertThat(cleared.clears()).isTrue();
        assertThat(json.readValue("{\"icon_url\":\"https://x/y.png\"}", Body.class).iconUrl().value())
                .isEqualTo("https://x/y.png");
        assertThat(json.readValue("{\"icon_url\":123}", Body.class).iconUrl().value()).isEqualTo("123");
    }

    @Test
    void objectsAreRefused() {
        assertThatThrownBy(() -> json.readValue("{\"icon_url\":{\"a\":1}}", Body.class))
                .isInstanceOf(MismatchedInputException.class);
    }
}
