//! `string.pack`, `string.unpack` and `string.packsize` (the packing half of
//! PUC's `lstrlib.c`), with its options, alignment rules, limits and messages.

use crate::string::MAXSIZE;
use moonvm_vm::{LResult, LuaError, Value, Vm};

/// Largest size of a packed integer (MAXINTSIZE).
const MAXINTSIZE: usize = 16;
/// Size of a Lua integer (SZINT).
const SZINT: usize = 8;
/// Native maximum alignment (offsetof(struct cD, u) on x86-64/aarch64).
const MAXALIGN: usize = 8;
/// Host byte order.
const NATIVE_LITTLE: bool = cfg!(target_endian = "little");

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum K {
    Int,
    Uint,
    Float,
    Number,
    Double,
    Char,
    Str,
    Zstr,
    Padding,
    PaddAlign,
    Nop,
}

/// Format-parsing state (lstrlib's Header plus the format cursor).
struct Header<'a> {
    fmt: &'a [u8],
    pos: usize,
    little: bool,
    maxalign: usize,
}

impl<'a> Header<'a> {
    fn new(fmt: &'a [u8]) -> Self {
        // The format is read as a C string: it ends at the first '\0'.
        let end = fmt.iter().position(|&c| c == 0).unwrap_or(fmt.len());
        Header {
            fmt: &fmt[..end],
            pos: 0,
            little: NATIVE_LITTLE,
            maxalign: 1,
        }
    }

    fn done(&self) -> bool {
        self.pos >= self.fmt.len()
    }

    fn peek(&self) -> u8 {
        self.fmt.get(self.pos).copied().unwrap_or(0)
    }

    /// An optional decimal count (getnum).
    fn getnum(&mut self, df: i64) -> i64 {
        if !self.peek().is_ascii_digit() {
            return df;
        }
        let mut a: i64 = 0;
        loop {
            a = a * 10 + i64::from(self.peek() - b'0');
            self.pos += 1;
            if !(self.peek().is_ascii_digit() && a <= (MAXSIZE as i64 - 9) / 10) {
                break;
            }
        }
        a
    }

    fn getnumlimit(&mut self, vm: &mut Vm, df: i64) -> LResult<usize> {
        let sz = self.getnum(df);
        if sz > MAXINTSIZE as i64 || sz <= 0 {
            return Err(vm.lib_error(&format!(
                "integral size ({sz}) out of limits [1,{MAXINTSIZE}]"
            )));
        }
        Ok(sz as usize)
    }

    /// Read one option; returns its kind and size (getoption).
    fn getoption(&mut self, vm: &mut Vm) -> LResult<(K, usize)> {
        let opt = self.peek();
        self.pos += 1;
        Ok(match opt {
            b'b' => (K::Int, 1),
            b'B' => (K::Uint, 1),
            b'h' => (K::Int, 2),
            b'H' => (K::Uint, 2),
            b'l' | b'j' => (K::Int, 8),
            b'L' | b'J' | b'T' => (K::Uint, 8),
            b'f' => (K::Float, 4),
            b'n' => (K::Number, 8),
            b'd' => (K::Double, 8),
            b'i' => (K::Int, self.getnumlimit(vm, 4)?),
            b'I' => (K::Uint, self.getnumlimit(vm, 4)?),
            b's' => (K::Str, self.getnumlimit(vm, 8)?),
            b'c' => {
                let n = self.getnum(-1);
                if n == -1 {
                    return Err(vm.lib_error("missing size for format option 'c'"));
                }
                (K::Char, n as usize)
            }
            b'z' => (K::Zstr, 0),
            b'x' => (K::Padding, 1),
            b'X' => (K::PaddAlign, 0),
            b' ' => (K::Nop, 0),
            b'<' => {
                self.little = true;
                (K::Nop, 0)
            }
            b'>' => {
                self.little = false;
                (K::Nop, 0)
            }
            b'=' => {
                self.little = NATIVE_LITTLE;
                (K::Nop, 0)
            }
            b'!' => {
                self.maxalign = self.getnumlimit(vm, MAXALIGN as i64)?;
                (K::Nop, 0)
            }
            c => {
                let shown = String::from_utf8_lossy(&[c]).into_owned();
                return Err(vm.lib_error(&format!("invalid format option '{shown}'")));
            }
        })
    }

