package cn.changai.jobs.generate;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A write buffer for generated text: lines are built straight into bytes (every token is encoded
 * once, up front) and handed to the stream in large blocks. Not thread-safe; one per file.
 */
final class ByteSink implements AutoCloseable {

  /** Room every row of the generator fits in; {@link #room} is asked for it before each row. */
  static final int MAX_ROW = 1024;

  private final OutputStream out;
  private final byte[] buf;
  private int pos;
  private long flushed;

  /** Writes to {@code out} through {@code buffer}, which the caller may reuse once this sink is closed. */
  ByteSink(OutputStream out, byte[] buffer) {
    if (buffer.length < 4 * MAX_ROW) {
      throw new IllegalArgumentException("buffer too small: " + buffer.length);
    }
    this.out = out;
    this.buf = buffer;
  }

  /** Makes sure the next {@code n} bytes fit without a check per byte. */
  void room(int n) throws IOException {
    if (pos + n > buf.length) {
      drain();
    }
  }

  void put(byte b) {
    buf[pos++] = b;
  }

  void put(byte[] bytes) {
    System.arraycopy(bytes, 0, buf, pos, bytes.length);
    pos += bytes.length;
  }

  void put(byte[] bytes, int offset, int length) {
    System.arraycopy(bytes, offset, buf, pos, length);
    pos += length;
  }

  /** A non-negative number in decimal. */
  void putNumber(long value) {
    if (value < 10) {
      buf[pos++] = (byte) ('0' + value);
      return;
    }
    int digits = digits(value);
    int end = pos + digits;
    for (int i = end - 1; i >= pos; i--) {
      buf[i] = (byte) ('0' + value % 10);
      value /= 10;
    }
    pos = end;
  }

  /** A non-negative number in decimal, left-padded with zeros to {@code width} digits. */
  void putPadded(long value, int width) {
    int digits = Math.max(width, digits(value));
    int end = pos + digits;
    for (int i = end - 1; i >= pos; i--) {
      buf[i] = (byte) ('0' + value % 10);
      value /= 10;
    }
    pos = end;
  }

  /** Decimal digits of a non-negative number; multiplications, not divisions, as it runs per cell. */
  static int digits(long value) {
    int digits = 1;
    long bound = 10;
    while (value >= bound && digits < 19) {
      bound *= 10;
      digits++;
    }
    return digits;
  }

  /** Bytes written so far, buffered ones included. */
  long bytes() {
    return flushed + pos;
  }

  private void drain() throws IOException {
    out.write(buf, 0, pos);
    flushed += pos;
    pos = 0;
  }

  @Override
  public void close() throws IOException {
    try {
      drain();
    } finally {
      out.close();
    }
  }
}
