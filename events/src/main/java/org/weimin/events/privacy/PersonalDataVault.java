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
     * @throws IllegalStateException when the key store is unavailable
     * @throws org.weimin.events.DomainException {@link org.weimin.events.ErrorCode#APPLICANT_DATA_ERASED} when the
     *                                           key was erased: nothing can be added for that applicant under it
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
     * so that one applicant's cases share one key and one erasure. When that key was erased and the applicant comes
     * back, their new cases get a fresh key of a later generation ({@code idh:<hash>.2}, {@code .3}, ...): what was
     * erased stays unreadable, and the applicant is served again.
     */
    ApplicantKeyId keyForIdDocument(IdDocument document);

    /**
     * Every data key of the applicant that {@code key} belongs to, erased or not, oldest first: for an ID-document
     * key, each generation of it that exists (see {@link #keyForIdDocument}); for a case key, the key itself. Includes
     * {@code key} even when it was never created.
     */
    java.util.List<ApplicantKeyId> keysOfApplicant(ApplicantKeyId key);

    /**
     * Destroys the applicant's data key (crypto-shredding, issue 7): from the commit of the caller's transaction on,
     * nothing sealed under it opens again ({@link #open} gives empty) and nothing new can be sealed under it. Joins
     * the caller's transaction, so the destruction commits or rolls back with the events that record it. A key never
     * created is recorded as erased too, so that it can never be created later.
     *
     * @return true when this call destroyed the key; false when it was erased already
     */
    boolean erase(ApplicantKeyId key);
}
