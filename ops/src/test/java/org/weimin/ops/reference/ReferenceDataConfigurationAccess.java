package org.weimin.ops.reference;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.weimin.events.catalogue.ServiceCatalogue;
import org.weimin.events.org.OrgTree;
import org.weimin.events.reference.ReferenceModel;

/** Test access to the file loading of {@link ReferenceDataConfiguration}: the model the shipped files seed. */
public final class ReferenceDataConfigurationAccess {
    private ReferenceDataConfigurationAccess() {
    }

    /** The seed model of these org units, the shipped imported units and these service items. */
    public static ReferenceModel seed(Resource orgUnits, Resource serviceItems, ObjectMapper json) throws IOException {
        return ReferenceDataConfiguration.seedModel(ReferenceDataConfiguration.read(orgUnits,
                new ClassPathResource("reference/imported-org-units.json"), serviceItems, json));
    }

    public static OrgTree orgTree(Resource file, ObjectMapper json) throws IOException {
        return seed(file, new ClassPathResource("reference/service-items.json"), json).tree();
    }

    public static ServiceCatalogue catalogue(Resource file, ObjectMapper json, OrgTree tree) throws IOException {
        return seed(new ClassPathResource("reference/org-units.json"), file, json).catalogue();
    }
}
