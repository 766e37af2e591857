package org.weimin.events.users;

/**
 * Events of a staff user account's history (issue 7: reference-data changes are themselves events). They never carry
 * a password or its hash: a hash is a secret and stays in the user store's table. Sealed so that tests can list every
 * type (each has a golden JSON file).
 */
public sealed interface UserEvent permits UserCreated, UserRolesChanged, UserDisabled, UserEnabled, PasswordReset {
    /** The account's user name (the aggregate id). */
    String username();
}
