#!/usr/bin/env bash
# Run the official Lua 5.4 test suite (the `testes/` directory of the lua/lua
# repository) file by file against moonvm, and against the reference `lua5.4`
# when it is installed, with `_port = true` and `_soft = true` as all.lua allows.
#
# usage: scripts/run-official-tests.sh TESTES_DIR [MOONVM_BINARY]
#
#   TESTES_DIR      the suite's testes/ directory (never copied into this repo)
#   MOONVM_BINARY   default ./target/release/moonvm
#
# Variables: TIMEOUT (seconds per file, default 120), REF_LUA (reference
# interpreter, default lua5.4; set to "" to skip it), FILES (space-separated
# list of test files to run instead of all of them), KEEP_LOGS (a directory
# where each run's output is kept, default a temporary directory removed at exit).
#
# Prints a markdown table: file, moonvm result (PASS, FAIL, TIMEOUT or CRASH),
# reference result, and the first error line of moonvm's run for files that do
# not pass. Files that need the C
# test library `T` skip those parts themselves (they check `T == nil`).
set -uo pipefail

if [ $# -lt 1 ] || [ ! -d "$1" ]; then
    echo "usage: $0 TESTES_DIR [MOONVM_BINARY]" >&2
    exit 2
fi
TESTES=$(cd "$1" && pwd)
BIN=${2:-./target/release/moonvm}
if [ ! -x "$BIN" ]; then
    echo "$0: $BIN is not an executable (build it with cargo build --release)" >&2
    exit 2
fi
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
TIMEOUT=${TIMEOUT:-120}
REF_LUA=${REF_LUA-lua5.4}
if [ -n "$REF_LUA" ] && ! command -v "$REF_LUA" > /dev/null 2>&1; then
    REF_LUA=""
fi

if [ -n "${KEEP_LOGS:-}" ]; then
    LOGS=$KEEP_LOGS
    mkdir -p "$LOGS"
else
    LOGS=$(mktemp -d)
    trap 'rm -rf "$LOGS"' EXIT
fi

if [ -n "${FILES:-}" ]; then
    # shellcheck disable=SC2206
    files=($FILES)
else
    files=()
    for f in "$TESTES"/*.lua; do
        f=$(basename "$f")
        # all.lua is the driver that runs the others in one process.
        [ "$f" = all.lua ] && continue
        files+=("$f")
    done
fi

# run INTERPRETER FILE LOGPREFIX -> prints PASS, FAIL or TIMEOUT
run_one() {
    local interp=$1 file=$2 log=$3 rc
    { (cd "$TESTES" && exec timeout -k 5 "$TIMEOUT" "$interp" -e "_port=true _soft=true" "$file" \
        < /dev/null > "$log.out" 2> "$log.err"); } 2> /dev/null
    rc=$?
    echo "$rc" > "$log.rc"
    if [ $rc -eq 0 ]; then
        echo PASS
    elif [ $rc -eq 124 ] || [ $rc -eq 137 ]; then
        echo TIMEOUT
    elif [ $rc -gt 128 ]; then
        # Killed by a signal (segmentation fault, abort...).
        echo CRASH
    else
        echo FAIL
    fi
}

# The first error line of a failed run: the interpreter's "prog: message" line,
# else the first line of standard error, else the last line of standard output.
first_error() {
    local log=$1 name=$2 line
    line=$(grep -m1 -E "^($name|lua5\.4|lua): " "$log.err")
    [ -z "$line" ] && line=$(grep -m1 -v '^[[:space:]]*$' "$log.err")
    [ -z "$line" ] && line=$(grep -v '^[[:space:]]*$' "$log.out" | tail -n 1)
    [ -z "$line" ] && line="(no output)"
    line=${line//|/\\|}
    printf '%s' "${line:0:200}"
}

pass=0 fail=0 ref_pass=0 ref_fail=0 ours=0
echo "| file | moonvm | ${REF_LUA:-reference} | first error (moonvm) |"
echo "|---|---|---|---|"
for f in "${files[@]}"; do
    base=${f%.lua}
    res=$(run_one "$BIN" "$f" "$LOGS/$base.moonvm")
    if [ -n "$REF_LUA" ]; then
        ref=$(run_one "$REF_LUA" "$f" "$LOGS/$base.ref")
    else
        ref="-"
    fi
    err=""
    if [ "$res" = PASS ]; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        if [ "$res" = TIMEOUT ]; then
            err="(killed after ${TIMEOUT}s)"
        elif [ "$res" = CRASH ]; then
            err="(killed by signal $(($(cat "$LOGS/$base.moonvm.rc") - 128)))"
        else
            err=$(first_error "$LOGS/$base.moonvm" "$(basename "$BIN")")
        fi
        [ "$ref" = PASS ] && ours=$((ours + 1))
    fi
    case $ref in
        PASS) ref_pass=$((ref_pass + 1)) ;;
        -) ;;
        *) ref_fail=$((ref_fail + 1)) ;;
    esac
    echo "| $f | $res | $ref | $err |"
done
echo
echo "moonvm: $pass passed, $fail failed (of ${#files[@]})"
if [ -n "$REF_LUA" ]; then
    echo "$REF_LUA: $ref_pass passed, $ref_fail failed; failures that pass under $REF_LUA: $ours"
fi
