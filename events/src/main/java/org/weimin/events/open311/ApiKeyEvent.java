package org.weimin.events.open311;

/**
 * Events of an Open311 API key's history (issue 9): issuance and revocation are facts of the record like user changes.
 * They never carry the key or its hash: the hash stays in the key store's table. Sealed so that tests can list every
 * type (each has a golden JSON file).
 */
public sealed interface ApiKeyEvent permits ApiKeyIssued, ApiKeyRevoked {
    /** The key's public id (never the secret key itself). */
    String keyId();
}
