#!/usr/bin/env python3
"""Run `changai ingest` on an inbox and compare its tables with contract_check.py's verdicts.

usage: compare.py INBOX WAREHOUSE [--no-run] [--examples N]

Per submission: verdict and the set of submission reason codes. Per data record of an accepted
submission: accepted (in `workers`/`studios` at that line) or rejected with that reason code
at that line, each record exactly once. Warnings of accepted submissions: (file, line, code)
for the link, column, file and field warnings. Refused submissions: rows read per file, from
the run record. Disagreements are printed grouped by class, with examples.
"""
import collections
import csv
import glob
import io
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
import contract_check  # noqa: E402

CHANGAI = os.path.join(ROOT, "scripts", "changai")
WARN_CODES = {"MENTOR_NOT_FOUND", "STUDIO_NOT_FOUND", "LEADER_NOT_FOUND", "IGNORED_COLUMN",
              "IGNORED_FILE", "UNKNOWN_FIELD"}


def sql(wh, query):
    out = subprocess.run([CHANGAI, "sql", "--warehouse", wh, "--csv", "--max-rows", "100000000", query],
                         check=True, capture_output=True, text=True).stdout
    return list(csv.DictReader(io.StringIO(out)))


def main(argv):
    inbox, wh = argv[1], argv[2]
    nexamples = 3
    if "--examples" in argv:
        nexamples = int(argv[argv.index("--examples") + 1])
    if "--no-run" not in argv:
        r = subprocess.run([CHANGAI, "ingest", "--inbox", inbox, "--warehouse", wh],
                           capture_output=True, text=True)
        if r.returncode not in (0, 3):
            print(r.stdout[-3000:], r.stderr[-3000:])
            raise SystemExit("ingest failed with exit %d" % r.returncode)
    mine = {}
    for s in contract_check.check_inbox(inbox):
        eid = s["enterprise_id"]
        if eid is not None and not contract_check.credit_code_ok(eid) and contract_check.holds_personal_number(eid):
            eid = "*" * len(eid)  # the program records such a folder masked (docs/ingest.md)
        if (s["period"], eid) in mine:
            # two folders masked alike share one key in the tables: compare them together
            held = mine[(s["period"], eid)]
            held["codes"] |= s["codes"]
            held["rows"] += s["rows"]
            continue
        mine[(s["period"], eid)] = s

    theirs_sub = collections.defaultdict(set)
    for r in sql(wh, "select period, enterprise_id, reason_code from rejected_submissions"):
        theirs_sub[(r["period"], r["enterprise_id"] or None)].add(r["reason_code"])
    accepted = {(r["period"], r["enterprise_id"]) for r in sql(wh, "select period, enterprise_id from enterprises")}
    rows = collections.defaultdict(list)
    for r in sql(wh, "select period, enterprise_id, line from workers"):
        rows[(r["period"], r["enterprise_id"])].append(("workers.csv", int(r["line"]), "accepted"))
    for r in sql(wh, "select period, enterprise_id, line from studios"):
        rows[(r["period"], r["enterprise_id"])].append(("studios.csv", int(r["line"]), "accepted"))
    for r in sql(wh, "select period, enterprise_id, file, line, reason_code from rejected_rows"):
        rows[(r["period"], r["enterprise_id"])].append((r["file"], int(r["line"]) if r["line"] else None,
                                                       r["reason_code"]))
    warns = collections.defaultdict(list)
    for r in sql(wh, "select period, enterprise_id, file, line, reason_code from warnings"):
        if r["reason_code"] in WARN_CODES:
            warns[(r["period"], r["enterprise_id"] or None)].append(
                (r["file"], int(r["line"]) if r["line"] else None, r["reason_code"]))
    record = {}
    for f in sorted(glob.glob(os.path.join(wh, "runs", "*.json"))):
        for s in json.load(open(f)).get("submissions", []):
            record[(s["period"], s["enterprise_id"])] = s

    diffs = collections.defaultdict(list)
    nrows = nsubs = 0
    for key, s in sorted(mine.items(), key=lambda kv: (kv[0][0], kv[0][1] or "")):
        nsubs += 1
        t_codes = theirs_sub.get(key, set())
        t_verdict = "accepted" if key in accepted else ("refused" if t_codes else "missing")
        if s["verdict"] != t_verdict or s["codes"] != t_codes:
            diffs[("submission", tuple(sorted(s["codes"])), tuple(sorted(t_codes)), t_verdict)].append(key)
            continue
        if s["verdict"] == "refused":
            rec = record.get(key)
            if rec and "counts" in rec:
                for fname, col in (("workers.csv", "workers_read"), ("studios.csv", "studios_read")):
                    m = sum(1 for r in s["rows"] if r[0] == fname)
                    if m != rec["counts"].get(col, 0):
                        diffs[("rows read of refused", fname)].append((key, m, rec["counts"].get(col)))
            continue
        m_rows = collections.Counter((f, l) for f, l, c in s["rows"])
        t_rows = collections.Counter((f, l) for f, l, c in rows.get(key, []))
        for k2, n in t_rows.items():
            if n > 1:
                diffs[("line counted twice by program",)].append((key, k2))
        m_map = {(f, l): c for f, l, c in s["rows"]}
        t_map = {(f, l): c for f, l, c in rows.get(key, [])}
        for k2 in sorted(set(m_map) | set(t_map), key=lambda x: (x[0], x[1] or 0)):
            nrows += 1
            a, b = m_map.get(k2, "absent"), t_map.get(k2, "absent")
            if a != b:
                diffs[("row", k2[0], a, b)].append((key, k2[1]))
        mw = collections.Counter(s["warnings"])
        tw = collections.Counter(warns.get(key, []))
        for w in sorted(set(mw) | set(tw), key=str):
            if mw[w] != tw[w]:
                diffs[("warning", w[0] if w[2] != "IGNORED_FILE" else "*", w[2], mw[w], tw[w])].append((key, w[1]))
    for key in set(theirs_sub) | accepted:
        if key not in mine:
            diffs[("submission only in program", tuple(sorted(theirs_sub.get(key, ()))))].append(key)
    print("compared %d submissions, %d data records" % (nsubs, nrows))
    if not diffs:
        print("no disagreements")
    for cls, items in sorted(diffs.items(), key=lambda kv: str(kv[0])):
        print("%-90s %5d  e.g. %s" % (cls, len(items), items[:nexamples]))
    return 1 if diffs else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
