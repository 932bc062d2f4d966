package cn.changai.jobs.generate;

import static org.assertj.core.api.Assertions.assertThat;

import cn.changai.domain.Industry;
import cn.changai.domain.SkillLevel;
import cn.changai.jobs.ingest.EnterpriseRecord;
import cn.changai.jobs.ingest.IngestResult;
import cn.changai.jobs.ingest.ReasonCode;
import cn.changai.jobs.ingest.SubmissionResult;
import cn.changai.jobs.ingest.SubmissionResult.Status;
import cn.changai.jobs.ingest.ValidateJob;
import cn.changai.jobs.ingest.WorkerRecord;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small generated inbox (30 enterprises, 3,000 rows a period, 2024 and 2025) read back by the
 * checks of ingest ({@link ValidateJob}, no Spark): clean, it is accepted whole; dirty, the rows
 * ingest rejects are exactly the ones the generator says it spoiled, reason by reason.
 */
class InboxGeneratorTest {

  private static final int ENTERPRISES = 30;
  private static final long WORKERS = 3_000;
  private static final List<String> PERIODS = List.of("2024", "2025");

  @TempDir Path temp;

  private GenerateSummary generate(Path out, int enterprises, long workers, List<String> periods, double dirtyRate,
      long seed, int threads) throws IOException {
    return InboxGenerator.run(
        new InboxGenerator.Options(out.toString(), enterprises, workers, periods, dirtyRate, seed, threads), line -> { });
  }

  @Test
  void aCleanInboxIsAcceptedWhole() throws IOException {
    Path out = temp.resolve("clean");
    GenerateSummary summary = generate(out, ENTERPRISES, WORKERS, PERIODS, 0, 7, 1);
    assertThat(summary.total().faulty()).isZero();
    assertThat(summary.groups()).isEqualTo(1); // round(30 / 25)
    assertThat(summary.groups() + summary.subsidiaries() + summary.branches()).isEqualTo(ENTERPRISES);

    IngestResult result = ValidateJob.run(out.toString(), Set.of());
    assertThat(result.exitCode()).isEqualTo(IngestResult.OK);
    assertThat(result.rejected()).isZero();
    assertThat(result.count(Status.ACCEPTED)).isEqualTo(ENTERPRISES * PERIODS.size());
    // The summary file at the root is the only thing beside the period folders.
    assertThat(result.listing().ignoredAtRoot()).containsExactly(GenerateSummary.FILE);
    for (String period : PERIODS) {
      List<SubmissionResult> submissions = inPeriod(result, period);
      assertThat(submissions).hasSize(ENTERPRISES);
      assertThat(submissions.stream().mapToLong(s -> s.counts().workersAccepted()).sum()).isEqualTo(WORKERS);
      assertThat(submissions.stream().mapToLong(s -> s.counts().workersRejected()).sum()).isZero();
      assertThat(submissions.stream().mapToLong(s -> s.counts().studiosRejected()).sum()).isZero();
      // Mentors, studios and leaders all point at rows of their file: not a single dropped link.
      assertThat(submissions.stream().mapToLong(s -> s.counts().warnings()).sum()).isZero();
      assertThat(summary.periods().get(period).workerRows()).isEqualTo(WORKERS);
      assertThat(summary.periods().get(period).studioRows())
          .isEqualTo(submissions.stream().mapToLong(s -> s.counts().studiosAccepted()).sum());
      assertThreeLevelTree(submissions);
    }

    List<SubmissionResult> all = result.submissions();
    Set<String> industries = all.stream().map(s -> s.enterprise().industry()).collect(Collectors.toSet());
    assertThat(industries).hasSize(Industry.values().length);
    // Every enterprise has a row; sizes are skewed: the largest holds several times the mean (100).
    List<Integer> sizes = inPeriod(result, "2025").stream().map(s -> s.counts().workersAccepted()).sorted().toList();
    assertThat(sizes.get(0)).isGreaterThanOrEqualTo(1);
    assertThat(sizes.get(sizes.size() - 1)).isGreaterThan(400);
    assertThat(sizes.get(sizes.size() / 2)).isLessThan(100);
    // One enterprise in 50 (here the 8th) writes Chinese headers and codes, and is accepted too.
    try (Stream<Path> files = Files.walk(out)) {
      long chinese = files.filter(p -> p.getFileName().toString().equals("workers.csv"))
          .filter(p -> firstLine(p).startsWith("工号,")).count();
      assertThat(chinese).isEqualTo(PERIODS.size());
    }
    for (SubmissionResult s : all) {
      Map<String, Long> f = s.enterprise().counts();
      assertThat(f.get("achievements_converted")).isLessThanOrEqualTo(f.get("innovation_achievements"));
      assertThat(f.get("proposals_adopted")).isLessThanOrEqualTo(f.get("rationalization_proposals"));
    }
    assertRealisticRows(withWorkers(inPeriod(result, "2025")), LocalDate.of(2025, 12, 31));
  }

