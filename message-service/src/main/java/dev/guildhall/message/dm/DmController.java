package dev.guildhall.message.dm;

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

    DmController(DmService dms) {
        this.dms = dms;
    }

    /** Opens the DM channel with the recipient, or returns the one that exists. */
    @PostMapping
    DmChannelView open(Caller caller, @Valid @RequestBody DmRequests.Open request) {
        return dms.open(caller.userId(), request.recipientId());
    }

    @GetMapping
    List<DmChannelView> list(Caller caller) {
        return dms.list(caller.userId());
    }
}
