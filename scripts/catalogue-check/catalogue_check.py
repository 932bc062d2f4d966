#!/usr/bin/env python3
"""An independent reading of the indicator catalogue, roll-up, scores and ranks.

Reads the program's clean tables (enterprises, workers, studios) exported as CSV through
`changai sql --csv`, computes from them every indicator value, the skill distribution, the
roll-ups, the scores, ranks, tiers, rank changes and the rank intervals of the sensitivity
analysis, as /work/shared/brief/indicators.md and the project's docs read, and compares them row
by row with the program's published `indicator_values`, `skill_distribution` and `scores`.

Written from the brief and docs/indicators.md, docs/scoring.md and docs/tables.md, without the
program's Java code for indicators or scoring. Python 3.11 standard library only.

    catalogue_check.py WAREHOUSE [--min-base N] [--draws N] [--seed S] [--export-dir DIR] [-v]

Exit 0 when everything agrees, 1 on any disagreement, 2 on bad arguments.
"""
import argparse
import collections
import csv
import datetime
import io
import json
import math
import os
import subprocess
import sys
from fractions import Fraction

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CHANGAI = os.path.join(ROOT, "scripts", "changai")

# Relative tolerance for the doubles of indicator_values and skill_distribution. The checker
# works every value as an exact fraction and rounds once to the nearest double; the program
# rounds the exact quotient to 34 digits and then to a double (docs/indicators.md), which can
# differ from one rounding by one unit in the last place at most. 1e-12 allows that and nothing
# a formula slip could produce.
REL_TOL = 1e-12
# Scores are stored rounded to 6 decimals: the same sums in another order can tip the rounding
# of the 7th decimal, so parts and composites may differ by one unit of the 6th decimal (1e-6).
SCORE_TOL = 1.0000001e-6

SKILLS = ["none", "junior", "intermediate", "senior", "technician", "senior_technician",
          "special_technician", "chief_technician"]
HIGH_SKILL = set(SKILLS[3:])
INDUSTRY_NAMES = {
    "integrated_circuits": "集成电路", "biomedicine": "生物医药", "artificial_intelligence": "人工智能",
    "electronic_information": "电子信息", "life_health": "生命健康", "automotive": "汽车",
    "high_end_equipment": "高端装备", "advanced_materials": "先进材料", "fashion_consumer": "时尚消费品",
    "digital_economy": "数字经济", "green_low_carbon": "绿色低碳", "metaverse": "元宇宙",
    "smart_terminals": "智能终端", "future_industries": "未来产业", "urban_services": "城市服务",
    "other": "其他",
}

# The catalogue of the brief. kind: H headcount ratio (numerator a worker count, a worker sum or
# a figure; denominator a headcount of workers), F ratio of two figures, U unit share,
# M B06's ratio of pooled means. For H: (numerator source, denominator headcount name).
# A numerator source is ("w", key) a per-enterprise worker measure or ("f", figure name).
CATALOGUE = [
    ("A01", "A", "H", ("f", "ideology_participants"), "W", 1),
    ("A02", "A", "H", ("w", "party"), "W", 100),
    ("A03", "A", "H", ("w", "joined"), "W", 100),
    ("A04", "A", "H", ("w", "f_mass"), "F", 100),
    ("A05", "A", "H", ("f", "frontline_party_meeting_attendances"), "F", 100),
    ("B01", "B", "U", "school", None, 100),
    ("B02", "B", "H", ("f", "order_class_trainees"), "W", 100),
    ("B03", "B", "H", ("w", "training"), "W", 1),
    ("B04", "B", "H", ("w", "certified"), "W", 100),
    ("B05", "B", "H", ("w", "high"), "W", 100),
    ("B06", "B", "M", None, None, 100),
    ("C01", "C", "H", ("f", "competition_participants"), "W", 100),
    ("C02", "C", "U", "model_studio", None, 100),
    ("C03", "C", "H", ("w", "studio_member"), "W", 100),
    ("C04", "C", "F", "achievements_converted", "innovation_achievements", 100),
    ("C05", "C", "F", "proposals_adopted", "rationalization_proposals", 100),
    ("C06", "C", "H", ("w", "honoured"), "W", 1000),
    ("C07", "C", "H", ("w", "new_mentored"), "NEW", 100),
    ("D01", "D", "U", "reform", None, 100),
    ("D02", "D", "F", "congress_levels_established", "congress_levels_required", 100),
    ("D03", "D", "U", "directors", None, 100),
    ("D04", "D", "H", ("w", "health"), "W", 100),
    ("D05", "D", "H", ("w", "recup"), "W", 100),
    ("D06", "D", "H", ("f", "dedicated_reform_staff"), "W", 1000),
]
IDS = [c[0] for c in CATALOGUE]
PART_OF = {c[0]: c[1] for c in CATALOGUE}
PARTS = "ABCD"


