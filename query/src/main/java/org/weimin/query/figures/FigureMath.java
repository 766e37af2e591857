package org.weimin.query.figures;

/**
 * Rates from counts, in Java: the stripped Elasticsearch build has no scripts, so no {@code bucket_script}
 * (stack-notes, "Elasticsearch from Maven Central").
 */
public final class FigureMath {
    private FigureMath() {
    }

    /**
     * {@code numerator ÷ denominator} as a fraction between 0 and 1, unrounded.
     *
     * @return null when the denominator is 0 (no cohort: the rate is undefined, not 0 and never NaN)
     * @throws IllegalArgumentException for negative counts or a numerator above the denominator, which would mean
     *                                  the two sets were counted inconsistently
     */
    public static Double rate(long numerator, long denominator) {
        if (numerator < 0 || denominator < 0 || numerator > denominator) {
            throw new IllegalArgumentException("not a rate: " + numerator + " / " + denominator);
        }
        if (denominator == 0) {
            return null;
        }
        return (double) numerator / denominator;
    }

    /** An Elasticsearch metric value, or null when it is absent, NaN or infinite (a metric over no documents). */
    static Double metric(Double value) {
        return value == null || value.isNaN() || value.isInfinite() ? null : value;
    }

    /** A metric value given as text (percentiles are keyed strings in the client), or null. */
    static Double metric(String value) {
        if (value == null || value.isBlank() || value.equals("null")) {
            return null;
        }
        try {
            return metric(Double.valueOf(value));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
