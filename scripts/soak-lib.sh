# soak-lib.sh: what scripts/kill-soak and scripts/disk-soak share, sourced by both (not run on its
# own): the seeded draws, reading a warehouse as sorted rows and digests (dump, reports), judging
# what a reader saw against two states (judge), the checks after a run to completion (finished:
# tables and reports equal to a reference, run records agreeing, nothing left behind, a dry run
# with nothing to do) and the inboxes and references both compare with.
#
# The sourcing script sets: soak (its name, for messages), changai (the launcher), work (its
# folder), seed; and per iteration i, mode, wh (the warehouse), it (the prefix of its files),
# inbox. recorded_statuses lists the statuses a finished warehouse's run records may hold.
recorded_statuses="died succeeded nothing_to_do"

say() { printf '%s: %s\n' "$soak" "$*" >&2; }
now_ms() { date +%s%3N; }
sleep_ms() { sleep "$(printf '%d.%03d' $(($1 / 1000)) $(($1 % 1000)))"; }
# A draw in [0, $1) into $draw, from the seeded generator of this shell (never in a subshell,
# whose draws would not advance it).
draw() { draw=$(( ((RANDOM << 15) | RANDOM) % $1 )); }

# Every published table of WAREHOUSE, period-partitioned, as one JSON line a row without its run
# id, and the runs table as "run_id status exit_code"; only the tables it holds are named (a failed
# first run publishes its runs row alone).
tables=(enterprises workers studios rejected_rows warnings rejected_submissions indicator_values
  indicator_wide skill_distribution scores audit)
query() {
  local table query=""
  for table in "${tables[@]}"; do
    [ -n "$(ls -A "$1/tables/$table" 2>/dev/null)" ] || continue
    query+="SELECT '$table' AS t, period AS p, regexp_replace(to_json(struct(*)), '\"run_id\":\"[^\"]*\",?', '') AS r FROM $table UNION ALL "
  done
  if [ -n "$(ls -A "$1/tables/runs" 2>/dev/null)" ]; then
    printf '%s' "${query}SELECT 'runs', 'all', concat_ws(' ', run_id, status, exit_code) FROM runs"
  else
    printf '%s' "${query% UNION ALL }"
  fi
}
runid='[0-9]{8}T[0-9]{6}Z(-|\\00002D)[0-9a-f]{6}'

# dump WAREHOUSE OUT: OUT.rows (sorted rows), OUT.keys ("table@period digest" per table period
# and report period, runs rows counted as "runs@all N"), OUT.err (the reader's stderr); returns the
# reader's exit code (an empty warehouse, which has no tables yet, dumps as empty).
dump() {
  local wh="$1" out="$2" status=0
  : >"$out.err"
  if [ -d "$wh/tables" ] && [ -n "$(ls -A "$wh/tables" 2>/dev/null)" ]; then
    "$changai" sql --warehouse "$wh" --csv --max-rows 100000000 "$(query "$wh")" >"$out.csv" 2>"$out.err" || status=$?
  else
    : >"$out.csv"
  fi
  tail -n +2 "$out.csv" | tr -d '\r' | LC_ALL=C sort >"$out.rows"
  rm -rf "$out.parts" && mkdir -p "$out.parts"
  { grep -v '^runs,' "$out.rows" || true; } | awk -F, -v d="$out.parts" '{ print > (d "/" $1 "@" $2) }'
  local runs
  runs="$(grep -c '^runs,' "$out.rows" || true)"
  {
    for f in "$out.parts"/*; do
      if [ -f "$f" ]; then printf '%s %s\n' "$(basename "$f")" "$(md5sum <"$f" | cut -c1-32)"; fi
    done
    if [ "$runs" -gt 0 ]; then printf 'runs@all %s\n' "$runs"; fi
    for period in "$wh"/reports/*/; do
      [ -d "$period" ] || continue
      printf 'report@%s %s\n' "$(basename "$period")" "$(reports "$period" | md5sum | cut -c1-32)"
    done
  } | LC_ALL=C sort >"$out.keys"
  rm -rf "$out.parts" "$out.csv"
  return $status
}

# reports FOLDER: each file's name and digest, run ids blanked (in workbooks, in each member).
reports() {
  local root="${1%/}" file rel member
  find "$root" -type f | LC_ALL=C sort | while read -r file; do
    rel="${file#"$root"/}"
    case "$file" in
      *.xlsx)
        unzip -Z1 "$file" | LC_ALL=C sort | while read -r member; do
          printf '%s!%s %s\n' "$rel" "$member" \
            "$(unzip -p "$file" "$(printf '%s' "$member" | sed 's/[][*?]/\\&/g')" | sed -E "s/$runid/RUNID/g" | md5sum | cut -c1-32)"
        done ;;
      *) printf '%s %s\n' "$rel" "$(sed -E "s/$runid/RUNID/g" "$file" | md5sum | cut -c1-32)" ;;
    esac
  done
}

