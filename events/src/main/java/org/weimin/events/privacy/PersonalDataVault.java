package org.weimin.events.privacy;

import java.util.Optional;

/**
 * Port to the applicant data keys: seals personal data before it enters a command, and opens it for projections
 * that derive masked views. Implementations keep data keys outside the event store, wrapped by a master key, and
 * make a new key durable before returning a {@link Sealed} that uses it.
 *
 * <p>Sealing draws a random nonce, so it never happens inside an aggregate: the command API seals and the
 * aggregate only carries ciphertext.
 */
public interface PersonalDataVault {

    /**
     * Seals text under the applicant's data key, creating (and durably storing) the key on first use.
     *
     * @throws IllegalStateException when the key store is unavailable or the key was erased
     */
    Sealed seal(ApplicantKeyId key, String plaintext);

    /**
     * Opens sealed data.
     *
     * @return the plaintext, or empty when the applicant's key was erased (crypto-shredding)
     * @throws IllegalStateException when the key store is unavailable or the ciphertext fails authentication
     */
    Optional<String> open(Sealed sealed);

    /**
     * The key id for an applicant identified by an ID document: a keyed hash of its normalised type and number,
     * so that one applicant's cases share one key and one erasure.
     */
    ApplicantKeyId keyForIdDocument(IdDocument document);
}
