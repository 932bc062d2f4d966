#!/usr/bin/env python3
"""fuzz_bytes.py OUT N SEED: N submissions whose workers.csv has a notes column of random high bytes
(GBK pairs, GB18030 four-byte sequences, lone 0x80/0xFF, UTF-8), to compare the encoding verdicts
(UTF-8, GB18030, code page 936, ENCODING) with compare.py."""
import sys, os, json, random
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fuzz
out, n, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]); rng = random.Random(seed)
doc0 = json.load(open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "sample-data", "inbox", "2025", "913100004EGYLCJ3YE", "enterprise.json"), encoding="utf-8"))
H = "worker_id,industrial_worker,frontline,party_member,party_joined,skill_level,birth_year,gender,hire_date,annual_wage_yuan,training_hours,mentor_id,honours,mass_org_post,health_check,recuperation,studio_id,notes"
for k in range(n):
    eid = fuzz.new_credit_code(rng); d = os.path.join(out, "2025", eid); os.makedirs(d)
    json.dump(dict(doc0, enterprise_id=eid), open(os.path.join(d, "enterprise.json"), "w"), ensure_ascii=False)
    rows = []
    for r in range(3):
        b = bytearray()
        for _ in range(rng.randint(1, 4)):
            kind = rng.random()
            if kind < 0.3:   # a two-byte GBK char
                b += bytes([rng.randint(0x81, 0xFE), rng.choice([rng.randint(0x40, 0x7E), rng.randint(0x80, 0xFE)])])
            elif kind < 0.5: # a four-byte GB18030 sequence
                b += bytes([rng.randint(0x81, 0xFE), rng.randint(0x30, 0x39), rng.randint(0x81, 0xFE), rng.randint(0x30, 0x39)])
            elif kind < 0.6:
                b += bytes([rng.choice([0x80, 0xFF, 0xA0, 0xC0, 0xF5])])
            elif kind < 0.8: # valid UTF-8 of a random char
                b += chr(rng.choice([rng.randint(0xA0, 0xD7FF), rng.randint(0x10000, 0x10FFFF)])).encode("utf-8", "surrogatepass")
            else:
                b += b"x"
        rows.append(b"E%d,Y,N,N,,senior,1980,M,2005-01-01,1,1,,,N,Y,N,," % r + bytes(b))
    open(os.path.join(d, "workers.csv"), "wb").write(H.encode() + b"\n" + b"\n".join(rows) + b"\n")
