package org.weimin.ops.security;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/**
 * The embedded default's staff accounts in table {@code staff_user} of the event-store database (schema-h2.sql): user
 * name, display name, unit, roles, password hash (Spring Security's delegating format, e.g. {@code {bcrypt}$2a$...}),
 * disabled, and whether the account has its {@code UserAccount} history yet. Written only by
 * {@link UserAdministration} and {@link UserStoreInitializer}; read at every login.
 */
public class UserStore {

    /**
     * One account.
     *
     * @param recorded whether a {@code UserCreated} event exists for it (seeded demo accounts get one on first change)
     */
    public record StoredUser(String username, String displayName, String unit, Set<String> roles,
                             String passwordHash, boolean disabled, boolean recorded) {
        @Override
        public String toString() {
            return "StoredUser[" + username + "]";
        }
    }

    private static final RowMapper<StoredUser> ROW = (rs, i) -> new StoredUser(rs.getString("username"),
            rs.getString("display_name"), rs.getString("unit"), roles(rs.getString("roles")),
            rs.getString("password_hash"), rs.getBoolean("disabled"), rs.getBoolean("recorded"));

    private final JdbcTemplate jdbc;

    public UserStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<StoredUser> find(String username) {
        return jdbc.query("SELECT * FROM staff_user WHERE username = ?", ROW, username).stream().findFirst();
    }

    /** Every account, by user name. */
    public List<StoredUser> all() {
        return jdbc.query("SELECT * FROM staff_user ORDER BY username", ROW);
    }

    public long count() {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM staff_user", Long.class);
        return count == null ? 0 : count;
    }

    /** @throws org.springframework.dao.DuplicateKeyException when the user name is taken */
    public void insert(StoredUser user) {
        jdbc.update("INSERT INTO staff_user (username, display_name, unit, roles, password_hash, disabled, recorded) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?)", user.username(), user.displayName(), user.unit(),
                String.join(",", new TreeSet<>(user.roles())), user.passwordHash(), user.disabled(), user.recorded());
    }

    public void setRoles(String username, Set<String> roles) {
        jdbc.update("UPDATE staff_user SET roles = ? WHERE username = ?", String.join(",", new TreeSet<>(roles)),
                username);
    }

    public void setDisabled(String username, boolean disabled) {
        jdbc.update("UPDATE staff_user SET disabled = ? WHERE username = ?", disabled, username);
    }

    public void setPasswordHash(String username, String hash) {
        jdbc.update("UPDATE staff_user SET password_hash = ? WHERE username = ?", hash, username);
    }

    public void markRecorded(String username) {
        jdbc.update("UPDATE staff_user SET recorded = TRUE WHERE username = ?", username);
    }

    private static Set<String> roles(String text) {
        return text == null || text.isBlank() ? Set.of() : new TreeSet<>(Arrays.asList(text.split(",")));
    }
}
