package org.weimin.query.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.verifyNoMoreInteractions;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.weimin.events.DomainException;
import org.weimin.events.ErrorCode;
import org.weimin.events.catalogue.ServiceCatalogue;
import org.weimin.events.cases.CaseStatus;
import org.weimin.events.cases.TrackingNumber;
import org.weimin.events.cases.VerificationLockout;
import org.weimin.events.UnitId;
import org.weimin.events.org.OrgTree;
import org.weimin.events.org.OrgUnit;
import org.weimin.events.org.OrgUnitKind;
import org.weimin.events.privacy.KeyedHasher;
import org.weimin.projections.cases.CaseView;
import org.weimin.projections.cases.CaseViews;

/**
 * Issue 7: "Lookups of unknown and known numbers take the same path (normalise, check character, one key lookup)",
 * proved by recording the read-model calls, not by timing: a known and an unknown number each cause exactly one call of
 * {@link CaseViews#byTrackingNumber} with the canonical number and nothing else; a wrong check character causes none.
 */
class PublicLookupPathTest {
    private static final TrackingNumber KNOWN = TrackingNumber.fromRandomBits(0x2F_1234_5678L);
    private static final TrackingNumber UNKNOWN = TrackingNumber.fromRandomBits(0x11_8765_4321L);
    private static final String CODE = "7K3M9QXA";

    private final CaseViews views = mock(CaseViews.class);
    private final KeyedHasher hasher = mock(KeyedHasher.class);
    private final CaseQueryController controller;

    PublicLookupPathTest() {
        OrgTree tree = OrgTree.of(List.of(
                new OrgUnit(UnitId.of("JJD"), "甲街道", OrgUnitKind.STREET, null, true),
                new OrgUnit(UnitId.of("JJD-ZX"), "甲街道政务服务中心", OrgUnitKind.SERVICE_CENTRE, UnitId.of("JJD"), true)));
        VerificationLockout noLock = new VerificationLockout() {
            @Override
            public <T> T attempt(TrackingNumber trackingNumber, Supplier<T> check) {
                return check.get();
            }
        };
        controller = new CaseQueryController(views, tree, ServiceCatalogue.of(List.of(), tree), hasher, noLock);
        CaseView known = mock(CaseView.class);
        when(known.trackingNumber()).thenReturn(KNOWN.value());
        when(known.status()).thenReturn(CaseStatus.IN_PROGRESS);
        when(known.serviceItem()).thenReturn("MZ-002");
        when(known.holder()).thenReturn("JJD-ZX");
        when(known.verificationCodeHash()).thenReturn("hash");
        when(views.byTrackingNumber(any())).thenReturn(Optional.empty());
        when(views.byTrackingNumber(KNOWN)).thenReturn(Optional.of(known));
        when(hasher.matches(KeyedHasher.VERIFICATION_CODE, CODE, "hash")).thenReturn(true);
    }

    /** The way people type a number: lower case, full width, without or with other separators. */
    static String[] spellings(TrackingNumber tn) {
        String v = tn.value();
        StringBuilder fullWidth = new StringBuilder();
        v.chars().forEach(c -> fullWidth.append(c == '-' ? '－' : (char) (c - 0x21 + 0xFF01)));
        return new String[]{v, v.toLowerCase(), v.replace("-", ""), fullWidth.toString(), " " + v.replace('-', ' ')};
    }

    @Test
    void aKnownNumberInAnySpellingIsOneKeyLookupOfTheCanonicalNumber() {
        for (String spelling : spellings(KNOWN)) {
            assertThat(controller.publicView(spelling).trackingNumber()).isEqualTo(KNOWN.value());
        }
        verify(views, org.mockito.Mockito.times(spellings(KNOWN).length)).byTrackingNumber(KNOWN);
        verifyNoMoreInteractions(views);
    }

    @Test
    void anUnknownNumberTakesTheSamePathOneKeyLookupThenNotFound() {
        for (String spelling : spellings(UNKNOWN)) {
            DomainException e = catchThrowableOfType(DomainException.class, () -> controller.publicView(spelling));
            assertThat(e.code()).isEqualTo(ErrorCode.CASE_NOT_FOUND);
            assertThat(e.getMessage()).isEqualTo(CaseQueryController.notFound().getMessage());
        }
        verify(views, org.mockito.Mockito.times(spellings(UNKNOWN).length)).byTrackingNumber(UNKNOWN);
        verifyNoMoreInteractions(views);
    }

    @Test
    void detailsMakeTheSameSingleLookupForKnownAndUnknownNumbers() {
        assertThat(controller.details(KNOWN.value().toLowerCase(), CODE).summary().trackingNumber()).isEqualTo(KNOWN.value());
        DomainException e = catchThrowableOfType(DomainException.class,
                () -> controller.details(UNKNOWN.value().toLowerCase(), CODE));
        assertThat(e.code()).isEqualTo(ErrorCode.CASE_NOT_FOUND);
        verify(views).byTrackingNumber(KNOWN);
        verify(views).byTrackingNumber(UNKNOWN);
        verifyNoMoreInteractions(views);
        verify(hasher).matches(KeyedHasher.VERIFICATION_CODE, CODE, "hash"); // the known case's code only
        verifyNoMoreInteractions(hasher);
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aWrongCheckCharacterIsRefusedBeforeAnyLookup(boolean details) {
        for (TrackingNumber tn : List.of(KNOWN, UNKNOWN)) {
            String v = tn.value();
            char check = v.charAt(v.length() - 1);
            String typo = v.substring(0, v.length() - 1) + (check == '0' ? '1' : '0');
            DomainException e = catchThrowableOfType(DomainException.class,
                    () -> {
                        if (details) {
                            controller.details(typo, CODE);
                        } else {
                            controller.publicView(typo);
                        }
                    });
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_TRACKING_NUMBER);
        }
        verifyNoInteractions(views);
    }
}
