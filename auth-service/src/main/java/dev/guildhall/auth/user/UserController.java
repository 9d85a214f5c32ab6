package dev.guildhall.auth.user;

import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.common.error.GuildhallException;
import dev.guildhall.common.id.Snowflake;
import dev.guildhall.support.media.ImageUploadsClient;
import jakarta.validation.Valid;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/users")
public class UserController {

    private final UserService users;
    private final ImageUploadsClient avatars;

    public UserController(UserService users, ImageUploadsClient avatars) {
        this.users = users;
        this.avatars = avatars;
    }

    @GetMapping("/@me")
    public UserResponses.Me me(@AuthenticationPrincipal Jwt jwt) {
        return UserResponses.Me.of(self(jwt));
    }

    @PatchMapping("/@me")
    public UserResponses.Me update(@AuthenticationPrincipal Jwt jwt, @Valid @RequestBody UserRequests.Update request) {
        User before = self(jwt);
        long userId = CurrentUser.id(jwt);
        UserRequests.Update change = request.avatarUploadId() == null ? request
                : request.withAvatarUrl(avatars.claim(userId, request.avatarUploadId(), "avatar"));
        User after = users.update(userId, change, jwt);
        if (before.avatarUrl() != null && !before.avatarUrl().equals(after.avatarUrl())) {
            // committed: the replaced avatar's crops leave the store (ADR 234)
            avatars.release(before.avatarUrl(), "avatar");
        }
        return UserResponses.Me.of(after);
    }

    @GetMapping("/{userId}")
    public UserResponses.Profile profile(@PathVariable String userId) {
        return UserResponses.Profile.of(users.get(Snowflake.parse(userId)));
    }

    /** A valid token whose account no longer exists is as good as no token. */
    private User self(Jwt jwt) {
        return users.find(CurrentUser.id(jwt))
                .orElseThrow(() -> new GuildhallException(ErrorCode.INVALID_TOKEN, "The account no longer exists"));
    }
}
