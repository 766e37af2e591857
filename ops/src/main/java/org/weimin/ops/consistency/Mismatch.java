package org.weimin.ops.consistency;

/**
 * One disagreement between the events and a read model, as {@link ConsistencyChecker} reports it.
 *
 * @param caseId   the case; null for a whole-store finding (e.g. more documents than cases)
 * @param store    {@code read-model} (the MongoDB case document behind the staff view, the public view and the trail)
 *                 or {@code search-index} (the Elasticsearch document)
 * @param field    the document field that differs; {@code (document)} for a missing document, {@code (documents)}
 *                 for a count over the whole store
 * @param expected what the events say, rendered by {@link FieldValues} (never personal data in clear)
 * @param found    what the store holds, rendered the same way
 */
public record Mismatch(String caseId, String store, String field, String expected, String found) {
    public static final String READ_MODEL = "read-model";
    public static final String SEARCH_INDEX = "search-index";
}
