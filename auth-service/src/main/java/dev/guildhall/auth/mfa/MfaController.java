package dev.guildhall.auth.mfa;

import dev.guildhall.auth.user.CurrentUser;
import dev.guildhall.auth.user.UserService;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** The caller's own TOTP setup. */
@RestController
@RequestMapping("/api/v1/users/@me/mfa/totp")
public class MfaController {

    private final MfaService mfa;
    private final UserService users;

    MfaController(MfaService mfa, UserService users) {
        this.mfa = mfa;
        this.users = users;
    }

    @PostMapping("/enable")
    public MfaService.Setup enable(@AuthenticationPrincipal Jwt jwt) {
        long userId = CurrentUser.id(jwt);
        users.requireHuman(userId);
        return mfa.enable(userId, users.get(userId).username());
    }

    @PostMapping("/verify")
    public RecoveryCodesResponse verify(@AuthenticationPrincipal Jwt jwt, @Valid @RequestBody CodeRequest request) {
        users.requireHuman(CurrentUser.id(jwt));
        return new RecoveryCodesResponse(mfa.activate(CurrentUser.id(jwt), request.code().strip()));
    }

    @PostMapping("/disable")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void disable(@AuthenticationPrincipal Jwt jwt, @Valid @RequestBody CodeRequest request) {
        users.requireHuman(CurrentUser.id(jwt));
        mfa.disable(CurrentUser.id(jwt), request.code());
    }

    public record CodeRequest(@NotBlank @Size(max = 64) String code) {
    }

    public record RecoveryCodesResponse(List<String> recoveryCodes) {
    }
}
