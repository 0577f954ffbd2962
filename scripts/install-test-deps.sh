#!/usr/bin/env bash
# Installs what the test suite needs besides Rust: the reference interpreter
# lua5.4, used by the differential checks (expected files and CLI cases are
# compared against it). Idempotent; does nothing when lua5.4 is present.
# Without root or apt-get it only prints a note: the tests then skip the
# differential part.
set -euo pipefail

if command -v lua5.4 >/dev/null 2>&1; then
  echo "install-test-deps: lua5.4 present ($(lua5.4 -v 2>&1 | head -n1))"
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "install-test-deps: lua5.4 not found and not running as root;" \
       "install it with 'sudo apt-get install lua5.4' (differential checks will be skipped)" >&2
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-test-deps: lua5.4 not found and apt-get unavailable (differential checks will be skipped)" >&2
  exit 0
fi

echo "install-test-deps: installing lua5.4 with apt-get"
export DEBIAN_FRONTEND=noninteractive
if apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends lua5.4 >/dev/null; then
  echo "install-test-deps: installed $(lua5.4 -v 2>&1 | head -n1)"
else
  echo "install-test-deps: warning: could not install lua5.4 (differential checks will be skipped)" >&2
fi
