package org.weimin.query.search;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.weimin.events.calendar.WorkingCalendar;
import org.weimin.projections.search.CaseSearchDocument;

/**
 * Writes search results as CSV (UTF-8 with a byte-order mark, so that spreadsheet programs read Chinese correctly;
 * RFC 4180 quoting by Apache Commons CSV) or XLSX (Apache POI's streaming SXSSF writer: at most
 * {@value #XLSX_WINDOW} rows in memory, the rest on disk until the file is zipped out). Rows arrive one at a time
 * from a source (an export pages through the index), so neither format holds the result in memory.
 *
 * <p>Columns are the supervisor's view of a case, personal data masked as in the index; times are local
 * Asia/Shanghai ({@code yyyy-MM-dd HH:mm}).
 */
public final class CaseExport {
    static final int XLSX_WINDOW = 200;
    private static final int CSV_FLUSH_EVERY = 500;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(WorkingCalendar.ZONE);

    /** The column headers, in order. */
    public static final List<String> HEADERS = List.of("受理编号 Tracking number", "状态 Status", "事项 Service item",
            "渠道 Channel", "受理窗口 Window", "首问责任人 First-contact officer", "承办单位 Holder",
            "受理时间 Received", "承诺期限 Deadline", "暂定期限 Provisional", "超期 Overdue", "办结时间 Completed",
            "按期 On time", "净用时(工作日) Working days net", "总用时(工作日) Working days gross", "评价 Grade",
            "一次性告知违规 Breaches", "申请人 Applicant", "诉求 Subject");

    private static final List<Function<CaseSearchDocument, Object>> COLUMNS = List.of(
            CaseSearchDocument::trackingNumber, CaseSearchDocument::status, CaseSearchDocument::serviceItem,
            CaseSearchDocument::channel, CaseSearchDocument::window, CaseSearchDocument::officer,
            CaseSearchDocument::holder, d -> time(d.receivedAt()), d -> time(d.deadline()),
            d -> yesNo(d.deadlineProvisional()), d -> yesNo(d.overdue()), d -> time(d.completedAt()),
            d -> d.onTime() == null ? null : yesNo(d.onTime()), CaseSearchDocument::workingDaysNet,
            CaseSearchDocument::workingDaysGross, CaseSearchDocument::grade, CaseSearchDocument::breaches,
            CaseSearchDocument::applicantNameMasked, CaseSearchDocument::subject);

    private CaseExport() {
    }

    /**
     * Writes CSV to {@code out} (not closed), flushing every {@value #CSV_FLUSH_EVERY} rows so that the client
     * receives the file while it is being produced.
     *
     * @param source calls its argument once per row, in order
     * @return rows written
     */
    public static long csv(OutputStream out, Consumer<Consumer<CaseSearchDocument>> source) throws IOException {
        BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        writer.write('\uFEFF');
        CSVPrinter printer = new CSVPrinter(writer, CSVFormat.RFC4180.builder().get());
        printer.printRecord(HEADERS);
        long[] rows = {0};
        try {
            source.accept(doc -> {
                try {
                    for (Function<CaseSearchDocument, Object> column : COLUMNS) {
                        printer.print(defused(column.apply(doc)));
                    }
                    printer.println();
                    if (++rows[0] % CSV_FLUSH_EVERY == 0) {
                        printer.flush();
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        printer.flush();
        return rows[0];
    }

    /**
     * Writes an XLSX workbook with one sheet to {@code out} (not closed). Temporary files are deleted afterwards.
     *
     * @return rows written (without the header)
     */
    public static long xlsx(OutputStream out, Consumer<Consumer<CaseSearchDocument>> source) throws IOException {
        SXSSFWorkbook workbook = new SXSSFWorkbook(XLSX_WINDOW);
        workbook.setCompressTempFiles(true);
        try {
            SXSSFSheet sheet = workbook.createSheet("cases");
            Row header = sheet.createRow(0);
            for (int i = 0; i < HEADERS.size(); i++) {
                header.createCell(i).setCellValue(HEADERS.get(i));
            }
            int[] next = {1};
            source.accept(doc -> {
                if (next[0] > 1_048_575) {
                    throw new IllegalStateException("An XLSX sheet holds at most 1,048,575 rows; export as CSV.");
                }
                Row row = sheet.createRow(next[0]++);
                for (int i = 0; i < COLUMNS.size(); i++) {
                    Object value = COLUMNS.get(i).apply(doc);
                    if (value instanceof Number n) {
                        row.createCell(i).setCellValue(n.doubleValue());
                    } else if (value != null) {
                        row.createCell(i).setCellValue(value.toString());
                    }
                }
            });
            workbook.write(out);
            return next[0] - 1L;
        } finally {
            workbook.close();
        }
    }

    /**
     * Text starting with {@code = + - @}, a tab or a carriage return, also after leading white space or in full width,
     * would be read as a formula by spreadsheet programs (CSV injection, OWASP): such a cell gets a leading apostrophe.
     */
    static Object defused(Object value) {
        if (value instanceof String s && !s.isEmpty()) {
            // Also behind leading white space or in full width (＝), which some programs still evaluate.
            String head = org.weimin.events.privacy.FreeTextMasking.widthNormalised(s).stripLeading();
            if ("=+-@\t\r".indexOf(s.charAt(0)) >= 0 || !head.isEmpty() && "=+-@".indexOf(head.charAt(0)) >= 0) {
                return "'" + s;
            }
        }
        return value;
    }

    private static String time(String iso) {
        return iso == null ? null : TIME.format(Instant.parse(iso));
    }

    private static String yesNo(boolean value) {
        return value ? "是" : "否";
    }
}
