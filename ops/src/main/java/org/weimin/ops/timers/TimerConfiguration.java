package org.weimin.ops.timers;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.Task;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurationScopeAwareProvider;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.dbscheduler.DbSchedulerBinaryDeadlineDetails;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

/**
 * Persistent timers (stack-notes "Timers"): Axon's {@link DbSchedulerDeadlineManager} over db-scheduler, whose table
 * {@code scheduled_tasks} lives in the event-store database. A timer scheduled by a command is written in the
 * command's transaction (through a transaction-aware data source), so a rejected command leaves none behind; one that
 * falls due while the service is down fires after the restart; delivery is at least once and the case's timer
 * handlers are idempotent. db-scheduler reads time from the application {@link Clock} (so a test clock drives it);
 * polling every {@code weimin.timers.polling-interval} (default 1 s); a failed execution is retried after
 * {@code weimin.timers.retry-after} (db-scheduler's default would wait about 30 minutes).
 */
@Configuration(proxyBeanMethods = false)
public class TimerConfiguration {

    @Bean
    Task<DbSchedulerBinaryDeadlineDetails> caseTimerTask(ApplicationContext context) {
        return DbSchedulerDeadlineManager.binaryTask(() -> context.getBean(DbSchedulerDeadlineManager.class));
    }

    @Bean(destroyMethod = "stop")
    Scheduler timerScheduler(DataSource dataSource, List<Task<?>> tasks, Clock clock,
                             @Value("${weimin.timers.polling-interval:PT1S}") Duration polling,
                             @Value("${weimin.timers.threads:2}") int threads) {
        return Scheduler.create(new TransactionAwareDataSourceProxy(dataSource), tasks)
                .clock(clock::instant)
                .pollingInterval(polling)
                .heartbeatInterval(Duration.ofSeconds(10))
                .threads(threads)
                .schedulerName(nodeName())
                .alwaysPersistTimestampInUTC()
                .build();
    }

    /**
     * The name db-scheduler records as the picker of a running timer: host name and process id, so that two nodes on
     * one machine are told apart in {@code scheduled_tasks.picked_by}. Which node fires a due timer does not depend on
     * it: each picks a due row by an optimistic update of its version, so a timer fires on one node only.
     */
    static SchedulerName nodeName() {
        return new SchedulerName.Fixed(new SchedulerName.Hostname().getName() + "-" + ProcessHandle.current().pid());
    }

    @Bean
    DbSchedulerDeadlineManager deadlineManager(@Lazy Scheduler timerScheduler,
                                               org.axonframework.config.Configuration axon,
                                               @Qualifier("serializer") Serializer serializer,
                                               TransactionManager transactionManager) {
        return DbSchedulerDeadlineManager.builder()
                .scheduler(timerScheduler)
                .scopeAwareProvider(new ConfigurationScopeAwareProvider(axon))
                .serializer(serializer)
                .transactionManager(transactionManager)
                .startScheduler(true)
                .stopScheduler(true)
                .build();
    }
}