  /** The submissions read again keeping their accepted workers (validate counts them, keeps none). */
  private static List<SubmissionResult> withWorkers(List<SubmissionResult> submissions) throws IOException {
    org.apache.hadoop.fs.FileSystem fs = org.apache.hadoop.fs.FileSystem.getLocal(new org.apache.hadoop.conf.Configuration());
    return submissions.stream().map(s -> cn.changai.jobs.ingest.SubmissionReader.read(fs, s.ref(), null)).toList();
  }

  /** Groups have no parent, subsidiaries hang under groups and branches under subsidiaries. */
  private static void assertThreeLevelTree(List<SubmissionResult> submissions) {
    Map<String, EnterpriseRecord> byId = new TreeMap<>();
    submissions.forEach(s -> byId.put(s.enterprise().enterpriseId(), s.enterprise()));
    int deepest = 0;
    for (EnterpriseRecord e : byId.values()) {
      int depth = 1;
      for (EnterpriseRecord at = e; at.parentId() != null; at = byId.get(at.parentId())) {
        assertThat(byId).as("parent of " + at.enterpriseId()).containsKey(at.parentId());
        String parentLevel = byId.get(at.parentId()).level();
        assertThat(parentLevel).isEqualTo(at.level().equals("branch") ? "subsidiary" : "group");
        depth++;
      }
      assertThat(depth).isEqualTo(switch (e.level()) {
        case "group" -> 1;
        case "subsidiary" -> 2;
        default -> 3;
      });
      deepest = Math.max(deepest, depth);
    }
    assertThat(deepest).isEqualTo(3);
  }

  /** The shapes the help promises, loosely: a seeded run of 3,000 rows, checked by hand-set bounds. */
  private static void assertRealisticRows(List<SubmissionResult> submissions, LocalDate end) {
    List<WorkerRecord> rows = submissions.stream().flatMap(s -> s.workers().stream()).toList();
    LocalDate threeYears = end.minusYears(3);
    List<WorkerRecord> recent = rows.stream().filter(w -> w.hireDate().isAfter(threeYears)).toList();
    assertThat(recent.size() / (double) rows.size()).isBetween(0.17, 0.23);
    assertThat(rows.stream().allMatch(w -> !w.hireDate().isBefore(end.minusYears(35)))).isTrue();
    long mentored = recent.stream().filter(w -> w.mentorId() != null).count();
    assertThat(mentored / (double) recent.size()).isGreaterThan(0.5);
    double party = rows.stream().filter(WorkerRecord::partyMember).count() / (double) rows.size();
    assertThat(party).isBetween(0.10, 0.35);
    Map<String, Long> skills = rows.stream().collect(Collectors.groupingBy(WorkerRecord::skillLevel, Collectors.counting()));
    assertThat(skills.getOrDefault(SkillLevel.CHIEF_TECHNICIAN.code(), 0L))
        .isLessThan(skills.get(SkillLevel.TECHNICIAN.code()))
        .isLessThan(skills.get(SkillLevel.SENIOR.code()));
    long blankWages = rows.stream().filter(w -> w.annualWageYuan() == null).count();
    assertThat(blankWages / (double) rows.size()).isBetween(0.01, 0.03);
    double juniorPay = meanWage(rows, SkillLevel.JUNIOR);
    assertThat(meanWage(rows, SkillLevel.SENIOR)).isGreaterThan(juniorPay);
    assertThat(meanWage(rows, SkillLevel.SENIOR_TECHNICIAN)).isGreaterThan(meanWage(rows, SkillLevel.SENIOR));
    long honoured = rows.stream().filter(w -> !w.honours().isEmpty()).count();
    assertThat(honoured).isPositive().isLessThan(rows.size() / 20);
    long inStudios = rows.stream().filter(w -> w.studioId() != null).count();
    assertThat(inStudios).isPositive();
    long withStudios = submissions.stream().filter(s -> s.studios().stream().anyMatch(x -> x.type().equals("model_worker")))
        .count();
    assertThat(withStudios / (double) submissions.size()).isBetween(0.4, 0.8);
  }

