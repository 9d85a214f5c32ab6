package dev.guildhall.message.dm;

import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.common.error.GuildhallException;
import dev.guildhall.support.security.Caller;
import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
@RequestMapping("/api/v1/users/@me/channels")
class DmController {

    private final DmService dms;
    private final GroupDmService groups;

    DmController(DmService dms, GroupDmService groups) {
        this.dms = dms;
        this.groups = groups;
    }

    /** Opens the DM channel with the recipient, or returns the one that exists; with recipient_ids, a new group DM. */
    @PostMapping
    Object open(Caller caller, @Valid @RequestBody DmRequests.Open request) {
        if (request.recipientIds() != null) {
            if (request.recipientId() != null) {
                throw new GuildhallException(ErrorCode.VALIDATION_FAILED, "Give recipient_id or recipient_ids, not both");
            }
            return groups.create(caller.userId(), request.recipientIds());
        }
        if (request.recipientId() == null || request.recipientId().isBlank()) {
            throw new GuildhallException(ErrorCode.VALIDATION_FAILED, "recipient_id or recipient_ids is required",
                    java.util.Map.of("errors", java.util.Map.of("recipient_id", "must not be blank")));
        }
        return dms.open(caller.userId(), request.recipientId());
    }

    /** The caller's group DMs, then 1:1 DMs, each newest first. */
    @GetMapping
    List<Object> list(Caller caller) {
        List<Object> all = new java.util.ArrayList<>(groups.list(caller.userId()));
        all.addAll(dms.list(caller.userId()));
        return all;
    }
}
