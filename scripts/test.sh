#!/usr/bin/env bash
# Runs the whole test suite: unit tests of every crate, the Lua corpus
# (tests/lua, crates/cli/tests/scripts.rs) and the CLI cases
# (tests/cli, crates/cli/tests/cli.rs). Extra arguments go to `cargo test`.
# --no-fail-fast: a failing test binary does not hide the results of the others.
# --profile ci: optimised, without fat LTO (see Cargo.toml).
#
# Useful variables (see README.md): MOONVM_TEST_FILTER, MOONVM_TEST_TIMEOUT,
# MOONVM_TEST_JOBS, MOONVM_GC_STRESS=1, MOONVM_REF_LUA.
set -euo pipefail
cd "$(dirname "$0")/.."
exec cargo test --workspace --profile ci --no-fail-fast "$@"
