package org.weimin.events;

import java.util.Objects;

/**
 * The actor of a command or event: its kind and id (rules.md "Actors and time"). Every event names one.
 *
 * @param kind what kind of actor
 * @param id   the actor's id within its kind (a staff id, a tracking number, a timer name, ...)
 */
public record Actor(ActorKind kind, String id) {
    public Actor {
        Objects.requireNonNull(kind, "actor kind");
        Objects.requireNonNull(id, "actor id");
    }

    /** A staff member as actor. */
    public static Actor staff(StaffId staff) {
        return new Actor(ActorKind.STAFF, staff.value());
    }

    /** The system itself, e.g. a timer; {@code id} names it. */
    public static Actor system(String id) {
        return new Actor(ActorKind.SYSTEM, id);
    }

    /** An Open311 API client, by its key's public id (issue 9). */
    public static Actor apiClient(String keyId) {
        return new Actor(ActorKind.API_CLIENT, keyId);
    }

    /** The applicant of the case with this tracking number. */
    public static Actor applicant(String trackingNumber) {
        return new Actor(ActorKind.APPLICANT, trackingNumber);
    }
}
