package org.weimin.ops.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.core.io.Resource;
import org.weimin.events.UnitId;
import org.weimin.events.org.OrgTree;

/**
 * A users file ({@code weimin.security.users}, e.g. the demo accounts of {@code reference/users.json}): staff accounts
 * with hashed passwords ({@code {bcrypt}...}), roles and an org unit. Every unit must exist in the org tree. It only
 * fills an empty {@link UserStore} ({@link UserStoreInitializer}); logins read the store.
 */
public final class UserDirectory {

    /** One account. {@code passwordHash} is in Spring Security's delegating format, e.g. {@code {bcrypt}$2a$...}. */
    public record StaffAccount(String username, String displayName, String unit, Set<String> roles,
                               String passwordHash) {
        @Override
        public String toString() {
            return "StaffAccount[" + username + "]";
        }
    }

    private final Map<String, StaffAccount> accounts;

    private UserDirectory(Map<String, StaffAccount> accounts) {
        this.accounts = accounts;
    }

    /** @throws IllegalArgumentException on duplicate user names or unknown units */
    public static UserDirectory load(Resource file, ObjectMapper json, OrgTree tree) throws IOException {
        try (InputStream in = file.getInputStream()) {
            List<StaffAccount> list = List.of(json.readValue(in, StaffAccount[].class));
            for (StaffAccount account : list) {
                if (tree.find(UnitId.of(account.unit())).isEmpty()) {
                    throw new IllegalArgumentException("user " + account.username() + " names unknown unit "
                            + account.unit());
                }
            }
            return new UserDirectory(list.stream().collect(Collectors.toUnmodifiableMap(
                    StaffAccount::username, Function.identity())));
        }
    }

    /** Every account of the file. */
    public List<StaffAccount> all() {
        return accounts.values().stream().sorted(java.util.Comparator.comparing(StaffAccount::username)).toList();
    }

    public Optional<StaffAccount> find(String username) {
        return Optional.ofNullable(accounts.get(username));
    }
}
