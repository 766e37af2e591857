package org.weimin.ops;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The Weimin service: staff command API, public lookup and evaluation, read models, on the embedded stores by default
 * (H2 file database for events, tokens and keys; an in-process MongoDB wire-protocol server for read models) or on
 * the stores named in configuration.
 */
@SpringBootApplication(scanBasePackages = "org.weimin")
public class WeiminApplication {

    /**
     * Runs the service; {@code import ...} as first argument runs the importer client instead
     * ({@link org.weimin.ops.importer.ImportCli}) and {@code bench ...} the benchmark
     * ({@link org.weimin.ops.bench.BenchCli}); both talk to a running service over HTTP. {@code verify ...} checks the
     * ledger by reading a stopped event store directly ({@link org.weimin.ops.ledger.VerifyCli}); {@code fill-store ...}
     * fills a stopped service's stores for the rebuild benchmark ({@link org.weimin.ops.bench.StoreFill}); {@code store ...}
     * runs the embedded stores as a process of their own for several service nodes
     * ({@link org.weimin.ops.store.StoreServer}).
     */
    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("import")) {
            org.weimin.ops.importer.ImportCli.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("bench")) {
            org.weimin.ops.bench.BenchCli.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("fill-store")) {
            org.weimin.ops.bench.StoreFill.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("store")) {
            org.weimin.ops.store.StoreServer.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("verify")) {
            org.weimin.ops.ledger.VerifyCli.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        System.setProperty("axoniq.update-checker.disabled", "true");
        SpringApplication.run(WeiminApplication.class, args);
    }
}
