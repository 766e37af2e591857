package org.weimin.query.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.weimin.events.DomainException;
import org.weimin.events.ErrorCode;

class CaseSearchParamsTest {

    private static MultiValueMap<String, String> params(String... pairs) {
        MultiValueMap<String, String> map = new LinkedMultiValueMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.add(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    @Test
    void readsEveryFilter() {
        var parsed = CaseSearchParams.parse(params("q", " A3区 ", "unit", "JJD", "status", "IN_PROGRESS,PAUSED",
                "status", "COMPLETED", "grade", "SATISFIED", "overdue", "true", "breach", "false",
                "receivedFrom", "2026-03-01", "receivedTo", "2026-03-31", "size", "50", "page", "2"), true);
        CaseSearchFilter f = parsed.filter();
        assertThat(f.text()).isEqualTo("A3区");
        assertThat(f.unit()).isEqualTo("JJD");
        assertThat(f.statuses()).containsExactly("IN_PROGRESS", "PAUSED", "COMPLETED");
        assertThat(f.grades()).containsExactly("SATISFIED");
        assertThat(f.overdue()).isTrue();
        assertThat(f.breach()).isFalse();
        assertThat(f.receivedFrom()).isEqualTo(LocalDate.of(2026, 3, 1));
        assertThat(parsed.paging().size()).isEqualTo(50);
        assertThat(parsed.paging().page()).isEqualTo(2);
        assertThat(parsed.paging().sort()).isEqualTo(CaseSearchService.Sort.RELEVANCE);
    }

    @Test
    void defaultsToNewestFirstWithoutTextAndDeadlineAscending() {
        assertThat(CaseSearchParams.parse(params(), true).paging())
                .isEqualTo(new CaseSearchService.Paging(CaseSearchService.Sort.RECEIVED_AT, false, 20, 0, null));
        assertThat(CaseSearchParams.parse(params("sort", "deadline"), true).paging().ascending()).isTrue();
    }

    @Test
    void rejectsWhatItDoesNotUnderstandInsteadOfWideningTheResult() {
        for (List<String> bad : List.of(List.of("stauts", "COMPLETED"), List.of("status", "DONE"),
                List.of("overdue", "yes"), List.of("receivedFrom", "2026-02-30"), List.of("size", "0"),
                List.of("size", "201"), List.of("page", "-1"), List.of("sort", "name"), List.of("order", "up"),
                List.of("page", "600"), List.of("q", "字".repeat(201)), List.of("receivedFrom", "0001-01-01"))) {
            assertThatThrownBy(() -> CaseSearchParams.parse(params(bad.get(0), bad.get(1)), true))
                    .as(bad.toString())
                    .isInstanceOfSatisfying(DomainException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
                        assertThat(e.fields()).containsKey(bad.get(0));
                    });
        }
    }

    @Test
    void rejectsRepeatedSingleValuesAndBackwardRanges() {
        assertThatThrownBy(() -> CaseSearchParams.parse(params("unit", "A", "unit", "B"), true))
                .isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> CaseSearchParams.parse(params("completedFrom", "2026-03-02", "completedTo",
                "2026-03-01"), true)).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> CaseSearchParams.parse(params("after", "abc", "page", "1"), true))
                .isInstanceOf(DomainException.class);
    }

    @Test
    void afterTokensRoundTripAndForgedOnesAreRejected() {
        var values = List.of(co.elastic.clients.elasticsearch._types.FieldValue.of(1772323200000L),
                co.elastic.clients.elasticsearch._types.FieldValue.of("case-1"));
        var decoded = CaseSearchService.decode(CaseSearchService.encode(values, "receivedAt:desc"), "receivedAt:desc");
        assertThat(decoded.get(0).longValue()).isEqualTo(1772323200000L);
        assertThat(decoded.get(1).stringValue()).isEqualTo("case-1");
        String good = CaseSearchService.encode(values, "receivedAt:desc");
        for (String forged : List.of("!!!", "W10", "e30", "bnVsbA", good + good, java.util.Base64.getUrlEncoder()
                .encodeToString("[1,2,3]".getBytes()))) {
            assertThatThrownBy(() -> CaseSearchService.decode(forged, "receivedAt:desc")).as(forged)
                    .isInstanceOf(DomainException.class);
        }
        assertThatThrownBy(() -> CaseSearchService.decode(good, "deadline:asc")).as("a token of another sort")
                .isInstanceOf(DomainException.class);
    }
}
