// MakeSampleData: writes the Changai sample inbox (see sample-data/README.md).
//
//   java scripts/MakeSampleData.java sample-data/inbox
//
// Single-file Java 17 program, JDK only. It deletes the target folder and regenerates it
// from fixed seeds, so every run writes byte-identical files. It prints the totals and
// the fault table it actually emitted; sample-data/README.md quotes that output, so rerun
// it and re-paste whenever this file changes.
import java.io.IOException;
import java.nio.charset.*;
import java.nio.file.*;
import java.time.*;
import java.time.format.DateTimeFormatter;
import java.util.*;
import java.util.function.Predicate;
import java.util.stream.Collectors;

public class MakeSampleData {
    static final long SEED = 20240607L;
    static final int[] YEARS = {2024, 2025};

    // GB 32100-2015 unified social credit code.
    static final String USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    static final int[] USCC_WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

    static final String[] SKILL = {"none", "junior", "intermediate", "senior", "technician",
            "senior_technician", "special_technician", "chief_technician"};
    static final String[] SKILL_ZH = {"无", "初级工", "中级工", "高级工", "技师", "高级技师", "特级技师", "首席技师"};
    // Weights over SKILL: fewer workers at the top of the ladder.
    static final int[] SKILL_W_INDUSTRIAL = {6, 14, 24, 26, 15, 10, 3, 2};
    static final int[] SKILL_W_OFFICE = {55, 10, 15, 12, 5, 3, 0, 0};
    static final int[] WAGE_BY_SKILL = {82_000, 90_000, 104_000, 125_000, 150_000, 185_000, 235_000, 285_000};
    static final String[] HONOURS = {"group_model_worker", "shanghai_craftsman", "municipal_model_worker",
            "may1_medal", "national_craftsman", "national_model_worker"};
    static final int[] HONOUR_W = {40, 20, 15, 10, 5, 5};
    /** Chinese names of the codes, as the contract lists them (used by the Chinese-style file). */
    static final Map<String, String> ZH = pairs("national_model_worker=全国劳动模范 may1_medal=全国五一劳动奖章 "
            + "municipal_model_worker=上海市劳动模范 national_craftsman=大国工匠 shanghai_craftsman=上海工匠 group_model_worker=集团劳模 "
            + "model_worker=劳模创新工作室 craftsman=工匠创新工作室 chief_technician=首席技师工作室 "
            + "national=全国 municipal=市级 group=集团级 enterprise=企业级 M=男 F=女");
    static final Map<String, String> STUDIO_TYPE = Map.of("LM", "model_worker", "GJ", "craftsman", "SJ", "chief_technician");

    static final String[] WORKER_COLS = ("worker_id,industrial_worker,frontline,party_member,party_joined,skill_level,"
            + "birth_year,gender,hire_date,annual_wage_yuan,training_hours,mentor_id,honours,mass_org_post,health_check,"
            + "recuperation,studio_id").split(",");
    static final String[] WORKER_COLS_ZH = ("工号,是否产业工人,是否一线,是否党员,入党日期,技能等级,出生年份,性别,入职日期,年收入,"
            + "培训学时,师傅工号,荣誉,群团挂兼职,年度体检,疗休养,所属工作室").split(",");
    static final String[] STUDIO_COLS = "studio_id,type,level,established,leader_id,achievements,achievements_converted,funding_wan_yuan".split(",");
    static final String[] STUDIO_COLS_ZH = "工作室编号,类型,级别,成立日期,领衔人工号,成果数,转化成果数,经费万元".split(",");

    /**
     * One enterprise. size = 2024 headcount (or first-period headcount), since = earliest hire year,
     * growPct = headcount growth into the next period, firstYear = first period it submits,
     * studios = "PREFIX:level" tokens (LM model_worker, GJ craftsman, SJ chief_technician); a leading
     * '+' marks a studio founded in a later period.
     */
    record Spec(String key, String name, String district, String level, String parent, String industry,
                int size, int since, int growPct, int firstYear, String studios) {}

    static final List<Spec> SPECS = List.of(
        new Spec("huayi", "上海华谊电子集团有限公司", "浦东新区", "group", null, "electronic_information", 360, 1995, 3, 2024, "LM:municipal GJ:group"),
        new Spec("huayi_ic", "上海华谊微电子有限公司", "浦东新区", "subsidiary", "huayi", "integrated_circuits", 220, 2003, 10, 2024, "LM:group SJ:enterprise"),
        new Spec("huayi_ic_jd", "上海华谊微电子有限公司嘉定分公司", "嘉定区", "branch", "huayi_ic", "integrated_circuits", 8, 2016, 0, 2024, ""),
        new Spec("huayi_term", "上海华谊智能终端有限公司", "闵行区", "subsidiary", "huayi", "smart_terminals", 170, 2008, 4, 2024, "GJ:enterprise"),
        new Spec("huayi_soft", "上海华谊软件有限公司", "徐汇区", "subsidiary", "huayi", "electronic_information", 120, 2010, 6, 2024, "+LM:enterprise"),
        new Spec("huayi_ai", "上海华谊人工智能科技有限公司", "徐汇区", "subsidiary", "huayi", "artificial_intelligence", 100, 2019, 0, 2025, ""),
        new Spec("shenkang", "上海申康生物医药集团有限公司", "静安区", "group", null, "biomedicine", 320, 1995, 3, 2024, "LM:national GJ:municipal"),
        new Spec("sk_pharma", "上海申康制药有限公司", "奉贤区", "subsidiary", "shenkang", "biomedicine", 200, 1998, 5, 2024, "LM:municipal SJ:group"),
        new Spec("sk_device", "上海申康医疗器械有限公司", "松江区", "subsidiary", "shenkang", "life_health", 140, 2006, 6, 2024, "GJ:enterprise"),
        new Spec("sk_health", "上海申康健康服务有限公司", "长宁区", "subsidiary", "shenkang", "life_health", 15, 2015, 0, 2024, ""),
        new Spec("pujiang", "上海浦江汽车装备集团有限公司", "嘉定区", "group", null, "automotive", 420, 1995, 2, 2024, "LM:national GJ:municipal SJ:group"),
        new Spec("pj_parts", "上海浦江汽车零部件有限公司", "嘉定区", "subsidiary", "pujiang", "automotive", 240, 1997, 5, 2024, "LM:group GJ:enterprise"),
        new Spec("pj_parts_at", "上海浦江汽车零部件有限公司安亭分公司", "嘉定区", "branch", "pj_parts", "automotive", 36, 2012, 0, 2025, ""),
        new Spec("pj_heavy", "上海浦江重型机械有限公司", "宝山区", "subsidiary", "pujiang", "high_end_equipment", 170, 1996, 3, 2024, "LM:municipal"),
        new Spec("pj_mat", "上海浦江新材料有限公司", "金山区", "subsidiary", "pujiang", "advanced_materials", 110, 2009, 8, 2024, "SJ:enterprise"),
        new Spec("pj_marine", "上海浦江船舶配套有限公司", "浦东新区", "subsidiary", "pujiang", "high_end_equipment", 130, 2000, 3, 2024, "LM:group"));

