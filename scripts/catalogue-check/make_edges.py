#!/usr/bin/env python3
"""Write a small hand-made inbox for the catalogue's corners (see README.md).

    make_edges.py OUT

Periods and what each holds:

- 2024, 2025 (years): three groups (one with a three-level tree, one group of one, a third the
  twin of the second, so that groups tie), a subsidiary whose parent never submitted, a cycle of
  two subsidiaries with a branch below it, an enterprise without industrial workers alone in its
  industry, one whose every row is rejected, twin enterprises (a tie), small rosters under the
  minimum base, null figures (one of D03's two, D01, A01, C04's pair), zero denominators (no
  front-line workers, no innovation achievements, no congress levels required, no new hires, no
  known wage, wages all 0), an indicator equal for every unit (D04: every industrial worker had
  the health check), decimal training hours and wages. 2024 has fewer enterprises and one in
  another industry, for the rank changes.
- 2025H1: a single group and nothing else (the only unit of its level).
- 2025H2: two enterprises alike in every value (no indicator differs), one group.
- 2025Q1..2025Q4: party_joined and hire_date on each side of the window's edges (A03, C07).
"""
import json
import os
import sys

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


def code(n):
    """A valid unified social credit code numbered n."""
    body = "91310000"
    digits = ""
    for _ in range(9):
        digits = ALPHABET[n % 31] + digits
        n //= 31
    s = body + digits
    total = sum(ALPHABET.index(c) * w for c, w in zip(s, WEIGHTS))
    check = 31 - total % 31
    return s + ALPHABET[0 if check == 31 else check]


FIGS = ["ideology_participants", "school_partnerships", "order_class_trainees", "competition_participants",
        "innovation_achievements", "achievements_converted", "rationalization_proposals", "proposals_adopted",
        "frontline_party_meeting_attendances", "congress_levels_required", "congress_levels_established",
        "employee_directors", "employee_supervisors", "dedicated_reform_staff", "reform_in_party_assessment",
        "innovation_funding_wan_yuan"]
HEADER = ("worker_id,industrial_worker,frontline,party_member,party_joined,skill_level,birth_year,gender,"
          "hire_date,annual_wage_yuan,training_hours,mentor_id,honours,mass_org_post,health_check,"
          "recuperation,studio_id")
SKILLS = ["none", "junior", "intermediate", "senior", "technician", "senior_technician",
          "special_technician", "chief_technician"]


def figures(seed, **over):
    f = {
        "ideology_participants": 50 + 7 * seed, "school_partnerships": seed % 3,
        "order_class_trainees": seed % 5, "competition_participants": 3 + seed * 2,
        "innovation_achievements": 10 + seed, "achievements_converted": 1 + seed % 7,
        "rationalization_proposals": 20 + 3 * seed, "proposals_adopted": 5 + seed % 11,
        "frontline_party_meeting_attendances": 1 + seed % 4, "congress_levels_required": 3,
        "congress_levels_established": 1 + seed % 3, "employee_directors": seed % 2,
        "employee_supervisors": 1, "dedicated_reform_staff": 1 + seed % 2,
        "reform_in_party_assessment": seed % 2 == 0, "innovation_funding_wan_yuan": 10.5,
    }
    f.update(over)
    return f


def roster(n, seed, year, industrial=True, frontline=True, health="Y", wages=True, zero_wages=False,
           hires_recent=True, bad=False, studio=None):
    """n rows of workers.csv varied by seed."""
    rows = [HEADER]
    for k in range(n):
        r = (seed * 31 + k * 17) % 97
        wid = "W%03d" % k
        skill = "bogus_level" if bad else SKILLS[r % 8]
        party = r % 3 == 0
        joined = "%d-%02d-15" % (year - (r % 3), 1 + r % 12) if party else ""
        hire = ("%d-%02d-01" % (year - 1 - r % 2, 1 + r % 12)) if hires_recent and r % 4 == 0 else \
            "%d-%02d-10" % (year - 10 - r % 20, 1 + r % 12)
        if not wages or r % 10 == 0:
            wage = ""
        elif zero_wages:
            wage = "0"
        else:
            wage = "%d.%04d" % (60000 + r * 1733 + SKILLS.index(skill if not bad else "none") * 15000, (r * 37) % 10000)
        hours = "%d.%04d" % (r % 40, (r * 7919) % 10000) if r % 5 else ""
        mentor = "W000" if k > 0 and hire.startswith(str(year - 1)) and r % 2 == 0 else ""
        honours = "shanghai_craftsman" if r % 13 == 0 else ("may1_medal;group_model_worker" if r % 29 == 0 else "")
        rows.append(",".join([
            wid, "Y" if industrial else ("Y" if r % 50 == 99 else "N"),
            "Y" if frontline and r % 4 != 1 else "N", "Y" if party else "N", joined, skill,
            str(1960 + r % 40), "MF"[r % 2], hire, wage, hours, mentor, honours,
            "Y" if r % 6 == 0 else "N", health if health != "mix" else ("Y" if r % 3 else "N"),
            "Y" if r % 7 == 0 else "N", (studio if studio and r % 5 == 0 else "")]))
    return "\r\n".join(rows) + "\r\n"


