#!/usr/bin/env bash
# Regenerate tests/lua/*.expected from the reference interpreter (lua5.4).
# Never generate expected files with moonvm.
#
#   scripts/gen-expected.sh            # all scripts
#   scripts/gen-expected.sh tables goto  # only some (names with or without .lua)
#
# Each script is run twice from inside tests/lua (as the test harness does);
# the two outputs must be identical, otherwise the script is non-deterministic
# and this command fails.
set -euo pipefail
LUA=${LUA:-lua5.4}
cd "$(dirname "$0")/../tests/lua"
command -v "$LUA" >/dev/null || { echo "error: $LUA not found (scripts/install-test-deps.sh installs it)" >&2; exit 2; }

if [ $# -gt 0 ]; then
  files=()
  for n in "$@"; do files+=("${n%.lua}.lua"); done
else
  files=(*.lua)
fi

status=0
tmp1=$(mktemp) tmp2=$(mktemp)
trap 'rm -f "$tmp1" "$tmp2"' EXIT
for f in "${files[@]}"; do
  exp="${f%.lua}.expected"
  if ! "$LUA" "$f" >"$tmp1" 2>/dev/null; then
    echo "FAIL $f: $LUA exited with an error:" >&2
    "$LUA" "$f" 2>&1 >/dev/null | sed 's/^/    /' >&2 || true
    status=1; continue
  fi
  "$LUA" "$f" >"$tmp2" 2>/dev/null || true
  if ! cmp -s "$tmp1" "$tmp2"; then
    echo "FAIL $f: output differs between two runs (non-deterministic):" >&2
    diff "$tmp1" "$tmp2" | head -10 | sed 's/^/    /' >&2 || true
    status=1; continue
  fi
  cp "$tmp1" "$exp"
  echo "ok   $f -> $exp ($(wc -l <"$exp") lines)"
done
exit $status
