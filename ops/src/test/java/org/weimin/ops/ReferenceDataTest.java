package org.weimin.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.weimin.events.UnitId;
import org.weimin.events.catalogue.ServiceCatalogue;
import org.weimin.events.org.OrgTree;
import org.weimin.events.org.OrgUnitKind;
import org.weimin.ops.reference.ReferenceDataConfigurationAccess;
import org.weimin.ops.security.UserDirectory;

/** The shipped reference data loads, is consistent, and has what the demo and the tests rely on. */
class ReferenceDataTest {
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void theSampleTreeAndCatalogueLoad() throws Exception {
        OrgTree tree = ReferenceDataConfigurationAccess.orgTree(new ClassPathResource("reference/org-units.json"), json);
        ServiceCatalogue catalogue = ReferenceDataConfigurationAccess.catalogue(
                new ClassPathResource("reference/service-items.json"), json, tree);
        assertThat(tree.root().kind()).isEqualTo(OrgUnitKind.CITY);
        assertThat(tree.all()).filteredOn(u -> u.kind() == OrgUnitKind.LINE_DEPARTMENT).isNotEmpty();
        assertThat(tree.all()).filteredOn(u -> u.kind() == OrgUnitKind.COMMUNITY).hasSize(98);
        assertThat(tree.all()).filteredOn(u -> u.kind() == OrgUnitKind.STREET).hasSize(9)
                .allSatisfy(street -> {
                    var centres = tree.children(street.id()).stream()
                            .filter(c -> c.kind() == OrgUnitKind.SERVICE_CENTRE).toList();
                    assertThat(centres).as("the street's 为民服务中心").hasSize(1);
                    assertThat(tree.children(centres.get(0).id())).as("its three centres").hasSize(3)
                            .allSatisfy(c -> assertThat(tree.children(c.id()))
                                    .anySatisfy(w -> assertThat(w.kind()).isEqualTo(OrgUnitKind.WINDOW)));
                });
        assertThat(tree.all()).filteredOn(u -> u.kind() == OrgUnitKind.COMMUNITY)
                .allSatisfy(c -> assertThat(tree.children(c.id()))
                        .anySatisfy(s -> assertThat(s.kind()).isEqualTo(OrgUnitKind.SERVICE_CENTRE)));
        assertThat(tree.all()).filteredOn(u -> u.kind() == OrgUnitKind.RESIDENTS_GROUP).isNotEmpty();
        assertThat(tree.all()).filteredOn(u -> u.kind() == OrgUnitKind.WINDOW)
                .allSatisfy(w -> assertThat(tree.require(w.parent()).kind()).isEqualTo(OrgUnitKind.SERVICE_CENTRE));
        assertThat(tree.require(UnitId.of("JJD-ZX-W09")).active()).isFalse();
        assertThat(catalogue.all()).filteredOn(i -> i.active()).hasSizeGreaterThanOrEqualTo(30)
                .allSatisfy(i -> {
                    assertThat(i.materials()).hasSizeBetween(2, 6);
                    assertThat(i.limitWorkingDays()).isBetween(1, 20);
                });
        assertThat(catalogue.all().stream().map(i -> i.department()).distinct()).hasSizeGreaterThanOrEqualTo(8);
    }

    @Test
    void everyDemoUserBelongsToAKnownUnitAndHasAHashedPassword() throws Exception {
        OrgTree tree = ReferenceDataConfigurationAccess.orgTree(new ClassPathResource("reference/org-units.json"), json);
        UserDirectory users = UserDirectory.load(new ClassPathResource("reference/users.json"), json, tree);
        assertThat(users.find("jjd-window")).hasValueSatisfying(u -> {
            assertThat(u.passwordHash()).startsWith("{bcrypt}$2");
            assertThat(u.unit()).isEqualTo("JJD-ZX");
        });
    }
}
