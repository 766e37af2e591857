package org.weimin.ops.open311;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.weimin.command.api.ApplicantInput;
import org.weimin.command.cases.CaseCommandService;
import org.weimin.events.DomainException;
import org.weimin.events.ErrorCode;
import org.weimin.events.ServiceItemCode;
import org.weimin.events.UnitId;
import org.weimin.events.calendar.WorkingCalendar;
import org.weimin.events.catalogue.Material;
import org.weimin.events.catalogue.ServiceCatalogue;
import org.weimin.events.catalogue.ServiceItem;
import org.weimin.events.org.OrgTree;
import org.weimin.events.org.OrgUnit;
import org.weimin.ops.open311.ApiKeyStore.StoredKey;
import org.weimin.ops.web.TextCharacters;
import org.weimin.query.cases.CaseQueryController;
import org.weimin.query.cases.PublicCaseView;
import org.weimin.query.search.CaseSearchFilter;
import org.weimin.query.search.CaseSearchService;

/**
 * Open311 GeoReport v2 under {@code /open311/v2} (issue 9; the standard field by field:
 * {@code open311-georeport-v2.md}), every path with the {@code .json} and {@code .xml} suffix ({@link Open311Format}),
 * errors in the spec's format ({@link Open311Errors}). Public like the lookup page: discovery, services, a service's
 * definition and one request by id. With an API key ({@link ApiKeys}): the request list and creating a request.
 *
 * <p>A request is a case seen exactly as the public lookup shows it ({@link CaseQueryController#publicView}: the same
 * normalisation, check-character test and single key lookup, the same public timeline), mapped by
 * {@link Open311Requests}; nothing else of the case is read, so nothing the public may not see (rules.md "What the
 * public sees") can appear.
 */
@RestController
public class Open311Controller {
    static final String BASE = "/open311/v2";
    /** The most requests one list answers (the spec's limit), and the default page size. */
    static final int MAX_PAGE_SIZE = 1000;
    /** The widest date range of a list (the spec: 90 days). */
    static final int MAX_DAYS = 90;
    /** Deepest result a list pages to (the search index's window). */
    static final int MAX_RESULT = 10_000;
    static final int MAX_DESCRIPTION = 4000;

    private final CaseQueryController publicCases;
    private final ServiceCatalogue catalogue;
    private final OrgTree orgTree;
    private final ApiKeys keys;
    private final CaseCommandService cases;
    private final ObjectProvider<CaseSearchService> search;
    private final Clock clock;
    private final Instant changeset;
    private final String jurisdiction;
    private final String contact;
    private final String keyService;

    public Open311Controller(CaseQueryController publicCases, ServiceCatalogue catalogue, OrgTree orgTree,
                             ApiKeys keys, CaseCommandService cases, ObjectProvider<CaseSearchService> search,
                             Clock clock,
                             @Value("${weimin.open311.jurisdiction-id:weimin}") String jurisdiction,
                             @Value("${weimin.open311.contact:为民服务中心 12345}") String contact,
                             @Value("${weimin.open311.key-service:API keys are issued by the administrators of the "
                                     + "service centre; ask at a window or call 12345.}") String keyService) {
        this.publicCases = publicCases;
        this.catalogue = catalogue;
        this.orgTree = orgTree;
        this.keys = keys;
        this.cases = cases;
        this.search = search;
        this.clock = clock;
        this.changeset = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        this.jurisdiction = jurisdiction;
        this.contact = contact;
        this.keyService = keyService;
    }

