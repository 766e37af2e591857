package org.weimin.ops;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.weimin.ops.store.DataDirectory;

/** Prints, once ready, where the service listens and where its data lives. */
@Component
public class StartupReport {
    private static final Logger log = LoggerFactory.getLogger(StartupReport.class);
    private final DataDirectory data;
    private final Environment env;

    public StartupReport(DataDirectory data, Environment env) {
        this.data = data;
        this.env = env;
    }

    @EventListener
    public void ready(ApplicationReadyEvent event) {
        int port = event.getApplicationContext() instanceof WebServerApplicationContext web
                ? web.getWebServer().getPort() : -1;
        String address = env.getProperty("server.address", "127.0.0.1");
        String datasource = env.getProperty("spring.datasource.url", "");
        String mongo = env.getProperty("spring.data.mongodb.uri", "embedded");
        log.info("Weimin is ready: listening on http://{}:{} (API docs at /swagger-ui.html); data directory {}; "
                        + "event store {}; read models {}",
                address, port, data.path(), datasource.replaceAll("password=[^;]*", "password=****"),
                mongo.replaceAll("//[^@/]*@", "//****@"));
    }
}
