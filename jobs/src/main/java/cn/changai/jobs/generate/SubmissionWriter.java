package cn.changai.jobs.generate;

import cn.changai.domain.EnterpriseLevel;
import cn.changai.domain.Honour;
import cn.changai.domain.Industry;
import cn.changai.domain.SkillLevel;
import cn.changai.domain.StudioLevel;
import cn.changai.domain.StudioType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.SplittableRandom;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Writes one enterprise's submission for one period: {@code workers.csv} row by row (nothing of the
 * roster is kept but a few counters), then {@code studios.csv} and {@code enterprise.json}, whose
 * figures agree with the roster just written.
 *
 * <p>Worker ids are given in order of hire ({@code W00000001} joined first), as many HR systems
 * do, so every earlier row is a longer-serving colleague: a new hire's mentor is drawn among the
 * earlier rows hired at least eight years before the period end, by row number alone.
 */
final class SubmissionWriter {

  /** What one submission holds, for the summary. */
  record Result(int enterprise, String period, int rows, int studios, long bytes, long[] faults) {}

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  /**
   * One write buffer per thread, reused from file to file: a fresh megabyte per file made the
   * garbage collector the bottleneck.
   */
  private static final ThreadLocal<byte[]> BUFFER = ThreadLocal.withInitial(() -> new byte[1 << 20]);

  /** Skill weights over {@link SkillLevel}: fewer at the top of the ladder. */
  private static final int[] SKILL_INDUSTRIAL = {6, 14, 24, 26, 15, 10, 3, 2};
  private static final int[] SKILL_OFFICE = {55, 10, 15, 12, 5, 3, 0, 0};
  /** Annual pay of an industrial worker new to the job, by skill level, in yuan. */
  private static final int[] WAGE_BY_SKILL = {82_000, 90_000, 104_000, 125_000, 150_000, 185_000, 235_000, 285_000};
  /** Weights of the honours a worker may hold, in {@link Honour} order: the local ones commoner. */
  private static final int[] HONOUR_WEIGHTS = {5, 10, 15, 5, 20, 40};
  private static final int[] STUDIO_LEVEL_WEIGHTS = {5, 20, 35, 40};
  private static final String[] STUDIO_PREFIX = {"LM", "GJ", "SJ"};

  private static final int EIGHT_YEARS = (int) (8 * 365.25);
  private static final byte COMMA = ',';
  private static final byte NEWLINE = '\n';
  private static final byte W = 'W';
  private static final byte[] EMPTY = new byte[0];
  private static final byte[] HALF = {'.', '5'};
  /** workers.csv columns (0-based) that take a boolean, and that must not be blank. */
  private static final int[] BOOLEAN_COLUMNS = {1, 2, 3, 13, 14, 15};
  private static final int[] REQUIRED_COLUMNS = {0, 1, 2, 3, 5, 8};

  private final FileSystem fs;
  private final Path inbox;
  private final EnterpriseLayout layout;
  private final PeriodCalendar calendar;
  private final long seed;
  private final double dirtyRate;

  SubmissionWriter(FileSystem fs, Path inbox, EnterpriseLayout layout, PeriodCalendar calendar, long seed,
      double dirtyRate) {
    this.fs = fs;
    this.inbox = inbox;
    this.layout = layout;
    this.calendar = calendar;
    this.seed = seed;
    this.dirtyRate = dirtyRate;
  }

  /** The studios of a submission, decided before the roster so that rows can name them. */
  private static final class Studios {
    int count;
    final String[] id;
    final StudioType[] type;
    final StudioLevel[] level;
    final int[] leader;
    final int[] established;
    final int[] achievements;
    final int[] converted;
    final long[] fundingTenths;

    Studios(int max) {
      id = new String[max];
      type = new StudioType[max];
      level = new StudioLevel[max];
      leader = new int[max];
      established = new int[max];
      achievements = new int[max];
      converted = new int[max];
      fundingTenths = new long[max];
    }

