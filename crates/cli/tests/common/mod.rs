//! Shared helpers for the integration tests: running a child process with a
//! time limit, locating the reference interpreter, and a small line diff.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::thread;
use std::time::{Duration, Instant};

/// Output kept per stream; anything beyond is read and discarded so that a
/// runaway `print` loop cannot exhaust memory.
const MAX_CAPTURE: usize = 16 << 20;

/// The repository root (two levels above this crate's manifest).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("repository root")
}

/// The moonvm binary under test: `$MOONVM_BIN` if set, else the one Cargo built.
pub fn moonvm_bin() -> PathBuf {
    match std::env::var_os("MOONVM_BIN") {
        Some(p) if !p.is_empty() => PathBuf::from(p),
        _ => PathBuf::from(env!("CARGO_BIN_EXE_moonvm")),
    }
}

/// The reference interpreter (`$MOONVM_REF_LUA`, default `lua5.4`), if it can be run.
pub fn reference_lua() -> Option<String> {
    let name = std::env::var("MOONVM_REF_LUA").unwrap_or_else(|_| "lua5.4".to_string());
    if name.is_empty() {
        return None;
    }
    let ok = Command::new(&name)
        .arg("-v")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .map(|s| s.success())
        .unwrap_or(false);
    ok.then_some(name)
}

/// Per-run time limit: `$MOONVM_TEST_TIMEOUT` seconds, else 60 s
/// (300 s when `MOONVM_GC_STRESS` is set, since stress mode is much slower).
pub fn timeout() -> Duration {
    if let Some(secs) = std::env::var("MOONVM_TEST_TIMEOUT")
        .ok()
        .and_then(|s| s.trim().parse::<u64>().ok())
    {
        return Duration::from_secs(secs.max(1));
    }
    let stress = std::env::var("MOONVM_GC_STRESS").is_ok_and(|v| !v.is_empty() && v != "0");
    Duration::from_secs(if stress { 300 } else { 60 })
}

/// Number of scripts run at once: `$MOONVM_TEST_JOBS`, else the number of CPUs.
pub fn jobs() -> usize {
    std::env::var("MOONVM_TEST_JOBS")
        .ok()
        .and_then(|s| s.trim().parse::<usize>().ok())
        .unwrap_or_else(|| thread::available_parallelism().map_or(2, |n| n.get()))
        .max(1)
}

pub struct Outcome {
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
    /// `None` when the process was killed because it ran past the time limit.
    pub status: Option<ExitStatus>,
    pub elapsed: Duration,
}

impl Outcome {
    pub fn timed_out(&self) -> bool {
        self.status.is_none()
    }
    pub fn code(&self) -> Option<i32> {
        self.status.and_then(|s| s.code())
    }
    pub fn stdout_str(&self) -> String {
        String::from_utf8_lossy(&self.stdout).into_owned()
    }
    pub fn stderr_str(&self) -> String {
        String::from_utf8_lossy(&self.stderr).into_owned()
    }
    /// A short description of how the process ended, for failure reports.
    pub fn describe_exit(&self) -> String {
        match self.status {
            None => format!(
                "killed after {:.1} s (time limit)",
                self.elapsed.as_secs_f64()
            ),
            Some(s) => match s.code() {
                Some(c) => format!("exit status {c}"),
                None => format!("terminated by a signal ({s})"),
            },
        }
    }
}

fn read_capped(mut r: impl Read) -> Vec<u8> {
    let mut kept = Vec::new();
    let mut buf = [0u8; 64 * 1024];
    loop {
        match r.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => {
                let room = MAX_CAPTURE.saturating_sub(kept.len());
                kept.extend_from_slice(&buf[..n.min(room)]);
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(_) => break,
        }
    }
    kept
}

/// Runs `program args...` in `cwd`, feeding `stdin` (or an empty stdin),
/// capturing both output streams, and killing the child after `limit`.
/// The environment is inherited (so e.g. `MOONVM_GC_STRESS` reaches the VM).
pub fn run(
    program: &Path,
    args: &[&str],
    cwd: &Path,
    stdin: Option<&[u8]>,
    limit: Duration,
) -> std::io::Result<Outcome> {
    let start = Instant::now();
    let mut child = Command::new(program)
        .args(args)
        .current_dir(cwd)
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;

    let writer = match (stdin, child.stdin.take()) {
        (Some(data), Some(mut pipe)) => {
            let data = data.to_vec();
            Some(thread::spawn(move || {
                // The child may exit without reading everything; ignore EPIPE.
                let _ = pipe.write_all(&data);
            }))
        }
        _ => None,
    };
    let out = child.stdout.take().expect("piped stdout");
    let err = child.stderr.take().expect("piped stderr");
    let out_reader = thread::spawn(move || read_capped(out));
    let err_reader = thread::spawn(move || read_capped(err));

    let deadline = start + limit;
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break Some(status);
        }
        if Instant::now() >= deadline {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        thread::sleep(Duration::from_millis(5));
    };
    let elapsed = start.elapsed();
    if let Some(w) = writer {
        let _ = w.join();
    }
    // After a kill, grandchildren could keep the pipes open; the readers end
    // when the last writer closes, which for moonvm is the child itself.
    let stdout = out_reader.join().unwrap_or_default();
    let stderr = err_reader.join().unwrap_or_default();
    Ok(Outcome {
        stdout,
        stderr,
        status,
        elapsed,
    })
}

