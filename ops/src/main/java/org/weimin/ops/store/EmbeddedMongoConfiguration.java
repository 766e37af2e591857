package org.weimin.ops.store;

import de.bwaldvogel.mongo.MongoServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.mongo.MongoConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import com.mongodb.ConnectionString;

/**
 * The embedded read-model store: with no {@code spring.data.mongodb.uri} configured, an in-process MongoDB
 * wire-protocol server ({@code mongo-java-server}, H2 file backend committing every write) listens on a free
 * loopback port, and the normal MongoDB driver connects to it. With a URI configured this configuration stays off
 * and the same code talks to that MongoDB.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "spring.data.mongodb", name = "uri", matchIfMissing = true, havingValue = "embedded")
public class EmbeddedMongoConfiguration {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedMongoConfiguration.class);

    /** The running embedded server; closed (and its file committed) when the application stops. */
    @Bean(destroyMethod = "shutdown")
    MongoServer embeddedMongoServer(DataDirectory dataDirectory) throws IOException {
        Path file = dataDirectory.path().resolve("readmodels.mv.db");
        Files.createDirectories(file.getParent());
        MongoServer server = new MongoServer(CommittingH2Backend.open(file));
        server.bind("127.0.0.1", 0);
        InetSocketAddress address = server.getLocalAddress();
        log.info("Read models: embedded MongoDB wire-protocol server on {} with data in {}", address, file);
        return server;
    }

    @Bean
    MongoConnectionDetails embeddedMongoConnectionDetails(MongoServer embeddedMongoServer,
                                                          org.springframework.core.env.Environment env) {
        InetSocketAddress address = embeddedMongoServer.getLocalAddress();
        String database = env.getProperty("spring.data.mongodb.database", "weimin");
        ConnectionString uri = new ConnectionString(
                "mongodb://127.0.0.1:" + address.getPort() + "/" + database);
        return () -> uri;
    }
}
