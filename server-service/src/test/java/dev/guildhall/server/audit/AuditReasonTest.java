package dev.guildhall.server.audit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AuditReasonTest {

    @Test
    void decodesPercentEncodingButKeepsPlus() {
        assertThat(AuditReason.clean("spam%20and%20abuse")).isEqualTo("spam and abuse");
        assertThat(AuditReason.clean("1+1")).isEqualTo("1+1");
        assertThat(AuditReason.clean("caf%C3%A9")).isEqualTo("café");
        assertThat(AuditReason.clean("100%")).isEqualTo("100%");
    }

    @Test
    void blankIsNullAndLongIsCapped() {
        assertThat(AuditReason.clean(null)).isNull();
        assertThat(AuditReason.clean("   ")).isNull();
        assertThat(AuditReason.plain("x".repeat(600))).hasSize(AuditReason.MAX);
    }
}
