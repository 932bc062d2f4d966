package cn.changai.jobs.compute;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Bitmaps (row {@code i} in bit {@code i & 63} of word {@code i >>> 6}) and the decoding of
 * Parquet's run-length/bit-packed hybrid, for {@link PageBlocks}. Buffers are little-endian, as
 * Parquet is. The methods that write a bitmap OR into it: its bits in the range must be clear.
 */
final class Bits {

  private Bits() {}

  /** The words of a bitmap of {@code n} rows. */
  static int words(int n) {
    return (n + 63) >>> 6;
  }

  /** The bits a level up to {@code max} takes in the hybrid encoding. */
  static int width(int max) {
    return 32 - Integer.numberOfLeadingZeros(max);
  }

  /** Sets bits {@code from} to {@code from + count} (excluded). */
  static void setRange(long[] bits, int from, int count) {
    int to = from + count;
    while (from < to) {
      int w = from >>> 6;
      int end = Math.min(to, (w + 1) << 6);
      long mask = -1L << (from & 63);
      if ((end & 63) != 0) {
        mask &= (1L << (end & 63)) - 1;
      }
      bits[w] |= mask;
      from = end;
    }
  }

  /** The set bits among {@code from} to {@code from + count} (excluded). */
  static int count(long[] bits, int from, int count) {
    int to = from + count;
    int total = 0;
    while (from < to) {
      int w = from >>> 6;
      int end = Math.min(to, (w + 1) << 6);
      long mask = -1L << (from & 63);
      if ((end & 63) != 0) {
        mask &= (1L << (end & 63)) - 1;
      }
      total += Long.bitCount(bits[w] & mask);
      from = end;
    }
    return total;
  }

  /** ORs {@code count} bits packed least significant first from byte {@code at} of {@code src} into {@code dst} from bit {@code to}. */
  static void copy(ByteBuffer src, int at, int count, long[] dst, int to) {
    for (int i = 0; i < count; i += 64) {
      int take = Math.min(64, count - i);
      int pos = at + (i >>> 3);
      long word;
      if (pos + 8 <= src.limit()) {
        word = src.getLong(pos);
      } else {
        word = 0;
        for (int b = 0; b < (take + 7) >>> 3; b++) {
          word |= (long) (src.get(pos + b) & 0xff) << (8 * b);
        }
      }
      if (take < 64) {
        word &= (1L << take) - 1;
      }
      orBits(dst, to + i, word, take);
    }
  }

  private static void orBits(long[] dst, int bit, long word, int take) {
    int w = bit >>> 6;
    int shift = bit & 63;
    dst[w] |= word << shift;
    if (shift != 0 && shift + take > 64) {
      dst[w + 1] |= word >>> (64 - shift);
    }
  }

  /**
   * Decodes {@code count} values of {@code width} bits of the hybrid encoding in bytes
   * {@code from} to {@code to} of {@code src} into {@code out} from {@code start}.
   */
  static void hybrid(ByteBuffer src, int from, int to, int width, int count, int[] out, int start) {
    int pos = from;
    int bytes = (width + 7) >>> 3;
    int i = 0;
    while (i < count) {
      if (pos >= to) {
        throw new IllegalStateException("hybrid-encoded values end after " + i + " of " + count);
      }
      int header = 0;
      int shift = 0;
      byte b;
      do {
        b = src.get(pos++);
        header |= (b & 0x7f) << shift;
        shift += 7;
      } while (b < 0);
      if ((header & 1) == 0) {
        int value = 0;
        for (int k = 0; k < bytes; k++) {
          value |= (src.get(pos++) & 0xff) << (8 * k);
        }
        int n = Math.min(header >>> 1, count - i);
        Arrays.fill(out, start + i, start + i + n, value);
        i += n;
      } else {
        int groups = header >>> 1;
        int n = Math.min(groups * 8, count - i);
        unpack(src, pos, width, n, out, start + i);
        pos += groups * width;
        i += n;
      }
    }
  }

  /** As {@link #hybrid} into {@code out} from 0. */
  static void hybrid(ByteBuffer src, int from, int to, int width, int count, int[] out) {
    hybrid(src, from, to, width, count, out, 0);
  }