# Temporary or staging files where readers look (FOLDERS under the warehouse, tables and reports
# when not given).
strays() {
  local wh="$1" folders=("${@:2}")
  [ ${#folders[@]} -gt 0 ] || folders=(tables reports)
  find "${folders[@]/#/$wh/}" \( -name '.*' -o -name '_*' -o -name '*tmp*' -o -name '*staging*' \
    -o -name '*.crc' \) -print 2>/dev/null | head -5 || true
}

failures=0
failed_list=()
fail() {
  failures=$((failures + 1))
  failed_list+=("iteration $i ($mode): $*")
  say "FAIL iteration $i ($mode): $*"
  if [ -d "$wh" ] && [ ! -d "$work/fail-$i" ]; then cp -a "$wh" "$work/fail-$i" 2>/dev/null || true; fi
  for log in "$it".*; do [ -f "$log" ] && cp "$log" "$work/fail-$i.$(basename "$log")" 2>/dev/null; done
  return 0
}

# judge KEYS STDERR OLD NEW: what a reader saw, "old", "new" or "mixed" into $seen; fails a mix
# that the reader did not warn of, and a table period or report period of neither state.
judge() {
  local keys="$1" err="$2" old="$3" new="$4" what="$5"
  local verdict
  verdict="$(awk -v warned="$(grep -c 'stopped while publishing' "$err" || true)" '
    FILENAME == ARGV[1] { old[$1] = $2; all[$1] = 1; next }
    FILENAME == ARGV[2] { new[$1] = $2; all[$1] = 1; next }
    { seen[$1] = $2; all[$1] = 1 }
    END {
      isold = 1; isnew = 1; absent = 0; pages = ""; other = ""
      for (k in all) {
        o = (k in old) ? old[k] : "-"; n = (k in new) ? new[k] : "-"; s = (k in seen) ? seen[k] : "-"
        if (s != o) isold = 0
        if (s != n) isnew = 0
        if (s != o && s != n) {
          # A report period is swapped file by file (its units/ as one folder): mid-swap, part old,
          # part new, or without units/.
          if (k ~ /^report@/) pages = pages " " k
          else if (s == "-" && k !~ /^runs@/) absent++
          else other = other " " k
        }
      }
      if (isold) print "old"
      else if (isnew) print "new"
      else if (other != "") print "bad a state of neither run:" other
      else if (warned == 0) print "bad old and new mixed with no warning" (pages == "" ? "" : "; reports of neither:" pages)
      else if (absent > 1) print "bad " absent " table folders absent"
      else print "mixed"
    }' "$old" "$new" "$keys")"
  case "$verdict" in
    bad*) fail "$what: ${verdict#bad }"; seen=bad ;;
    *) seen="$verdict" ;;
  esac
}