# ---------------------------------------------------------------- periods

def period_window(p):
    """(kind, order key, first day, last day) of a period code YYYY, YYYYHn or YYYYQn."""
    y = int(p[:4])
    if len(p) == 4:
        return "Y", (y, 0), datetime.date(y, 1, 1), datetime.date(y, 12, 31)
    n = int(p[5])
    if p[4] == "H":
        m0 = 1 + 6 * (n - 1)
        m1 = m0 + 5
    else:
        m0 = 1 + 3 * (n - 1)
        m1 = m0 + 2
    last = (datetime.date(y + (m1 == 12), m1 % 12 + 1, 1) - datetime.timedelta(days=1))
    return p[4], (y, n), datetime.date(y, m0, 1), last


def minus_3_years(d):
    try:
        return d.replace(year=d.year - 3)
    except ValueError:  # 29 February; never a period end, kept for completeness
        return d.replace(year=d.year - 3, day=28)


# ---------------------------------------------------------------- export

def sql(wh, query):
    out = subprocess.run([CHANGAI, "sql", "--warehouse", wh, "--csv", "--max-rows", "100000000", query],
                         check=True, capture_output=True).stdout.decode("utf-8")
    return list(csv.DictReader(io.StringIO(out)))


TABLES = ["enterprises", "workers", "studios", "indicator_values", "indicator_wide", "skill_distribution", "scores"]


def export(wh, export_dir):
    """Every table the check needs, as rows of strings; cached as CSV in export_dir if given."""
    tables = {}
    for t in TABLES:
        path = os.path.join(export_dir, t + ".csv") if export_dir else None
        if path and os.path.exists(path):
            with open(path, encoding="utf-8", newline="") as f:
                tables[t] = list(csv.DictReader(f))
            continue
        rows = sql(wh, "SELECT * FROM " + t)
        tables[t] = rows
        if path:
            os.makedirs(export_dir, exist_ok=True)
            with open(path, "w", encoding="utf-8", newline="") as f:
                if rows:
                    w = csv.DictWriter(f, fieldnames=list(rows[0].keys()))
                    w.writeheader()
                    w.writerows(rows)
    return tables


# ---------------------------------------------------------------- per enterprise

def b(s):
    return s == "true"


def opt_int(s):
    return None if s == "" else int(s)


def dec(s):
    return Fraction(s)  # exact: decimal text of scale 4


def enterprise_parts(tables):
    """Per (period, enterprise): the enterprise row and its measures."""
    ents = {}
    for e in tables["enterprises"]:
        key = (e["period"], e["enterprise_id"])
        ents[key] = {
            "row": e,
            "fig": {k: (None if e[k] == "" else (b(e[k]) if k == "reform_in_party_assessment" else int(e[k])))
                    for k in ["ideology_participants", "school_partnerships", "order_class_trainees",
                              "competition_participants", "innovation_achievements", "achievements_converted",
                              "rationalization_proposals", "proposals_adopted",
                              "frontline_party_meeting_attendances", "congress_levels_required",
                              "congress_levels_established", "employee_directors", "employee_supervisors",
                              "dedicated_reform_staff", "reform_in_party_assessment"]},
            "m": collections.Counter(),
            "training": Fraction(0),
            "wage_sum": Fraction(0), "wage_n": 0, "hs_wage_sum": Fraction(0), "hs_wage_n": 0,
            "skills": collections.Counter(),
            "model_studios": 0,
        }
    windows = {}
    for w in tables["workers"]:
        key = (w["period"], w["enterprise_id"])
        if key not in ents:
            raise SystemExit("worker of an enterprise not in enterprises: %s" % (key,))
        if not b(w["industrial_worker"]):
            continue
        p = w["period"]
        if p not in windows:
            windows[p] = period_window(p)
        _, _, start, end = windows[p]
        x = ents[key]
        m = x["m"]
        m["W"] += 1
        front = b(w["frontline"])
        if front:
            m["F"] += 1
            if b(w["mass_org_post"]):
                m["f_mass"] += 1
        if b(w["party_member"]):
            m["party"] += 1
        if w["party_joined"]:
            j = datetime.date.fromisoformat(w["party_joined"])
            if start <= j <= end:
                m["joined"] += 1
        skill = w["skill_level"]
        x["skills"][skill] += 1
        if skill != "none":
            m["certified"] += 1
        if skill in HIGH_SKILL:
            m["high"] += 1
        x["training"] += dec(w["training_hours"])
        if w["annual_wage_yuan"] != "":
            wage = dec(w["annual_wage_yuan"])
            x["wage_sum"] += wage
            x["wage_n"] += 1
            if skill in HIGH_SKILL:
                x["hs_wage_sum"] += wage
                x["hs_wage_n"] += 1
        if w["studio_id"]:
            m["studio_member"] += 1
        if w["honours"]:
            m["honoured"] += 1
        hired = datetime.date.fromisoformat(w["hire_date"])
        if minus_3_years(end) < hired <= end:
            m["NEW"] += 1
            if w["mentor_id"]:
                m["new_mentored"] += 1
        for flag, name in (("health_check", "health"), ("recuperation", "recup")):
            if b(w[flag]):
                m[name] += 1
    for s in tables["studios"]:
        key = (s["period"], s["enterprise_id"])
        if s["type"] == "model_worker":
            ents[key]["model_studios"] += 1
    return ents


