package org.weimin.events.keys;

import java.time.Instant;
import org.axonframework.serialization.Revision;
import org.weimin.events.Actor;

/**
 * An administrator rotated a server key (README "Key management"): for {@code applicant-kek} the versions are KEK
 * generations ({@code g1}, {@code g2}, ...) and {@code rewrapped} counts the applicant data keys re-wrapped by this
 * run; for {@code ledger-signing} they are key ids (the first 16 hex digits of SHA-256 of the public key) and
 * {@code rewrapped} is 0. No key material.
 *
 * @param complete whether the rotation finished (a KEK rotation stopped half-way is finished by the next one)
 */
@Revision("1")
public record KeyRotated(
        String key,
        String previousVersion,
        String newVersion,
        long rewrapped,
        boolean complete,
        Actor actor,
        Instant occurredAt,
        Instant recordedAt) implements KeyEvent {
}
