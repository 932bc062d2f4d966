package cn.changai.jobs.ingest;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * One CSV file of a submission read as a stream by Commons CSV: its header mapped onto the
 * contract's columns (English names or Chinese aliases), then each data record handed on with its
 * first physical line, raw text and cells aligned to the columns. Faults that make the whole file
 * unusable are collected, not thrown.
 *
 * <p>A record with a stray quote ({@code "abc"x}) is one malformed record: the parser keeps the
 * characters after the closing quote in the field (trailing data), so the record ends where a
 * lenient reading ends it, and every physical line belongs to exactly one record.
 */
final class CsvRows {

  /** A column of the contract: its English name, its Chinese alias, and whether it must be present. */
  record Column(String name, String alias, boolean required) {}

  /**
   * A data record: first physical line, raw text, cells aligned to the contract's columns, and
   * whether every field of it is blank (those of columns outside the contract included).
   */
  record Record(int line, String raw, String[] cells, int fieldCount, int headerWidth, String parseError,
      boolean allFieldsBlank) {

    boolean isBlank() {
      return allFieldsBlank;
    }
  }

  /** Takes the records of a file as they are read. */
  interface Handler {
    void record(Record record);
  }

  /** Raised inside the parse when the source cannot be decoded; the caller may try another charset. */
  static final class Undecodable extends RuntimeException {
    Undecodable(IOException cause) {
      super(cause.getMessage(), cause, false, false);
    }
  }

  /** Raw text kept per record: the table keeps 1,000 characters after masking, which needs a margin. */
  private static final int RAW_KEEP = Issue.RAW_LIMIT + 64;

  // Empty lines come through as records so that line numbers stay exact; they are skipped here.
  // Characters after a closing quote stay in the field (trailing data) rather than raising an
  // exception: Commons CSV formats a localised message for each, which made a file of stray
  // quotes cost four times a clean one (docs/performance.md). The record is then refused here.
  private static final CSVFormat FORMAT =
      CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(false).setTrim(false).setTrailingData(true).get();

  final String file;
  final List<Rejection> faults = new ArrayList<>();
  final List<Issue> warnings = new ArrayList<>();
  private int headerWidth;
  private int[] cellIndex;
  /** By header cell: whether it names a column of the contract; null when every cell does. */
  private boolean[] contractCells;
  /**
   * By header cell: whether the cell is empty (a column with no name, often Excel's trailing
   * comma); null when none is, or once a value under one has been warned about.
   */
  private boolean[] namelessCells;
  private int records;

  private CsvRows(String file) {
    this.file = file;
  }

  /**
   * Reads a decoded file to its end (or to its first file-level fault), handing each data record
   * to {@code handler}. More than {@code maxRows} data records is a fault of the file.
   */
  static CsvRows read(String file, String path, Reader source, List<Column> columns, int maxRows, Handler handler)
      throws IOException {
    CsvRows rows = new CsvRows(file);
    rows.parse(path, new LineTracker(source), columns, maxRows, handler);
    return rows;
  }

  /** The number of header cells, which every record must match. */
  int headerWidth() {
    return headerWidth;
  }

