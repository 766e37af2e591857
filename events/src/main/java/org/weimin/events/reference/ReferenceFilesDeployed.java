package org.weimin.events.reference;

import java.util.List;
import org.weimin.events.ServiceItemCode;
import org.weimin.events.UnitId;
import org.weimin.events.catalogue.ServiceItem;
import org.weimin.events.org.OrgUnit;
import java.time.Instant;
import org.axonframework.serialization.Revision;
import org.weimin.events.Actor;

/**
 * The deployment's reference files (org units, imported source units, service items) were applied at start because
 * their content differed from the files applied last time. The event carries only the <b>difference</b> between the
 * previous files and the new ones (on an empty store: every entry, the seed), so that run-time changes by
 * administrators to entries the deployment did not touch survive an updated file. The entries are in the files' own
 * terms, active flag included: a changed entry takes the file's values as a whole.
 *
 * @param source         which files, for people (e.g. {@code classpath:reference/org-units.json, ...})
 * @param contentHash    SHA-256 (hex) over the files' bytes: an unchanged file set records nothing at the next start
 * @param units          entries added or changed since the previous files, as the new files state them
 * @param items          likewise for the service catalogue
 * @param withdrawnUnits ids the previous files had and the new ones lack: deactivated (never deleted)
 * @param withdrawnItems likewise for service items
 */
@Revision("1")
public record ReferenceFilesDeployed(
        String source,
        String contentHash,
        List<OrgUnit> units,
        List<ServiceItem> items,
        List<UnitId> withdrawnUnits,
        List<ServiceItemCode> withdrawnItems,
        Actor actor,
        Instant occurredAt,
        Instant recordedAt) implements ReferenceEvent {
}
