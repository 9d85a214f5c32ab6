package dev.guildhall.message.dm;

import java.util.List;

/** Request bodies of the DM endpoints. */
public final class DmRequests {

    private DmRequests() {
    }

    /** {@code recipient_id} opens the 1:1 DM with that user; {@code recipient_ids} (2–9 others) makes a group DM. */
    public record Open(String recipientId, List<String> recipientIds) {
    }
}
