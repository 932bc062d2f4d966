package cn.changai.jobs.report;

import cn.changai.domain.Period;
import cn.changai.indicators.Part;
import cn.changai.indicators.score.Periods;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The indicator values and scores of every period the warehouse holds, reduced to what change
 * and trend need: per period, unit and indicator the value and its {@code low_base} flag, and per
 * period, ranking and unit the composite, part scores and rank. {@link #window} cuts from it what
 * one period's pages compare with.
 */
public final class History {

  /** An indicator value of one period; {@code suppressed} when it was {@code low_base}. */
  public record Point(Double value, boolean suppressed) {

    /** True when the value may be shown and compared. */
    public boolean usable() {
      return !suppressed && value != null && Double.isFinite(value);
    }
  }

  /** A unit's scores in one ranking of one period. */
  public record ScorePoint(Double composite, Double partA, Double partB, Double partC, Double partD, Integer rank) {

    /** The score of one part, A to D. */
    public Double part(Part part) {
      return switch (part) {
        case A -> partA;
        case B -> partB;
        case C -> partC;
        case D -> partD;
      };
    }
  }

  /** period -> level\0unit -> indicator -> point. */
  private final Map<String, Map<String, Map<String, Point>>> indicators = new HashMap<>();
  /** period -> scope\0level\0unit -> scores. */
  private final Map<String, Map<String, ScorePoint>> scores = new HashMap<>();

  /** period -> the scoring method of its published scores ({@code scores.method}). */
  private final Map<String, String> methods = new HashMap<>();

  /** period -> enterprise id -> its name in that period (the enterprises that had indicator rows). */
  private final Map<String, Map<String, String>> enterprises = new HashMap<>();

  /** period -> enterprise id -> the enterprise above it in that period (absent: none), as enterprises holds it. */
  private final Map<String, Map<String, String>> parents = new HashMap<>();

  /** A history with nothing in it: every change is unknown. */
  public static History empty() {
    return new History();
  }

  /** Adds one row of {@code indicator_values}. */
  public void addIndicator(String period, String level, String unitId, String indicatorId, Double value, boolean lowBase) {
    indicators.computeIfAbsent(period, p -> new HashMap<>()).computeIfAbsent(unit(level, unitId), u -> new HashMap<>())
        .put(indicatorId, new Point(value, lowBase));
  }

  /** Records that an enterprise had indicator values in a period, under that name. */
  public void addEnterprise(String period, String enterpriseId, String name) {
    enterprises.computeIfAbsent(period, p -> new HashMap<>()).putIfAbsent(enterpriseId, name);
  }

  /** Records the enterprise above one in a period ({@code parent_id} of {@code enterprises}; null: none). */
  public void addParent(String period, String enterpriseId, String parentId) {
    if (parentId != null) {
      parents.computeIfAbsent(period, p -> new HashMap<>()).put(enterpriseId, parentId);
    }
  }

  /** Adds one row of {@code scores}. */
  public void addScore(String period, String scope, String level, String unitId, ScorePoint point) {
    scores.computeIfAbsent(period, p -> new HashMap<>()).put(scope + '\u0000' + unit(level, unitId), point);
  }

  /** Records the method a period's published scores were computed with ({@code scores.method}). */
  public void addMethod(String period, String method) {
    if (method != null) {
      methods.putIfAbsent(period, method);
    }
  }

  /**
   * True when two {@code scores.method} texts score alike: the same normalisation, weights version,
   * outlier treatment and screening. The draws and seed only move the rank intervals.
   */
  static boolean sameScoring(String a, String b) {
    return scoring(a).equals(scoring(b));
  }

  private static String scoring(String method) {
    StringBuilder kept = new StringBuilder();
    for (String part : method.split(";")) {
      if (!part.startsWith("draws=") && !part.startsWith("seed=")) {
        kept.append(part).append(';');
      }
    }
    return kept.toString();
  }

  /** The periods that hold indicator values or scores. */
  public SortedSet<String> periods() {
    SortedSet<String> all = new TreeSet<>(History::byPeriod);
    all.addAll(indicators.keySet());
    all.addAll(scores.keySet());
    return all;
  }

  /**
   * What the pages of {@code period} compare with: the periods of the same kind up to and including
   * it that hold data, oldest first, and among them the previous one
   * ({@link Periods#previous}: 2025 after 2024, 2025H2 after 2025H1, 2025Q3 after 2025Q2).
   */
  public Window window(String period) {
    Period current = Period.parse(period).orElseThrow(() -> new IllegalArgumentException("not a period: " + period));
    SortedSet<String> held = periods();
    List<String> series = new ArrayList<>();
    for (String p : held) {
      Optional<Period> parsed = Period.parse(p);
      if (parsed.isPresent() && sameKind(parsed.get(), current) && parsed.get().compareTo(current) < 0) {
        series.add(p);
      }
    }
    series.add(period);
    String previous = Periods.previous(period, held).orElse(null);
    return new Window(period, previous, series);
  }

  /** The periods one period's pages compare with, and the values they held. */
  public final class Window {
    private final String period;
    private final String previous;
    private final List<String> periods;

    private Window(String period, String previous, List<String> periods) {
      this.period = period;
      this.previous = previous;
      this.periods = List.copyOf(periods);
    }

    /**
     * The previous period's enterprises below each one (parent id to the ids naming it), made on
     * first use (the workbook asks on a thread of its own).
     */
    private Map<String, List<String>> previousChildren;

    /** The period the pages are about. */
    public String period() {
      return period;
    }

    /** The previous period of the same kind that has data, or null for the first. */
    public String previous() {
      return previous;
    }

    /** The periods of the same kind up to this one, oldest first, this one last. */
    public List<String> periods() {
      return periods;
    }

    /**
     * The enterprises of the previous period (id to name, by id) that this period does not hold:
     * none when there is no previous period.
     */
    public java.util.SortedMap<String, String> previousEnterprisesNotIn(java.util.Set<String> here) {
      java.util.SortedMap<String, String> gone = new TreeMap<>();
      if (previous != null) {
        enterprises.getOrDefault(previous, Map.of()).forEach((id, name) -> {
          if (!here.contains(id)) {
            gone.put(id, name);
          }
        });
      }
      return gone;
    }

    /**
     * The enterprises that were under the given one in the previous period, at any depth (itself
     * aside), by id with their names then: the members its group had. None without a previous
     * period.
     */
    public java.util.SortedMap<String, String> previousMembersOf(String groupId) {
      java.util.SortedMap<String, String> members = new TreeMap<>();
      Map<String, String> names = enterprises.getOrDefault(previous, Map.of());
      if (previous == null || !names.containsKey(groupId)) {
        return members;
      }
      Map<String, List<String>> children = previousChildren();
      java.util.Set<String> seen = new java.util.HashSet<>(java.util.Set.of(groupId));
      java.util.ArrayDeque<String> queue = new java.util.ArrayDeque<>(List.of(groupId));
      while (!queue.isEmpty()) {
        for (String child : children.getOrDefault(queue.poll(), List.of())) {
          if (seen.add(child)) {
            members.put(child, names.get(child));
            queue.add(child);
          }
        }
      }
      return members;
    }

    /**
     * The enterprises of the previous period under each parent that had values then. An enterprise
     * whose parent had none is under nobody: compute made it its own root (a parent that did not
     * submit), so nothing above was its group then. Going down from a unit costs its subtree; each
     * enterprise recording itself under every unit above it cost the sum of all depths (50 million
     * entries for a chain 10,000 deep).
     */
    private synchronized Map<String, List<String>> previousChildren() {
      if (previousChildren == null) {
        Map<String, List<String>> children = new java.util.HashMap<>();
        Map<String, String> up = parents.getOrDefault(previous, Map.of());
        Map<String, String> names = enterprises.getOrDefault(previous, Map.of());
        for (String id : names.keySet()) {
          String above = up.get(id);
          if (above != null && names.containsKey(above)) {
            children.computeIfAbsent(above, a -> new ArrayList<>()).add(id);
          }
        }
        previousChildren = children;
      }
      return previousChildren;
    }

    /**
     * The periods of the window before this one whose published scores were computed with another
     * method than {@code method} ({@link #sameScoring}): their scores and ranks as published are not
     * on the footing of this period's rank change, which scores the previous period again with this
     * period's method. None when {@code method} is null.
     */
    public List<String> scoredOtherwise(String method) {
      List<String> other = new ArrayList<>();
      if (method != null) {
        for (String p : periods.subList(0, periods.size() - 1)) {
          String theirs = methods.get(p);
          if (theirs != null && !sameScoring(theirs, method)) {
            other.add(p);
          }
        }
      }
      return other;
    }

    /** A unit's indicator value in one period, or null when that period has no row for it. */
    public Point indicator(String period, String level, String unitId, String indicatorId) {
      return indicators.getOrDefault(period, Map.of()).getOrDefault(unit(level, unitId), Map.of()).get(indicatorId);
    }

    /** A unit's scores in one ranking of one period, or null when it was not in that ranking. */
    public ScorePoint score(String period, String scope, String level, String unitId) {
      return scores.getOrDefault(period, Map.of()).get(scope + '\u0000' + unit(level, unitId));
    }

    /** A unit's indicator value in each period of the window, oldest first (null where it had no row). */
    public List<Point> indicatorSeries(String level, String unitId, String indicatorId) {
      List<Point> out = new ArrayList<>(periods.size());
      for (String p : periods) {
        out.add(indicator(p, level, unitId, indicatorId));
      }
      return out;
    }

    /** A unit's scores in one ranking in each period of the window, oldest first (null where absent). */
    public List<ScorePoint> scoreSeries(String scope, String level, String unitId) {
      List<ScorePoint> out = new ArrayList<>(periods.size());
      for (String p : periods) {
        out.add(score(p, scope, level, unitId));
      }
      return out;
    }
  }

  /** The system is one unit whatever id it is stored under. */
  private static String unit(String level, String unitId) {
    return PeriodData.LEVEL_SYSTEM.equals(level) ? level : level + '\u0000' + unitId;
  }

  private static boolean sameKind(Period a, Period b) {
    return a.id().length() == b.id().length() && (a.id().length() == 4 || a.id().charAt(4) == b.id().charAt(4));
  }

  private static int byPeriod(String a, String b) {
    Optional<Period> pa = Period.parse(a);
    Optional<Period> pb = Period.parse(b);
    if (pa.isPresent() && pb.isPresent()) {
      return pa.get().compareTo(pb.get());
    }
    return pa.isPresent() ? -1 : pb.isPresent() ? 1 : a.compareTo(b);
  }
}
