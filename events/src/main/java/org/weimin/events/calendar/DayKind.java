package org.weimin.events.calendar;

/**
 * How a calendar fact departs from the plain Monday–Friday rule (rules.md "Deadlines and calendar").
 */
public enum DayKind {
    /** A day off (放假): a statutory holiday, or a weekend day inside a holiday period. Token {@code OFF}. */
    HOLIDAY("OFF"),
    /** A working day (调休上班日), normally a weekend day made a working day by a notice. Token {@code WORK}. */
    ADJUSTED_WORKING_DAY("WORK");

    private final String token;

    DayKind(String token) {
        this.token = token;
    }

    /** The token of this kind in the plain-text calendar format: {@code OFF} or {@code WORK}. */
    public String token() {
        return token;
    }

    /**
     * The kind written as {@code token} in the plain-text calendar format.
     *
     * @throws IllegalArgumentException when the token is neither {@code OFF} nor {@code WORK}
     */
    public static DayKind ofToken(String token) {
        for (DayKind kind : values()) {
            if (kind.token.equals(token)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("day kind must be OFF or WORK, got '" + token + "'");
    }
}
