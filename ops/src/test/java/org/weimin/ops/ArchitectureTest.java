package org.weimin.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The production classes of every module obey the architecture rules. */
class ArchitectureTest {
    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.weimin");
    }

    @Test
    void everyModuleIsImported() {
        assertThat(production.stream().map(c -> c.getPackageName().split("\\.")[2]).distinct())
                .contains("events", "command", "projections", "query", "ops");
    }

    @Test
    void eventsDependOnTheJdkAndAnnotationsOnly() {
        ArchitectureRules.EVENTS_DEPEND_ON_NOTHING_OF_OURS_OR_FRAMEWORKS.check(production);
    }

    @Test
    void commandDependsOnEventsOnly() {
        ArchitectureRules.COMMAND_DOES_NOT_DEPEND_ON_READ_SIDE_OR_OPS.check(production);
    }

    @Test
    void projectionsDependOnEventsOnly() {
        ArchitectureRules.PROJECTIONS_DO_NOT_DEPEND_ON_COMMAND_QUERY_OR_OPS.check(production);
    }

    @Test
    void queryNeverDependsOnCommand() {
        ArchitectureRules.QUERY_NEVER_DEPENDS_ON_COMMAND.check(production);
    }

    @Test
    void aggregatesNeitherReadTheClockNorDrawRandomness() {
        ArchitectureRules.AGGREGATES_NEITHER_READ_THE_CLOCK_NOR_DRAW_RANDOMNESS.check(production);
    }
}