    /**
     * Discovery: contact, how to get a key, and the endpoint twice (as {@code production} and as {@code test}: one
     * widely used validator breaks on a single entry; this service has no separate test instance, so both name it).
     */
    @GetMapping(BASE + "/discovery.{format}")
    public ResponseEntity<byte[]> discovery(@PathVariable String format,
                                            @RequestParam MultiValueMap<String, String> params) {
        Open311Format f = format(format);
        checkJurisdiction(params);
        String url = ServletUriComponentsBuilder.fromCurrentContextPath().path(BASE).toUriString();
        List<Object> endpoints = new ArrayList<>();
        for (String type : List.of("production", "test")) {
            Map<String, Object> endpoint = new LinkedHashMap<>();
            endpoint.put("specification", "http://wiki.open311.org/GeoReport_v2");
            endpoint.put("url", url);
            endpoint.put("changeset", Open311Requests.datetime(changeset));
            endpoint.put("type", type);
            endpoint.put("formats", List.of("text/xml", "application/json"));
            endpoints.add(endpoint);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("changeset", Open311Requests.datetime(changeset));
        body.put("contact", contact);
        body.put("key_service", keyService);
        body.put("endpoints", endpoints);
        return f.respond(200, "discovery", null, body);
    }

    /** The active service items of the catalogue, each {@code realtime} (the id comes back at once). */
    @GetMapping(BASE + "/services.{format}")
    public ResponseEntity<byte[]> services(@PathVariable String format,
                                           @RequestParam MultiValueMap<String, String> params) {
        Open311Format f = format(format);
        checkJurisdiction(params);
        List<Object> services = catalogue.all().stream().filter(ServiceItem::active)
                .sorted(Comparator.comparing(i -> i.code().value()))
                .map(this::service).map(Object.class::cast).toList();
        return f.respond(200, "services", "service", services);
    }

    private Map<String, Object> service(ServiceItem item) {
        String department = unitName(item.department());
        Map<String, Object> service = new LinkedHashMap<>();
        service.put("service_code", item.code().value());
        service.put("service_name", item.name());
        service.put("description", department + "办理，承诺时限" + item.limitWorkingDays() + "个工作日");
        service.put("metadata", !item.materials().isEmpty());
        service.put("type", "realtime");
        service.put("group", department);
        return service;
    }

    /**
     * A service's definition: each required material is an attribute, a {@code singlevaluelist} of {@code true}
     * (supplied) and {@code false} (not yet supplied). Answering is optional: what is not answered as supplied is asked
     * for at once by the one-time notice ({@link #create}).
     */
    @GetMapping(BASE + "/services/{code}.{format}")
    public ResponseEntity<byte[]> serviceDefinition(@PathVariable String code, @PathVariable String format,
                                                    @RequestParam MultiValueMap<String, String> params) {
        Open311Format f = format(format);
        checkJurisdiction(params);
        ServiceItem item = activeItem(code).orElseThrow(() -> new Open311Exception(404,
                ErrorCode.UNKNOWN_SERVICE_ITEM.name(), "No service with code " + code + "."));
        List<Object> attributes = new ArrayList<>();
        int order = 1;
        for (Material m : item.materials()) {
            Map<String, Object> attribute = new LinkedHashMap<>();
            attribute.put("variable", true);
            attribute.put("code", m.code());
            attribute.put("datatype", "singlevaluelist");
            attribute.put("required", false);
            attribute.put("datatype_description", "true (or yes, 1): the applicant supplies this material; false or "
                    + "no answer: it is asked for by a one-time notice and the time limit waits for it");
            attribute.put("order", order++);
            attribute.put("description", m.name());
            attribute.put("values", List.of(Map.of("key", "true", "name", "已提供 supplied"),
                    Map.of("key", "false", "name", "未提供 not supplied yet")));
            attributes.add(attribute);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("service_code", item.code().value());
        body.put("attributes", attributes);
        return f.respond(200, "service_definition", null, body);
    }

    /** One request by its tracking number: public, like the lookup page. 404 {@code CASE_NOT_FOUND} for any miss. */
    @GetMapping(BASE + "/requests/{id}.{format}")
    public ResponseEntity<byte[]> request(@PathVariable String id, @PathVariable String format,
                                          @RequestParam MultiValueMap<String, String> params) {
        Open311Format f = format(format);
        checkJurisdiction(params);
        PublicCaseView view = publicCases.publicView(id);
        return f.respond(200, "service_requests", "request",
                List.of(Open311Requests.request(view, extensions(params))));
    }

    /**
     * The request list, with an API key so that tracking numbers are not enumerable by the public. Filters:
     * {@code service_request_id} (comma list, looked up by key; overrides the rest), {@code service_code} (comma
     * list), {@code status} ({@code open}, {@code closed}), {@code start_date}, {@code end_date} (ISO 8601 with an
     * offset, applied by calendar day in Asia/Shanghai, at most 90 days apart; default the last 90 days); paging
     * extension {@code page} (from 1) and {@code page_size} (1–1000, default 1000); newest first. From the search
     * index: 503 {@code SEARCH_UNAVAILABLE} while it is down (lookups by id still work).
     */
    @GetMapping(BASE + "/requests.{format}")
    public ResponseEntity<byte[]> requests(@PathVariable String format,
                                           @RequestParam MultiValueMap<String, String> params) {
        Open311Format f = format(format);
        checkJurisdiction(params);
        requireKey(params);
        boolean extensions = extensions(params);
        List<Object> requests = new ArrayList<>();
        String ids = params.getFirst("service_request_id");
        if (ids != null && !ids.isBlank()) {
            List<String> wanted = Arrays.stream(ids.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                    .distinct().toList();
            if (wanted.size() > MAX_PAGE_SIZE) {
                throw invalid("service_request_id lists more than " + MAX_PAGE_SIZE + " ids.");
            }
            for (String id : wanted) {
                found(id).ifPresent(v -> requests.add(Open311Requests.request(v, extensions)));
            }
            return f.respond(200, "service_requests", "request", requests);
        }
        int page = intParam(params, "page", 1, 1, MAX_RESULT);
        int size = intParam(params, "page_size", MAX_PAGE_SIZE, 1, MAX_PAGE_SIZE);
        if ((long) page * size > MAX_RESULT) {
            throw invalid("page × page_size may reach at most " + MAX_RESULT + " requests; narrow the dates.");
        }
        CaseSearchService service = search.getIfAvailable();
        if (service == null) {
            throw new Open311Exception(503, ErrorCode.SEARCH_UNAVAILABLE.name(),
                    "The request list needs the search index, which this service runs without.");
        }
        var hits = service.search(listFilter(params), new CaseSearchService.Paging(
                CaseSearchService.Sort.RECEIVED_AT, false, size, page - 1, null));
        for (var hit : hits.items()) {
            found(hit.item().trackingNumber()).ifPresent(v -> requests.add(Open311Requests.request(v, extensions)));
        }
        return f.respond(200, "service_requests", "request", requests);
    }

    /** Any other path under {@code /open311/v2}: the spec's 404, in the format of its suffix. */
    @RequestMapping(BASE + "/**")
    public ResponseEntity<byte[]> unknown() {
        throw new Open311Exception(404, "UNKNOWN_RESOURCE", "No such Open311 resource; see discovery.json.");
    }

    private Optional<PublicCaseView> found(String trackingNumber) {
        try {
            return Optional.of(publicCases.publicView(trackingNumber));
        } catch (DomainException e) {
            if (e.code() == ErrorCode.CASE_NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private CaseSearchFilter listFilter(MultiValueMap<String, String> params) {
        List<String> codes = Optional.ofNullable(params.getFirst("service_code")).map(s -> Arrays.stream(s.split(","))
                .map(String::strip).filter(c -> !c.isEmpty()).toList()).orElse(List.of());
        Boolean open = null;
        String status = params.getFirst("status");
        if (status != null && !status.isBlank()) {
            List<String> statuses = Arrays.stream(status.split(",")).map(s -> s.strip().toLowerCase(Locale.ROOT))
                    .distinct().toList();
            if (!List.of("open", "closed").containsAll(statuses)) {
                throw invalid("status is open, closed or both (comma-separated).");
            }
            open = statuses.size() == 1 ? statuses.contains("open") : null;
        }
        LocalDate today = LocalDate.ofInstant(clock.instant(), WorkingCalendar.ZONE);
        LocalDate end = date(params, "end_date");
        LocalDate start = date(params, "start_date");
        end = end != null ? end : start != null ? start.plusDays(MAX_DAYS) : today;
        start = start != null ? start : end.minusDays(MAX_DAYS);
        if (start.isAfter(end) || start.plusDays(MAX_DAYS).isBefore(end)) {
            throw invalid("start_date must not be after end_date, and they are at most " + MAX_DAYS + " days apart.");
        }
        return new CaseSearchFilter(null, null, null, null, null, null, null, codes, List.of(), List.of(), List.of(),
                open, null, null, null, null, null, start, end, null, null, null);
    }

    private static LocalDate date(MultiValueMap<String, String> params, String name) {
        String value = params.getFirst(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.strip()).atZoneSameInstant(WorkingCalendar.ZONE).toLocalDate();
        } catch (DateTimeParseException e) {
            throw invalid(name + " is an ISO 8601 date-time with an offset, e.g. 2026-03-01T00:00:00+08:00.");
        }
    }

    /**
     * Creates a request (a case received online at the key's window; {@link CaseCommandService#receiveOnline}). Form
     * fields: {@code api_key}, {@code service_code}, {@code attribute[CODE]} ({@code true}/{@code yes}/{@code 1}:
     * supplied; {@code false}/{@code no}/{@code 0} or no answer: not yet), the applicant's {@code last_name} and
     * {@code first_name} (at least one; the name is written family name first, as Chinese names are), {@code phone},
     * {@code address_string} (the applicant's address), {@code description} (the applicant's own text, at most 4,000
     * characters): all sealed under the applicant's data key like every applicant's data, never logged, never shown
     * here again. {@code email}, {@code lat}/{@code long}, {@code address_id}, {@code device_id}, {@code account_id}
     * and {@code media_url} are not kept. The reply is the spec's list of one: {@code service_request_id} (the
     * tracking number), {@code service_notice} (the notice sent at once, if any) and, as an extension,
     * {@code verification_code}: the applicant's code, in this reply only (it is stored only as a keyed hash) — the
     * client must hand it to the applicant, who needs it for the details and the evaluation.
     */
    @PostMapping(BASE + "/requests.{format}")
    public ResponseEntity<byte[]> create(@PathVariable String format,
                                         @RequestParam MultiValueMap<String, String> params) {
        Open311Format f = format(format);
        checkJurisdiction(params);
        StoredKey key = requireKey(params);
        String code = params.getFirst("service_code");
        if (code == null || code.isBlank()) {
            throw invalid("service_code is required.");
        }
        String name = (text(params, "last_name", 25) + text(params, "first_name", 25)).strip();
        if (name.isEmpty()) {
            throw invalid("last_name or first_name is required: the applicant's name.");
        }
        String description = text(params, "description", MAX_DESCRIPTION);
        Map<String, Boolean> answers = new LinkedHashMap<>();
        params.forEach((field, values) -> {
            if (field.startsWith("attribute[") && field.endsWith("]")) {
                answers.put(field.substring("attribute[".length(), field.length() - 1), supplied(field, values));
            }
        });
        ServiceItemCode item = ServiceItemCode.of(code.strip());
        String subject = catalogue.find(item).map(ServiceItem::name).orElse(code.strip()) + "（网上申请）";
        ApplicantInput applicant = new ApplicantInput(name, null, null, blankToNull(text(params, "phone", 30)),
                blankToNull(text(params, "address_string", 200)));
        CaseCommandService.OnlineReceipt receipt = cases.receiveOnline(key.keyId(), UnitId.of(key.window()), item,
                applicant, subject, blankToNull(description), answers);
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("service_request_id", receipt.receipt().trackingNumber());
        if (receipt.materialsAwaited() > 0) {
            reply.put("service_notice", Open311Requests.materialsNotice(receipt.materialsAwaited()));
        }
        reply.put("verification_code", receipt.receipt().verificationCode());
        return f.respond(201, "service_requests", "request", List.of(reply));
    }

    /** An attribute answer: one of true/yes/1 (supplied) or false/no/0 (not supplied). */
    private static boolean supplied(String field, List<String> values) {
        if (values.size() != 1) {
            throw invalid(field + " takes one value.");
        }
        String v = values.get(0).strip().toLowerCase(Locale.ROOT);
        if (List.of("true", "yes", "1").contains(v)) {
            return true;
        }
        if (List.of("false", "no", "0").contains(v)) {
            return false;
        }
        throw invalid(field + " is true (yes, 1) or false (no, 0).");
    }

    private StoredKey requireKey(MultiValueMap<String, String> params) {
        return keys.authenticate(params.getFirst("api_key")).orElseThrow(() -> new Open311Exception(403,
                ErrorCode.INVALID_API_KEY.name(), "A valid api_key is required (missing, unknown or revoked)."));
    }

    /** An endpoint serving one jurisdiction: a {@code jurisdiction_id} other than ours is an unknown one (404). */
    private void checkJurisdiction(MultiValueMap<String, String> params) {
        String given = params.getFirst("jurisdiction_id");
        if (given != null && !given.isBlank() && !given.strip().equals(jurisdiction)) {
            throw new Open311Exception(404, "UNKNOWN_JURISDICTION", "This endpoint serves jurisdiction "
                    + jurisdiction + " only.");
        }
    }

    private static Open311Format format(String suffix) {
        Open311Format format = Open311Format.ofSuffix(suffix);
        if (format == null) {
            throw new Open311Exception(404, "UNKNOWN_FORMAT", "Formats are .json and .xml.");
        }
        return format;
    }

    private static boolean extensions(MultiValueMap<String, String> params) {
        return "true".equalsIgnoreCase(params.getFirst("extensions"));
    }

    private static int intParam(MultiValueMap<String, String> params, String name, int fallback, int min, int max) {
        String value = params.getFirst(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // falls through to the refusal
        }
        throw invalid(name + " is a whole number from " + min + " to " + max + ".");
    }

    /** A form field, stripped; "" when absent. @throws Open311Exception 400 when longer than {@code max} */
    private static String text(MultiValueMap<String, String> params, String name, int max) {
        String value = params.getFirst(name);
        if (value == null) {
            return "";
        }
        if (value.length() > max) {
            throw invalid(name + " is at most " + max + " characters.");
        }
        // Tomcat decodes a form's invalid UTF-8 as U+FFFD: wrongly encoded text, rejected like control characters.
        if (TextCharacters.firstForbidden(value) >= 0 || value.indexOf('\uFFFD') >= 0) {
            throw new Open311Exception(400, ErrorCode.INVALID_CHARACTERS.name(), name + " contains a control "
                    + "character, an unpaired surrogate or bytes that are not UTF-8; send the text without them.");
        }
        return value.strip();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    private Optional<ServiceItem> activeItem(String code) {
        try {
            return catalogue.find(ServiceItemCode.of(code)).filter(ServiceItem::active);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private String unitName(UnitId unit) {
        return orgTree.find(unit).map(OrgUnit::name).orElse(unit.value());
    }

    private static Open311Exception invalid(String description) {
        return new Open311Exception(400, ErrorCode.VALIDATION_FAILED.name(), description);
    }
}
