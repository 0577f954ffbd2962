//! Runs every `tests/lua/*.lua` script with the `moonvm` binary and compares
//! its stdout byte for byte with `tests/lua/<name>.expected`.
//!
//! * Scripts run with the working directory `tests/lua` and the bare file name
//!   as argument, so error messages read `name.lua:12: ...`.
//! * `MOONVM_TEST_FILTER=tables,goto` runs only scripts whose name contains one
//!   of the comma-separated substrings.
//! * `MOONVM_TEST_TIMEOUT=SECS` (default 60, 300 under `MOONVM_GC_STRESS`),
//!   `MOONVM_TEST_JOBS=N` (default: number of CPUs), `MOONVM_BIN=path` (test
//!   another binary), `MOONVM_REF_LUA=cmd` (reference interpreter, default
//!   `lua5.4`; empty to skip the differential check).
//! * The environment is passed through, so `MOONVM_GC_STRESS=1 cargo test
//!   --release -p moonvm-cli --test scripts` runs the corpus in GC stress mode.
//!
//! A second test runs the same scripts under the reference interpreter and
//! checks that the `.expected` files still equal its output, so the expected
//! files cannot drift from real Lua. It is skipped (with a note) when the
//! reference interpreter is not installed.

mod common;

use common::{diff, jobs, moonvm_bin, reference_lua, repo_root, run, tail, timeout};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

fn corpus_dir() -> PathBuf {
    repo_root().join("tests/lua")
}

/// All corpus scripts (sorted), restricted by `MOONVM_TEST_FILTER`.
fn scripts() -> Vec<String> {
    let dir = corpus_dir();
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(|e| e.ok())
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| n.ends_with(".lua"))
        .collect();
    names.sort();
    assert!(!names.is_empty(), "no scripts found in {}", dir.display());
    if let Ok(filter) = std::env::var("MOONVM_TEST_FILTER") {
        let pats: Vec<&str> = filter
            .split(',')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
        if !pats.is_empty() {
            names.retain(|n| pats.iter().any(|p| n.contains(p)));
            assert!(
                !names.is_empty(),
                "MOONVM_TEST_FILTER={filter:?} matches no script"
            );
        }
    }
    names
}

fn expected_path(script: &str) -> PathBuf {
    corpus_dir().join(format!("{}.expected", script.trim_end_matches(".lua")))
}

/// Runs `f` over `items` on `jobs()` threads; returns results in input order.
fn parallel_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<R>>> = Mutex::new((0..items.len()).map(|_| None).collect());
    std::thread::scope(|s| {
        for _ in 0..jobs().min(items.len()).max(1) {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::SeqCst);
                if i >= items.len() {
                    break;
                }
                let r = f(&items[i]);
                results.lock().unwrap()[i] = Some(r);
            });
        }
    });
    results
        .into_inner()
        .unwrap()
        .into_iter()
        .map(|r| r.expect("every item processed"))
        .collect()
}

/// Runs one script with `program` and compares against its expected file.
/// Returns `Ok(elapsed seconds)` or `Err(report)`.
fn check_script(program: &Path, script: &str) -> Result<f64, String> {
    let exp_path = expected_path(script);
    let expected = std::fs::read(&exp_path).map_err(|e| {
        format!(
            "{script}: cannot read {} ({e}); generate it with scripts/gen-expected.sh",
            exp_path.display()
        )
    })?;
    let out = run(program, &[script], &corpus_dir(), None, timeout())
        .map_err(|e| format!("{script}: cannot run {}: {e}", program.display()))?;
    let secs = out.elapsed.as_secs_f64();
    let mut problems = Vec::new();
    if out.timed_out() || out.code() != Some(0) {
        problems.push(out.describe_exit());
    }
    if out.stdout != expected {
        let exp = String::from_utf8_lossy(&expected);
        let act = out.stdout_str();
        problems.push(format!(
            "stdout differs from {} (expected {} lines, got {}); -expected +actual:\n{}",
            exp_path.file_name().unwrap().to_string_lossy(),
            exp.lines().count(),
            act.lines().count(),
            diff(&exp, &act, 40)
        ));
    }
    if problems.is_empty() {
        Ok(secs)
    } else {
        let mut report = format!("FAIL {script} ({secs:.2} s): {}\n", problems.join("; "));
        if !out.stderr.is_empty() {
            report.push_str("   stderr (last lines):\n");
            report.push_str(&tail(&out.stderr_str(), 12));
        }
        Err(report)
    }
}

fn run_corpus(program: &Path, label: &str) -> Result<(), String> {
    let names = scripts();
    let results = parallel_map(&names, |n| check_script(program, n));
    let mut failed = Vec::new();
    for (name, r) in names.iter().zip(&results) {
        match r {
            Ok(secs) => println!("ok   {name} ({secs:.2} s)"),
            Err(report) => {
                println!("{report}");
                failed.push(name.as_str());
            }
        }
    }
    println!(
        "{label}: {} of {} scripts passed",
        names.len() - failed.len(),
        names.len()
    );
    if failed.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{label}: {} of {} scripts failed (details above): {}",
            failed.len(),
            names.len(),
            failed.join(", ")
        ))
    }
}

#[test]
fn corpus_matches_expected_output() {
    let bin = moonvm_bin();
    let stress = std::env::var("MOONVM_GC_STRESS").unwrap_or_default();
    println!(
        "running tests/lua with {}{}",
        bin.display(),
        if stress.is_empty() {
            String::new()
        } else {
            format!(" (MOONVM_GC_STRESS={stress})")
        }
    );
    if let Err(msg) = run_corpus(&bin, "moonvm") {
        panic!("{msg}");
    }
}

/// Every script has an expected file and every expected file has a script.
#[test]
fn every_script_has_expected_output() {
    let dir = corpus_dir();
    let mut problems = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("tests/lua").flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if let Some(stem) = name.strip_suffix(".lua") {
            if !dir.join(format!("{stem}.expected")).is_file() {
                problems.push(format!("{name} has no {stem}.expected"));
            }
        } else if let Some(stem) = name.strip_suffix(".expected") {
            if !dir.join(format!("{stem}.lua")).is_file() {
                problems.push(format!("{name} has no {stem}.lua"));
            }
        }
    }
    problems.sort();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Differential check: the expected files must equal the output of real Lua.
#[test]
fn expected_files_match_reference_lua() {
    let Some(lua) = reference_lua() else {
        println!(
            "note: reference interpreter (lua5.4 or $MOONVM_REF_LUA) not found; \
             skipping the differential check (scripts/install-test-deps.sh installs it)"
        );
        return;
    };
    // Resolve through PATH so it can be passed as a program path.
    let program = PathBuf::from(&lua);
    println!("differential check against {lua}");
    if let Err(msg) = run_corpus(&program, &lua) {
        panic!(
            "{msg}\nThe expected files no longer match {lua}; if a script changed, \
             regenerate with scripts/gen-expected.sh (never with moonvm)."
        );
    }
}
