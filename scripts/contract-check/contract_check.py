#!/usr/bin/env python3
"""Independent reading of the submission data contract (version 1).

Written from /work/shared/brief/data-contract.md and the project's documented readings
(docs/ingest.md, docs/reason-codes.md) without looking at the program's ingest code, so that
the two can be run side by side on the same inbox (see compare.py). Standard library only.

check_inbox(inbox) -> list of submission verdicts, each a dict:
  period, enterprise_id, verdict ('accepted' | 'refused'), codes (set of submission codes),
  rows: list of (file, line, 'accepted' | reason_code)  -- every data record of each CSV
  warnings: list of (file, line, reason_code)
"""
import codecs
import datetime
import json
import os
import re
import stat
import sys
import unicodedata
from decimal import Decimal, ROUND_HALF_UP, InvalidOperation

CREDIT_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

ID_RE = re.compile(r"[A-Za-z0-9_-]{1,64}")
PERIOD_RE = re.compile(r"(\d{4})(?:([HQ])(\d))?")

WORKER_COLUMNS = [
    ("worker_id", "工号"), ("industrial_worker", "是否产业工人"), ("frontline", "是否一线"),
    ("party_member", "是否党员"), ("party_joined", "入党日期"), ("skill_level", "技能等级"),
    ("birth_year", "出生年份"), ("gender", "性别"), ("hire_date", "入职日期"),
    ("annual_wage_yuan", "年收入"), ("training_hours", "培训学时"), ("mentor_id", "师傅工号"),
    ("honours", "荣誉"), ("mass_org_post", "群团挂兼职"), ("health_check", "年度体检"),
    ("recuperation", "疗休养"), ("studio_id", "所属工作室"),
]
WORKER_REQUIRED = {"worker_id", "industrial_worker", "frontline", "party_member", "skill_level",
                   "hire_date"}
STUDIO_COLUMNS = [
    ("studio_id", "工作室编号"), ("type", "类型"), ("level", "级别"), ("established", "成立日期"),
    ("leader_id", "领衔人工号"), ("achievements", "成果数"), ("achievements_converted", "转化成果数"),
    ("funding_wan_yuan", "经费万元"),
]
STUDIO_REQUIRED = {"studio_id", "type", "level"}

BOOLS = {"y": True, "n": False, "是": True, "否": False, "true": True, "false": False,
         "1": True, "0": False}
SKILLS = {
    "none": ["无"], "junior": ["初级工", "五级"], "intermediate": ["中级工", "四级"],
    "senior": ["高级工", "三级"], "technician": ["技师", "二级"],
    "senior_technician": ["高级技师", "一级"], "special_technician": ["特级技师"],
    "chief_technician": ["首席技师"],
}
HONOURS = {"national_model_worker": "全国劳动模范", "may1_medal": "全国五一劳动奖章",
           "municipal_model_worker": "上海市劳动模范", "national_craftsman": "大国工匠",
           "shanghai_craftsman": "上海工匠", "group_model_worker": "集团劳模"}
GENDERS = {"m": "男", "f": "女"}
STUDIO_TYPES = {"model_worker": "劳模创新工作室", "craftsman": "工匠创新工作室",
                "chief_technician": "首席技师工作室"}
STUDIO_LEVELS = {"national": "全国", "municipal": "市级", "group": "集团级", "enterprise": "企业级"}
INDUSTRIES = {"integrated_circuits", "biomedicine", "artificial_intelligence",
              "electronic_information", "life_health", "automotive", "high_end_equipment",
              "advanced_materials", "fashion_consumer", "digital_economy", "green_low_carbon",
              "metaverse", "smart_terminals", "future_industries", "urban_services", "other"}
WHOLE_FIGURES = ["ideology_participants", "school_partnerships", "order_class_trainees",
                 "competition_participants", "innovation_achievements", "achievements_converted",
                 "rationalization_proposals", "proposals_adopted",
                 "frontline_party_meeting_attendances", "congress_levels_required",
                 "congress_levels_established", "employee_directors", "employee_supervisors",
                 "dedicated_reform_staff"]
TOP_FIELDS = ["schema_version", "period", "enterprise_id", "name", "parent_id", "level",
              "industry", "district", "submitted_at", "figures"]
