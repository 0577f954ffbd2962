//! The OS library (PUC's `loslib.c`).
//!
//! Dates use the C library (`localtime_r`, `gmtime_r`, `mktime`, `strftime`)
//! through `libc`, so results match C Lua exactly; the program never calls
//! `setlocale`, so the C locale is in force.

use crate::io::{c_str, check_option, exec_result, fail_result, file_result};
use crate::output;
use moonvm_vm::arith::to_integer;
use moonvm_vm::number::F2I;
use moonvm_vm::{LResult, Value, Vm};
use std::ffi::CString;
use std::os::unix::ffi::OsStrExt;

pub fn open(vm: &mut Vm) {
    vm.register_lib(
        "os",
        &[
            ("clock", os_clock),
            ("date", os_date),
            ("difftime", os_difftime),
            ("execute", os_execute),
            ("exit", os_exit),
            ("getenv", os_getenv),
            ("remove", os_remove),
            ("rename", os_rename),
            ("setlocale", os_setlocale),
            ("time", os_time),
            ("tmpname", os_tmpname),
        ],
    );
}

fn bytes_path(b: &[u8]) -> &std::path::Path {
    std::path::Path::new(std::ffi::OsStr::from_bytes(b))
}

/// Create a new empty file "/tmp/lua_XXXXXX" (as `mkstemp` does).
pub(crate) fn make_temp() -> std::io::Result<(std::path::PathBuf, std::fs::File)> {
    use std::hash::{BuildHasher, Hasher};
    use std::os::unix::fs::OpenOptionsExt;
    const CHARS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    let state = std::collections::hash_map::RandomState::new();
    let mut last = std::io::Error::from_raw_os_error(17);
    for attempt in 0..100u32 {
        let mut h = state.build_hasher();
        h.write_u32(attempt);
        h.write_u32(std::process::id());
        if let Ok(d) = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH) {
            h.write_u128(d.as_nanos());
        }
        let mut x = h.finish();
        let mut name = b"/tmp/lua_".to_vec();
        for _ in 0..6 {
            name.push(CHARS[(x % CHARS.len() as u64) as usize]);
            x /= CHARS.len() as u64;
        }
        let path = bytes_path(&name).to_path_buf();
        match std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&path)
        {
            Ok(f) => return Ok((path, f)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => last = e,
            Err(e) => return Err(e),
        }
    }
    Err(last)
}

fn os_clock(vm: &mut Vm) -> LResult<usize> {
    // glibc's clock(): the process CPU-time clock in microseconds
    // (CLOCKS_PER_SEC is one million).
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a live, writable timespec.
    let r = unsafe { libc::clock_gettime(libc::CLOCK_PROCESS_CPUTIME_ID, &mut ts) };
    let micros = if r == 0 {
        ts.tv_sec as f64 * 1_000_000.0 + (ts.tv_nsec / 1000) as f64
    } else {
        -1.0
    };
    vm.ret1(Value::Float(micros / 1_000_000.0))
}

fn os_getenv(vm: &mut Vm) -> LResult<usize> {
    let name = c_str(vm.check_str(1)?.as_bytes()).to_vec();
    let v = if name.is_empty() || name.contains(&b'=') || name.contains(&0) {
        None
    } else {
        std::env::var_os(std::ffi::OsStr::from_bytes(&name))
    };
    let r = match v {
        Some(s) => vm.str_value(s.as_bytes()),
        None => Value::Nil,
    };
    vm.ret1(r)
}

fn os_remove(vm: &mut Vm) -> LResult<usize> {
    let name = c_str(vm.check_str(1)?.as_bytes()).to_vec();
    let p = bytes_path(&name);
    // C's remove() also removes empty directories.
    let r = match std::fs::symlink_metadata(p) {
        Ok(m) if m.is_dir() => std::fs::remove_dir(p),
        _ => std::fs::remove_file(p),
    };
    file_result(vm, r, Some(&name))
}

fn os_rename(vm: &mut Vm) -> LResult<usize> {
    let from = c_str(vm.check_str(1)?.as_bytes()).to_vec();
    let to = c_str(vm.check_str(2)?.as_bytes()).to_vec();
    let r = std::fs::rename(bytes_path(&from), bytes_path(&to));
    file_result(vm, r, None)
}

fn os_tmpname(vm: &mut Vm) -> LResult<usize> {
    match make_temp() {
        Ok((p, _)) => {
            let v = vm.str_value(p.as_os_str().as_bytes());
            vm.ret1(v)
        }
        Err(_) => Err(vm.lib_error("unable to generate a unique filename")),
    }
}