    int achievementsTotal() {
      int sum = 0;
      for (int s = 0; s < count; s++) {
        sum += achievements[s];
      }
      return sum;
    }

    int convertedTotal() {
      int sum = 0;
      for (int s = 0; s < count; s++) {
        sum += converted[s];
      }
      return sum;
    }

    long fundingTenthsTotal() {
      long sum = 0;
      for (int s = 0; s < count; s++) {
        sum += fundingTenths[s];
      }
      return sum;
    }
  }

  /** Counters of the roster that enterprise.json's figures are drawn from. */
  private static final class Roster {
    int industrial;
    int frontline;
    int recentHires;
  }

  /** Writes the submission of enterprise {@code e} and says what it holds. */
  Result write(int e) throws IOException {
    String period = calendar.period.id();
    SplittableRandom random = Seeds.random(seed, e, period);
    long faultSeed = Seeds.derive(Seeds.submission(seed, e, period), -1);
    int rows = layout.size(e);
    RowFault.Plan faults = new RowFault.Plan(faultSeed, dirtyRate, rows);
    Vocabulary words = layout.chinese(e) ? Vocabulary.CHINESE : Vocabulary.ENGLISH;
    String id = layout.id(e);
    Path folder = new Path(new Path(inbox, period), id);

    Studios studios = planStudios(random, rows, faults);
    long[] faultCounts = new long[RowFault.values().length];
    Roster roster = new Roster();
    ByteSink workers = new ByteSink(create(new Path(folder, "workers.csv")), BUFFER.get());
    try {
      writeWorkers(workers, e, random, rows, faults, words, studios, faultCounts, roster);
    } finally {
      workers.close();
    }
    long bytes = workers.bytes();
    if (studios.count > 0) {
      ByteSink sink = new ByteSink(create(new Path(folder, "studios.csv")), BUFFER.get());
      try {
        writeStudios(sink, words, studios, rows);
      } finally {
        sink.close();
      }
      bytes += sink.bytes();
    }
    byte[] json = enterpriseJson(e, id, random, roster, studios);
    try (OutputStream out = create(new Path(folder, "enterprise.json"))) {
      out.write(json);
    }
    bytes += json.length;
    return new Result(e, period, rows, studios.count, bytes, faultCounts);
  }

  private OutputStream create(Path file) throws IOException {
    return fs.create(file, false);
  }

  // ------------------------------------------------------------------ studios

  /**
   * Model-worker studios in about 60% of enterprises (more in large ones), craftsman studios in
   * about 35%, a chief-technician studio in 20%. Each is led by an early hire ingest will accept.
   */
  private Studios planStudios(SplittableRandom random, int rows, RowFault.Plan faults) {
    int[] wanted = {
      random.nextDouble() < 0.6 ? 1 + Math.min(8, rows / 3000) : 0,
      random.nextDouble() < 0.35 ? 1 + Math.min(4, rows / 5000) : 0,
      random.nextDouble() < 0.2 ? 1 : 0
    };
    Studios plan = new Studios(wanted[0] + wanted[1] + wanted[2]);
    int pool = Math.max(1, (int) (rows * 0.4));
    // Founded in the last 15 years, and not before 2005 unless the period itself is earlier.
    int firstYear = Math.min(calendar.year, Math.max(2005, calendar.year - 15));
    int earliest = Math.max(calendar.january1(firstYear), calendar.end - 3650);
    int latest = calendar.end - 30;
    for (int t = 0; t < wanted.length; t++) {
      for (int i = 0; i < wanted[t]; i++) {
        int leader = 0;
        for (int attempt = 0; attempt < 30 && leader == 0; attempt++) {
          int k = 1 + random.nextInt(pool);
          if (!faults.isRejected(k) && !contains(plan.leader, plan.count, k)) {
            leader = k;
          }
        }
        if (leader == 0) {
          continue; // too few acceptable early hires to lead it: no studio
        }
        StudioType type = StudioType.values()[t];
        StudioLevel level = StudioLevel.values()[EnterpriseLayout.pick(random, STUDIO_LEVEL_WEIGHTS)];
        int number = 1;
        for (int s = 0; s < plan.count; s++) {
          number += plan.type[s] == type ? 1 : 0;
        }
        plan.id[plan.count] = STUDIO_PREFIX[t] + (number < 10 ? "0" : "") + number;
        plan.type[plan.count] = type;
        plan.level[plan.count] = level;
        plan.leader[plan.count] = leader;
        plan.established[plan.count] = earliest < latest ? earliest + random.nextInt(latest - earliest + 1) : latest;
        int achievements = switch (type) {
          case MODEL_WORKER -> 2 + random.nextInt(9);
          case CRAFTSMAN -> 1 + random.nextInt(8);
          case CHIEF_TECHNICIAN -> 1 + random.nextInt(6);
        };
        plan.achievements[plan.count] = achievements;
        plan.converted[plan.count] = random.nextInt(achievements + 1);
        int[] range = switch (level) {
          case NATIONAL -> new int[] {400, 800};
          case MUNICIPAL -> new int[] {200, 500};
          case GROUP -> new int[] {100, 300};
          case ENTERPRISE -> new int[] {30, 150};
        };
        plan.fundingTenths[plan.count] = range[0] + random.nextInt(range[1] - range[0] + 1);
        plan.count++;
      }
    }
    return plan;
  }

