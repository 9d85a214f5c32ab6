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
     * ownership (owner only; the new owner must be a member).
     */
    public record Update(@Size(min = 1, max = 100) @NoControlCharacters String serverName, Patch iconUrl, String ownerId) {
    }
}
