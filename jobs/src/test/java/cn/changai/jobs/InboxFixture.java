package cn.changai.jobs;

import cn.changai.domain.CreditCode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Builds inboxes for tests ({@code <inbox>/<period>/<enterprise_id>/...}) in a temporary folder:
 * enterprise.json from a valid template, workers.csv and studios.csv from given lines in UTF-8,
 * UTF-8 with BOM or GB18030, plus symbolic links and named pipes.
 */
public final class InboxFixture {

  /** Enterprise ids for fixtures: 17 characters of the alphabet and their check character. */
  public static final String ID_A = creditCode("91310000AB0000001");
  public static final String ID_B = creditCode("91310000AB0000002");
  public static final String ID_C = creditCode("91310000AB0000003");
  /** The contract's example id, checked by hand in CreditCodeTest. */
  public static final String ID_GROUP = "91310000MA1FL0XX2F";

  public static final String WORKERS_HEADER =
      "worker_id,industrial_worker,frontline,party_member,party_joined,skill_level,birth_year,gender,"
          + "hire_date,annual_wage_yuan,training_hours,mentor_id,honours,mass_org_post,health_check,"
          + "recuperation,studio_id";
  public static final String WORKERS_HEADER_ZH =
      "工号,是否产业工人,是否一线,是否党员,入党日期,技能等级,出生年份,性别,入职日期,年收入,培训学时,师傅工号,荣誉,"
          + "群团挂兼职,年度体检,疗休养,所属工作室";
  public static final String STUDIOS_HEADER =
      "studio_id,type,level,established,leader_id,achievements,achievements_converted,funding_wan_yuan";
  public static final String STUDIOS_HEADER_ZH = "工作室编号,类型,级别,成立日期,领衔人工号,成果数,转化成果数,经费万元";

  /** The byte encodings a CSV file can be written in. */
  public enum Encoding {
    UTF8,
    UTF8_BOM,
    GB18030
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path root;

  public InboxFixture(Path root) {
    this.root = root;
    mkdirs(root);
  }

  public Path root() {
    return root;
  }

  /** The id of 17 characters followed by its check character. */
  public static String creditCode(String first17) {
    return first17 + CreditCode.checkCharacter(first17);
  }

  /** A submission folder, created empty. */
  public Submission submission(String period, String enterpriseId) {
    Path dir = root.resolve(period).resolve(enterpriseId);
    mkdirs(dir);
    return new Submission(dir);
  }

  /**
   * A complete valid submission: the template enterprise.json and the given worker rows (without
   * header) in UTF-8; no studios.csv.
   */
  public Submission valid(String period, String enterpriseId, String... workerRows) {
    return submission(period, enterpriseId).enterprise(enterprise(period, enterpriseId)).workers(workerRows);
  }

  /**
   * A valid enterprise.json as a tree to change: a group of the given period and id, submitted
   * 2026-01-10T09:30:00+08:00, with every figure of the contract's example.
   */
  public static ObjectNode enterprise(String period, String enterpriseId) {
    ObjectNode node = JSON.createObjectNode();
    node.put("schema_version", 1);
    node.put("period", period);
    node.put("enterprise_id", enterpriseId);
    node.put("name", "上海示例电子集团有限公司");
    node.putNull("parent_id");
    node.put("level", "group");
    node.put("industry", "integrated_circuits");
    node.put("district", "浦东新区");
    node.put("submitted_at", "2026-01-10T09:30:00+08:00");
    ObjectNode figures = node.putObject("figures");
    figures.put("ideology_participants", 3400);
    figures.put("school_partnerships", 3);
    figures.put("order_class_trainees", 120);
    figures.put("competition_participants", 800);
    figures.put("innovation_achievements", 40);
    figures.put("achievements_converted", 12);
    figures.put("rationalization_proposals", 300);
    figures.put("proposals_adopted", 120);
    figures.put("frontline_party_meeting_attendances", 6);
    figures.put("congress_levels_required", 3);
    figures.put("congress_levels_established", 3);
    figures.put("employee_directors", 1);
    figures.put("employee_supervisors", 1);
    figures.put("dedicated_reform_staff", 2);
    figures.put("reform_in_party_assessment", true);
    figures.put("innovation_funding_wan_yuan", 150.0);
    return node;
  }

  /** A subsidiary of {@link #ID_GROUP} instead of a group. */
  public static ObjectNode subsidiary(String period, String enterpriseId) {
    ObjectNode node = enterprise(period, enterpriseId);
    node.put("level", "subsidiary");
    node.put("parent_id", ID_GROUP);
    ((ObjectNode) node.get("figures")).put("congress_levels_required", 2).put("congress_levels_established", 2);
    return node;
  }

  /** The lines joined with the separator (and one at the end), encoded. */
  public static byte[] encode(Encoding encoding, String lineBreak, String... lines) {
    String text = String.join(lineBreak, lines) + lineBreak;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    switch (encoding) {
      case UTF8 -> out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
      case UTF8_BOM -> {
        out.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
      }
      case GB18030 -> out.writeBytes(text.getBytes(Charset.forName("GB18030")));
      default -> throw new IllegalArgumentException();
    }
    return out.toByteArray();
  }

