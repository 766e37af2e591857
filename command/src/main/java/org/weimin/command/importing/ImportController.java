package org.weimin.command.importing;

import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.weimin.events.StaffMember;

/**
 * {@code POST /api/import/cases} (role {@code importer}): imports one historical record
 * ({@link ImportService}). 201 when created, 200 when it was imported before (or its content was), with the case id
 * and tracking number either way.
 */
@RestController
public class ImportController {
    private final ImportService imports;

    public ImportController(ImportService imports) {
        this.imports = imports;
    }

    @PostMapping("/api/import/cases")
    public ResponseEntity<ImportService.ImportReply> importCase(StaffMember importer,
                                                                @Valid @RequestBody ImportCaseRequest request) {
        ImportService.ImportReply reply = imports.importCase(importer, request);
        return ResponseEntity.status(reply.outcome() == ImportService.Outcome.CREATED ? 201 : 200).body(reply);
    }
}
