package org.weimin.ops.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The hash chain as appended by {@link HashingAppendEvents} and checked by {@link CaseChain}: a clean store verifies,
 * and each kind of direct edit of the event table is reported at the first broken link.
 */
class LedgerChainTest extends TwoCaseStoreTest {
    @Test
    void appendedEventsCarryAHashAndVerify() throws Exception {
        CaseVerification a = store.verify("case-a");
        assertThat(a.verified()).isTrue();
        assertThat(a.events()).isEqualTo(4);
        assertThat(a.hashedEvents()).isEqualTo(4);
        assertThat(a.firstBrokenLink()).isNull();
        assertThat(metadata("case-a", 2)).matches(".*\"ledgerHash\":\"[0-9a-f]{64}\".*")
                .contains("\"traceId\":\"t-case-a\"");
    }

    @Test
    void severalEventsOfOneCaseInOneBatchChainToEachOther() throws Exception {
        store.append(List.of(LedgerStoreFixture.event("case-c", 0, "x"), LedgerStoreFixture.event("case-c", 1, "y"),
                LedgerStoreFixture.event("case-a", 4, "z")));
        assertThat(store.verify("case-c").verified()).isTrue();
        assertThat(store.verify("case-a").verified()).isTrue();
        assertThat(store.verify("case-a").events()).isEqualTo(5);
    }

    @Test
    void anEditedPayloadByteBreaksItsLink() throws Exception {
        assertThat(store.verify("case-a").verified()).isTrue();
        store.update("UPDATE DomainEventEntry SET payload = CAST(REPLACE(UTF8TOSTRING(payload), 'step', 'stop') "
                + "AS VARBINARY) WHERE aggregateIdentifier = 'case-a' AND sequenceNumber = 2");
        assertBrokenAt("case-a", 2, "hash mismatch");
        assertThat(store.verify("case-b").verified()).isTrue();
    }

    @Test
    void aDeletedEventIsAGap() throws Exception {
        store.update("DELETE FROM DomainEventEntry WHERE aggregateIdentifier = 'case-a' AND sequenceNumber = 1");
        assertBrokenAt("case-a", 1, "event missing: expected sequence 1, found 2");
    }

    @Test
    void aForgedEventAppendedWithACopiedHashIsReported() throws Exception {
        store.update("INSERT INTO DomainEventEntry (eventIdentifier, aggregateIdentifier, sequenceNumber, type, "
                + "timeStamp, payloadType, payloadRevision, payload, metaData) SELECT 'forged', aggregateIdentifier, "
                + "4, type, timeStamp, payloadType, payloadRevision, payload, metaData FROM DomainEventEntry "
                + "WHERE aggregateIdentifier = 'case-a' AND sequenceNumber = 3");
        assertBrokenAt("case-a", 4, "hash mismatch");
    }

    @Test
    void aForgedEventWithoutAHashAfterTheChainStartedIsReported() throws Exception {
        store.insertUnhashed("case-a", 4);
        assertBrokenAt("case-a", 4, "without a hash after the chain started");
    }

    @Test
    void swappedSequenceNumbersAreReported() throws Exception {
        store.swapSequences("case-a", 1, 2);
        assertBrokenAt("case-a", 1, "hash mismatch");
    }

    @Test
    void swappedRowsWithTheirGlobalIndexesAreReported() throws Exception {
        // Move the whole rows (contents) between the two positions, keeping sequence and global index order intact.
        store.swapSequences("case-a", 1, 2);
        long g1 = globalIndex("case-a", 1);
        long g2 = globalIndex("case-a", 2);
        store.update("UPDATE DomainEventEntry SET globalIndex = -1 WHERE globalIndex = ?", g1);
        store.update("UPDATE DomainEventEntry SET globalIndex = ? WHERE globalIndex = ?", g1, g2);
        store.update("UPDATE DomainEventEntry SET globalIndex = ? WHERE globalIndex = -1", g2);
        assertBrokenAt("case-a", 1, "hash mismatch");
    }

    @Test
    void aChangedTimestampIsReported() throws Exception {
        store.update("UPDATE DomainEventEntry SET timeStamp = '2026-03-02T01:03:00.001Z' "
                + "WHERE aggregateIdentifier = 'case-a' AND sequenceNumber = 3");
        assertBrokenAt("case-a", 3, "hash mismatch");
    }