INT_MAX = 2147483647
LONG_MAX = 9223372036854775807


# ---------------------------------------------------------------- small readings

def credit_code_ok(code):
    if len(code) != 18 or any(c not in CREDIT_CHARS for c in code):
        return False
    s = sum(CREDIT_CHARS.index(c) * w for c, w in zip(code[:17], CREDIT_WEIGHTS))
    check = 31 - s % 31
    if check == 31:
        check = 0
    if CREDIT_CHARS[check] != code[17]:
        return False
    # docs/ingest.md: a code that is a resident identity number in full is refused
    return not is_resident_identity(code)


def is_resident_identity(s):
    """A full GB 11643 number: province code, a real birth date, the right check character."""
    if not re.fullmatch(r"\d{17}[\dX]", s):
        return False
    if s[0] not in "123456789" or s[:2] not in PROVINCES:
        return False
    try:
        datetime.date(int(s[6:10]), int(s[10:12]), int(s[12:14]))
    except ValueError:
        return False
    w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    total = sum(int(c) * x for c, x in zip(s[:17], w))
    return "10X98765432"[total % 11] == s[17]


PROVINCES = {"11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36",
             "37", "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62",
             "63", "64", "65", "71", "81", "82", "83", "91"}


def period_window(name):
    m = PERIOD_RE.fullmatch(name)
    if not m:
        return None
    year = int(m.group(1))
    if year < 1900:
        return None
    kind, n = m.group(2), m.group(3)
    if kind is None:
        return datetime.date(year, 1, 1), datetime.date(year, 12, 31), year
    n = int(n)
    if kind == "H":
        if n not in (1, 2):
            return None
        return (datetime.date(year, 1, 1), datetime.date(year, 6, 30), year) if n == 1 else \
            (datetime.date(year, 7, 1), datetime.date(year, 12, 31), year)
    if n not in (1, 2, 3, 4):
        return None
    start = datetime.date(year, 3 * n - 2, 1)
    end = datetime.date(year + 1, 1, 1) if n == 4 else datetime.date(year, 3 * n + 1, 1)
    return start, end - datetime.timedelta(days=1), year


def trim(s):
    # docs/ingest.md: white space and every Unicode space character (Zs, U+00A0, U+3000 ...)
    i, j = 0, len(s)
    while i < j and is_blank_char(s[i]):
        i += 1
    while j > i and is_blank_char(s[j - 1]):
        j -= 1
    return s[i:j]


def is_blank_char(c):
    # Unicode space separators (Zs, Zl, Zp) and the ASCII blanks TAB..CR, U+001C..U+001F, space.
    # U+0085 (NEL) is a control character, not a space: it stays, as other controls do.
    if c < "\x80":
        return c == " " or "\t" <= c <= "\r" or "\x1c" <= c <= "\x1f"
    return unicodedata.category(c) in ("Zs", "Zl", "Zp")


def parse_bool(v):
    return BOOLS.get(v.lower()) if v.lower() in BOOLS else BOOLS.get(v)


def parse_date(v):
    m = re.fullmatch(r"([0-9]{4})-([0-9]{2})-([0-9]{2})", v) or \
        re.fullmatch(r"([0-9]{4})/([0-9]{1,2})/([0-9]{1,2})", v)
    if not m:
        return None
    try:
        d = datetime.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None
    return d


# the program's reading (docs/ingest.md): an optional sign, digits, an optional point with
# digits on at least one side (`+5`, `.5`, `5.`); no exponent, no separators, ASCII digits only
DEC_RE = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)")
INT_RE = re.compile(r"[+-]?[0-9]+")


def parse_decimal(v):
    """(value, error) where error is None, 'BAD_NUMBER' or 'OUT_OF_RANGE'."""
    if not DEC_RE.fullmatch(v):
        return None, "BAD_NUMBER"
    d = Decimal(v)
    if d < 0:
        return None, "OUT_OF_RANGE"
    r = d.quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)
    if r >= Decimal(10) ** 14:
        return None, "OUT_OF_RANGE"
    return r, None


def parse_int(v):
    if not INT_RE.fullmatch(v):
        return None, "BAD_NUMBER"
    return int(v), None