  /** Makes a named pipe with {@code mkfifo}; false when the tool is missing or fails. */
  public static boolean mkfifo(Path path) {
    try {
      Process process = new ProcessBuilder("mkfifo", path.toString()).redirectErrorStream(true).start();
      process.getInputStream().readAllBytes();
      return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0 && Files.exists(path);
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** One submission folder and its files. */
  public static final class Submission {
    private final Path dir;

    Submission(Path dir) {
      this.dir = dir;
    }

    public Path dir() {
      return dir;
    }

    public String period() {
      return dir.getParent().getFileName().toString();
    }

    public String enterpriseId() {
      return dir.getFileName().toString();
    }

    public Submission enterprise(ObjectNode json) {
      try {
        return file("enterprise.json", JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(json));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** enterprise.json with exactly this text (UTF-8). */
    public Submission enterpriseText(String text) {
      return file("enterprise.json", text.getBytes(StandardCharsets.UTF_8));
    }

    /** workers.csv: the English header, then the rows, in UTF-8 with LF. */
    public Submission workers(String... rows) {
      return workersLines(prepend(WORKERS_HEADER, rows));
    }

    /** workers.csv with exactly these lines (header included), in UTF-8 with LF. */
    public Submission workersLines(String... lines) {
      return file("workers.csv", encode(Encoding.UTF8, "\n", lines));
    }

    /** studios.csv: the English header, then the rows, in UTF-8 with LF. */
    public Submission studios(String... rows) {
      return studiosLines(prepend(STUDIOS_HEADER, rows));
    }

    public Submission studiosLines(String... lines) {
      return file("studios.csv", encode(Encoding.UTF8, "\n", lines));
    }

    public Submission file(String name, byte[] bytes) {
      try {
        Files.write(dir.resolve(name), bytes);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return this;
    }

    public Submission text(String name, String text) {
      return file(name, text.getBytes(StandardCharsets.UTF_8));
    }

    public Submission delete(String name) {
      try {
        Files.deleteIfExists(dir.resolve(name));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return this;
    }

    public Submission symlink(String name, Path target) {
      try {
        Files.createSymbolicLink(dir.resolve(name), target);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return this;
    }

    private static String[] prepend(String header, String... rows) {
      String[] lines = new String[rows.length + 1];
      lines[0] = header;
      System.arraycopy(rows, 0, lines, 1, rows.length);
      return lines;
    }
  }

  /**
   * A row of workers.csv, valid unless changed: an industrial front-line worker, not a party
   * member, junior, born 1990, male, hired 2015-03-01, wage 80000, 12 training hours, no links or
   * honours, health check Y.
   */
  public static final class WorkerRow {
    private static final List<String> COLUMNS = List.of(WORKERS_HEADER.split(","));
    private final Map<String, String> values = new LinkedHashMap<>();

    private WorkerRow(String workerId) {
      values.put("worker_id", workerId);
      values.put("industrial_worker", "Y");
      values.put("frontline", "Y");
      values.put("party_member", "N");
      values.put("party_joined", "");
      values.put("skill_level", "junior");
      values.put("birth_year", "1990");
      values.put("gender", "M");
      values.put("hire_date", "2015-03-01");
      values.put("annual_wage_yuan", "80000");
      values.put("training_hours", "12");
      values.put("mentor_id", "");
      values.put("honours", "");
      values.put("mass_org_post", "N");
      values.put("health_check", "Y");
      values.put("recuperation", "N");
      values.put("studio_id", "");
    }

    public static WorkerRow worker(String workerId) {
      return new WorkerRow(workerId);
    }

    public WorkerRow with(String column, String value) {
      if (!COLUMNS.contains(column)) {
        throw new IllegalArgumentException("no column " + column);
      }
      values.put(column, value);
      return this;
    }

    /** The row as a CSV line; values are written as given (quote them yourself if needed). */
    public String csv() {
      return String.join(",", values.values());
    }

    @Override
    public String toString() {
      return csv();
    }
  }

  /** A row of studios.csv, valid unless changed: a municipal model-worker studio. */
  public static final class StudioRow {
    private static final List<String> COLUMNS = List.of(STUDIOS_HEADER.split(","));
    private final Map<String, String> values = new LinkedHashMap<>();

    private StudioRow(String studioId) {
      values.put("studio_id", studioId);
      values.put("type", "model_worker");
      values.put("level", "municipal");
      values.put("established", "2020-05-01");
      values.put("leader_id", "");
      values.put("achievements", "5");
      values.put("achievements_converted", "2");
      values.put("funding_wan_yuan", "10.5");
    }

    public static StudioRow studio(String studioId) {
      return new StudioRow(studioId);
    }

    public StudioRow with(String column, String value) {
      if (!COLUMNS.contains(column)) {
        throw new IllegalArgumentException("no column " + column);
      }
      values.put(column, value);
      return this;
    }

    public String csv() {
      return String.join(",", values.values());
    }

    @Override
    public String toString() {
      return csv();
    }
  }

  private static void mkdirs(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