  private void parse(String path, LineTracker lines, List<Column> columns, int maxRows, Handler handler)
      throws IOException {
    boolean headerSeen = false;
    try (CSVParser parser = CSVParser.builder().setReader(lines).setFormat(FORMAT).get()) {
      Iterator<CSVRecord> it = parser.iterator();
      // A record is handed on once the next one is read: only then is its last line certain (the
      // parser's line count is one short when a record ends at the end of the file).
      Pending pending = null;
      int start = 1;
      while (true) {
        CSVRecord record;
        try {
          if (!it.hasNext()) {
            if (pending != null) {
              // The last record runs to the end of the file.
              handOn(handler, pending, lines, Integer.MAX_VALUE - 1);
            }
            break;
          }
          record = it.next();
        } catch (UncheckedIOException e) {
          IOException cause = e.getCause();
          if (cause instanceof LineTracker.RecordTooLong tooLong) {
            faults.add(new Rejection(path, ReasonCode.RECORD_TOO_LONG, file + ": " + tooLong.getMessage()
                + " (a quote that is never closed, or a field of megabytes)"));
            return;
          }
          if (cause instanceof java.nio.charset.CharacterCodingException) {
            throw new Undecodable(cause);
          }
          // With trailing data read, a quote never closed is the one fault the parser raises; any
          // other is unexpected and refuses the submission as unreadable (READ_ERROR).
          if (!String.valueOf(cause.getMessage()).contains("EOF reached before encapsulated token finished")) {
            throw cause;
          }
          faults.add(new Rejection(path, ReasonCode.UNTERMINATED_QUOTE,
              file + ": a quote opened on line " + start + " is never closed"));
          return;
        }
        // The parser stands just after the record's line break (or at the end of the file).
        int last = Math.max(start, (int) parser.getCurrentLineNumber());
        if (pending != null) {
          handOn(handler, pending, lines, pending.last);
          pending = null;
        }
        if (record.size() == 1 && record.get(0).isEmpty() && lines.text(start, last, 1).isEmpty()) {
          // An empty line is not a row.
        } else if (!headerSeen && allBlank(record)) {
          // Above the header, a line of blanks or empty cells (Excel's empty rows) is skipped as an
          // empty line is: it is no header, and no row either.
        } else if (!headerSeen) {
          headerSeen = true;
          if (hasStrayQuote(lines.text(start, last, Integer.MAX_VALUE))) {
            faults.add(new Rejection(path, ReasonCode.MISSING_COLUMN, file + ": the header row is not valid CSV"));
            return;
          }
          if (!mapHeader(path, record, columns, start)) {
            return;
          }
        } else {
          String[] cells = new String[columns.size()];
          for (int c = 0; c < cells.length; c++) {
            int index = cellIndex[c];
            cells[c] = index >= 0 && index < record.size() ? record.get(index) : null;
          }
          pending = new Pending(start, last, cells, record.size(), allBlank(record),
              namelessCells != null && record.size() == headerWidth ? namelessValue(record) : -1);
        }
        if (pending != null && ++records > maxRows) {
          faults.add(new Rejection(path, ReasonCode.TOO_MANY_ROWS,
              file + " has more than " + maxRows + " data rows, the most one file may hold"));
          return;
        }
        start = last + 1;
        lines.release(pending != null ? pending.start : start);
        lines.recordStarts(start);
      }
    }
    if (!headerSeen) {
      faults.add(new Rejection(path, ReasonCode.MISSING_COLUMN, file + " is empty: no header row"));
    }
  }

  /** A record read whose raw text waits for its last line to be certain. */
  private record Pending(int start, int last, String[] cells, int fieldCount, boolean allFieldsBlank,
      int namelessValue) {

    Record toRecord(LineTracker lines, int lastLine, int headerWidth, boolean[] contractCells) {
      String raw = lines.text(start, lastLine, RAW_KEEP);
      String error = null;
      // The raw text is cut at RAW_KEEP characters: a quote may stand past the cut, so a record
      // that long is looked at whole (its length is bounded by LineTracker.MAX_RECORD_CHARS).
      String whole = raw.length() < RAW_KEEP ? raw : lines.text(start, lastLine, Integer.MAX_VALUE);
      if (whole.indexOf('"') >= 0 && hasStrayQuote(whole)) {
        error = "line " + start + " is not valid CSV (a stray quote)";
      }
      if (contractCells != null || fieldCount != headerWidth) {
        raw = withoutOtherColumns(raw, contractCells != null ? contractCells : allContract(headerWidth));
      }
      return new Record(start, raw, error == null ? cells : new String[cells.length], error == null ? fieldCount : 0,
          headerWidth, error, error == null && allFieldsBlank);
    }
  }