/// Splits into lines, keeping a marker for a missing final newline so that
/// "a\n" and "a" are reported as different.
fn lines(text: &str) -> Vec<String> {
    let mut v: Vec<String> = text
        .split_inclusive('\n')
        .map(|l| match l.strip_suffix('\n') {
            Some(s) => s.to_string(),
            None => format!("{l}\\ (no newline at end)"),
        })
        .collect();
    if text.is_empty() {
        v.clear();
    }
    v
}

enum Op {
    Same(usize, usize),
    Del(usize),
    Ins(usize),
}

/// A unified-style diff of `expected` against `actual`, showing at most
/// `max_lines` lines of hunks. Lines are numbered as in the expected file.
pub fn diff(expected: &str, actual: &str, max_lines: usize) -> String {
    let a = lines(expected);
    let b = lines(actual);
    // Trim the common prefix and suffix, then LCS on what is left (bounded).
    let mut pre = 0;
    while pre < a.len() && pre < b.len() && a[pre] == b[pre] {
        pre += 1;
    }
    let mut suf = 0;
    while suf < a.len() - pre && suf < b.len() - pre && a[a.len() - 1 - suf] == b[b.len() - 1 - suf]
    {
        suf += 1;
    }
    let (ma, mb) = (&a[pre..a.len() - suf], &b[pre..b.len() - suf]);
    let mut ops = Vec::new();
    for i in 0..pre {
        ops.push(Op::Same(i, i));
    }
    if ma.len().saturating_mul(mb.len()) <= 4_000_000 {
        let (n, m) = (ma.len(), mb.len());
        let mut t = vec![0u32; (n + 1) * (m + 1)];
        for i in (0..n).rev() {
            for j in (0..m).rev() {
                t[i * (m + 1) + j] = if ma[i] == mb[j] {
                    t[(i + 1) * (m + 1) + j + 1] + 1
                } else {
                    t[(i + 1) * (m + 1) + j].max(t[i * (m + 1) + j + 1])
                };
            }
        }
        let (mut i, mut j) = (0, 0);
        while i < n || j < m {
            if i < n && j < m && ma[i] == mb[j] {
                ops.push(Op::Same(pre + i, pre + j));
                i += 1;
                j += 1;
            } else if j < m && (i == n || t[i * (m + 1) + j + 1] >= t[(i + 1) * (m + 1) + j]) {
                ops.push(Op::Ins(pre + j));
                j += 1;
            } else {
                ops.push(Op::Del(pre + i));
                i += 1;
            }
        }
    } else {
        for i in 0..ma.len() {
            ops.push(Op::Del(pre + i));
        }
        for j in 0..mb.len() {
            ops.push(Op::Ins(pre + j));
        }
    }
    for k in 0..suf {
        ops.push(Op::Same(a.len() - suf + k, b.len() - suf + k));
    }

    // Render hunks with 3 lines of context.
    const CTX: usize = 3;
    let changed: Vec<bool> = ops.iter().map(|o| !matches!(o, Op::Same(..))).collect();
    let mut show = vec![false; ops.len()];
    for (k, &c) in changed.iter().enumerate() {
        if c {
            let lo = k.saturating_sub(CTX);
            let hi = (k + CTX + 1).min(ops.len());
            for s in &mut show[lo..hi] {
                *s = true;
            }
        }
    }
    let mut out = String::new();
    let mut emitted = 0;
    let mut in_hunk = false;
    for (k, op) in ops.iter().enumerate() {
        if !show[k] {
            in_hunk = false;
            continue;
        }
        if emitted >= max_lines {
            out.push_str("   ... (diff truncated)\n");
            break;
        }
        if !in_hunk {
            let line = match *op {
                Op::Same(i, _) | Op::Del(i) => i + 1,
                Op::Ins(j) => j + 1,
            };
            out.push_str(&format!("   @@ near expected line {line} @@\n"));
            in_hunk = true;
        }
        match *op {
            Op::Same(i, _) => out.push_str(&format!("    {}\n", a[i])),
            Op::Del(i) => out.push_str(&format!("   -{}\n", a[i])),
            Op::Ins(j) => out.push_str(&format!("   +{}\n", b[j])),
        }
        emitted += 1;
    }
    out
}

/// The last `n` lines of `text`, indented, for failure reports.
pub fn tail(text: &str, n: usize) -> String {
    let v: Vec<&str> = text.lines().collect();
    let start = v.len().saturating_sub(n);
    v[start..]
        .iter()
        .map(|l| format!("   | {l}\n"))
        .collect::<String>()
}
