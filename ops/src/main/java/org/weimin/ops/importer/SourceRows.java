package org.weimin.ops.importer;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.io.input.BOMInputStream;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;

/**
 * The rows of a CSV or XLSX export as header → text, with their 1-based row numbers as a spreadsheet program shows
 * them (the header is row 1). CSV: UTF-8, with or without a byte-order mark, RFC 4180 quoting (line breaks inside
 * quotes stay in the field). XLSX: the mapping's sheet; date cells become Excel serial numbers in text (read by
 * {@link SourceDates}), other cells their displayed text. Header names are trimmed and stripped of BOMs.
 */
public final class SourceRows implements Iterable<SourceRows.SourceRow>, AutoCloseable {
    /** One data row. */
    public record SourceRow(long number, Map<String, String> values) {
        public String get(String column) {
            return column == null ? null : values.get(column);
        }
    }

    private final List<String> headers;
    private final Iterator<SourceRow> rows;
    private final AutoCloseable resource;
    private final long estimatedRows;

    private SourceRows(List<String> headers, Iterator<SourceRow> rows, AutoCloseable resource, long estimatedRows) {
        this.headers = headers;
        this.rows = rows;
        this.resource = resource;
        this.estimatedRows = estimatedRows;
    }

    /**
     * Opens a file by its extension ({@code .csv} or {@code .xlsx}).
     *
     * @throws IllegalArgumentException for another extension
     */
    public static SourceRows open(Path file, int sheet) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) {
            return csv(Files.newInputStream(file), Files.size(file));
        }
        if (name.endsWith(".xlsx") || name.endsWith(".xls")) {
            try (InputStream in = Files.newInputStream(file)) {
                return workbook(WorkbookFactory.create(in), sheet);
            }
        }
        throw new IllegalArgumentException("unsupported file type (csv or xlsx): " + file);
    }

    static SourceRows csv(InputStream raw, long bytes) throws IOException {
        Reader reader = new InputStreamReader(BOMInputStream.builder().setInputStream(raw).get(),
                StandardCharsets.UTF_8);
        CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
                .setAllowMissingColumnNames(true).setIgnoreEmptyLines(true).get().parse(reader);
        List<String> headers = parser.getHeaderNames().stream().map(SourceRows::cleanHeader).toList();
        Iterator<CSVRecord> records = parser.iterator();
        Iterator<SourceRow> rows = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return records.hasNext();
            }

            @Override
            public SourceRow next() {
                CSVRecord record = records.next();
                Map<String, String> values = new LinkedHashMap<>();
                for (int i = 0; i < headers.size() && i < record.size(); i++) {
                    values.putIfAbsent(headers.get(i), record.get(i));
                }
                // the header is row 1; a record's line number counts line breaks inside quotes, so use its index
                return new SourceRow(record.getRecordNumber() + 1, values);
            }
        };
        return new SourceRows(headers, rows, parser, Math.max(1, bytes / 2000));
    }

    static SourceRows workbook(Workbook workbook, int sheetIndex) {
        Sheet sheet = workbook.getSheetAt(sheetIndex);
        DataFormatter formatter = new DataFormatter(Locale.ROOT);
        Row header = sheet.getRow(sheet.getFirstRowNum());
        List<String> headers = new ArrayList<>();
        for (int c = 0; header != null && c < header.getLastCellNum(); c++) {
            Cell cell = header.getCell(c);
            headers.add(cell == null ? "" : cleanHeader(formatter.formatCellValue(cell)));
        }
        int last = sheet.getLastRowNum();
        Iterator<SourceRow> rows = new Iterator<>() {
            int next = sheet.getFirstRowNum() + 1;

            @Override
            public boolean hasNext() {
                while (next <= last && isEmpty(sheet.getRow(next))) {
                    next++;
                }
                return next <= last;
            }

            @Override
            public SourceRow next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Row row = sheet.getRow(next);
                Map<String, String> values = new LinkedHashMap<>();
                for (int c = 0; c < headers.size(); c++) {
                    Cell cell = row.getCell(c);
                    values.putIfAbsent(headers.get(c), text(cell, formatter));
                }
                return new SourceRow(next++ + 1L, values);
            }
        };
        return new SourceRows(headers, rows, workbook, Math.max(1, sheet.getPhysicalNumberOfRows() - 1));
    }

    private static boolean isEmpty(Row row) {
        if (row == null) {
            return true;
        }
        for (Cell cell : row) {
            if (cell.getCellType() != CellType.BLANK
                    && !(cell.getCellType() == CellType.STRING && cell.getStringCellValue().isBlank())) {
                return false;
            }
        }
        return true;
    }

    private static String text(Cell cell, DataFormatter formatter) {
        if (cell == null) {
            return "";
        }
        CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType()
                : cell.getCellType();
        if (type == CellType.NUMERIC && DateUtil.isCellDateFormatted(cell)) {
            return Double.toString(cell.getNumericCellValue());
        }
        if (type == CellType.NUMERIC) {
            double v = cell.getNumericCellValue();
            return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
        }
        return formatter.formatCellValue(cell);
    }

    private static String cleanHeader(String header) {
        return header == null ? "" : header.replace("\uFEFF", "").strip();
    }

    public List<String> headers() {
        return headers;
    }

    /** The number of data rows of a CSV file (one quick pass), for progress; up to where it cannot be read. */
    public static long countRows(Path csvFile) throws IOException {
        try (SourceRows rows = csv(Files.newInputStream(csvFile), Files.size(csvFile))) {
            long n = 0;
            try {
                for (SourceRow ignored : rows) {
                    n++;
                }
            } catch (RuntimeException unreadable) {
                // the import itself reports where the file breaks off
            }
            return n;
        }
    }

    /** A rough number of rows for progress (exact for XLSX, estimated from the size for CSV). */
    public long estimatedRows() {
        return estimatedRows;
    }

    @Override
    public Iterator<SourceRow> iterator() {
        return rows;
    }

    @Override
    public void close() throws IOException {
        try {
            resource.close();
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        }
    }
}