def skill_code(v):
    low = v.lower()
    if low in SKILLS:
        return low
    compact = re.sub(r"\s", "", v)
    for code, names in SKILLS.items():
        if v in names:
            return code
        if len(names) == 2:
            for form in (names[0] + "(" + names[1] + ")", names[0] + "（" + names[1] + "）"):
                if compact == form:
                    return code
    return None


def code_of(v, table):
    if v.lower() in table:
        return v.lower()
    for code, zh in table.items():
        if v == zh:
            return code
    return None


# -------------------------------------------------------- identity and mobile numbers

CN_NUMERALS = {c: i for i, c in enumerate("零一二三四五六七八九")}
CN_NUMERALS.update({c: i for i, c in enumerate("〇壹贰叁肆伍陆柒捌玖")})


def digit_value(c):
    if c in CN_NUMERALS:
        return CN_NUMERALS[c]
    try:
        return unicodedata.digit(c)
    except (ValueError, TypeError):
        return None


def holds_personal_number(text):
    """True when text holds an identity (18 digits, last may be X) or a mobile number, read
    as docs/ingest.md says: digit groups split by up to six non-letter, non-digit characters."""
    n = len(text)
    i = 0
    chains = []  # list of chains; a chain is a list of digit-strings (groups)
    cur = []
    while i < n:
        c = text[i]
        d = digit_value(c)
        if d is not None:
            g = []
            cn = c in CN_NUMERALS
            while i < n and digit_value(text[i]) is not None and (text[i] in CN_NUMERALS) == cn:
                g.append(str(digit_value(text[i])))
                i += 1
            grp = "".join(g)
            # an X / Ｘ right after 17 digits closes an identity number
            if i < n and text[i] in "XxＸｘ" and len(grp) == 17:
                cur.append(grp + "X")
                i += 1
                chains.append(cur)
                cur = []
                continue
            cur.append(grp)
            continue
        if c.isalpha():
            if cur:
                chains.append(cur)
            cur = []
            i += 1
            continue
        # separator run
        j = i
        while j < n and digit_value(text[j]) is None and not text[j].isalpha():
            j += 1
        if j - i > 6 and cur:
            chains.append(cur)
            cur = []
        i = j
    if cur:
        chains.append(cur)
    for chain in chains:
        for a in range(len(chain)):
            total = ""
            for b in range(a, len(chain)):
                total += chain[b]
                if is_personal_digits(total):
                    return True
                if len(total) > 18:
                    break
    return False


def is_personal_digits(s):
    if len(s) == 18 and re.fullmatch(r"\d{17}[\dX]", s):
        return True
    if len(s) == 11 and re.fullmatch(r"1[3-9]\d{9}", s):
        return True
    if len(s) == 13 and re.fullmatch(r"861[3-9]\d{9}", s):
        return True
    if len(s) == 15 and re.fullmatch(r"00861[3-9]\d{9}", s):
        return True
    return False


def identity_shaped(v):
    return bool(re.fullmatch(r"\d{17}[\dXx]", v))


# --------------------------------------------------------------- personal-data columns

CN_PERSONAL = ["身份证", "身份号", "证件号", "手机", "电话", "联系方式", "联系号码", "联络号码", "座机",
               "护照", "社会保障号", "社保卡", "社保号", "身份證", "身分證", "身份號", "證件號", "手機",
               "電話", "聯繫方式", "聯絡方式", "聯繫號碼", "聯絡號碼", "座機", "護照", "社會保障號", "社保號"]
EN_PERSONAL = {"phone", "phones", "mobile", "cellphone", "telephone", "tel", "cell", "identity",
               "idcard", "idnumber", "idno", "phoneno", "mobileno", "cellno", "telno", "ssn",
               "passport", "mobilephone", "handphone", "telephonenumber", "cellphonenumber",
               "mobilephonenumber", "passportno", "passportnumber", "sfz", "sfzh", "sfzhm",
               "shenfenzheng", "shenfenzhenghao", "zjhm", "gmsfhm", "sjh", "sjhm", "shouji",
               "shoujihao", "dianhua", "lxdh", "lxfs"}


