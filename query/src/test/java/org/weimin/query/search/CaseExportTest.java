package org.weimin.query.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.weimin.projections.search.CaseSearchDocument;

class CaseExportTest {
    private static final int ROWS = 100_000;

    static CaseSearchDocument doc(int i, String subject) {
        return new CaseSearchDocument("case-" + i, "WM-TEST-" + i, i, "COMPLETED", false, "MZ-002", "WINDOW",
                "JJD-ZX-W01", List.of("JJD-ZX-W01", "JJD-ZX"), "jjd-window", "JJD-ZX", List.of("JJD-ZX"),
                List.of("JJD-ZX"), false, "2026-03-01T16:30:00Z", "2026-03-09T16:00:00Z", false, false, false, false,
                null, null, null, "2026-03-05T02:00:00Z", "JJD-ZX", List.of("JJD-ZX"), "jjd-window", "GRANTED", true,
                3, 4, "SATISFIED", true, "2026-03-06T02:00:00Z", 0, 0, 0, 0, 0, 0, "张**", null, subject, "描述",
                List.of(), List.of(), null, null, null, null, "2026-03-06T02:00:00Z");
    }

    /** A source of {@code n} rows that records how many the writer has pulled so far. */
    private static Consumer<Consumer<CaseSearchDocument>> rows(int n, AtomicLong pulled, Runnable atHalf) {
        return sink -> {
            for (int i = 0; i < n; i++) {
                if (i == n / 2) {
                    atHalf.run();
                }
                sink.accept(doc(i, "第" + i + "号诉求"));
                pulled.incrementAndGet();
            }
        };
    }

    /** Counts bytes that reached the underlying stream (i.e. were sent), not what is buffered. */
    static final class CountingStream extends OutputStream {
        long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }

    @Test
    void csvStreamsAHundredThousandRowsWhileTheyAreProduced() throws Exception {
        CountingStream out = new CountingStream();
        AtomicLong pulled = new AtomicLong();
        long[] sentAtHalf = {0};
        long written = CaseExport.csv(out, rows(ROWS, pulled, () -> sentAtHalf[0] = out.bytes));
        assertThat(written).isEqualTo(ROWS);
        // Half the rows were already on the wire before the second half was produced: nothing waits for the end.
        assertThat(sentAtHalf[0]).isGreaterThan(out.bytes / 3);
    }

    @Test
    void csvStartsWithABomQuotesAndDefusesFormulas() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CaseExport.csv(out, sink -> {
            sink.accept(doc(1, "含,逗号和\"引号\""));
            sink.accept(doc(2, "=HYPERLINK(\"http://x\")"));
        });
        byte[] bytes = out.toByteArray();
        assertThat(bytes[0] & 0xff).isEqualTo(0xEF);
        assertThat(bytes[1] & 0xff).isEqualTo(0xBB);
        assertThat(bytes[2] & 0xff).isEqualTo(0xBF);
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("\"含,逗号和\"\"引号\"\"\"");
        assertThat(text).contains("'=HYPERLINK");
        for (String formula : java.util.List.of("＝1+1", " =1+1", "\n=HYPERLINK(1)", "@SUM(A1)")) {
            assertThat(CaseExport.defused(formula)).as(formula).isEqualTo("'" + formula);
        }
        assertThat(CaseExport.defused("正常文本=1")).isEqualTo("正常文本=1");
        assertThat(text).contains("2026-03-02 00:30"); // 16:30 UTC is 00:30 next day in Beijing
        assertThat(text.lines().count()).isEqualTo(3);
    }

    @Test
    void xlsxWritesAHundredThousandRowsThroughTheStreamingWriter() throws Exception {
        AtomicLong pulled = new AtomicLong();
        CountingStream out = new CountingStream();
        long written = CaseExport.xlsx(out, rows(ROWS, pulled, () -> { }));
        assertThat(written).isEqualTo(ROWS);
        assertThat(out.bytes).isGreaterThan(1_000_000);
    }

    @Test
    void xlsxIsAReadableWorkbook() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CaseExport.xlsx(out, sink -> {
            sink.accept(doc(1, "申请临时救助"));
            sink.accept(doc(2, "=1+1"));
        });
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            var sheet = workbook.getSheetAt(0);
            assertThat(sheet.getLastRowNum()).isEqualTo(2);
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).startsWith("受理编号");
            assertThat(sheet.getRow(1).getCell(18).getStringCellValue()).isEqualTo("申请临时救助");
            assertThat(sheet.getRow(2).getCell(18).getStringCellValue()).isEqualTo("=1+1");
            assertThat(sheet.getRow(1).getCell(13).getNumericCellValue()).isEqualTo(3.0);
        }
    }
}