    // Submission-wide faults, by "key/year".
    static final String BAD_ID_KEY = "pj_parts_at";            // folder and JSON carry a wrong check character
    static final String BAD_INDUSTRY = "pj_marine/2024";       // industry "shipbuilding" is not a contract code
    static final String UNKNOWN_FIELD = "huayi_soft/2025";     // extra top-level "remark" in enterprise.json
    static final String IGNORED_FILE = "sk_health/2025";       // extra 说明.txt in the folder
    static final String NULL_FIGURES = "pj_mat/2025";          // two figures unknown (JSON null)
    // D02/D01 variety: units that have not set up every congress level, or whose party assessment
    // does not include the reform yet (most catch up in 2025).
    static final Set<String> CONGRESS_GAP = Set.of("huayi_term/2024", "sk_device/2024", "huayi_ic_jd/2024",
            "pj_mat/2024", "huayi_ic_jd/2025", "pj_mat/2025");
    static final Set<String> NOT_IN_ASSESSMENT = Set.of("huayi_soft/2024", "sk_health/2024", "huayi_ic_jd/2024",
            "pj_marine/2024", "sk_health/2025", "huayi_ic_jd/2025");

    enum Bools { YN, SHIFOU, TRUEFALSE, ONEZERO }

    /** How one enterprise's CSV files are written: Excel on Chinese Windows vs. an export script. */
    record Style(Charset charset, boolean bom, boolean chinese, Bools bools, boolean slashDates, String eol) {
        String note() {
            return (charset == StandardCharsets.UTF_8 ? (bom ? "UTF-8 with BOM" : "UTF-8") : "GB18030")
                    + (chinese ? ", Chinese headers and code names" : "") + ", booleans " + switch (bools) {
                        case YN -> "Y/N"; case SHIFOU -> "是/否"; case TRUEFALSE -> "true/false"; case ONEZERO -> "1/0"; }
                    + (slashDates ? ", dates yyyy/M/d" : "") + (eol.equals("\r\n") ? ", CRLF" : ", LF");
        }
    }

    static Style style(String key, int year) {
        Charset u8 = StandardCharsets.UTF_8;
        return switch (key + "/" + year) {
            case "sk_pharma/2025" -> new Style(Charset.forName("GB18030"), false, true, Bools.SHIFOU, false, "\r\n");
            case "pj_parts/2024" -> new Style(u8, true, false, Bools.YN, false, "\r\n");
            case "shenkang/2024" -> new Style(u8, false, false, Bools.SHIFOU, false, "\n");
            case "pj_heavy/2025" -> new Style(u8, false, false, Bools.TRUEFALSE, false, "\n");
            case "sk_device/2024" -> new Style(u8, false, false, Bools.ONEZERO, false, "\n");
            case "huayi_soft/2025" -> new Style(u8, false, false, Bools.YN, true, "\r\n");
            default -> new Style(u8, false, false, Bools.YN, false, "\n");
        };
    }

    static final class Worker {
        String id, gender, mentor, studio;
        boolean industrial, frontline, party, wageUnknown, mentorRolled;
        LocalDate partyJoined, hired;
        int skill, birthYear;
        double wage;
        Double training;                      // null = blank (counts as 0 hours)
        Boolean massOrg, health, recup;       // null = blank (counts as N)
        final List<String> honours = new ArrayList<>();
    }

    static final class Studio { String id, type, level, leader; LocalDate established; int ach, conv; double funding; }

    /** An enterprise's workforce, carried from one period to the next so 2025 grows out of 2024. */
    static final class Roster {
        final Spec spec;
        final List<Worker> ws = new ArrayList<>();
        final List<Studio> studios = new ArrayList<>();
        final List<String> leavers = new ArrayList<>();
        int nextNo = 1;
        Roster(Spec spec) { this.spec = spec; }
    }

    /** A CSV data row; reason != null marks a deliberate fault (a reject, or a warning if warning). */
    record Row(String[] f, String reason, String column, String what, boolean warning) {
        static Row clean(String[] f) { return new Row(f, null, null, null, false); }
    }

    record Fault(int year, String id, String file, String line, String column, String reason, String what, boolean warning) {}

    static final class Totals { int present, accepted, rejected, rows, rowsRejected, studios, warnings; }

    record Stat(int rows, int accepted, int industrial, int frontline, int studios, boolean ok, String note) {}

