package cn.changai.jobs.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The hash by which a contract file is known from one run to the next: the SHA-256 of its bytes.
 * A file larger than any contract file may be ({@link SubmissionReader#MAX_CSV_BYTES}) is refused
 * by its size alone, so reading it whole would only cost time (a 2 GB upload took 20 s, a hostile
 * 50 GB one would take minutes): its hash is a SHA-256 over its size and its first and last
 * mebibyte. That tells the file refused before from any other, since a change that leaves it too
 * large leaves its verdict as it was.
 */
public final class ContentHash {

  /** The bytes of each end of an oversized file that its hash covers. */
  static final int END_BYTES = 1 << 20;

  private ContentHash() {}

  /** Whether a file of {@code size} bytes is hashed by its size and ends rather than whole. */
  private static boolean byItsEnds(long size) {
    return size > SubmissionReader.MAX_CSV_BYTES;
  }

  /** The file's hash, read now. */
  public static String of(FileSystem fs, Path file) throws IOException {
    long size = fs.getFileStatus(file).getLen();
    MessageDigest digest = sha256();
    if (byItsEnds(size)) {
      digest.update(("oversized " + size + "\n").getBytes(StandardCharsets.UTF_8));
      try (FSDataInputStream in = fs.open(file)) {
        digest.update(in.readNBytes(END_BYTES));
        in.seek(Math.max(END_BYTES, size - END_BYTES));
        digest.update(in.readNBytes(END_BYTES));
      }
    } else {
      try (InputStream in = new DigestInputStream(fs.open(file), digest)) {
        in.transferTo(java.io.OutputStream.nullOutputStream());
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