  private static boolean contains(int[] values, int count, int value) {
    for (int i = 0; i < count; i++) {
      if (values[i] == value) {
        return true;
      }
    }
    return false;
  }

  /** The honours a studio's leader holds: a studio is named after its leader's title. */
  private static int leaderHonours(StudioType type, StudioLevel level, SplittableRandom random) {
    return switch (type) {
      case MODEL_WORKER -> switch (level) {
        case NATIONAL -> bit(Honour.NATIONAL_MODEL_WORKER) | (random.nextBoolean() ? bit(Honour.MAY1_MEDAL) : 0);
        case MUNICIPAL -> bit(Honour.MUNICIPAL_MODEL_WORKER);
        case GROUP, ENTERPRISE -> bit(Honour.GROUP_MODEL_WORKER);
      };
      case CRAFTSMAN -> level == StudioLevel.NATIONAL ? bit(Honour.NATIONAL_CRAFTSMAN) : bit(Honour.SHANGHAI_CRAFTSMAN);
      case CHIEF_TECHNICIAN -> 0;
    };
  }

  private static int bit(Honour honour) {
    return 1 << honour.ordinal();
  }

  private void writeStudios(ByteSink sink, Vocabulary words, Studios studios, int rows) throws IOException {
    int idWidth = idWidth(rows);
    sink.room(ByteSink.MAX_ROW);
    sink.put(words.studioHeader);
    sink.put(NEWLINE);
    for (int s = 0; s < studios.count; s++) {
      sink.room(ByteSink.MAX_ROW);
      sink.put(Vocabulary.bytes(studios.id[s]));
      sink.put(COMMA);
      sink.put(words.studioType[studios.type[s].ordinal()]);
      sink.put(COMMA);
      sink.put(words.studioLevel[studios.level[s].ordinal()]);
      sink.put(COMMA);
      calendar.put(sink, studios.established[s]);
      sink.put(COMMA);
      sink.put(W);
      sink.putPadded(studios.leader[s], idWidth);
      sink.put(COMMA);
      sink.putNumber(studios.achievements[s]);
      sink.put(COMMA);
      sink.putNumber(studios.converted[s]);
      sink.put(COMMA);
      putTenths(sink, studios.fundingTenths[s]);
      sink.put(NEWLINE);
    }
  }

  private static void putTenths(ByteSink sink, long tenths) {
    sink.putNumber(tenths / 10);
    sink.put((byte) '.');
    sink.put((byte) ('0' + tenths % 10));
  }

  private static int idWidth(int rows) {
    return Math.max(8, ByteSink.digits(rows));
  }

  // ------------------------------------------------------------------ workers

