#!/usr/bin/env bash
# Every test: typecheck, lint, build, unit (plain Node), integration (inside a real VS Code 1.100.3,
# i.e. code-server, offline), UI (Playwright through the real workbench in Chromium).
# Ends with one line `tests: N passed, N failed`. Used by `npm test` and by .ci/run.
# Stops at the first failing step; TANDEM_KEEP_GOING=1 runs every step and reports them all.
set -uo pipefail
cd "$(dirname "$0")/.."

passed=0
failed=0
summary=()
failures=()

note() { printf '\n\033[1m== %s\033[0m\n' "$1"; }
fail() { echo "test-all: $1" >&2; summary+=("FAILED  $1"); }

finish() {
  [ -n "${cs_log:-}" ] && rm -f "$cs_log"
  note summary
  printf '%s\n' "${summary[@]}"
  # CI shows only the end of the output: the failing tests are named again here, with their first error line.
  if [ "${#failures[@]}" -gt 0 ]; then
    echo "failing tests:"
    printf '%s\n' "${failures[@]}"
  fi
  # A failing step with no test counts (typecheck, lint, build) still counts as a failure.
  local hard
  hard=$(printf '%s\n' "${summary[@]}" | grep -c '^FAILED' || true)
  if [ "$hard" -gt 0 ] && [ "$failed" -eq 0 ]; then failed=$hard; fi
  echo "tests: $passed passed, $failed failed"
  [ "$hard" -eq 0 ] && [ "$failed" -eq 0 ]
  exit
}

# Adds the counts found in a runner's closing line ("N passing"/"N failing" or "x: N passed, N failed").
count() {
  local log=$1 p f
  p=$(grep -Eo '^ *[0-9]+ passing' "$log" | tail -1 | grep -Eo '[0-9]+' || true)
  f=$(grep -Eo '^ *[0-9]+ failing' "$log" | tail -1 | grep -Eo '[0-9]+' || true)
  if [ -z "$p" ]; then
    p=$(grep -Eo '[0-9]+ passed, [0-9]+ failed' "$log" | tail -1 | grep -Eo '^[0-9]+' || true)
    f=$(grep -Eo '[0-9]+ passed, [0-9]+ failed' "$log" | tail -1 | grep -Eo '[0-9]+ failed' | grep -Eo '[0-9]+' || true)
  fi
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
}

run_step() {
  local name=$1; shift
  note "$name"
  local log; log=$(mktemp)
  local start=$SECONDS
  "$@" 2>&1 | grep -v 'Unknown user config "nodedir"' | tee "$log"
  local rc=${PIPESTATUS[0]}
  count "$log"
  if [ "$rc" -ne 0 ]; then
    # Mocha's failure list ("  1) suite" / "title:" / "Error: …") or the integration runner's "✘ title" /
    # "Error: …", kept as one line each.
    while IFS= read -r line; do failures+=("  [$name] $line"); done < <(
      awk '/^ *[0-9]+ failing/{on=1; next}
        on && /^  [0-9]+\) /{if (t) print t; t=$0; n=0; m=2; next}
        /^ *✘ /{if (t) print t; t=$0; n=0; m=5; next}
        t && n<m && NF {sub(/^ +/, ""); t=t " | " $0; n++; if (n==m) {print t; t=""}}
        END{if (t) print t}' "$log" | cut -c1-300 | head -20)
  fi
  rm -f "$log"
  if [ "$rc" -ne 0 ]; then
    fail "$name (exit $rc)"
    [ -n "${TANDEM_KEEP_GOING:-}" ] || finish
    return 1
  fi
  summary+=("ok      $name ($((SECONDS - start)) s)")
}

# First, in under a second: what the machine must have (installed with apt-get when root on Debian).
run_step system bash scripts/check-system.sh || finish
# Typecheck and lint (each mostly one core) run side by side; each one's output is shown whole.
both() {
  local t l rt=0 rl=0
  t=$(mktemp); l=$(mktemp)
  npx tsc -p . --noEmit > "$t" 2>&1 & local pt=$!
  npx eslint . > "$l" 2>&1 || rl=$?
  wait "$pt" || rt=$?
  echo "-- typecheck (exit $rt)"; cat "$t"
  echo "-- lint (exit $rl)"; cat "$l"
  rm -f "$t" "$l"
  [ "$rt" -eq 0 ] && [ "$rl" -eq 0 ]
}
run_step "typecheck + lint" both || true
if run_step build node esbuild.config.mjs; then
  # Installing code-server (npm and native modules) runs beside the unit tests, which spend much of
  # their time waiting on child processes; its output is shown, and its step judged, once they end.
  cs_log=$(mktemp)
  bash scripts/install-code-server.sh > "$cs_log" 2>&1 &
  cs_pid=$!
  run_step unit npx mocha || true
  cs_rc=0
  wait "$cs_pid" || cs_rc=$?
  if run_step "install code-server" bash -c 'cat "$1"; exit "$2"' _ "$cs_log" "$cs_rc"; then
    run_step integration npx tsx test/integration/runCodeServer.ts || true
    run_step ui npx tsx test/ui/runUi.ts || true
    # The .vsix as users get it: packaged, installed into code-server, smoke and ghost-text tests.
    if run_step package node scripts/package.mjs; then
      TANDEM_TEST_INSTALLED=dist/tandem.vsix run_step "integration (installed .vsix)" npx tsx test/integration/runCodeServer.ts || true
    fi
  fi
fi

finish