    @Test
    void changedMetadataIsReportedButKeyOrderIsNot() throws Exception {
        String meta = metadata("case-b", 1);
        // Same content, keys in another order and with spaces: still the same canonical metadata.
        com.fasterxml.jackson.databind.node.ObjectNode parsed = LedgerHash.parseMetadata(meta.getBytes());
        List<String> names = new ArrayList<>();
        parsed.fieldNames().forEachRemaining(names::add);
        java.util.Collections.reverse(names);
        StringBuilder reordered = new StringBuilder("{ ");
        for (String n : names) {
            reordered.append(reordered.length() > 2 ? ", " : "").append('"').append(n).append("\": ")
                    .append(parsed.get(n));
        }
        reordered.append(" }");
        store.update("UPDATE DomainEventEntry SET metaData = ? WHERE aggregateIdentifier = 'case-b' "
                + "AND sequenceNumber = 1", reordered.toString().getBytes());
        assertThat(store.verify("case-b").verified()).isTrue();
        store.update("UPDATE DomainEventEntry SET metaData = ? WHERE aggregateIdentifier = 'case-b' "
                + "AND sequenceNumber = 1", meta.replace("t-case-b", "t-forged").getBytes());
        assertBrokenAt("case-b", 1, "hash mismatch");
    }

    @Test
    void legacyEventsBeforeTheChainAreUnhashedNotBroken() throws Exception {
        store.insertUnhashed("case-old", 0);
        store.insertUnhashed("case-old", 1);
        store.append(List.of(LedgerStoreFixture.event("case-old", 2, "first hashed")));
        store.append(List.of(LedgerStoreFixture.event("case-old", 3, "second hashed")));
        CaseVerification v = store.verify("case-old");
        assertThat(v.verified()).isTrue();
        assertThat(v.unhashedEvents()).isEqualTo(2);
        assertThat(v.hashedEvents()).isEqualTo(2);
        store.update("UPDATE DomainEventEntry SET payload = CAST('{\"text\":\"changed\"}' AS VARBINARY) "
                + "WHERE aggregateIdentifier = 'case-old' AND sequenceNumber = 3");
        assertBrokenAt("case-old", 3, "hash mismatch");
    }

    @Test
    void theHashIsTheDocumentedCanonicalForm() {
        // Pinned: computed independently (Python hashlib over the bytes LedgerHash's docstring defines). A change of
        // the canonical form breaks every stored chain and must come with a new version tag.
        LedgerHash.Row row = new LedgerHash.Row("e-1", "Case", "case-1", 7, "2026-03-02T01:00:00Z",
                "org.example.Note", "1", "{\"text\":\"hi\"}".getBytes(), null);
        byte[] canonicalMeta = LedgerHash.canonicalMetadata(LedgerHash.parseMetadata(
                "{\"z\":1,\"a\":{\"y\":\"2\",\"b\":null},\"ledgerHash\":\"ignored\"}".getBytes()));
        assertThat(new String(canonicalMeta)).isEqualTo("{\"a\":{\"b\":null,\"y\":\"2\"},\"z\":1}");
        byte[] previous = new byte[32];
        previous[31] = 1;
        assertThat(LedgerHash.hex(LedgerHash.hash(previous, row, canonicalMeta))).isEqualTo(PINNED);
        LedgerHash.Row noRevision = new LedgerHash.Row("e-1", null, "case-1", 0, "2026-03-02T01:00:00Z",
                "org.example.Note", null, new byte[0], null);
        assertThat(LedgerHash.hex(LedgerHash.hash(LedgerHash.GENESIS, noRevision, "{}".getBytes())))
                .isEqualTo(PINNED_NULLS);
    }

    static final String PINNED = "ed506c4b46259a8c65d83f63e960f7bf196070ae5fd821c2c0debe2e047b58f0";
    static final String PINNED_NULLS = "e52892a802e5fd30df79b8a6afe4e36eb3167f9ed1ca38f18f4f1ec0a33428b5";

    private void assertBrokenAt(String caseId, long sequence, String reason) throws Exception {
        CaseVerification v = store.verify(caseId);
        assertThat(v.verified()).as("%s verified", caseId).isFalse();
        assertThat(v.firstBrokenLink().sequence()).isEqualTo(sequence);
        assertThat(v.firstBrokenLink().reason()).contains(reason);
    }

    private long globalIndex(String caseId, long sequence) throws Exception {
        return ((Number) store.column(caseId, sequence, "globalIndex")).longValue();
    }

    private String metadata(String caseId, long sequence) throws Exception {
        return new String((byte[]) store.column(caseId, sequence, "metaData"));
    }
}