def unit_share_condition(x, which):
    """(in scope, meets) of one enterprise for a unit-share indicator."""
    f = x["fig"]
    if which == "school":
        v = f["school_partnerships"]
        return (v is not None, v is not None and v >= 1)
    if which == "model_studio":
        return (True, x["model_studios"] >= 1)
    if which == "reform":
        v = f["reform_in_party_assessment"]
        return (v is not None, v is True)
    if which == "directors":
        d, s = f["employee_directors"], f["employee_supervisors"]
        ok = d is not None and s is not None
        return (ok, ok and d >= 1 and s >= 1)
    raise ValueError(which)


def to_double(fr):
    return float(fr)  # Fraction -> nearest double (Python rounds int/int true division correctly)


def rollup(members, min_base):
    """Indicator rows of one unit: {id: (numerator, denominator, value, low_base, reporting)}."""
    out = {}
    for iid, part, kind, num, den, scale in CATALOGUE:
        if kind == "H":
            src, name = num
            rep = [x for x in members if src == "w" or x["fig"][name] is not None]
            if src == "f" and not rep:
                out[iid] = (None, None, None, False, 0)
                continue
            if src == "w" and name == "training":
                n = sum((x["training"] for x in rep), Fraction(0))
            elif src == "w":
                n = Fraction(sum(x["m"][name] for x in rep))
            else:
                n = Fraction(sum(x["fig"][name] for x in rep))
            d = sum(x["m"][den] for x in rep)
            value = None if d == 0 else to_double(n * scale / d)
            out[iid] = (n, Fraction(d), value, d < min_base, len(rep))
        elif kind == "F":
            rep = [x for x in members if x["fig"][num] is not None and x["fig"][den] is not None]
            if not rep:
                out[iid] = (None, None, None, False, 0)
                continue
            n = sum(x["fig"][num] for x in rep)
            d = sum(x["fig"][den] for x in rep)
            value = None if d == 0 else to_double(Fraction(n * scale, d))
            out[iid] = (Fraction(n), Fraction(d), value, False, len(rep))
        elif kind == "U":
            scope = meet = 0
            for x in members:
                s, m = unit_share_condition(x, num)
                scope += s
                meet += m
            value = None if scope == 0 else to_double(Fraction(meet * scale, scope))
            out[iid] = (Fraction(meet), Fraction(scope), value, False, scope)
        elif kind == "M":
            ws = sum((x["wage_sum"] for x in members), Fraction(0))
            wn = sum(x["wage_n"] for x in members)
            hs = sum((x["hs_wage_sum"] for x in members), Fraction(0))
            hn = sum(x["hs_wage_n"] for x in members)
            n = None if hn == 0 else hs / hn
            d = None if wn == 0 else ws / wn
            value = None if n is None or d is None or d == 0 else to_double(n / d * scale)
            out[iid] = (n, d, value, wn < min_base or hn < min_base, len(members))
    skills = collections.Counter()
    for x in members:
        skills.update(x["skills"])
    return out, skills


