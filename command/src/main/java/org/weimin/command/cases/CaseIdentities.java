package org.weimin.command.cases;

import java.security.SecureRandom;
import java.util.UUID;
import org.weimin.events.CaseId;
import org.weimin.events.cases.TrackingNumber;
import org.weimin.events.cases.VerificationCode;

/**
 * Draws the identifiers of a new case from {@link SecureRandom} (rules.md "Identifiers"): the internal case id, the
 * unguessable tracking number (50 random bits) and the verification code (40 random bits). Tests substitute a
 * deterministic subclass.
 */
public class CaseIdentities {
    private final SecureRandom random;

    public CaseIdentities(SecureRandom random) {
        this.random = random;
    }

    public CaseId newCaseId() {
        return CaseId.of(new UUID(random.nextLong() & 0xffffffffffff0fffL | 0x4000L,
                random.nextLong() & 0x3fffffffffffffffL | 0x8000000000000000L).toString());
    }

    public TrackingNumber newTrackingNumber() {
        return TrackingNumber.fromRandomBits(random.nextLong());
    }

    public VerificationCode newVerificationCode() {
        return VerificationCode.fromRandomBits(random.nextLong());
    }
}
