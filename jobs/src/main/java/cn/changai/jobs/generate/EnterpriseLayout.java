package cn.changai.jobs.generate;

import cn.changai.domain.CreditCode;
import cn.changai.domain.EnterpriseLevel;
import cn.changai.domain.Industry;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The enterprises of a generated inbox, fixed before any file is written: each one's credit code,
 * place in the group tree (groups, subsidiaries under groups, branches under subsidiaries),
 * industry, district and roster size. A few bytes per enterprise; rosters are never held.
 *
 * <p>Sizes: every enterprise gets one row, and the remaining {@code workers - enterprises} rows
 * are shared out in proportion to log-normal weights (sigma 1.3, so the largest enterprise of
 * 2,000 holds a few percent of all rows and the median a third of the mean), times 2 for a
 * group's head office and 0.3 for a branch; the largest-remainder rule makes the sizes add up to
 * the total exactly.
 */
final class EnterpriseLayout {

  /** One group per this many enterprises, never fewer than one group. */
  static final int ENTERPRISES_PER_GROUP = 25;
  /** Log-normal sigma of the size weights. */
  static final double SIZE_SIGMA = 1.3;
  /** One enterprise in this many writes Chinese headers and code names. */
  static final int CHINESE_EVERY = 50;

  private static final EnterpriseLevel[] LEVELS = EnterpriseLevel.values();
  private static final Industry[] INDUSTRIES = Industry.values();

  /** Relative frequency of each industry code, in {@link Industry} order: skewed, none zero. */
  static final int[] INDUSTRY_WEIGHTS = {8, 7, 5, 10, 6, 9, 11, 7, 4, 5, 5, 1, 3, 2, 14, 3};

  /** Shanghai's districts and their administrative division codes (the 3rd to 8th characters). */
  static final String[][] DISTRICTS = {
    {"浦东新区", "310115"}, {"黄浦区", "310101"}, {"徐汇区", "310104"}, {"长宁区", "310105"},
    {"静安区", "310106"}, {"普陀区", "310107"}, {"虹口区", "310109"}, {"杨浦区", "310110"},
    {"闵行区", "310112"}, {"宝山区", "310113"}, {"嘉定区", "310114"}, {"金山区", "310116"},
    {"松江区", "310117"}, {"青浦区", "310118"}, {"奉贤区", "310120"}, {"崇明区", "310151"}};

  /** Relative frequency of each district: the industrial districts and the centre lead. */
  private static final int[] DISTRICT_WEIGHTS = {18, 7, 7, 4, 6, 4, 3, 5, 9, 7, 9, 4, 6, 3, 5, 3};

  private static final String[] BRAND_HEADS = {"华", "申", "浦", "东", "沪", "金", "宝", "新", "海", "联",
    "久", "长", "光", "明", "锦", "恒", "隆", "瑞", "汇", "嘉"};
  private static final String[] BRAND_TAILS = {"谊", "康", "江", "方", "峰", "星", "信", "达", "安", "泰",
    "通", "和", "力", "盛", "诚", "宇", "晟", "辰", "源", "鑫"};

  /** Words for a company's line of business, by industry. */
  private static final String[][] TRADE_WORDS = {
    {"微电子", "集成电路", "芯片技术"}, {"生物医药", "制药", "生物技术"}, {"人工智能", "智能科技", "智能算法"},
    {"电子", "信息技术", "软件"}, {"医疗器械", "健康服务", "医药流通"}, {"汽车", "汽车零部件", "汽车电子"},
    {"重型机械", "智能装备", "船舶配套"}, {"新材料", "化工材料", "特种钢材"}, {"服饰", "日用消费品", "食品"},
    {"数字科技", "数据服务", "云计算"}, {"新能源", "环保科技", "节能技术"}, {"数字内容", "元宇宙科技", "虚拟现实"},
    {"智能终端", "智能设备", "通信终端"}, {"未来科技", "量子科技", "空天技术"}, {"城市服务", "物业管理", "公交运营"},
    {"实业", "贸易", "投资"}};

  private static final long CODE_SPACE = 26_439_622_160_671L; // 31^9: the 9th to 17th characters

  final int count;
  final int groups;
  private final int[] parent;
  private final byte[] level;
  private final byte[] industry;
  private final byte[] district;
  private final int[] group;
  private final int[] rank;
  private final int[] size;
  private final long seed;
  private final long codeFactor;
  private final long codeOffset;