# ---------------------------------------------------------------- units

def units_of_period(ents, period, warnings):
    """[(level, unit_id, unit_name, members)] of one period."""
    here = {eid: x for (p, eid), x in ents.items() if p == period}
    parent = {}
    for eid, x in here.items():
        pid = x["row"]["parent_id"]
        if pid == "":
            continue
        if pid not in here:
            warnings.append(("PARENT_MISSING", period, eid))
            continue
        parent[eid] = pid
    # Cycle members become their own roots; those hanging below a cycle stay below it.
    on_cycle = set()
    for start in here:
        seen = []
        pos = {}
        e = start
        while e in parent and e not in pos:
            pos[e] = len(seen)
            seen.append(e)
            e = parent[e]
        if e in pos:
            on_cycle.update(seen[pos[e]:])
    for e in on_cycle:
        warnings.append(("CYCLE", period, e))
        del parent[e]

    def root(e):
        while e in parent:
            e = parent[e]
        return e

    units = []
    for eid in sorted(here):
        units.append(("enterprise", eid, here[eid]["row"]["name"], [here[eid]]))
    groups = collections.defaultdict(list)
    for eid in sorted(here):
        groups[root(eid)].append(here[eid])
    for r in sorted(groups):
        if here[r]["row"]["level"] == "group":
            units.append(("group", r, here[r]["row"]["name"], groups[r]))
    inds = collections.defaultdict(list)
    for eid in sorted(here):
        inds[here[eid]["row"]["industry"]].append(here[eid])
    for code in sorted(inds):
        units.append(("industry", code, INDUSTRY_NAMES.get(code, code), inds[code]))
    units.append(("system", "all", "全系统", [here[e] for e in sorted(here)]))
    return units


# ---------------------------------------------------------------- scoring

def jhash(s):
    h = 0
    data = s.encode("utf-16-be")
    for k in range(0, len(data), 2):  # String.hashCode runs over UTF-16 code units
        h = (31 * h + (data[k] << 8 | data[k + 1])) & 0xFFFFFFFF
    return h - (1 << 32) if h >= 1 << 31 else h


class JavaRandom:
    """java.util.Random, whose algorithm the Java specification fixes."""

    def __init__(self, seed):
        self.s = (seed ^ 0x5DEECE66D) & ((1 << 48) - 1)

    def next(self, bits):
        self.s = (self.s * 0x5DEECE66D + 0xB) & ((1 << 48) - 1)
        return self.s >> (48 - bits)

    def next_double(self):
        return ((self.next(26) << 27) + self.next(27)) * (1.0 / (1 << 53))


def jround6(x):
    """Math.round(x * 1e6) / 1e6 as Java computes it."""
    return math.floor(x * 1e6 + 0.5) / 1e6


def competition_ranks(scores):
    """{unit: rank} by standard competition ranking, highest first; scores {unit: value}."""
    vals = sorted(scores.values(), reverse=True)
    first = {}
    for i, v in enumerate(vals):
        first.setdefault(v, i + 1)
    return {u: first[v] for u, v in scores.items()}


def weighted_mean(pairs):
    """Σ w x / Σ w over (w, x) pairs, in the order given; None when empty."""
    if not pairs:
        return None
    sw = 0.0
    swx = 0.0
    for w, x in pairs:
        sw += w
        swx += w * x
    return swx / sw


def tier(c):
    return "优秀" if c >= 85 else "良好" if c >= 70 else "合格" if c >= 55 else "待改进"