def personal_column(name):
    s = unicodedata.normalize("NFKC", name)
    s = "".join(c for c in s if unicodedata.category(c) not in ("Cf",))
    squeezed = "".join(c for c in s if c.isalnum())
    if any(k in squeezed for k in CN_PERSONAL):
        return True
    # English words: cut at non-alphanumerics and case changes
    words = []
    for part in re.split(r"[^A-Za-z0-9#]+", s):
        words += [w.lower() for w in re.findall(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+|#", part)]
    for k, w in enumerate(words):
        if w in EN_PERSONAL:
            return True
        nxt = words[k + 1] if k + 1 < len(words) else None
        if w in ("id", "identification") and nxt in ("number", "no", "num", "card", "code", "#"):
            return True
        if w == "id" and k > 0 and words[k - 1] in ("national", "citizen", "resident", "personal"):
            return True
        if w == "contact" and nxt in ("number", "no", "num", "phone", "tel"):
            return True
        if w in ("mob", "hp") and nxt in ("number", "no", "num"):
            return True
    return False


# ---------------------------------------------------------------------------- CSV

class FileFault(Exception):
    def __init__(self, code):
        super().__init__(code)
        self.code = code


def decode_cp936(data):
    """Windows' code page 936 as Java's x-mswin-936 reads it: GB18030's one- and two-byte
    sequences (its user-defined areas included, which Python's gbk refuses), the byte 0x80 alone
    as the euro sign, and no four-byte sequences. Raises UnicodeDecodeError."""
    out = []
    i, n = 0, len(data)
    while i < n:
        b = data[i]
        if b < 0x80:
            out.append(chr(b))
            i += 1
        elif b == 0x80:
            out.append("\u20ac")
            i += 1
        elif b == 0xFF or i + 1 >= n or not (0x40 <= data[i + 1] <= 0xFE and data[i + 1] != 0x7F):
            raise UnicodeDecodeError("cp936", data, i, i + 1, "not a GBK sequence")
        else:
            out.append(data[i:i + 2].decode("gb18030"))  # raises for a pair GB18030 lacks
            i += 2
    return "".join(out)


def decode(data):
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[3:].decode("utf-8")
        except UnicodeDecodeError:
            raise FileFault("ENCODING")
    for enc in ("utf-8", "gb18030"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            pass
    try:
        return decode_cp936(data)
    except UnicodeDecodeError:
        pass
    raise FileFault("ENCODING")


def records(text):
    """Yield (line, fields, malformed) for each record; empty lines are skipped.

    RFC 4180 with the documented lenient readings: a quote is special only at a field's
    start; characters after a closing quote stay in the field and make the record malformed;
    CR, LF and CRLF each end a line; a quote never closed is UNTERMINATED_QUOTE."""
    n = len(text)
    i = 0
    line = 1
    while i < n:
        # empty line
        if text[i] in "\r\n":
            if text[i] == "\r" and i + 1 < n and text[i + 1] == "\n":
                i += 1
            i += 1
            line += 1
            continue
        start = line
        fields = []
        malformed = False
        while True:
            # one field
            if i < n and text[i] == '"':
                i += 1
                buf = []
                while True:
                    if i >= n:
                        raise FileFault("UNTERMINATED_QUOTE")
                    c = text[i]
                    if c == '"':
                        if i + 1 < n and text[i + 1] == '"':
                            buf.append('"')
                            i += 2
                            continue
                        i += 1
                        break
                    if c == "\r":
                        if i + 1 < n and text[i + 1] == "\n":
                            buf.append("\r")
                            i += 1
                        line += 1
                    elif c == "\n":
                        line += 1
                    buf.append(c)
                    i += 1
                # after the closing quote: blanks are trimmed away with the value; anything else
                # is a stray quote, and the record runs on to the end of its physical line
                while i < n and text[i] not in ",\r\n":
                    buf.append(text[i])
                    if not is_blank_char(text[i]):
                        malformed = True
                    i += 1
                fields.append("".join(buf))
            else:
                j = i
                while j < n and text[j] not in ",\r\n":
                    j += 1
                fields.append(text[i:j])
                i = j
            if i < n and text[i] == ",":
                i += 1
                continue
            # end of record
            if i < n:
                if text[i] == "\r" and i + 1 < n and text[i + 1] == "\n":
                    i += 1
                i += 1
                line += 1
            break
        yield start, fields, malformed


def read_csv(path, columns, required):
    """(header_map, rows, warnings); header_map maps column -> index. Raises FileFault."""
    with open(path, "rb") as f:
        data = f.read()
    text = decode(data)
    it = records(text)
    header = None
    for line, fields, malformed in it:
        if all(trim(f.replace("\ufeff", "")) == "" for f in fields):
            continue  # lines of blanks above the header
        header = (line, fields)
        break
    if header is None:
        raise FileFault("MISSING_COLUMN")
    names = {}
    for en, zh in columns:
        names[en.lower()] = en
        names[zh.lower()] = en
    cmap = {}
    warns = []
    faults = []
    for k, cell in enumerate(header[1]):
        c = trim(cell.replace("\ufeff", ""))
        if c == "":
            continue
        col = names.get(c.lower())
        if col is None:
            if personal_column(c):
                faults.append("PERSONAL_DATA_COLUMN")
            else:
                warns.append((header[0], "IGNORED_COLUMN"))
            continue
        if col in cmap:
            faults.append("DUPLICATE_COLUMN")
        cmap[col] = k
    for col in required:
        if col not in cmap:
            faults.append("MISSING_COLUMN")
    if faults:
        # a header fault ends the file's read: the records below it are not looked at
        raise FileFault(sorted(set(faults)))
    rows = list(it)  # may raise UNTERMINATED_QUOTE
    width = len(header[1])
    # one IGNORED_COLUMN warning for the first record with a value under an empty header cell
    empty_cells = [k for k, cell in enumerate(header[1]) if trim(cell.replace("\ufeff", "")) == ""]
    if empty_cells:
        for line, fields, malformed in rows:
            if malformed or len(fields) != width:
                continue
            if any(trim(fields[k]) != "" for k in empty_cells):
                warns.append((line, "IGNORED_COLUMN"))
                break
    return cmap, width, rows, warns


# ------------------------------------------------------------------------ row rules

def check_id(v):
    if v == "":
        return "MISSING_VALUE"
    if holds_personal_number(v):
        return "PERSONAL_DATA"
    if not ID_RE.fullmatch(v):
        return "BAD_ID"
    return None


def check_worker(get, window):
    start, end, year = window
    e = check_id(get("worker_id"))
    if e:
        return e, None
    member = None
    for col in ("industrial_worker", "frontline", "party_member"):
        v = get(col)
        if v == "":
            return "MISSING_VALUE", None
        b = parse_bool(v)
        if b is None:
            return "BAD_BOOLEAN", None
        member = b
    v = get("party_joined")
    if v != "":
        d = parse_date(v)
        if d is None:
            return "BAD_DATE", None
        if d > end:
            return "DATE_AFTER_PERIOD_END", None
        if not member:
            return "PARTY_JOINED_NOT_MEMBER", None
    v = get("skill_level")
    if v == "":
        return "MISSING_VALUE", None
    if skill_code(v) is None:
        return "BAD_CODE", None
    v = get("birth_year")
    if v != "":
        y, err = parse_int(v)
        if err:
            return err, None
        if y < 1940 or y > year - 15:
            return "OUT_OF_RANGE", None
    v = get("gender")
    if v != "" and code_of(v, GENDERS) is None:
        return "BAD_CODE", None
    v = get("hire_date")
    if v == "":
        return "MISSING_VALUE", None
    d = parse_date(v)
    if d is None:
        return "BAD_DATE", None
    if d > end:
        return "DATE_AFTER_PERIOD_END", None
    for col in ("annual_wage_yuan", "training_hours"):
        v = get(col)
        if v != "":
            _, err = parse_decimal(v)
            if err:
                return err, None
    v = get("honours")
    if v != "":
        for item in re.split("[;；]", v):
            item = trim(item)
            if item and code_of(item, HONOURS) is None:
                return "BAD_CODE", None
    for col in ("mass_org_post", "health_check", "recuperation"):
        v = get(col)
        if v != "" and parse_bool(v) is None:
            return "BAD_BOOLEAN", None
    return None, {"mentor_id": get("mentor_id"), "studio_id": get("studio_id")}


def check_studio(get, window):
    start, end, year = window
    e = check_id(get("studio_id"))
    if e:
        return e, None
    for col, table in (("type", STUDIO_TYPES), ("level", STUDIO_LEVELS)):
        v = get(col)
        if v == "":
            return "MISSING_VALUE", None
        if code_of(v, table) is None:
            return "BAD_CODE", None
    v = get("established")
    if v != "":
        d = parse_date(v)
        if d is None:
            return "BAD_DATE", None
        if d > end:
            return "DATE_AFTER_PERIOD_END", None
    ach = None
    for col in ("achievements", "achievements_converted"):
        v = get(col)
        if v != "":
            n, err = parse_int(v)
            if err:
                return err, None
            if n < 0 or n > INT_MAX:
                return "OUT_OF_RANGE", None
            if col == "achievements":
                ach = n
            elif ach is not None and n > ach:
                return "OUT_OF_RANGE", None
    v = get("funding_wan_yuan")
    if v != "":
        _, err = parse_decimal(v)
        if err:
            return err, None
    return None, {"leader_id": get("leader_id")}


def judge_file(path, fname, columns, required, rule, window):
    """(rows, warnings, id_of_accepted_row, links); raises FileFault."""
    cmap, width, recs, warns = read_csv(path, columns, required)
    out = []
    ids = {}
    id_col = columns[0][0]
    for line, fields, malformed in recs:
        if all(trim(f) == "" for f in fields):
            out.append([line, "BLANK_ROW", None, None])
            continue
        if malformed:
            out.append([line, "MALFORMED_ROW", None, None])
            continue
        if len(fields) != width:
            out.append([line, "FIELD_COUNT", None, None])
            continue

        def get(col, fields=fields):
            k = cmap.get(col)
            return "" if k is None else trim(fields[k])

        code, links = rule(get, window)
        rid = get(id_col)
        if check_id(rid) is None:
            ids.setdefault(rid, []).append(len(out))
        out.append([line, code, rid, links])
    if recs and all(r[1] == "BLANK_ROW" for r in out) and fname == "workers.csv":
        raise FileFault("NO_DATA_ROWS")
    if not recs and fname == "workers.csv":
        raise FileFault("NO_DATA_ROWS")
    for rid, where in ids.items():
        if len(where) > 1:
            for k in where:
                out[k][1] = "DUPLICATE_ID"
    return out, [(fname, l, c) for l, c in warns]


def link_ok(v, accepted):
    return v in accepted


# ----------------------------------------------------------------- enterprise.json

class Refuse(Exception):
    pass


def is_whole(x):
    return isinstance(x, (int, float, Decimal)) and not isinstance(x, bool) and x == int(x)


def check_text_field(v):
    if len(v) > 200:
        return False
    for c in v:
        cat = unicodedata.category(c)
        if cat in ("Cc",) or c in "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u2028\u2029":
            return False
        if cat == "Cs":
            return False
    return not holds_personal_number(v)


OFFSET_TS = re.compile(r"(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|[+-]\d{2}:\d{2})")


def check_enterprise(path, period, folder_id):
    """(codes set, warnings list)."""
    codes = set()
    warns = []
    try:
        with open(path, "rb") as f:
            raw = f.read()
        if raw.startswith(codecs.BOM_UTF8):
            raw = raw[3:]
        text = raw.decode("utf-8")

        def no_const(c):
            raise ValueError(c)

        def no_twins(pairs):
            # a field named twice is not a valid object (docs/ingest.md): which value is meant?
            keys = [k for k, _ in pairs]
            if len(set(keys)) != len(keys):
                raise ValueError("duplicate field")
            return dict(pairs)
        doc = json.loads(text, parse_float=Decimal, parse_int=int, parse_constant=no_const,
                         object_pairs_hook=no_twins)
    except (ValueError, UnicodeDecodeError, RecursionError):
        return {"BAD_JSON"}, warns
    if not isinstance(doc, dict):
        return {"BAD_JSON"}, warns
    for k in doc:
        if k not in TOP_FIELDS:
            warns.append(("enterprise.json", None, "UNKNOWN_FIELD"))
    if "schema_version" not in doc or doc["schema_version"] is None:
        codes.add("MISSING_FIELD")
    else:
        sv = doc["schema_version"]
        if isinstance(sv, bool) or not isinstance(sv, (int, Decimal)) or sv != 1:
            return {"BAD_SCHEMA_VERSION"}, warns
    for k in ("period", "enterprise_id", "name", "level", "industry", "district", "submitted_at"):
        v = doc.get(k)
        if v is None:
            codes.add("MISSING_FIELD")
        elif not isinstance(v, str):
            codes.add("BAD_FIELD")
    if isinstance(doc.get("period"), str) and doc["period"] != period:
        codes.add("FOLDER_MISMATCH")
    if isinstance(doc.get("enterprise_id"), str) and doc["enterprise_id"] != folder_id:
        codes.add("FOLDER_MISMATCH")
    for k in ("name", "district"):
        if isinstance(doc.get(k), str) and not check_text_field(doc[k]):
            codes.add("BAD_FIELD")
    level = doc.get("level")
    if isinstance(level, str) and level not in ("group", "subsidiary", "branch"):
        codes.add("BAD_FIELD")
    ind = doc.get("industry")
    if isinstance(ind, str) and ind not in INDUSTRIES:
        codes.add("BAD_FIELD")
    parent = doc.get("parent_id")
    if isinstance(parent, str) and trim(parent) == "":
        parent = None  # a blank parent_id is no parent_id (docs/ingest.md)
    if isinstance(doc.get("name"), str) and trim(doc["name"]) == "":
        codes.add("BAD_FIELD")
    if parent is not None:
        if not isinstance(parent, str) or not credit_code_ok(parent):
            codes.add("BAD_FIELD")
        elif level == "group":
            codes.add("BAD_FIELD")
    elif level in ("subsidiary", "branch"):
        codes.add("MISSING_FIELD")
    ts = doc.get("submitted_at")
    if isinstance(ts, str):
        m = OFFSET_TS.fullmatch(ts)
        ok = False
        if m:
            try:
                off = m.group(8)
                tz = datetime.timezone.utc if off == "Z" else datetime.timezone(
                    (1 if off[0] == "+" else -1) * datetime.timedelta(hours=int(off[1:3]), minutes=int(off[4:6])))
                t = datetime.datetime(int(m.group(1)), int(m.group(2)), int(m.group(3)), int(m.group(4)),
                                      int(m.group(5)), int(m.group(6) or 0), tzinfo=tz)
                t.astimezone(datetime.timezone.utc)
                ok = True
            except (ValueError, OverflowError):
                ok = False
        if not ok:
            codes.add("BAD_FIELD")
    figs = doc.get("figures")
    if figs is None:
        codes.add("MISSING_FIELD")
    elif not isinstance(figs, dict):
        codes.add("BAD_FIELD")
    else:
        for k in figs:
            if k not in WHOLE_FIGURES and k not in ("reform_in_party_assessment", "innovation_funding_wan_yuan"):
                warns.append(("enterprise.json", None, "UNKNOWN_FIELD"))
        for k in WHOLE_FIGURES:
            v = figs.get(k)
            if v is None:
                continue
            if not is_whole(v) or v < 0 or v > LONG_MAX:
                codes.add("BAD_FIELD")
        v = figs.get("reform_in_party_assessment")
        if v is not None and not isinstance(v, bool):
            codes.add("BAD_FIELD")
        v = figs.get("innovation_funding_wan_yuan")
        if v is not None:
            if isinstance(v, bool) or not isinstance(v, (int, Decimal)) or v < 0 or \
                    Decimal(v).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP) >= Decimal(10) ** 14:
                codes.add("BAD_FIELD")
        r, e = figs.get("congress_levels_required"), figs.get("congress_levels_established")
        if is_whole(r) and is_whole(e) and e > r:
            codes.add("BAD_FIELD")
    return codes, warns


# --------------------------------------------------------------------- submission

CONTRACT_FILES = ("enterprise.json", "workers.csv", "studios.csv")


def check_submission(folder, period, eid, window):
    res = {"period": period, "enterprise_id": eid, "codes": set(), "rows": [], "warnings": []}
    codes = res["codes"]
    if not credit_code_ok(eid):
        # the folder is still read, so that every fault is reported and its rows counted
        codes.add("BAD_ENTERPRISE_ID")
    entries = sorted(os.listdir(folder))
    for name in entries:
        st = os.lstat(os.path.join(folder, name))
        if not stat.S_ISREG(st.st_mode):
            if stat.S_ISDIR(st.st_mode) and name not in CONTRACT_FILES:
                # a sub-folder is not read, but a link anywhere below it refuses the submission
                if holds_special(os.path.join(folder, name)):
                    codes.add("NOT_REGULAR_FILE")
                else:
                    res["warnings"].append((name, None, "IGNORED_FILE"))
                continue
            codes.add("NOT_REGULAR_FILE")
        elif name not in CONTRACT_FILES:
            res["warnings"].append((name, None, "IGNORED_FILE"))
    if "NOT_REGULAR_FILE" in codes:
        return finish(res)
    for name in ("enterprise.json", "workers.csv"):
        if name not in entries:
            codes.add("MISSING_FILE")
    if "enterprise.json" in entries:
        c, w = check_enterprise(os.path.join(folder, "enterprise.json"), period, eid)
        codes |= c
        res["warnings"] += w
    wrows = []
    srows = []
    if "workers.csv" in entries:
        try:
            wrows, w = judge_file(os.path.join(folder, "workers.csv"), "workers.csv", WORKER_COLUMNS,
                                  WORKER_REQUIRED, check_worker, window)
            res["warnings"] += w
        except FileFault as f:
            codes.update(f.code if isinstance(f.code, list) else [f.code])
            wrows = []
    if "studios.csv" in entries:
        try:
            srows, w = judge_file(os.path.join(folder, "studios.csv"), "studios.csv", STUDIO_COLUMNS,
                                  STUDIO_REQUIRED, check_studio, window)
            res["warnings"] += w
        except FileFault as f:
            codes.update(f.code if isinstance(f.code, list) else [f.code])
            srows = []
    for line, code, rid, links in wrows:
        res["rows"].append(("workers.csv", line, code or "accepted"))
    for line, code, rid, links in srows:
        res["rows"].append(("studios.csv", line, code or "accepted"))
    if not codes:
        workers = {rid for line, code, rid, links in wrows if code is None}
        studios = {rid for line, code, rid, links in srows if code is None}
        for line, code, rid, links in wrows:
            if code is None:
                m = links["mentor_id"]
                if m != "" and (m == rid or m not in workers):
                    res["warnings"].append(("workers.csv", line, "MENTOR_NOT_FOUND"))
                s = links["studio_id"]
                if s != "" and s not in studios:
                    res["warnings"].append(("workers.csv", line, "STUDIO_NOT_FOUND"))
        for line, code, rid, links in srows:
            if code is None:
                ld = links["leader_id"]
                if ld != "" and ld not in workers:
                    res["warnings"].append(("studios.csv", line, "LEADER_NOT_FOUND"))
    return finish(res)


def holds_special(folder):
    for name in os.listdir(folder):
        st = os.lstat(os.path.join(folder, name))
        if stat.S_ISDIR(st.st_mode):
            if holds_special(os.path.join(folder, name)):
                return True
        elif not stat.S_ISREG(st.st_mode):
            return True
    return False


def finish(res):
    res["verdict"] = "refused" if res["codes"] else "accepted"
    return res


def check_inbox(inbox):
    out = []
    for period in sorted(os.listdir(inbox)):
        p = os.path.join(inbox, period)
        if not os.path.isdir(p) or os.path.islink(p):
            continue
        window = period_window(period)
        if window is None:
            out.append({"period": period, "enterprise_id": None, "codes": {"BAD_PERIOD_FOLDER"},
                        "rows": [], "warnings": [], "verdict": "refused"})
            continue
        for eid in sorted(os.listdir(p)):
            f = os.path.join(p, eid)
            if os.path.islink(f):
                out.append(finish({"period": period, "enterprise_id": eid, "codes": {"NOT_REGULAR_FILE"},
                                   "rows": [], "warnings": []}))
                continue
            if not os.path.isdir(f):
                continue
            out.append(check_submission(f, period, eid, window))
    return out


def main(argv):
    if len(argv) != 2:
        print("usage: contract_check.py INBOX", file=sys.stderr)
        return 2
    for s in check_inbox(argv[1]):
        print(json.dumps({"period": s["period"], "enterprise_id": s["enterprise_id"],
                          "verdict": s["verdict"], "codes": sorted(s["codes"]),
                          "rows": s["rows"], "warnings": s["warnings"]}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
