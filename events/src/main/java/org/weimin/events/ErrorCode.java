package org.weimin.events;

/**
 * Stable error codes, shown to clients as the {@code code} of an RFC 9457 problem detail. A code never changes its
 * meaning; new situations get new codes. {@link #httpStatus()} is the HTTP status the API maps it to.
 */
public enum ErrorCode {
    /** A field of the request is missing or malformed; the problem detail lists the fields. */
    VALIDATION_FAILED(400, "The request has invalid fields."),
    /** A tracking number whose shape or check character is wrong (caught before any lookup). */
    INVALID_TRACKING_NUMBER(400, "The tracking number is malformed or its check character is wrong."),
    /** An identifier of the applicant (resident ID, passport, permit, phone) fails its validation. */
    INVALID_PERSONAL_IDENTIFIER(400, "A personal identifier is malformed."),
    UNKNOWN_ORG_UNIT(400, "No such org unit."),
    UNKNOWN_SERVICE_ITEM(400, "No such service item."),
    /** A unit or service item that exists but is no longer active cannot take new cases. */
    INACTIVE_REFERENCE(400, "The org unit or service item is no longer active."),
    /** The unit named is not a service window, or the window does not belong to the staff member's unit. */
    NOT_A_WINDOW_OF_STAFF_UNIT(400, "Cases are received at a window of the staff member's own unit."),
    REFUSAL_NEEDS_REASONS(400, "A refusal must state its reasons."),
    /** Windows and residents' groups do not hold cases; forward to a centre, a department or a level. */
    NOT_A_CASE_HOLDING_UNIT(400, "This unit cannot hold cases."),
    /** A forward to the unit that already holds the case. */
    FORWARD_TO_HOLDER(400, "The case is already held by this unit."),
    /** A material code that the case's service item does not list. */
    UNKNOWN_MATERIAL(400, "The service item has no such material."),
    /** The request's path or headers are not acceptable (e.g. encoded path separators, a wildcard Content-Type). */
    MALFORMED_REQUEST(400, "The request is malformed."),
    /** The body is not JSON ({@code Content-Type: application/json}). */
    UNSUPPORTED_MEDIA_TYPE(415, "The body must be JSON."),
    AUTHENTICATION_REQUIRED(401, "Authentication is required."),
    FORBIDDEN(403, "Not allowed."),
    /** The staff member's unit does not hold the case. */
    NOT_CASE_HOLDER(403, "Only the unit holding the case may do this."),
    /** The verification code given with a tracking number is wrong. */
    WRONG_VERIFICATION_CODE(403, "The verification code is wrong."),
    CASE_NOT_FOUND(404, "No such case."),
    /** No one-time-notice breach was recorded for that notice. */
    BREACH_NOT_FOUND(404, "No such breach."),
    CASE_ALREADY_COMPLETED(409, "The case is already completed."),
    CASE_NOT_COMPLETED(409, "The case is not completed yet."),
    /** A due date that is not in the future. */
    DUE_DATE_IN_THE_PAST(400, "The due date must be in the future."),
    ALREADY_EVALUATED(409, "This completion has already been evaluated."),
    /** Accept or return is only for a case awaiting the unit's acceptance. */
    NOT_AWAITING_ACCEPTANCE(409, "The case is not awaiting acceptance."),
    /** The target unit must accept (or return) a forwarded case before acting on it otherwise. */
    NOT_ACCEPTED_YET(409, "Accept the case first."),
    /** Return after acceptance or after the return window closed (rules.md "Custody"). */
    RETURN_WINDOW_CLOSED(409, "The return window has closed; handle the case or forward it onwards."),
    /** A supplement while no missing-materials notice is open. */
    NOT_PAUSED(409, "The case is not waiting for materials."),
    BREACH_ALREADY_JUSTIFIED(409, "The breach is already marked justified."),
    /** No open supervision order with that number. */
    NO_OPEN_SUPERVISION_ORDER(409, "No open supervision order with that number."),
    /** No rectification is open, or the step is out of order (verify, rectify, reply). */
    RECTIFICATION_STEP_OUT_OF_ORDER(409, "No rectification awaits this step."),
    /** No pending extension request with that number. */
    NO_PENDING_EXTENSION(409, "No pending extension request with that number."),
    /** No event processing group (projection) of that name runs in this service. */
    PROCESSING_GROUP_NOT_FOUND(404, "No such processing group."),
    /** The group cannot be rebuilt: it has side effects ({@code @DisallowReplay}) or its processor cannot replay. */
    REBUILD_NOT_ALLOWED(409, "This processing group cannot be rebuilt."),
    /** A rebuild of the group is already running; follow its progress instead of starting another. */
    REBUILD_IN_PROGRESS(409, "A rebuild of this processing group is already running."),
    /** The group parks no failing events (it has no dead-letter queue). */
    NO_DEAD_LETTER_QUEUE(409, "This processing group has no dead-letter queue."),
    /**
     * A staff-written reason (an unmasked view's, an erasure's legal basis) contains personal data: an ID or phone
     * number, or the applicant's own name, ID number, phone or address. Such text is kept in clear in the record and
     * would outlive an erasure; describe the purpose instead.
     */
    PERSONAL_DATA_IN_TEXT(400, "The text must not contain personal data."),
    /** No case names the applicant given (by ID document or applicant key) for an erasure. */
    APPLICANT_NOT_FOUND(404, "No such applicant."),
    /** The applicant's data key was destroyed (crypto-shredding): the personal data can no longer be read or added. */
    APPLICANT_DATA_ERASED(410, "The applicant's personal data has been erased."),
    /** Another command changed the case at the same moment; retrying is safe. */
    CONCURRENT_MODIFICATION(409, "The case was changed concurrently; retry."),
    /** A store the command needs is unavailable; retrying later is safe. */
    SERVICE_UNAVAILABLE(503, "A store is temporarily unavailable; retry later."),
    /** The search index (Elasticsearch) cannot be reached; commands still work, search is back when it is. */
    SEARCH_UNAVAILABLE(503, "Search is temporarily unavailable; retry later."),
    /** Too many requests to the public endpoints from one client address; {@code Retry-After} says when to retry. */
    RATE_LIMITED(429, "Too many requests from this address; retry later."),
    /**
     * Too many wrong verification codes for one case: its details and evaluation are locked for a while, whatever code
     * is given; {@code Retry-After} says when the lock ends.
     */
    VERIFICATION_LOCKED(429, "Too many wrong verification codes for this case; try again later."),
    /** No staff account with that user name (user administration). */
    USER_NOT_FOUND(404, "No such user."),
    /** A staff account with that user name exists already. */
    USER_ALREADY_EXISTS(409, "A user with this name exists already."),
    /** Disabling a disabled account or enabling an enabled one. */
    USER_STATE_UNCHANGED(409, "The account is already in that state."),
    /** No Open311 API key with that id (key administration). */
    API_KEY_NOT_FOUND(404, "No such API key."),
    /** Revoking an API key that is revoked already. */
    API_KEY_ALREADY_REVOKED(409, "The API key is revoked already."),
    /** An Open311 request without an API key, or with an unknown or revoked one. */
    INVALID_API_KEY(403, "A valid api_key is required."),

