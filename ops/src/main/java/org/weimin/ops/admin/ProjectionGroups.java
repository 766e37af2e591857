package org.weimin.ops.admin;

import java.lang.reflect.Method;
import java.util.Optional;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.springframework.aop.support.AopUtils;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.stereotype.Component;
import org.springframework.util.ReflectionUtils;
import org.weimin.events.DomainException;
import org.weimin.events.ErrorCode;

/**
 * The event processing groups of this service as the admin endpoints see them (one processor per group, named after
 * it): lookup by name, their dead-letter queues, and whether a group may be replayed.
 */
@Component
public class ProjectionGroups {
    private final EventProcessingConfiguration processing;
    private final ApplicationContext context;

    public ProjectionGroups(EventProcessingConfiguration processing, ApplicationContext context) {
        this.processing = processing;
        this.context = context;
    }

    /** Whether a processor of that name runs here. */
    public boolean exists(String group) {
        return processing.eventProcessors().containsKey(group);
    }

    /**
     * The group's processor.
     *
     * @throws DomainException {@link ErrorCode#PROCESSING_GROUP_NOT_FOUND} (404) for an unknown name
     */
    public EventProcessor processor(String group) {
        EventProcessor processor = processing.eventProcessors().get(group);
        if (processor == null) {
            throw new DomainException(ErrorCode.PROCESSING_GROUP_NOT_FOUND,
                    "No processing group named '" + group + "'; GET /api/admin/projections lists them.");
        }
        return processor;
    }

    /** The group's dead-letter queue; empty when the group has none (or does not exist). */
    public Optional<SequencedDeadLetterQueue<EventMessage<?>>> deadLetterQueue(String group) {
        return processing.deadLetterQueue(group);
    }

    /**
     * The group's dead-letter queue.
     *
     * @throws DomainException {@link ErrorCode#PROCESSING_GROUP_NOT_FOUND} (404) for an unknown group,
     *                         {@link ErrorCode#NO_DEAD_LETTER_QUEUE} (409) for a group that parks nothing
     */
    public SequencedDeadLetterQueue<EventMessage<?>> requireDeadLetterQueue(String group) {
        processor(group);
        return deadLetterQueue(group).orElseThrow(() -> new DomainException(ErrorCode.NO_DEAD_LETTER_QUEUE,
                "Processing group '" + group + "' has no dead-letter queue; its failures are logged and retried by "
                        + "its processor."));
    }

    /**
     * Why the group must not be replayed, or empty when a reset-and-replay is safe: its processor streams (tracking or
     * pooled), supports a reset, and none of its handler beans carries {@link DisallowReplay} (a side-effecting
     * policy such as {@code calendar-revision} would act again on old events).
     *
     * @throws DomainException {@link ErrorCode#PROCESSING_GROUP_NOT_FOUND} (404) for an unknown group
     */
    public Optional<String> replayRefusal(String group) {
        EventProcessor processor = processor(group);
        if (!(processor instanceof StreamingEventProcessor streaming)) {
            return Optional.of("its processor (" + processor.getClass().getSimpleName()
                    + ") handles events as they are published and cannot replay them");
        }
        if (!streaming.supportsReset()) {
            return Optional.of("its handlers do not support a reset");
        }
        for (Object bean : context.getBeansWithAnnotation(ProcessingGroup.class).values()) {
            Class<?> type = AopUtils.getTargetClass(bean);
            ProcessingGroup annotation = AnnotatedElementUtils.findMergedAnnotation(type, ProcessingGroup.class);
            if (annotation == null || !group.equals(annotation.value())) {
                continue;
            }
            Optional<String> sideEffect = disallowsReplay(type);
            if (sideEffect.isPresent()) {
                return Optional.of("it has side effects that must not run again (@DisallowReplay on "
                        + sideEffect.get() + ")");
            }
        }
        return Optional.empty();
    }

    private static Optional<String> disallowsReplay(Class<?> type) {
        if (AnnotatedElementUtils.hasAnnotation(type, DisallowReplay.class)) {
            return Optional.of(type.getSimpleName());
        }
        for (Method method : ReflectionUtils.getAllDeclaredMethods(type)) {
            if (AnnotatedElementUtils.hasAnnotation(method, DisallowReplay.class)) {
                return Optional.of(type.getSimpleName() + "." + method.getName());
            }
        }
        return Optional.empty();
    }
}