  private void writeWorkers(ByteSink sink, int e, SplittableRandom random, int rows, RowFault.Plan faults,
      Vocabulary words, Studios studios, long[] faultCounts, Roster roster) throws IOException {
    int end = calendar.end;
    int year = calendar.year;
    int idWidth = idWidth(rows);
    double partyRatio = 0.10 + 0.25 * layout.trait(e, 0);
    double industrialShare = industrialShare(layout.industry(e)) * (0.9 + 0.1 * layout.trait(e, 1));
    double wageFactor = wageFactor(layout.level(e)) * (0.9 + 0.3 * layout.trait(e, 2));
    double hoursFactor = calendar.yearFraction;
    // Studio leaders in row order, and how likely an industrial worker is a studio member.
    int[] leaderRow = new int[studios.count];
    int[] leaderStudio = new int[studios.count];
    sortLeaders(studios, leaderRow, leaderStudio);
    int members = 0;
    for (int s = 0; s < studios.count; s++) {
      members += Math.min(40, 4 + random.nextInt(9) + rows / 1000);
    }
    double memberChance = studios.count == 0 ? 0 : Math.min(0.5, members / Math.max(1.0, rows * industrialShare));
    int nextLeader = 0;
    byte[][] studioIds = new byte[studios.count][];
    for (int s = 0; s < studios.count; s++) {
      studioIds[s] = Vocabulary.bytes(studios.id[s]);
    }

    sink.room(ByteSink.MAX_ROW);
    sink.put(words.workerHeader);
    sink.put(NEWLINE);

    double quantile = 0;
    int longServing = 0;
    for (int k = 1; k <= rows; k++) {
      sink.room(ByteSink.MAX_ROW);
      // Hire dates in ascending order: the k-th smallest of `rows` uniforms, drawn one at a time.
      quantile = 1 - (1 - quantile) * Math.pow(random.nextDouble(), 1.0 / (rows - k + 1));
      int back = hireDaysBack(quantile);
      int hired = end - back;
      if (back >= EIGHT_YEARS) {
        longServing = k;
      }
      int studio = -1;
      boolean leader = nextLeader < leaderRow.length && leaderRow[nextLeader] == k;
      if (leader) {
        studio = leaderStudio[nextLeader++];
      }
      double tenure = back / 365.25;
      boolean industrial = leader || random.nextDouble() < industrialShare;
      boolean frontline = industrial && random.nextDouble() < 0.6;
      boolean party = random.nextDouble() < partyRatio;
      double u = random.nextDouble();
      int birthYear = Math.max(year - 60, Math.min(year - 16, calendar.yearOf(hired) - 18 - (int) (23 * u * u)));
      int joined = 0;
      if (party) {
        int from = Math.min(calendar.january1(birthYear + 18), end);
        joined = from + random.nextInt(end - from + 1);
      }
      int skill = Math.min(EnterpriseLayout.pick(random, industrial ? SKILL_INDUSTRIAL : SKILL_OFFICE), skillCap(tenure));
      int honours = 0;
      if (leader) {
        StudioType type = studios.type[studio];
        skill = Math.max(skill, type == StudioType.CHIEF_TECHNICIAN ? SkillLevel.CHIEF_TECHNICIAN.ordinal()
            : SkillLevel.TECHNICIAN.ordinal());
        honours = leaderHonours(type, studios.level[studio], random);
      } else if (industrial && skill >= SkillLevel.SENIOR.ordinal() && random.nextDouble() < 0.025) {
        honours = 1 << EnterpriseLayout.pick(random, HONOUR_WEIGHTS);
        if (random.nextDouble() < 0.1) {
          honours |= 1 << EnterpriseLayout.pick(random, HONOUR_WEIGHTS);
        }
      }
      double gross = industrial ? WAGE_BY_SKILL[skill] : 95_000 + 105_000 * random.nextDouble();
      long wage = Math.round(gross * (1 + 0.012 * tenure) * wageFactor * (0.88 + 0.24 * random.nextDouble()) / 100) * 100;
      boolean wageKnown = random.nextDouble() >= 0.02;
      double t = random.nextDouble();
      long halfHours = t < 0.03 ? -1 : t < 0.07 ? 0
          : Math.round((industrial ? 8 + 80 * random.nextDouble() : 40 * random.nextDouble()) * hoursFactor * 2);
      double g = random.nextDouble();
      int gender = g < 0.02 ? -1 : g < 0.67 ? 0 : 1;
      int mentor = 0;
      if (industrial && back <= calendar.recentDays && k > 1 && random.nextDouble() < 0.85) {
        int pool = longServing > 0 ? longServing : k - 1;
        for (int attempt = 0; attempt < 4 && mentor == 0; attempt++) {
          int j = 1 + random.nextInt(pool);
          mentor = faults.isRejected(j) ? 0 : j;
        }
      }
      int massOrg = optional(random, 0.03, frontline ? 0.14 : 0.06);
      int health = optional(random, 0.02, 0.93);
      int recuperation = optional(random, 0.03, 0.2);
      if (!leader && industrial && memberChance > 0 && random.nextDouble() < memberChance) {
        studio = random.nextInt(studios.count);
      }
      roster.industrial += industrial ? 1 : 0;
      roster.frontline += frontline ? 1 : 0;
      roster.recentHires += back <= calendar.recentDays ? 1 : 0;

      // One deliberate fault, if the plan says so: a column replaced, the rest of the row clean.
      int idNumber = k;
      int badColumn = -1;
      byte[] badValue = null;
      RowFault fault = faults.at(k);
      if (fault != null) {
        faultCounts[fault.ordinal()]++;
        long v = faults.variant(k);
        int pickOne = (int) ((v >>> 40) & 0xFFFF);
        switch (fault) {
          case BAD_BOOLEAN -> {
            badColumn = BOOLEAN_COLUMNS[pickOne % BOOLEAN_COLUMNS.length];
            badValue = words.badBoolean[(pickOne / 6) % words.badBoolean.length];
          }
          case BAD_DATE -> {
            badColumn = party && (pickOne & 1) == 0 ? 4 : 8;
            badValue = Vocabulary.BAD_DATES[(pickOne / 2) % Vocabulary.BAD_DATES.length];
          }
          case DATE_AFTER_PERIOD_END -> hired = end + 1 + pickOne % 90;
          case UNKNOWN_SKILL -> {
            badColumn = 5;
            badValue = words.badSkill[pickOne % words.badSkill.length];
          }
          case BLANK_REQUIRED -> {
            badColumn = REQUIRED_COLUMNS[pickOne % REQUIRED_COLUMNS.length];
            badValue = EMPTY;
          }
          case DUPLICATE_ID -> idNumber = k - 1;
          default -> throw new IllegalStateException(fault.name());
        }
      }

      // worker_id
      if (badColumn == 0) {
        sink.put(badValue);
      } else {
        sink.put(W);
        sink.putPadded(idNumber, idWidth);
      }
      sink.put(COMMA);
      putBool(sink, words, badColumn == 1 ? badValue : null, industrial);
      sink.put(COMMA);
      putBool(sink, words, badColumn == 2 ? badValue : null, frontline);
      sink.put(COMMA);
      putBool(sink, words, badColumn == 3 ? badValue : null, party);
      sink.put(COMMA);
      if (badColumn == 4) {
        sink.put(badValue);
      } else if (party) {
        calendar.put(sink, joined);
      }
      sink.put(COMMA);
      sink.put(badColumn == 5 ? badValue : words.skill[skill]);
      sink.put(COMMA);
      sink.putNumber(birthYear);
      sink.put(COMMA);
      if (gender >= 0) {
        sink.put(words.gender[gender]);
      }
      sink.put(COMMA);
      if (badColumn == 8) {
        sink.put(badValue);
      } else {
        calendar.put(sink, hired);
      }
      sink.put(COMMA);
      if (wageKnown) {
        sink.putNumber(wage);
      }
      sink.put(COMMA);
      if (halfHours >= 0) {
        sink.putNumber(halfHours / 2);
        if ((halfHours & 1) != 0) {
          sink.put(HALF);
        }
      }
      sink.put(COMMA);
      if (mentor > 0) {
        sink.put(W);
        sink.putPadded(mentor, idWidth);
      }
      sink.put(COMMA);
      if (honours != 0) {
        putHonours(sink, words, honours);
      }
      sink.put(COMMA);
      putOptionalBool(sink, words, badColumn == 13 ? badValue : null, massOrg);
      sink.put(COMMA);
      putOptionalBool(sink, words, badColumn == 14 ? badValue : null, health);
      sink.put(COMMA);
      putOptionalBool(sink, words, badColumn == 15 ? badValue : null, recuperation);
      sink.put(COMMA);
      if (studio >= 0) {
        sink.put(studioIds[studio]);
      }
      sink.put(NEWLINE);
    }
  }

