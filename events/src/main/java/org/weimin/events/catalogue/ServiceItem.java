package org.weimin.events.catalogue;

import java.util.List;
import java.util.Objects;
import org.weimin.events.ServiceItemCode;
import org.weimin.events.UnitId;

/**
 * An entry of the service catalogue (服务事项).
 *
 * @param department       the owning line department
 * @param limitWorkingDays the committed time limit in working days (Asia/Shanghai), at least 1
 * @param materials        the required materials, in the order a notice lists them
 * @param active           inactive items stay known for old cases but take no new ones
 */
public record ServiceItem(ServiceItemCode code, String name, UnitId department, int limitWorkingDays,
                          List<Material> materials, boolean active) {
    public ServiceItem {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(department, "department");
        if (limitWorkingDays < 1) {
            throw new IllegalArgumentException("service item " + code + ": limit must be at least 1 working day");
        }
        materials = List.copyOf(materials);
    }
}
