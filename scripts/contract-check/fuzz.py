#!/usr/bin/env python3
"""Seeded fuzzer: writes an inbox of hostile and careless variants of valid submissions.

usage: fuzz.py --seed N --out INBOX --base INBOX [--base INBOX]... [--submissions K] [--kinds a,b]

Starts from the accepted submissions of the base inboxes (`changai generate` output,
sample-data/inbox) and applies one to four mutation kinds (see KINDS) to each copy. New
submissions get fresh valid credit codes so that many fit in one period. The same seed and
bases give the same bytes. The program and contract_check.py are then compared on the result
with compare.py.
"""
import argparse
import json
import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import contract_check as cc  # noqa: E402


class Raw(str):
    """A cell written verbatim (no quoting), to place stray quotes and odd bytes."""


def new_credit_code(rng):
    while True:
        body = "9131" + "".join(rng.choice(cc.CREDIT_CHARS) for _ in range(13))
        s = sum(cc.CREDIT_CHARS.index(c) * w for c, w in zip(body, cc.CREDIT_WEIGHTS))
        check = 31 - s % 31
        code = body + cc.CREDIT_CHARS[0 if check == 31 else check]
        if cc.credit_code_ok(code):
            return code


def identity_number(rng, x=False):
    while True:
        body = rng.choice(["110105", "310104", "440305"]) + "%04d%02d%02d" % (
            rng.randint(1950, 2005), rng.randint(1, 12), rng.randint(1, 28)) + "%03d" % rng.randint(0, 999)
        w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        check = "10X98765432"[sum(int(c) * k for c, k in zip(body, w)) % 11]
        if x == (check == "X"):
            return body + check


def mobile(rng):
    return "1" + rng.choice("3456789") + "".join(rng.choice("0123456789") for _ in range(9))


FULL = {chr(c): chr(c + 0xFEE0) for c in range(0x21, 0x7F)}


def fullwidth(s):
    return "".join(FULL.get(c, c) for c in s)


class Sub:
    def __init__(self, period, eid, doc, workers, studios):
        self.period, self.eid, self.doc = period, eid, doc
        self.workers = workers      # [header, rows]
        self.studios = studios      # [header, rows] or None
        self.json_text = None       # verbatim enterprise.json when set
        self.json_bytes = None
        self.enc = {"workers.csv": "utf-8", "studios.csv": "utf-8"}
        self.bom = {"workers.csv": False, "studios.csv": False}
        self.eol = {"workers.csv": "\n", "studios.csv": "\n"}
        self.post = {"workers.csv": [], "studios.csv": []}   # functions on the list of lines
        self.tail = {"workers.csv": "", "studios.csv": ""}   # text after the last record
        self.byte_post = {"workers.csv": [], "studios.csv": []}
        self.extra = {}             # name -> bytes, or ('symlink', target) or ('dir', None)
        self.drop = set()
        self.folder = None          # override folder name
        self.period_folder = None
        self.kinds = []


def load_base(inbox):
    subs = []
    for period in sorted(os.listdir(inbox)):
        if cc.period_window(period) is None:
            continue
        for eid in sorted(os.listdir(os.path.join(inbox, period))):
            folder = os.path.join(inbox, period, eid)
            res = cc.check_submission(folder, period, eid, cc.period_window(period))
            if res["verdict"] != "accepted":
                continue
            doc = json.load(open(os.path.join(folder, "enterprise.json"), encoding="utf-8"))

            def table(name):
                p = os.path.join(folder, name)
                if not os.path.exists(p):
                    return None
                recs = list(cc.records(cc.decode(open(p, "rb").read())))
                return [recs[0][1], [r[1] for r in recs[1:]]]
            subs.append((period, doc, table("workers.csv"), table("studios.csv")))
    return subs


def col(t, name):
    return t[0].index(name) if name in t[0] else None


def rows_sample(rng, t, k):
    if not t[1]:
        return []
    return [rng.randrange(len(t[1])) for _ in range(k)]


def set_cell(rng, t, name, value, k=1):
    c = col(t, name)
    if c is None:
        return
    for r in rows_sample(rng, t, k):
        if c < len(t[1][r]):
            t[1][r][c] = value(t[1][r][c]) if callable(value) else value


# -------------------------------------------------------------------- mutation kinds

SPACES = [" ", "  ", "\t", "\u00a0", "\u3000", "\u202f", "\u2007", "\u200b", "\u0085", "\ufeff", "\u2003"]