  private static void unpack(ByteBuffer src, int pos, int width, int n, int[] out, int at) {
    long mask = (1L << width) - 1;
    int k = 0;
    // Each value from one unaligned 64-bit read: a value of at most 32 bits starting anywhere in a
    // byte fits in the 8 bytes from that byte. The last few values, near the buffer's end, a byte at a time.
    int fast = Math.min(n, ((src.limit() - pos - 8) << 3) / Math.max(width, 1));
    for (; k < fast; k++) {
      long bit = (long) k * width;
      out[at + k] = (int) ((src.getLong(pos + (int) (bit >>> 3)) >>> (bit & 7)) & mask);
    }
    long acc = 0;
    int bits = 0;
    int p = pos + (int) (((long) k * width) >>> 3);
    int skip = (int) (((long) k * width) & 7);
    if (k < n && width > 0) {
      acc = (src.get(p++) & 0xff) >>> skip;
      bits = 8 - skip;
    }
    for (; k < n; k++) {
      while (bits < width) {
        acc |= (long) (src.get(p++) & 0xff) << bits;
        bits += 8;
      }
      out[at + k] = (int) (acc & mask);
      acc >>>= width;
      bits -= width;
    }
  }

  /**
   * ORs into {@code dst}, from bit {@code to}, a bit per value of {@code count} hybrid-encoded
   * values of {@code width} bits: set where the value is {@code level}. One-bit values are copied
   * 64 at a time.
   */
  static void hybridToBitmap(ByteBuffer src, int from, int to, int width, int level, int count, long[] dst, int at) {
    if (width != 1 || level != 1) {
      int[] values = new int[count];
      hybrid(src, from, to, width, count, values, 0);
      for (int i = 0; i < count; i++) {
        if (values[i] == level) {
          dst[(at + i) >>> 6] |= 1L << (at + i);
        }
      }
      return;
    }
    int pos = from;
    int i = 0;
    while (i < count) {
      if (pos >= to) {
        throw new IllegalStateException("hybrid-encoded levels end after " + i + " of " + count);
      }
      int header = 0;
      int shift = 0;
      byte b;
      do {
        b = src.get(pos++);
        header |= (b & 0x7f) << shift;
        shift += 7;
      } while (b < 0);
      if ((header & 1) == 0) {
        int value = src.get(pos++) & 0xff;
        int n = Math.min(header >>> 1, count - i);
        if (value == 1) {
          setRange(dst, at + i, n);
        }
        i += n;
      } else {
        int groups = header >>> 1;
        int n = Math.min(groups * 8, count - i);
        copy(src, pos, n, dst, at + i);
        pos += groups;
        i += n;
      }
    }
  }

  // The three scatters are one loop each, not one loop with a callback: a call site that sees
  // three lambdas is not inlined, and these run over every row of a column with nulls.

  /** Puts the k-th of {@code values} at the row of the k-th set bit of {@code set} among {@code row} to {@code row + entries}. */
  static void scatter(int[] values, long[] set, int row, int entries, int[] out) {
    int k = 0;
    int to = row + entries;
    for (int r = row; r < to; ) {
      int w = r >>> 6;
      int end = Math.min(to, (w + 1) << 6);
      long x = set[w] & (-1L << (r & 63)) & ((end & 63) == 0 ? -1L : (1L << (end & 63)) - 1);
      while (x != 0) {
        out[(w << 6) + Long.numberOfTrailingZeros(x)] = values[k++];
        x &= x - 1;
      }
      r = end;
    }
  }

  /** As {@link #scatter(int[], long[], int, int, int[])} for longs. */
  static void scatter(long[] values, long[] set, int row, int entries, long[] out) {
    int k = 0;
    int to = row + entries;
    for (int r = row; r < to; ) {
      int w = r >>> 6;
      int end = Math.min(to, (w + 1) << 6);
      long x = set[w] & (-1L << (r & 63)) & ((end & 63) == 0 ? -1L : (1L << (end & 63)) - 1);
      while (x != 0) {
        out[(w << 6) + Long.numberOfTrailingZeros(x)] = values[k++];
        x &= x - 1;
      }
      r = end;
    }
  }

  /** ORs bit k of {@code dense} into {@code out} at the row of the k-th set bit of {@code set} in the range. */
  static void scatterBits(long[] dense, long[] set, int row, int entries, long[] out) {
    int k = 0;
    int to = row + entries;
    for (int r = row; r < to; ) {
      int w = r >>> 6;
      int end = Math.min(to, (w + 1) << 6);
      long x = set[w] & (-1L << (r & 63)) & ((end & 63) == 0 ? -1L : (1L << (end & 63)) - 1);
      while (x != 0) {
        int at = (w << 6) + Long.numberOfTrailingZeros(x);
        out[w] |= (dense[k >>> 6] >>> k & 1L) << at;
        k++;
        x &= x - 1;
      }
      r = end;
    }
  }
}
