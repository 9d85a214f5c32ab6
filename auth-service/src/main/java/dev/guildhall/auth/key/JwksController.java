package dev.guildhall.auth.key;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

@RestController
public class JwksController {

    private final KeyRing ring;
    private final KeyRotationService rotation;

    JwksController(KeyRing ring, KeyRotationService rotation) {
        this.ring = ring;
        this.rotation = rotation;
    }

    /** Public halves of every key that signs, will sign soon, or signed tokens not yet expired. */
    @GetMapping(value = "/.well-known/jwks.json", produces = {"application/jwk-set+json", MediaType.APPLICATION_JSON_VALUE})
    public ResponseEntity<Map<String, Object>> jwks() {
        return ResponseEntity.ok()
                .cacheControl(CacheControl.maxAge(Duration.ofMinutes(1)).cachePublic())
                .body(ring.publicJwks().toJSONObject(true));
    }

    /** Operators: start a rotation now (e.g. after a suspected key leak). Internal token required. */
    @PostMapping("/internal/signing-keys/rotate")
    public Map<String, Object> rotate() {
        SigningKey key = rotation.rotateNow();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kid", key.kid());
        body.put("activate_at", key.activateAt());
        return body;
    }
}
