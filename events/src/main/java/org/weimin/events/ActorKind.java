package org.weimin.events;

/** Who caused an event (rules.md "Actors and time"). */
public enum ActorKind {
    /** An authenticated staff member; the actor id is the {@link StaffId}. */
    STAFF,
    /** The applicant, proving the case with tracking number and verification code; the actor id is the tracking number. */
    APPLICANT,
    /** The system itself (timers); the actor id names the timer. */
    SYSTEM,
    /** The privileged importer of historical records; the actor id is the import run. */
    IMPORTER,
    /** An Open311 API client identified by its API key; the actor id is the key's public id. */
    API_CLIENT
}
