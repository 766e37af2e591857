package org.weimin.ops.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.springframework.boot.SpringApplication;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.context.ConfigurableApplicationContext;
import org.weimin.command.importing.ImportCaseRequest;
import org.weimin.command.importing.ImportService;
import org.weimin.events.StaffId;
import org.weimin.events.StaffMember;
import org.weimin.events.UnitId;
import org.weimin.events.cases.Channel;
import org.weimin.events.cases.ResultType;
import org.weimin.ops.WeiminApplication;
import org.weimin.ops.admin.EventStoreHead;

/**
 * {@code java -jar weimin.jar fill-store --events=1000000 [--threads=4] [--seed-cases=200] [service properties...]}:
 * fills a (scratch)
 * service's stores for the rebuild benchmark without HTTP, with the service itself <b>stopped</b> (H2 locks its file).
 * It starts the application (its web server on a free loopback port, unused), stops the streaming processors (the read models are built when
 * the service starts, or by the rebuild being measured), and imports records through the importer's own service
 * ({@link ImportService#importCase}, the code behind {@code POST /api/import/cases}) until the event store holds at
 * least {@code --events} events: each record a received, forwarded and completed case (4 events), so the events, their
 * serialization, the sealed personal data, the case directory and the ledger hashes are exactly those of a real import.
 * With {@code --seed-cases=N} (default 200; 0: import everything), only N records go through the importer; the rest
 * of the events are copies of those cases under new ids ({@link CaseCloner}), appended through the event storage
 * engine in transactions of about {@value #COPIES_PER_TRANSACTION} cases: the command path (~160 events/s on a busy
 * 2-core machine) would take hours for a million events. Then it exits. Point it at a scratch data directory ({@code --weimin.data-dir=...}): it adds to what is there.
 */
public final class StoreFill {
    private static final StaffMember IMPORTER = new StaffMember(StaffId.of("importer"), UnitId.of("SFQ-ZX"),
            Set.of(ImportService.IMPORTER_ROLE));

    static final int COPIES_PER_TRANSACTION = 250;

    private StoreFill() {
    }

    /** Entry point; exit code 0 when the store holds the events asked for, 1 otherwise, 2 for bad arguments. */
    public static void main(String[] args) {
        long events = 0;
        int threads = 4;
        int seeds = 200;
        List<String> service = new ArrayList<>();
        for (String arg : args) {
            if (arg.startsWith("--events=")) {
                events = Long.parseLong(arg.substring("--events=".length()));
            } else if (arg.startsWith("--seed-cases=")) {
                seeds = Integer.parseInt(arg.substring("--seed-cases=".length()));
            } else if (arg.startsWith("--threads=")) {
                threads = Integer.parseInt(arg.substring("--threads=".length()));
            } else {
                service.add(arg);
            }
        }
        if (events <= 0 || threads <= 0 || seeds < 0) {
            System.err.println("usage: fill-store --events=N [--threads=4] [--seed-cases=200] "
                    + "[--weimin.data-dir=DIR ...]");
            System.exit(2);
        }
        System.setProperty("axoniq.update-checker.disabled", "true");
        service.add(0, "--server.port=0"); // the security configuration needs the web stack; nobody is meant to call it
        int code;
        try (ConfigurableApplicationContext context = SpringApplication.run(WeiminApplication.class,
                service.toArray(String[]::new))) {
            context.getBean(EventProcessingConfiguration.class).eventProcessors().values().stream()
                    .filter(StreamingEventProcessor.class::isInstance).forEach(p -> p.shutDown());
            EventStoreHead head = context.getBean(EventStoreHead.class);
            if (seeds == 0) {
                code = fill(context.getBean(ImportService.class), head, events, threads) ? 0 : 1;
            } else {
                CaseCloner cloner = new CaseCloner(context.getBean(EventStorageEngine.class),
                        context.getBean(TransactionManager.class), context.getBean("eventSerializer", Serializer.class),
                        context.getBean(JdbcTemplate.class), System.currentTimeMillis());
                code = seedAndCopy(context.getBean(ImportService.class), cloner, head, events, seeds) ? 0 : 1;
            }
        }
        System.exit(code);
    }

