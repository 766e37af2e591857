package org.weimin.ops.idempotency;

/**
 * The reply of a completed request, as replayed to a retry: HTTP status, {@code Content-Type} and {@code Location}
 * (either may be null) and the body bytes (possibly empty).
 */
public record StoredReply(int status, String contentType, String location, byte[] body) {
}
