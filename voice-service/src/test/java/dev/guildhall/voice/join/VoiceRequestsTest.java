package dev.guildhall.voice.join;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What {@code @Valid} refuses in the voice API's bodies (as VALIDATION_FAILED, by the shared error handler). */
class VoiceRequestsTest {

    private final Validator validator = Validation.buildDefaultValidatorFactory().getValidator();

    @Test
    void aMoveNeedsAChannelIdAndNothingElseIsRequired() {
        assertThat(validator.validate(new VoiceRequests.Moderation(true, null, "not-an-id")))
                .extracting(v -> v.getPropertyPath().toString()).containsExactly("channelId");
        assertThat(validator.validate(new VoiceRequests.Moderation(null, null, "123456789012345678"))).isEmpty();
        assertThat(validator.validate(new VoiceRequests.Moderation(true, false, null))).isEmpty();
        assertThat(validator.validate(new VoiceRequests.SelfState(null, null, null, null))).isEmpty();
    }
}