    private static boolean fill(ImportService imports, EventStoreHead head, long events, int threads)
            throws IllegalStateException {
        long before = events(head);
        if (before >= events) {
            System.err.printf("[weimin-fill] the store already holds %,d events%n", before);
            return true;
        }
        String source = "fill-" + Long.toString(System.currentTimeMillis(), 36);
        Instant base = Instant.now().minus(Duration.ofDays(365));
        AtomicLong rows = new AtomicLong();
        AtomicBoolean enough = new AtomicBoolean();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        long start = System.nanoTime();
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(() -> {
                while (!enough.get() && failure.get() == null) {
                    long row = rows.incrementAndGet();
                    try {
                        imports.importCase(IMPORTER, record(source, row, base));
                    } catch (RuntimeException e) {
                        failure.compareAndSet(null, e);
                    }
                }
            }, "fill-" + i);
            workers.add(t);
            t.start();
        }
        long count = before;
        long lastLog = System.nanoTime();
        while (count < events && failure.get() == null) {
            sleep();
            count = events(head);
            if (System.nanoTime() - lastLog > 10e9) {
                System.err.printf("[weimin-fill] %,d of %,d events (%,.0f events/s)%n", count, events,
                        (count - before) / ((System.nanoTime() - start) / 1e9));
                lastLog = System.nanoTime();
            }
        }
        enough.set(true);
        workers.forEach(StoreFill::join);
        count = events(head);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.err.printf("[weimin-fill] %,d events in the store (%,d added in %.1f s: %,.0f events/s)%n", count,
                count - before, seconds, (count - before) / seconds);
        if (failure.get() != null) {
            System.err.println("[weimin-fill] failed: " + failure.get());
            return false;
        }
        return true;
    }

    /**
     * Imports {@code seeds} records (or fewer, when that already reaches {@code events}), then appends copies of those
     * cases until the store holds {@code events} events.
     */
    private static boolean seedAndCopy(ImportService imports, CaseCloner cloner, EventStoreHead head, long events,
                                       int seeds) {
        long before = events(head);
        if (before >= events) {
            System.err.printf("[weimin-fill] the store already holds %,d events%n", before);
            return true;
        }
        long start = System.nanoTime();
        String source = "fill-" + Long.toString(System.currentTimeMillis(), 36);
        Instant base = Instant.now().minus(Duration.ofDays(365));
        List<CaseCloner.Original> originals = new ArrayList<>();
        for (long row = 1; row <= seeds && events(head) < events; row++) {
            ImportService.ImportReply reply = imports.importCase(IMPORTER, record(source, row, base));
            if (reply.caseId() != null) {
                originals.add(cloner.original(reply.caseId()));
            }
        }
        double seeded = (System.nanoTime() - start) / 1e9;
        System.err.printf("[weimin-fill] %d cases imported through the command path in %.1f s; copying them%n",
                originals.size(), seeded);
        if (originals.isEmpty()) {
            System.err.println("[weimin-fill] no case was imported: nothing to copy");
            return events(head) >= events;
        }
        long copyStart = System.nanoTime();
        long copied = 0;
        long count = events(head);
        long lastLog = System.nanoTime();
        int next = 0;
        long copyNumber = 0;
        while (count < events) {
            List<CaseCloner.Original> batch = new ArrayList<>();
            for (int i = 0; i < COPIES_PER_TRANSACTION; i++) {
                batch.add(originals.get(next));
                next = (next + 1) % originals.size();
            }
            copied += cloner.copy(batch, copyNumber);
            copyNumber += batch.size();
            count = events(head);
            if (System.nanoTime() - lastLog > 10e9) {
                System.err.printf("[weimin-fill] %,d of %,d events (copies: %,.0f events/s)%n", count, events,
                        copied / ((System.nanoTime() - copyStart) / 1e9));
                lastLog = System.nanoTime();
            }
        }
        double seconds = (System.nanoTime() - copyStart) / 1e9;
        System.err.printf("[weimin-fill] %,d events in the store (%,d copied in %.1f s: %,.0f events/s; %,d before)%n",
                count, copied, seconds, copied / seconds, before);
        return true;
    }

    /** The record the HTTP rebuild benchmark imports too ({@link RebuildBench#fill}): received, forwarded, completed. */
    private static ImportCaseRequest record(String source, long row, Instant base) {
        Instant received = base.plusSeconds(row % 30_000_000L);
        return new ImportCaseRequest(source, Long.toString(row), received, "JJD-ZX-W01", "MZ-002", Channel.WINDOW,
                Applicants.name(ThreadLocalRandom.current(), row), "申请临时救助",
                "家中突发变故，收入中断，申请临时救助（压测第" + row + "件）", "SFQ-MZJ", null, "属民政局职责",
                ResultType.GRANTED, "经审核符合条件，已发放临时救助金", received.plus(Duration.ofDays(2)));
    }

    /** Events in the store, as the rebuild benchmark counts them (head index + 1). */
    private static long events(EventStoreHead head) {
        return head.headIndex().orElse(-1) + 1;
    }

    private static void sleep() {
        try {
            Thread.sleep(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void join(Thread t) {
        try {
            t.join(60_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