  private static double meanWage(List<WorkerRecord> rows, SkillLevel level) {
    return rows.stream().filter(w -> w.industrialWorker() && w.skillLevel().equals(level.code()) && w.annualWageYuan() != null)
        .mapToDouble(w -> w.annualWageYuan().doubleValue()).average().orElseThrow();
  }

  @Test
  void rejectedRowsReconcileWithTheGeneratorsCounts() throws IOException {
    Path out = temp.resolve("dirty");
    GenerateSummary summary = generate(out, ENTERPRISES, WORKERS, PERIODS, 0.02, 11, 2);
    IngestResult result = ValidateJob.run(out.toString(), Set.of());
    assertThat(result.rejected()).as("no submission rejected whole").isZero();

    JsonNode saved = new ObjectMapper().readTree(out.resolve(GenerateSummary.FILE).toFile());
    for (String period : PERIODS) {
      List<SubmissionResult> submissions = inPeriod(result, period);
      Map<String, Long> rejectedByReason = new TreeMap<>();
      for (SubmissionResult s : submissions) {
        s.counts().reasons().forEach((code, n) -> {
          if (ReasonCode.valueOf(code).scope() == ReasonCode.Scope.ROW) {
            rejectedByReason.merge(code, (long) n, Long::sum);
          }
        });
      }
      GenerateSummary.PeriodCounts expected = summary.periods().get(period);
      assertThat(rejectedByReason).isEqualTo(nonZero(expected.rejectedRows()));
      long rejected = submissions.stream().mapToLong(s -> s.counts().workersRejected()).sum();
      long accepted = submissions.stream().mapToLong(s -> s.counts().workersAccepted()).sum();
      assertThat(rejected).isEqualTo(expected.rejected());
      assertThat(accepted).isEqualTo(WORKERS - expected.rejected());
      // Links are only ever made to rows ingest accepts: the faults cause no warnings.
      assertThat(submissions.stream().mapToLong(s -> s.counts().warnings()).sum()).isZero();
      // The same counts are in generate-summary.json for a benchmark to read.
      JsonNode savedPeriod = saved.get("periods").get(period);
      assertThat(savedPeriod.get("rejected_rows_total").asLong()).isEqualTo(rejected);
      assertThat(savedPeriod.get("accepted_rows").asLong()).isEqualTo(accepted);
      expected.rejectedRows().forEach((code, n) -> assertThat(savedPeriod.get("rejected_rows").get(code).asLong()).isEqualTo(n));
    }
    GenerateSummary.PeriodCounts total = summary.total();
    // About 2% of 6,000 rows carry a fault, of every kind; a duplicate costs its twin too.
    assertThat(total.faulty()).isBetween(80L, 160L);
    assertThat(total.faultyRows().values()).allMatch(n -> n > 0);
    assertThat(total.rejected()).isEqualTo(total.faulty() + total.faultyRows().get("DUPLICATE_ID"));
    assertThat(summary.format()).contains("rejected rows  " + String.format("%,d", total.rejected()) + " expected from ingest");
  }

