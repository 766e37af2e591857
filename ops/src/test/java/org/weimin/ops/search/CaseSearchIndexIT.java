package org.weimin.ops.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.weimin.ops.search.SearchFixtures.doc;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.weimin.events.privacy.KeyedHasher;
import org.weimin.projections.search.CaseSearchDocument;
import org.weimin.projections.search.CaseSearchIndex;
import org.weimin.projections.search.SearchUnavailableException;
import org.weimin.query.search.CaseExport;
import org.weimin.query.search.CaseSearchFilter;
import org.weimin.query.search.CaseSearchQueries;
import org.weimin.query.search.CaseSearchService;

/**
 * The search index and queries against the real Elasticsearch the build starts (issue 5 "Tests"): subtree filter,
 * date filters across midnight Beijing time, ranking, exact-name search, deep paging, export, external versions, and
 * that Elasticsearch never auto-creates our index.
 */
class CaseSearchIndexIT {
    static ElasticsearchClient client;
    static CaseSearchIndex index;
    static CaseSearchService search;

    @BeforeAll
    static void setUp() {
        client = SearchFixtures.client();
        index = SearchFixtures.freshIndex(client, "search");
        search = new CaseSearchService(index, new CaseSearchQueries(SearchFixtures.HASHER));
    }

    @AfterAll
    static void tearDown() throws Exception {
        SearchFixtures.drop(index);
    }

    private static CaseSearchFilter filter(java.util.function.UnaryOperator<Map<String, Object>> f) {
        Map<String, Object> m = new java.util.HashMap<>();
        f.apply(m);
        return new CaseSearchFilter((String) m.get("text"), (String) m.get("name"), (String) m.get("tracking"),
                (String) m.get("unit"), (String) m.get("holder"), null, null, List.of(), List.of(), List.of(),
                List.of(), null, null, null, null, null, null, (LocalDate) m.get("receivedFrom"),
                (LocalDate) m.get("receivedTo"), (LocalDate) m.get("completedFrom"), (LocalDate) m.get("completedTo"),
                (String) m.get("scope"));
    }

    private static List<String> ids(CaseSearchFilter filter) {
        return search.search(filter, new CaseSearchService.Paging(CaseSearchService.Sort.RECEIVED_AT, true, 200, 0,
                null)).items().stream().map(h -> h.item().caseId()).toList();
    }

    private static List<String> write(List<CaseSearchDocument> docs) throws Exception {
        index.write(docs, List.of(index.alias()));
        SearchFixtures.refresh(index);
        return docs.stream().map(CaseSearchDocument::caseId).toList();
    }

    @Test
    void unitFilterTakesTheWholeSubtree() throws Exception {
        String tag = "subtree-" + System.nanoTime();
        write(List.of(
                doc(tag + "-jjd", Map.of("subject", tag)),
                doc(tag + "-yqd", Map.of("subject", tag, "window", "YQD-ZX-W01",
                        "windowPath", List.of("YQD-ZX-W01", "YQD-ZX", "YQD", "SFQ", "SFS"),
                        "holder", "SFQ-MZJ", "holderPath", List.of("SFQ-MZJ", "SFQ", "SFS"),
                        "involvedPath", List.of("YQD-ZX-W01", "YQD-ZX", "YQD", "SFQ-MZJ", "SFQ", "SFS")))));
        assertThat(ids(filter(m -> { m.put("text", tag); m.put("unit", "JJD"); return m; })))
                .containsExactly(tag + "-jjd");
        assertThat(ids(filter(m -> { m.put("text", tag); m.put("unit", "SFQ"); return m; })))
                .containsExactlyInAnyOrder(tag + "-jjd", tag + "-yqd");
        assertThat(ids(filter(m -> { m.put("text", tag); m.put("holder", "SFQ-MZJ"); return m; })))
                .containsExactly(tag + "-yqd");
        assertThat(ids(filter(m -> { m.put("text", tag); m.put("scope", "YQD"); return m; })))
                .containsExactly(tag + "-yqd");
    }

