package org.weimin.command.cases;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.weimin.events.org.OrgUnitKind;

/**
 * Custody settings (rules.md "Custody"): the return window in working days after a forward, by the target unit's
 * kind, with a default ({@code weimin.custody.return-window-working-days}, 1).
 *
 * @param returnWindowWorkingDays   the default return window
 * @param returnWindowByUnitKind    overrides per unit kind, e.g. {@code LINE_DEPARTMENT: 2}
 */
@ConfigurationProperties(prefix = "weimin.custody")
public record CustodySettings(Integer returnWindowWorkingDays, Map<OrgUnitKind, Integer> returnWindowByUnitKind) {
    public CustodySettings {
        returnWindowWorkingDays = returnWindowWorkingDays == null ? 1 : returnWindowWorkingDays;
        returnWindowByUnitKind = returnWindowByUnitKind == null ? Map.of() : Map.copyOf(returnWindowByUnitKind);
        if (returnWindowWorkingDays < 1 || returnWindowByUnitKind.values().stream().anyMatch(d -> d == null || d < 1)) {
            throw new IllegalArgumentException("return windows are at least 1 working day");
        }
    }

    /** The return window for a target of this kind. */
    public int returnWindowFor(OrgUnitKind kind) {
        return returnWindowByUnitKind.getOrDefault(kind, returnWindowWorkingDays);
    }
}
