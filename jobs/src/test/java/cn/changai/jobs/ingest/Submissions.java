package cn.changai.jobs.ingest;

import cn.changai.jobs.InboxFixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** Reads fixture submissions the way validate does: list the inbox, then read one submission. */
final class Submissions {

  private static final Configuration CONF = new Configuration();

  private Submissions() {}

  static FileSystem fs(java.nio.file.Path root) {
    try {
      return new Path(root.toString()).getFileSystem(CONF);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Inbox scan(java.nio.file.Path root, String... periods) {
    FileSystem fs = fs(root);
    try {
      return Inbox.scan(fs, fs.makeQualified(new Path(root.toString())), Set.of(periods));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static SubmissionResult read(InboxFixture.Submission submission) {
    return read(submission, null);
  }

  /** Reads the submission with what the warehouse is said to hold (null: nothing). */
  static SubmissionResult read(InboxFixture.Submission submission, HeldSubmission held) {
    java.nio.file.Path root = submission.dir().getParent().getParent();
    Inbox inbox = scan(root, submission.period());
    SubmissionRef ref = inbox.submissions().stream()
        .filter(r -> r.enterpriseId().equals(submission.enterpriseId()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("the inbox lists no " + submission.dir()));
    return SubmissionReader.read(fs(root), ref, held);
  }

  /** Rejected rows as "line column CODE", in order, for compact assertions. */
  static List<String> rowRejects(SubmissionResult result) {
    return result.rejectedRows().stream()
        .map(i -> i.line() + " " + i.column() + " " + i.code())
        .collect(Collectors.toList());
  }

  /** Warnings as "file line column CODE". */
  static List<String> warnings(SubmissionResult result) {
    return result.warnings().stream()
        .map(i -> i.file() + " " + i.line() + " " + i.column() + " " + i.code())
        .collect(Collectors.toList());
  }

  /** Whole-submission rejections as their codes. */
  static List<ReasonCode> rejectionCodes(SubmissionResult result) {
    return result.rejections().stream().map(Rejection::code).collect(Collectors.toList());
  }
}
