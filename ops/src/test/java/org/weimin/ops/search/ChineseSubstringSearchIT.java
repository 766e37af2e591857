package org.weimin.ops.search;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.weimin.projections.search.CaseSearchDocument;
import org.weimin.projections.search.CaseSearchIndex;
import org.weimin.projections.search.SearchText;
import org.weimin.query.search.CaseSearchFilter;
import org.weimin.query.search.CaseSearchQueries;
import org.weimin.query.search.CaseSearchService;

/**
 * Property (issue 5): <b>any</b> substring of a case's subject, description, notice or result text finds the case,
 * against the real Elasticsearch. Synthetic Chinese texts mixed with ASCII letters and digits ("A3区", "5栋1201室") are
 * indexed once; each try draws a case, one of its texts and a random substring of it.
 */
class ChineseSubstringSearchIT {
    private static final String HAN = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产"
            + "种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应"
            + "开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条"
            + "只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流"
            + "路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热"
            + "领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每"
            + "目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算"
            + "低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值"
            + "号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价"
            + "严龙飞𡈼";
    private static final int CASES = 120;

    static ElasticsearchClient client;
    static CaseSearchIndex index;
    static CaseSearchService search;
    static final List<CaseSearchDocument> docs = new ArrayList<>();

    @BeforeContainer
    static void indexSyntheticCases() throws Exception {
        client = SearchFixtures.client();
        index = SearchFixtures.freshIndex(client, "substring");
        search = new CaseSearchService(index, new CaseSearchQueries(SearchFixtures.HASHER));
        Random random = new Random(20261130L);
        for (int i = 0; i < CASES; i++) {
            docs.add(SearchFixtures.doc("sub-" + i, Map.of(
                    "subject", text(random, 6, 30),
                    "description", text(random, 20, 200),
                    "noticeTexts", List.of(text(random, 4, 20), text(random, 4, 20)),
                    "resultTexts", List.of(text(random, 10, 80)))));
        }
        index.write(docs, List.of(index.alias()));
        SearchFixtures.refresh(index);
    }

    @AfterContainer
    static void dropIndex() throws Exception {
        SearchFixtures.drop(index);
    }

    /** Chinese text with, now and then, an ASCII/digit run ("A3区", "5栋1201室"), punctuation and spaces. */
    static String text(Random random, int min, int max) {
        int length = min + random.nextInt(max - min + 1);
        StringBuilder s = new StringBuilder();
        while (s.codePointCount(0, s.length()) < length) {
            int pick = random.nextInt(20);
            if (pick == 0) {
                s.append((char) ('A' + random.nextInt(26))).append(random.nextInt(20)).append('区');
            } else if (pick == 1) {
                s.append(random.nextInt(9) + 1).append('栋').append(1000 + random.nextInt(2000)).append('室');
            } else if (pick == 2) {
                s.append("，。、 ".charAt(random.nextInt(4)));
            } else if (pick == 3) {
                s.append("Ｂ７号");
            } else {
                s.appendCodePoint(HAN.codePointAt(HAN.offsetByCodePoints(0,
                        random.nextInt(HAN.codePointCount(0, HAN.length())))));
            }
        }
        return s.toString();
    }

    record Draw(int caseIndex, int field, double start, double length) {
    }

    @Provide
    Arbitrary<Draw> draws() {
        return Combinators.combine(Arbitraries.integers().between(0, CASES - 1), Arbitraries.integers().between(0, 5),
                Arbitraries.doubles().between(0, 1), Arbitraries.doubles().between(0, 1)).as(Draw::new);
    }

    @Property(tries = 300)
    void anySubstringOfAnyTextFindsTheCase(@ForAll("draws") Draw draw) {
        CaseSearchDocument doc = docs.get(draw.caseIndex());
        String text = switch (draw.field()) {
            case 0 -> doc.subject();
            case 1, 2 -> doc.description();
            case 3 -> doc.noticeTexts().get(0);
            case 4 -> doc.noticeTexts().get(1);
            default -> doc.resultTexts().get(0);
        };
        int codePoints = text.codePointCount(0, text.length());
        int start = (int) (draw.start() * (codePoints - 1));
        int length = 1 + (int) (draw.length() * Math.min(12, codePoints - start - 1));
        String substring = text.substring(text.offsetByCodePoints(0, start),
                text.offsetByCodePoints(0, start + length));
        if (SearchText.chars(substring).isEmpty()) {
            return; // punctuation only: nothing to search for
        }
        CaseSearchFilter filter = new CaseSearchFilter(substring, null, null, null, null, null, null, List.of(),
                List.of(), List.of(), List.of(), null, null, null, null, null, null, null, null, null, null, null);
        List<String> found = search.search(filter, new CaseSearchService.Paging(CaseSearchService.Sort.RELEVANCE,
                false, 200, 0, null)).items().stream().map(h -> h.item().caseId()).toList();
        assertThat(found).as("search for '%s' (from %s)", substring, doc.caseId()).contains(doc.caseId());
    }
}
