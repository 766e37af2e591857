package org.weimin.ops.security;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Set;
import org.springframework.context.annotation.Conditional;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.weimin.events.StaffMember;

/**
 * {@code /api/admin/users}: the embedded default's staff accounts, for administrators ({@link UserAdministration}).
 * Absent with an external issuer, whose own directory manages users. Replies never carry a password or hash.
 */
@RestController
@Conditional(LocalTokens.class)
public class UserAdminController {
    private final UserAdministration users;

    public UserAdminController(UserAdministration users) {
        this.users = users;
    }

    /** A new account: roles by their token names; a password of 12 to 200 characters. */
    public record NewUser(@NotBlank @Size(max = 64) String username, @NotBlank @Size(max = 200) String displayName,
                          @NotBlank @Size(max = 64) String unit, @NotEmpty Set<String> roles,
                          @NotBlank String password) {
        @Override
        public String toString() {
            return "NewUser[" + username + "]";
        }
    }

    /** The whole new set of roles. */
    public record RolesRequest(@NotEmpty Set<String> roles) {
    }

    /** Why the account is disabled. */
    public record DisableRequest(@NotBlank @Size(max = 500) String reason) {
    }

    /** The new password (12 to 200 characters). */
    public record PasswordRequest(@NotBlank String password) {
        @Override
        public String toString() {
            return "PasswordRequest[****]";
        }
    }

    @GetMapping("/api/admin/users")
    public List<UserAdministration.UserSummary> list(StaffMember admin) {
        return users.list(admin);
    }

    /** 201 with the account; 409 {@code USER_ALREADY_EXISTS}. */
    @PostMapping("/api/admin/users")
    @ResponseStatus(HttpStatus.CREATED)
    public UserAdministration.UserSummary create(StaffMember admin, @Valid @RequestBody NewUser request) {
        return users.create(admin, request.username(), request.displayName(), request.unit(), request.roles(),
                request.password());
    }

    @PostMapping("/api/admin/users/{username}/roles")
    public UserAdministration.UserSummary roles(StaffMember admin, @PathVariable String username,
                                               @Valid @RequestBody RolesRequest request) {
        return users.setRoles(admin, username, request.roles());
    }

    /** No new token for the account; tokens issued before run out within their lifetime. */
    @PostMapping("/api/admin/users/{username}/disable")
    public UserAdministration.UserSummary disable(StaffMember admin, @PathVariable String username,
                                                  @Valid @RequestBody DisableRequest request) {
        return users.disable(admin, username, request.reason());
    }

    @PostMapping("/api/admin/users/{username}/enable")
    public UserAdministration.UserSummary enable(StaffMember admin, @PathVariable String username) {
        return users.enable(admin, username);
    }

    @PostMapping("/api/admin/users/{username}/password")
    public UserAdministration.UserSummary password(StaffMember admin, @PathVariable String username,
                                                   @Valid @RequestBody PasswordRequest request) {
        return users.resetPassword(admin, username, request.password());
    }

    /** The account's events (UserCreated, UserRolesChanged, UserDisabled, UserEnabled, PasswordReset). */
    @GetMapping("/api/admin/users/{username}/history")
    public List<UserAdministration.HistoryEntry> history(StaffMember admin, @PathVariable String username) {
        return users.history(admin, username);
    }
}
