package dev.guildhall.message.dm;

import jakarta.validation.constraints.NotBlank;

/** Request bodies of the DM endpoints. */
public final class DmRequests {

    private DmRequests() {
    }

    public record Open(@NotBlank String recipientId) {
    }
}
