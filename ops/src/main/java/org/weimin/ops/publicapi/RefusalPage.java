package org.weimin.ops.publicapi;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.weimin.events.ErrorCode;

/**
 * Writes a refusal of the public rate limits as a web page (for the public pages under {@code /track}, issue 10)
 * instead of a problem detail; status, code and {@code Retry-After} are the same.
 */
@FunctionalInterface
public interface RefusalPage {
    /**
     * Writes the page; the caller has set {@code Retry-After} already.
     *
     * @param retryAfterSeconds when to try again, as in the header
     */
    void write(HttpServletRequest request, HttpServletResponse response, ErrorCode code, long retryAfterSeconds)
            throws IOException;
}
