package org.weimin.ops.reference;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.springframework.core.io.Resource;
import org.weimin.events.catalogue.ServiceCatalogue;
import org.weimin.events.org.OrgTree;

/** Test access to the package-private loaders of {@link ReferenceDataConfiguration}. */
public final class ReferenceDataConfigurationAccess {
    private ReferenceDataConfigurationAccess() {
    }

    public static OrgTree orgTree(Resource file, ObjectMapper json) throws IOException {
        return new ReferenceDataConfiguration().orgTree(file,
                new org.springframework.core.io.ClassPathResource("reference/imported-org-units.json"), json);
    }

    public static ServiceCatalogue catalogue(Resource file, ObjectMapper json, OrgTree tree) throws IOException {
        return new ReferenceDataConfiguration().serviceCatalogue(file, json, tree);
    }
}
