package dev.guildhall.server.internal;

import java.util.List;

/**
 * Shapes of internal endpoints that are not shared contracts: the permissions answer
 * and the server snapshot are contracts in {@code common} ({@code dev.guildhall.common.internal}).
 */
public final class InternalResponses {

    private InternalResponses() {
    }

    /** {@code GET /internal/users/{id}/servers}. */
    public record UserServers(String userId, List<String> serverIds) {
    }
}