    @Test
    void dateFiltersAreCalendarDaysInBeijingTime() throws Exception {
        String tag = "midnight-" + System.nanoTime();
        write(List.of(
                // 23:59:59 on 1 March in Beijing, 15:59:59 UTC
                doc(tag + "-before", Map.of("subject", tag, "receivedAt", "2026-03-01T15:59:59Z",
                        "completedAt", "2026-03-31T15:59:59Z")),
                // 00:00 on 2 March in Beijing, still 1 March in UTC
                doc(tag + "-after", Map.of("subject", tag, "receivedAt", "2026-03-01T16:00:00Z",
                        "completedAt", "2026-03-31T16:00:00Z"))));
        LocalDate march1 = LocalDate.of(2026, 3, 1);
        LocalDate march2 = LocalDate.of(2026, 3, 2);
        assertThat(ids(filter(m -> { m.put("text", tag); m.put("receivedFrom", march2); return m; })))
                .containsExactly(tag + "-after");
        assertThat(ids(filter(m -> { m.put("text", tag); m.put("receivedTo", march1); return m; })))
                .containsExactly(tag + "-before");
        assertThat(ids(filter(m -> { m.put("text", tag); m.put("receivedFrom", march1); m.put("receivedTo", march1);
            return m; }))).containsExactly(tag + "-before");
        assertThat(ids(filter(m -> { m.put("text", tag); m.put("completedFrom", LocalDate.of(2026, 4, 1));
            return m; }))).containsExactly(tag + "-after");
        assertThat(ids(filter(m -> { m.put("text", tag); m.put("completedTo", LocalDate.of(2026, 3, 31));
            return m; }))).containsExactly(tag + "-before");
    }

    @Test
    void aPhraseInTheSubjectRanksAboveTheSameCharactersScatteredThroughADescription() throws Exception {
        String tag = "rank" + System.nanoTime();
        write(List.of(
                doc(tag + "-scattered", Map.of("subject", tag, "description", "物品放在业主楼下，管道的理由不明")),
                doc(tag + "-phrase", Map.of("subject", tag + "物业管理有问题"))));
        var page = search.search(filter(m -> { m.put("text", "物业管理"); m.put("unit", "JJD"); return m; }),
                new CaseSearchService.Paging(CaseSearchService.Sort.RELEVANCE, false, 200, 0, null));
        List<String> order = page.items().stream().map(h -> h.item().caseId()).filter(id -> id.startsWith(tag))
                .toList();
        assertThat(order).containsExactly(tag + "-phrase", tag + "-scattered");
    }

    @Test
    void namesAreFoundExactlyThroughTheKeyedHashOnly() throws Exception {
        String tag = "name-" + System.nanoTime();
        String hash = SearchFixtures.HASHER.hash(KeyedHasher.APPLICANT_NAME, KeyedHasher.normaliseName("欧阳娜娜"));
        write(List.of(doc(tag, Map.of("subject", tag, "applicantNameHash", hash))));
        assertThat(ids(filter(m -> { m.put("name", "欧阳 娜娜"); return m; }))).containsExactly(tag);
        assertThat(ids(filter(m -> { m.put("name", "欧阳"); return m; }))).isEmpty();
        String source = client.get(g -> g.index(index.alias()).id(tag), Map.class).source().toString();
        assertThat(source).doesNotContain("欧阳娜娜").contains(hash);
    }

    @Test
    void deepPagesWithAfterTokensAndExportsSeeEveryCaseOnce() throws Exception {
        String tag = "paging" + System.nanoTime();
        List<CaseSearchDocument> docs = new ArrayList<>();
        for (int i = 0; i < 2_345; i++) {
            docs.add(doc(String.format("%s-%05d", tag, i), Map.of("subject", tag, "status",
                    i % 3 == 0 ? "COMPLETED" : "IN_PROGRESS", "receivedAt",
                    String.format("2026-03-%02dT0%d:00:00Z", 1 + i % 28, i % 10))));
        }
        for (int from = 0; from < docs.size(); from += 1000) {
            index.write(docs.subList(from, Math.min(docs.size(), from + 1000)), List.of(index.alias()));
        }
        SearchFixtures.refresh(index);
        CaseSearchFilter mine = filter(m -> { m.put("text", tag); return m; });

        Set<String> seen = new HashSet<>();
        String after = null;
        int pages = 0;
        do {
            var page = search.search(mine, new CaseSearchService.Paging(CaseSearchService.Sort.RECEIVED_AT, false,
                    200, 0, after));
            assertThat(page.total()).isEqualTo(2_345);
            assertThat(page.facets().get("status")).containsEntry("COMPLETED", 782L).containsEntry("IN_PROGRESS",
                    1_563L);
            page.items().forEach(h -> assertThat(seen.add(h.item().caseId())).as("no duplicate").isTrue());
            after = page.next();
            pages++;
        } while (after != null && pages < 100);
        assertThat(seen).hasSize(2_345);

        assertThat(search.count(mine)).as("what an export announces").isEqualTo(2_345);
        List<String> exported = new ArrayList<>();
        search.forEach(mine, CaseSearchService.Sort.RECEIVED_AT, true, d -> exported.add(d.caseId()));
        assertThat(exported).hasSize(2_345).doesNotHaveDuplicates();

        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        long rows = CaseExport.csv(csv, rows2 -> search.forEach(mine, CaseSearchService.Sort.RECEIVED_AT, true,
                rows2));
        assertThat(rows).isEqualTo(2_345);
        assertThat(csv.toString(StandardCharsets.UTF_8).lines().count()).isEqualTo(2_346);
    }