  /**
   * Whether a record's text, read as Commons CSV reads it, has a character other than a blank, a
   * delimiter or a line break after a closing quote (RFC 4180 allows none; a strict parse fails
   * there). Only records that hold a quote are looked at. A blank is what trimming takes off a
   * value ({@link FieldValue#isSpace}), no-break spaces included: such a character after the quote
   * stays in the field and is trimmed away with it, as after an unquoted value (`"Y"` and a
   * no-break space is `Y`, not a stray quote).
   */
  static boolean hasStrayQuote(String text) {
    for (int start = 0; start <= text.length(); start = fieldEnd(text, start) + 1) {
      if (start < text.length() && text.charAt(start) == '"') {
        for (int i = closingQuote(text, start) + 1; i < text.length() && !endsField(text.charAt(i)); i++) {
          if (!FieldValue.isSpace(text.charAt(i))) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** What a rejected row's raw text shows in place of a value of a column the contract does not define. */
  static final String NOT_KEPT = "…";

  /**
   * A record's text with the value of each field under a header cell that is not the contract's
   * replaced by {@link #NOT_KEPT} (a blank value stays as it is); every other character is kept,
   * delimiters, quotes and line breaks included. Such a column is kept out of the tables, and a
   * rejected row's raw text is published: a column of workers' names (姓名) must not reach it
   * that way (docs/ingest.md).
   *
   * <p>In a record of another number of fields than the header, which field is under which cell is
   * unknown: with {@code d} fields too many, field {@code j} may be under any cell from
   * {@code j - d} to {@code j}; with {@code d} too few, from {@code j} to {@code j + d}. A field is
   * kept only if every one of those cells is the contract's (a field past the header's last cell
   * is under none): a name shifted by a comma written in it, or an address in a column the header
   * does not name, is not kept either.
   */
  static String withoutOtherColumns(String text, boolean[] contractCells) {
    int fields = 0;
    for (int start = 0; start <= text.length(); start = fieldEnd(text, start) + 1) {
      fields++;
    }
    int extra = Math.max(0, fields - contractCells.length);
    int missing = Math.max(0, contractCells.length - fields);
    StringBuilder out = new StringBuilder(text.length());
    int field = 0;
    for (int start = 0; start <= text.length(); field++) {
      int end = fieldEnd(text, start);
      String value = text.substring(start, end);
      boolean other = false;
      for (int cell = Math.max(0, field - extra); cell <= field + missing && !other; cell++) {
        other = cell >= contractCells.length || !contractCells[cell];
      }
      out.append(other && !FieldValue.isBlank(value) ? NOT_KEPT : value);
      if (end < text.length()) {
        out.append(text.charAt(end));
      }
      start = end + 1;
    }
    return out.toString();
  }

  /** Every cell of a header of the contract's columns only. */
  private static boolean[] allContract(int headerWidth) {
    boolean[] cells = new boolean[headerWidth];
    java.util.Arrays.fill(cells, true);
    return cells;
  }

  /**
   * Where the field that begins at {@code start} ends: the index of the delimiter or line break
   * after it, or the text's length. A quote opens a quoted field only as its first character
   * ({@code W1, "Y"} is unquoted), and characters after its closing quote stay in the field, as
   * Commons CSV reads them with trailing data allowed.
   */
  private static int fieldEnd(String text, int start) {
    int i = start < text.length() && text.charAt(start) == '"'
        ? Math.min(closingQuote(text, start) + 1, text.length()) : start;
    while (i < text.length() && !endsField(text.charAt(i))) {
      i++;
    }
    return i;
  }

  /** The quote that closes the quoted field opened at {@code open} (a doubled quote is a quote), or the text's length. */
  private static int closingQuote(String text, int open) {
    for (int i = open + 1; i < text.length(); i++) {
      if (text.charAt(i) == '"') {
        if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
          i++;
        } else {
          return i;
        }
      }
    }
    return text.length();
  }

  private static boolean endsField(char c) {
    return c == ',' || c == '\r' || c == '\n';
  }

  /** The first header cell that is empty and has a value under it in the record, or -1. */
  private int namelessValue(CSVRecord record) {
    for (int i = 0; i < Math.min(record.size(), namelessCells.length); i++) {
      if (namelessCells[i] && !FieldValue.isBlank(record.get(i))) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Hands a record on, once its last line is known. Warns once a file, on the first record holding
   * a value under a header cell that is empty: such a column is ignored like any column the
   * contract does not define, and its values would otherwise go without a word (a header's empty
   * trailing cells alone, with nothing under them, are not worth one). Only a record whose fields
   * stand under the header's cells counts: in one of another number of fields or with a stray quote
   * (rejected for that), which field is under which cell is unknown, and a value shifted under an
   * empty cell would be warned about as the column's, and a real one further down not at all.
   */
  private void handOn(Handler handler, Pending pending, LineTracker lines, int lastLine) throws IOException {
    Record record = pending.toRecord(lines, lastLine, headerWidth, contractCells);
    if (namelessCells != null && pending.namelessValue >= 0 && record.parseError() == null) {
      warnings.add(new Issue(file, pending.start, null, ReasonCode.IGNORED_COLUMN, "column " + (pending.namelessValue + 1)
          + " has no name in the header, so its values (from this line on) are not in the contract and are ignored",
          null));
      namelessCells = null;
    }
    handler.record(record);
  }

  private static boolean allBlank(CSVRecord record) {
    // By index: CSVRecord's iterator copies the record into a new list through a stream, which cost
    // 8% of ingest's time at 10^6 rows once every record was looked at (docs/performance.md).
    for (int i = 0; i < record.size(); i++) {
      if (!FieldValue.isBlank(record.get(i))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Maps header cells to columns; records faults and returns false when the file is unusable.
   * {@code line} is the header's physical line (lines of blanks above it are skipped).
   */
  private boolean mapHeader(String path, CSVRecord header, List<Column> columns, int line) {
    headerWidth = header.size();
    cellIndex = new int[columns.size()];
    Arrays.fill(cellIndex, -1);
    Map<String, Integer> byName = new LinkedHashMap<>();
    for (int c = 0; c < columns.size(); c++) {
      byName.put(columns.get(c).name().toLowerCase(Locale.ROOT), c);
      byName.put(columns.get(c).alias(), c);
    }
    int before = faults.size();
    int unknown = 0;
    for (int i = 0; i < header.size(); i++) {
      String cell = FieldValue.strip(header.get(i).replace("\uFEFF", ""));
      Integer column = byName.get(cell.toLowerCase(Locale.ROOT));
      if (column == null) {
        column = byName.get(cell);
      }
      if (column == null) {
        if (PersonalData.isPersonalColumn(cell)) {
          faults.add(new Rejection(path, ReasonCode.PERSONAL_DATA_COLUMN,
              file + ": column " + FieldValue.quote(cell) + " would carry identity or phone numbers"));
        } else if (cell.isEmpty()) {
          if (namelessCells == null) {
            namelessCells = new boolean[header.size()];
          }
          namelessCells[i] = true;
        } else if (++unknown <= Issue.NAMES_LISTED) {
          warnings.add(new Issue(file, line, FieldValue.shown(cell), ReasonCode.IGNORED_COLUMN,
              "column " + FieldValue.quote(cell) + " is not in the contract and is ignored", null));
        }
        continue;
      }
      if (cellIndex[column] >= 0) {
        faults.add(new Rejection(path, ReasonCode.DUPLICATE_COLUMN,
            file + ": column " + columns.get(column).name() + " appears twice in the header"));
        continue;
      }
      cellIndex[column] = i;
    }
    contractCells = new boolean[header.size()];
    boolean allContract = true;
    for (int c : cellIndex) {
      if (c >= 0) {
        contractCells[c] = true;
      }
    }
    for (boolean contract : contractCells) {
      allContract &= contract;
    }
    if (allContract) {
      contractCells = null;
    }
    if (unknown > Issue.NAMES_LISTED) {
      warnings.add(Issue.moreNames(file, line, ReasonCode.IGNORED_COLUMN, unknown, "columns not in the contract"));
    }
    List<String> missing = new ArrayList<>();
    for (int c = 0; c < columns.size(); c++) {
      if (columns.get(c).required() && cellIndex[c] < 0) {
        missing.add(columns.get(c).name() + " (" + columns.get(c).alias() + ")");
      }
    }
    if (!missing.isEmpty()) {
      faults.add(new Rejection(path, ReasonCode.MISSING_COLUMN,
          file + " lacks required column" + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing)));
    }
    return faults.size() == before;
  }
}
