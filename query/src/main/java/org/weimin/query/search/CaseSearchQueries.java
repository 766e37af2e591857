package org.weimin.query.search;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.query_dsl.BoolQuery;
import co.elastic.clients.elasticsearch._types.query_dsl.Operator;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import java.time.LocalDate;
import java.util.List;
import org.weimin.events.calendar.WorkingCalendar;
import org.weimin.events.privacy.KeyedHasher;
import org.weimin.projections.search.SearchText;

/**
 * Builds the Elasticsearch query for a {@link CaseSearchFilter}. Pure apart from the keyed hasher (for the name hash).
 *
 * <p>Full text: the query text goes through {@link SearchText#chars} like the indexed text; a phrase match in any text
 * field finds the case (any substring), an exact phrase in the subject scores highest (boost 8), in the description,
 * notices and results lower (boost 2). For queries of 2 to {@value #MAX_SCATTERED} characters that are not all
 * digits, the same characters scattered near each other through one field (a {@code match_phrase} with 2 positions
 * of slack per character) still find the case with the lowest score: a phrase in the subject ranks above the same
 * characters scattered through a description, while characters spread across a long text do not match, nor does a
 * number that is not there as a whole.
 *
 * <p>Date filters: calendar days in Asia/Shanghai turned into instants here ({@code from} 00:00 inclusive to the day
 * after {@code to} 00:00 exclusive), so "received on 3 March" means 3 March 00:00–24:00 Beijing time whatever the
 * server's zone.
 */
public final class CaseSearchQueries {
    /** Longest query (in characters) that also matches scattered. */
    static final int MAX_SCATTERED = 8;
    private final KeyedHasher hasher;

    public CaseSearchQueries(KeyedHasher hasher) {
        this.hasher = hasher;
    }

    /** The query for a filter; {@code match_all} when the filter is empty. */
    public Query query(CaseSearchFilter f) {
        BoolQuery.Builder bool = new BoolQuery.Builder();
        String chars = SearchText.chars(f.text());
        if (!chars.isEmpty()) {
            String[] tokens = chars.split(" ");
            boolean digitsOnly = chars.replace(" ", "").chars().allMatch(Character::isDigit);
            bool.must(m -> m.bool(b -> {
                b.should(phrase("subjectChars", chars, 0, 8))
                        .should(phrase("descriptionChars", chars, 0, 2))
                        .should(phrase("noticeChars", chars, 0, 2))
                        .should(phrase("resultChars", chars, 0, 2));
                if (tokens.length >= 2 && tokens.length <= MAX_SCATTERED && !digitsOnly) {
                    // In order, near each other: up to 2 positions of slack per character of the query.
                    int slop = 2 * tokens.length;
                    b.should(phrase("subjectChars", chars, slop, 0.2f))
                            .should(phrase("descriptionChars", chars, slop, 0.1f))
                            .should(phrase("noticeChars", chars, slop, 0.1f))
                            .should(phrase("resultChars", chars, slop, 0.1f));
                }
                return b.minimumShouldMatch("1");
            }));
        }
        if (f.applicantName() != null && !f.applicantName().isBlank()) {
            term(bool, "applicantNameHash",
                    hasher.hash(KeyedHasher.APPLICANT_NAME, KeyedHasher.normaliseName(f.applicantName())));
        }
        term(bool, "trackingNumber", f.trackingNumber());
        term(bool, "involvedPath", f.unit());
        term(bool, "holderPath", f.holder());
        term(bool, "windowPath", f.window());
        term(bool, "officer", f.officer());
        term(bool, "involvedPath", f.scope());
        terms(bool, "serviceItem", f.serviceItems());
        terms(bool, "channel", f.channels());
        terms(bool, "status", f.statuses());
        terms(bool, "grade", f.grades());
        flag(bool, "open", f.open());
        flag(bool, "overdue", f.overdue());
        flag(bool, "warned", f.warned());
        flag(bool, "paused", f.paused());
        flag(bool, "deadlineProvisional", f.provisional());
        if (f.breach() != null) {
            Query hasBreach = Query.of(q -> q.range(r -> r.number(n -> n.field("breaches").gte(1.0))));
            if (f.breach()) {
                bool.filter(hasBreach);
            } else {
                bool.mustNot(hasBreach);
            }
        }
        days(bool, "receivedAt", f.receivedFrom(), f.receivedTo());
        days(bool, "completedAt", f.completedFrom(), f.completedTo());
        BoolQuery built = bool.build();
        if (built.must().isEmpty() && built.filter().isEmpty() && built.mustNot().isEmpty()) {
            return Query.of(q -> q.matchAll(m -> m));
        }
        return Query.of(q -> q.bool(built));
    }

    /** Open cases whose holder is exactly {@code unit} (a unit's own queue, including cases awaiting acceptance). */
    public Query queue(String unit) {
        return Query.of(q -> q.bool(b -> b
                .filter(t -> t.term(x -> x.field("holder").value(unit)))
                .filter(t -> t.term(x -> x.field("open").value(true)))));
    }

    private static Query phrase(String field, String chars, int slop, float boost) {
        return Query.of(q -> q.matchPhrase(p -> p.field(field).query(chars).slop(slop).boost(boost)));
    }

    private static void term(BoolQuery.Builder bool, String field, String value) {
        if (value != null && !value.isBlank()) {
            bool.filter(q -> q.term(t -> t.field(field).value(value)));
        }
    }

    private static void terms(BoolQuery.Builder bool, String field, List<String> values) {
        if (values != null && !values.isEmpty()) {
            List<FieldValue> list = values.stream().map(FieldValue::of).toList();
            bool.filter(q -> q.terms(t -> t.field(field).terms(v -> v.value(list))));
        }
    }

    private static void flag(BoolQuery.Builder bool, String field, Boolean value) {
        if (value != null) {
            bool.filter(q -> q.term(t -> t.field(field).value(value)));
        }
    }

    private static void days(BoolQuery.Builder bool, String field, LocalDate from, LocalDate to) {
        if (from == null && to == null) {
            return;
        }
        bool.filter(q -> q.range(r -> r.date(d -> {
            d.field(field);
            if (from != null) {
                d.gte(from.atStartOfDay(WorkingCalendar.ZONE).toInstant().toString());
            }
            if (to != null) {
                d.lt(to.plusDays(1).atStartOfDay(WorkingCalendar.ZONE).toInstant().toString());
            }
            return d;
        })));
    }
}
