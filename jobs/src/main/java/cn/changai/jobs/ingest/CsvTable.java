package cn.changai.jobs.ingest;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * One CSV file of a submission, decoded and split into records: its header mapped onto the
 * contract's columns (English names or Chinese aliases), then every data record with its physical
 * line number and raw text. Faults that make the whole file unusable are collected, not thrown.
 */
final class CsvTable {

  /** A column of the contract: its English name, its Chinese alias, and whether it must be present. */
  record Column(String name, String alias, boolean required) {}

  /** A data record: first physical line, raw text, and cells aligned to the contract's columns. */
  record Record(int line, String raw, String[] cells, int fieldCount, String parseError) {

    boolean isBlank() {
      for (String cell : cells) {
        if (cell != null && !cell.isBlank()) {
          return false;
        }
      }
      return true;
    }
  }

  private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
  private static final Charset GB18030 = Charset.forName("GB18030");
  private static final CSVFormat FORMAT =
      CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).setTrim(false).get();

  final String file;
  final List<Rejection> faults = new ArrayList<>();
  final List<Issue> warnings = new ArrayList<>();
  final List<Record> records = new ArrayList<>();
  /** The charset the file was read in, for the run record. */
  String charset;

  private boolean headerSeen;
  private int headerWidth;
  private int[] cellIndex;

  private CsvTable(String file) {
    this.file = file;
  }

  /** Decodes and splits one file; see {@link #faults} for whether it can be used. */
  static CsvTable read(String file, String path, byte[] bytes, List<Column> columns) {
    CsvTable table = new CsvTable(file);
    String text = table.decode(bytes);
    if (text == null) {
      table.faults.add(
          new Rejection(path, ReasonCode.ENCODING, file + " decodes neither as UTF-8 nor as GB18030"));
      return table;
    }
    table.split(path, text, columns);
    return table;
  }

  private String decode(byte[] bytes) {
    if (startsWith(bytes, UTF8_BOM)) {
      charset = "UTF-8 (BOM)";
      return strict(StandardCharsets.UTF_8, bytes, UTF8_BOM.length);
    }
    String text = strict(StandardCharsets.UTF_8, bytes, 0);
    if (text != null) {
      charset = "UTF-8";
      return text;
    }
    charset = "GB18030";
    return strict(GB18030, bytes, 0);
  }

  private static boolean startsWith(byte[] bytes, byte[] prefix) {
    if (bytes.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (bytes[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static String strict(Charset charset, byte[] bytes, int offset) {
    try {
      return charset
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, offset, bytes.length - offset))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  private void split(String path, String text, List<Column> columns) {
    Lines lines = new Lines(text);
    int startLine = 1;
    while (startLine <= lines.count()) {
      Segment segment = parseFrom(lines, startLine, path, columns);
      if (segment.stop) {
        return;
      }
      // A stray quote spoils one record: reject its first line and go on with the next line.
      records.add(
          new Record(segment.errorLine, lines.text(segment.errorLine, segment.errorLine),
              new String[columns.size()], 0, segment.error));
      startLine = segment.errorLine + 1;
    }
    if (!headerSeen) {
      faults.add(new Rejection(path, ReasonCode.MISSING_COLUMN, file + " is empty: no header row"));
    }
  }

  /** The outcome of parsing from one line on: stopped for good, or broken at one line. */
  private record Segment(boolean stop, int errorLine, String error) {}

  private Segment parseFrom(Lines lines, int firstLine, String path, List<Column> columns) {
    String rest = lines.from(firstLine);
    int base = firstLine - 1;
    try (CSVParser parser = CSVParser.builder().setReader(new StringReader(rest)).setFormat(FORMAT).get()) {
      Iterator<CSVRecord> it = parser.iterator();
      while (true) {
        long before = parser.getCurrentLineNumber();
        CSVRecord record;
        try {
          if (!it.hasNext()) {
            return new Segment(true, 0, null);
          }
          record = it.next();
        } catch (UncheckedIOException | IllegalStateException e) {
          String message = String.valueOf(e.getMessage());
          if (message.contains("EOF reached before encapsulated token finished")) {
            int opened = lines.firstNonEmpty(base + (int) before + 1);
            faults.add(
                new Rejection(path, ReasonCode.UNTERMINATED_QUOTE,
                    file + ": a quote opened on line " + opened + " is never closed"));
            return new Segment(true, 0, null);
          }
          int errorLine = lines.firstNonEmpty(base + (int) before + 1);
          if (!headerSeen) {
            faults.add(
                new Rejection(path, ReasonCode.MISSING_COLUMN, file + ": the header row is not valid CSV"));
            return new Segment(true, 0, null);
          }
          return new Segment(false, errorLine, "line " + errorLine + " is not valid CSV (a stray quote)");
        }
        int start = lines.firstNonEmpty(base + (int) before + 1);
        int end = Math.max(start, base + (int) parser.getCurrentLineNumber());
        end = Math.min(end, lines.count());
        if (!headerSeen) {
          headerSeen = true;
          if (!mapHeader(path, record, columns)) {
            return new Segment(true, 0, null);
          }
          continue;
        }
        String[] cells = new String[columns.size()];
        for (int c = 0; c < columns.size(); c++) {
          int index = cellIndex[c];
          cells[c] = index >= 0 && index < record.size() ? record.get(index) : null;
        }
        records.add(new Record(start, lines.text(start, end), cells, record.size(), null));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Maps header cells to columns; records faults and returns false when the file is unusable. */
  private boolean mapHeader(String path, CSVRecord header, List<Column> columns) {
    headerWidth = header.size();
    cellIndex = new int[columns.size()];
    java.util.Arrays.fill(cellIndex, -1);
    Map<String, Integer> byName = new LinkedHashMap<>();
    for (int c = 0; c < columns.size(); c++) {
      byName.put(columns.get(c).name().toLowerCase(Locale.ROOT), c);
      byName.put(columns.get(c).alias(), c);
    }
    int before = faults.size();
    for (int i = 0; i < header.size(); i++) {
      String cell = header.get(i).replace("\uFEFF", "").strip();
      Integer column = byName.get(cell.toLowerCase(Locale.ROOT));
      if (column == null) {
        column = byName.get(cell);
      }
      if (column == null) {
        if (PersonalData.isPersonalColumn(cell)) {
          faults.add(
              new Rejection(path, ReasonCode.PERSONAL_DATA_COLUMN,
                  file + ": column '" + cell + "' would carry identity or phone numbers"));
        } else if (!cell.isEmpty()) {
          warnings.add(
              new Issue(file, 1, cell, ReasonCode.IGNORED_COLUMN,
                  "column '" + cell + "' is not in the contract and is ignored", null));
        }
        continue;
      }
      if (cellIndex[column] >= 0) {
        faults.add(
            new Rejection(path, ReasonCode.DUPLICATE_COLUMN,
                file + ": column " + columns.get(column).name() + " appears twice in the header"));
        continue;
      }
      cellIndex[column] = i;
    }
    List<String> missing = new ArrayList<>();
    for (int c = 0; c < columns.size(); c++) {
      if (columns.get(c).required() && cellIndex[c] < 0) {
        missing.add(columns.get(c).name() + " (" + columns.get(c).alias() + ")");
      }
    }
    if (!missing.isEmpty()) {
      faults.add(
          new Rejection(path, ReasonCode.MISSING_COLUMN,
              file + " lacks required column" + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing)));
    }
    return faults.size() == before;
  }

  /** The number of header cells, which every record must match. */
  int headerWidth() {
    return headerWidth;
  }

  /** The physical lines of a text: line breaks are CRLF, LF or CR, as the CSV parser counts them. */
  private static final class Lines {
    private final String text;
    private final List<Integer> starts = new ArrayList<>();

    Lines(String text) {
      this.text = text;
      starts.add(0);
      for (int i = 0; i < text.length(); i++) {
        char ch = text.charAt(i);
        if (ch == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        if ((ch == '\r' || ch == '\n') && i + 1 < text.length()) {
          starts.add(i + 1);
        }
      }
    }

    int count() {
      return text.isEmpty() ? 0 : starts.size();
    }

    String from(int line) {
      return text.substring(starts.get(line - 1));
    }

    /** The text of lines first..last, without the final line break. */
    String text(int first, int last) {
      int from = starts.get(first - 1);
      int to = last < starts.size() ? starts.get(last) : text.length();
      String s = text.substring(from, to);
      int cut = s.length();
      while (cut > 0 && (s.charAt(cut - 1) == '\n' || s.charAt(cut - 1) == '\r')) {
        cut--;
      }
      return s.substring(0, cut);
    }

    /** The first line at or after {@code line} that is not empty (the parser skips empty lines). */
    int firstNonEmpty(int line) {
      int l = Math.max(1, line);
      while (l < count() && text(l, l).isEmpty()) {
        l++;
      }
      return l;
    }
  }
}
