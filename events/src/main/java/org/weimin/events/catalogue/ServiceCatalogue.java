package org.weimin.events.catalogue;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.weimin.events.DomainException;
import org.weimin.events.ErrorCode;
import org.weimin.events.ServiceItemCode;
import org.weimin.events.org.OrgTree;
import org.weimin.events.org.OrgUnitKind;

/**
 * The service catalogue, validated against the org tree: every item's department is a known line department. A
 * catalogue built with {@link #of} is an immutable snapshot; the application's catalogue is live like
 * {@link OrgTree} (a subclass overriding {@link #snapshot()}).
 */
public class ServiceCatalogue {
    private final Map<ServiceItemCode, ServiceItem> items;

    private ServiceCatalogue(Map<ServiceItemCode, ServiceItem> items) {
        this.items = items;
    }

    /** For a live catalogue: holds nothing itself and must override {@link #snapshot()}. */
    protected ServiceCatalogue() {
        this(null);
    }

    /** The immutable catalogue that answers queries: this one, or for a live catalogue the snapshot in force. */
    protected ServiceCatalogue snapshot() {
        return this;
    }

    /** @throws IllegalArgumentException on duplicate codes or a department that is not a line department */
    public static ServiceCatalogue of(Collection<ServiceItem> all, OrgTree tree) {
        Map<ServiceItemCode, ServiceItem> items = new LinkedHashMap<>();
        for (ServiceItem item : all) {
            if (items.putIfAbsent(item.code(), item) != null) {
                throw new IllegalArgumentException("duplicate service item " + item.code());
            }
            var department = tree.find(item.department())
                    .orElseThrow(() -> new IllegalArgumentException(
                            "service item " + item.code() + " names unknown department " + item.department()));
            if (department.kind() != OrgUnitKind.LINE_DEPARTMENT) {
                throw new IllegalArgumentException(
                        "service item " + item.code() + ": " + item.department() + " is not a line department");
            }
        }
        return new ServiceCatalogue(Collections.unmodifiableMap(items));
    }

    public Optional<ServiceItem> find(ServiceItemCode code) {
        return Optional.ofNullable(snapshot().items.get(code));
    }

    /** @throws DomainException {@link ErrorCode#UNKNOWN_SERVICE_ITEM} when there is no such item */
    public ServiceItem require(ServiceItemCode code) {
        ServiceItem item = snapshot().items.get(code);
        if (item == null) {
            throw new DomainException(ErrorCode.UNKNOWN_SERVICE_ITEM, "No service item " + code + ".",
                    Map.of("serviceItem", code.value()));
        }
        return item;
    }

    public Collection<ServiceItem> all() {
        return snapshot().items.values();
    }
}
