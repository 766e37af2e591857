package org.weimin.ops.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordMapperTest {
    private static final Instant NOW = Instant.parse("2026-11-30T02:00:00Z");
    private final RecordMapper att4 = new RecordMapper(ImportMapping.load("teddy2020c-att4"), NOW);

    private static SourceRows.SourceRow row(String... pairs) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            values.put(pairs[i], pairs[i + 1]);
        }
        return new SourceRows.SourceRow(2, values);
    }

    @Test
    void aReplyIsACompletionByTheUnitThatSignsIt() {
        var mapped = att4.map(row("留言编号", "2549", "留言主题", "A2区景蓉华苑物业管理有问题", "留言时间", "2019/4/25 9:32:09",
                "留言详情", "\n\t\t\t\t\n\t\t\t\t\t2019年4月以来，小区物业乱象。\n\t\t\t\t\n\t\t\t",
                "答复意见", "网友：您好！经核查……\n\t\t\tA2区住房和城乡建设局\n", "答复时间", "2019/5/10 14:56:53"));
        assertThat(mapped.skipReason()).isNull();
        assertThat(mapped.corrections()).isEmpty();
        assertThat(mapped.fallback()).isFalse();
        assertThat(mapped.body()).containsEntry("rowId", "2549").containsEntry("forwardTo", "SFQ-ZJJ")
                .containsEntry("receivedAt", "2019-04-25T01:32:09Z").containsEntry("completedAt", "2019-05-10T06:56:53Z")
                .containsEntry("description", "2019年4月以来，小区物业乱象。").containsEntry("channel", "ONLINE")
                .containsEntry("resultText", "网友：您好！经核查……\nA2区住房和城乡建设局");
    }

    @Test
    void anUnsignedReplyGoesToTheFallbackUnitAndIsReported() {
        var mapped = att4.map(row("留言编号", "7", "留言主题", "路灯不亮", "留言时间", "2019/4/25 9:32:09",
                "答复意见", "已转相关部门处理。", "答复时间", "2019/5/10 14:56:53"));
        assertThat(mapped.fallback()).isTrue();
        assertThat(mapped.body()).containsEntry("forwardTo", "SFQ-XFJ");
    }

    @Test
    void completionBeforeReceiptOrWithoutATimeIsCorrectedNotDropped() {
        var before = att4.map(row("留言编号", "8", "留言主题", "噪音扰民", "留言时间", "2019/4/25 9:32:09",
                "答复意见", "已处理", "答复时间", "2019/4/20 9:00:00"));
        assertThat(before.body()).containsEntry("completedAt", "2019-04-25T01:32:09Z");
        assertThat(before.corrections()).singleElement().asString().contains("before receipt");
        var missing = att4.map(row("留言编号", "9", "留言主题", "噪音扰民", "留言时间", "2019/4/25 9:32:09",
                "答复意见", "已处理", "答复时间", ""));
        assertThat(missing.body()).containsEntry("completedAt", "2019-04-25T01:32:09Z");
        assertThat(missing.corrections()).singleElement().asString().contains("without a completion time");
    }

    @Test
    void aRecordWithoutReplyStaysOpenWithTheFallbackUnit() {
        var open = att4.map(row("留言编号", "10", "留言主题", "噪音扰民", "留言时间", "2019/4/25 9:32:09"));
        assertThat(open.body()).doesNotContainKey("completedAt").containsEntry("forwardTo", "SFQ-XFJ");
        assertThat(open.fallback()).isTrue();
    }

    @Test
    void unusableRowsAreSkippedWithTheirReason() {
        assertThat(att4.map(row("留言编号", " ", "留言主题", "x", "留言时间", "2019/4/25 9:32:09")).skipReason())
                .isEqualTo("no id");
        assertThat(att4.map(row("留言编号", "1", "留言主题", "x", "留言时间", "上周")).skipReason())
                .startsWith("unreadable receipt time");
        assertThat(att4.map(row("留言编号", "1", "留言主题", "x", "留言时间", "2027/1/1 0:00:00")).skipReason())
                .contains("future");
        assertThat(att4.map(row("留言编号", "1", "留言主题", "\u3000", "留言时间", "2019/4/25 9:32:09")).skipReason())
                .isEqualTo("neither subject nor description");
    }

    @Test
    void aMissingSubjectComesFromTheDescriptionAndFullWidthIdsAreRead() {
        var mapped = att4.map(row("留言编号", "１２３", "留言主题", "", "留言时间", "2019/4/25 9:32:09",
                "留言详情", "小区门口\u00A0垃圾堆放多日无人清理"));
        assertThat(mapped.body()).containsEntry("rowId", "123").containsEntry("subject", "小区门口 垃圾堆放多日无人清理");
        assertThat(mapped.corrections()).containsExactly("subject taken from the description");
    }

    @Test
    void nycRequestsMapAgenciesStatusesAndChannels() {
        RecordMapper nyc = new RecordMapper(ImportMapping.load("nyc311"), NOW);
        var closed = nyc.map(row("Unique Key", "54049402", "Created Date", "05/01/2022 12:00:03 AM",
                "Closed Date", "05/01/2022 01:10:00 AM", "Agency", "NYPD", "Complaint Type", "Noise - Residential",
                "Descriptor", "Loud Music/Party", "Status", "Closed", "Open Data Channel Type", "PHONE",
                "Resolution Description", "The Police Department responded."));
        assertThat(closed.body()).containsEntry("forwardTo", "IMP-NYC-NYPD").containsEntry("channel", "HOTLINE")
                .containsEntry("receivedAt", "2022-05-01T04:00:03Z").containsEntry("completedAt", "2022-05-01T05:10:00Z");
        var open = nyc.map(row("Unique Key", "54049403", "Created Date", "05/01/2022 12:00:03 AM", "Agency", "XYZ",
                "Complaint Type", "Rodent", "Status", "In Progress"));
        assertThat(open.body()).doesNotContainKey("completedAt").containsEntry("forwardTo", "IMP-NYC-OTHER");
        assertThat(open.fallback()).isTrue();
    }

    @Test
    void aWriterIntroducingThemselvesGivesTheApplicantsNameSoThatItIsMasked() {
        var mapped = att4.map(row("留言编号", "11", "留言主题", "反映拆迁补偿", "留言时间", "2019/4/25 9:32:09",
                "留言详情", "领导您好，我叫谭燕，家住A3区，拆迁补偿至今未到位。"));
        assertThat(mapped.body()).containsEntry("applicantName", "谭燕");
        var owner = att4.map(row("留言编号", "12", "留言主题", "物业", "留言时间", "2019/4/25 9:32:09",
                "留言详情", "我是业主，物业不作为。"));
        assertThat(owner.body().get("applicantName")).isNull();
    }

    @Test
    void detailColumnsKeepRequestsOfTheSameKindApart() {
        RecordMapper nyc = new RecordMapper(ImportMapping.load("nyc311"), NOW);
        var mapped = nyc.map(row("Unique Key", "1", "Created Date", "05/01/2022 12:00:03 AM", "Agency", "NYPD",
                "Complaint Type", "Noise - Residential", "Descriptor", "Loud Music/Party", "Status", "Open",
                "Incident Address", "1006 GERARD AVENUE", "Borough", "BRONX"));
        assertThat(mapped.body()).containsEntry("description",
                "Loud Music/Party\nIncident Address: 1006 GERARD AVENUE\nBorough: BRONX");
    }

    @Test
    void mappingsAreCheckedWhenLoaded() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ImportMapping.load("no-such-mapping"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no mapping file");
    }
}