  private EnterpriseLayout(int count, long seed) {
    this.count = count;
    this.seed = seed;
    this.groups = Math.max(1, (int) Math.round(count / (double) ENTERPRISES_PER_GROUP));
    this.parent = new int[count];
    this.level = new byte[count];
    this.industry = new byte[count];
    this.district = new byte[count];
    this.group = new int[count];
    this.rank = new int[count];
    this.size = new int[count];
    long salt = Seeds.derive(Seeds.mix(seed), -1);
    // A multiplier prime to 31 makes index -> code a bijection: codes never collide.
    long factor = (Seeds.derive(salt, 1) >>> 24) | 1;
    while (factor % 31 == 0) {
      factor += 2;
    }
    this.codeFactor = factor;
    this.codeOffset = Math.floorMod(Seeds.derive(salt, 2), CODE_SPACE);
  }

  /** Lays out {@code enterprises} enterprises sharing {@code workers} rows a period. */
  static EnterpriseLayout of(int enterprises, long workers, long seed) {
    if (enterprises < 1 || workers < enterprises) {
      throw new IllegalArgumentException("need 1 <= enterprises <= workers, got " + enterprises + " and " + workers);
    }
    EnterpriseLayout layout = new EnterpriseLayout(enterprises, seed);
    SplittableRandom random = new SplittableRandom(Seeds.derive(Seeds.mix(seed), -2));
    layout.buildTree(random);
    layout.assignIndustries(random);
    layout.assignSizes(random, workers);
    return layout;
  }

  private void buildTree(SplittableRandom random) {
    double[] groupWeights = new double[groups];
    double total = 0;
    for (int g = 0; g < groups; g++) {
      groupWeights[g] = Math.exp(0.8 * random.nextGaussian());
      total += groupWeights[g];
    }
    int[] subsidiaries = new int[groups];
    // Per group, the subsidiaries seen so far, to hang branches under: a linked list through next[].
    int[] lastSubsidiary = new int[groups];
    int[] previousSubsidiary = new int[count];
    Arrays.fill(lastSubsidiary, -1);
    for (int e = 0; e < count; e++) {
      district[e] = (byte) pick(random, DISTRICT_WEIGHTS);
      if (e < groups) {
        level[e] = (byte) EnterpriseLevel.GROUP.ordinal();
        parent[e] = -1;
        group[e] = e;
        continue;
      }
      int g;
      boolean branch;
      if (e == groups) {
        g = 0;
        branch = false;
      } else if (e == groups + 1) {
        // The second non-group enterprise is a branch of the first: the tree is three levels deep.
        g = 0;
        branch = true;
      } else {
        g = pick(random, groupWeights, total);
        branch = subsidiaries[g] > 0 && random.nextDouble() < 0.45;
      }
      group[e] = g;
      if (branch) {
        // Under one of the group's subsidiaries, the later ones a little more often.
        int steps = random.nextInt(subsidiaries[g]);
        int s = lastSubsidiary[g];
        for (int i = 0; i < steps / 2; i++) {
          s = previousSubsidiary[s];
        }
        level[e] = (byte) EnterpriseLevel.BRANCH.ordinal();
        parent[e] = s;
      } else {
        level[e] = (byte) EnterpriseLevel.SUBSIDIARY.ordinal();
        parent[e] = g;
        previousSubsidiary[e] = lastSubsidiary[g];
        lastSubsidiary[g] = e;
        rank[e] = subsidiaries[g]++;
      }
    }
  }

  private void assignIndustries(SplittableRandom random) {
    for (int e = 0; e < count; e++) {
      int p = parent[e];
      double inherit = level[e] == EnterpriseLevel.BRANCH.ordinal() ? 0.85 : 0.5;
      industry[e] = (byte) (p >= 0 && random.nextDouble() < inherit ? industry[p] : pick(random, INDUSTRY_WEIGHTS));
    }
    if (count < INDUSTRIES.length) {
      return;
    }
    // Every code of the contract appears: a missing one takes over an enterprise of the commonest.
    int[] seen = new int[INDUSTRIES.length];
    for (int e = 0; e < count; e++) {
      seen[industry[e]]++;
    }
    for (int code = 0; code < INDUSTRIES.length; code++) {
      if (seen[code] > 0) {
        continue;
      }
      int commonest = 0;
      for (int c = 1; c < seen.length; c++) {
        if (seen[c] > seen[commonest]) {
          commonest = c;
        }
      }
      for (int e = count - 1; e >= 0; e--) {
        if (industry[e] == commonest) {
          industry[e] = (byte) code;
          seen[commonest]--;
          seen[code]++;
          break;
        }
      }
    }
  }