fn os_execute(vm: &mut Vm) -> LResult<usize> {
    let cmd = vm.opt_str(1)?.map(|s| c_str(s.as_bytes()).to_vec());
    let Some(cmd) = cmd else {
        let has_shell = std::path::Path::new("/bin/sh").exists();
        return vm.ret1(Value::Bool(has_shell));
    };
    output::flush_stdout();
    let st = std::process::Command::new("/bin/sh")
        .arg("-c")
        .arg(std::ffi::OsStr::from_bytes(&cmd))
        .status();
    match st {
        Ok(st) => exec_result(vm, st),
        Err(e) => fail_result(vm, &e, None),
    }
}

fn os_exit(vm: &mut Vm) -> LResult<usize> {
    let status = match vm.arg(1) {
        Value::Bool(b) => {
            if b {
                0
            } else {
                1
            }
        }
        _ => vm.opt_int(1, 0)? as i32,
    };
    // C's exit() flushes every stdio stream; do the same for ours.
    crate::io::flush_all();
    std::process::exit(status)
}

fn os_setlocale(vm: &mut Vm) -> LResult<usize> {
    let l = vm.opt_str(1)?.map(|s| c_str(s.as_bytes()).to_vec());
    check_option(
        vm,
        2,
        Some("all"),
        &["all", "collate", "ctype", "monetary", "numeric", "time"],
    )?;
    let r = match l.as_deref() {
        None | Some(b"") | Some(b"C") | Some(b"POSIX") => vm.str_value(b"C"),
        Some(_) => Value::Nil,
    };
    vm.ret1(r)
}

// ---- time and date ------------------------------------------------------------------

/// `l_checktime`.
fn check_time(vm: &mut Vm, n: usize) -> LResult<i64> {
    vm.check_int(n)
}

fn now() -> i64 {
    match std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH) {
        Ok(d) => d.as_secs() as i64,
        Err(e) => -(e.duration().as_secs() as i64),
    }
}

fn zero_tm() -> libc::tm {
    // SAFETY: `tm` is a plain C struct of integers and a nullable pointer; all
    // zero bits is a valid value.
    unsafe { std::mem::zeroed() }
}

/// Broken-down time, UTC or local; None if it cannot be represented.
fn break_time(t: i64, utc: bool) -> Option<libc::tm> {
    let tt: libc::time_t = t as libc::time_t;
    let mut tm = zero_tm();
    // SAFETY: both pointers refer to live, properly aligned locals; the reentrant
    // variants write only into `tm`.
    let r = unsafe {
        if utc {
            libc::gmtime_r(&tt, &mut tm)
        } else {
            libc::localtime_r(&tt, &mut tm)
        }
    };
    if r.is_null() {
        None
    } else {
        Some(tm)
    }
}

/// The strftime conversions Lua 5.4 accepts (LUA_STRFTIMEOPTIONS for C99).
const STRFTIME_OPTIONS: &[u8] =
    b"aAbBcCdDeFgGhHIjmMnprRStTuUVwWxXyYzZ%||EcECExEXEyEYOdOeOHOIOmOMOSOuOUOVOwOWOy";

/// Length of a valid conversion at the start of `conv`, as PUC's `checkoption`.
fn check_conversion(conv: &[u8]) -> Option<usize> {
    let mut oplen = 1;
    let mut i = 0;
    while i < STRFTIME_OPTIONS.len() && oplen <= conv.len() {
        if STRFTIME_OPTIONS[i] == b'|' {
            oplen += 1;
        } else if i + oplen <= STRFTIME_OPTIONS.len()
            && conv[..oplen] == STRFTIME_OPTIONS[i..i + oplen]
        {
            return Some(oplen);
        }
        i += oplen;
    }
    None
}

/// One `strftime` conversion (`spec` without the '%').
fn strftime_one(spec: &[u8], tm: &libc::tm, out: &mut Vec<u8>) {
    let mut fmt = vec![b'%'];
    fmt.extend_from_slice(spec);
    let Ok(cfmt) = CString::new(fmt) else { return };
    let mut buf = [0u8; 250];
    // SAFETY: `buf` has the length passed, `cfmt` is NUL-terminated and `tm` is a
    // valid broken-down time from gmtime_r/localtime_r.
    let n = unsafe {
        libc::strftime(
            buf.as_mut_ptr() as *mut libc::c_char,
            buf.len(),
            cfmt.as_ptr(),
            tm,
        )
    };
    out.extend_from_slice(&buf[..n.min(buf.len())]);
}

fn set_all_fields(vm: &mut Vm, t: Value, tm: &libc::tm, raw: bool) -> LResult<()> {
    let fields: [(&str, i64); 8] = [
        ("year", tm.tm_year as i64 + 1900),
        ("month", tm.tm_mon as i64 + 1),
        ("day", tm.tm_mday as i64),
        ("hour", tm.tm_hour as i64),
        ("min", tm.tm_min as i64),
        ("sec", tm.tm_sec as i64),
        ("yday", tm.tm_yday as i64 + 1),
        ("wday", tm.tm_wday as i64 + 1),
    ];
    for (k, v) in fields {
        set_one(vm, t, k, Value::Int(v), raw)?;
    }
    if tm.tm_isdst >= 0 {
        set_one(vm, t, "isdst", Value::Bool(tm.tm_isdst != 0), raw)?;
    }
    Ok(())
}

