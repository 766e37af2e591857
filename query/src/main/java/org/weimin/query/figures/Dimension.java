package org.weimin.query.figures;

/**
 * What the figures are broken down by (issue 5 "Assessment figures"):
 * <ul>
 *   <li>{@code window}: each service window under the requested unit, the window itself;</li>
 *   <li>{@code centre}: each service centre under the requested unit, with its subtree (its windows and any centre
 *       below it) rolled up;</li>
 *   <li>{@code unit}: the requested unit itself, with its whole subtree rolled up;</li>
 *   <li>{@code staff}: each staff member with cases attributed to them within the requested unit's subtree.</li>
 * </ul>
 * Which case field a figure is matched on depends on the dimension and on the figure's {@link Attribution}.
 */
public enum Dimension {
    WINDOW("window"),
    CENTRE("centre"),
    UNIT("unit"),
    STAFF("staff");

    private final String param;

    Dimension(String param) {
        this.param = param;
    }

    /** The request parameter value: {@code window}, {@code centre}, {@code unit} or {@code staff}. */
    public String param() {
        return param;
    }

    /** @return the dimension for a request parameter value, or null when unknown */
    public static Dimension fromParam(String value) {
        for (Dimension d : values()) {
            if (d.param.equals(value)) {
                return d;
            }
        }
        return null;
    }
}
