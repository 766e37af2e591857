package org.weimin.query.figures;

import java.util.List;

/**
 * Whom a figure is attributed to (rules.md "Figures (assessment)", "Attribution"), as the case-index fields that name
 * them for each {@link Dimension}.
 *
 * <ul>
 *   <li>{@link #INTAKE}: the receiving window and the first-contact officer (received, completion rate);</li>
 *   <li>{@link #COMPLETION}: the completing unit and staff member (completed, on time, working days, breaches);</li>
 *   <li>{@link #OVERDUE}: the unit holding the case when it first became overdue (no staff member: rules.md names the
 *       holder, a unit);</li>
 *   <li>{@link #INVOLVED}: every unit that received or held the case (the overdue rate's denominator, cases open in
 *       the period: the index does not record who held a case on a given past day, so a unit's open cases are those
 *       it ever received or held);</li>
 *   <li>{@link #GRADE}: the receiving window (群众评议 assesses windows) <em>and</em> the completing unit and staff
 *       member; a unit whose subtree holds both counts the grade once.</li>
 * </ul>
 */
public enum Attribution {
    INTAKE("receiving window", "window", List.of("windowPath"), "officer",
            "the receiving window and the first-contact officer"),
    COMPLETION("completing unit", "completingUnit", List.of("completingUnitPath"), "completingStaff",
            "the completing unit and staff member"),
    OVERDUE("holder when it became overdue", "overdueHolder", List.of("overdueHolderPath"), null,
            "the unit holding the case when it became overdue"),
    INVOLVED("unit that received or held the case", "involvedPath", List.of("involvedPath"), null,
            "every unit that received or held the case"),
    GRADE("receiving window and completing unit", "window", List.of("windowPath", "completingUnitPath"),
            "completingStaff", "the receiving window and the completing unit and staff member");

    private final String label;
    private final String unitField;
    private final List<String> pathFields;
    private final String staffField;
    private final String description;

    Attribution(String label, String unitField, List<String> pathFields, String staffField, String description) {
        this.label = label;
        this.unitField = unitField;
        this.pathFields = pathFields;
        this.staffField = staffField;
        this.description = description;
    }

    /** The field a single unit (a window row) is matched on, without its subtree. */
    String unitField() {
        return unitField;
    }

    /** The path fields a rolled-up unit (centre, unit rows, and the staff dimension's scope) is matched on (any). */
    List<String> pathFields() {
        return pathFields;
    }

    /** The staff field, or null when this attribution names no staff member. */
    String staffField() {
        return staffField;
    }

    /** Path fields limiting the staff dimension to a subtree: the units the staff field's staff acted for. */
    List<String> staffScopeFields() {
        return this == GRADE ? List.of("completingUnitPath") : pathFields;
    }

    /** Whether figures of this attribution exist for rows of the dimension. */
    boolean applies(Dimension dimension) {
        return dimension != Dimension.STAFF || staffField != null;
    }

    /** What a figure's {@code attributedTo} says for a dimension. */
    String describe(Dimension dimension) {
        return switch (dimension) {
            case WINDOW -> this == INVOLVED ? "the window, among " + description : "the window as " + label;
            case CENTRE, UNIT -> "the unit and its subtree, as " + description;
            case STAFF -> staffField == null ? "not attributed to staff: " + description
                    : "the staff member as " + (this == INTAKE ? "first-contact officer" : "completing staff member");
        };
    }
}
