//! The UTF-8 library (PUC's `lutf8lib.c`, Lua 5.4.4 behaviour).

use moonvm_vm::{LResult, Value, Vm};

const MAXUNICODE: u32 = 0x10FFFF;
const MAXUTF: u32 = 0x7FFF_FFFF;
const MSG_INVALID: &str = "invalid UTF-8 code";
/// Pattern matching one UTF-8 character.
const CHARPATTERN: &[u8] = b"[\x00-\x7F\xC2-\xFD][\x80-\xBF]*";

pub fn open(vm: &mut Vm) {
    let funcs: &[(&'static str, moonvm_vm::func::NativeFn)] = &[
        ("offset", byteoffset),
        ("codepoint", codepoint),
        ("char", utfchar),
        ("len", utflen),
        ("codes", iter_codes),
    ];
    let t = vm.register_lib("utf8", funcs);
    let p = vm.str_value(CHARPATTERN);
    vm.set_field(t, "charpattern", p);
}

#[inline]
fn iscont(c: u8) -> bool {
    c & 0xC0 == 0x80
}

/// Byte `i` of `s`, with the C string's terminating NUL past the end.
#[inline]
fn byte_at(s: &[u8], i: usize) -> u8 {
    s.get(i).copied().unwrap_or(0)
}

/// Relative string position: negative counts back from the end.
fn posrelat(pos: i64, len: usize) -> i64 {
    if pos >= 0 {
        pos
    } else if pos.unsigned_abs() > len as u64 {
        0
    } else {
        len as i64 + pos + 1
    }
}

/// Decode the sequence starting at `i`: (code, index after it), None if invalid.
fn decode(s: &[u8], i: usize, strict: bool) -> Option<(u32, usize)> {
    const LIMITS: [u32; 6] = [!0, 0x80, 0x800, 0x10000, 0x200000, 0x4000000];
    let mut c = byte_at(s, i) as u32;
    let mut res: u32 = 0;
    let mut next = i;
    if c < 0x80 {
        res = c;
    } else {
        let mut count = 0usize;
        while c & 0x40 != 0 {
            count += 1;
            let cc = byte_at(s, i + count);
            if !iscont(cc) {
                return None;
            }
            res = (res << 6) | (cc as u32 & 0x3F);
            c <<= 1;
        }
        if count > 5 {
            return None;
        }
        res |= (c & 0x7F) << (count * 5);
        if res > MAXUTF || res < LIMITS[count] {
            return None;
        }
        next += count;
    }
    if strict && (res > MAXUNICODE || (0xD800..=0xDFFF).contains(&res)) {
        return None;
    }
    Some((res, next + 1))
}

fn utflen(vm: &mut Vm) -> LResult<usize> {
    let s = vm.check_str(1)?;
    let len = s.len();
    let a2 = vm.opt_int(2, 1)?;
    let mut posi = posrelat(a2, len);
    let a3 = vm.opt_int(3, -1)?;
    let mut posj = posrelat(a3, len);
    let lax = vm.arg(4).truthy();
    if !(1 <= posi && posi - 1 <= len as i64) {
        return Err(vm.arg_error(2, "initial position out of bounds"));
    }
    posi -= 1;
    posj -= 1;
    if posj >= len as i64 {
        return Err(vm.arg_error(3, "final position out of bounds"));
    }
    let bytes = s.as_bytes();
    let mut n: i64 = 0;
    while posi <= posj {
        match decode(bytes, posi as usize, !lax) {
            Some((_, next)) => {
                posi = next as i64;
                n += 1;
            }
            None => return vm.ret(&[Value::Nil, Value::Int(posi + 1)]),
        }
    }
    vm.ret1(Value::Int(n))
}

fn codepoint(vm: &mut Vm) -> LResult<usize> {
    let s = vm.check_str(1)?;
    let len = s.len();
    let a2 = vm.opt_int(2, 1)?;
    let posi = posrelat(a2, len);
    let a3 = vm.opt_int(3, posi)?;
    let pose = posrelat(a3, len);
    let lax = vm.arg(4).truthy();
    if posi < 1 {
        return Err(vm.arg_error(2, "out of bounds"));
    }
    if pose > len as i64 {
        return Err(vm.arg_error(3, "out of bounds"));
    }
    if posi > pose {
        return Ok(0);
    }
    if pose - posi >= i32::MAX as i64 {
        return Err(vm.lib_error("string slice too long"));
    }
    let bytes = s.as_bytes();
    let mut codes = Vec::new();
    let mut i = (posi - 1) as usize;
    let se = pose as usize;
    while i < se {
        match decode(bytes, i, !lax) {
            Some((code, next)) => {
                codes.push(Value::Int(code as i64));
                i = next;
            }
            None => return Err(vm.lib_error(MSG_INVALID)),
        }
    }
    if vm.ensure_stack(vm.ts.top + codes.len() + 1).is_err() {
        return Err(vm.lib_error("stack overflow (string slice too long)"));
    }
    vm.ret(&codes)
}

/// Append the UTF-8 (extended, up to 6 bytes) encoding of `x` (`luaO_utf8esc`).
fn utf8_esc(buf: &mut Vec<u8>, x: u32) {
    if x < 0x80 {
        buf.push(x as u8);
        return;
    }
    let mut tmp = [0u8; 8];
    let mut n = 0;
    let mut x = x;
    let mut mfb: u32 = 0x3f;
    loop {
        tmp[7 - n] = 0x80 | (x & 0x3f) as u8;
        n += 1;
        x >>= 6;
        mfb >>= 1;
        if x <= mfb {
            break;
        }
    }
    tmp[7 - n] = ((!mfb << 1) | x) as u8;
    n += 1;
    buf.extend_from_slice(&tmp[8 - n..]);
}

fn utfchar(vm: &mut Vm) -> LResult<usize> {
    let n = vm.arg_count();
    let mut buf = Vec::with_capacity(n * 2);
    for i in 1..=n {
        let code = vm.check_int(i)? as u64;
        if code > MAXUTF as u64 {
            return Err(vm.arg_error(i, "value out of range"));
        }
        utf8_esc(&mut buf, code as u32);
    }
    let s = vm.str_value(&buf);
    vm.ret1(s)
}

fn byteoffset(vm: &mut Vm) -> LResult<usize> {
    let s = vm.check_str(1)?;
    let len = s.len() as i64;
    let mut n = vm.check_int(2)?;
    let def = if n >= 0 { 1 } else { len + 1 };
    let a3 = vm.opt_int(3, def)?;
    let mut posi = posrelat(a3, len as usize);
    if !(1 <= posi && posi - 1 <= len) {
        return Err(vm.arg_error(3, "position out of bounds"));
    }
    posi -= 1;
    let b = s.as_bytes();
    let at = |p: i64| byte_at(b, p as usize);
    if n == 0 {
        while posi > 0 && iscont(at(posi)) {
            posi -= 1;
        }
    } else {
        if iscont(at(posi)) {
            return Err(vm.lib_error("initial position is a continuation byte"));
        }
        if n < 0 {
            while n < 0 && posi > 0 {
                loop {
                    posi -= 1;
                    if !(posi > 0 && iscont(at(posi))) {
                        break;
                    }
                }
                n += 1;
            }
        } else {
            n -= 1;
            while n > 0 && posi < len {
                loop {
                    posi += 1;
                    if !iscont(at(posi)) {
                        break;
                    }
                }
                n -= 1;
            }
        }
    }
    if n == 0 {
        vm.ret1(Value::Int(posi + 1))
    } else {
        vm.ret1(Value::Nil)
    }
}

fn iter_aux(vm: &mut Vm, strict: bool) -> LResult<usize> {
    let s = vm.check_str(1)?;
    let len = s.len();
    let b = s.as_bytes();
    let ctl = match vm.arg(2) {
        Value::Int(i) => i,
        Value::Str(c) => match moonvm_vm::number::str_to_number(c.as_bytes()) {
            Some(moonvm_vm::number::Num::Int(i)) => i,
            Some(moonvm_vm::number::Num::Float(f)) => Value::Float(f).as_int().unwrap_or(0),
            None => 0,
        },
        v => v.as_int().unwrap_or(0),
    };
    // Lua 5.4.4: the control value is the byte after the previous character's
    // first byte; skip its continuation bytes (negative values end the loop).
    let mut n = ctl as u64;
    let len = len as u64;
    if n < len {
        while iscont(byte_at(b, n as usize)) {
            n += 1;
        }
    }
    if n >= len {
        return Ok(0);
    }
    let n = n as i64;
    match decode(b, n as usize, strict) {
        Some((code, _)) => vm.ret(&[Value::Int(n + 1), Value::Int(code as i64)]),
        None => Err(vm.lib_error(MSG_INVALID)),
    }
}

fn iter_strict(vm: &mut Vm) -> LResult<usize> {
    iter_aux(vm, true)
}

fn iter_lax(vm: &mut Vm) -> LResult<usize> {
    iter_aux(vm, false)
}

fn iter_codes(vm: &mut Vm) -> LResult<usize> {
    let lax = vm.arg(2).truthy();
    vm.check_str(1)?;
    let s = vm.arg(1);
    let f = if lax {
        crate::base::cached_native(vm, "utf8_codes_lax", iter_lax)
    } else {
        crate::base::cached_native(vm, "utf8_codes_strict", iter_strict)
    };
    vm.ret(&[f, s, Value::Int(0)])
}