  private static Map<String, Long> nonZero(Map<String, Long> counts) {
    return counts.entrySet().stream().filter(e -> e.getValue() > 0)
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, Long::sum, TreeMap::new));
  }

  @Test
  void theSameSeedGivesTheSameBytesAndAnotherSeedOthers() throws IOException {
    generate(temp.resolve("a"), 12, 800, PERIODS, 0.05, 42, 1);
    generate(temp.resolve("b"), 12, 800, PERIODS, 0.05, 42, 2);
    generate(temp.resolve("c"), 12, 800, PERIODS, 0.05, 43, 1);
    generate(temp.resolve("d"), 12, 800, List.of("2025"), 0.05, 42, 1);
    Map<String, String> a = hashes(temp.resolve("a"));
    assertThat(a).hasSize(1 + PERIODS.size() * 12 * 2 + (int) countStudioFiles(temp.resolve("a")));
    // Byte-identical whatever the number of threads, the summary file included.
    assertThat(hashes(temp.resolve("b"))).isEqualTo(a);
    // Another seed: other enterprises, other rows.
    Map<String, String> c = hashes(temp.resolve("c"));
    assertThat(c.keySet()).doesNotContainAnyElementsOf(a.keySet().stream().filter(k -> k.contains("/")).toList());
    assertThat(c.values()).doesNotContainAnyElementsOf(a.values());
    // A period's files do not depend on the other periods asked for.
    Map<String, String> d = hashes(temp.resolve("d"));
    d.remove(GenerateSummary.FILE);
    assertThat(a).containsAllEntriesOf(d);
    assertThat(d.keySet()).allMatch(k -> k.startsWith("2025/"));
  }

  private static long countStudioFiles(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(p -> p.getFileName().toString().equals("studios.csv")).count();
    }
  }

  /** Relative path to SHA-256 of every file under the root. */
  private static Map<String, String> hashes(Path root) throws IOException {
    Map<String, String> hashes = new TreeMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        byte[] digest = sha256(Files.readAllBytes(file));
        hashes.put(root.relativize(file).toString().replace('\\', '/'), HexFormat.of().formatHex(digest));
      }
    }
    return hashes;
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void theFirstAndLastYearsAndShortPeriodsAreValidToo() throws IOException {
    Path out = temp.resolve("edges");
    List<String> periods = List.of("2000", "2000Q1", "2099H2", "2099Q4");
    GenerateSummary summary = generate(out, 60, 3_000, periods, 0.05, 3, 1);
    IngestResult result = ValidateJob.run(out.toString(), Set.of());
    assertThat(result.rejected()).isZero();
    assertThat(result.submissions()).hasSize(60 * periods.size());
    long rejected = result.submissions().stream().mapToLong(s -> s.counts().workersRejected()).sum();
    assertThat(rejected).isEqualTo(summary.total().rejected()).isPositive();
    assertThat(result.submissions().stream().mapToLong(s -> s.counts().warnings()).sum()).isZero();
  }

  @Test
  void theLayoutSharesTheRowsOutExactly() {
    for (long[] nm : new long[][] {{1, 1}, {1, 500}, {2, 2}, {3, 3}, {25, 25}, {37, 1_000}, {2_000, 1_000_000}, {999, 1_003}}) {
      int n = (int) nm[0];
      EnterpriseLayout layout = EnterpriseLayout.of(n, nm[1], 5);
      long sum = 0;
      Set<String> ids = new java.util.HashSet<>();
      for (int e = 0; e < n; e++) {
        assertThat(layout.size(e)).isPositive();
        sum += layout.size(e);
        assertThat(cn.changai.domain.CreditCode.isValidCreditCode(layout.id(e))).as(layout.id(e)).isTrue();
        ids.add(layout.id(e));
        if (layout.parent(e) >= 0) {
          assertThat(layout.parent(e)).isLessThan(e);
        }
      }
      assertThat(sum).as("rows of %d enterprises", n).isEqualTo(nm[1]);
      assertThat(ids).as("distinct codes").hasSize(n);
      assertThat(layout.groups).isEqualTo((int) Math.max(1, Math.round(n / 25.0)));
      assertThat(layout.depth()).isEqualTo(Math.min(n, 3));
    }
  }

  private static List<SubmissionResult> inPeriod(IngestResult result, String period) {
    return result.submissions().stream().filter(s -> s.ref().period().equals(period)).toList();
  }

  private static String firstLine(Path file) {
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      return text.substring(0, text.indexOf('\n'));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
