package org.weimin.command.importing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.weimin.command.cases.CaseIdentities;
import org.weimin.command.cases.ImportCase;
import org.weimin.events.Actor;
import org.weimin.events.ActorKind;
import org.weimin.events.CaseId;
import org.weimin.events.DomainException;
import org.weimin.events.ErrorCode;
import org.weimin.events.ServiceItemCode;
import org.weimin.events.StaffMember;
import org.weimin.events.UnitId;
import org.weimin.events.cases.ResultType;
import org.weimin.events.cases.TrackingNumber;
import org.weimin.events.catalogue.ServiceCatalogue;
import org.weimin.events.catalogue.ServiceItem;
import org.weimin.events.org.OrgTree;
import org.weimin.events.org.OrgUnit;
import org.weimin.events.org.OrgUnitKind;
import org.weimin.events.privacy.ApplicantKeyId;
import org.weimin.events.privacy.KeyedHasher;
import org.weimin.events.privacy.PersonalDataVault;
import org.weimin.events.privacy.SealedApplicant;

/**
 * The privileged import path (issue 6; role {@code importer}, the only path that sets historical business times).
 * Every record becomes an {@link ImportCase} command: the same events and rules as staff commands, actor
 * {@code IMPORTER} with the source's name as id.
 *
 * <p>Idempotent: the record's {@code (source, rowId)} is written to table {@code import_record} in the same
 * transaction as the case's events, so a repeated or resumed import creates nothing twice and a crash leaves either
 * both or neither. A record whose content (receipt time, subject, description) was already imported from the same
 * source under another id is not imported again: {@code DUPLICATE_CONTENT}, naming the first.
 */
@Service
public class ImportService {
    /** The role allowed to import. */
    public static final String IMPORTER_ROLE = "importer";
    /** Stored as the applicant's name when the source names none. */
    public static final String NAME_NOT_RECORDED = "佚名";
    private static final Instant EARLIEST = Instant.parse("1990-01-01T00:00:00Z");
    private static final int TRACKING_NUMBER_ATTEMPTS = 5;

    private final CommandGateway commands;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final OrgTree orgTree;
    private final ServiceCatalogue catalogue;
    private final PersonalDataVault vault;
    private final KeyedHasher hasher;
    private final CaseIdentities identities;
    private final Clock clock;

    public ImportService(CommandGateway commands, JdbcTemplate jdbc, TransactionTemplate transactions,
                         OrgTree orgTree, ServiceCatalogue catalogue, PersonalDataVault vault, KeyedHasher hasher,
                         CaseIdentities identities, Clock clock) {
        this.commands = commands;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.orgTree = orgTree;
        this.catalogue = catalogue;
        this.vault = vault;
        this.hasher = hasher;
        this.identities = identities;
        this.clock = clock;
    }

    /** What happened to one record. */
    public enum Outcome {
        /** Imported now. */
        CREATED,
        /** This source and row id were imported before: nothing new. */
        EXISTS,
        /** The same content was imported from this source under another row id: not imported. */
        DUPLICATE_CONTENT
    }

    /**
     * @param duplicateOf for {@code DUPLICATE_CONTENT}, the row id imported first
     */
    public record ImportReply(Outcome outcome, String caseId, String trackingNumber, String duplicateOf) {
    }

