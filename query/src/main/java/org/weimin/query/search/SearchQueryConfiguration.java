package org.weimin.query.search;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.weimin.events.org.OrgTree;
import org.weimin.events.privacy.KeyedHasher;
import org.weimin.projections.search.CaseSearchIndex;
import org.weimin.query.figures.FiguresService;

/** Wires the search query side (search, export and assessment figures) over the {@link CaseSearchIndex}. */
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

    @Bean
    FiguresService figuresService(CaseSearchIndex index, OrgTree orgTree) {
        return new FiguresService(index, orgTree);
    }
}
