package dev.guildhall.server.role;

import dev.guildhall.support.validation.NoControlCharacters;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Request bodies of the role endpoints; permissions are decimal strings. */
public final class RoleRequests {

    private RoleRequests() {
    }

    /** Every field optional: name defaults to "new role", permissions to @everyone's. */
    public record Create(@Size(min = 1, max = 100) @NoControlCharacters String name, @Size(max = 20) String permissions,
                         @Min(0) @Max(0xFFFFFF) Integer color, Boolean hoist, Boolean mentionable) {
    }

    public record Update(@Size(min = 1, max = 100) @NoControlCharacters String name, @Size(max = 20) String permissions,
                         @Min(0) @Max(0xFFFFFF) Integer color, Boolean hoist, Boolean mentionable) {
    }

    /** One entry of {@code PATCH /servers/{id}/roles}. */
    public record Position(@NotBlank String id, @NotNull @Min(1) @Max(10_000) Integer position) {
    }
}
