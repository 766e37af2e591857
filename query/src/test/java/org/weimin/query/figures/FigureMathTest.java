package org.weimin.query.figures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FigureMathTest {

    @Test
    void aRateIsTheNumeratorOverTheDenominator() {
        assertThat(FigureMath.rate(1, 4)).isEqualTo(0.25);
        assertThat(FigureMath.rate(3, 3)).isEqualTo(1.0);
        assertThat(FigureMath.rate(0, 7)).isEqualTo(0.0);
    }

    @Test
    void aRateWithAZeroDenominatorIsNullNotZeroOrNaN() {
        assertThat(FigureMath.rate(0, 0)).isNull();
    }

    @Test
    void aNumeratorAboveItsDenominatorIsACountingErrorNotARate() {
        assertThatThrownBy(() -> FigureMath.rate(2, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FigureMath.rate(-1, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void metricsOverNoDocumentsAreNull() {
        assertThat(FigureMath.metric(Double.NaN)).isNull();
        assertThat(FigureMath.metric(Double.POSITIVE_INFINITY)).isNull();
        assertThat(FigureMath.metric((Double) null)).isNull();
        assertThat(FigureMath.metric("null")).isNull();
        assertThat(FigureMath.metric("4.5")).isEqualTo(4.5);
    }
}
