package dev.guildhall.server.channel;

import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.common.error.GuildhallException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChannelNamesTest {

    @Test
    void textChannelNamesAreLowerCaseWithDashes() {
        assertThat(ChannelNames.normalize(ChannelType.TEXT, "  Off Topic  Chat ")).isEqualTo("off-topic-chat");
        assertThat(ChannelNames.normalize(ChannelType.VOICE, " Lounge Room ")).isEqualTo("Lounge Room");
        assertThat(ChannelNames.normalize(ChannelType.CATEGORY, "Staff")).isEqualTo("Staff");
    }

    @Test
    void namesAreOneToHundredCharacters() {
        assertThat(ChannelNames.normalize(ChannelType.TEXT, "x".repeat(100))).hasSize(100);
        assertThatThrownBy(() -> ChannelNames.normalize(ChannelType.TEXT, "x".repeat(101)))
                .satisfies(e -> assertThat(((GuildhallException) e).code()).isEqualTo(ErrorCode.VALIDATION_FAILED));
        assertThatThrownBy(() -> ChannelNames.normalize(ChannelType.VOICE, "   "))
                .satisfies(e -> assertThat(((GuildhallException) e).code()).isEqualTo(ErrorCode.VALIDATION_FAILED));
    }

    @Test
    void typesTravelInLowerCase() {
        assertThat(ChannelType.fromWire("Video")).isEqualTo(ChannelType.VIDEO);
        assertThat(ChannelType.CATEGORY.wire()).isEqualTo("category");
        assertThatThrownBy(() -> ChannelType.fromWire("stage"))
                .satisfies(e -> assertThat(((GuildhallException) e).code()).isEqualTo(ErrorCode.INVALID_CHANNEL_TYPE));
    }
}
