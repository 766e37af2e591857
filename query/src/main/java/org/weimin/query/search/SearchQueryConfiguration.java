package org.weimin.query.search;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.weimin.events.privacy.KeyedHasher;
import org.weimin.projections.search.CaseSearchIndex;

/** Wires the search query side over the {@link CaseSearchIndex}. */
@Configuration(proxyBeanMethods = false)
public class SearchQueryConfiguration {

    @Bean
    CaseSearchQueries caseSearchQueries(KeyedHasher hasher) {
        return new CaseSearchQueries(hasher);
    }

    @Bean
    CaseSearchService caseSearchService(CaseSearchIndex index, CaseSearchQueries queries) {
        return new CaseSearchService(index, queries);
    }
}