def m_whitespace(rng, s):
    for t in (s.workers, s.studios):
        if t is None:
            continue
        for _ in range(rng.randint(1, 8)):
            c = rng.randrange(len(t[0]))
            for r in rows_sample(rng, t, 1):
                sp = rng.choice(SPACES)
                v = t[1][r][c]
                t[1][r][c] = rng.choice([sp + v, v + sp, sp + v + sp, sp])


def m_fullwidth(rng, s):
    t = s.workers
    for name in rng.sample(t[0], 3):
        set_cell(rng, t, name, fullwidth, rng.randint(1, 3))


def m_bool_case(rng, s):
    t = s.workers
    vals = ["y", "n", "TRUE", "False", "tRuE", "是", "否", "1", "0", "yes", "T", "Y ", " N", "1.0", "是的", "Ｙ"]
    for name in ("industrial_worker", "frontline", "party_member", "mass_org_post", "health_check", "recuperation"):
        set_cell(rng, t, name, lambda v: rng.choice(vals), rng.randint(0, 3))


def m_codes(rng, s):
    t = s.workers
    skills = ["SENIOR", "Senior", "高级工", "三级", "高级工（三级）", "高级工 (三级)", "高级工(三级)", "初级工（四级）",
              "Junior", "无", "NONE", "首席技师", "chief technician", "chief_Technician", "技师(二级)", "二级",
              "特级技师", "high", "高级工 （三级）", "中级工（ 四级 ）"]
    set_cell(rng, t, "skill_level", lambda v: rng.choice(skills), rng.randint(1, 4))
    set_cell(rng, t, "gender", lambda v: rng.choice(["m", "f", "男", "女", "Male", "X", "Ｍ", "M "]), rng.randint(1, 3))
    hon = ["shanghai_craftsman", "上海工匠", "SHANGHAI_CRAFTSMAN", "may1_medal;大国工匠", "may1_medal；集团劳模",
           ";", "a;;b", "may1_medal;;", "；may1_medal", "may1_medal,大国工匠", "全国劳动模范 ; 上海市劳动模范",
           "may1_medal;may1_medal", "craftsman", "national_model_worker ;\u3000group_model_worker"]
    set_cell(rng, t, "honours", lambda v: rng.choice(hon), rng.randint(1, 4))
    if s.studios:
        st = s.studios
        set_cell(rng, st, "type", lambda v: rng.choice(["MODEL_WORKER", "劳模创新工作室", "工匠创新工作室", "首席技师工作室",
                                                      "Craftsman", "劳模工作室", ""]), 1)
        set_cell(rng, st, "level", lambda v: rng.choice(["NATIONAL", "全国", "市级", "集团级", "企业级", "Group", "国家级", ""]), 1)


CN_HEADER = dict(cc.WORKER_COLUMNS)
CN_HEADER.update(dict(cc.STUDIO_COLUMNS))


def m_header(rng, s):
    for t in (s.workers, s.studios):
        if t is None:
            continue
        style = rng.choice(["chinese", "mixed", "upper", "pad", "bom"])
        for k, h in enumerate(t[0]):
            if h not in CN_HEADER:
                continue
            if style == "chinese" or (style == "mixed" and rng.random() < 0.5):
                t[0][k] = CN_HEADER[h]
            elif style == "upper":
                t[0][k] = rng.choice([h.upper(), h.title()])
            elif style == "pad":
                t[0][k] = rng.choice([" ", "\u3000", "\t", "\u00a0"]) + h + rng.choice([" ", ""])
            elif style == "bom" and k == rng.randrange(len(t[0])):
                t[0][k] = "\ufeff" + h


def m_reorder(rng, s):
    for t in (s.workers, s.studios):
        if t is None:
            continue
        perm = list(range(len(t[0])))
        rng.shuffle(perm)
        t[0] = [t[0][p] for p in perm]
        t[1] = [[r[p] for p in perm] if len(r) == len(perm) else r for r in t[1]]


def add_column(t, name, value):
    t[0].append(name)
    for r in t[1]:
        r.append(value(r) if callable(value) else value)


def m_unknown_columns(rng, s):
    t = s.workers
    for _ in range(rng.randint(1, 3)):
        name = rng.choice(["notes", "姓名", "备注", "studio ID", "telegram", "identifier", "contact person", "政治身份",
                           "部门", "worker id", "Worker_ID2", "cellar", "identification"])
        add_column(t, name, lambda r: rng.choice(["", "x", "张三", "a,b", "line1\nline2", 'say "hi"']))


def m_personal_column(rng, s):
    t = rng.choice([s.workers, s.studios or s.workers])
    name = rng.choice(["身份证号", "手机号", "联系电话", "身份证号码（必填）", "手 机号", "居民身份号", "护照号码", "Phone Number",
                       "mobile_phone", "idNumber", "ＰＨＯＮＥ", "ID#", "national_id", "contact_number",
                       "Identification Number", "HP No", "电话", "sfzh", "Tel", "ssn", "身份證號", "Phone1", "mobile2"])
    add_column(t, name, "")


