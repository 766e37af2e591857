package org.weimin.projections.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import java.time.Clock;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.weimin.events.calendar.WorkingCalendar;
import org.weimin.events.org.OrgTree;
import org.weimin.events.privacy.KeyedHasher;
import org.weimin.events.privacy.PersonalDataVault;
import org.weimin.projections.cases.CaseHistory;

/**
 * Wires the case search index and its projection. The Elasticsearch client comes from Spring Boot
 * ({@code spring.elasticsearch.uris}); nothing here connects at start, so the service starts and takes commands while
 * Elasticsearch is down. {@code weimin.search.enabled=false} leaves the search projection and its rebuild out (tests
 * without Elasticsearch; search then answers from whatever the index holds, or 503);
 * {@code weimin.search.index-prefix} (default {@code weimin}) names the indices.
 */
@Configuration(proxyBeanMethods = false)
public class SearchConfiguration {

    @Bean
    CaseSearchIndex caseSearchIndex(ElasticsearchClient client,
                                    @Value("${weimin.search.index-prefix:weimin}") String prefix, Clock clock) {
        if (!prefix.matches("[a-z0-9][a-z0-9_-]{0,60}")) {
            throw new IllegalArgumentException("weimin.search.index-prefix must be lower-case letters, digits, - or _"
                    + " (got '" + prefix + "')");
        }
        return new CaseSearchIndex(client, prefix, clock);
    }

    @Bean
    CaseSearchDocuments caseSearchDocuments(OrgTree orgTree, WorkingCalendar calendar, KeyedHasher hasher) {
        return new CaseSearchDocuments(orgTree, calendar, hasher);
    }

    /** The projection and its rebuild: left out with {@code weimin.search.enabled=false}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "weimin.search.enabled", havingValue = "true", matchIfMissing = true)
    static class Projection {
        @Bean
        CaseSearchProjection caseSearchProjection(CaseSearchIndex index, CaseHistory history,
                                                  CaseSearchDocuments documents, PersonalDataVault vault,
                                                  EventStore events, Clock clock) {
            return new CaseSearchProjection(index, history, documents, vault, events, clock);
        }

        @Bean
        CaseSearchRebuild caseSearchRebuild(CaseSearchIndex index, CaseSearchProjection projection, EventStore events,
                                            Clock clock) {
            return new CaseSearchRebuild(index, projection, events, clock);
        }
    }
}
