package dev.guildhall.common.error;

import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemsTest {

    @Test
    void problemCarriesStatusTitleAndStableCode() {
        ProblemDetail p = Problems.of(new GuildhallException(ErrorCode.UNKNOWN_SERVER, "Unknown server"));
        assertThat(p.getStatus()).isEqualTo(404);
        assertThat(p.getTitle()).isEqualTo("Unknown server");
        assertThat(p.getProperties()).containsEntry("code", "UNKNOWN_SERVER");
        assertThat(p.getType().toString()).endsWith("/unknown-server");
    }

    @Test
    void extraPropertiesTravelAlong() {
        ProblemDetail p = Problems.of(GuildhallException.missing("MANAGE_ROLES"));
        assertThat(p.getStatus()).isEqualTo(403);
        assertThat(p.getProperties()).containsEntry("permission", "MANAGE_ROLES")
                .containsEntry("code", "MISSING_PERMISSIONS");
    }

    @Test
    void everyCodeMapsToAnErrorStatus() {
        for (ErrorCode code : ErrorCode.values()) {
            assertThat(code.status()).as(code.name()).isBetween(400, 599);
            assertThat(Problems.of(code, null, Map.of()).getDetail()).isEqualTo(code.title());
        }
    }
}
