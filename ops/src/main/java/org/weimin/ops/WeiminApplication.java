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

    public static void main(String[] args) {
        System.setProperty("axoniq.update-checker.disabled", "true");
        SpringApplication.run(WeiminApplication.class, args);
    }
}
