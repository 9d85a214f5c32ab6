package dev.guildhall.bot.application;

import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.common.error.GuildhallException;
import dev.guildhall.common.id.Snowflake;
import dev.guildhall.support.security.Caller;
import dev.guildhall.support.web.DeferredBody;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** A person's applications. Bots cannot manage applications (theirs or any other). */
@RestController
@RequestMapping("/api/v1/applications")
public class ApplicationController {

    private final ApplicationService applications;

    public ApplicationController(ApplicationService applications) {
        this.applications = applications;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    public ApplicationResponse create(Caller caller, @Valid @RequestBody ApplicationRequests.Create request) {
        return applications.create(person(caller), request);
    }

    @GetMapping
    public List<ApplicationResponse> mine(Caller caller) {
        return applications.list(person(caller));
    }

    @GetMapping("/{applicationId}")
    public ApplicationResponse get(Caller caller, @PathVariable String applicationId) {
        return applications.get(person(caller), Snowflake.parse(applicationId));
    }

    @PatchMapping("/{applicationId}")
    public ApplicationResponse update(Caller caller, @PathVariable String applicationId,
                                      DeferredBody<ApplicationRequests.Update> request) {
        return applications.update(person(caller), Snowflake.parse(applicationId), request);
    }

    @DeleteMapping("/{applicationId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void delete(Caller caller, @PathVariable String applicationId) {
        applications.delete(person(caller), Snowflake.parse(applicationId));
    }

    /** Applications belong to people: a bot token is refused here. */
    static long person(Caller caller) {
        if (caller.bot()) {
            throw new GuildhallException(ErrorCode.BOT_NOT_ALLOWED, "Applications are managed by their owner");
        }
        return caller.userId();
    }
}
