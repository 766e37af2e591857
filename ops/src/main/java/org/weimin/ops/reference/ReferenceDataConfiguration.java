package org.weimin.ops.reference;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.weimin.events.ServiceItemCode;
import org.weimin.events.UnitId;
import org.weimin.events.catalogue.Material;
import org.weimin.events.catalogue.ServiceCatalogue;
import org.weimin.events.catalogue.ServiceItem;
import org.weimin.events.org.OrgTree;
import org.weimin.events.org.OrgUnit;
import org.weimin.events.org.OrgUnitKind;

/**
 * Loads the deployment's reference data at start: the org tree ({@code weimin.reference.org-units}, plus the source org
 * trees of imports under an "imported" unit, {@code weimin.reference.imported-org-units}) and the service
 * catalogue ({@code weimin.reference.service-items}), JSON files shipped in {@code ops} by default. Invalid files stop
 * the start with a message naming the offending entry.
 */
@Configuration(proxyBeanMethods = false)
public class ReferenceDataConfiguration {
    private static final Logger log = LoggerFactory.getLogger(ReferenceDataConfiguration.class);

    /** File shape of one org unit. */
    record OrgUnitEntry(String id, String name, OrgUnitKind kind, String parent, Boolean active) {
    }

    /** File shape of one service item. */
    record ServiceItemEntry(String code, String name, String department, int limitWorkingDays,
                            List<Material> materials, Boolean active) {
    }

    @Bean
    OrgTree orgTree(@Value("${weimin.reference.org-units:classpath:reference/org-units.json}") Resource file,
                    @Value("${weimin.reference.imported-org-units:classpath:reference/imported-org-units.json}")
                    Resource imported, ObjectMapper json) throws IOException {
        try (InputStream in = file.getInputStream()) {
            List<OrgUnitEntry> entries = new java.util.ArrayList<>(List.of(json.readValue(in, OrgUnitEntry[].class)));
            if (imported.exists()) {
                // Source org trees of imports (issue 6), under an "imported" unit of the deployment's tree.
                try (InputStream more = imported.getInputStream()) {
                    entries.addAll(List.of(json.readValue(more, OrgUnitEntry[].class)));
                }
            }
            OrgTree tree = OrgTree.of(entries.stream()
                    .map(e -> new OrgUnit(UnitId.of(e.id()), e.name(), e.kind(),
                            e.parent() == null ? null : UnitId.of(e.parent()), e.active() == null || e.active()))
                    .toList());
            log.info("Org tree: {} units from {} and {}", tree.size(), file.getDescription(),
                    imported.exists() ? imported.getDescription() : "no imported source tree");
            return tree;
        }
    }

    @Bean
    ServiceCatalogue serviceCatalogue(
            @Value("${weimin.reference.service-items:classpath:reference/service-items.json}") Resource file,
            ObjectMapper json, OrgTree tree) throws IOException {
        try (InputStream in = file.getInputStream()) {
            List<ServiceItemEntry> entries = List.of(json.readValue(in, ServiceItemEntry[].class));
            ServiceCatalogue catalogue = ServiceCatalogue.of(entries.stream()
                    .map(e -> new ServiceItem(ServiceItemCode.of(e.code()), e.name(), UnitId.of(e.department()),
                            e.limitWorkingDays(), e.materials() == null ? List.of() : e.materials(),
                            e.active() == null || e.active()))
                    .toList(), tree);
            log.info("Service catalogue: {} items from {}", catalogue.all().size(), file.getDescription());
            return catalogue;
        }
    }
}