  private static void sortLeaders(Studios studios, int[] row, int[] studio) {
    for (int s = 0; s < studios.count; s++) {
      int at = s;
      while (at > 0 && row[at - 1] > studios.leader[s]) {
        row[at] = row[at - 1];
        studio[at] = studio[at - 1];
        at--;
      }
      row[at] = studios.leader[s];
      studio[at] = s;
    }
  }

  private static void putBool(ByteSink sink, Vocabulary words, byte[] bad, boolean value) {
    sink.put(bad != null ? bad : words.bool(value));
  }

  /** -1 blank, 0 no, 1 yes. */
  private static void putOptionalBool(ByteSink sink, Vocabulary words, byte[] bad, int value) {
    if (bad != null) {
      sink.put(bad);
    } else if (value >= 0) {
      sink.put(words.bool(value == 1));
    }
  }

  private static void putHonours(ByteSink sink, Vocabulary words, int honours) {
    boolean first = true;
    for (int h = 0; h < words.honour.length; h++) {
      if ((honours & (1 << h)) != 0) {
        if (!first) {
          sink.put(words.honourSeparator);
        }
        sink.put(words.honour[h]);
        first = false;
      }
    }
  }

  /** A blank with probability {@code blank}, else yes with probability {@code yes}: -1, 0 or 1. */
  private static int optional(SplittableRandom random, double blank, double yes) {
    if (random.nextDouble() < blank) {
      return -1;
    }
    return random.nextDouble() < yes ? 1 : 0;
  }