    static final List<Fault> FAULTS = new ArrayList<>();
    static final Map<String, Stat> STATS = new LinkedHashMap<>();

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: java scripts/MakeSampleData.java <inbox-folder>");
            System.exit(2);
        }
        Path inbox = Path.of(args[0]);
        wipe(inbox);
        Map<String, String> ids = makeIds();
        Map<String, Roster> rosters = new LinkedHashMap<>();
        Map<Integer, Totals> totals = new LinkedHashMap<>();
        for (int year : YEARS) {
            Totals t = new Totals();
            for (Spec s : SPECS) {
                if (year < s.firstYear()) continue;
                // One Random per enterprise and period: editing one enterprise leaves the others' files unchanged.
                Random rnd = new Random(SEED * 31 + year * 1_000_003L + s.key().hashCode());
                Roster r = rosters.computeIfAbsent(s.key(), k -> new Roster(s));
                if (r.ws.isEmpty()) populate(r, year, rnd); else evolve(r, year, rnd);
                for (Worker w : r.ws) annual(w, rnd);
                for (Studio st : r.studios) studioYear(st, rnd);
                writeSubmission(inbox, r, year, ids, rnd, t);
            }
            totals.put(year, t);
        }
        selfCheck(inbox, ids);
        report(ids, totals);
    }

    // ---------------------------------------------------------------- ids

    static char checkChar(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) sum += USCC_CHARS.indexOf(first17.charAt(i)) * USCC_WEIGHTS[i];
        int v = 31 - sum % 31;
        return USCC_CHARS.charAt(v == 31 ? 0 : v);
    }

    static boolean validUscc(String id) {
        return id.length() == 18 && id.chars().allMatch(c -> USCC_CHARS.indexOf(c) >= 0)
                && checkChar(id.substring(0, 17)) == id.charAt(17);
    }

    /** Explicit checks rather than `assert`: the source launcher runs with assertions disabled. */
    static void require(boolean ok, String message) {
        if (!ok) throw new IllegalStateException(message);
    }

    static Map<String, String> makeIds() {
        Random rnd = new Random(SEED);
        Map<String, String> ids = new LinkedHashMap<>();
        for (Spec s : SPECS) {
            StringBuilder b = new StringBuilder("91310000");   // 9 = enterprise, 1 = company, 310000 = Shanghai
            for (int i = 0; i < 9; i++) b.append(USCC_CHARS.charAt(rnd.nextInt(USCC_CHARS.length())));
            char check = checkChar(b.toString());
            String id = b.toString() + check;
            require(validUscc(id), "generated id does not validate: " + id);
            if (s.key().equals(BAD_ID_KEY)) {   // a typo in the last character, as a clerk might make
                id = b.toString() + USCC_CHARS.charAt((USCC_CHARS.indexOf(check) + 7) % 31);
                require(!validUscc(id), "corrupted id still validates: " + id);
            }
            require(!ids.containsValue(id), "duplicate id " + id);
            ids.put(s.key(), id);
        }
        return ids;
    }

    // ---------------------------------------------------------------- workforce

    static LocalDate between(Random rnd, LocalDate a, LocalDate b) {
        return a.plusDays(rnd.nextInt((int) (b.toEpochDay() - a.toEpochDay()) + 1));
    }

    static int pick(Random rnd, int[] weights) {
        int x = rnd.nextInt(Arrays.stream(weights).sum());
        for (int i = 0; ; i++) if ((x -= weights[i]) < 0) return i;
    }

    static double tenure(Worker w, LocalDate ref) { return (ref.toEpochDay() - w.hired.toEpochDay()) / 365.25; }

    /** "Hired within 3 years" as the indicator catalogue defines it (C07). */
    static boolean recent(Worker w, LocalDate ref) { return w.hired.isAfter(ref.minusYears(3)); }

    /** Certification takes time: nobody reaches technician within 5 years or chief technician within 15. */
    static int skillCap(double tenure) { return tenure < 2 ? 2 : tenure < 5 ? 3 : tenure < 10 ? 5 : tenure < 15 ? 6 : 7; }

    static double wageFor(Worker w, double tenure, Random rnd) {
        double base = w.industrial ? WAGE_BY_SKILL[w.skill] * (1 + 0.012 * tenure)
                : (95_000 + 105_000 * rnd.nextDouble()) * (1 + 0.012 * tenure);   // office staff
        return Math.round(base * (0.88 + 0.24 * rnd.nextDouble()) / 100) * 100.0;
    }

    static LocalDate joinDate(Random rnd, Worker w, int year, boolean inPeriod) {
        LocalDate start = LocalDate.of(year, 1, 1), adult = LocalDate.of(w.birthYear + 18, 7, 1);
        if (inPeriod || !adult.isBefore(start)) return between(rnd, adult.isAfter(start) ? adult : start, LocalDate.of(year, 12, 31));
        LocalDate from = adult.isAfter(LocalDate.of(1985, 1, 1)) ? adult : LocalDate.of(1985, 1, 1);
        return between(rnd, from.isBefore(start) ? from : start.minusDays(1), start.minusDays(1));
    }

    static Worker newWorker(Roster r, Random rnd, int year, boolean hiredThisYear) {
        LocalDate ref = LocalDate.of(year, 12, 31), recentFrom = ref.minusYears(3).plusDays(1);
        LocalDate since = LocalDate.of(r.spec.since(), 1, 1), thirty = ref.minusYears(30);
        LocalDate earliest = since.isAfter(thirty) ? since : thirty;
        Worker w = new Worker();
        w.id = String.format("E%04d", r.nextNo++);
        if (hiredThisYear) w.hired = between(rnd, LocalDate.of(year, 1, 1), ref);
        else if (rnd.nextDouble() < 0.2 || !earliest.isBefore(recentFrom)) w.hired = between(rnd, recentFrom, ref);
        else w.hired = between(rnd, earliest, recentFrom.minusDays(1));
        int ageAtHire = 18 + Math.min(22, (int) Math.abs(rnd.nextGaussian() * 6));
        w.birthYear = Math.max(w.hired.getYear() - ageAtHire, year - 60);   // nobody on the roster is past 60
        w.industrial = rnd.nextDouble() < 0.85;
        w.frontline = w.industrial && rnd.nextDouble() < 0.6;
        double ten = tenure(w, ref);
        w.skill = Math.min(pick(rnd, w.industrial ? SKILL_W_INDUSTRIAL : SKILL_W_OFFICE), skillCap(ten));
        w.wage = wageFor(w, ten, rnd);
        double g = rnd.nextDouble();
        w.gender = g < 0.02 ? null : g < 0.70 ? "M" : "F";
        if (rnd.nextDouble() < (w.industrial ? 0.12 + 0.008 * Math.min(ten, 20) : 0.35)) {
            w.party = true;
            w.partyJoined = joinDate(rnd, w, year, rnd.nextDouble() < 0.1);
        }
        if (w.industrial && w.skill >= 3 && rnd.nextDouble() < 0.025) w.honours.add(HONOURS[pick(rnd, HONOUR_W)]);
        return w;
    }

    /** The first period an enterprise submits: a fresh roster with its studios. */
    static void populate(Roster r, int year, Random rnd) {
        for (int i = 0; i < r.spec.size(); i++) r.ws.add(newWorker(r, rnd, year, false));
        assignMentors(r, year, rnd);
        addStudios(r, year, rnd, false);
    }

    /** A later period: some leave, the rest age a year (pay, skill, party), new hires fill up to the growth target. */
    static void evolve(Roster r, int year, Random rnd) {
        LocalDate ref = LocalDate.of(year, 12, 31);
        // Mentors and studio leaders stay, so no link in the file points at someone who left by accident.
        Set<String> keep = new HashSet<>();
        for (Worker w : r.ws) if (w.mentor != null) keep.add(w.mentor);
        for (Studio st : r.studios) keep.add(st.leader);
        if (r.spec.size() >= 20) {   // the tiny units keep their exact headcount (low-base test cases)
            for (Iterator<Worker> it = r.ws.iterator(); it.hasNext(); ) {
                Worker w = it.next();
                if (!keep.contains(w.id) && (year - w.birthYear > 60 || rnd.nextDouble() < 0.04)) {
                    r.leavers.add(w.id);
                    it.remove();
                }
            }
        }
        for (Worker w : r.ws) {
            w.wage = Math.round(w.wage * (1.02 + 0.04 * rnd.nextDouble()) / 100) * 100.0;
            if (rnd.nextDouble() < 0.06 && w.skill < skillCap(tenure(w, ref))) {
                w.skill++;
                w.wage = Math.max(w.wage, wageFor(w, tenure(w, ref), rnd));
            }
            if (w.industrial && !w.party && rnd.nextDouble() < 0.015) {
                w.party = true;
                w.partyJoined = joinDate(rnd, w, year, true);
            }
            if (w.industrial && w.skill >= 3 && w.honours.isEmpty() && rnd.nextDouble() < 0.003) w.honours.add("group_model_worker");
        }
        int target = (int) Math.round(r.spec.size() * (1 + r.spec.growPct() / 100.0));
        while (r.ws.size() < target) r.ws.add(newWorker(r, rnd, year, true));
        assignMentors(r, year, rnd);
        addStudios(r, year, rnd, true);
    }

    /** Most recent industrial hires get a mentor (师带徒): an experienced, certified industrial worker of the same enterprise. */
    static void assignMentors(Roster r, int year, Random rnd) {
        LocalDate ref = LocalDate.of(year, 12, 31);
        List<Worker> masters = r.ws.stream()
                .filter(w -> w.industrial && w.skill >= 3 && tenure(w, ref) >= 8).collect(Collectors.toList());
        for (Worker w : r.ws) {
            if (w.mentorRolled || !w.industrial || !recent(w, ref)) continue;
            w.mentorRolled = true;
            if (!masters.isEmpty() && rnd.nextDouble() < 0.85) w.mentor = masters.get(rnd.nextInt(masters.size())).id;
        }
    }

    static void addStudios(Roster r, int year, Random rnd, boolean later) {
        LocalDate ref = LocalDate.of(year, 12, 31);
        for (String tok : r.spec.studios().split(" ")) {
            if (tok.isEmpty() || tok.startsWith("+") != later) continue;
            String[] p = tok.replace("+", "").split(":");
            Studio st = new Studio();
            st.type = STUDIO_TYPE.get(p[0]);
            st.level = p[1];
            st.id = p[0] + String.format("%02d", 1 + r.studios.stream().filter(x -> x.id.startsWith(p[0])).count());
            st.established = later ? between(rnd, LocalDate.of(year, 1, 1), ref.minusMonths(2))
                    : between(rnd, LocalDate.of(Math.max(2008, r.spec.since() + 3), 1, 1), LocalDate.of(year - 1, 12, 31));
            // Leader: one of the most skilled, longest-serving workers not yet in a studio.
            List<Worker> free = r.ws.stream().filter(w -> w.industrial && w.studio == null).collect(Collectors.toList());
            List<Worker> seniors = free.stream().filter(w -> tenure(w, ref) >= 10)
                    .sorted(Comparator.comparingInt((Worker w) -> -w.skill).thenComparing(w -> w.hired))
                    .limit(5).collect(Collectors.toList());
            Worker lead = (seniors.isEmpty() ? free : seniors).get(rnd.nextInt(seniors.isEmpty() ? free.size() : seniors.size()));
            lead.studio = st.id;
            st.leader = lead.id;
            // A studio's name is its leader's title: 劳模 lead model-worker studios, 工匠 craftsman studios.
            List<String> titles = switch (st.type) {
                case "model_worker" -> switch (st.level) {
                    case "national" -> List.of("national_model_worker", "may1_medal");
                    case "municipal" -> List.of("municipal_model_worker", "may1_medal");
                    default -> List.of("group_model_worker");
                };
                case "craftsman" -> List.of(st.level.equals("national") ? "national_craftsman" : "shanghai_craftsman");
                default -> List.of();
            };
            for (String h : titles) if (!lead.honours.contains(h)) lead.honours.add(h);
            if (st.type.equals("chief_technician") && lead.skill < 7) {
                lead.skill = 7;
                lead.wage = Math.max(lead.wage, wageFor(lead, tenure(lead, ref), rnd));
            }
            free.remove(lead);
            Collections.shuffle(free, rnd);
            for (Worker m : free.subList(0, Math.min(free.size(), 4 + rnd.nextInt(9)))) m.studio = st.id;
            r.studios.add(st);
        }
    }

    /** Fields reported per period: training, mass-organisation posts, health checks, recuperation. */
    static void annual(Worker w, Random rnd) {
        double t = rnd.nextDouble();
        w.training = t < 0.03 ? null : t < 0.07 ? 0.0 : t < 0.10 ? 96 + Math.round(48 * rnd.nextDouble()) / 2.0
                : Math.round((w.industrial ? 8 + 80 * rnd.nextDouble() : 40 * rnd.nextDouble()) * 2) / 2.0;
        w.massOrg = maybe(rnd, 0.03, w.frontline ? 0.14 : 0.06);
        w.health = maybe(rnd, 0.02, 0.93);
        w.recup = maybe(rnd, 0.03, 0.2);
        w.wageUnknown = rnd.nextDouble() < 0.015;
    }

    static Boolean maybe(Random rnd, double blank, double yes) {
        return rnd.nextDouble() < blank ? null : (Boolean) (rnd.nextDouble() < yes);
    }

    static void studioYear(Studio st, Random rnd) {
        st.ach = switch (st.type) { case "model_worker" -> 2 + rnd.nextInt(9); case "craftsman" -> 1 + rnd.nextInt(8); default -> 1 + rnd.nextInt(6); };
        st.conv = rnd.nextInt(st.ach + 1);
        double[] range = switch (st.level) { case "national" -> new double[]{40, 80}; case "municipal" -> new double[]{20, 50};
            case "group" -> new double[]{10, 30}; default -> new double[]{3, 15}; };
        st.funding = Math.round((range[0] + (range[1] - range[0]) * rnd.nextDouble()) * 10) / 10.0;
    }

    // ---------------------------------------------------------------- writing

    static void writeSubmission(Path inbox, Roster r, int year, Map<String, String> ids, Random rnd, Totals t) throws IOException {
        Spec s = r.spec;
        String key = s.key() + "/" + year, id = ids.get(s.key());
        Path dir = inbox.resolve(String.valueOf(year)).resolve(id);
        Files.createDirectories(dir);
        Style st = style(s.key(), year);
        LocalDate ref = LocalDate.of(year, 12, 31);

        List<Row> rows = new ArrayList<>();
        for (Worker w : r.ws) rows.add(Row.clean(format(w, st)));
        injectRowFaults(r, year, st, rows, rnd);
        List<String[]> out = new ArrayList<>();
        out.add(st.chinese() ? WORKER_COLS_ZH : WORKER_COLS);
        rows.forEach(row -> out.add(row.f()));
        writeCsv(dir.resolve("workers.csv"), st, out);

        if (!r.studios.isEmpty()) {
            List<String[]> so = new ArrayList<>();
            so.add(st.chinese() ? STUDIO_COLS_ZH : STUDIO_COLS);
            for (Studio x : r.studios) so.add(new String[]{x.id, code(x.type, st), code(x.level, st), date(x.established, st),
                    x.leader, String.valueOf(x.ach), String.valueOf(x.conv), oneDecimal(x.funding)});
            writeCsv(dir.resolve("studios.csv"), st, so);
        }

        String industry = key.equals(BAD_INDUSTRY) ? "shipbuilding" : s.industry();
        Map<String, Object> extra = new LinkedHashMap<>();
        if (key.equals(UNKNOWN_FIELD)) extra.put("remark", "数据经集团工会审核");
        LocalDateTime at = ref.plusDays(5 + rnd.nextInt(20)).atTime(8 + rnd.nextInt(9), rnd.nextInt(60), rnd.nextInt(60));
        List<String> json = enterpriseJson(year, id, s.parent() == null ? null : ids.get(s.parent()), s, industry,
                at.atOffset(ZoneOffset.ofHours(8)).format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX")),
                extra, figures(r, year, rnd));
        Files.writeString(dir.resolve("enterprise.json"), String.join("\n", json) + "\n", StandardCharsets.UTF_8);
        if (key.equals(IGNORED_FILE))
            Files.writeString(dir.resolve("说明.txt"), "本次报送由人力资源部整理，名册截至2025年12月31日。\n", StandardCharsets.UTF_8);

        // Count exactly what was emitted.
        boolean ok = !s.key().equals(BAD_ID_KEY) && !key.equals(BAD_INDUSTRY);
        t.present++;
        if (s.key().equals(BAD_ID_KEY))
            FAULTS.add(new Fault(year, id, "(folder name)", "—", "enterprise_id", "BAD_ENTERPRISE_ID",
                    "18th character should be " + checkChar(id.substring(0, 17)) + "; enterprise.json carries the same wrong id; whole submission rejected", false));
        if (key.equals(BAD_INDUSTRY))
            FAULTS.add(new Fault(year, id, "enterprise.json", lineOf(json, "\"industry\""), "industry", "BAD_FIELD",
                    "unknown industry code `shipbuilding`; whole submission rejected", false));
        if (!extra.isEmpty())
            FAULTS.add(new Fault(year, id, "enterprise.json", lineOf(json, "\"remark\""), "remark", "UNKNOWN_FIELD",
                    "extra top-level field `remark`; kept out of the tables", true));
        if (key.equals(IGNORED_FILE))
            FAULTS.add(new Fault(year, id, "说明.txt", "—", "—", "IGNORED_FILE", "a note file beside the three contract files", true));
        int rejected = 0, warnings = extra.isEmpty() && !key.equals(IGNORED_FILE) ? 0 : 1;
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            if (row.reason() == null) continue;
            FAULTS.add(new Fault(year, id, "workers.csv", String.valueOf(i + 2), row.column(), row.reason(), row.what(), row.warning()));
            if (row.warning()) warnings++; else rejected++;
        }
        if (!ok) t.rejected++;
        else { t.accepted++; t.rows += rows.size(); t.rowsRejected += rejected; t.studios += r.studios.size(); t.warnings += warnings; }
        int ind = (int) r.ws.stream().filter(w -> w.industrial).count();
        int fl = (int) r.ws.stream().filter(w -> w.frontline).count();
        STATS.put(key, new Stat(rows.size(), rows.size() - rejected, ind, fl, r.studios.size(), ok, st.note()));
    }

    /** The deliberate row-level faults, all in 2025. Each bad row breaks exactly one rule. */
    static void injectRowFaults(Roster r, int year, Style st, List<Row> rows, Random rnd) {
        if (year != 2025) return;
        LocalDate ref = LocalDate.of(year, 12, 31);
        switch (r.spec.key()) {
            case "pj_parts" -> {
                String dup = String.format("E%04d", r.nextNo);
                insert(rows, 0.12, bad(r, rnd, st, 0, dup), "DUPLICATE_ID", 0, "worker_id " + dup + " on two rows (1 of 2); both rejected");
                insert(rows, 0.30, bad(r, rnd, st, 8, date(LocalDate.of(2026, 1, 5), st)), "DATE_AFTER_PERIOD_END", 8, "hire_date 2026-01-05 after the period end");
                insert(rows, 0.55, bad(r, rnd, st, 5, "expert"), "BAD_CODE", 5, "skill_level `expert` is not a code");
                insert(rows, 0.70, bad(r, rnd, st, 0, dup), "DUPLICATE_ID", 0, "worker_id " + dup + " on two rows (2 of 2); both rejected");
                insert(rows, 0.85, bad(r, rnd, st, 8, "2025-13-40"), "BAD_DATE", 8, "hire_date `2025-13-40` is no date");
            }
            case "huayi_term" -> {
                insert(rows, 0.20, bad(r, rnd, st, 4, date(LocalDate.of(2025, 6, 18), st)), "PARTY_JOINED_NOT_MEMBER", 4, "party_joined set while party_member = N");
                insert(rows, 0.40, bad(r, rnd, st, 0, "31010119900101123X"), "PERSONAL_DATA", 0, "worker_id shaped like a resident identity number (fake)");
                insert(rows, 0.60, bad(r, rnd, st, 1, ""), "MISSING_VALUE", 1, "industrial_worker blank");
                insert(rows, 0.80, bad(r, rnd, st, 2, "maybe"), "BAD_BOOLEAN", 2, "frontline `maybe`");
            }
            case "sk_device" -> {   // the mentor left the company after 2024: the id was on last year's roster
                String gone = r.leavers.get(0);
                require(r.ws.stream().noneMatch(w -> w.id.equals(gone)), "leaver still on roster");
                int i = indexOf(r, w -> recent(w, ref) && w.mentor != null && w.studio == null);
                rows.get(i).f()[11] = gone;
                rows.set(i, new Row(rows.get(i).f(), "MENTOR_NOT_FOUND", "mentor_id", "mentor_id " + gone + " (left after 2024) is not in the file; link dropped, row kept", true));
            }
            case "pj_heavy" -> {
                require(r.studios.stream().noneMatch(x -> x.id.equals("LM02")), "LM02 exists");
                int i = indexOf(r, w -> w.industrial && w.studio == null && w.mentor == null);
                rows.get(i).f()[16] = "LM02";
                rows.set(i, new Row(rows.get(i).f(), "STUDIO_NOT_FOUND", "studio_id", "studio_id LM02 is not in studios.csv (only LM01); link dropped, row kept", true));
            }
            default -> { }
        }
    }

    /** Roster index = row index, as long as it is called before any row is inserted. */
    static int indexOf(Roster r, Predicate<Worker> p) {
        for (int i = 0; i < r.ws.size(); i++) if (p.test(r.ws.get(i))) return i;
        throw new IllegalStateException("no worker fits in " + r.spec.key());
    }

    /** A plausible, otherwise valid row (not a mentor, no links, no party data) with one field replaced. */
    static String[] bad(Roster r, Random rnd, Style st, int col, String value) {
        Worker w = newWorker(r, rnd, 2020, false);   // hired by 2020: not a new hire, needs no mentor
        annual(w, rnd);
        w.party = false;
        w.partyJoined = null;
        w.honours.clear();
        String[] f = format(w, st);
        f[col] = value;
        return f;
    }

    static void insert(List<Row> rows, double at, String[] f, String reason, int col, String what) {
        rows.add((int) (rows.size() * at), new Row(f, reason, WORKER_COLS[col], what, false));
    }

    static String[] format(Worker w, Style st) {
        String sep = st.chinese() || st.bools() == Bools.SHIFOU ? "；" : ";";   // Chinese input methods type the full-width one
        return new String[]{w.id, bool(w.industrial, st), bool(w.frontline, st), bool(w.party, st), date(w.partyJoined, st),
                st.chinese() ? SKILL_ZH[w.skill] : SKILL[w.skill], String.valueOf(w.birthYear),
                w.gender == null ? "" : code(w.gender, st), date(w.hired, st),
                w.wageUnknown ? "" : String.valueOf(Math.round(w.wage)), w.training == null ? "" : hours(w.training),
                nz(w.mentor), w.honours.stream().map(h -> code(h, st)).collect(Collectors.joining(sep)),
                bool(w.massOrg, st), bool(w.health, st), bool(w.recup, st), nz(w.studio)};
    }

    static Map<String, String> pairs(String s) {
        Map<String, String> m = new HashMap<>();
        for (String kv : s.split(" ")) m.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
        return m;
    }

    static String nz(String s) { return s == null ? "" : s; }

    static String code(String c, Style st) { return st.chinese() ? ZH.get(c) : c; }

    static String bool(Boolean b, Style st) {
        if (b == null) return "";
        return switch (st.bools()) {
            case YN -> b ? "Y" : "N"; case SHIFOU -> b ? "是" : "否";
            case TRUEFALSE -> b ? "true" : "false"; case ONEZERO -> b ? "1" : "0";
        };
    }

    static String date(LocalDate d, Style st) {
        if (d == null) return "";
        return st.slashDates() ? d.getYear() + "/" + d.getMonthValue() + "/" + d.getDayOfMonth() : d.toString();
    }

    static String hours(double h) { return h == Math.rint(h) ? String.valueOf((long) h) : oneDecimal(h); }

    static String oneDecimal(double x) { return String.format(Locale.ROOT, "%.1f", x); }

    /** RFC 4180: quote only fields that need it. */
    static String csvField(String s) {
        boolean quote = s.contains(",") || s.contains("\"") || s.contains("\r") || s.contains("\n")
                || (!s.isEmpty() && (s.charAt(0) == ' ' || s.charAt(s.length() - 1) == ' '));
        return quote ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }

    static void writeCsv(Path file, Style st, List<String[]> lines) throws IOException {
        StringBuilder b = new StringBuilder(st.bom() ? "\uFEFF" : "");
        for (String[] l : lines) b.append(Arrays.stream(l).map(MakeSampleData::csvField).collect(Collectors.joining(","))).append(st.eol());
        Files.write(file, b.toString().getBytes(st.charset()));
    }

    static Map<String, Object> figures(Roster r, int year, Random rnd) {
        String lvl = r.spec.level(), key = r.spec.key() + "/" + year;
        boolean group = lvl.equals("group"), sub = lvl.equals("subsidiary");
        int w = (int) r.ws.stream().filter(x -> x.industrial).count();
        int stAch = r.studios.stream().mapToInt(x -> x.ach).sum(), stConv = r.studios.stream().mapToInt(x -> x.conv).sum();
        double stFund = r.studios.stream().mapToDouble(x -> x.funding).sum();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ideology_participants", (int) Math.round(w * (1.0 + 2.0 * rnd.nextDouble())));
        m.put("school_partnerships", group ? 2 + rnd.nextInt(5) : sub ? rnd.nextInt(4) : 0);
        m.put("order_class_trainees", (int) Math.round(w * 0.06 * rnd.nextDouble()));
        m.put("competition_participants", (int) Math.round(w * (0.15 + 0.35 * rnd.nextDouble())));
        // Studios' achievements and funding are part of the enterprise's totals.
        int ia = stAch + (group ? 15 + rnd.nextInt(40) : sub ? 2 + rnd.nextInt(20) : rnd.nextInt(3));
        m.put("innovation_achievements", ia);
        m.put("achievements_converted", stConv + rnd.nextInt((ia - stAch) / 2 + 1));
        int proposals = (int) Math.round(w * (0.2 + 0.8 * rnd.nextDouble()));
        m.put("rationalization_proposals", proposals);
        m.put("proposals_adopted", (int) Math.round(proposals * (0.2 + 0.4 * rnd.nextDouble())));
        m.put("frontline_party_meeting_attendances", group ? 6 + rnd.nextInt(7) : sub ? 2 + rnd.nextInt(7) : rnd.nextInt(3));
        int required = group ? 3 : sub ? 2 : 1;
        m.put("congress_levels_required", required);
        m.put("congress_levels_established", required - (CONGRESS_GAP.contains(key) ? 1 : 0));
        m.put("employee_directors", group ? 1 + rnd.nextInt(2) : sub ? rnd.nextInt(2) : 0);
        m.put("employee_supervisors", group ? 1 + rnd.nextInt(2) : sub ? rnd.nextInt(2) : 0);
        m.put("dedicated_reform_staff", group ? 2 + rnd.nextInt(4) : sub ? rnd.nextInt(3) : 0);
        m.put("reform_in_party_assessment", !NOT_IN_ASSESSMENT.contains(key));
        m.put("innovation_funding_wan_yuan", Math.round((stFund + (group ? 60 + 180 * rnd.nextDouble()
                : sub ? 5 + 55 * rnd.nextDouble() : 5 * rnd.nextDouble())) * 10) / 10.0);
        if (key.equals(NULL_FIGURES)) {   // the enterprise did not know these figures this time
            m.put("school_partnerships", null);
            m.put("innovation_funding_wan_yuan", null);
        }
        return m;
    }

    static List<String> enterpriseJson(int year, String id, String parent, Spec s, String industry, String at,
                                       Map<String, Object> extra, Map<String, Object> figures) {
        Object[] kv = {"schema_version", 1, "period", String.valueOf(year), "enterprise_id", id, "name", s.name(),
                "parent_id", parent, "level", s.level(), "industry", industry, "district", s.district(), "submitted_at", at};
        Map<String, Object> top = new LinkedHashMap<>();   // the contract's field order
        for (int i = 0; i < kv.length; i += 2) top.put((String) kv[i], kv[i + 1]);
        top.putAll(extra);
        List<String> lines = new ArrayList<>(List.of("{"));
        top.forEach((k, v) -> lines.add("  " + jsonString(k) + ": " + jsonValue(v) + ","));
        lines.add("  \"figures\": {");
        int n = 0;
        for (Map.Entry<String, Object> e : figures.entrySet())
            lines.add("    " + jsonString(e.getKey()) + ": " + jsonValue(e.getValue()) + (++n < figures.size() ? "," : ""));
        lines.add("  }");
        lines.add("}");
        return lines;
    }

    static String jsonValue(Object v) {
        if (v == null) return "null";
        if (v instanceof String s) return jsonString(s);
        if (v instanceof Double d) return oneDecimal(d);
        return v.toString();
    }

    /** Enough escaping for the names and codes used here (no control characters). */
    static String jsonString(String s) { return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"'; }

    static String lineOf(List<String> lines, String needle) {
        for (int i = 0; i < lines.size(); i++) if (lines.get(i).contains(needle)) return String.valueOf(i + 1);
        throw new IllegalStateException(needle);
    }

    // ---------------------------------------------------------------- housekeeping

    /** Deletes the target, but only if it looks like an inbox we wrote: guards against a mistyped path. */
    static void wipe(Path inbox) throws IOException {
        if (!Files.exists(inbox)) return;
        try (var top = Files.list(inbox)) {
            for (Path p : top.collect(Collectors.toList()))
                require(Files.isDirectory(p) && p.getFileName().toString().matches("\\d{4}([HQ]\\d)?"),
                        inbox + " holds " + p.getFileName() + ", not an inbox; refusing to delete it");
        }
        try (var all = Files.walk(inbox)) {   // walk does not follow symbolic links
            for (Path p : all.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) Files.delete(p);
        }
    }

    /** Every folder name must validate, except the one deliberately wrong. */
    static void selfCheck(Path inbox, Map<String, String> ids) throws IOException {
        for (int year : YEARS) try (var dirs = Files.list(inbox.resolve(String.valueOf(year)))) {
            for (Path d : dirs.collect(Collectors.toList())) {
                String name = d.getFileName().toString();
                require(validUscc(name) != name.equals(ids.get(BAD_ID_KEY)), "folder id check failed: " + name);
            }
        }
    }

    static void report(Map<String, String> ids, Map<Integer, Totals> totals) {
        System.out.println("## Totals\n");
        System.out.println("| period | submissions present | expected accepted | expected rejected | worker data rows in accepted submissions | rows expected accepted | rows expected rejected | studios (accepted submissions) | warnings |");
        System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        totals.forEach((y, t) -> System.out.printf("| %d | %d | %d | %d | %d | %d | %d | %d | %d |%n", y, t.present, t.accepted,
                t.rejected, t.rows, t.rows - t.rowsRejected, t.rowsRejected, t.studios, t.warnings));
        System.out.println("\n## Faults\n");
        System.out.println("| period | enterprise_id | file | line | column | reason | kind | what it shows |");
        System.out.println("| --- | --- | --- | ---: | --- | --- | --- | --- |");
        FAULTS.sort(Comparator.comparingInt(Fault::year).thenComparing(f -> f.warning() ? 2 : f.file().equals("workers.csv") ? 1 : 0)
                .thenComparing(Fault::id).thenComparingInt(f -> f.line().equals("—") ? 0 : Integer.parseInt(f.line())));
        for (Fault f : FAULTS)
            System.out.printf("| %d | %s | %s | %s | %s | %s | %s | %s |%n", f.year(), f.id(), f.file(), f.line(), f.column(),
                    f.reason(), f.warning() ? "warning" : f.file().equals("workers.csv") ? "row rejected" : "submission rejected", f.what());
        System.out.println("\n## Enterprises\n");
        printTree(ids, null, 0);
        System.out.println("\n| enterprise_id | level | industry | period | data rows | rows accepted | industrial (W) | frontline (F) | studios | accepted | workers.csv format |");
        System.out.println("| --- | --- | --- | --- | ---: | ---: | ---: | ---: | ---: | --- | --- |");
        for (Spec s : SPECS) for (int y : YEARS) {
            Stat st = STATS.get(s.key() + "/" + y);
            if (st == null) continue;
            System.out.printf("| %s | %s | %s | %d | %d | %s | %d | %d | %d | %s | %s |%n", ids.get(s.key()), s.level(),
                    (s.key() + "/" + y).equals(BAD_INDUSTRY) ? "shipbuilding (bad)" : s.industry(), y, st.rows(), st.ok() ? st.accepted() : "—",
                    st.industrial(), st.frontline(), st.studios(), st.ok() ? "yes" : "**no**", st.note());
        }
    }

    static void printTree(Map<String, String> ids, String parent, int depth) {
        for (Spec s : SPECS) {
            if (!Objects.equals(s.parent(), parent)) continue;
            System.out.printf("%s- `%s` %s (%s, %s, %s)%s%n", "  ".repeat(depth), ids.get(s.key()), s.name(), s.level(),
                    s.industry(), s.district(), s.firstYear() > YEARS[0] ? " — 2025 only" : "");
            printTree(ids, s.key(), depth + 1);
        }
    }
}