def score_level(values, units, screening, weight_ok):
    """Score one level of one period.

    values: {unit: {id: (value, low_base)}}; units: sorted unit ids.
    Returns dict with used indicators, per-unit normalised values (minmax and zscore),
    parts, composites and unranked reasons.
    """
    def usable(u, i):
        v = values[u].get(i)
        return v is not None and v[0] is not None and not v[1] and math.isfinite(v[0])

    # Screening: counted over indicators with >= 2 distinct usable values across the level.
    countable = [i for i in IDS if weight_ok(i) and len({values[u][i][0] for u in units if usable(u, i)}) >= 2]
    need = max(1, math.ceil(screening * len(countable)))  # "--screening 0 ranks every unit with one usable value"
    reason = {}
    passing = []
    for u in units:
        have = sum(1 for i in countable if usable(u, i))
        if not countable:
            continue
        if have < need:
            reason[u] = "too few usable values: %d of %d indicators (at least %d needed)" % (
                have, len(countable), need)
        else:
            passing.append(u)
    used = []
    left_out = {}
    for i in IDS:
        vs = [values[u][i][0] for u in passing if usable(u, i)]
        if not weight_ok(i):
            left_out[i] = "weight 0"
        elif not vs:
            left_out[i] = "no usable value"
        elif len(vs) == 1:
            left_out[i] = "only one usable value"
        elif len(set(vs)) == 1:
            left_out[i] = "one value for all units"
        else:
            used.append(i)
    if not countable:
        for u in units:
            reason[u] = ("the only unit of its level: none to compare with" if len(units) == 1
                         else "no indicator differs between the units")
    norm = {"minmax": {u: {} for u in passing}, "zscore": {u: {} for u in passing}}
    for i in used:
        us = [u for u in passing if usable(u, i)]
        vs = [values[u][i][0] for u in us]
        lo, hi = min(vs), max(vs)
        n = len(vs)
        mean = sum(vs) / n
        sd = math.sqrt(sum((v - mean) ** 2 for v in vs) / n)
        for u, v in zip(us, vs):
            norm["minmax"][u][i] = 100 * (v - lo) / (hi - lo)
            norm["zscore"][u][i] = min(100.0, max(0.0, 50 + 10 * (v - mean) / sd))
    return {"passing": passing, "used": used, "left_out": left_out, "norm": norm,
            "reason": reason, "countable": countable}


def composites(lv, method, part_w, ind_w, round_it=True):
    """{unit: (composite, parts)} for the passing units with a part score."""
    out = {}
    for u in lv["passing"]:
        nv = lv["norm"][method][u]
        parts = {}
        for p in PARTS:
            pairs = [(ind_w[i], nv[i]) for i in lv["used"] if PART_OF[i] == p and i in nv]
            parts[p] = weighted_mean(pairs)
        pp = [(part_w[p], parts[p]) for p in PARTS if parts[p] is not None]
        c = weighted_mean(pp)
        if c is None:
            continue
        out[u] = (jround6(c) if round_it else c, {p: (None if parts[p] is None else jround6(parts[p]))
                                                   for p in PARTS})
    return out


