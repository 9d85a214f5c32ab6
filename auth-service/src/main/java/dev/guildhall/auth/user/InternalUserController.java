package dev.guildhall.auth.user;

import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.common.error.GuildhallException;
import dev.guildhall.common.id.Snowflake;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Service-to-service lookups (never routed by the gateway; the internal token is checked by the
 * security configuration). Unknown ids are left out of the answer, not reported.
 */
@RestController
@RequestMapping("/internal/users")
public class InternalUserController {

    static final int MAX_IDS = 100;

    private final UserService users;

    public InternalUserController(UserService users) {
        this.users = users;
    }

    @GetMapping
    public List<UserResponses.Profile> users(@RequestParam(name = "ids", defaultValue = "") String ids) {
        Set<Long> parsed = new LinkedHashSet<>();
        Arrays.stream(ids.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .forEach(s -> parsed.add(Snowflake.parse(s)));
        if (parsed.size() > MAX_IDS) {
            throw new GuildhallException(ErrorCode.VALIDATION_FAILED, "At most " + MAX_IDS + " ids per call",
                    Map.of("errors", Map.of("ids", "at most " + MAX_IDS)));
        }
        return users.findAll(parsed).stream().map(UserResponses.Profile::of).toList();
    }
}