  /**
   * Days between the period end and the hire date at a quantile of the hire dates: the top 20%
   * within the last three years, evenly; the rest over the 32 years before, denser towards the
   * recent end (a workforce that grew and renewed itself).
   */
  private int hireDaysBack(double quantile) {
    int recent = calendar.recentDays;
    if (quantile >= 0.8) {
      return (int) ((1 - quantile) / 0.2 * recent);
    }
    double older = Math.pow(1 - quantile / 0.8, 1.5);
    return recent + 1 + (int) (older * (calendar.hireSpan - recent - 1));
  }

  /** Certification takes time: nobody reaches technician within 5 years or chief technician within 15. */
  private static int skillCap(double tenure) {
    return tenure < 2 ? 2 : tenure < 5 ? 3 : tenure < 10 ? 5 : tenure < 15 ? 6 : 7;
  }

  private static double industrialShare(Industry industry) {
    return switch (industry) {
      case ARTIFICIAL_INTELLIGENCE, DIGITAL_ECONOMY, METAVERSE -> 0.55;
      case URBAN_SERVICES, FASHION_CONSUMER, OTHER -> 0.7;
      case BIOMEDICINE, LIFE_HEALTH, ELECTRONIC_INFORMATION, FUTURE_INDUSTRIES -> 0.8;
      default -> 0.9;
    };
  }

  /** Head offices pay a little more than branches. */
  private static double wageFactor(EnterpriseLevel level) {
    return switch (level) {
      case GROUP -> 1.1;
      case SUBSIDIARY -> 1.0;
      case BRANCH -> 0.92;
    };
  }

  // ------------------------------------------------------------------ enterprise.json