    /// Read one option and compute the padding needed before it at offset
    /// `total` (getdetails): (kind, size, ntoalign).
    fn getdetails(&mut self, vm: &mut Vm, total: usize) -> LResult<(K, usize, usize)> {
        let (opt, size) = self.getoption(vm)?;
        let mut align = size;
        if opt == K::PaddAlign {
            let bad = if self.done() {
                true
            } else {
                let (next, a) = self.getoption(vm)?;
                align = a;
                next == K::Char || a == 0
            };
            if bad {
                return Err(vm.arg_error(1, "invalid next option for option 'X'"));
            }
        }
        let ntoalign = if align <= 1 || opt == K::Char {
            0
        } else {
            if align > self.maxalign {
                align = self.maxalign;
            }
            if !align.is_power_of_two() {
                return Err(vm.arg_error(1, "format asks for alignment not power of 2"));
            }
            (align - (total & (align - 1))) & (align - 1)
        };
        Ok((opt, size, ntoalign))
    }
}

fn packint(out: &mut Vec<u8>, n: u64, little: bool, size: usize, neg: bool) {
    let start = out.len();
    out.resize(start + size, 0);
    let buf = &mut out[start..];
    let mut n = n;
    for i in 0..size {
        let byte = if i < SZINT {
            let b = (n & 0xff) as u8;
            n >>= 8;
            b
        } else if neg {
            0xff
        } else {
            0
        };
        buf[if little { i } else { size - 1 - i }] = byte;
    }
}

fn unpackint(vm: &mut Vm, data: &[u8], little: bool, size: usize, signed: bool) -> LResult<i64> {
    let limit = size.min(SZINT);
    let at = |i: usize| data[if little { i } else { size - 1 - i }];
    let mut res: u64 = 0;
    for i in (0..limit).rev() {
        res = (res << 8) | u64::from(at(i));
    }
    if size < SZINT {
        if signed {
            let mask = 1u64 << (size * 8 - 1);
            res = (res ^ mask).wrapping_sub(mask);
        }
    } else if size > SZINT {
        let mask = if !signed || (res as i64) >= 0 {
            0
        } else {
            0xff
        };
        for i in limit..size {
            if at(i) != mask {
                return Err(vm.lib_error(&format!(
                    "{size}-byte integer does not fit into Lua Integer"
                )));
            }
        }
    }
    Ok(res as i64)
}

fn put_bytes(out: &mut Vec<u8>, bytes: &[u8], little: bool) {
    if little == NATIVE_LITTLE {
        out.extend_from_slice(bytes);
    } else {
        out.extend(bytes.iter().rev());
    }
}

fn get_bytes<const N: usize>(data: &[u8], little: bool) -> [u8; N] {
    let mut b = [0u8; N];
    b.copy_from_slice(&data[..N]);
    if little != NATIVE_LITTLE {
        b.reverse();
    }
    b
}

fn mem_error(vm: &mut Vm) -> LuaError {
    vm.error_str("not enough memory")
}

pub fn str_pack(vm: &mut Vm) -> LResult<usize> {
    let fs = vm.check_str(1)?;
    let mut h = Header::new(fs.as_bytes());
    // Like lstrlib, a nil sits after the arguments (its buffer mark), so the first
    // missing argument is reported as "got nil".
    vm.push(Value::Nil);
    let mut out: Vec<u8> = Vec::new();
    let mut arg = 1usize;
    let mut total = 0usize;
    while !h.done() {
        let (opt, size, ntoalign) = h.getdetails(vm, total)?;
        total = total.saturating_add(ntoalign + size);
        out.resize(out.len() + ntoalign, 0);
        arg += 1;
        match opt {
            K::Int => {
                let n = vm.check_int(arg)?;
                if size < SZINT {
                    let lim = 1i64 << (size * 8 - 1);
                    if !(-lim <= n && n < lim) {
                        return Err(vm.arg_error(arg, "integer overflow"));
                    }
                }
                packint(&mut out, n as u64, h.little, size, n < 0);
            }
            K::Uint => {
                let n = vm.check_int(arg)?;
                if size < SZINT && (n as u64) >= (1u64 << (size * 8)) {
                    return Err(vm.arg_error(arg, "unsigned overflow"));
                }
                packint(&mut out, n as u64, h.little, size, false);
            }
            K::Float => {
                let x = vm.check_number(arg)? as f32;
                put_bytes(&mut out, &x.to_ne_bytes(), h.little);
            }
            K::Number | K::Double => {
                let x = vm.check_number(arg)?;
                put_bytes(&mut out, &x.to_ne_bytes(), h.little);
            }
            K::Char => {
                let s = vm.check_str(arg)?;
                let len = s.len();
                if len > size {
                    return Err(vm.arg_error(arg, "string longer than given size"));
                }
                if out.try_reserve(size).is_err() {
                    return Err(mem_error(vm));
                }
                out.extend_from_slice(s.as_bytes());
                out.resize(out.len() + (size - len), 0);
            }
            K::Str => {
                let s = vm.check_str(arg)?;
                let len = s.len();
                if !(size >= 8 || (len as u64) < (1u64 << (size * 8))) {
                    return Err(vm.arg_error(arg, "string length does not fit in given size"));
                }
                packint(&mut out, len as u64, h.little, size, false);
                out.extend_from_slice(s.as_bytes());
                total = total.saturating_add(len);
            }
            K::Zstr => {
                let s = vm.check_str(arg)?;
                if s.as_bytes().contains(&0) {
                    return Err(vm.arg_error(arg, "string contains zeros"));
                }
                out.extend_from_slice(s.as_bytes());
                out.push(0);
                total = total.saturating_add(s.len() + 1);
            }
            K::Padding => {
                out.push(0);
                arg -= 1;
            }
            K::PaddAlign | K::Nop => arg -= 1,
        }
    }
    let r = vm.new_str(&out);
    vm.ret1(Value::Str(r))
}

