package org.weimin.ops.open311;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.weimin.events.StaffMember;

/**
 * {@code /api/admin/open311/keys}: Open311 API keys, for administrators ({@link ApiKeys}). The key itself is in the
 * create reply only ({@code Cache-Control: no-store}); lists never show a key or its hash.
 */
@RestController
public class ApiKeyAdminController {
    private final ApiKeys keys;

    public ApiKeyAdminController(ApiKeys keys) {
        this.keys = keys;
    }

    /** A new key: who it is for, and the receiving window its requests are received at. */
    public record NewKey(@NotBlank @Size(max = 200) String label, @NotBlank @Size(max = 64) String window) {
    }

    /** Why the key is revoked. */
    public record RevokeRequest(@NotBlank @Size(max = 500) String reason) {
    }

    @GetMapping("/api/admin/open311/keys")
    public List<ApiKeys.KeySummary> list(StaffMember admin) {
        return keys.list(admin);
    }

    /** 201 with the key, shown this once. */
    @PostMapping("/api/admin/open311/keys")
    public ResponseEntity<ApiKeys.IssuedKey> issue(StaffMember admin, @Valid @RequestBody NewKey request) {
        return ResponseEntity.status(201).header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(keys.issue(admin, request.label(), request.window()));
    }

    @PostMapping("/api/admin/open311/keys/{keyId}/revoke")
    public ApiKeys.KeySummary revoke(StaffMember admin, @PathVariable String keyId,
                                     @Valid @RequestBody RevokeRequest request) {
        return keys.revoke(admin, keyId, request.reason());
    }
}
