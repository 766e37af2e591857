package org.weimin.ops.reference;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.weimin.command.reference.LiveReferenceData;
import org.weimin.events.Actor;
import org.weimin.events.ServiceItemCode;
import org.weimin.events.UnitId;
import org.weimin.events.catalogue.Material;
import org.weimin.events.catalogue.ServiceCatalogue;
import org.weimin.events.catalogue.ServiceItem;
import org.weimin.events.org.OrgTree;
import org.weimin.events.org.OrgUnit;
import org.weimin.events.org.OrgUnitKind;
import org.weimin.events.reference.ReferenceEvent;
import org.weimin.events.reference.ReferenceModel;
import org.weimin.ops.CalendarConfiguration;
import org.weimin.ops.StoreStartupSteps;

/**
 * The deployment's reference data (issue 7: reference-data changes are events). The shipped files — the org tree
 * ({@code weimin.reference.org-units}, plus the source org trees of imports under an "imported" unit,
 * {@code weimin.reference.imported-org-units}) and the service catalogue ({@code weimin.reference.service-items}),
 * JSON files in {@code ops} by default — are the seed and the way deployments ship bulk changes:
 * <ol>
 *   <li>the {@link OrgTree} and {@link ServiceCatalogue} beans are live views of {@link LiveReferenceData}, first
 *       built from the files (invalid files stop the start with a message naming the offending entry);</li>
 *   <li>once all beans exist ({@link #referenceHistory}), the recorded stream replaces that model when it has events:
 *       the live model is the replay of every reference event;</li>
 *   <li>at start-up, before the other runners ({@link ReferenceFilesDeployment}), files whose content differs from
 *       the files applied last are recorded as their difference (actor {@code SYSTEM deployment}); unchanged files
 *       record nothing, so administrators' run-time changes are not overwritten at every restart.</li>
 * </ol>
 * Other nodes on a shared store fold a change in within seconds ({@link org.weimin.ops.nodes.StreamFollower}).
 */
@Configuration(proxyBeanMethods = false)
public class ReferenceDataConfiguration {
    private static final Logger log = LoggerFactory.getLogger(ReferenceDataConfiguration.class);
    static final Actor DEPLOYMENT = Actor.system("deployment");

    /** File shape of one org unit. */
    record OrgUnitEntry(String id, String name, OrgUnitKind kind, String parent, Boolean active) {
    }

    /** File shape of one service item. */
    record ServiceItemEntry(String code, String name, String department, int limitWorkingDays,
                            List<Material> materials, Boolean active) {
    }

    /**
     * The shipped files as read at this start.
     *
     * @param source      the files' descriptions, for people
     * @param contentHash SHA-256 (hex) over the three files' bytes, in order
     */
    public record ShippedFiles(String source, String contentHash, List<OrgUnit> units, List<ServiceItem> items) {
    }

    @Bean
    ShippedFiles shippedReferenceFiles(
            @Value("${weimin.reference.org-units:classpath:reference/org-units.json}") Resource orgUnits,
            @Value("${weimin.reference.imported-org-units:classpath:reference/imported-org-units.json}")
            Resource imported,
            @Value("${weimin.reference.service-items:classpath:reference/service-items.json}") Resource serviceItems,
            ObjectMapper json) throws IOException {
        return read(orgUnits, imported, serviceItems, json);
    }

    /**
     * Reads and hashes the files; a missing imported-units file counts as empty.
     *
     * @throws IOException when a file cannot be read or parsed
     */
    public static ShippedFiles read(Resource orgUnits, Resource imported, Resource serviceItems, ObjectMapper json)
            throws IOException {
        MessageDigest sha = sha256();
        List<OrgUnitEntry> unitEntries = new ArrayList<>(List.of(json.readValue(bytes(orgUnits, sha),
                OrgUnitEntry[].class)));
        if (imported.exists()) {
            // Source org trees of imports (issue 6), under an "imported" unit of the deployment's tree.
            unitEntries.addAll(List.of(json.readValue(bytes(imported, sha), OrgUnitEntry[].class)));
        }
        List<ServiceItemEntry> itemEntries = List.of(json.readValue(bytes(serviceItems, sha),
                ServiceItemEntry[].class));
        List<OrgUnit> units = unitEntries.stream()
                .map(e -> new OrgUnit(UnitId.of(e.id()), e.name(), e.kind(),
                        e.parent() == null ? null : UnitId.of(e.parent()), e.active() == null || e.active()))
                .toList();
        List<ServiceItem> items = itemEntries.stream()
                .map(e -> new ServiceItem(ServiceItemCode.of(e.code()), e.name(), UnitId.of(e.department()),
                        e.limitWorkingDays(), e.materials() == null ? List.of() : e.materials(),
                        e.active() == null || e.active()))
                .toList();
        String source = orgUnits.getDescription() + ", "
                + (imported.exists() ? imported.getDescription() + ", " : "") + serviceItems.getDescription();
        return new ShippedFiles(source, HexFormat.of().formatHex(sha.digest()), units, items);
    }

    /** The model the files alone give: the seed, as the first deployment on an empty store would record it. */
    public static ReferenceModel seedModel(ShippedFiles files) {
        ReferenceModel empty = ReferenceModel.empty();
        return empty.accept(empty.deployment(files.source(), files.contentHash(), files.units(), files.items(),
                DEPLOYMENT, java.time.Instant.EPOCH).orElseThrow(() -> new IllegalArgumentException(
                "the reference files are empty: " + files.source())));
    }

    @Bean
    LiveReferenceData liveReferenceData(ShippedFiles files) {
        LiveReferenceData live = new LiveReferenceData(seedModel(files));
        log.info("Reference files: {} org units, {} service items ({})", files.units().size(), files.items().size(),
                files.source());
        return live;
    }

    @Bean
    OrgTree orgTree(LiveReferenceData live) {
        return live.orgTree();
    }

    @Bean
    ServiceCatalogue serviceCatalogue(LiveReferenceData live) {
        return live.catalogue();
    }

    /**
     * Replaces the files' model with the replay of the recorded reference events, when there are any; with Axon Server
     * unreachable at start, once it is reachable ({@link StoreStartupSteps}).
     */
    @Bean
    SmartInitializingSingleton referenceHistory(LiveReferenceData live, EventStore events, StoreStartupSteps steps) {
        return () -> CalendarConfiguration.runStep(steps, "reference history", () -> replayInto(live, events));
    }

    /** Folds the recorded stream into {@code live} (nothing when the stream is empty); the events folded. */
    public static int replayInto(LiveReferenceData live, EventStore events) {
        List<ReferenceEvent> recorded = events.readEvents(ReferenceEvent.REFERENCE_DATA_ID).asStream()
                .map(m -> m.getPayload()).filter(ReferenceEvent.class::isInstance).map(ReferenceEvent.class::cast)
                .toList();
        if (!recorded.isEmpty()) {
            live.replace(ReferenceModel.replayAll(recorded));
            log.info("Reference data: replayed {} recorded change(s); revision {}, {} org units, {} service items",
                    recorded.size(), live.model().revision(), live.orgTree().size(), live.catalogue().all().size());
        }
        return recorded.size();
    }

    private static byte[] bytes(Resource file, MessageDigest sha) throws IOException {
        try (InputStream in = file.getInputStream()) {
            byte[] content = in.readAllBytes();
            sha.update(content);
            return content;
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