def write(out, period, eid, name, level, parent, industry, figs, workers, studios=None, when="2026-01-10T09:30:00+08:00"):
    d = os.path.join(out, period, eid)
    os.makedirs(d, exist_ok=True)
    doc = {"schema_version": 1, "period": period, "enterprise_id": eid, "name": name, "parent_id": parent,
           "level": level, "industry": industry, "district": "浦东新区", "submitted_at": when,
           "figures": {k: figs.get(k) for k in FIGS}}
    with open(os.path.join(d, "enterprise.json"), "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False, indent=2)
    with open(os.path.join(d, "workers.csv"), "w", encoding="utf-8", newline="") as f:
        f.write(workers)
    if studios:
        with open(os.path.join(d, "studios.csv"), "w", encoding="utf-8", newline="") as f:
            f.write("studio_id,type,level,established,leader_id,achievements,achievements_converted,funding_wan_yuan\r\n")
            for s in studios:
                f.write(s + "\r\n")


def years(out):
    G1, S1, S2, B1, G2, G3 = code(1001), code(1002), code(1003), code(1004), code(1005), code(1006)
    O1, MISSING, C1, C2, C3 = code(1007), code(1999), code(1008), code(1009), code(1010)
    Z1, R1, E1, E2, T1 = code(1011), code(1012), code(1013), code(1014), code(1015)
    N1, N2, N3 = code(1016), code(1017), code(1018)
    for period, y in (("2024", 2024), ("2025", 2025)):
        new = period == "2025"
        mw = ["LM01,model_worker,municipal,2015-03-01,W001,4,2,12.5"]
        cr = ["GJ01,craftsman,enterprise,2018-03-01,W002,2,1,3"]
        write(out, period, G1, "边角集团一", "group", None, "automotive", figures(1 + new),
              roster(60 + 5 * new, 1, y, studio="LM01"), mw)
        write(out, period, S1, "边角子公司一", "subsidiary", G1, "automotive", figures(2, school_partnerships=None),
              roster(25, 2, y), cr)
        write(out, period, S2, "边角子公司二", "subsidiary", G1, "high_end_equipment" if new else "automotive",
              figures(3, employee_directors=None), roster(12, 3, y, studio="GJ01"), cr)
        write(out, period, B1, "边角分公司一", "branch", S1, "automotive", figures(4, ideology_participants=None),
              roster(8, 4, y), None)
        # G2 and G3: twins, each a group of one
        for gid, nm in ((G2, "边角集团二"), (G3, "边角集团三")):
            write(out, period, gid, nm, "group", None, "biomedicine", figures(5), roster(40, 5, y), mw)
        # parent never submitted
        write(out, period, O1, "孤儿子公司", "subsidiary", MISSING, "biomedicine", figures(6), roster(30, 6, y))
        # cycle C1 -> C2 -> C1, with C3 below C1
        write(out, period, C1, "环一", "subsidiary", C2, "digital_economy", figures(7), roster(22, 7, y))
        write(out, period, C2, "环二", "subsidiary", C1, "digital_economy", figures(8), roster(18, 8, y))
        write(out, period, C3, "环下分公司", "branch", C1, "digital_economy", figures(9), roster(15, 9, y))
        # no industrial workers, alone in its industry
        write(out, period, Z1, "无产业工人", "subsidiary", G1, "metaverse", figures(10), roster(20, 10, y, industrial=False))
        if new:
            # every row rejected (unknown skill code): accepted with no workers
            write(out, period, R1, "全部拒收", "subsidiary", G2, "biomedicine", figures(11), roster(5, 11, y, bad=True))
            # twins: a tie among enterprises
            for eid, nm in ((E1, "双胞胎甲"), (E2, "双胞胎乙")):
                write(out, period, eid, nm, "subsidiary", G3, "smart_terminals", figures(12), roster(35, 12, y), mw)
            # zero denominators: no front-line workers, no achievements, no congress levels, no new hires,
            # no known wage
            write(out, period, N1, "零分母一", "subsidiary", G1, "other",
                  figures(13, innovation_achievements=0, achievements_converted=0, congress_levels_required=0,
                          congress_levels_established=0, reform_in_party_assessment=None),
                  roster(14, 13, y, frontline=False, wages=False, hires_recent=False))
            # wages all 0 (mean wage 0), figures all null
            write(out, period, N2, "零工资", "branch", N1, "other", {k: None for k in FIGS},
                  roster(11, 14, y, zero_wages=True))
            # small roster, figures of C04 null
            write(out, period, N3, "小企业", "subsidiary", O1, "other",
                  figures(15, innovation_achievements=None, achievements_converted=None), roster(3, 15, y))
        else:
            # G2 and G3 stay twins this year (a tie among groups); these two hang below the orphan
            write(out, period, T1, "去年另一行业", "subsidiary", O1, "other", figures(16), roster(33, 16, y))
            write(out, period, E1, "双胞胎甲", "subsidiary", O1, "urban_services", figures(12), roster(35, 12, y), mw)


def halves(out):
    write(out, "2025H1", code(2001), "独一集团", "group", None, "automotive", figures(1), roster(30, 1, 2025))
    for n, nm in ((2002, "同甲"), (2003, "同乙")):
        write(out, "2025H2", code(n), nm, "group" if n == 2002 else "subsidiary", None if n == 2002 else code(2002),
              "automotive", figures(1), roster(30, 1, 2025))


def quarters(out):
    for q, (start, end) in {1: ("01-01", "03-31"), 2: ("04-01", "06-30"),
                            3: ("07-01", "09-30"), 4: ("10-01", "12-31")}.items():
        period = "2025Q%d" % q
        prev_day = {1: "2024-12-31", 2: "2025-03-31", 3: "2025-06-30", 4: "2025-09-30"}[q]
        three_back = "2022-" + end                     # reference minus 3 years: out
        three_back_next = {1: "2022-04-01", 2: "2022-07-01", 3: "2022-10-01", 4: "2023-01-01"}[q]  # in
        for n in range(3):
            rows = [HEADER]
            edge = [("E1", "Y", "2025-" + start, "2010-01-01"),      # joined on the first day: A03 in
                    ("E2", "Y", "2025-" + end, three_back),         # joined on the last day: in; hired -3y: out
                    ("E3", "Y", prev_day, three_back_next),         # joined the day before: out; hired: in
                    ("E4", "N", "", "2025-" + end)]                 # hired on the reference date: in
            for wid, party, joined, hire in edge:
                rows.append(",".join([wid, "Y", "Y", party, joined, "senior", "1980", "M", hire, "100000", "8",
                                      "E1" if wid in ("E3", "E4") and n > 0 else "", "", "N", "Y", "N", ""]))
            for k in range(10 + 3 * n):
                rows.append(",".join(["X%02d" % k, "Y", "Y" if k % 2 else "N", "Y" if k % 3 == n else "N",
                                      "2020-05-05" if k % 3 == n else "", SKILLS[(k + n) % 8], "1985", "F",
                                      "2015-05-05", str(50000 + 1000 * k), "%d.5" % k, "", "", "N", "Y", "N", ""]))
            # the same three enterprises every quarter, for the rank changes
            write(out, period, code(3000 + n), "季度-%d" % n, "group" if n == 0 else "subsidiary",
                  None if n == 0 else code(3000), "automotive", figures(n + q),
                  "\r\n".join(rows) + "\r\n")


def main(argv):
    if len(argv) != 1:
        raise SystemExit("usage: make_edges.py OUT")
    out = argv[0]
    if os.path.exists(out) and os.listdir(out):
        raise SystemExit("not empty: " + out)
    years(out)
    halves(out)
    quarters(out)


if __name__ == "__main__":
    main(sys.argv[1:])
