package org.weimin.ops.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.weimin.events.ErrorCode;
import org.weimin.events.cases.CaseStatus;
import org.weimin.events.cases.Grade;
import org.weimin.events.cases.NotificationChannel;
import org.weimin.events.cases.ResultType;

/**
 * The message bundles of the web pages: both languages hold the same keys; every status, grade, result type and
 * channel the public pages show has its words; every error-code text names a real {@link ErrorCode}, and the codes a
 * public page can meet have texts.
 */
class WebMessagesTest {
    private static Properties load(String name) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = WebMessagesTest.class.getResourceAsStream("/i18n/" + name + ".properties")) {
            assertThat(in).as(name).isNotNull();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }

    @Test
    void chineseAndEnglishHoldTheSameKeys() throws IOException {
        for (String bundle : List.of("messages", "error-codes")) {
            assertThat(load(bundle).stringPropertyNames()).as(bundle)
                    .isEqualTo(load(bundle + "_en").stringPropertyNames());
        }
    }

    @Test
    void everyStatusGradeResultChannelAndPublicStepHasWords() throws IOException {
        Set<String> keys = load("messages").stringPropertyNames();
        Stream.of(Arrays.stream(CaseStatus.values()).map(v -> "status." + v),
                        Arrays.stream(Grade.values()).map(v -> "grade." + v),
                        Arrays.stream(ResultType.values()).map(v -> "result." + v),
                        Arrays.stream(NotificationChannel.values()).map(v -> "channel." + v),
                        Stream.of("RECEIVED", "FORWARDED", "ACCEPTED", "DEEMED_ACCEPTED", "RETURNED", "NOTICE_SENT",
                                "SUPPLEMENTED", "PROGRESS_NOTIFIED", "RESULT_NOTIFIED", "COMPLETED", "EVALUATED",
                                "REGRADED", "REOPENED", "EXTENDED").map(k -> "step." + k))
                .flatMap(s -> s).forEach(key -> assertThat(keys).as("words for %s", key).contains(key));
    }

    @Test
    void errorTextsNameRealCodesAndCoverEveryCodeAPublicPageCanMeet() throws IOException {
        Set<String> keys = load("error-codes").stringPropertyNames();
        Set<String> codes = Arrays.stream(ErrorCode.values()).map(c -> "error." + c.name())
                .collect(java.util.stream.Collectors.toSet());
        assertThat(codes).containsAll(keys);
        assertThat(keys).contains("error.INVALID_TRACKING_NUMBER", "error.CASE_NOT_FOUND",
                "error.WRONG_VERIFICATION_CODE", "error.VERIFICATION_LOCKED", "error.RATE_LIMITED",
                "error.VALIDATION_FAILED", "error.ALREADY_EVALUATED", "error.CASE_NOT_COMPLETED",
                "error.SERVICE_UNAVAILABLE", "error.MALFORMED_REQUEST");
    }
}