def m_duplicate_header(rng, s):
    t = rng.choice([s.workers, s.studios or s.workers])
    k = rng.randrange(len(t[0]))
    h = t[0][k]
    twin = rng.choice([h, CN_HEADER.get(h, h), h.upper()])
    add_column(t, twin, lambda r: r[k] if len(r) > k else "")


def m_drop_column(rng, s):
    t = rng.choice([s.workers, s.studios or s.workers])
    k = rng.randrange(len(t[0]))
    del t[0][k]
    for r in t[1]:
        if len(r) > k:
            del r[k]


def m_trailing_commas(rng, s):
    t = s.workers
    n = rng.randint(1, 3)
    t[0] += [""] * n
    for r in t[1]:
        r += [""] * n
    if rng.random() < 0.5 and t[1]:
        t[1][rng.randrange(len(t[1]))][-1] = "stray"


def m_field_count(rng, s):
    t = rng.choice([s.workers, s.studios or s.workers])
    for r in rows_sample(rng, t, rng.randint(1, 3)):
        if rng.random() < 0.5:
            t[1][r] = t[1][r] + [rng.choice(["", "x"])] * rng.randint(1, 2)
        else:
            t[1][r] = t[1][r][:-rng.randint(1, 2)] or [""]


def m_encoding(rng, s):
    name = rng.choice(["workers.csv", "studios.csv"] if s.studios else ["workers.csv"])
    choice = rng.choice(["gb18030", "gbk", "utf-8-bom", "bad-byte", "bom-gb", "gb18030-4byte", "gbk-euro"])
    t = s.workers if name == "workers.csv" else s.studios
    if choice in ("gb18030", "gbk"):
        s.enc[name] = choice
        t[0] = [CN_HEADER.get(h, h) for h in t[0]]
    elif choice == "utf-8-bom":
        s.bom[name] = True
    elif choice == "bad-byte":
        s.byte_post[name].append(lambda b: b[:len(b) // 2] + b"\xff\xfe" + b[len(b) // 2:])
    elif choice == "bom-gb":
        s.enc[name] = "gb18030"
        t[0] = [CN_HEADER.get(h, h) for h in t[0]]
        s.byte_post[name].append(lambda b: b"\xef\xbb\xbf" + b)
    elif choice == "gb18030-4byte":
        s.enc[name] = "gb18030"
        t[0] = [CN_HEADER.get(h, h) for h in t[0]]
        add_column(t, "备注", lambda r: rng.choice(["€", "😀", "\u20ac", "䶮"]))
    elif choice == "gbk-euro":
        s.enc[name] = "gbk"
        t[0] = [CN_HEADER.get(h, h) for h in t[0]]
        add_column(t, "备注", "€")


def m_eol(rng, s):
    for name in s.eol:
        s.eol[name] = rng.choice(["\r\n", "\r", "\n", "mixed"])


def m_quoted_newlines(rng, s):
    t = s.workers
    c = rng.randrange(len(t[0]))
    for r in rows_sample(rng, t, rng.randint(1, 3)):
        v = t[1][r][c]
        t[1][r][c] = rng.choice([v + "\n", "\n" + v, v[:1] + "\r\n" + v[1:], v + '"', '"' + v + '"', v + "\r"])
    if rng.random() < 0.5:
        add_column(t, "备注", lambda r: rng.choice(["", "a\nb", "a\r\nb\r\nc", '"quoted"', "x,y", "\n"]))


def m_stray_quotes(rng, s):
    t = rng.choice([s.workers, s.studios or s.workers])
    for r in rows_sample(rng, t, rng.randint(1, 3)):
        c = rng.randrange(len(t[0]))
        v = t[1][r][c]
        t[1][r][c] = Raw(rng.choice(['"%s"x' % v, '%s"' % v, 'W"1' if c == 0 else v + '"', '"%s" ' % v,
                                     ' "%s"' % v, '"%s"  ' % v, '"%s"""' % v, '""%s' % v, '"%s"\t' % v,
                                     '"%s"\u3000' % v]))


def m_unterminated(rng, s):
    t = rng.choice([s.workers, s.studios or s.workers])
    if not t[1]:
        return
    r = rng.randrange(len(t[1]))
    t[1][r][rng.randrange(len(t[1][r]))] = Raw('"' + "open")


def m_empty_lines(rng, s):
    name = rng.choice(["workers.csv", "studios.csv"] if s.studios else ["workers.csv"])
    width = len((s.workers if name == "workers.csv" else s.studios)[0])

    def post(lines, rng=rng, width=width):
        for _ in range(rng.randint(1, 4)):
            what = rng.choice(["", "", " ", "\t", "," * (width - 1), "," * (width - 3), " , ,", "\u3000",
                               '""', '"",""'])
            where = rng.choice(["top", "mid", "end"])
            k = 0 if where == "top" else (len(lines) if where == "end" else rng.randint(1, len(lines)))
            lines.insert(k, what)
        return lines
    s.post[name].append(post)
    if rng.random() < 0.3:
        s.tail[name] = rng.choice(["\n\n", "\r\n\r\n", " ", "\n,,,"])


def m_odd_ids(rng, s):
    t = s.workers
    odd = ["E 001", "E.001", "张三", "E001\u200b", "Ｅ００１", "E" * 64, "E" * 65, "E-_1", "-", "_", "E\t1", "E001😀",
           "e0001", "E0001 ", "\u00a0E0001", "E\u3000", "a/b", "E'1", "E;1", "０"]
    set_cell(rng, t, "worker_id", lambda v: rng.choice(odd), rng.randint(1, 4))
    if s.studios:
        set_cell(rng, s.studios, "studio_id", lambda v: rng.choice(odd), 1)


def personal_shapes(rng):
    idn = identity_number(rng)
    mob = mobile(rng)
    return [idn, identity_number(rng, True), identity_number(rng, True)[:-1] + "x", mob, "E" + mob, "tel" + mob,
            "A" + idn, mob[:3] + "_" + mob[3:7] + "_" + mob[7:], mob[:3] + "-" + mob[3:7] + "-" + mob[7:],
            idn[:6] + "-" + idn[6:14] + "-" + idn[14:], "86" + mob, "0086" + mob, mob + "x", idn + "X",
            "1" + idn, "12345678901", "10" + mob[2:], fullwidth(mob), idn[:17], "E" + idn[:17] + "Z",
            mob[:3] + " " + mob[3:7] + " " + mob[7:], "W" + mob[:6] + "_______" + mob[6:], "W%s" % idn[:9]]


def m_personal_ids(rng, s):
    set_cell(rng, s.workers, "worker_id", lambda v: rng.choice(personal_shapes(rng)), rng.randint(1, 4))
    if s.studios:
        set_cell(rng, s.studios, "studio_id", lambda v: rng.choice(personal_shapes(rng)), 1)


def m_links(rng, s):
    t = s.workers
    ids = [r[col(t, "worker_id")] for r in t[1] if col(t, "worker_id") is not None and len(r) == len(t[0])]
    sids = [r[0] for r in s.studios[1]] if s.studios else []
    pool = personal_shapes(rng) + ["NOBODY", "张三", "E 1", "", " ", "LM99", "e0001", "x" * 70] + ids[:5] + sids
    set_cell(rng, t, "mentor_id", lambda v: rng.choice(pool + ids), rng.randint(1, 6))
    set_cell(rng, t, "studio_id", lambda v: rng.choice(pool + sids * 3), rng.randint(1, 6))
    # a mentor that is the worker itself
    c, m = col(t, "worker_id"), col(t, "mentor_id")
    if c is not None and m is not None and t[1]:
        r = t[1][rng.randrange(len(t[1]))]
        r[m] = r[c]
    if s.studios:
        set_cell(rng, s.studios, "leader_id", lambda v: rng.choice(pool + ids), rng.randint(1, 2))


def m_rejected_mentor(rng, s):
    """Mentors that are themselves rejected rows, or duplicated."""
    t = s.workers
    c, m, h = col(t, "worker_id"), col(t, "mentor_id"), col(t, "hire_date")
    if None in (c, m, h) or len(t[1]) < 3:
        return
    a, b = rng.sample(range(len(t[1])), 2)
    t[1][a][h] = "2099-01-01"
    t[1][b][m] = t[1][a][c]
    if s.studios:
        set_cell(rng, s.studios, "leader_id", t[1][a][c], 1)
        sc = col(t, "studio_id")
        if sc is not None:
            bad = s.studios[1][0][:]
            bad[col(s.studios, "type")] = "nonsense"
            s.studios[1].append(bad)


def period_dates(s):
    start, end, year = cc.period_window(s.period)
    import datetime
    d = datetime.timedelta(days=1)
    return [str(end), str(end + d), str(start - d), str(start), "%d-02-29" % year, "2024-02-29", "2023-02-29",
            "%d/%d/%d" % (end.year, end.month, end.day), "%d/%02d/%02d" % (end.year, end.month, end.day),
            "%d-%d-%d" % (end.year, end.month, end.day), "0000-01-01", "0001-01-01", "9999-12-31",
            "%s 00:00" % end, end.strftime("%Y%m%d"), fullwidth(str(start)), "2025-13-01", "2025/2/30",
            "%d/12/31" % (year + 1), "2025.01.05", "05/01/2025", " %s " % start, "1900-01-01", "999-01-01"]


def m_dates(rng, s):
    t = s.workers
    for name in ("party_joined", "hire_date"):
        set_cell(rng, t, name, lambda v: rng.choice(period_dates(s)), rng.randint(1, 4))
    if s.studios:
        set_cell(rng, s.studios, "established", lambda v: rng.choice(period_dates(s)), 1)


NUMBERS = ["123.123456789", "-1", "-0", "-0.00001", "0.00005", "1e3", "1E+05", "1,234", "1，234", "+5", ".5", "5.",
           "NaN", "Infinity", "123456789012345", "99999999999999.99995", "99999999999999.9999", "12345678901234",
           "0x10", "１２３", "12 345", "1_000", "13912345678", "¥100", "100元", "0.0", "00012", "1.2.3", "-", "1e-5",
           "3.00001", "2147483647", "2147483648", "-2147483648"]


def m_numbers(rng, s):
    t = s.workers
    for name in ("annual_wage_yuan", "training_hours", "birth_year"):
        set_cell(rng, t, name, lambda v: rng.choice(NUMBERS), rng.randint(1, 4))
    start, end, year = cc.period_window(s.period)
    set_cell(rng, t, "birth_year", lambda v: rng.choice([str(x) for x in (1939, 1940, year - 15, year - 14)] +
                                                       ["1985.0", "-1985", "+1985", "１９８５", "85", "01985"]), 2)
    if s.studios:
        st = s.studios
        for name in ("achievements", "achievements_converted", "funding_wan_yuan"):
            set_cell(rng, st, name, lambda v: rng.choice(NUMBERS + ["", "0", "999"]), 1)


def m_blank_required(rng, s):
    t = s.workers
    for name in rng.sample(t[0], 4):
        set_cell(rng, t, name, rng.choice(["", " ", "\u3000"]), rng.randint(1, 2))
    if s.studios:
        set_cell(rng, s.studios, rng.choice(s.studios[0]), "", 1)


def m_duplicates(rng, s):
    t = s.workers
    c = col(t, "worker_id")
    if c is None or not t[1]:
        return
    for _ in range(rng.randint(1, 3)):
        r = t[1][rng.randrange(len(t[1]))][:]
        v = r[c]
        r[c] = rng.choice([v, v.lower(), " " + v, v + "\u00a0", v])
        if rng.random() < 0.5 and col(t, "hire_date") is not None:
            r[col(t, "hire_date")] = "garbage"
        t[1].insert(rng.randint(0, len(t[1])), r)
    if s.studios and s.studios[1]:
        s.studios[1].append(s.studios[1][0][:])


def m_party(rng, s):
    t = s.workers
    pm, pj = col(t, "party_member"), col(t, "party_joined")
    if pm is None or pj is None:
        return
    for r in rows_sample(rng, t, 3):
        t[1][r][pm] = rng.choice(["N", "否", "0", "Y"])
        t[1][r][pj] = rng.choice(["2010-01-01", "garbage", "", "2099-01-01"])


def m_json(rng, s):
    d = s.doc
    choice = rng.choice(["bom", "gbk", "trailing_comma", "sv_string", "sv_float", "sv2", "sv_missing", "missing_name",
                         "level_case", "industry_cn", "group_parent", "no_parent", "bad_parent", "period_mismatch",
                         "eid_mismatch", "neg_figure", "float_figure", "string_figure", "frac_figure",
                         "congress", "funding_neg", "funding_huge", "funding_exp", "no_offset", "unknown_field",
                         "name_ctrl", "name_phone", "name_long", "no_figures", "null_figures", "figure_null",
                         "bool_string", "ws_level", "nan", "array", "dup_key", "figure_exp", "submitted_z",
                         "submitted_nanos", "name_200", "district_bidi", "figures_missing_one", "level_bad",
                         "parent_identity", "unknown_figure"])
    s.kinds.append("json:" + choice)
    f = d["figures"]
    if choice == "bom":
        s.json_bytes = b"\xef\xbb\xbf" + json.dumps(d, ensure_ascii=False, indent=2).encode("utf-8")
    elif choice == "gbk":
        s.json_bytes = json.dumps(d, ensure_ascii=False, indent=2).encode("gbk")
    elif choice == "trailing_comma":
        s.json_text = json.dumps(d, ensure_ascii=False, indent=2)[:-1] + ",}"
    elif choice == "sv_string":
        d["schema_version"] = "1"
    elif choice == "sv_float":
        s.json_text = json.dumps(d, ensure_ascii=False).replace('"schema_version": 1', '"schema_version": 1.0')
    elif choice == "sv2":
        d["schema_version"] = 2
    elif choice == "sv_missing":
        del d["schema_version"]
    elif choice == "missing_name":
        del d[rng.choice(["name", "district", "industry", "level", "submitted_at", "period", "enterprise_id"])]
    elif choice == "level_case":
        d["level"] = d["level"].title()
    elif choice == "industry_cn":
        d["industry"] = "集成电路"
    elif choice == "group_parent":
        d["level"] = "group"
        d["parent_id"] = new_credit_code(rng)
    elif choice == "no_parent":
        d["level"] = rng.choice(["subsidiary", "branch"])
        if rng.random() < 0.5:
            d["parent_id"] = None
        else:
            d.pop("parent_id", None)
    elif choice == "bad_parent":
        d["level"] = "subsidiary"
        d["parent_id"] = rng.choice(["91310000ABCDEFGHIJ", "", "x", 12])
    elif choice == "period_mismatch":
        d["period"] = rng.choice(["2024", "2025H1", s.period + " "])
    elif choice == "eid_mismatch":
        d["enterprise_id"] = new_credit_code(rng)
    elif choice == "neg_figure":
        f[rng.choice(cc.WHOLE_FIGURES)] = -1
    elif choice == "float_figure":
        s.json_text = json.dumps(d, ensure_ascii=False).replace('"school_partnerships": %d' % f["school_partnerships"],
                                                                '"school_partnerships": %d.0' % f["school_partnerships"])
    elif choice == "string_figure":
        f["school_partnerships"] = "3"
    elif choice == "frac_figure":
        f["school_partnerships"] = 3.5
    elif choice == "congress":
        f["congress_levels_required"], f["congress_levels_established"] = 2, 3
    elif choice == "funding_neg":
        f["innovation_funding_wan_yuan"] = -0.5
    elif choice == "funding_huge":
        s.json_text = json.dumps(d, ensure_ascii=False).replace(
            '"innovation_funding_wan_yuan": %s' % json.dumps(f["innovation_funding_wan_yuan"]),
            '"innovation_funding_wan_yuan": ' + rng.choice(["99999999999999.99995", "99999999999999.9999", "1e14",
                                                             "12345678901234.5678"]))
    elif choice == "funding_exp":
        s.json_text = json.dumps(d, ensure_ascii=False).replace(
            '"innovation_funding_wan_yuan": %s' % json.dumps(f["innovation_funding_wan_yuan"]),
            '"innovation_funding_wan_yuan": ' + rng.choice(["1.5e2", "1E-3", "-0.0", "0e0", "-1e-9"]))
    elif choice == "figure_exp":
        s.json_text = json.dumps(d, ensure_ascii=False).replace(
            '"school_partnerships": %d' % f["school_partnerships"],
            '"school_partnerships": ' + rng.choice(["2e1", "1e400", "9223372036854775807", "9223372036854775808",
                                                    "-0", "1.5e0", "30e-1"]))
    elif choice == "no_offset":
        d["submitted_at"] = rng.choice(["2026-01-10T09:30:00", "2026-01-10", "2026-01-10 09:30:00+08:00",
                                        "2026-01-10T09:30+08:00", "2026-01-10T09:30:00+0800", "yesterday"])
    elif choice == "submitted_z":
        d["submitted_at"] = rng.choice(["2026-01-10T01:30:00Z", "2026-01-10T09:30:00.123+08:00",
                                        "0000-01-01T00:00:00Z", "10000-01-01T00:00:00Z", "2026-02-30T00:00:00Z"])
    elif choice == "submitted_nanos":
        d["submitted_at"] = "2026-01-10T09:30:00.0000009+08:00"
    elif choice == "unknown_field":
        d["contact"] = "x"
    elif choice == "unknown_figure":
        f["extra_figure"] = 1
    elif choice == "name_ctrl":
        d["name"] = d["name"] + rng.choice(["\n", "\u202e", "\x07", "\t"])
    elif choice == "name_phone":
        d[rng.choice(["name", "district"])] = d["name"] + rng.choice([mobile(rng), identity_number(rng),
                                                                      "电话139-1234-5678", "2025年"])
    elif choice == "name_long":
        d["name"] = "公" * 201
    elif choice == "name_200":
        d["name"] = "公" * 200
    elif choice == "district_bidi":
        d["district"] = "\u2066浦东"
    elif choice == "no_figures":
        del d["figures"]
    elif choice == "null_figures":
        d["figures"] = None
    elif choice == "figure_null":
        f["school_partnerships"] = None
    elif choice == "figures_missing_one":
        del f["ideology_participants"]
    elif choice == "bool_string":
        f["reform_in_party_assessment"] = rng.choice(["true", 1, "Y"])
    elif choice == "ws_level":
        d["level"] = " " + d["level"]
    elif choice == "level_bad":
        d["level"] = "division"
    elif choice == "nan":
        s.json_text = json.dumps(d, ensure_ascii=False).replace(
            '"innovation_funding_wan_yuan": %s' % json.dumps(f["innovation_funding_wan_yuan"]),
            '"innovation_funding_wan_yuan": NaN')
    elif choice == "array":
        s.json_text = "[" + json.dumps(d, ensure_ascii=False) + "]"
    elif choice == "dup_key":
        s.json_text = json.dumps(d, ensure_ascii=False)[:-1] + ', "level": "group"}'
    elif choice == "parent_identity":
        d["level"] = "subsidiary"
        d["parent_id"] = identity_number(rng)


def m_files(rng, s):
    choice = rng.choice(["no_workers", "no_json", "notes", "misnamed", "symlink", "subdir", "studios_dir",
                         "empty_studios", "studios_header_only", "workers_header_only", "workers_blank_rows",
                         "no_studios", "studios_blank_rows", "subdir_symlink", "empty_workers"])
    s.kinds.append("files:" + choice)
    if choice == "no_workers":
        s.drop.add("workers.csv")
    elif choice == "no_json":
        s.drop.add("enterprise.json")
    elif choice == "notes":
        s.extra["notes.txt"] = b"hello"
    elif choice == "misnamed":
        s.drop.add("workers.csv")
        s.extra["Workers.CSV"] = b"worker_id\nx\n"
    elif choice == "symlink":
        s.extra["link.csv"] = ("symlink", "/etc/passwd")
    elif choice == "subdir":
        s.extra["attachments"] = ("dir", None)
    elif choice == "subdir_symlink":
        s.extra["attachments"] = ("dir-link", "/etc/passwd")
    elif choice == "studios_dir":
        s.studios = None
        s.extra["studios.csv"] = ("dir", None)
    elif choice == "empty_studios":
        s.studios = None
        s.extra["studios.csv"] = rng.choice([b"", b"\n\n", b"  \r\n"])
    elif choice == "studios_header_only" and s.studios:
        s.studios[1] = []
    elif choice == "workers_header_only":
        s.workers[1] = []
    elif choice == "empty_workers":
        s.workers = None
        s.extra["workers.csv"] = rng.choice([b"", b"\n"])
    elif choice == "workers_blank_rows":
        s.workers[1] = [[""] * len(s.workers[0]) for _ in range(3)]
    elif choice == "no_studios":
        s.studios = None
    elif choice == "studios_blank_rows" and s.studios:
        s.studios[1] = [[""] * len(s.studios[0]) for _ in range(2)]


def m_folders(rng, s):
    choice = rng.choice(["bad_code", "lower_code", "bad_period", "identity_folder"])
    s.kinds.append("folder:" + choice)
    if choice == "bad_code":
        s.folder = s.eid[:-1] + ("0" if s.eid[-1] != "0" else "1")
    elif choice == "lower_code":
        s.folder = s.eid.lower()
    elif choice == "bad_period":
        s.period_folder = rng.choice(["2025Q5", "2025H3", "1899", "2025q1", "25"])
    elif choice == "identity_folder":
        s.folder = identity_number(rng)


KINDS = {
    "whitespace": m_whitespace, "fullwidth": m_fullwidth, "bool_case": m_bool_case, "codes": m_codes,
    "header": m_header, "reorder": m_reorder, "unknown_columns": m_unknown_columns,
    "personal_column": m_personal_column, "duplicate_header": m_duplicate_header, "drop_column": m_drop_column,
    "trailing_commas": m_trailing_commas, "field_count": m_field_count, "encoding": m_encoding, "eol": m_eol,
    "quoted_newlines": m_quoted_newlines, "stray_quotes": m_stray_quotes, "unterminated": m_unterminated,
    "empty_lines": m_empty_lines, "odd_ids": m_odd_ids, "personal_ids": m_personal_ids, "links": m_links,
    "rejected_mentor": m_rejected_mentor, "dates": m_dates, "numbers": m_numbers,
    "blank_required": m_blank_required, "duplicates": m_duplicates, "party": m_party, "json": m_json,
    "files": m_files, "folders": m_folders,
}
# rare kinds refuse a submission whole and hide its rows from the comparison
WEIGHTS = {"json": 0.5, "files": 0.4, "folders": 0.15, "unterminated": 0.15, "personal_column": 0.2,
           "duplicate_header": 0.2, "drop_column": 0.3, "encoding": 0.6}


# ------------------------------------------------------------------------ writing

def quote(v):
    if isinstance(v, Raw):
        return str(v)
    if any(c in v for c in ',"\r\n') or (v[:1] == '"'):
        return '"' + v.replace('"', '""') + '"'
    return v


def render_csv(rng, s, name, t):
    lines = [",".join(quote(v) for v in t[0])] + [",".join(quote(v) for v in r) for r in t[1]]
    for p in s.post[name]:
        lines = p(lines)
    eol = s.eol[name]
    if eol == "mixed":
        text = ""
        for ln in lines:
            text += ln + rng.choice(["\r\n", "\n", "\r"])
    else:
        text = eol.join(lines) + eol
    text += s.tail[name]
    data = text.encode(s.enc[name], errors="strict")
    if s.bom[name]:
        data = b"\xef\xbb\xbf" + data
    for p in s.byte_post[name]:
        data = p(data)
    return data


def write_sub(rng, s, inbox):
    folder = os.path.join(inbox, s.period_folder or s.period, s.folder or s.eid)
    os.makedirs(folder)
    if "enterprise.json" not in s.drop:
        if s.json_bytes is not None:
            data = s.json_bytes
        else:
            data = (s.json_text if s.json_text is not None else json.dumps(s.doc, ensure_ascii=False, indent=2)).encode()
        open(os.path.join(folder, "enterprise.json"), "wb").write(data)
    for name, t in (("workers.csv", s.workers), ("studios.csv", s.studios)):
        if t is None or name in s.drop:
            continue
        try:
            data = render_csv(rng, s, name, t)
        except UnicodeEncodeError:
            s.enc[name] = "gb18030"
            data = render_csv(rng, s, name, t)
        open(os.path.join(folder, name), "wb").write(data)
    for name, v in s.extra.items():
        p = os.path.join(folder, name)
        if isinstance(v, bytes):
            open(p, "wb").write(v)
        elif v[0] == "symlink":
            os.symlink(v[1], p)
        elif v[0] == "dir":
            os.makedirs(p)
            open(os.path.join(p, "scan.pdf"), "wb").write(b"%PDF")
        elif v[0] == "dir-link":
            os.makedirs(p)
            os.symlink(v[1], os.path.join(p, "passwd"))


def main(argv):
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--base", action="append", required=True)
    ap.add_argument("--submissions", type=int, default=200)
    ap.add_argument("--kinds", default=None)
    ap.add_argument("--max-rows", type=int, default=60, help="rows kept of each base roster")
    a = ap.parse_args(argv[1:])
    rng = random.Random(a.seed)
    bases = []
    for b in a.base:
        bases += load_base(b)
    kinds = a.kinds.split(",") if a.kinds else list(KINDS)
    weights = [WEIGHTS.get(k, 1.0) for k in kinds]
    periods = ["2025", "2025H1", "2025H2", "2024Q4", "2025Q1", "2024"]
    log = []
    for n in range(a.submissions):
        period, doc, w, st = rng.choice(bases)
        doc = json.loads(json.dumps(doc))
        period = rng.choice(periods)
        eid = new_credit_code(rng)
        doc["period"], doc["enterprise_id"] = period, eid
        start = rng.randrange(max(1, len(w[1]) - a.max_rows))
        workers = [w[0][:], [r[:] for r in w[1][start:start + a.max_rows]]]
        studios = [st[0][:], [r[:] for r in st[1]]] if st else None
        s = Sub(period, eid, doc, workers, studios)
        chosen = rng.choices(kinds, weights, k=rng.randint(1, 4))
        for k in chosen:
            if s.workers is None:
                break  # the roster was replaced by raw bytes: nothing left to mutate
            s.kinds.append(k)
            try:
                KINDS[k](rng, s)
            except (IndexError, TypeError, ValueError):
                s.kinds.append("(%s did not apply)" % k)  # a shape an earlier kind changed
        write_sub(rng, s, a.out)
        log.append({"period": s.period_folder or period, "folder": s.folder or eid, "kinds": s.kinds})
    with open(os.path.join(a.out, "..", os.path.basename(a.out.rstrip("/")) + ".kinds.json"), "w") as f:
        json.dump(log, f, indent=0)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