fn set_one(vm: &mut Vm, t: Value, k: &str, v: Value, raw: bool) -> LResult<()> {
    match (raw, t) {
        (true, Value::Table(tab)) => {
            vm.set_field(tab, k, v);
            Ok(())
        }
        _ => {
            let key = vm.str_value(k.as_bytes());
            vm.set_index(t, key, v)
        }
    }
}

fn os_date(vm: &mut Vm) -> LResult<usize> {
    let fmt = match vm.opt_str(1)? {
        Some(s) => s.as_bytes().to_vec(),
        None => b"%c".to_vec(),
    };
    let t = if vm.arg(2).is_nil() {
        now()
    } else {
        check_time(vm, 2)?
    };
    let (utc, s) = match fmt.strip_prefix(b"!") {
        Some(rest) => (true, rest),
        None => (false, &fmt[..]),
    };
    let Some(tm) = break_time(t, utc) else {
        return Err(vm.lib_error("date result cannot be represented in this installation"));
    };
    if s == b"*t" {
        let tab = vm.new_table(0, 9);
        set_all_fields(vm, Value::Table(tab), &tm, true)?;
        return vm.ret1(Value::Table(tab));
    }
    let mut out = Vec::with_capacity(s.len() * 2);
    let mut i = 0;
    while i < s.len() {
        if s[i] != b'%' {
            out.push(s[i]);
            i += 1;
            continue;
        }
        i += 1;
        match check_conversion(&s[i..]) {
            Some(n) => {
                strftime_one(&s[i..i + n], &tm, &mut out);
                i += n;
            }
            None => {
                let rest = &s[i..];
                let rest = &rest[..rest.iter().position(|&c| c == 0).unwrap_or(rest.len())];
                let msg = format!(
                    "invalid conversion specifier '%{}'",
                    String::from_utf8_lossy(rest)
                );
                return Err(vm.arg_error(1, &msg));
            }
        }
    }
    let v = vm.str_value(&out);
    vm.ret1(v)
}

/// `getfield` of os.time: an integer field minus `delta`, or the default `d`
/// (None: required).
fn get_field(vm: &mut Vm, t: Value, key: &str, d: Option<i32>, delta: i64) -> LResult<i32> {
    let k = vm.str_value(key.as_bytes());
    let v = vm.get_index(t, k)?;
    match to_integer(&v, F2I::Exact) {
        Some(res) => {
            let ok = if res >= 0 {
                res - delta <= i32::MAX as i64
            } else {
                i32::MIN as i64 + delta <= res
            };
            if !ok {
                return Err(vm.lib_error(&format!("field '{key}' is out-of-bound")));
            }
            Ok((res - delta) as i32)
        }
        _ => {
            if !v.is_nil() {
                return Err(vm.lib_error(&format!("field '{key}' is not an integer")));
            }
            match d {
                Some(d) => Ok(d),
                None => Err(vm.lib_error(&format!("field '{key}' missing in date table"))),
            }
        }
    }
}

fn os_time(vm: &mut Vm) -> LResult<usize> {
    if vm.arg(1).is_nil() {
        return vm.ret1(Value::Int(now()));
    }
    vm.check_table(1)?;
    vm.set_top_args(1);
    let t = vm.arg(1);
    let mut tm = zero_tm();
    tm.tm_year = get_field(vm, t, "year", None, 1900)?;
    tm.tm_mon = get_field(vm, t, "month", None, 1)?;
    tm.tm_mday = get_field(vm, t, "day", None, 0)?;
    tm.tm_hour = get_field(vm, t, "hour", Some(12), 0)?;
    tm.tm_min = get_field(vm, t, "min", Some(0), 0)?;
    tm.tm_sec = get_field(vm, t, "sec", Some(0), 0)?;
    let k = vm.str_value(b"isdst");
    let isdst = vm.get_index(t, k)?;
    tm.tm_isdst = if isdst.is_nil() {
        -1
    } else {
        isdst.truthy() as i32
    };
    // SAFETY: `tm` is a valid, initialised broken-down time; mktime normalises it in
    // place.
    let r = unsafe { libc::mktime(&mut tm) };
    set_all_fields(vm, t, &tm, false)?;
    if r == -1 {
        return Err(vm.lib_error("time result cannot be represented in this installation"));
    }
    vm.ret1(Value::Int(r as i64))
}

fn os_difftime(vm: &mut Vm) -> LResult<usize> {
    let t1 = check_time(vm, 1)?;
    let t2 = check_time(vm, 2)?;
    vm.ret1(Value::Float(t1 as f64 - t2 as f64))
}
