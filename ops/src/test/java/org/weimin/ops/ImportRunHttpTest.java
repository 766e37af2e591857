package org.weimin.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.weimin.ops.importer.ImportClient;
import org.weimin.ops.importer.ImportMapping;
import org.weimin.ops.importer.ImportRun;

/**
 * The importer end to end against the in-process service (issue 6), on fixture files this test writes itself with
 * every defect real exports have: a byte-order mark, bodies padded with runs of newlines and tabs, ideographic and
 * non-breaking spaces, full-width digits, mixed date formats, a missing completion time, a completion before the
 * receipt, a duplicate row, an id repeated with other content, the same content under another id, an unreadable
 * date. Every row ends in the report with its outcome; a second run creates nothing; a run cut short and run again
 * ends with the same cases.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ImportRunHttpTest extends HttpTestSupport {
    @TempDir
    static Path dataDir;
    @TempDir
    Path work;
    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("weimin.data-dir", () -> dataDir.toString());
        registry.add("weimin.clock.fixed", () -> "2026-11-30T02:00:00Z");
    }

    private static final String HEADER = "留言编号,留言用户,留言主题,留言时间,留言详情,答复意见,答复时间\r\n";
    private static final List<String> ROWS = List.of(
            // 1 ordinary, padded body, signed by the housing bureau
            "101,A001,小区物业管理有问题,2019/4/25 9:32:09,\"\n\t\t\t\n\t\t\t\t小区物业乱收停车费。\n\t\t\t\n\",\"网友您好！已责成整改。\nA2区住房和城乡建设局\",2019/5/10 14:56:53",
            // 2 ISO date, full-width digits, ideographic spaces, unsigned reply → fallback
            "102,A002,\u3000路灯不亮\u3000,2019-06-01 08:00:00,夜间道路漆黑,已转相关部门,２０１９/６/１０　９:００:００",
            // 3 reply without a time → corrected
            "103,A003,噪音扰民,2019/7/1 22:10:00,楼下KTV噪音,已协调公安部门处理,",
            // 4 completion before receipt → corrected
            "104,A004,学校收费问题,2019/9/3 10:00:00,乱收费,教育局已核查,2019/8/1 10:00:00",
            // 5 duplicate of row 1 (same id, same content)
            "101,A001,小区物业管理有问题,2019/4/25 9:32:09,\"\n\t\t\t\n\t\t\t\t小区物业乱收停车费。\n\t\t\t\n\",\"网友您好！已责成整改。\nA2区住房和城乡建设局\",2019/5/10 14:56:53",
            // 6 id 102 again with other content → imported under a derived id
            "102,A009,菜市场占道经营,2019/6/2 08:00:00,占道,市场监督管理局已处理,2019/6/5 10:00:00",
            // 7 the same content as row 1 under another id → not imported again
            "999,A001,小区物业管理有问题,2019/4/25 9:32:09,小区物业乱收停车费。,\"网友您好！已责成整改。\nA2区住房和城乡建设局\",2019/5/10 14:56:53",
            // 8 unreadable receipt time → skipped
            "105,A005,无法读取时间,上周三,内容,,",
            // 9 still open
            "106,A006,医保报销进度,2020/1/6 12:09:38,咨询医保报销进度,,");

    private ImportRun run(Path report) {
        ImportClient client = new ImportClient("http://127.0.0.1:" + port, "importer", "demo-importer",
                Duration.ofSeconds(10));
        return new ImportRun(ImportMapping.load("teddy2020c-att4"),
                client, Clock.fixed(Instant.parse("2026-11-30T02:00:00Z"), ZoneOffset.UTC), 3,
                new PrintStream(OutputStream.nullOutputStream()), false);
    }

    private Path csv(String name, List<String> rows) throws Exception {
        Path file = work.resolve(name);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        bytes.write((HEADER + String.join("\r\n", rows) + "\r\n").getBytes(StandardCharsets.UTF_8));
        Files.write(file, bytes.toByteArray());
        return file;
    }

    private static List<List<String>> report(Path report) throws Exception {
        String text = Files.readString(report, StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFFrow,id,outcome");
        try (var parser = org.apache.commons.csv.CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
                .get().parse(new java.io.StringReader(text.substring(1)))) {
            return parser.getRecords().stream().map(r -> r.toList()).toList();
        }
    }

    @Test
    void everyRowIsAccountedForAndASecondRunCreatesNothing() throws Exception {
        Path file = csv("att4-fixture.csv", ROWS);
        ImportRun.Summary first = run(work.resolve("first.csv")).run(file, work.resolve("first.csv"));
        assertThat(first.rows()).isEqualTo(9);
        assertThat(first.count("CREATED")).isEqualTo(6);
        assertThat(first.count("DUPLICATE_ROW")).isEqualTo(1);
        assertThat(first.count("DUPLICATE_CONTENT")).isEqualTo(1);
        assertThat(first.count("SKIPPED")).isEqualTo(1);
        assertThat(first.corrected()).isEqualTo(3); // no reply time, reply before receipt, repeated id
        List<List<String>> lines = report(work.resolve("first.csv"));
        assertThat(lines).extracting(l -> l.get(0)).containsExactly("2", "3", "4", "5", "6", "7", "8", "9", "10");
        assertThat(lines.get(4)).satisfies(l -> {
            assertThat(l.get(2)).isEqualTo("DUPLICATE_ROW");
            assertThat(l.get(7)).isEqualTo("same as row 2");
        });
        assertThat(lines.get(5).get(1)).isEqualTo("102#row7");
        assertThat(lines.get(6).get(7)).contains("same content as id 101");
        assertThat(lines.get(7).get(7)).startsWith("unreadable receipt time");
        assertThat(lines.get(1).get(4)).as("fallback unit reported").isEqualTo("SFQ-XFJ");

        // The imported case in the public lookup: completed, at its historical times, handled by the housing bureau.
        String trackingNumber = lines.get(0).get(6);
        JsonNode[] found = new JsonNode[1];
        org.awaitility.Awaitility.await("the imported case in the public view").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100)).until(() -> {
                    found[0] = get("/api/public/cases/" + trackingNumber, null).getBody();
                    return found[0] != null && "COMPLETED".equals(found[0].path("status").asText());
                });
        JsonNode lookup = found[0];
        assertThat(lookup.toString()).contains("2019-04-25");

        ImportRun.Summary second = run(work.resolve("second.csv")).run(file, work.resolve("second.csv"));
        assertThat(second.count("CREATED")).isZero();
        assertThat(second.count("EXISTS")).isEqualTo(6);
    }

    @Test
    void aRunCutShortAndRunAgainEndsWithEveryCaseOnce() throws Exception {
        List<String> rows = List.of(
                "201,B1,一号,2020/1/6 12:09:38,内容一,,",
                "202,B2,二号,2020/1/7 12:09:38,内容二,,",
                "203,B3,三号,2020/1/8 12:09:38,内容三,,",
                "204,B4,四号,2020/1/9 12:09:38,内容四,,");
        // As if the importer had been killed after the first two rows were sent.
        run(work.resolve("cut.csv")).run(csv("cut.csv", rows.subList(0, 2)), work.resolve("cut-report.csv"));
        ImportRun.Summary resumed = run(work.resolve("r.csv")).run(csv("all.csv", rows), work.resolve("r.csv"));
        assertThat(resumed.count("EXISTS")).isEqualTo(2);
        assertThat(resumed.count("CREATED")).isEqualTo(2);
        assertThat(report(work.resolve("r.csv"))).extracting(l -> l.get(2))
                .containsExactly("EXISTS", "EXISTS", "CREATED", "CREATED");
    }

    @Test
    void aFileThatBreaksOffMidwayIsReportedNotSwallowed() throws Exception {
        Path file = csv("broken.csv", List.of(
                "401,D1,完好的一行,2020/1/6 12:09:38,内容,,",
                "402,D2,\"引号没有闭合,2020/1/7 12:09:38,内容,,",
                "403,D3,后面的行,2020/1/8 12:09:38,内容,,"));
        ImportRun.Summary summary = run(work.resolve("b.csv")).run(file, work.resolve("b.csv"));
        assertThat(summary.count("CREATED")).isEqualTo(1);
        assertThat(summary.count("FAILED")).isEqualTo(1);
        List<List<String>> lines = report(work.resolve("b.csv"));
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1).get(2)).isEqualTo("FAILED");
        assertThat(lines.get(1).get(7)).startsWith("the file cannot be read from here on");
    }

    @Test
    void xlsxExportsWithRealDateCellsAndNumericIds() throws Exception {
        Path file = work.resolve("att4-fixture.xlsx");
        try (XSSFWorkbook workbook = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
            Sheet sheet = workbook.createSheet("Sheet1");
            CellStyle dateStyle = workbook.createCellStyle();
            dateStyle.setDataFormat(workbook.getCreationHelper().createDataFormat().getFormat("yyyy/m/d h:mm:ss"));
            String[] header = {"留言编号", "留言用户", "留言主题", "留言时间", "留言详情", "答复意见", "答复时间"};
            Row h = sheet.createRow(0);
            for (int i = 0; i < header.length; i++) {
                h.createCell(i).setCellValue(header[i]);
            }
            Row r = sheet.createRow(1);
            r.createCell(0).setCellValue(301);
            r.createCell(1).setCellValue("C1");
            r.createCell(2).setCellValue("公交站台损坏");
            r.createCell(3).setCellValue(LocalDateTime.of(2019, 3, 1, 8, 30));
            r.getCell(3).setCellStyle(dateStyle);
            r.createCell(4).setCellValue("\t\t站台顶棚漏雨\n\n");
            r.createCell(5).setCellValue("已修复。A市交通运输局");
            r.createCell(6).setCellValue(LocalDateTime.of(2019, 3, 8, 16, 0));
            r.getCell(6).setCellStyle(dateStyle);
            sheet.createRow(2); // an empty row
            workbook.write(out);
        }
        ImportRun.Summary summary = run(work.resolve("x.csv")).run(file, work.resolve("x.csv"));
        assertThat(summary.rows()).isEqualTo(1);
        assertThat(summary.count("CREATED")).isEqualTo(1);
        List<String> line = report(work.resolve("x.csv")).get(0);
        assertThat(line.get(1)).isEqualTo("301");
        String supervisor = token("sfq-supervisor", "demo-supervisor");
        var view = staffView(line.get(5), supervisor, 3);
        assertThat(view.path("receivedAt").asText()).isEqualTo("2019-03-01T00:30:00Z");
        assertThat(view.path("description").asText()).isEqualTo("站台顶棚漏雨");
    }
}
