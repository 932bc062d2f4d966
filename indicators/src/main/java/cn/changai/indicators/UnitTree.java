package cn.changai.indicators;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The parent links of one period's enterprises as a forest of any depth. A link to a parent that
 * did not submit for the period, and every link of a cycle, is cut: the enterprise becomes its own
 * root, and a {@link TreeWarning} says why.
 */
public final class UnitTree {

  private final Map<String, EnterpriseValues> byId = new LinkedHashMap<>();
  private final Map<String, String> parent = new HashMap<>();
  private final Map<String, List<String>> children = new TreeMap<>();
  private final List<TreeWarning> warnings = new ArrayList<>();

  /** Builds the tree of one period's enterprises (all of the same period). */
  public UnitTree(Collection<EnterpriseValues> enterprises) {
    List<EnterpriseValues> sorted = new ArrayList<>(enterprises);
    sorted.sort(Comparator.comparing(EnterpriseValues::enterpriseId));
    for (EnterpriseValues e : sorted) {
      if (byId.put(e.enterpriseId(), e) != null) {
        throw new IllegalArgumentException("enterprise " + e.enterpriseId() + " appears twice in period " + e.period());
      }
    }
    for (EnterpriseValues e : byId.values()) {
      String p = e.parentId();
      if (p == null) {
        continue;
      }
      if (!byId.containsKey(p)) {
        warnings.add(new TreeWarning(e.period(), e.enterpriseId(), TreeWarning.Problem.PARENT_MISSING, p,
            e.enterpriseId() + ": parent " + p + " did not submit for " + e.period() + "; treated as its own root"));
      } else {
        parent.put(e.enterpriseId(), p);
      }
    }
    cutCycles();
    for (Map.Entry<String, String> link : parent.entrySet()) {
      children.computeIfAbsent(link.getValue(), k -> new ArrayList<>()).add(link.getKey());
    }
    children.values().forEach(list -> list.sort(null));
  }

  /** Cuts the parent link of every enterprise that sits on a cycle, and reports each one. */
  private void cutCycles() {
    Set<String> done = new HashSet<>();
    List<List<String>> cycles = new ArrayList<>();
    for (String start : byId.keySet()) {
      List<String> path = new ArrayList<>();
      Map<String, Integer> onPath = new HashMap<>();
      String at = start;
      while (at != null && !done.contains(at)) {
        Integer seen = onPath.get(at);
        if (seen != null) {
          cycles.add(new ArrayList<>(path.subList(seen, path.size())));
          break;
        }
        onPath.put(at, path.size());
        path.add(at);
        at = parent.get(at);
      }
      done.addAll(path);
    }
    for (List<String> cycle : cycles) {
      String loop = loop(cycle);
      for (String id : cycle) {
        EnterpriseValues e = byId.get(id);
        warnings.add(new TreeWarning(e.period(), id, TreeWarning.Problem.CYCLE, e.parentId(),
            id + ": parent links run in a cycle (" + loop + "); treated as its own root"));
        parent.remove(id);
      }
    }
    warnings.sort(Comparator.comparing(TreeWarning::enterpriseId));
  }

  /** The most enterprises of a cycle its warnings name: each of its members gets one. */
  static final int CYCLE_SHOWN = 8;

  /**
   * A cycle as its warnings show it: {@code A → B → A}; past {@link #CYCLE_SHOWN} members, the
   * first of them and the count, so that the text does not grow with the cycle (each member's
   * warning spelling out a loop of 10,000 enterprises took gigabytes).
   */
  static String loop(List<String> cycle) {
    if (cycle.size() <= CYCLE_SHOWN) {
      List<String> shown = new ArrayList<>(cycle);
      shown.add(cycle.get(0));
      return String.join(" → ", shown);
    }
    return String.join(" → ", cycle.subList(0, CYCLE_SHOWN)) + " → … → " + cycle.get(0)
        + String.format(Locale.ROOT, ", %,d enterprises", cycle.size());
  }

  /** What was wrong with the parent links, one warning per enterprise treated as its own root. */
  public List<TreeWarning> warnings() {
    return List.copyOf(warnings);
  }

  /** The enterprise's root: itself when it has no (valid) parent. */
  public String root(String enterpriseId) {
    String at = enterpriseId;
    while (parent.containsKey(at)) {
      at = parent.get(at);
    }
    return at;
  }

  /** The enterprise and every descendant through parent links, the enterprise first, then by depth and id. */
  public List<EnterpriseValues> subtree(String enterpriseId) {
    List<EnterpriseValues> members = new ArrayList<>();
    Deque<String> queue = new ArrayDeque<>();
    queue.add(enterpriseId);
    while (!queue.isEmpty()) {
      String id = queue.removeFirst();
      members.add(byId.get(id));
      queue.addAll(children.getOrDefault(id, List.of()));
    }
    return members;
  }

  /**
   * The group units: every {@code level = group} enterprise that is a root, with its whole subtree.
   * (The contract gives groups no parent, so every group is a root.) Enterprises under a root that
   * is not a group, such as a subsidiary whose parent did not submit, belong to no group unit.
   */
  public List<Unit> groups() {
    List<Unit> groups = new ArrayList<>();
    for (EnterpriseValues e : byId.values()) {
      if (e.isGroup() && !parent.containsKey(e.enterpriseId())) {
        groups.add(new Unit(UnitLevel.GROUP, e.enterpriseId(), e.name(), subtree(e.enterpriseId())));
      }
    }
    return groups;
  }
}
