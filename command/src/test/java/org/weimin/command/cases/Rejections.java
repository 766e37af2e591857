package org.weimin.command.cases;

import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeDiagnosingMatcher;
import org.weimin.events.DomainException;
import org.weimin.events.ErrorCode;

/** Matchers for the fixtures' {@code expectException}: rejections by their stable code. */
public final class Rejections {
    private Rejections() {
    }

    /** A {@link DomainException} carrying the given stable code. */
    public static Matcher<DomainException> rejectedWith(ErrorCode code) {
        return new TypeSafeDiagnosingMatcher<>() {
            @Override
            protected boolean matchesSafely(DomainException e, Description mismatch) {
                if (e.code() != code) {
                    mismatch.appendText("a DomainException with code ").appendValue(e.code())
                            .appendText(": ").appendValue(e.getMessage());
                    return false;
                }
                return true;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a DomainException with code ").appendValue(code);
            }
        };
    }
}
