package org.weimin.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;
import org.weimin.command.archviolation.ClockReadingAggregate;
import org.weimin.command.archviolation.CommandReadingTheReadModel;
import org.weimin.events.archviolation.EventUsingSpring;
import org.weimin.events.archviolation.EventReachingIntoCommand;
import org.weimin.projections.archviolation.ProjectionIssuingCommands;
import org.weimin.query.archviolation.QueryIssuingCommands;

/**
 * Each architecture rule fails on a violating class placed under the real package names (in test sources only), so
 * none of the rules can pass vacuously.
 */
class ArchitectureRulesCanFailTest {

    private static EvaluationResult evaluate(ArchRule rule, Class<?>... violators) {
        JavaClasses classes = new ClassFileImporter().importClasses(violators);
        return rule.evaluate(classes);
    }

    @Test
    void eventsRuleCatchesACommandDependency() {
        assertThat(evaluate(ArchitectureRules.EVENTS_DEPEND_ON_NOTHING_OF_OURS_OR_FRAMEWORKS,
                EventReachingIntoCommand.class).hasViolation()).isTrue();
    }

    @Test
    void eventsRuleCatchesASpringDependency() {
        assertThat(evaluate(ArchitectureRules.EVENTS_DEPEND_ON_NOTHING_OF_OURS_OR_FRAMEWORKS,
                EventUsingSpring.class).hasViolation()).isTrue();
    }

    @Test
    void commandRuleCatchesAReadModelDependency() {
        assertThat(evaluate(ArchitectureRules.COMMAND_DOES_NOT_DEPEND_ON_READ_SIDE_OR_OPS,
                CommandReadingTheReadModel.class).hasViolation()).isTrue();
    }

    @Test
    void projectionsRuleCatchesACommandDependency() {
        assertThat(evaluate(ArchitectureRules.PROJECTIONS_DO_NOT_DEPEND_ON_COMMAND_QUERY_OR_OPS,
                ProjectionIssuingCommands.class).hasViolation()).isTrue();
    }

    @Test
    void queryRuleCatchesACommandDependency() {
        assertThat(evaluate(ArchitectureRules.QUERY_NEVER_DEPENDS_ON_COMMAND,
                QueryIssuingCommands.class).hasViolation()).isTrue();
    }

    @Test
    void aggregateRuleCatchesAClockReadingAggregate() {
        assertThat(evaluate(ArchitectureRules.AGGREGATES_NEITHER_READ_THE_CLOCK_NOR_DRAW_RANDOMNESS,
                ClockReadingAggregate.class).hasViolation()).isTrue();
    }
}
