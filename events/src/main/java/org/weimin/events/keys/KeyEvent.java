package org.weimin.events.keys;

/**
 * Events of the server keys' history (issue 7, key management): rotations are facts of the record like user
 * changes. They name a key and its versions (a KEK generation, a ledger signing key id), never key material. Sealed
 * so that tests can list every type (each has a golden JSON file).
 */
public sealed interface KeyEvent permits KeyRotated {
    /** Which key: {@code applicant-kek} or {@code ledger-signing}. */
    String key();
}