# runs_agree WAREHOUSE ROWS: every run record and the runs table tell the same story.
runs_agree() {
  local wh="$1" rows="$2" f
  local records="$it.records"
  : >"$records"
  for f in "$wh"/runs/*.json; do
    [ "$(basename "$f")" = state.json ] && continue
    jq -r '[.run_id, .status, (.exit_code // "-" | tostring)] | join(" ")' "$f" >>"$records" 2>/dev/null \
      || { fail "run record $f cannot be read"; return 0; }
  done
  local problem
  problem="$(awk -v ok="$recorded_statuses" '
    FILENAME == ARGV[1] { status[$1] = $2; code[$1] = $3; next }
    { sub(/^runs,all,/, ""); row[$1] = $2 " " $3 }
    END {
      for (r in status) {
        if (index(" " ok " ", " " status[r] " ") == 0) print "record " r " is " status[r]
        if (status[r] == "died" && (r in row)) print "died run " r " has a runs row"
        if (status[r] != "died" && !(r in row)) print "run " r " (" status[r] ") has no runs row"
        if (status[r] != "died" && (r in row) && row[r] != status[r] " " code[r]) print "run " r ": record " status[r] " " code[r] ", row " row[r]
      }
      for (r in row) if (!(r in status)) print "runs row " r " has no record"
    }' "$records" <(grep '^runs,' "$rows" || true) | head -3)"
  [ -z "$problem" ] || fail "runs disagree: $problem"
  if "$changai" runs --warehouse "$wh" >"$it.runs" 2>&1; then
    if grep -qE 'running|stopped while publishing|stopped at its commit point|holds the warehouse' "$it.runs"; then
      fail "changai runs shows a run unfinished: $(grep -E 'running|stopped' "$it.runs" | head -1)"
    fi
  else
    fail "changai runs failed: $(tail -1 "$it.runs")"
  fi
}

# leftovers WAREHOUSE: what a finished run must not leave behind.
leftovers() {
  local wh="$1" left
  left="$( { ls -d "$wh/_lock" 2>/dev/null; ls -A "$wh/_journal" "$wh/_swapping" "$wh/_staging" "$wh/_trash" 2>/dev/null | grep -v ':$' | grep .; } || true)"
  [ -z "$left" ] || fail "left behind after a finished run: $(echo "$left" | head -3 | tr '\n' ' ')"
  left="$(strays "$wh" tables reports runs; ls -d "$wh"/_lock.*.tmp 2>/dev/null || true)"
  [ -z "$left" ] || fail "temporary or staging files left: $(echo "$left" | tr '\n' ' ')"
}

# finished WAREHOUSE REFERENCE RC EXPECTED_RC: after a run to completion, the warehouse equals the reference.
finished() {
  local wh="$1" ref="$2" rc="$3" expected="$4"
  [ "$rc" = "$expected" ] || fail "the run to completion exited $rc, the reference $expected: $(tail -1 "$it.rerun.err" 2>/dev/null)"
  if ! dump "$wh" "$it.after"; then fail "reading the finished warehouse failed: $(tail -1 "$it.after.err")"; return 0; fi
  if grep -q 'stopped while publishing' "$it.after.err"; then fail "a finished warehouse is still part old, part new"; fi
  if ! diff -q <(grep -v '^runs,' "$it.after.rows") <(grep -v '^runs,' "$ref.rows") >/dev/null; then
    fail "tables differ from the reference: $(diff <(grep -v '^runs,' "$it.after.rows") <(grep -v '^runs,' "$ref.rows") | grep -c '^[<>]') rows, first $(diff <(grep -v '^runs,' "$it.after.rows") <(grep -v '^runs,' "$ref.rows") | grep '^[<>]' | head -1 | cut -c1-200)"
  fi
  if ! diff -q <(reports "$wh/reports") "$ref.reports" >/dev/null; then
    fail "reports differ from the reference: $(diff <(reports "$wh/reports") "$ref.reports" | grep '^[<>]' | head -2 | tr '\n' ' ')"
  fi
  runs_agree "$wh" "$it.after.rows"
  leftovers "$wh"
  if ! "$changai" run --dry-run --inbox "$inbox" --warehouse "$wh" >"$it.dry" 2>&1 || ! grep -q 'Nothing to do' "$it.dry"; then
    fail "a dry run after completion has work to do: $(grep -m1 -iE 'period|plan' "$it.dry")"
  fi
}

# inboxes ENTERPRISES WORKERS: inbox A, a small dirty inbox of 2024 and 2025, and inbox B, the same
# with A's first 2024 submission sent again (later, 20 workers fewer); $resent names it.
inboxes() {
  "$changai" generate --out "$work/inbox-a" --enterprises "$1" --workers "$2" --periods 2024,2025 \
    --dirty-rate 0.02 --seed "$seed" >"$work/generate.out" 2>&1 || { cat "$work/generate.out" >&2; exit 1; }
  rm -rf "$work/inbox-b" && cp -a "$work/inbox-a" "$work/inbox-b"
  resent="$(ls "$work/inbox-b/2024" | LC_ALL=C sort | head -1)"
  sed -i -E 's/("submitted_at" *: *")[^"]*"/\12026-02-01T09:00:00+08:00"/' "$work/inbox-b/2024/$resent/enterprise.json"
  head -n -20 "$work/inbox-b/2024/$resent/workers.csv" >"$work/workers.csv" && mv "$work/workers.csv" "$work/inbox-b/2024/$resent/workers.csv"
}

reference() { # NAME INBOX [FROM]
  local name="$1" from="${3:-}" start status=0
  rm -rf "$work/$name"
  if [ -n "$from" ]; then cp -a "$work/$from" "$work/$name"; fi
  start="$(now_ms)"
  "$changai" run --inbox "$2" --warehouse "$work/$name" >"$work/$name.out" 2>"$work/$name.err" || status=$?
  eval "${name//-/_}_ms=$(( $(now_ms) - start ))"
  eval "${name//-/_}_rc=$status"
  case $status in 0|3) ;; *) say "reference run $name exited $status"; tail -5 "$work/$name.err" >&2; exit 1 ;; esac
  dump "$work/$name" "$work/$name" || { say "reading reference $name failed"; cat "$work/$name.err" >&2; exit 1; }
  reports "$work/$name/reports" >"$work/$name.reports"
}
# references: ref-a (an empty warehouse and inbox A) and ref-b (ref-a and inbox B), with their
# times and exit codes in ref_a_ms, ref_a_rc, ref_b_ms, ref_b_rc; empty.keys, the empty warehouse.
references() {
  reference ref-a "$work/inbox-a"
  reference ref-b "$work/inbox-b" ref-a
  : >"$work/empty.keys"
  say "references: A $(grep -vc '^runs,' "$work/ref-a.rows") rows in ${ref_a_ms} ms (exit $ref_a_rc), A then B in ${ref_b_ms} ms (exit $ref_b_rc), resent 2024/$resent"
  [ "$(grep -v '^runs@' "$work/ref-a.keys")" != "$(grep -v '^runs@' "$work/ref-b.keys")" ] \
    || { say "inbox B changes nothing: the resubmission variant would publish nothing"; exit 1; }
}