  private void assignSizes(SplittableRandom random, long workers) {
    double[] weight = new double[count];
    double total = 0;
    for (int e = 0; e < count; e++) {
      double factor = switch (LEVELS[level[e]]) {
        case GROUP -> 2.0;
        case SUBSIDIARY -> 1.0;
        case BRANCH -> 0.3;
      };
      weight[e] = Math.exp(SIZE_SIGMA * random.nextGaussian()) * factor;
      total += weight[e];
    }
    long extra = workers - count;
    long given = 0;
    long[] order = new long[count];
    for (int e = 0; e < count; e++) {
      double share = extra * (weight[e] / total);
      long whole = (long) Math.floor(share);
      size[e] = (int) (1 + whole);
      given += whole;
      // Sort key: the fraction left over (31 bits), then the lower index first.
      long fraction = (long) ((share - whole) * (1L << 31));
      order[e] = (Math.min(fraction, (1L << 31) - 1) << 32) | (0xFFFFFFFFL - e);
    }
    Arrays.sort(order);
    for (int i = 0; i < extra - given; i++) {
      int e = (int) (0xFFFFFFFFL - (order[count - 1 - i] & 0xFFFFFFFFL));
      size[e]++;
    }
  }

  /** An index drawn with chance proportional to its (non-negative, not all zero) weight. */
  static int pick(SplittableRandom random, int[] weights) {
    int sum = 0;
    for (int w : weights) {
      sum += w;
    }
    int x = random.nextInt(sum);
    for (int i = 0; ; i++) {
      x -= weights[i];
      if (x < 0) {
        return i;
      }
    }
  }

  private static int pick(SplittableRandom random, double[] weights, double total) {
    double x = random.nextDouble() * total;
    for (int i = 0; i < weights.length - 1; i++) {
      x -= weights[i];
      if (x < 0) {
        return i;
      }
    }
    return weights.length - 1;
  }

  // ------------------------------------------------------------------ per enterprise

  EnterpriseLevel level(int e) {
    return LEVELS[level[e]];
  }

  Industry industry(int e) {
    return INDUSTRIES[industry[e]];
  }

  /** The parent's index, or -1 for a group. */
  int parent(int e) {
    return parent[e];
  }

  int size(int e) {
    return size[e];
  }

  String district(int e) {
    return DISTRICTS[district[e]][0];
  }

  /** True for the enterprises (one in 50) whose files use Chinese headers and code names. */
  boolean chinese(int e) {
    return e % CHINESE_EVERY == 7 % CHINESE_EVERY;
  }

  /** The unified social credit code: 9 (registered by market regulation), 1 (company), district, serial, check. */
  String id(int e) {
    long serial = Math.floorMod(codeFactor * e + codeOffset, CODE_SPACE);
    char[] chars = new char[18];
    chars[0] = '9';
    chars[1] = '1';
    DISTRICTS[district[e]][1].getChars(0, 6, chars, 2);
    for (int i = 16; i >= 8; i--) {
      chars[i] = CreditCode.ALPHABET.charAt((int) (serial % 31));
      serial /= 31;
    }
    chars[17] = CreditCode.checkCharacter(new String(chars, 0, 17));
    return new String(chars);
  }

  /** A plausible Chinese company name: brand of the group, line of business, legal form. */
  String name(int e) {
    return switch (level(e)) {
      case GROUP -> "上海" + brand(e) + TRADE_WORDS[industry[e]][0] + "集团有限公司";
      case SUBSIDIARY -> "上海" + brand(group[e]) + (rank[e] >= 3 ? place(e) : "")
          + TRADE_WORDS[industry[e]][rank[e] % 3] + "有限公司";
      case BRANCH -> name(parent[e]) + place(e) + "分公司";
    };
  }

  /** The district's short name, as in 嘉定分公司. */
  private String place(int e) {
    return district(e).replace("新区", "").replace("区", "");
  }

  private String brand(int g) {
    int heads = BRAND_HEADS.length;
    int tails = BRAND_TAILS.length;
    String brand = BRAND_HEADS[g % heads] + BRAND_TAILS[(g / heads + g) % tails];
    return g < heads * tails ? brand : brand + (g / (heads * tails) + 1);
  }

  /** A per-enterprise trait in [0, 1), the same in every period. */
  double trait(int e, int which) {
    return Seeds.unit(Seeds.derive(Seeds.derive(Seeds.mix(seed), -3 - which), e));
  }

  /** Counts of groups, subsidiaries and branches. */
  int[] levelCounts() {
    int[] counts = new int[LEVELS.length];
    for (int e = 0; e < count; e++) {
      counts[level[e]]++;
    }
    return counts;
  }

  /** Depth of the tree: 1 with only groups, 3 once a branch exists. */
  int depth() {
    int depth = 0;
    for (int e = 0; e < count; e++) {
      depth = Math.max(depth, level[e] + 1);
    }
    return depth;
  }
}
