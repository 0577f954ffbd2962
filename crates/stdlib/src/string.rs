//! The string library (PUC's `lstrlib.c`): `string.*` and the string metatable.
//!
//! Pattern matching is in [`crate::lpattern`], `string.format` conversions in
//! [`crate::strformat`], and `string.pack`/`unpack`/`packsize` in
//! [`crate::strpack`]; this module does argument handling and result building.
//!
//! GC: collection only happens when we call back into Lua (`gsub` with a
//! function/table replacement, `__tostring` in `format("%s")`). Across those
//! calls we only hold our arguments (rooted on the stack) and byte buffers.

use crate::lpattern::{self, Capture, GmatchState, Matcher, PatError};
use crate::strformat::{self, FormatError};
use crate::strpack;
use moonvm_vm::func::NativeFn;
use moonvm_vm::string::LuaStr;
use moonvm_vm::table::Table;
use moonvm_vm::thread::FrameFn;
use moonvm_vm::tm::Tm;
use moonvm_vm::{GcRef, LResult, LuaError, LuaType, Value, Vm};

/// Largest string the library builds (lstrlib's MAXSIZE: `INT_MAX`).
pub const MAXSIZE: usize = i32::MAX as usize;

pub fn open(vm: &mut Vm) {
    let funcs: &[(&'static str, NativeFn)] = &[
        ("byte", str_byte),
        ("char", str_char),
        ("dump", str_dump),
        ("find", str_find),
        ("format", str_format),
        ("gmatch", str_gmatch),
        ("gsub", str_gsub),
        ("len", str_len),
        ("lower", str_lower),
        ("match", str_match),
        ("rep", str_rep),
        ("reverse", str_reverse),
        ("sub", str_sub),
        ("upper", str_upper),
        ("pack", strpack::str_pack),
        ("packsize", strpack::str_packsize),
        ("unpack", strpack::str_unpack),
    ];
    let lib = vm.register_lib("string", funcs);
    let meta: &[(&'static str, NativeFn)] = &[
        ("__add", arith_add),
        ("__sub", arith_sub),
        ("__mul", arith_mul),
        ("__mod", arith_mod),
        ("__pow", arith_pow),
        ("__div", arith_div),
        ("__idiv", arith_idiv),
        ("__unm", arith_unm),
    ];
    let mt = vm.new_table(0, meta.len() + 1);
    for (name, f) in meta {
        let nf = vm.new_native(*f, name, Vec::new());
        vm.set_field(mt, name, Value::NFn(nf));
    }
    vm.set_field(mt, "__index", Value::Table(lib));
    vm.type_mt[LuaType::String as usize] = Some(mt);
}

// ---- helpers ----------------------------------------------------------------------

/// Translate a relative initial position (negative means back from the end) into
/// an absolute one in `1..` (lstrlib's `posrelatI`).
#[inline]
fn posrelat_i(pos: i64, len: usize) -> usize {
    if pos > 0 {
        pos as usize
    } else if pos == 0 || pos.unsigned_abs() > len as u64 {
        1
    } else {
        len - pos.unsigned_abs() as usize + 1
    }
}

/// An end position clipped to `[0, len]` (lstrlib's `getendpos`).
#[inline]
fn endpos(pos: i64, len: usize) -> usize {
    if pos > len as i64 {
        len
    } else if pos >= 0 {
        pos as usize
    } else if pos.unsigned_abs() > len as u64 {
        0
    } else {
        len - pos.unsigned_abs() as usize + 1
    }
}

#[inline]
fn pat_err(vm: &mut Vm, e: PatError) -> LuaError {
    vm.lib_error(&e.0)
}

#[inline]
fn fmt_err(vm: &mut Vm, e: FormatError) -> LuaError {
    vm.lib_error(&String::from_utf8_lossy(&e.0))
}

/// The argument-1 string (the common case is a string already).
#[inline]
fn arg_str(vm: &mut Vm, n: usize) -> LResult<GcRef<LuaStr>> {
    match vm.arg(n) {
        Value::Str(s) => Ok(s),
        _ => vm.check_str(n),
    }
}

/// An optional integer argument, fast for plain integers.
#[inline]
fn opt_int(vm: &mut Vm, n: usize, default: i64) -> LResult<i64> {
    match vm.arg(n) {
        Value::Int(i) => Ok(i),
        Value::Nil => Ok(default),
        _ => vm.check_int(n),
    }
}

#[inline]
fn check_int(vm: &mut Vm, n: usize) -> LResult<i64> {
    match vm.arg(n) {
        Value::Int(i) => Ok(i),
        _ => vm.check_int(n),
    }
}

/// Reserve room for `extra` more bytes, failing like a Lua memory error.
fn reserve(vm: &mut Vm, buf: &mut Vec<u8>, extra: usize) -> LResult<()> {
    if buf.try_reserve(extra).is_err() {
        return Err(vm.error_str("not enough memory"));
    }
    Ok(())
}

/// A Lua value for capture `c` of the subject.
#[inline]
fn capture_value(vm: &mut Vm, src: &[u8], c: Capture) -> Value {
    match c {
        Capture::Span(a, b) => Value::Str(vm.new_str(&src[a..b])),
        Capture::Position(p) => Value::Int(p as i64),
    }
}

/// Push the captures of the last match `s..e` (push_captures); returns how many.
fn push_captures(vm: &mut Vm, m: &Matcher<'_>, s: usize, e: usize, whole: bool) -> LResult<usize> {
    let n = m.num_results(whole);
    if vm.ensure_stack(vm.ts.top + n + 1).is_err() {
        return Err(vm.lib_error("stack overflow (too many captures)"));
    }
    let src = m.src();
    for i in 0..n {
        let c = match m.capture(i, s, e) {
            Ok(c) => c,
            Err(err) => return Err(pat_err(vm, err)),
        };
        let v = capture_value(vm, src, c);
        vm.push(v);
    }
    Ok(n)
}

// ---- simple functions -------------------------------------------------------------

fn str_len(vm: &mut Vm) -> LResult<usize> {
    let s = arg_str(vm, 1)?;
    vm.ret1(Value::Int(s.len() as i64))
}

fn str_sub(vm: &mut Vm) -> LResult<usize> {
    let s = arg_str(vm, 1)?;
    let l = s.len();
    let i = check_int(vm, 2)?;
    let j = opt_int(vm, 3, -1)?;
    let start = posrelat_i(i, l);
    let end = endpos(j, l);
    if start > end {
        let e = vm.new_str(b"");
        return vm.ret1(Value::Str(e));
    }
    if start == 1 && end == l {
        return vm.ret1(Value::Str(s));
    }
    let r = vm.new_str(&s.as_bytes()[start - 1..end]);
    vm.ret1(Value::Str(r))
}

fn str_reverse(vm: &mut Vm) -> LResult<usize> {
    let s = arg_str(vm, 1)?;
    let mut out: Vec<u8> = s.as_bytes().to_vec();
    out.reverse();
    let r = vm.new_str(&out);
    vm.ret1(Value::Str(r))
}

fn case_map(vm: &mut Vm, upper: bool) -> LResult<usize> {
    let s = arg_str(vm, 1)?;
    let b = s.as_bytes();
    let needs = if upper {
        b.iter().any(u8::is_ascii_lowercase)
    } else {
        b.iter().any(u8::is_ascii_uppercase)
    };
    if !needs {
        return vm.ret1(Value::Str(s));
    }
    let out: Vec<u8> = if upper {
        b.iter().map(u8::to_ascii_uppercase).collect()
    } else {
        b.iter().map(u8::to_ascii_lowercase).collect()
    };
    let r = vm.new_str(&out);
    vm.ret1(Value::Str(r))
}

fn str_lower(vm: &mut Vm) -> LResult<usize> {
    case_map(vm, false)
}

fn str_upper(vm: &mut Vm) -> LResult<usize> {
    case_map(vm, true)
}

fn str_rep(vm: &mut Vm) -> LResult<usize> {
    let s = arg_str(vm, 1)?;
    let n = check_int(vm, 2)?;
    let sep = vm.opt_str(3)?;
    let sep: &[u8] = match &sep {
        Some(x) => x.as_bytes(),
        None => b"",
    };
    let l = s.len();
    let lsep = sep.len();
    if n <= 0 || (l == 0 && lsep == 0) {
        let e = vm.new_str(b"");
        return vm.ret1(Value::Str(e));
    }
    let unit = l + lsep;
    if unit > MAXSIZE / (n as u64).min(usize::MAX as u64) as usize {
        return Err(vm.lib_error("resulting string too large"));
    }
    let n = n as usize;
    if n == 1 {
        return vm.ret1(Value::Str(s));
    }
    let total = unit * n - lsep;
    let mut out = Vec::new();
    reserve(vm, &mut out, unit * n)?;
    out.extend_from_slice(s.as_bytes());
    out.extend_from_slice(sep);
    let want = unit * n;
    while out.len() < want {
        let take = out.len().min(want - out.len());
        out.extend_from_within(..take);
    }
    out.truncate(total);
    let r = vm.new_str(&out);
    vm.ret1(Value::Str(r))
}

fn str_byte(vm: &mut Vm) -> LResult<usize> {
    let s = arg_str(vm, 1)?;
    let l = s.len();
    // Fast path: byte(s) / byte(s, i).
    if vm.arg_count() <= 2 {
        let pi = opt_int(vm, 2, 1)?;
        let p = posrelat_i(pi, l);
        let e = endpos(pi, l);
        if p > e {
            return Ok(0);
        }
        return vm.ret1(Value::Int(i64::from(s.as_bytes()[p - 1])));
    }
    let pi = opt_int(vm, 2, 1)?;
    let je = opt_int(vm, 3, pi)?;
    let pose = endpos(je, l);
    let posi = posrelat_i(pi, l);
    if posi > pose {
        return Ok(0);
    }
    if pose - posi >= i32::MAX as usize {
        return Err(vm.lib_error("string slice too long"));
    }
    let n = pose - posi + 1;
    if vm.ensure_stack(vm.ts.top + n + 1).is_err() {
        return Err(vm.lib_error("stack overflow (string slice too long)"));
    }
    for &c in &s.as_bytes()[posi - 1..pose] {
        vm.push(Value::Int(i64::from(c)));
    }
    Ok(n)
}

fn str_char(vm: &mut Vm) -> LResult<usize> {
    let n = vm.arg_count();
    let mut small = [0u8; 16];
    let mut big = Vec::new();
    if n > small.len() {
        big.reserve(n);
    }
    for i in 1..=n {
        let c = check_int(vm, i)?;
        if c as u64 > 255 {
            return Err(vm.arg_error(i, "value out of range"));
        }
        if n <= small.len() {
            small[i - 1] = c as u8;
        } else {
            big.push(c as u8);
        }
    }
    let r = if n <= small.len() {
        vm.new_str(&small[..n])
    } else {
        vm.new_str(&big)
    };
    vm.ret1(Value::Str(r))
}

fn str_dump(vm: &mut Vm) -> LResult<usize> {
    let strip = vm.arg(2).truthy();
    match vm.arg(1) {
        Value::LFn(cl) => {
            let bytes = moonvm_bytecode::dump::dump(&cl.proto.to_bytecode(), strip);
            let s = vm.new_str(&bytes);
            vm.ret1(Value::Str(s))
        }
        // Native functions have no bytecode (PUC: "unable to dump given function").
        Value::NFn(_) => Err(vm.lib_error("unable to dump given function")),
        _ => Err(vm.arg_type_error(1, "function")),
    }
}

// ---- find / match / gmatch / gsub -------------------------------------------------

fn str_find(vm: &mut Vm) -> LResult<usize> {
    find_aux(vm, true)
}

fn str_match(vm: &mut Vm) -> LResult<usize> {
    find_aux(vm, false)
}

fn find_aux(vm: &mut Vm, find: bool) -> LResult<usize> {
    let s = arg_str(vm, 1)?;
    let p = arg_str(vm, 2)?;
    let ls = s.len();
    let init = posrelat_i(opt_int(vm, 3, 1)?, ls) - 1;
    if init > ls {
        return vm.ret1(Value::Nil);
    }
    let src = s.as_bytes();
    let pat = p.as_bytes();
    if find && (vm.arg(4).truthy() || !lpattern::has_specials(pat)) {
        return match lpattern::find_plain(src, pat, init) {
            Some(i) => vm.ret(&[Value::Int(i as i64 + 1), Value::Int((i + pat.len()) as i64)]),
            None => vm.ret1(Value::Nil),
        };
    }
    let (anchor, pat) = lpattern::strip_anchor(pat);
    let mut m = Matcher::new(src, pat);
    match m.search(init, anchor) {
        Ok(Some((a, e))) => {
            if find {
                vm.push(Value::Int(a as i64 + 1));
                vm.push(Value::Int(e as i64));
                Ok(push_captures(vm, &m, a, e, false)? + 2)
            } else {
                push_captures(vm, &m, a, e, true)
            }
        }
        Ok(None) => vm.ret1(Value::Nil),
        Err(e) => Err(pat_err(vm, e)),
    }
}

fn str_gmatch(vm: &mut Vm) -> LResult<usize> {
    let s = arg_str(vm, 1)?;
    let p = arg_str(vm, 2)?;
    let ls = s.len();
    let init = posrelat_i(opt_int(vm, 3, 1)?, ls) - 1;
    let st = GmatchState::new(ls, init);
    let upvals = vec![
        Value::Str(s),
        Value::Str(p),
        Value::Int(st.src as i64),
        Value::Int(-1),
    ];
    let f = vm.new_native(gmatch_aux, "gmatch_aux", upvals);
    vm.ret1(Value::NFn(f))
}

fn gmatch_aux(vm: &mut Vm) -> LResult<usize> {
    let nc = match vm.ts.frames.last().map(|f| f.func_obj) {
        Some(FrameFn::Native(nc)) => nc,
        _ => return Ok(0),
    };
    let (s, p, pos, last) = match (nc.upvals[0], nc.upvals[1], nc.upvals[2], nc.upvals[3]) {
        (Value::Str(s), Value::Str(p), Value::Int(pos), Value::Int(last)) => (s, p, pos, last),
        _ => return Ok(0),
    };
    let mut st = GmatchState {
        src: pos as usize,
        lastmatch: if last < 0 { None } else { Some(last as usize) },
    };
    let mut m = Matcher::new(s.as_bytes(), p.as_bytes());
    match st.next(&mut m) {
        Ok(Some((a, e))) => {
            let up = &mut nc.get_mut().upvals;
            up[2] = Value::Int(st.src as i64);
            up[3] = Value::Int(e as i64);
            push_captures(vm, &m, a, e, true)
        }
        Ok(None) => {
            nc.get_mut().upvals[2] = Value::Int(s.len() as i64 + 1);
            Ok(0)
        }
        Err(e) => Err(pat_err(vm, e)),
    }
}

/// Errors inside the gsub driver: pattern errors get positioned afterwards.
enum GsubErr {
    Pat(PatError),
    Lua(LuaError),
}

impl From<PatError> for GsubErr {
    fn from(e: PatError) -> Self {
        GsubErr::Pat(e)
    }
}

#[derive(Clone, Copy)]
enum Repl {
    Str(GcRef<LuaStr>),
    Table(GcRef<Table>),
    Func(Value),
}

/// Append the result of a function/table replacement `v` for the match `s..e`
/// (add_value's tail); returns whether the subject changed.
fn add_value(
    vm: &mut Vm,
    v: Value,
    src: &[u8],
    s: usize,
    e: usize,
    out: &mut Vec<u8>,
) -> Result<bool, GsubErr> {
    match v {
        Value::Nil | Value::Bool(false) => {
            out.extend_from_slice(&src[s..e]);
            Ok(false)
        }
        Value::Str(r) => {
            out.extend_from_slice(r.as_bytes());
            Ok(true)
        }
        Value::Int(_) | Value::Float(_) => {
            Vm::append_tostr(out, &v);
            Ok(true)
        }
        other => {
            let msg = format!("invalid replacement value (a {})", other.type_name());
            Err(GsubErr::Lua(vm.lib_error(&msg)))
        }
    }
}

fn str_gsub(vm: &mut Vm) -> LResult<usize> {
    let s = arg_str(vm, 1)?;
    let p = arg_str(vm, 2)?;
    let src = s.as_bytes();
    let max_n = opt_int(vm, 4, src.len() as i64 + 1)?;
    let repl = match vm.arg(3) {
        Value::Str(r) => Repl::Str(r),
        Value::Int(_) | Value::Float(_) => Repl::Str(vm.check_str(3)?),
        Value::Table(t) => Repl::Table(t),
        f @ (Value::LFn(_) | Value::NFn(_)) => Repl::Func(f),
        _ => return Err(vm.arg_type_error(3, "string/function/table")),
    };
    let pat = p.as_bytes();
    let r = match repl {
        Repl::Str(r) => {
            let rb = r.as_bytes();
            let has_esc = rb.contains(&b'%');
            lpattern::gsub::<GsubErr, _>(src, pat, max_n, |m, a, e, out| {
                if has_esc {
                    m.add_replacement(rb, a, e, out)?;
                } else {
                    out.extend_from_slice(rb);
                }
                Ok(true)
            })
        }
        Repl::Table(t) => lpattern::gsub::<GsubErr, _>(src, pat, max_n, |m, a, e, out| {
            let c = m.capture(0, a, e)?;
            let key = capture_value(vm, src, c);
            let v = if t.metatable.is_none() {
                t.get(&key)
            } else {
                vm.get_index(Value::Table(t), key).map_err(GsubErr::Lua)?
            };
            add_value(vm, v, src, a, e, out)
        }),
        Repl::Func(f) => lpattern::gsub::<GsubErr, _>(src, pat, max_n, |m, a, e, out| {
            let func = vm.ts.top;
            vm.push(f);
            push_captures(vm, m, a, e, true).map_err(GsubErr::Lua)?;
            vm.call(func, 1).map_err(GsubErr::Lua)?;
            let v = vm.ts.stack[func];
            vm.ts.top = func;
            add_value(vm, v, src, a, e, out)
        }),
    };
    match r {
        Ok((None, n)) => vm.ret(&[Value::Str(s), Value::Int(n)]),
        Ok((Some(out), n)) => {
            let r = vm.new_str(&out);
            vm.ret(&[Value::Str(r), Value::Int(n)])
        }
        Err(GsubErr::Pat(e)) => Err(pat_err(vm, e)),
        Err(GsubErr::Lua(e)) => Err(e),
    }
}

// ---- format -----------------------------------------------------------------------

fn str_format(vm: &mut Vm) -> LResult<usize> {
    let fs = arg_str(vm, 1)?;
    let fmt = fs.as_bytes();
    let top = vm.arg_count();
    let mut arg = 1usize;
    let mut out: Vec<u8> = Vec::with_capacity(fmt.len() + 16);
    let mut i = 0usize;
    while i < fmt.len() {
        let c = fmt[i];
        if c != b'%' {
            let run = fmt[i..]
                .iter()
                .position(|&x| x == b'%')
                .unwrap_or(fmt.len() - i);
            out.extend_from_slice(&fmt[i..i + run]);
            i += run;
            continue;
        }
        i += 1;
        if fmt.get(i) == Some(&b'%') {
            out.push(b'%');
            i += 1;
            continue;
        }
        arg += 1;
        if arg > top {
            return Err(vm.arg_error(arg, "no value"));
        }
        let (spec, next) = match strformat::parse_spec(fmt, i) {
            Ok(x) => x,
            Err(e) => return Err(fmt_err(vm, e)),
        };
        i = next;
        format_item(vm, &spec, arg, &mut out)?;
    }
    let r = vm.new_str(&out);
    vm.ret1(Value::Str(r))
}

fn format_item(vm: &mut Vm, spec: &strformat::Spec, arg: usize, out: &mut Vec<u8>) -> LResult<()> {
    macro_rules! validate {
        () => {
            if let Err(e) = spec.validate() {
                return Err(fmt_err(vm, e));
            }
        };
    }
    match spec.conv {
        b'd' | b'i' => {
            let n = check_int(vm, arg)?;
            if !spec.has_modifiers() {
                moonvm_vm::number::write_int(out, n);
                return Ok(());
            }
            validate!();
            strformat::fmt_int(spec, n, out);
        }
        b'u' | b'o' | b'x' | b'X' => {
            let n = check_int(vm, arg)?;
            validate!();
            strformat::fmt_unsigned(spec, n, out);
        }
        b'c' => {
            validate!();
            let n = check_int(vm, arg)?;
            strformat::fmt_char(spec, n, out);
        }
        b'a' | b'A' => {
            validate!();
            let x = vm.check_number(arg)?;
            strformat::fmt_float(spec, x, out);
        }
        b'e' | b'E' | b'f' | b'g' | b'G' => {
            let x = vm.check_number(arg)?;
            validate!();
            strformat::fmt_float(spec, x, out);
        }
        b'p' => {
            let v = vm.arg(arg);
            let p = match v {
                Value::Nil | Value::Bool(_) | Value::Int(_) | Value::Float(_) => None,
                _ => Some(v.gc_addr()),
            };
            validate!();
            strformat::fmt_pointer(spec, p, out);
        }
        b'q' => {
            if spec.has_modifiers() {
                return Err(vm.lib_error(strformat::Q_MODIFIERS_ERROR));
            }
            match vm.arg(arg) {
                Value::Str(s) => strformat::add_quoted(s.as_bytes(), out),
                Value::Int(n) => strformat::fmt_q_int(n, out),
                Value::Float(x) => strformat::fmt_q_float(x, out),
                Value::Nil => out.extend_from_slice(b"nil"),
                Value::Bool(b) => out.extend_from_slice(if b { b"true" } else { b"false" }),
                _ => return Err(vm.arg_error(arg, "value has no literal form")),
            }
        }
        b's' => {
            let v = vm.arg(arg);
            let s = match v {
                Value::Str(s) => s,
                Value::Int(_) | Value::Float(_) if !spec.has_modifiers() => {
                    Vm::append_tostr(out, &v);
                    return Ok(());
                }
                _ => vm.to_display(v)?,
            };
            let b = s.as_bytes();
            if !spec.has_modifiers() {
                out.extend_from_slice(b);
            } else {
                if b.contains(&0) {
                    return Err(vm.arg_error(arg, "string contains zeros"));
                }
                validate!();
                strformat::fmt_str(spec, b, out);
            }
        }
        _ => {
            // parse_spec rejects every other conversion.
            let msg = format!(
                "invalid conversion '{}' to 'format'",
                String::from_utf8_lossy(spec.form())
            );
            return Err(vm.lib_error(&msg));
        }
    }
    Ok(())
}

// ---- string metatable arithmetic --------------------------------------------------

fn arith(vm: &mut Vm, op: Tm) -> LResult<usize> {
    let a = vm.arg(1);
    let b = if op == Tm::Unm && vm.arg_count() < 2 {
        a
    } else {
        vm.arg(2)
    };
    let r = vm.string_arith(op, a, b)?;
    vm.ret1(r)
}

fn arith_add(vm: &mut Vm) -> LResult<usize> {
    arith(vm, Tm::Add)
}
fn arith_sub(vm: &mut Vm) -> LResult<usize> {
    arith(vm, Tm::Sub)
}
fn arith_mul(vm: &mut Vm) -> LResult<usize> {
    arith(vm, Tm::Mul)
}
fn arith_mod(vm: &mut Vm) -> LResult<usize> {
    arith(vm, Tm::Mod)
}
fn arith_pow(vm: &mut Vm) -> LResult<usize> {
    arith(vm, Tm::Pow)
}
fn arith_div(vm: &mut Vm) -> LResult<usize> {
    arith(vm, Tm::Div)
}
fn arith_idiv(vm: &mut Vm) -> LResult<usize> {
    arith(vm, Tm::IDiv)
}
fn arith_unm(vm: &mut Vm) -> LResult<usize> {
    arith(vm, Tm::Unm)
}
