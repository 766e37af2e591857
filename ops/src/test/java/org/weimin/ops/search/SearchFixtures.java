package org.weimin.ops.search;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;
import org.weimin.events.privacy.KeyedHasher;
import org.weimin.ops.privacy.HmacKeyedHasher;
import org.weimin.ops.privacy.MasterKey;
import org.weimin.projections.search.CaseSearchDocument;
import org.weimin.projections.search.CaseSearchIndex;
import org.weimin.projections.search.SearchText;

/** Shared set-up for the tests against the build's real Elasticsearch: a client, a fresh index, hand-built documents. */
final class SearchFixtures {
    static final KeyedHasher HASHER = new HmacKeyedHasher(MasterKey.fromBase64(
            java.util.Base64.getEncoder().encodeToString(new byte[32])));
    private static final ObjectMapper JSON = new ObjectMapper();

    private SearchFixtures() {
    }

    /** A client for the Elasticsearch the build started ({@code weimin.test.elasticsearch.url}). */
    static ElasticsearchClient client() {
        String url = System.getProperty("weimin.test.elasticsearch.url");
        assertThat(url).as("system property weimin.test.elasticsearch.url (set by the build)").isNotBlank();
        RestClient rest = RestClient.builder(HttpHost.create(url)).build();
        return new ElasticsearchClient(new RestClientTransport(rest, new JacksonJsonpMapper()));
    }

    /** A new, empty index behind its own alias, unique to this run. */
    static CaseSearchIndex freshIndex(ElasticsearchClient client, String name) {
        CaseSearchIndex index = new CaseSearchIndex(client,
                "it-" + name + "-" + UUID.randomUUID().toString().substring(0, 8), Clock.systemUTC());
        index.ensureReady();
        return index;
    }

    /** Deletes every concrete index behind the index's aliases. */
    static void drop(CaseSearchIndex index) throws Exception {
        for (String alias : List.of(index.alias(), index.rebuildAlias())) {
            var concrete = index.indexBehind(alias);
            if (concrete.isPresent()) {
                index.client().indices().delete(d -> d.index(concrete.get()));
            }
        }
    }

    static void refresh(CaseSearchIndex index) throws Exception {
        index.client().indices().refresh(r -> r.index(index.alias()));
    }

    /**
     * A document with sensible defaults (an open case received at JJD-ZX-W01); {@code fields} override any field by
     * its JSON name. The {@code ...Chars} fields are derived from the texts like the projection does.
     */
    @SuppressWarnings("unchecked")
    static CaseSearchDocument doc(String caseId, Map<String, Object> fields) {
        Map<String, Object> m = new HashMap<>();
        m.put("caseId", caseId);
        m.put("trackingNumber", "WM-" + caseId);
        m.put("lastSequence", 1);
        m.put("status", "IN_PROGRESS");
        m.put("open", true);
        m.put("serviceItem", "MZ-002");
        m.put("channel", "WINDOW");
        m.put("window", "JJD-ZX-W01");
        m.put("windowPath", List.of("JJD-ZX-W01", "JJD-ZX", "JJD", "SFQ", "SFS"));
        m.put("officer", "jjd-window");
        m.put("holder", "JJD-ZX");
        m.put("holderPath", List.of("JJD-ZX", "JJD", "SFQ", "SFS"));
        m.put("involvedPath", List.of("JJD-ZX-W01", "JJD-ZX", "JJD", "SFQ", "SFS"));
        m.put("receivedAt", "2026-03-02T02:00:00Z");
        m.put("deadline", "2026-03-09T16:00:00Z");
        m.put("applicantNameMasked", "张**");
        m.put("subject", "");
        m.put("description", "");
        m.put("noticeTexts", List.of());
        m.put("resultTexts", List.of());
        m.put("updatedAt", "2026-03-02T02:00:00Z");
        m.putAll(fields);
        m.put("subjectChars", SearchText.chars((String) m.get("subject")));
        m.put("descriptionChars", SearchText.chars((String) m.get("description")));
        m.put("noticeChars", ((List<String>) m.get("noticeTexts")).stream().map(SearchText::chars).toList());
        m.put("resultChars", ((List<String>) m.get("resultTexts")).stream().map(SearchText::chars).toList());
        return JSON.convertValue(m, CaseSearchDocument.class);
    }
}
