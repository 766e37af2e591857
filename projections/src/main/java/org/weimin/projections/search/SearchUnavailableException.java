package org.weimin.projections.search;

/**
 * Elasticsearch could not be reached or refused a request it should accept: search answers 503 (problem code
 * {@code SEARCH_UNAVAILABLE}) and the search projection retries its batch later, losing no event.
 */
public class SearchUnavailableException extends RuntimeException {
    public SearchUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public SearchUnavailableException(String message) {
        super(message);
    }
}
