package dev.guildhall.common.internal;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * server-service → message-service ({@link InternalApi#GROUP_DM}): {@code PATCH /api/v1/channels/{id}} named a
 * channel that is not a server's, so it may be a group DM, which message-service owns (ADR 231). The caller has
 * not been checked: message-service answers 404 {@code UNKNOWN_CHANNEL} unless they are a current recipient.
 *
 * @param userId       the caller
 * @param rename       whether {@code name} was in the request ({@code name: null} or blank clears the name)
 * @param changeIcon   whether {@code icon_upload_id} was in the request ({@code null} removes the icon)
 * @param iconUploadId an upload of the caller with purpose {@code icon} ({@code POST /api/v1/uploads})
 */
public record GroupDmChange(
        @JsonProperty("user_id") String userId,
        @JsonProperty("rename") boolean rename,
        @JsonProperty("name") String name,
        @JsonProperty("change_icon") boolean changeIcon,
        @JsonProperty("icon_upload_id") String iconUploadId) {
}
