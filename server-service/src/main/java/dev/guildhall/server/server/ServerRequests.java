package dev.guildhall.server.server;

import dev.guildhall.server.config.Patch;
import dev.guildhall.support.validation.NoControlCharacters;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Request bodies of the server endpoints. */
public final class ServerRequests {

    private ServerRequests() {
    }

    public record Create(@NotBlank @Size(max = 100) @NoControlCharacters String serverName) {
    }

    /**
     * Every field optional. {@code icon_url: null} clears the icon; {@code owner_id} transfers
     * ownership (owner only; the new owner must be a member). {@code icon_upload_id} names an icon
     * upload of the caller ({@code POST /uploads}, ADR 195): its crops become {@code icon_url}.
     */
    public record Update(@Size(min = 1, max = 100) @NoControlCharacters String serverName, Patch iconUrl, String ownerId,
                         @Size(max = 20) String iconUploadId) {

        public Update(String serverName, Patch iconUrl, String ownerId) {
            this(serverName, iconUrl, ownerId, null);
        }

        /** The same change, with the icon set to this URL instead of an upload. */
        Update withIconUrl(String url) {
            return new Update(serverName, new Patch(url), ownerId, null);
        }
    }
}