def percentile(sorted_ranks, p):
    m = len(sorted_ranks)
    k = -(-p * m // 100)
    return sorted_ranks[k - 1]


# ---------------------------------------------------------------- compare helpers

def close(a, b, tol):
    if a is None or b is None:
        return a is None and b is None
    if a == b:
        return True
    return abs(a - b) <= tol * max(abs(a), abs(b))


def fnum(s):
    return None if s == "" else float(s)


class Report:
    def __init__(self, verbose):
        self.verbose = verbose
        self.counts = collections.Counter()
        self.bad = collections.Counter()
        self.examples = collections.defaultdict(list)

    def check(self, table, field, ok, what):
        self.counts[(table, field)] += 1
        if not ok:
            self.bad[(table, field)] += 1
            if len(self.examples[(table, field)]) < (50 if self.verbose else 5):
                self.examples[(table, field)].append(what)


# ---------------------------------------------------------------- main

def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("warehouse")
    ap.add_argument("--min-base", type=int, default=10)
    ap.add_argument("--draws", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=20230810)
    ap.add_argument("--normalise", choices=["minmax", "zscore"], default="minmax")
    ap.add_argument("--screening", type=Fraction, default=Fraction(2, 3),
                    help="share of the scoring indicators a unit needs (default 2/3)")
    ap.add_argument("--weights", help="weights file as JSON (parts, indicators), as given to changai score")
    ap.add_argument("--export-dir", help="cache the exported tables here (read back when present)")
    ap.add_argument("-v", "--verbose", action="store_true")
    a = ap.parse_args(argv)
    t = export(a.warehouse, a.export_dir)
    rep = Report(a.verbose)
    ents = enterprise_parts(t)
    periods = sorted({p for p, _ in ents}, key=lambda p: period_window(p)[1] + (p,))
    warnings = []
    mine = {}           # (period, level, unit, id) -> (num, den, value, low_base, reporting, total)
    mine_skill = {}     # (period, level, unit, skill) -> (count, share)
    names = {}
    for p in periods:
        for level, uid, name, members in units_of_period(ents, p, warnings):
            rows, skills = rollup(members, a.min_base)
            names[(p, level, uid)] = name
            for iid, r in rows.items():
                mine[(p, level, uid, iid)] = r + (len(members),)
            total = sum(skills.values())
            for s in SKILLS:
                mine_skill[(p, level, uid, s)] = (skills[s], None if total == 0 else
                                                  to_double(Fraction(skills[s] * 100, total)))

    # indicator_values, row by row
    theirs = {}
    for r in t["indicator_values"]:
        theirs[(r["period"], r["unit_level"], r["unit_id"], r["indicator_id"])] = r
    for k in sorted(set(mine) | set(theirs)):
        label = "%s %s %s %s" % k
        if k not in theirs:
            rep.check("indicator_values", "row", False, label + ": missing in the program's table")
            continue
        if k not in mine:
            rep.check("indicator_values", "row", False, label + ": not expected (extra row)")
            continue
        rep.check("indicator_values", "row", True, "")
        n, d, v, lb, reporting, total = mine[k]
        r = theirs[k]
        tn, td, tv = fnum(r["numerator"]), fnum(r["denominator"]), fnum(r["value"])
        for field, x, y in (("numerator", n, tn), ("denominator", d, td)):
            x = None if x is None else to_double(x)
            rep.check("indicator_values", field, close(x, y, REL_TOL), "%s: %s %r, program %r" % (label, field, x, y))
        rep.check("indicator_values", "value", close(v, tv, REL_TOL), "%s: value %r, program %r" % (label, v, tv))
        rep.check("indicator_values", "value (bit-exact)", v == tv, "%s: value %r, program %r" % (label, v, tv))
        rep.check("indicator_values", "low_base", lb == b(r["low_base"]), "%s: low_base %s, program %s" % (label, lb, r["low_base"]))
        rep.check("indicator_values", "members_reporting", reporting == int(r["members_reporting"]),
                  "%s: members_reporting %d, program %s" % (label, reporting, r["members_reporting"]))
        rep.check("indicator_values", "members_total", total == int(r["members_total"]),
                  "%s: members_total %d, program %s" % (label, total, r["members_total"]))
        rep.check("indicator_values", "unit_name", names[k[:3]] == r["unit_name"],
                  "%s: unit_name %r, program %r" % (label, names[k[:3]], r["unit_name"]))

    # indicator_wide: the value that may be published (null when low_base), the low_base ids
    theirs_w = {(r["period"], r["unit_level"], r["unit_id"]): r for r in t["indicator_wide"]}
    for k in sorted(set(names) | set(theirs_w)):
        label = "%s %s %s" % k
        if k not in theirs_w or k not in names:
            rep.check("indicator_wide", "row", False, label + (": missing in the program's table"
                                                                if k not in theirs_w else ": extra row"))
            continue
        rep.check("indicator_wide", "row", True, "")
        r = theirs_w[k]
        for iid in IDS:
            n, d, v, lb, reporting, total = mine[k + (iid,)]
            x = None if lb else v
            rep.check("indicator_wide", "value", close(x, fnum(r[iid]), REL_TOL),
                      "%s %s: %r, program %r" % (label, iid, x, r[iid]))
        lbs = [i for i in IDS if mine[k + (i,)][3]]
        got = r["low_base_indicators"].split(";") if r["low_base_indicators"] else []
        rep.check("indicator_wide", "low_base_indicators", lbs == got, "%s: %s, program %s" % (label, lbs, got))

    theirs_s = {(r["period"], r["unit_level"], r["unit_id"], r["skill_level"]): r for r in t["skill_distribution"]}
    for k in sorted(set(mine_skill) | set(theirs_s)):
        label = "%s %s %s %s" % k
        if k not in theirs_s or k not in mine_skill:
            rep.check("skill_distribution", "row", False, label + (": missing in the program's table"
                                                                  if k not in theirs_s else ": extra row"))
            continue
        rep.check("skill_distribution", "row", True, "")
        c, s = mine_skill[k]
        r = theirs_s[k]
        rep.check("skill_distribution", "count", c == int(r["count"]), "%s: count %d, program %s" % (label, c, r["count"]))
        rep.check("skill_distribution", "share", close(s, fnum(r["share"]), REL_TOL),
                  "%s: share %r, program %r" % (label, s, r["share"]))

    # ------------------------------------------------------------ scores
    industry = {(p, eid): x["row"]["industry"] for (p, eid), x in ents.items()}
    part_w = {p: 1.0 for p in PARTS}
    ind_w = {i: 1.0 for i in IDS}
    if a.weights:
        with open(a.weights, encoding="utf-8") as f:
            wf = json.load(f)
        part_w.update({k: float(v) for k, v in wf.get("parts", {}).items()})
        ind_w.update({k: float(v) for k, v in wf.get("indicators", {}).items()})

    def weight_ok(i):
        return ind_w[i] > 0 and part_w[PART_OF[i]] > 0
    other = "zscore" if a.normalise == "minmax" else "minmax"

    def level_values(p, level):
        units = sorted({k[2] for k in mine if k[0] == p and k[1] == level})
        vals = {u: {i: (mine[(p, level, u, i)][2], mine[(p, level, u, i)][3]) for i in IDS} for u in units}
        return units, vals

    def scopes_of(p, level, units):
        if level == "group":
            return {"groups": units}
        sc = {"enterprises": units}
        for u in units:
            sc.setdefault("industry:" + industry[(p, u)], []).append(u)
        return sc

    def base_ranks(p, level):
        units, vals = level_values(p, level)
        lv = score_level(vals, units, a.screening, weight_ok)
        comp = composites(lv, a.normalise, part_w, ind_w)
        ranks = {}
        for scope, us in scopes_of(p, level, units).items():
            ranks[scope] = competition_ranks({u: comp[u][0] for u in us if u in comp})
        return units, lv, comp, ranks

    expected = {}  # (period, scope, unit) -> dict
    for p in periods:
        kind, order = period_window(p)[:2]
        prev = [q for q in periods if period_window(q)[0] == kind and period_window(q)[1] < order]
        prev = prev[-1] if prev else None
        for level, level_name in (("group", "groups"), ("enterprise", "enterprises")):
            units, lv, comp, ranks = base_ranks(p, level)
            prev_ranks = base_ranks(prev, level)[3] if prev else {}
            scopes = scopes_of(p, level, units)
            # sensitivity: draws, then the other normalisation at base weights
            draw_ranks = collections.defaultdict(list)  # (scope, unit) -> ranks
            if a.draws > 0 and comp:
                rnd = JavaRandom(a.seed ^ jhash(level_name))
                weightings = []
                for _ in range(a.draws):
                    pf = {q: part_w[q] * (0.75 + 0.5 * rnd.next_double()) for q in PARTS}
                    inf = {i: ind_w[i] * (0.75 + 0.5 * rnd.next_double()) for i in IDS}
                    weightings.append((a.normalise, pf, inf))
                weightings.append((other, part_w, ind_w))
                for method, pf, inf in weightings:
                    c2 = composites(lv, method, pf, inf)
                    for scope, us in scopes.items():
                        rk = competition_ranks({u: c2[u][0] for u in us if u in c2})
                        for u, r in rk.items():
                            draw_ranks[(scope, u)].append(r)
            for scope, us in scopes.items():
                ranked = len(ranks[scope])
                for u in us:
                    e = {"level": level, "composite": None, "parts": {q: None for q in PARTS}, "rank": None,
                         "rank_change": None, "tier": None, "median": None, "p05": None, "p95": None,
                         "unstable": None, "used": [], "reason": None}
                    if u in comp:
                        c, parts = comp[u]
                        e.update(composite=c, parts=parts, rank=ranks[scope][u], tier=tier(c))
                        nv = lv["norm"][a.normalise][u]
                        e["used"] = [i for i in lv["used"] if i in nv]
                        pr = prev_ranks.get(scope, {}).get(u)
                        if pr is not None:
                            e["rank_change"] = pr - e["rank"]
                        if a.draws > 0:
                            rs = sorted(draw_ranks[(scope, u)])
                            e["median"], e["p05"], e["p95"] = (percentile(rs, 50), percentile(rs, 5),
                                                               percentile(rs, 95))
                            span = e["p95"] - e["p05"]
                            e["unstable"] = span > 3 and 20 * span > ranked
                    else:
                        e["reason"] = lv["reason"].get(u, "no usable value")
                    expected[(p, scope, u)] = e

    theirs_sc = {(r["period"], r["scope"], r["unit_id"]): r for r in t["scores"]}
    for k in sorted(set(expected) | set(theirs_sc)):
        label = "%s %s %s" % k
        if k not in expected or k not in theirs_sc:
            rep.check("scores", "row", False, label + (": missing in the program's table" if k not in theirs_sc
                                                        else ": extra row"))
            continue
        rep.check("scores", "row", True, "")
        e, r = expected[k], theirs_sc[k]
        rep.check("scores", "composite", close(e["composite"], fnum(r["composite"]), 0) or
                  (e["composite"] is not None and r["composite"] != "" and
                   abs(e["composite"] - float(r["composite"])) <= SCORE_TOL),
                  "%s: composite %r, program %r" % (label, e["composite"], r["composite"]))
        for q in PARTS:
            x, y = e["parts"][q], fnum(r["part_" + q.lower()])
            rep.check("scores", "part_x", (x is None and y is None) or (x is not None and y is not None and abs(x - y) <= SCORE_TOL),
                      "%s: part %s %r, program %r" % (label, q, x, y))
        for field, col in (("rank", "rank"), ("rank_change", "rank_change"), ("median", "rank_median"),
                           ("p05", "rank_p05"), ("p95", "rank_p95")):
            y = opt_int(r[col])
            rep.check("scores", col, e[field] == y, "%s: %s %r, program %r" % (label, col, e[field], y))
        rep.check("scores", "tier", (e["tier"] or "") == r["tier"], "%s: tier %r, program %r" % (label, e["tier"], r["tier"]))
        y = None if r["rank_unstable"] == "" else b(r["rank_unstable"])
        rep.check("scores", "rank_unstable", e["unstable"] == y, "%s: unstable %r, program %r" % (label, e["unstable"], y))
        used = r["indicators_used"].split(";") if r["indicators_used"] else []
        rep.check("scores", "indicators_used", e["used"] == used, "%s: used %s, program %s" % (label, e["used"], used))
        reason = r["unranked_reason"]
        ok = (e["reason"] is None and reason == "") or (e["reason"] is not None and reason.endswith(e["reason"]))
        rep.check("scores", "unranked_reason", ok, "%s: reason %r, program %r" % (label, e["reason"], reason))

    # ------------------------------------------------------------ summary
    n_units = collections.Counter(k[1] for k in {(k[0], k[1], k[2]) for k in mine})
    print("catalogue-check %s: periods %s; workers %d, enterprises %d, studios %d" % (
        a.warehouse, ",".join(periods), len(t["workers"]), len(t["enterprises"]), len(t["studios"])))
    print("units (period x unit): " + ", ".join("%s %d" % (lv_, n_units[lv_]) for lv_ in
                                                 ("enterprise", "group", "industry", "system")))
    vals = [r for r in mine.values()]
    print("indicator values: %d rows, %d with a value (%d low_base), %d null" % (
        len(vals), sum(1 for r in vals if r[2] is not None), sum(1 for r in vals if r[2] is not None and r[3]),
        sum(1 for r in vals if r[2] is None)))
    ranked = [e for e in expected.values() if e["rank"] is not None]
    print("scores: %d rows in %d scopes, %d ranked (%d tied ranks, %d rank changes, %d unstable), %d unranked" % (
        len(expected), len({(k[0], k[1]) for k in expected}), len(ranked),
        sum(1 for k, e in expected.items() if e["rank"] is not None and
            sum(1 for k2, e2 in expected.items() if k2[:2] == k[:2] and e2["rank"] == e["rank"]) > 1),
        sum(1 for e in ranked if e["rank_change"] is not None), sum(1 for e in ranked if e["unstable"]),
        len(expected) - len(ranked)))
    if warnings:
        print("tree warnings (checker): " + ", ".join("%s %s %s" % w for w in warnings))
    total_bad = 0
    for (table, field), n in sorted(rep.counts.items()):
        bad = rep.bad[(table, field)]
        if field != "value (bit-exact)":
            total_bad += bad
        print("  %-20s %-20s %8d compared, %6d disagree%s" % (table, field, n, bad,
                                                              " (tolerance allows)" if field == "value (bit-exact)" and bad else ""))
    for key, ex in sorted(rep.examples.items()):
        if ex:
            print("-- %s.%s:" % key)
            for line in ex:
                print("     " + line)
    print("RESULT: %s (%d disagreements)" % ("agree" if total_bad == 0 else "DISAGREE", total_bad))
    return 0 if total_bad == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
