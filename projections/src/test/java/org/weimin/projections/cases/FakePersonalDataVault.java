package org.weimin.projections.cases;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import org.weimin.events.privacy.ApplicantKeyId;
import org.weimin.events.privacy.IdDocument;
import org.weimin.events.privacy.PersonalDataVault;
import org.weimin.events.privacy.Sealed;

/**
 * A vault for tests: "sealing" is plain base64 of the UTF-8 text (reversible, deterministic, no secret), and a key
 * can be {@linkplain #erase(ApplicantKeyId) erased}, after which everything sealed under it opens as empty — as after
 * crypto-shredding.
 */
final class FakePersonalDataVault implements PersonalDataVault {

    private final Set<ApplicantKeyId> erased = new HashSet<>();

    /** What {@link #seal} returns, without needing a vault instance (for fixtures). */
    static Sealed sealedText(ApplicantKeyId key, String plaintext) {
        return new Sealed(key, Base64.getEncoder().encodeToString(plaintext.getBytes(StandardCharsets.UTF_8)));
    }

    /** Destroys the applicant's key: their data can no longer be opened. */
    @Override
    public boolean erase(ApplicantKeyId key) {
        return erased.add(key);
    }

    @Override
    public Sealed seal(ApplicantKeyId key, String plaintext) {
        if (erased.contains(key)) {
            throw new IllegalStateException("key " + key + " was erased");
        }
        return sealedText(key, plaintext);
    }

    @Override
    public Optional<String> open(Sealed sealed) {
        if (erased.contains(sealed.key())) {
            return Optional.empty();
        }
        return Optional.of(new String(Base64.getDecoder().decode(sealed.data()), StandardCharsets.UTF_8));
    }

    @Override
    public java.util.List<ApplicantKeyId> keysOfApplicant(ApplicantKeyId key) {
        return java.util.List.of(key);
    }

    @Override
    public ApplicantKeyId keyForIdDocument(IdDocument document) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest((document.type().name() + ":" + document.number()).getBytes(StandardCharsets.UTF_8));
            return ApplicantKeyId.of("idh:" + HexFormat.of().formatHex(hash, 0, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