    @Test
    void anOlderFoldNeverOverwritesANewerOne() throws Exception {
        String id = "version-" + System.nanoTime();
        index.write(List.of(doc(id, Map.of("lastSequence", 5, "status", "COMPLETED"))), List.of(index.alias()));
        index.write(List.of(doc(id, Map.of("lastSequence", 3, "status", "IN_PROGRESS"))), List.of(index.alias()));
        index.write(List.of(doc(id, Map.of("lastSequence", 5, "status", "COMPLETED"))), List.of(index.alias()));
        SearchFixtures.refresh(index);
        var hit = client.get(g -> g.index(index.alias()).id(id), CaseSearchDocument.class);
        assertThat(hit.version()).isEqualTo(5L);
        assertThat(hit.source().status()).isEqualTo("COMPLETED");
    }

    /**
     * A crash left a document ahead of the store (LostEventRepair): put back at the store's fold, it stays found, and
     * the case's next event, which takes the lost event's sequence, still lands; a case the store has no event of is
     * removed. (Deleting the document and indexing the fold at its lower version was refused by the delete's
     * tombstone and left the case out of search.)
     */
    @Test
    void aDocumentAheadOfTheStoreIsPutBackAndTheCasesNextEventStillLands() throws Exception {
        String id = "ahead-" + System.nanoTime();
        String concrete = index.indexBehind(index.alias()).orElseThrow();
        index.write(List.of(doc(id, Map.of("lastSequence", 3, "status", "COMPLETED"))), List.of(index.alias()));
        index.restoreBehind(concrete, id, java.util.Optional.of(doc(id, Map.of("lastSequence", 2,
                "status", "IN_PROGRESS"))), 3);
        SearchFixtures.refresh(index);
        var restored = client.get(g -> g.index(index.alias()).id(id), CaseSearchDocument.class);
        assertThat(restored.found()).isTrue();
        assertThat(restored.source().lastSequence()).isEqualTo(2L);
        assertThat(restored.source().status()).isEqualTo("IN_PROGRESS");

        index.write(List.of(doc(id, Map.of("lastSequence", 3, "status", "SUSPENDED"))), List.of(index.alias()));
        SearchFixtures.refresh(index);
        var next = client.get(g -> g.index(index.alias()).id(id), CaseSearchDocument.class);
        assertThat(next.source().status()).isEqualTo("SUSPENDED");

        String lost = "lost-" + System.nanoTime();
        index.write(List.of(doc(lost, Map.of("lastSequence", 0))), List.of(index.alias()));
        index.restoreBehind(concrete, lost, java.util.Optional.empty(), 0);
        SearchFixtures.refresh(index);
        assertThat(client.get(g -> g.index(index.alias()).id(lost), CaseSearchDocument.class).found()).isFalse();
    }

    @Test
    void elasticsearchNeverCreatesOurIndicesByItself() throws Exception {
        CaseSearchIndex missing = new CaseSearchIndex(client, "it-never-" + System.nanoTime(),
                java.time.Clock.systemUTC());
        // Writing to an alias that does not exist fails instead of creating an index with a guessed mapping.
        assertThatThrownBy(() -> index.write(List.of(doc("x", Map.of())), List.of(missing.alias())))
                .isInstanceOf(SearchUnavailableException.class);
        assertThat(client.indices().exists(e -> e.index(missing.alias())).value()).isFalse();
        // The mapping is explicit, versioned and strict.
        String concrete = index.indexBehind(index.alias()).orElseThrow();
        assertThat(index.mappingVersion(concrete)).isEqualTo(CaseSearchIndex.MAPPING_VERSION);
        assertThatThrownBy(() -> client.index(i -> i.index(index.alias()).id("strict")
                .document(Map.of("caseId", "strict", "unknownField", "x"))))
                .hasMessageContaining("strict_dynamic_mapping_exception");
    }
}
