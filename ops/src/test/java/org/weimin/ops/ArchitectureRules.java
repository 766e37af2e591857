package org.weimin.ops;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Map;

/**
 * The module direction and purity rules of Weimin (style-by-example "Our conventions"), as ArchUnit rules over the
 * real package names. {@link ArchitectureTest} checks them on the production classes;
 * {@link ArchitectureRulesCanFailTest} shows each one failing on violating classes placed under the same packages.
 */
final class ArchitectureRules {
    private ArchitectureRules() {
    }

    /** The shared kernel depends on the JDK, Axon's {@code @Revision} and Jackson's annotations only. */
    static final ArchRule EVENTS_DEPEND_ON_NOTHING_OF_OURS_OR_FRAMEWORKS = classes()
            .that().resideInAPackage("org.weimin.events..")
            .should().onlyDependOnClassesThat().resideInAnyPackage(
                    "java..", "javax.crypto..", "org.weimin.events..",
                    "org.axonframework.serialization..", "com.fasterxml.jackson.annotation..")
            .as("events depends only on the JDK, Axon's serialization annotations and Jackson annotations");

    static final ArchRule COMMAND_DOES_NOT_DEPEND_ON_READ_SIDE_OR_OPS = noClasses()
            .that().resideInAPackage("org.weimin.command..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.weimin.projections..", "org.weimin.query..", "org.weimin.ops..")
            .as("command depends on events only");

    static final ArchRule PROJECTIONS_DO_NOT_DEPEND_ON_COMMAND_QUERY_OR_OPS = noClasses()
            .that().resideInAPackage("org.weimin.projections..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.weimin.command..", "org.weimin.query..", "org.weimin.ops..")
            .as("projections depend on events only");

    static final ArchRule QUERY_NEVER_DEPENDS_ON_COMMAND = noClasses()
            .that().resideInAPackage("org.weimin.query..")
            .should().dependOnClassesThat().resideInAnyPackage("org.weimin.command..", "org.weimin.ops..")
            .as("query depends on projections and events, never on command");

    /**
     * Aggregates take time and ids from commands or from an injected {@code Clock} (rules.md "Actors and time";
     * DEVELOPERS.md): no static {@code now()}, no system clock, no randomness.
     */
    static final ArchRule AGGREGATES_NEITHER_READ_THE_CLOCK_NOR_DRAW_RANDOMNESS = noClasses()
            .that().areAnnotatedWith("org.axonframework.spring.stereotype.Aggregate")
            .should().callMethodWhere(DescribedPredicate.<JavaMethodCall>describe("a clock read or a random draw", call -> {
                var owner = call.getTarget().getOwner().getName();
                var name = call.getTarget().getName();
                return (name.equals("now") && owner.startsWith("java.time."))
                        || (owner.equals("java.time.Clock") && name.startsWith("system"))
                        || owner.equals("java.util.Random") || owner.equals("java.security.SecureRandom")
                        || owner.startsWith("java.util.concurrent.ThreadLocalRandom")
                        || (owner.equals("java.util.UUID") && name.equals("randomUUID"))
                        || (owner.equals("java.lang.System") && name.endsWith("currentTimeMillis"))
                        || (owner.equals("java.lang.Math") && name.equals("random"));
            }))
            .as("aggregates neither read the clock nor draw randomness");

    /** Every rule, by name. */
    static Map<String, ArchRule> all() {
        return Map.of(
                "events", EVENTS_DEPEND_ON_NOTHING_OF_OURS_OR_FRAMEWORKS,
                "command", COMMAND_DOES_NOT_DEPEND_ON_READ_SIDE_OR_OPS,
                "projections", PROJECTIONS_DO_NOT_DEPEND_ON_COMMAND_QUERY_OR_OPS,
                "query", QUERY_NEVER_DEPENDS_ON_COMMAND,
                "aggregates", AGGREGATES_NEITHER_READ_THE_CLOCK_NOR_DRAW_RANDOMNESS);
    }
}