    /**
     * Imports one record.
     *
     * @throws DomainException {@code FORBIDDEN} without the importer role; {@code VALIDATION_FAILED} for times out of
     *                         order or in the future; {@code UNKNOWN_ORG_UNIT}, {@code UNKNOWN_SERVICE_ITEM},
     *                         {@code NOT_A_CASE_HOLDING_UNIT} for reference data that does not fit
     */
    public ImportReply importCase(StaffMember importer, ImportCaseRequest r) {
        if (!importer.hasRole(IMPORTER_ROLE)) {
            throw new DomainException(ErrorCode.FORBIDDEN, "Only the importer may import records.");
        }
        Instant now = clock.instant();
        Instant received = r.receivedAt();
        if (received.isBefore(EARLIEST) || received.isAfter(now)) {
            throw invalid("receivedAt", "between 1990 and now");
        }
        if (r.forwardedAt() != null && (r.forwardTo() == null || r.forwardTo().isBlank())) {
            throw invalid("forwardedAt", "given only with forwardTo");
        }
        if (r.completedAt() != null && r.result() == org.weimin.events.cases.ResultType.REFUSED
                && (r.resultText() == null || r.resultText().isBlank())) {
            throw new DomainException(ErrorCode.REFUSAL_NEEDS_REASONS,
                    "A refusal must state its reasons in the result text.", Map.of("resultText", "required"));
        }
        Instant forwardedAt = r.forwardedAt() == null ? received : r.forwardedAt();
        if (forwardedAt.isBefore(received) || forwardedAt.isAfter(now)) {
            throw invalid("forwardedAt", "between receivedAt and now");
        }
        if (r.completedAt() != null && (r.completedAt().isBefore(forwardedAt) || r.completedAt().isAfter(now))) {
            throw invalid("completedAt", "between receivedAt (and forwardedAt) and now");
        }
        OrgUnit window = orgTree.require(UnitId.of(r.window()));
        if (window.kind() != OrgUnitKind.WINDOW) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "Unit " + window.id() + " is not a window.",
                    Map.of("window", r.window()));
        }
        ServiceItem item = catalogue.require(ServiceItemCode.of(r.serviceItem()));
        UnitId forwardTo = null;
        if (r.forwardTo() != null && !r.forwardTo().isBlank()) {
            OrgUnit target = orgTree.require(UnitId.of(r.forwardTo()));
            if (target.kind() == OrgUnitKind.WINDOW || target.kind() == OrgUnitKind.RESIDENTS_GROUP) {
                throw new DomainException(ErrorCode.NOT_A_CASE_HOLDING_UNIT,
                        "Unit " + target.id() + " (" + target.kind() + ") does not hold cases.",
                        Map.of("forwardTo", r.forwardTo()));
            }
            forwardTo = target.id();
        }
        String contentHash = contentHash(r);
        ImportReply earlier = existing(r.source(), r.rowId(), contentHash);
        if (earlier != null) {
            return earlier;
        }

        CaseId caseId = identities.newCaseId();
        ApplicantKeyId key = ApplicantKeyId.of("case:" + caseId.value());
        String name = r.applicantName() == null || r.applicantName().isBlank() ? NAME_NOT_RECORDED
                : r.applicantName().strip();
        SealedApplicant applicant = new SealedApplicant(key, vault.seal(key, name), null, null, null);
        var subject = vault.seal(key, r.subject());
        var description = r.description() == null || r.description().isBlank() ? null
                : vault.seal(key, r.description());
        ResultType result = r.completedAt() == null ? null : (r.result() == null ? ResultType.RESOLVED : r.result());
        String reason = r.forwardReason() == null || r.forwardReason().isBlank() ? "导入：原记录的承办单位"
                : r.forwardReason();
        UnitId target = forwardTo;
        for (int attempt = 1; ; attempt++) {
            TrackingNumber trackingNumber = identities.newTrackingNumber();
            String codeHash = hasher.hash(KeyedHasher.VERIFICATION_CODE, identities.newVerificationCode().value());
            ImportCase command = new ImportCase(caseId, trackingNumber, codeHash, item.code(), window.id(),
                    window.parent(), r.channel(), importer.id(), applicant, subject, description,
                    item.limitWorkingDays(), new Actor(ActorKind.IMPORTER, r.source()), received, target,
                    target == null ? null : forwardedAt, reason, result,
                    r.completedAt() == null ? null : r.resultText(), r.completedAt(), now);
            try {
                transactions.executeWithoutResult(status -> {
                    jdbc.update("INSERT INTO import_record (source, row_id, content_hash, case_id, tracking_number, "
                                    + "imported_at) VALUES (?, ?, ?, ?, ?, ?)", r.source(), r.rowId(), contentHash,
                            caseId.value(), trackingNumber.value(), Timestamp.from(now));
                    commands.sendAndWait(command);
                });
                return new ImportReply(Outcome.CREATED, caseId.value(), trackingNumber.value(), null);
            } catch (DuplicateKeyException e) {
                ImportReply raced = existing(r.source(), r.rowId(), contentHash);
                if (raced != null) {
                    return raced;
                }
                throw e;
            } catch (RuntimeException e) {
                if (org.weimin.command.cases.CaseCommandService.isTrackingNumberCollision(e)
                        && attempt < TRACKING_NUMBER_ATTEMPTS) {
                    continue;
                }
                throw e;
            }
        }
    }

    private ImportReply existing(String source, String rowId, String contentHash) {
        List<ImportReply> same = jdbc.query("SELECT case_id, tracking_number FROM import_record WHERE source = ? "
                + "AND row_id = ?", (rs, i) -> new ImportReply(Outcome.EXISTS, rs.getString(1), rs.getString(2),
                null), source, rowId);
        if (!same.isEmpty()) {
            return same.get(0);
        }
        List<ImportReply> duplicate = jdbc.query("SELECT case_id, tracking_number, row_id FROM import_record "
                        + "WHERE source = ? AND content_hash = ? ORDER BY imported_at FETCH FIRST 1 ROWS ONLY",
                (rs, i) -> new ImportReply(Outcome.DUPLICATE_CONTENT, rs.getString(1), rs.getString(2),
                        rs.getString(3)), source, contentHash);
        return duplicate.isEmpty() ? null : duplicate.get(0);
    }

    /** SHA-256 over the receipt time, subject and description with white space removed. */
    static String contentHash(ImportCaseRequest r) {
        String content = r.receivedAt() + "\u0000" + squeeze(r.subject()) + "\u0000" + squeeze(r.description());
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String squeeze(String text) {
        return text == null ? "" : text.replaceAll("[\\s\\u3000\\u00A0]+", "");
    }

    private static DomainException invalid(String field, String expected) {
        return new DomainException(ErrorCode.VALIDATION_FAILED, field + " must be " + expected + ".",
                Map.of(field, expected));
    }
}
