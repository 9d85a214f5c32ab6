package dev.guildhall.bot.application;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/** Request bodies about applications. */
public final class ApplicationRequests {

    private ApplicationRequests() {
    }

    public record Create(@NotBlank @Size(min = Application.NAME_MIN, max = Application.NAME_MAX) String name,
                         @Size(max = Application.DESCRIPTION_MAX) String description) {
    }

    /** PATCH: absent fields stay as they are; {@code flags} is the whole set of privileged-intent switches. */
    public record Update(@Size(min = Application.NAME_MIN, max = Application.NAME_MAX) String name,
                         @Size(max = Application.DESCRIPTION_MAX) String description,
                         @PositiveOrZero Long flags) {
    }
}