    /** An org unit id or service item code that is taken already (reference data, issue 7). */
    REFERENCE_ALREADY_EXISTS(400, "An org unit or service item with this id exists already."),
    /** A move that would put an org unit under itself or under one of its own descendants. */
    ORG_TREE_CYCLE(400, "A unit cannot be moved under itself or its own descendants."),
    /** A service item's department must be an active line department (条管部门). */
    NOT_AN_ACTIVE_LINE_DEPARTMENT(400, "The department must be an active line department."),
    /**
     * Deactivating (or re-kinding) an org unit that still has active units below it or is the department of active
     * service items; deactivate or move those first.
     */
    REFERENCE_IN_USE(400, "The org unit still has active units or service items."),
    /** Deactivating an inactive org unit or service item, or reactivating an active one. */
    REFERENCE_STATE_UNCHANGED(409, "The org unit or service item is already in that state."),
    /** An {@code Idempotency-Key} header that is empty, longer than 255 characters, not printable ASCII, or repeated. */
    IDEMPOTENCY_KEY_INVALID(400, "The Idempotency-Key header must be 1 to 255 printable ASCII characters."),
    /**
     * The caller used this {@code Idempotency-Key} before for a different request (method, path or body): nothing was
     * done; use a fresh key for a new request.
     */
    IDEMPOTENCY_KEY_REUSED(422, "This Idempotency-Key was used for a different request."),
    /**
     * The first request with this {@code Idempotency-Key} is still being processed; retry after {@code Retry-After}
     * seconds to get its reply.
     */
    IDEMPOTENCY_REQUEST_IN_FLIGHT(409, "A request with this Idempotency-Key is still in progress; retry shortly."),
    /**
     * Text in the request contains characters that are never part of written text: control characters other than tab,
     * line feed and carriage return (C0, DEL, C1), unpaired UTF-16 surrogates, or the noncharacters U+FFFE/U+FFFF.
     * Free text is never rewritten (rules.md "Personal data"), so it is rejected rather than cleaned; zero-width,
     * direction marks and full-width forms are text and pass.
     */
    INVALID_CHARACTERS(400, "The text contains characters that are not allowed."),
    /** The request body is larger than the service accepts ({@code weimin.http.max-body-bytes}, default 1 MiB). */
    PAYLOAD_TOO_LARGE(413, "The request body is too large."),
    /**
     * The {@code Accept} header names no media type that the endpoint answers in (JSON; Open311 also XML; the exports
     * CSV or XLSX): nothing was done.
     */
    NOT_ACCEPTABLE(406, "The endpoint cannot answer in any media type the Accept header names.");

    private final int httpStatus;
    private final String title;

    ErrorCode(int httpStatus, String title) {
        this.httpStatus = httpStatus;
        this.title = title;
    }

    /** The HTTP status this code maps to. */
    public int httpStatus() {
        return httpStatus;
    }

    /** A short, stable, human-readable title. */
    public String title() {
        return title;
    }

    /** Whether retrying the same request unchanged may succeed. */
    public boolean retryable() {
        return this == CONCURRENT_MODIFICATION || this == SERVICE_UNAVAILABLE || this == SEARCH_UNAVAILABLE
                || this == RATE_LIMITED || this == VERIFICATION_LOCKED || this == IDEMPOTENCY_REQUEST_IN_FLIGHT;
    }
}