pub fn str_packsize(vm: &mut Vm) -> LResult<usize> {
    let fs = vm.check_str(1)?;
    let mut h = Header::new(fs.as_bytes());
    let mut total = 0usize;
    while !h.done() {
        let (opt, size, ntoalign) = h.getdetails(vm, total)?;
        if opt == K::Str || opt == K::Zstr {
            return Err(vm.arg_error(1, "variable-length format"));
        }
        let size = size + ntoalign;
        if total > MAXSIZE.saturating_sub(size) || size > MAXSIZE {
            return Err(vm.arg_error(1, "format result too large"));
        }
        total += size;
    }
    vm.ret1(Value::Int(total as i64))
}

pub fn str_unpack(vm: &mut Vm) -> LResult<usize> {
    let fs = vm.check_str(1)?;
    let ds = vm.check_str(2)?;
    let data = ds.as_bytes();
    let ld = data.len();
    let init = match vm.arg(3) {
        Value::Nil => 1,
        _ => vm.check_int(3)?,
    };
    let mut pos = posrelat_i(init, ld) - 1;
    if pos > ld {
        return Err(vm.arg_error(3, "initial position out of string"));
    }
    let mut h = Header::new(fs.as_bytes());
    let mut n = 0usize;
    while !h.done() {
        let (opt, size, ntoalign) = h.getdetails(vm, pos)?;
        if ntoalign.saturating_add(size) > ld - pos {
            return Err(vm.arg_error(2, "data string too short"));
        }
        pos += ntoalign;
        if vm.ensure_stack(vm.ts.top + 3).is_err() {
            return Err(vm.lib_error("stack overflow (too many results)"));
        }
        let item = &data[pos..];
        let v = match opt {
            K::Int | K::Uint => Value::Int(unpackint(vm, item, h.little, size, opt == K::Int)?),
            K::Float => Value::Float(f64::from(f32::from_ne_bytes(get_bytes::<4>(
                item, h.little,
            )))),
            K::Number | K::Double => {
                Value::Float(f64::from_ne_bytes(get_bytes::<8>(item, h.little)))
            }
            K::Char => Value::Str(vm.new_str(&item[..size])),
            K::Str => {
                let len = unpackint(vm, item, h.little, size, false)? as u64;
                if len > (ld - pos - size) as u64 {
                    return Err(vm.arg_error(2, "data string too short"));
                }
                let len = len as usize;
                let v = Value::Str(vm.new_str(&item[size..size + len]));
                pos += len;
                v
            }
            K::Zstr => {
                let len = item.iter().position(|&c| c == 0).unwrap_or(item.len());
                if pos + len >= ld {
                    return Err(vm.arg_error(2, "unfinished string for format 'z'"));
                }
                let v = Value::Str(vm.new_str(&item[..len]));
                pos += len + 1;
                v
            }
            K::PaddAlign | K::Padding | K::Nop => {
                pos += size;
                continue;
            }
        };
        vm.push(v);
        n += 1;
        pos += size;
    }
    vm.push(Value::Int(pos as i64 + 1));
    Ok(n + 1)
}

fn posrelat_i(pos: i64, len: usize) -> usize {
    if pos > 0 {
        pos as usize
    } else if pos == 0 || pos.unsigned_abs() > len as u64 {
        1
    } else {
        len - pos.unsigned_abs() as usize + 1
    }
}