  private byte[] enterpriseJson(int e, String id, SplittableRandom random, Roster roster, Studios studios)
      throws IOException {
    EnterpriseLevel level = layout.level(e);
    boolean group = level == EnterpriseLevel.GROUP;
    boolean subsidiary = level == EnterpriseLevel.SUBSIDIARY;
    int workers = roster.industrial;
    ObjectNode root = JSON.createObjectNode();
    root.put("schema_version", 1);
    root.put("period", calendar.period.id());
    root.put("enterprise_id", id);
    root.put("name", layout.name(e));
    if (layout.parent(e) < 0) {
      root.putNull("parent_id");
    } else {
      root.put("parent_id", layout.id(layout.parent(e)));
    }
    root.put("level", level.code());
    root.put("industry", layout.industry(e).code());
    root.put("district", layout.district(e));
    root.put("submitted_at", submittedAt(random));
    ObjectNode f = root.putObject("figures");
    f.put("ideology_participants", Math.round(workers * (1.0 + 2.0 * random.nextDouble())));
    if (random.nextDouble() < 0.02) {
      f.putNull("school_partnerships"); // the enterprise did not know it this time
    } else {
      f.put("school_partnerships", group ? 2 + random.nextInt(5) : subsidiary ? random.nextInt(4) : 0);
    }
    f.put("order_class_trainees", Math.round(workers * 0.06 * random.nextDouble()));
    f.put("competition_participants", Math.round(workers * (0.15 + 0.35 * random.nextDouble())));
    // Studios' achievements and funding are part of the enterprise's totals.
    int studioAchievements = studios.achievementsTotal();
    int own = group ? 15 + random.nextInt(40) : subsidiary ? 2 + random.nextInt(20) : random.nextInt(3);
    int achievements = studioAchievements + own + roster.industrial / 500;
    f.put("innovation_achievements", achievements);
    f.put("achievements_converted", studios.convertedTotal() + random.nextInt((achievements - studioAchievements) / 2 + 1));
    long proposals = Math.round(workers * (0.2 + 0.8 * random.nextDouble()));
    f.put("rationalization_proposals", proposals);
    f.put("proposals_adopted", Math.round(proposals * (0.2 + 0.4 * random.nextDouble())));
    f.put("frontline_party_meeting_attendances", group ? 6 + random.nextInt(7) : subsidiary ? 2 + random.nextInt(7)
        : random.nextInt(3));
    int required = group ? 3 : subsidiary ? 2 : 1;
    f.put("congress_levels_required", required);
    f.put("congress_levels_established", random.nextDouble() < 0.1 ? required - 1 : required);
    f.put("employee_directors", group ? 1 + random.nextInt(2) : subsidiary ? random.nextInt(2) : 0);
    f.put("employee_supervisors", group ? 1 + random.nextInt(2) : subsidiary ? random.nextInt(2) : 0);
    f.put("dedicated_reform_staff", group ? 2 + random.nextInt(4) : subsidiary ? random.nextInt(3) : 0);
    f.put("reform_in_party_assessment", random.nextDouble() < 0.85);
    long ownFunding = group ? 600 + random.nextInt(1800) : subsidiary ? 50 + random.nextInt(550) : random.nextInt(50);
    f.put("innovation_funding_wan_yuan", BigDecimal.valueOf(studios.fundingTenthsTotal() + ownFunding, 1));
    return JSON.writeValueAsBytes(root);
  }

  /** A working-day morning or afternoon 5 to 24 days after the period end, Shanghai time. */
  private String submittedAt(SplittableRandom random) {
    LocalDate day = LocalDate.ofEpochDay(calendar.end + 5 + random.nextInt(20));
    int hour = 8 + random.nextInt(10);
    int minute = random.nextInt(60);
    int second = random.nextInt(60);
    return day + "T" + two(hour) + ":" + two(minute) + ":" + two(second) + "+08:00";
  }

  private static String two(int value) {
    return value < 10 ? "0" + value : Integer.toString(value);
  }
}
