package dev.guildhall.auth.user;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * bot-service creates an application's bot user here (ADR 150): auth-service owns every account, bots
 * included. Internal only (the internal token is checked by the security configuration).
 */
@RestController
@RequestMapping("/internal/bot-users")
public class InternalBotUserController {

    private final UserService users;

    public InternalBotUserController(UserService users) {
        this.users = users;
    }

    /** Creates a bot user; a taken username comes back with a numbered suffix. */
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    public UserResponses.Profile create(@Valid @RequestBody CreateBotUser request) {
        return UserResponses.Profile.of(users.createBot(request.username()));
    }

    public record CreateBotUser(@NotBlank @Pattern(regexp = User.USERNAME_PATTERN,
            message = "must be 2-32 characters: letters, digits, '_', '.' or '-'") String username) {
    }
}
