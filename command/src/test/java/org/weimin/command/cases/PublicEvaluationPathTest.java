package org.weimin.command.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.verifyNoMoreInteractions;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.function.Supplier;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.weimin.command.api.EvaluationRequest;
import org.weimin.events.CaseId;
import org.weimin.events.DomainException;
import org.weimin.events.ErrorCode;
import org.weimin.events.ServiceItemCode;
import org.weimin.events.calendar.WorkingCalendar;
import org.weimin.events.cases.Grade;
import org.weimin.events.cases.TrackingNumber;
import org.weimin.events.cases.VerificationLockout;
import org.weimin.events.privacy.ApplicantKeyId;
import org.weimin.events.privacy.KeyedHasher;
import org.weimin.events.privacy.PersonalDataVault;

/**
 * Issue 7, for the public evaluation: known and unknown tracking numbers take the same path (normalise, check character,
 * one key lookup in the case directory), shown by recording the calls; a wrong check character reaches no store, and
 * an unknown number sends no command. Every code check goes through the {@link VerificationLockout}.
 */
class PublicEvaluationPathTest {
    private static final TrackingNumber KNOWN = TrackingNumber.fromRandomBits(0x2F_1234_5678L);
    private static final TrackingNumber UNKNOWN = TrackingNumber.fromRandomBits(0x11_8765_4321L);
    private static final EvaluationRequest REQUEST = new EvaluationRequest("7K3M9QXA", Grade.SATISFIED, null);

    private final CaseDirectory directory = mock(CaseDirectory.class);
    private final CommandGateway commands = mock(CommandGateway.class);
    private int lockoutAttempts;
    private final CaseCommandService service = new CaseCommandService(commands, null, null,
            mock(WorkingCalendar.class), mock(PersonalDataVault.class), mock(KeyedHasher.class),
            mock(CaseIdentities.class), directory, Clock.fixed(Instant.parse("2025-03-04T02:00:00Z"), ZoneOffset.UTC),
            new CustodySettings(null, null), TimeLimitSettings.defaults(), new VerificationLockout() {
                @Override
                public <T> T attempt(TrackingNumber trackingNumber, Supplier<T> check) {
                    assertThat(trackingNumber).isEqualTo(KNOWN);
                    lockoutAttempts++;
                    return check.get();
                }
            });

    PublicEvaluationPathTest() {
        when(directory.find(any(TrackingNumber.class))).thenReturn(Optional.empty());
        when(directory.find(KNOWN)).thenReturn(Optional.of(new CaseDirectory.Entry(CaseId.of("c-1"), KNOWN,
                ApplicantKeyId.of("case:c-1"), ServiceItemCode.of("MZ-002"))));
        when(commands.sendAndWait(any())).thenReturn(7L);
    }

    @Test
    void aKnownNumberIsOneDirectoryLookupThenTheCommandThroughTheLockout() {
        assertThat(service.evaluate(KNOWN.value().toLowerCase().replace("-", ""), REQUEST).sequence()).isEqualTo(7L);
        verify(directory).find(KNOWN);
        verifyNoMoreInteractions(directory);
        verify(commands).sendAndWait(any());
        assertThat(lockoutAttempts).isEqualTo(1);
    }

    @Test
    void anUnknownNumberIsTheSameOneLookupThenNotFoundAndNoCommand() {
        DomainException e = catchThrowableOfType(DomainException.class,
                () -> service.evaluate(UNKNOWN.value().toLowerCase().replace("-", ""), REQUEST));
        assertThat(e.code()).isEqualTo(ErrorCode.CASE_NOT_FOUND);
        verify(directory).find(UNKNOWN);
        verifyNoMoreInteractions(directory);
        verifyNoInteractions(commands);
    }

    @Test
    void aWrongCheckCharacterReachesNoStore() {
        String v = KNOWN.value();
        String typo = v.substring(0, v.length() - 1) + (v.endsWith("0") ? '1' : '0');
        DomainException e = catchThrowableOfType(DomainException.class, () -> service.evaluate(typo, REQUEST));
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_TRACKING_NUMBER);
        verifyNoInteractions(directory, commands);
    }
}
