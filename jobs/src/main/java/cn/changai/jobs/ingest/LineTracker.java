package cn.changai.jobs.ingest;

import java.io.IOException;
import java.io.Reader;
import java.util.Arrays;

/**
 * The characters between a CSV parser and its source, kept from the first physical line of the
 * record being parsed onwards, so that a rejected record's raw text can be quoted without holding
 * the file. Line breaks are CRLF, LF or CR, counted as Commons CSV counts them.
 *
 * <p>What is kept is the current record plus the parser's read-ahead. A record longer than
 * {@link #MAX_RECORD_CHARS} (a quote that is never closed, a field of megabytes) stops the read
 * with {@link RecordTooLong}: memory never grows with a file.
 */
final class LineTracker extends Reader {

  /** The longest record read: far above any roster row, far below what could exhaust a task. */
  static final int MAX_RECORD_CHARS = 1 << 20;

  /** More than the parser's read buffer (8,192 characters): what may lie ahead of its position. */
  private static final int READ_AHEAD = 1 << 16;

  /** A record that exceeds {@link #MAX_RECORD_CHARS}; it refuses the file. */
  static final class RecordTooLong extends IOException {
    final int line;

    RecordTooLong(int line) {
      super("a record starting on line " + line + " is longer than " + MAX_RECORD_CHARS + " characters");
      this.line = line;
    }
  }

  private final Reader in;
  /** Characters read; those before {@link #head} belong to released lines and await compaction. */
  private final StringBuilder window = new StringBuilder(1 << 14);
  private int head;
  /** Start offsets in {@link #window} of lines firstLine, firstLine + 1, ... from index {@link #first}. */
  private int[] starts = new int[256];
  private int first;
  private int end;
  private int firstLine = 1;
  /** The first line of the record being parsed, and its offset: the record-length limit counts from it. */
  private int recordLine = 1;
  private int recordOffset;
  private boolean lastWasCr;

  LineTracker(Reader in) {
    this.in = in;
    starts[end++] = 0;
  }

  @Override
  public int read(char[] buffer, int offset, int length) throws IOException {
    int n = in.read(buffer, offset, length);
    if (n <= 0) {
      return n;
    }
    int base = window.length();
    window.append(buffer, offset, n);
    for (int i = 0; i < n; i++) {
      char c = buffer[offset + i];
      if (c == '\n' && lastWasCr) {
        // The LF of a CRLF: the line began after the CR; its start moves past the LF.
        starts[end - 1] = base + i + 1;
      } else if (c == '\n' || c == '\r') {
        addLineStart(base + i + 1);
      }
      lastWasCr = c == '\r';
    }
    if (window.length() - recordOffset > MAX_RECORD_CHARS + READ_AHEAD) {
      throw new RecordTooLong(recordLine);
    }
    return n;
  }

  private void addLineStart(int offset) {
    if (end == starts.length) {
      if (first > starts.length / 2) {
        System.arraycopy(starts, first, starts, 0, end - first);
        end -= first;
        first = 0;
      } else {
        starts = Arrays.copyOf(starts, starts.length * 2);
      }
    }
    starts[end++] = offset;
  }

  /**
   * The raw text of physical lines {@code from} .. {@code to} without the final line break, at
   * most {@code limit} characters of it.
   */
  String text(int from, int to, int limit) {
    int begin = offset(from);
    int stop = to + 1 - firstLine < end - first ? offset(to + 1) : window.length();
    while (stop > begin && (window.charAt(stop - 1) == '\n' || window.charAt(stop - 1) == '\r')) {
      stop--;
    }
    return window.substring(begin, (int) Math.min(stop, (long) begin + limit));
  }

  private int offset(int line) {
    int index = line - firstLine;
    if (index < 0 || index >= end - first) {
      throw new IllegalStateException("line " + line + " is not held (lines " + firstLine + " on)");
    }
    return starts[first + index];
  }

  /** Says that the parser now reads the record that starts on {@code line}. */
  void recordStarts(int line) {
    recordLine = line;
    // Past the last line break read (the end of the file): nothing of that record is held yet.
    recordOffset = line - firstLine < end - first ? offset(line) : window.length();
  }

  /** Forgets every line before {@code line}: the records before it are done with. */
  void release(int line) {
    int drop = Math.min(line - firstLine, end - first - 1);
    if (drop <= 0) {
      return;
    }
    first += drop;
    firstLine += drop;
    head = starts[first];
    // Compact now and then, not at every record: the read-ahead would be moved each time.
    if (head > READ_AHEAD && head > window.length() / 2) {
      window.delete(0, head);
      for (int i = first; i < end; i++) {
        starts[i] -= head;
      }
      recordOffset -= head;
      head = 0;
    }
  }

  /** Leaves the source open: its owner still reads what the parser left, for the file's hash. */
  @Override
  public void close() {}
}
