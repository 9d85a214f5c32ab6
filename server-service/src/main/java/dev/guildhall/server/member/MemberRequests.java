package dev.guildhall.server.member;

import dev.guildhall.server.config.Patch;
import jakarta.validation.constraints.Size;

import java.util.List;

/** Request bodies of the member endpoints. */
public final class MemberRequests {

    private MemberRequests() {
    }

    /**
     * {@code nick}: null or empty clears it (at most 32 characters); {@code roles}: the complete
     * new list of role ids (without @everyone).
     */
    public record Update(Patch nick, @Size(max = 250) List<String> roles) {
    }
}
