//! `string.format` conversions with the exact output of PUC Lua 5.4 on
//! glibc: the spec parser and validator of lstrlib.c (`getformat`,
//! `checkformat`) and re-implementations of C `printf` for each conversion
//! Lua allows, plus `%q` (`addquoted`, `quotefloat`).
//!
//! The module is pure: the caller converts arguments (`luaL_checkinteger`,
//! `luaL_checknumber`, `luaL_tolstring`) and passes plain values. All
//! formatting functions append to an output buffer.
//!
//! Typical driver for one item (after a '%' that is not "%%"):
//! ```text
//! check an argument exists ("no value")
//! let (spec, next) = parse_spec(fmt, pos)?;      // "too long" / unknown conv.
//! match spec.conv {
//!   b'c'                => { spec.validate()?; fmt_char(&spec, checkinteger(arg), out) }
//!   b'd' | b'i'         => { let n = checkinteger(arg); spec.validate()?; fmt_int(&spec, n, out) }
//!   b'u' | b'o' | b'x' | b'X' => same with fmt_unsigned
//!   b'a' | b'A'         => { spec.validate()?; fmt_float(&spec, checknumber(arg), out) }
//!   b'e' | b'E' | b'f' | b'g' | b'G' => { let x = checknumber(arg); spec.validate()?; fmt_float(..) }
//!   b'p'                => { let p = topointer(arg); spec.validate()?; fmt_pointer(&spec, p, out) }
//!   b'q'                => { if spec.has_modifiers() { error(Q_MODIFIERS_ERROR) } add_quoted/... }
//!   b's'                => { let s = tolstring(arg);
//!                            if spec.has_modifiers() { if s contains '\0' { argerror "string contains zeros" }
//!                                                      spec.validate()? }
//!                            fmt_str(&spec, s, out) }
//! }
//! ```
//! (This mirrors the order of checks in lstrlib's `str_format`, so errors
//! are raised in the same order as in PUC Lua.)

use std::fmt;
use std::io::Write;

/// Error raised by `string.format` for a bad conversion specification.
/// The message (bytes, since it may quote arbitrary format bytes) is the
/// exact PUC text, e.g. `invalid conversion '%y' to 'format'`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormatError(pub Vec<u8>);

impl fmt::Display for FormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&String::from_utf8_lossy(&self.0))
    }
}

impl std::error::Error for FormatError {}

/// Error text for `%q` with flags/width/precision.
pub const Q_MODIFIERS_ERROR: &str = "specifier '%q' cannot have modifiers";

/// Maximum size of a conversion spec, as in lstrlib (MAX_FORMAT = 32; the
/// spanned part plus the conversion char must stay below 32 - 10).
const MAX_SPEC_LEN: usize = 32 - 10;

/// Characters `getformat` spans: flags, digits and '.'.
const SPEC_CHARS: &[u8] = b"-+#0 123456789.";

/// printf flags.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Flags {
    /// '-': left-justify.
    pub minus: bool,
    /// '+': always print a sign.
    pub plus: bool,
    /// ' ': space in place of a '+' sign.
    pub space: bool,
    /// '#': alternate form.
    pub alt: bool,
    /// '0': pad with zeros.
    pub zero: bool,
}

/// One parsed conversion specification, e.g. `%-10.3f`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spec {
    pub flags: Flags,
    pub width: usize,
    /// `None` when no '.' was given; "%.f" means precision 0.
    pub precision: Option<usize>,
    /// The conversion character (`d`, `s`, `q`, ...).
    pub conv: u8,
    /// The raw text "%...c" (for error messages).
    form: [u8; MAX_SPEC_LEN + 1],
    form_len: usize,
}

impl Spec {
    /// The raw specification text including the leading '%'.
    pub fn form(&self) -> &[u8] {
        &self.form[..self.form_len]
    }

    /// Whether anything stands between '%' and the conversion character
    /// (`%q` rejects that; `%s` without modifiers skips validation).
    pub fn has_modifiers(&self) -> bool {
        self.form_len > 2
    }

    /// lstrlib's `checkformat` for this conversion: only the flags the
    /// conversion accepts, a width of at most 2 digits (not starting with
    /// '0'), and a precision of at most 2 digits where allowed. On success
    /// the spec's flags/width/precision are meaningful.
    pub fn validate(&self) -> Result<(), FormatError> {
        let (flags, precision): (&[u8], bool) = match self.conv {
            b'a' | b'A' | b'e' | b'E' | b'f' | b'g' | b'G' => (b"-+#0 ", true),
            b'o' | b'x' | b'X' => (b"-#0", true),
            b'd' | b'i' => (b"-+0 ", true),
            b'u' => (b"-0", true),
            b'c' | b'p' => (b"-", false),
            b's' => (b"-", true),
            _ => (b"", false),
        };
        let f = self.form();
        let mut i = 1;
        while i < f.len() && flags.contains(&f[i]) {
            i += 1;
        }
        let at = |i: usize| f.get(i).copied().unwrap_or(0);
        if at(i) != b'0' {
            i = skip2digits(f, i);
            if at(i) == b'.' && precision {
                i = skip2digits(f, i + 1);
            }
        }
        if !at(i).is_ascii_alphabetic() {
            let mut msg = b"invalid conversion specification: '".to_vec();
            msg.extend_from_slice(f);
            msg.push(b'\'');
            return Err(FormatError(msg));
        }
        Ok(())
    }
}

fn skip2digits(f: &[u8], mut i: usize) -> usize {
    for _ in 0..2 {
        if f.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
    }
    i
}

/// Parse the conversion specification that starts at `fmt[pos]` (just
/// after a '%' that does not begin "%%"). Returns the spec and the index
/// just past the conversion character.
///
/// Errors (as lstrlib): "invalid format (too long)" and, for any conversion
/// character Lua does not support (including a missing one at the end of
/// the format), "invalid conversion '%...' to 'format'". Flag/width/
/// precision validity is checked separately by [`Spec::validate`], because
/// PUC checks it after converting the argument for some conversions.
pub fn parse_spec(fmt: &[u8], pos: usize) -> Result<(Spec, usize), FormatError> {
    let rest = fmt.get(pos..).unwrap_or(&[]);
    let span = rest.iter().take_while(|c| SPEC_CHARS.contains(c)).count();
    let len = span + 1; // plus the conversion character
    if len >= MAX_SPEC_LEN {
        return Err(FormatError(b"invalid format (too long)".to_vec()));
    }
    // Like C, a missing conversion char reads as the terminating '\0'.
    let conv = rest.get(span).copied().unwrap_or(0);
    let mut form = [0u8; MAX_SPEC_LEN + 1];
    form[0] = b'%';
    form[1..=span].copy_from_slice(&rest[..span]);
    form[len] = conv;
    let mut spec = Spec {
        flags: Flags::default(),
        width: 0,
        precision: None,
        conv,
        form,
        form_len: len + 1,
    };
    if !b"cdiuoxXaAfeEgGpqs".contains(&conv) || conv == 0 {
        // The message stops at a NUL byte, as the C string does.
        let shown = &spec.form()[..=span];
        let mut msg = b"invalid conversion '".to_vec();
        msg.extend_from_slice(shown);
        if conv != 0 {
            msg.push(conv);
        }
        msg.extend_from_slice(b"' to 'format'");
        return Err(FormatError(msg));
    }
    // Decode flags, width and precision the way printf reads them.
    let body = &rest[..span];
    let mut i = 0;
    while i < body.len() {
        match body[i] {
            b'-' => spec.flags.minus = true,
            b'+' => spec.flags.plus = true,
            b' ' => spec.flags.space = true,
            b'#' => spec.flags.alt = true,
            b'0' => spec.flags.zero = true,
            _ => break,
        }
        i += 1;
    }
    let mut width = 0usize;
    while i < body.len() && body[i].is_ascii_digit() {
        width = (width * 10 + usize::from(body[i] - b'0')).min(1 << 20);
        i += 1;
    }
    spec.width = width;
    if i < body.len() && body[i] == b'.' {
        i += 1;
        let mut p = 0usize;
        while i < body.len() && body[i].is_ascii_digit() {
            p = (p * 10 + usize::from(body[i] - b'0')).min(1 << 20);
            i += 1;
        }
        spec.precision = Some(p);
    }
    Ok((spec, pos + len))
}

// ---------------------------------------------------------------------------
// Padding
// ---------------------------------------------------------------------------

/// Pad the item written at `out[start..]` to the spec's width: spaces on
/// the right for '-', otherwise zeros inserted at `zero_at` (after any
/// sign/prefix) when given, else spaces on the left.
fn pad(out: &mut Vec<u8>, start: usize, width: usize, left: bool, zero_at: Option<usize>) {
    let len = out.len() - start;
    if len >= width {
        return;
    }
    let n = width - len;
    if left {
        out.resize(out.len() + n, b' ');
    } else {
        let (at, fill) = match zero_at {
            Some(at) => (at, b'0'),
            None => (start, b' '),
        };
        out.splice(at..at, std::iter::repeat_n(fill, n));
    }
}

/// Digits of `u` in `base` (8, 10 or 16) into a stack buffer; returns the
/// used tail.
fn digits(u: u64, base: u64, upper: bool, buf: &mut [u8; 24]) -> &[u8] {
    let table: &[u8; 16] = if upper {
        b"0123456789ABCDEF"
    } else {
        b"0123456789abcdef"
    };
    let mut pos = buf.len();
    let mut u = u;
    loop {
        pos -= 1;
        buf[pos] = table[(u % base) as usize];
        u /= base;
        if u == 0 {
            break;
        }
    }
    &buf[pos..]
}

// ---------------------------------------------------------------------------
// Integer conversions
// ---------------------------------------------------------------------------

/// `%d` / `%i` (flags `-+ 0`, width, precision = minimum digits).
pub fn fmt_int(spec: &Spec, n: i64, out: &mut Vec<u8>) {
    let start = out.len();
    if n < 0 {
        out.push(b'-');
    } else if spec.flags.plus {
        out.push(b'+');
    } else if spec.flags.space {
        out.push(b' ');
    }
    let body = out.len();
    push_digits(spec, n.unsigned_abs(), 10, false, out);
    finish_int(spec, out, start, body);
}

/// `%u`, `%o`, `%x`, `%X`: the value as a 64-bit unsigned (two's
/// complement for negatives, as C's `%llx`).
pub fn fmt_unsigned(spec: &Spec, n: i64, out: &mut Vec<u8>) {
    let u = n as u64;
    let start = out.len();
    let (base, upper) = match spec.conv {
        b'o' => (8, false),
        b'x' => (16, false),
        b'X' => (16, true),
        _ => (10, false),
    };
    if spec.flags.alt && base == 16 && u != 0 {
        out.extend_from_slice(if upper { b"0X" } else { b"0x" });
    }
    let body = out.len();
    push_digits(spec, u, base, upper, out);
    if spec.flags.alt && base == 8 && out.get(body) != Some(&b'0') {
        // '#' with 'o' forces a leading zero.
        out.insert(body, b'0');
    }
    finish_int(spec, out, start, body);
}

/// Digits honouring the precision (minimum digit count; "%.0d" of 0 is empty).
fn push_digits(spec: &Spec, u: u64, base: u64, upper: bool, out: &mut Vec<u8>) {
    let mut buf = [0u8; 24];
    let d = digits(u, base, upper, &mut buf);
    match spec.precision {
        Some(0) if u == 0 => {}
        Some(p) => {
            if p > d.len() {
                out.resize(out.len() + (p - d.len()), b'0');
            }
            out.extend_from_slice(d);
        }
        None => out.extend_from_slice(d),
    }
}

fn finish_int(spec: &Spec, out: &mut Vec<u8>, start: usize, body: usize) {
    // The '0' flag is ignored with '-' or with an explicit precision.
    let zero = spec.flags.zero && !spec.flags.minus && spec.precision.is_none();
    pad(
        out,
        start,
        spec.width,
        spec.flags.minus,
        zero.then_some(body),
    );
}

/// `%c`: the low byte of the integer (C converts to `unsigned char`).
pub fn fmt_char(spec: &Spec, n: i64, out: &mut Vec<u8>) {
    let start = out.len();
    out.push(n as u8);
    pad(out, start, spec.width, spec.flags.minus, None);
}

/// `%s`. Without modifiers the whole string is added; with modifiers the
/// precision truncates and the width pads — except that, as in lstrlib, a
/// string of 100 bytes or more without a precision is added whole.
/// (The caller must first reject strings containing '\0' when the spec has
/// modifiers: "string contains zeros".)
pub fn fmt_str(spec: &Spec, s: &[u8], out: &mut Vec<u8>) {
    if !spec.has_modifiers() || (spec.precision.is_none() && s.len() >= 100) {
        out.extend_from_slice(s);
        return;
    }
    let start = out.len();
    let s = match spec.precision {
        Some(p) if p < s.len() => &s[..p],
        _ => s,
    };
    out.extend_from_slice(s);
    pad(out, start, spec.width, spec.flags.minus, None);
}

/// `%p`: glibc prints a non-null pointer as `0x` + lowercase hex; Lua
/// prints a null pointer (non-collectable values) as "(null)" through
/// `%s` with the same modifiers.
pub fn fmt_pointer(spec: &Spec, p: Option<usize>, out: &mut Vec<u8>) {
    let start = out.len();
    match p {
        Some(addr) if addr != 0 => {
            out.extend_from_slice(b"0x");
            let mut buf = [0u8; 24];
            out.extend_from_slice(digits(addr as u64, 16, false, &mut buf));
        }
        _ => out.extend_from_slice(b"(null)"),
    }
    pad(out, start, spec.width, spec.flags.minus, None);
}

// ---------------------------------------------------------------------------
// Float conversions
// ---------------------------------------------------------------------------

/// `%e %E %f %g %G %a %A` with glibc's output, including the sign of NaN
/// ("-nan"), "inf"/"nan" (uppercase for E/G/A), and the `#`, `+`, ` `,
/// `0` and `-` flags.
pub fn fmt_float(spec: &Spec, x: f64, out: &mut Vec<u8>) {
    let start = out.len();
    if x.is_sign_negative() {
        out.push(b'-');
    } else if spec.flags.plus {
        out.push(b'+');
    } else if spec.flags.space {
        out.push(b' ');
    }
    let upper = spec.conv.is_ascii_uppercase();
    let body = out.len();
    if !x.is_finite() {
        out.extend_from_slice(if x.is_nan() { b"nan" } else { b"inf" });
        if upper {
            out[body..].make_ascii_uppercase();
        }
        // No zero padding for inf/nan.
        pad(out, start, spec.width, spec.flags.minus, None);
        return;
    }
    let ax = x.abs();
    let alt = spec.flags.alt;
    let mut zero_at = body;
    match spec.conv.to_ascii_lowercase() {
        b'f' => write_f(out, ax, spec.precision.unwrap_or(6), alt),
        b'e' => write_e(out, ax, spec.precision.unwrap_or(6), alt),
        b'g' => write_g(out, ax, spec.precision.unwrap_or(6), alt),
        _ => {
            write_a(out, ax, spec.precision, alt);
            zero_at = body + 2; // zeros go after "0x"
        }
    }
    if upper {
        out[body..].make_ascii_uppercase();
    }
    let zero = spec.flags.zero && !spec.flags.minus;
    pad(
        out,
        start,
        spec.width,
        spec.flags.minus,
        zero.then_some(zero_at),
    );
}

/// `%.{prec}f` of a non-negative finite value.
fn write_f(out: &mut Vec<u8>, ax: f64, prec: usize, alt: bool) {
    // Rust's fixed formatting is exact and rounds half to even, as glibc.
    let _ = write!(out, "{ax:.prec$}");
    if alt && prec == 0 {
        out.push(b'.');
    }
}

/// `%.{prec}e` of a non-negative finite value.
fn write_e(out: &mut Vec<u8>, ax: f64, prec: usize, alt: bool) {
    let start = out.len();
    let _ = write!(out, "{ax:.prec$e}");
    let exp = split_rust_exp(out, start);
    if alt && prec == 0 {
        out.push(b'.');
    }
    push_c_exp(out, exp);
}

/// `%.{prec}g` of a non-negative finite value.
fn write_g(out: &mut Vec<u8>, ax: f64, prec: usize, alt: bool) {
    let p = prec.max(1);
    let start = out.len();
    // The exponent X of the value rounded to P significant digits decides
    // between the two styles (C99 7.19.6.1).
    let _ = write!(out, "{:.*e}", p - 1, ax);
    let x = split_rust_exp(out, start);
    if x < -4 || x >= p as i64 {
        if !alt {
            strip_fraction_zeros(out, start);
        } else if p == 1 {
            out.push(b'.');
        }
        push_c_exp(out, x);
    } else {
        out.truncate(start);
        let fprec = (p as i64 - 1 - x) as usize;
        let _ = write!(out, "{ax:.fprec$}");
        if !alt {
            strip_fraction_zeros(out, start);
        } else if fprec == 0 {
            out.push(b'.');
        }
    }
}

/// Remove Rust's "e<exp>" suffix from `out[start..]` and return the exponent.
fn split_rust_exp(out: &mut Vec<u8>, start: usize) -> i64 {
    let Some(epos) = out[start..].iter().position(|&c| c == b'e') else {
        return 0;
    };
    let epos = start + epos;
    let exp = std::str::from_utf8(&out[epos + 1..])
        .ok()
        .and_then(|s| s.parse::<i64>().ok())
        .unwrap_or(0);
    out.truncate(epos);
    exp
}

/// C exponent suffix: 'e', sign, at least two digits.
fn push_c_exp(out: &mut Vec<u8>, exp: i64) {
    out.push(b'e');
    out.push(if exp < 0 { b'-' } else { b'+' });
    let e = exp.unsigned_abs();
    if e < 10 {
        out.push(b'0');
    }
    let _ = write!(out, "{e}");
}

/// %g without '#': drop trailing zeros of the fraction, then a bare '.'.
fn strip_fraction_zeros(out: &mut Vec<u8>, start: usize) {
    if !out[start..].contains(&b'.') {
        return;
    }
    while out.last() == Some(&b'0') {
        out.pop();
    }
    if out.last() == Some(&b'.') {
        out.pop();
    }
}

/// glibc `%a` of a non-negative finite value: "0x1.8p+0", subnormals as
/// "0x0.xxxp-1022", rounding half to even when a precision is given
/// (a carry may produce a leading "2", as glibc does).
fn write_a(out: &mut Vec<u8>, ax: f64, precision: Option<usize>, alt: bool) {
    let bits = ax.to_bits();
    let bexp = ((bits >> 52) & 0x7ff) as i64;
    let frac = bits & ((1u64 << 52) - 1);
    let (lead, exp) = if bexp == 0 {
        (0u64, if frac == 0 { 0 } else { -1022 })
    } else {
        (1u64, bexp - 1023)
    };
    // 13 hex digits of fraction.
    let (lead, frac, ndig) = match precision {
        Some(p) if p < 13 => {
            let shift = (13 - p) as u32 * 4;
            let full = (lead << 52) | frac;
            let kept = full >> shift;
            let rem = full & ((1u64 << shift) - 1);
            let half = 1u64 << (shift - 1);
            let kept = if rem > half || (rem == half && kept & 1 == 1) {
                kept + 1
            } else {
                kept
            };
            let fbits = 4 * p as u32;
            let fmask = if fbits == 0 { 0 } else { (1u64 << fbits) - 1 };
            (kept >> fbits, kept & fmask, p)
        }
        Some(_) => (lead, frac, 13),
        None => {
            // Shortest: drop trailing zero digits.
            let mut f = frac;
            let mut n = 13;
            while n > 0 && f & 0xf == 0 {
                f >>= 4;
                n -= 1;
            }
            (lead, f, n)
        }
    };
    out.extend_from_slice(b"0x");
    let hex = b"0123456789abcdef";
    out.push(hex[(lead & 0xf) as usize]);
    let extra_zeros = precision.map_or(0, |p| p.saturating_sub(13));
    if ndig > 0 || extra_zeros > 0 || alt {
        out.push(b'.');
    }
    for i in (0..ndig).rev() {
        out.push(hex[((frac >> (4 * i)) & 0xf) as usize]);
    }
    out.resize(out.len() + extra_zeros, b'0');
    let _ = write!(
        out,
        "p{}{}",
        if exp < 0 { '-' } else { '+' },
        exp.unsigned_abs()
    );
}

// ---------------------------------------------------------------------------
// %q
// ---------------------------------------------------------------------------

/// `%q` of a string (lstrlib's addquoted): double quotes; `"`, `\` and
/// newline are escaped with a backslash (newline as backslash-newline);
/// other control characters as `\ddd` (3 digits only when a digit
/// follows); everything else, including bytes >= 0x80, verbatim.
pub fn add_quoted(s: &[u8], out: &mut Vec<u8>) {
    out.push(b'"');
    for (i, &c) in s.iter().enumerate() {
        if c == b'"' || c == b'\\' || c == b'\n' {
            out.push(b'\\');
            out.push(c);
        } else if c.is_ascii_control() {
            let next_is_digit = s.get(i + 1).is_some_and(u8::is_ascii_digit);
            if next_is_digit {
                let _ = write!(out, "\\{c:03}");
            } else {
                let _ = write!(out, "\\{c}");
            }
        } else {
            out.push(c);
        }
    }
    out.push(b'"');
}

/// [`add_quoted`] into a new buffer.
pub fn fmt_q_string(s: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len() + 2);
    add_quoted(s, &mut out);
    out
}

/// `%q` of an integer: decimal, except math.mininteger which has no
/// decimal literal form and is written "0x8000000000000000".
pub fn fmt_q_int(n: i64, out: &mut Vec<u8>) {
    if n == i64::MIN {
        out.extend_from_slice(b"0x8000000000000000");
    } else {
        let _ = write!(out, "{n}");
    }
}

/// `%q` of a float (lstrlib's quotefloat): "1e9999", "-1e9999", "(0/0)",
/// otherwise the glibc `%a` hexadecimal form, which reads back exactly.
pub fn fmt_q_float(x: f64, out: &mut Vec<u8>) {
    if x.is_nan() {
        out.extend_from_slice(b"(0/0)");
    } else if x == f64::INFINITY {
        out.extend_from_slice(b"1e9999");
    } else if x == f64::NEG_INFINITY {
        out.extend_from_slice(b"-1e9999");
    } else {
        if x.is_sign_negative() {
            out.push(b'-');
        }
        write_a(out, x.abs(), None, false);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    enum V {
        I(i64),
        F(f64),
        S(&'static [u8]),
    }
    use V::{F, I, S};

    /// Format one item the way lstrlib's str_format does (minus argument
    /// conversion), returning the output or "E:" + the error message.
    fn run(fmt: &[u8], v: &V) -> Vec<u8> {
        let mut out = Vec::new();
        let r = (|| -> Result<(), FormatError> {
            let (spec, next) = parse_spec(fmt, 1)?;
            let int = || match v {
                I(i) => *i,
                _ => panic!("int expected"),
            };
            let num = || match v {
                I(i) => *i as f64,
                F(x) => *x,
                S(_) => panic!("number expected"),
            };
            match spec.conv {
                b'd' | b'i' => {
                    spec.validate()?;
                    fmt_int(&spec, int(), &mut out)
                }
                b'u' | b'o' | b'x' | b'X' => {
                    spec.validate()?;
                    fmt_unsigned(&spec, int(), &mut out)
                }
                b'c' => {
                    spec.validate()?;
                    fmt_char(&spec, int(), &mut out)
                }
                b'p' => {
                    spec.validate()?;
                    fmt_pointer(&spec, None, &mut out)
                }
                b's' => {
                    let s = match v {
                        S(s) => s.to_vec(),
                        I(i) => i.to_string().into_bytes(),
                        F(_) => panic!("string expected"),
                    };
                    if spec.has_modifiers() {
                        spec.validate()?;
                    }
                    fmt_str(&spec, &s, &mut out)
                }
                b'q' => {
                    if spec.has_modifiers() {
                        return Err(FormatError(Q_MODIFIERS_ERROR.into()));
                    }
                    match v {
                        I(i) => fmt_q_int(*i, &mut out),
                        F(x) => fmt_q_float(*x, &mut out),
                        S(s) => add_quoted(s, &mut out),
                    }
                }
                _ => {
                    spec.validate()?;
                    fmt_float(&spec, num(), &mut out)
                }
            }
            // Literal text after the item (e.g. a '|' marking the width).
            out.extend_from_slice(&fmt[next..]);
            Ok(())
        })();
        match r {
            Ok(()) => out,
            Err(e) => [b"E:".to_vec(), e.0].concat(),
        }
    }

    /// (format, value, expected) — expected strings produced by lua5.4's
    /// string.format on x86_64 Linux.
    #[rustfmt::skip]
    fn cases() -> Vec<(&'static [u8], V, &'static [u8])> {
        vec![
            (b"%d", I(0), b"0"),
            (b"%d", I(1), b"1"),
            (b"%d", I(-1), b"-1"),
            (b"%d", I(42), b"42"),
            (b"%d", I(-42), b"-42"),
            (b"%d", I(255), b"255"),
            (b"%d", I(9223372036854775807), b"9223372036854775807"),
            (b"%d", I(i64::MIN), b"-9223372036854775808"),
            (b"%5d", I(0), b"    0"),
            (b"%5d", I(1), b"    1"),
            (b"%5d", I(-1), b"   -1"),
            (b"%5d", I(42), b"   42"),
            (b"%5d", I(-42), b"  -42"),
            (b"%5d", I(255), b"  255"),
            (b"%5d", I(9223372036854775807), b"9223372036854775807"),
            (b"%5d", I(i64::MIN), b"-9223372036854775808"),
            (b"%-5d|", I(0), b"0    |"),
            (b"%-5d|", I(1), b"1    |"),
            (b"%-5d|", I(-1), b"-1   |"),
            (b"%-5d|", I(42), b"42   |"),
            (b"%-5d|", I(-42), b"-42  |"),
            (b"%-5d|", I(255), b"255  |"),
            (b"%-5d|", I(9223372036854775807), b"9223372036854775807|"),
            (b"%-5d|", I(i64::MIN), b"-9223372036854775808|"),
            (b"%05d", I(0), b"00000"),
            (b"%05d", I(1), b"00001"),
            (b"%05d", I(-1), b"-0001"),
            (b"%05d", I(42), b"00042"),
            (b"%05d", I(-42), b"-0042"),
            (b"%05d", I(255), b"00255"),
            (b"%05d", I(9223372036854775807), b"9223372036854775807"),
            (b"%05d", I(i64::MIN), b"-9223372036854775808"),
            (b"%+d", I(0), b"+0"),
            (b"%+d", I(1), b"+1"),
            (b"%+d", I(-1), b"-1"),
            (b"%+d", I(42), b"+42"),
            (b"%+d", I(-42), b"-42"),
            (b"%+d", I(255), b"+255"),
            (b"%+d", I(9223372036854775807), b"+9223372036854775807"),
            (b"%+d", I(i64::MIN), b"-9223372036854775808"),
            (b"% d", I(0), b" 0"),
            (b"% d", I(1), b" 1"),
            (b"% d", I(-1), b"-1"),
            (b"% d", I(42), b" 42"),
            (b"% d", I(-42), b"-42"),
            (b"% d", I(255), b" 255"),
            (b"% d", I(9223372036854775807), b" 9223372036854775807"),
            (b"% d", I(i64::MIN), b"-9223372036854775808"),
            (b"%.3d", I(0), b"000"),
            (b"%.3d", I(1), b"001"),
            (b"%.3d", I(-1), b"-001"),
            (b"%.3d", I(42), b"042"),
            (b"%.3d", I(-42), b"-042"),
            (b"%.3d", I(255), b"255"),
            (b"%.3d", I(9223372036854775807), b"9223372036854775807"),
            (b"%.3d", I(i64::MIN), b"-9223372036854775808"),
            (b"%8.3d", I(0), b"     000"),
            (b"%8.3d", I(1), b"     001"),
            (b"%8.3d", I(-1), b"    -001"),
            (b"%8.3d", I(42), b"     042"),
            (b"%8.3d", I(-42), b"    -042"),
            (b"%8.3d", I(255), b"     255"),
            (b"%8.3d", I(9223372036854775807), b"9223372036854775807"),
            (b"%8.3d", I(i64::MIN), b"-9223372036854775808"),
            (b"%-8.3d|", I(0), b"000     |"),
            (b"%-8.3d|", I(1), b"001     |"),
            (b"%-8.3d|", I(-1), b"-001    |"),
            (b"%-8.3d|", I(42), b"042     |"),
            (b"%-8.3d|", I(-42), b"-042    |"),
            (b"%-8.3d|", I(255), b"255     |"),
            (b"%-8.3d|", I(9223372036854775807), b"9223372036854775807|"),
            (b"%-8.3d|", I(i64::MIN), b"-9223372036854775808|"),
            (b"%08.3d", I(0), b"     000"),
            (b"%08.3d", I(1), b"     001"),
            (b"%08.3d", I(-1), b"    -001"),
            (b"%08.3d", I(42), b"     042"),
            (b"%08.3d", I(-42), b"    -042"),
            (b"%08.3d", I(255), b"     255"),
            (b"%08.3d", I(9223372036854775807), b"9223372036854775807"),
            (b"%08.3d", I(i64::MIN), b"-9223372036854775808"),
            (b"%.0d", I(0), b""),
            (b"%.0d", I(1), b"1"),
            (b"%.0d", I(-1), b"-1"),
            (b"%.0d", I(42), b"42"),
            (b"%.0d", I(-42), b"-42"),
            (b"%.0d", I(255), b"255"),
            (b"%.0d", I(9223372036854775807), b"9223372036854775807"),
            (b"%.0d", I(i64::MIN), b"-9223372036854775808"),
            (b"%+.0d", I(0), b"+"),
            (b"%+.0d", I(1), b"+1"),
            (b"%+.0d", I(-1), b"-1"),
            (b"%+.0d", I(42), b"+42"),
            (b"%+.0d", I(-42), b"-42"),
            (b"%+.0d", I(255), b"+255"),
            (b"%+.0d", I(9223372036854775807), b"+9223372036854775807"),
            (b"%+.0d", I(i64::MIN), b"-9223372036854775808"),
            (b"%i", I(0), b"0"),
            (b"%i", I(1), b"1"),
            (b"%i", I(-1), b"-1"),
            (b"%i", I(42), b"42"),
            (b"%i", I(-42), b"-42"),
            (b"%i", I(255), b"255"),
            (b"%i", I(9223372036854775807), b"9223372036854775807"),
            (b"%i", I(i64::MIN), b"-9223372036854775808"),
            (b"%+05i", I(0), b"+0000"),
            (b"%+05i", I(1), b"+0001"),
            (b"%+05i", I(-1), b"-0001"),
            (b"%+05i", I(42), b"+0042"),
            (b"%+05i", I(-42), b"-0042"),
            (b"%+05i", I(255), b"+0255"),
            (b"%+05i", I(9223372036854775807), b"+9223372036854775807"),
            (b"%+05i", I(i64::MIN), b"-9223372036854775808"),
            (b"%u", I(0), b"0"),
            (b"%u", I(1), b"1"),
            (b"%u", I(-1), b"18446744073709551615"),
            (b"%u", I(42), b"42"),
            (b"%u", I(-42), b"18446744073709551574"),
            (b"%u", I(255), b"255"),
            (b"%u", I(9223372036854775807), b"9223372036854775807"),
            (b"%u", I(i64::MIN), b"9223372036854775808"),
            (b"%010u", I(0), b"0000000000"),
            (b"%010u", I(1), b"0000000001"),
            (b"%010u", I(-1), b"18446744073709551615"),
            (b"%010u", I(42), b"0000000042"),
            (b"%010u", I(-42), b"18446744073709551574"),
            (b"%010u", I(255), b"0000000255"),
            (b"%010u", I(9223372036854775807), b"9223372036854775807"),
            (b"%010u", I(i64::MIN), b"9223372036854775808"),
            (b"%o", I(0), b"0"),
            (b"%o", I(1), b"1"),
            (b"%o", I(-1), b"1777777777777777777777"),
            (b"%o", I(42), b"52"),
            (b"%o", I(-42), b"1777777777777777777726"),
            (b"%o", I(255), b"377"),
            (b"%o", I(9223372036854775807), b"777777777777777777777"),
            (b"%o", I(i64::MIN), b"1000000000000000000000"),
            (b"%#o", I(0), b"0"),
            (b"%#o", I(1), b"01"),
            (b"%#o", I(-1), b"01777777777777777777777"),
            (b"%#o", I(42), b"052"),
            (b"%#o", I(-42), b"01777777777777777777726"),
            (b"%#o", I(255), b"0377"),
            (b"%#o", I(9223372036854775807), b"0777777777777777777777"),
            (b"%#o", I(i64::MIN), b"01000000000000000000000"),
            (b"%#.0o", I(0), b"0"),
            (b"%#.0o", I(1), b"01"),
            (b"%#.0o", I(-1), b"01777777777777777777777"),
            (b"%#.0o", I(42), b"052"),
            (b"%#.0o", I(-42), b"01777777777777777777726"),
            (b"%#.0o", I(255), b"0377"),
            (b"%#.0o", I(9223372036854775807), b"0777777777777777777777"),
            (b"%#.0o", I(i64::MIN), b"01000000000000000000000"),
            (b"%x", I(0), b"0"),
            (b"%x", I(1), b"1"),
            (b"%x", I(-1), b"ffffffffffffffff"),
            (b"%x", I(42), b"2a"),
            (b"%x", I(-42), b"ffffffffffffffd6"),
            (b"%x", I(255), b"ff"),
            (b"%x", I(9223372036854775807), b"7fffffffffffffff"),
            (b"%x", I(i64::MIN), b"8000000000000000"),
            (b"%#x", I(0), b"0"),
            (b"%#x", I(1), b"0x1"),
            (b"%#x", I(-1), b"0xffffffffffffffff"),
            (b"%#x", I(42), b"0x2a"),
            (b"%#x", I(-42), b"0xffffffffffffffd6"),
            (b"%#x", I(255), b"0xff"),
            (b"%#x", I(9223372036854775807), b"0x7fffffffffffffff"),
            (b"%#x", I(i64::MIN), b"0x8000000000000000"),
            (b"%#08x", I(0), b"00000000"),
            (b"%#08x", I(1), b"0x000001"),
            (b"%#08x", I(-1), b"0xffffffffffffffff"),
            (b"%#08x", I(42), b"0x00002a"),
            (b"%#08x", I(-42), b"0xffffffffffffffd6"),
            (b"%#08x", I(255), b"0x0000ff"),
            (b"%#08x", I(9223372036854775807), b"0x7fffffffffffffff"),
            (b"%#08x", I(i64::MIN), b"0x8000000000000000"),
            (b"%X", I(0), b"0"),
            (b"%X", I(1), b"1"),
            (b"%X", I(-1), b"FFFFFFFFFFFFFFFF"),
            (b"%X", I(42), b"2A"),
            (b"%X", I(-42), b"FFFFFFFFFFFFFFD6"),
            (b"%X", I(255), b"FF"),
            (b"%X", I(9223372036854775807), b"7FFFFFFFFFFFFFFF"),
            (b"%X", I(i64::MIN), b"8000000000000000"),
            (b"%#X", I(0), b"0"),
            (b"%#X", I(1), b"0X1"),
            (b"%#X", I(-1), b"0XFFFFFFFFFFFFFFFF"),
            (b"%#X", I(42), b"0X2A"),
            (b"%#X", I(-42), b"0XFFFFFFFFFFFFFFD6"),
            (b"%#X", I(255), b"0XFF"),
            (b"%#X", I(9223372036854775807), b"0X7FFFFFFFFFFFFFFF"),
            (b"%#X", I(i64::MIN), b"0X8000000000000000"),
            (b"%.4x", I(0), b"0000"),
            (b"%.4x", I(1), b"0001"),
            (b"%.4x", I(-1), b"ffffffffffffffff"),
            (b"%.4x", I(42), b"002a"),
            (b"%.4x", I(-42), b"ffffffffffffffd6"),
            (b"%.4x", I(255), b"00ff"),
            (b"%.4x", I(9223372036854775807), b"7fffffffffffffff"),
            (b"%.4x", I(i64::MIN), b"8000000000000000"),
            (b"%-#10x|", I(0), b"0         |"),
            (b"%-#10x|", I(1), b"0x1       |"),
            (b"%-#10x|", I(-1), b"0xffffffffffffffff|"),
            (b"%-#10x|", I(42), b"0x2a      |"),
            (b"%-#10x|", I(-42), b"0xffffffffffffffd6|"),
            (b"%-#10x|", I(255), b"0xff      |"),
            (b"%-#10x|", I(9223372036854775807), b"0x7fffffffffffffff|"),
            (b"%-#10x|", I(i64::MIN), b"0x8000000000000000|"),
            (b"%c", I(0), b"\x00"),
            (b"%c", I(1), b"\x01"),
            (b"%c", I(42), b"*"),
            (b"%c", I(255), b"\xff"),
            (b"%3c", I(0), b"  \x00"),
            (b"%3c", I(1), b"  \x01"),
            (b"%3c", I(42), b"  *"),
            (b"%3c", I(255), b"  \xff"),
            (b"%-3c|", I(0), b"\x00  |"),
            (b"%-3c|", I(1), b"\x01  |"),
            (b"%-3c|", I(42), b"*  |"),
            (b"%-3c|", I(255), b"\xff  |"),
            (b"%f", F(f64::from_bits(0x0000000000000000)), b"0.000000"),
            (b"%f", F(f64::from_bits(0x8000000000000000)), b"-0.000000"),
            (b"%f", F(f64::from_bits(0x3ff0000000000000)), b"1.000000"),
            (b"%f", F(f64::from_bits(0xbff8000000000000)), b"-1.500000"),
            (b"%f", F(f64::from_bits(0x3fb999999999999a)), b"0.100000"),
            (b"%f", F(f64::from_bits(0x4004000000000000)), b"2.500000"),
            (b"%f", F(f64::from_bits(0x3fd5555555555555)), b"0.333333"),
            (b"%f", F(f64::from_bits(0x405edd2f1a9fbe77)), b"123.456000"),
            (b"%f", F(f64::from_bits(0x3ee4f8b588e368f1)), b"0.000010"),
            (b"%f", F(f64::from_bits(0x430c6bf526340000)), b"1000000000000000.000000"),
            (b"%f", F(f64::from_bits(0x444b1ae4d6e2ef50)), b"1000000000000000000000.000000"),
            (b"%f", F(f64::from_bits(0x54b249ad2594c37d)), b"10000000000000000159028911097599180468360808563945281389781327557747838772170381060813469985856815104.000000"),
            (b"%f", F(f64::from_bits(0x0000000000000001)), b"0.000000"),
            (b"%f", F(f64::from_bits(0x7fefffffffffffff)), b"179769313486231570814527423731704356798070567525844996598917476803157260780028538760589558632766878171540458953514382464234321326889464182768467546703537516986049910576551282076245490090389328944075868508455133942304583236903222948165808559332123348274797826204144723168738177180919299881250404026184124858368.000000"),
            (b"%f", F(f64::from_bits(0x3ff0800000000000)), b"1.031250"),
            (b"%f", F(f64::from_bits(0x3ff1800000000000)), b"1.093750"),
            (b"%f", F(f64::from_bits(0x7ff0000000000000)), b"inf"),
            (b"%f", F(f64::from_bits(0xfff0000000000000)), b"-inf"),
            (b"%f", F(f64::from_bits(0xfff8000000000000)), b"-nan"),
            (b"%f", F(f64::from_bits(0x7ff8000000000000)), b"nan"),
            (b"%f", F(f64::from_bits(0x40f869ff33333333)), b"99999.950000"),
            (b"%f", F(f64::from_bits(0x4023000000000000)), b"9.500000"),
            (b"%.0f", F(f64::from_bits(0x0000000000000000)), b"0"),
            (b"%.0f", F(f64::from_bits(0x8000000000000000)), b"-0"),
            (b"%.0f", F(f64::from_bits(0x3ff0000000000000)), b"1"),
            (b"%.0f", F(f64::from_bits(0xbff8000000000000)), b"-2"),
            (b"%.0f", F(f64::from_bits(0x3fb999999999999a)), b"0"),
            (b"%.0f", F(f64::from_bits(0x4004000000000000)), b"2"),
            (b"%.0f", F(f64::from_bits(0x3fd5555555555555)), b"0"),
            (b"%.0f", F(f64::from_bits(0x405edd2f1a9fbe77)), b"123"),
            (b"%.0f", F(f64::from_bits(0x3ee4f8b588e368f1)), b"0"),
            (b"%.0f", F(f64::from_bits(0x430c6bf526340000)), b"1000000000000000"),
            (b"%.0f", F(f64::from_bits(0x444b1ae4d6e2ef50)), b"1000000000000000000000"),
            (b"%.0f", F(f64::from_bits(0x54b249ad2594c37d)), b"10000000000000000159028911097599180468360808563945281389781327557747838772170381060813469985856815104"),
            (b"%.0f", F(f64::from_bits(0x0000000000000001)), b"0"),
            (b"%.0f", F(f64::from_bits(0x7fefffffffffffff)), b"179769313486231570814527423731704356798070567525844996598917476803157260780028538760589558632766878171540458953514382464234321326889464182768467546703537516986049910576551282076245490090389328944075868508455133942304583236903222948165808559332123348274797826204144723168738177180919299881250404026184124858368"),
            (b"%.0f", F(f64::from_bits(0x3ff0800000000000)), b"1"),
            (b"%.0f", F(f64::from_bits(0x3ff1800000000000)), b"1"),
            (b"%.0f", F(f64::from_bits(0x7ff0000000000000)), b"inf"),
            (b"%.0f", F(f64::from_bits(0xfff0000000000000)), b"-inf"),
            (b"%.0f", F(f64::from_bits(0xfff8000000000000)), b"-nan"),
            (b"%.0f", F(f64::from_bits(0x7ff8000000000000)), b"nan"),
            (b"%.0f", F(f64::from_bits(0x40f869ff33333333)), b"100000"),
            (b"%.0f", F(f64::from_bits(0x4023000000000000)), b"10"),
            (b"%#.0f", F(f64::from_bits(0x0000000000000000)), b"0."),
            (b"%#.0f", F(f64::from_bits(0x8000000000000000)), b"-0."),
            (b"%#.0f", F(f64::from_bits(0x3ff0000000000000)), b"1."),
            (b"%#.0f", F(f64::from_bits(0xbff8000000000000)), b"-2."),
            (b"%#.0f", F(f64::from_bits(0x3fb999999999999a)), b"0."),
            (b"%#.0f", F(f64::from_bits(0x4004000000000000)), b"2."),
            (b"%#.0f", F(f64::from_bits(0x3fd5555555555555)), b"0."),
            (b"%#.0f", F(f64::from_bits(0x405edd2f1a9fbe77)), b"123."),
            (b"%#.0f", F(f64::from_bits(0x3ee4f8b588e368f1)), b"0."),
            (b"%#.0f", F(f64::from_bits(0x430c6bf526340000)), b"1000000000000000."),
            (b"%#.0f", F(f64::from_bits(0x444b1ae4d6e2ef50)), b"1000000000000000000000."),
            (b"%#.0f", F(f64::from_bits(0x54b249ad2594c37d)), b"10000000000000000159028911097599180468360808563945281389781327557747838772170381060813469985856815104."),
            (b"%#.0f", F(f64::from_bits(0x0000000000000001)), b"0."),
            (b"%#.0f", F(f64::from_bits(0x7fefffffffffffff)), b"179769313486231570814527423731704356798070567525844996598917476803157260780028538760589558632766878171540458953514382464234321326889464182768467546703537516986049910576551282076245490090389328944075868508455133942304583236903222948165808559332123348274797826204144723168738177180919299881250404026184124858368."),
            (b"%#.0f", F(f64::from_bits(0x3ff0800000000000)), b"1."),
            (b"%#.0f", F(f64::from_bits(0x3ff1800000000000)), b"1."),
            (b"%#.0f", F(f64::from_bits(0x7ff0000000000000)), b"inf"),
            (b"%#.0f", F(f64::from_bits(0xfff0000000000000)), b"-inf"),
            (b"%#.0f", F(f64::from_bits(0xfff8000000000000)), b"-nan"),
            (b"%#.0f", F(f64::from_bits(0x7ff8000000000000)), b"nan"),
            (b"%#.0f", F(f64::from_bits(0x40f869ff33333333)), b"100000."),
            (b"%#.0f", F(f64::from_bits(0x4023000000000000)), b"10."),
            (b"%.3f", F(f64::from_bits(0x0000000000000000)), b"0.000"),
            (b"%.3f", F(f64::from_bits(0x8000000000000000)), b"-0.000"),
            (b"%.3f", F(f64::from_bits(0x3ff0000000000000)), b"1.000"),
            (b"%.3f", F(f64::from_bits(0xbff8000000000000)), b"-1.500"),
            (b"%.3f", F(f64::from_bits(0x3fb999999999999a)), b"0.100"),
            (b"%.3f", F(f64::from_bits(0x4004000000000000)), b"2.500"),
            (b"%.3f", F(f64::from_bits(0x3fd5555555555555)), b"0.333"),
            (b"%.3f", F(f64::from_bits(0x405edd2f1a9fbe77)), b"123.456"),
            (b"%.3f", F(f64::from_bits(0x3ee4f8b588e368f1)), b"0.000"),
            (b"%.3f", F(f64::from_bits(0x430c6bf526340000)), b"1000000000000000.000"),
            (b"%.3f", F(f64::from_bits(0x444b1ae4d6e2ef50)), b"1000000000000000000000.000"),
            (b"%.3f", F(f64::from_bits(0x54b249ad2594c37d)), b"10000000000000000159028911097599180468360808563945281389781327557747838772170381060813469985856815104.000"),
            (b"%.3f", F(f64::from_bits(0x0000000000000001)), b"0.000"),
            (b"%.3f", F(f64::from_bits(0x7fefffffffffffff)), b"179769313486231570814527423731704356798070567525844996598917476803157260780028538760589558632766878171540458953514382464234321326889464182768467546703537516986049910576551282076245490090389328944075868508455133942304583236903222948165808559332123348274797826204144723168738177180919299881250404026184124858368.000"),
            (b"%.3f", F(f64::from_bits(0x3ff0800000000000)), b"1.031"),
            (b"%.3f", F(f64::from_bits(0x3ff1800000000000)), b"1.094"),
            (b"%.3f", F(f64::from_bits(0x7ff0000000000000)), b"inf"),
            (b"%.3f", F(f64::from_bits(0xfff0000000000000)), b"-inf"),
            (b"%.3f", F(f64::from_bits(0xfff8000000000000)), b"-nan"),
            (b"%.3f", F(f64::from_bits(0x7ff8000000000000)), b"nan"),
            (b"%.3f", F(f64::from_bits(0x40f869ff33333333)), b"99999.950"),
            (b"%.3f", F(f64::from_bits(0x4023000000000000)), b"9.500"),
            (b"%10.2f", F(f64::from_bits(0x0000000000000000)), b"      0.00"),
            (b"%10.2f", F(f64::from_bits(0x8000000000000000)), b"     -0.00"),
            (b"%10.2f", F(f64::from_bits(0x3ff0000000000000)), b"      1.00"),
            (b"%10.2f", F(f64::from_bits(0xbff8000000000000)), b"     -1.50"),
            (b"%10.2f", F(f64::from_bits(0x3fb999999999999a)), b"      0.10"),
            (b"%10.2f", F(f64::from_bits(0x4004000000000000)), b"      2.50"),
            (b"%10.2f", F(f64::from_bits(0x3fd5555555555555)), b"      0.33"),
            (b"%10.2f", F(f64::from_bits(0x405edd2f1a9fbe77)), b"    123.46"),
            (b"%10.2f", F(f64::from_bits(0x3ee4f8b588e368f1)), b"      0.00"),
            (b"%10.2f", F(f64::from_bits(0x430c6bf526340000)), b"1000000000000000.00"),
            (b"%10.2f", F(f64::from_bits(0x444b1ae4d6e2ef50)), b"1000000000000000000000.00"),
            (b"%10.2f", F(f64::from_bits(0x54b249ad2594c37d)), b"10000000000000000159028911097599180468360808563945281389781327557747838772170381060813469985856815104.00"),
            (b"%10.2f", F(f64::from_bits(0x0000000000000001)), b"      0.00"),
            (b"%10.2f", F(f64::from_bits(0x7fefffffffffffff)), b"179769313486231570814527423731704356798070567525844996598917476803157260780028538760589558632766878171540458953514382464234321326889464182768467546703537516986049910576551282076245490090389328944075868508455133942304583236903222948165808559332123348274797826204144723168738177180919299881250404026184124858368.00"),
            (b"%10.2f", F(f64::from_bits(0x3ff0800000000000)), b"      1.03"),
            (b"%10.2f", F(f64::from_bits(0x3ff1800000000000)), b"      1.09"),
            (b"%10.2f", F(f64::from_bits(0x7ff0000000000000)), b"       inf"),
            (b"%10.2f", F(f64::from_bits(0xfff0000000000000)), b"      -inf"),
            (b"%10.2f", F(f64::from_bits(0xfff8000000000000)), b"      -nan"),
            (b"%10.2f", F(f64::from_bits(0x7ff8000000000000)), b"       nan"),
            (b"%10.2f", F(f64::from_bits(0x40f869ff33333333)), b"  99999.95"),
            (b"%10.2f", F(f64::from_bits(0x4023000000000000)), b"      9.50"),
            (b"%-10.2f|", F(f64::from_bits(0x0000000000000000)), b"0.00      |"),
            (b"%-10.2f|", F(f64::from_bits(0x8000000000000000)), b"-0.00     |"),
            (b"%-10.2f|", F(f64::from_bits(0x3ff0000000000000)), b"1.00      |"),
            (b"%-10.2f|", F(f64::from_bits(0xbff8000000000000)), b"-1.50     |"),
            (b"%-10.2f|", F(f64::from_bits(0x3fb999999999999a)), b"0.10      |"),
            (b"%-10.2f|", F(f64::from_bits(0x4004000000000000)), b"2.50      |"),
            (b"%-10.2f|", F(f64::from_bits(0x3fd5555555555555)), b"0.33      |"),
            (b"%-10.2f|", F(f64::from_bits(0x405edd2f1a9fbe77)), b"123.46    |"),
            (b"%-10.2f|", F(f64::from_bits(0x3ee4f8b588e368f1)), b"0.00      |"),
            (b"%-10.2f|", F(f64::from_bits(0x430c6bf526340000)), b"1000000000000000.00|"),
            (b"%-10.2f|", F(f64::from_bits(0x444b1ae4d6e2ef50)), b"1000000000000000000000.00|"),
            (b"%-10.2f|", F(f64::from_bits(0x54b249ad2594c37d)), b"10000000000000000159028911097599180468360808563945281389781327557747838772170381060813469985856815104.00|"),
            (b"%-10.2f|", F(f64::from_bits(0x0000000000000001)), b"0.00      |"),
            (b"%-10.2f|", F(f64::from_bits(0x7fefffffffffffff)), b"179769313486231570814527423731704356798070567525844996598917476803157260780028538760589558632766878171540458953514382464234321326889464182768467546703537516986049910576551282076245490090389328944075868508455133942304583236903222948165808559332123348274797826204144723168738177180919299881250404026184124858368.00|"),
            (b"%-10.2f|", F(f64::from_bits(0x3ff0800000000000)), b"1.03      |"),
            (b"%-10.2f|", F(f64::from_bits(0x3ff1800000000000)), b"1.09      |"),
            (b"%-10.2f|", F(f64::from_bits(0x7ff0000000000000)), b"inf       |"),
            (b"%-10.2f|", F(f64::from_bits(0xfff0000000000000)), b"-inf      |"),
            (b"%-10.2f|", F(f64::from_bits(0xfff8000000000000)), b"-nan      |"),
            (b"%-10.2f|", F(f64::from_bits(0x7ff8000000000000)), b"nan       |"),
            (b"%-10.2f|", F(f64::from_bits(0x40f869ff33333333)), b"99999.95  |"),
            (b"%-10.2f|", F(f64::from_bits(0x4023000000000000)), b"9.50      |"),
            (b"%+010.2f", F(f64::from_bits(0x0000000000000000)), b"+000000.00"),
            (b"%+010.2f", F(f64::from_bits(0x8000000000000000)), b"-000000.00"),
            (b"%+010.2f", F(f64::from_bits(0x3ff0000000000000)), b"+000001.00"),
            (b"%+010.2f", F(f64::from_bits(0xbff8000000000000)), b"-000001.50"),
            (b"%+010.2f", F(f64::from_bits(0x3fb999999999999a)), b"+000000.10"),
            (b"%+010.2f", F(f64::from_bits(0x4004000000000000)), b"+000002.50"),
            (b"%+010.2f", F(f64::from_bits(0x3fd5555555555555)), b"+000000.33"),
            (b"%+010.2f", F(f64::from_bits(0x405edd2f1a9fbe77)), b"+000123.46"),
            (b"%+010.2f", F(f64::from_bits(0x3ee4f8b588e368f1)), b"+000000.00"),
            (b"%+010.2f", F(f64::from_bits(0x430c6bf526340000)), b"+1000000000000000.00"),
            (b"%+010.2f", F(f64::from_bits(0x444b1ae4d6e2ef50)), b"+1000000000000000000000.00"),
            (b"%+010.2f", F(f64::from_bits(0x54b249ad2594c37d)), b"+10000000000000000159028911097599180468360808563945281389781327557747838772170381060813469985856815104.00"),
            (b"%+010.2f", F(f64::from_bits(0x0000000000000001)), b"+000000.00"),
            (b"%+010.2f", F(f64::from_bits(0x7fefffffffffffff)), b"+179769313486231570814527423731704356798070567525844996598917476803157260780028538760589558632766878171540458953514382464234321326889464182768467546703537516986049910576551282076245490090389328944075868508455133942304583236903222948165808559332123348274797826204144723168738177180919299881250404026184124858368.00"),
            (b"%+010.2f", F(f64::from_bits(0x3ff0800000000000)), b"+000001.03"),
            (b"%+010.2f", F(f64::from_bits(0x3ff1800000000000)), b"+000001.09"),
            (b"%+010.2f", F(f64::from_bits(0x7ff0000000000000)), b"      +inf"),
            (b"%+010.2f", F(f64::from_bits(0xfff0000000000000)), b"      -inf"),
            (b"%+010.2f", F(f64::from_bits(0xfff8000000000000)), b"      -nan"),
            (b"%+010.2f", F(f64::from_bits(0x7ff8000000000000)), b"      +nan"),
            (b"%+010.2f", F(f64::from_bits(0x40f869ff33333333)), b"+099999.95"),
            (b"%+010.2f", F(f64::from_bits(0x4023000000000000)), b"+000009.50"),
            (b"% f", F(f64::from_bits(0x0000000000000000)), b" 0.000000"),
            (b"% f", F(f64::from_bits(0x8000000000000000)), b"-0.000000"),
            (b"% f", F(f64::from_bits(0x3ff0000000000000)), b" 1.000000"),
            (b"% f", F(f64::from_bits(0xbff8000000000000)), b"-1.500000"),
            (b"% f", F(f64::from_bits(0x3fb999999999999a)), b" 0.100000"),
            (b"% f", F(f64::from_bits(0x4004000000000000)), b" 2.500000"),
            (b"% f", F(f64::from_bits(0x3fd5555555555555)), b" 0.333333"),
            (b"% f", F(f64::from_bits(0x405edd2f1a9fbe77)), b" 123.456000"),
            (b"% f", F(f64::from_bits(0x3ee4f8b588e368f1)), b" 0.000010"),
            (b"% f", F(f64::from_bits(0x430c6bf526340000)), b" 1000000000000000.000000"),
            (b"% f", F(f64::from_bits(0x444b1ae4d6e2ef50)), b" 1000000000000000000000.000000"),
            (b"% f", F(f64::from_bits(0x54b249ad2594c37d)), b" 10000000000000000159028911097599180468360808563945281389781327557747838772170381060813469985856815104.000000"),
            (b"% f", F(f64::from_bits(0x0000000000000001)), b" 0.000000"),
            (b"% f", F(f64::from_bits(0x7fefffffffffffff)), b" 179769313486231570814527423731704356798070567525844996598917476803157260780028538760589558632766878171540458953514382464234321326889464182768467546703537516986049910576551282076245490090389328944075868508455133942304583236903222948165808559332123348274797826204144723168738177180919299881250404026184124858368.000000"),
            (b"% f", F(f64::from_bits(0x3ff0800000000000)), b" 1.031250"),
            (b"% f", F(f64::from_bits(0x3ff1800000000000)), b" 1.093750"),
            (b"% f", F(f64::from_bits(0x7ff0000000000000)), b" inf"),
            (b"% f", F(f64::from_bits(0xfff0000000000000)), b"-inf"),
            (b"% f", F(f64::from_bits(0xfff8000000000000)), b"-nan"),
            (b"% f", F(f64::from_bits(0x7ff8000000000000)), b" nan"),
            (b"% f", F(f64::from_bits(0x40f869ff33333333)), b" 99999.950000"),
            (b"% f", F(f64::from_bits(0x4023000000000000)), b" 9.500000"),
            (b"%e", F(f64::from_bits(0x0000000000000000)), b"0.000000e+00"),
            (b"%e", F(f64::from_bits(0x8000000000000000)), b"-0.000000e+00"),
            (b"%e", F(f64::from_bits(0x3ff0000000000000)), b"1.000000e+00"),
            (b"%e", F(f64::from_bits(0xbff8000000000000)), b"-1.500000e+00"),
            (b"%e", F(f64::from_bits(0x3fb999999999999a)), b"1.000000e-01"),
            (b"%e", F(f64::from_bits(0x4004000000000000)), b"2.500000e+00"),
            (b"%e", F(f64::from_bits(0x3fd5555555555555)), b"3.333333e-01"),
            (b"%e", F(f64::from_bits(0x405edd2f1a9fbe77)), b"1.234560e+02"),
            (b"%e", F(f64::from_bits(0x3ee4f8b588e368f1)), b"1.000000e-05"),
            (b"%e", F(f64::from_bits(0x430c6bf526340000)), b"1.000000e+15"),
            (b"%e", F(f64::from_bits(0x444b1ae4d6e2ef50)), b"1.000000e+21"),
            (b"%e", F(f64::from_bits(0x54b249ad2594c37d)), b"1.000000e+100"),
            (b"%e", F(f64::from_bits(0x0000000000000001)), b"4.940656e-324"),
            (b"%e", F(f64::from_bits(0x7fefffffffffffff)), b"1.797693e+308"),
            (b"%e", F(f64::from_bits(0x3ff0800000000000)), b"1.031250e+00"),
            (b"%e", F(f64::from_bits(0x3ff1800000000000)), b"1.093750e+00"),
            (b"%e", F(f64::from_bits(0x7ff0000000000000)), b"inf"),
            (b"%e", F(f64::from_bits(0xfff0000000000000)), b"-inf"),
            (b"%e", F(f64::from_bits(0xfff8000000000000)), b"-nan"),
            (b"%e", F(f64::from_bits(0x7ff8000000000000)), b"nan"),
            (b"%e", F(f64::from_bits(0x40f869ff33333333)), b"9.999995e+04"),
            (b"%e", F(f64::from_bits(0x4023000000000000)), b"9.500000e+00"),
            (b"%.0e", F(f64::from_bits(0x0000000000000000)), b"0e+00"),
            (b"%.0e", F(f64::from_bits(0x8000000000000000)), b"-0e+00"),
            (b"%.0e", F(f64::from_bits(0x3ff0000000000000)), b"1e+00"),
            (b"%.0e", F(f64::from_bits(0xbff8000000000000)), b"-2e+00"),
            (b"%.0e", F(f64::from_bits(0x3fb999999999999a)), b"1e-01"),
            (b"%.0e", F(f64::from_bits(0x4004000000000000)), b"2e+00"),
            (b"%.0e", F(f64::from_bits(0x3fd5555555555555)), b"3e-01"),
            (b"%.0e", F(f64::from_bits(0x405edd2f1a9fbe77)), b"1e+02"),
            (b"%.0e", F(f64::from_bits(0x3ee4f8b588e368f1)), b"1e-05"),
            (b"%.0e", F(f64::from_bits(0x430c6bf526340000)), b"1e+15"),
            (b"%.0e", F(f64::from_bits(0x444b1ae4d6e2ef50)), b"1e+21"),
            (b"%.0e", F(f64::from_bits(0x54b249ad2594c37d)), b"1e+100"),
            (b"%.0e", F(f64::from_bits(0x0000000000000001)), b"5e-324"),
            (b"%.0e", F(f64::from_bits(0x7fefffffffffffff)), b"2e+308"),
            (b"%.0e", F(f64::from_bits(0x3ff0800000000000)), b"1e+00"),
            (b"%.0e", F(f64::from_bits(0x3ff1800000000000)), b"1e+00"),
            (b"%.0e", F(f64::from_bits(0x7ff0000000000000)), b"inf"),
            (b"%.0e", F(f64::from_bits(0xfff0000000000000)), b"-inf"),
            (b"%.0e", F(f64::from_bits(0xfff8000000000000)), b"-nan"),
            (b"%.0e", F(f64::from_bits(0x7ff8000000000000)), b"nan"),
            (b"%.0e", F(f64::from_bits(0x40f869ff33333333)), b"1e+05"),
            (b"%.0e", F(f64::from_bits(0x4023000000000000)), b"1e+01"),
            (b"%#.0e", F(f64::from_bits(0x0000000000000000)), b"0.e+00"),
            (b"%#.0e", F(f64::from_bits(0x8000000000000000)), b"-0.e+00"),
            (b"%#.0e", F(f64::from_bits(0x3ff0000000000000)), b"1.e+00"),
            (b"%#.0e", F(f64::from_bits(0xbff8000000000000)), b"-2.e+00"),
            (b"%#.0e", F(f64::from_bits(0x3fb999999999999a)), b"1.e-01"),
            (b"%#.0e", F(f64::from_bits(0x4004000000000000)), b"2.e+00"),
            (b"%#.0e", F(f64::from_bits(0x3fd5555555555555)), b"3.e-01"),
            (b"%#.0e", F(f64::from_bits(0x405edd2f1a9fbe77)), b"1.e+02"),
            (b"%#.0e", F(f64::from_bits(0x3ee4f8b588e368f1)), b"1.e-05"),
            (b"%#.0e", F(f64::from_bits(0x430c6bf526340000)), b"1.e+15"),
            (b"%#.0e", F(f64::from_bits(0x444b1ae4d6e2ef50)), b"1.e+21"),
            (b"%#.0e", F(f64::from_bits(0x54b249ad2594c37d)), b"1.e+100"),
            (b"%#.0e", F(f64::from_bits(0x0000000000000001)), b"5.e-324"),
            (b"%#.0e", F(f64::from_bits(0x7fefffffffffffff)), b"2.e+308"),
            (b"%#.0e", F(f64::from_bits(0x3ff0800000000000)), b"1.e+00"),
            (b"%#.0e", F(f64::from_bits(0x3ff1800000000000)), b"1.e+00"),
            (b"%#.0e", F(f64::from_bits(0x7ff0000000000000)), b"inf"),
            (b"%#.0e", F(f64::from_bits(0xfff0000000000000)), b"-inf"),
            (b"%#.0e", F(f64::from_bits(0xfff8000000000000)), b"-nan"),
            (b"%#.0e", F(f64::from_bits(0x7ff8000000000000)), b"nan"),
            (b"%#.0e", F(f64::from_bits(0x40f869ff33333333)), b"1.e+05"),
            (b"%#.0e", F(f64::from_bits(0x4023000000000000)), b"1.e+01"),
            (b"%E", F(f64::from_bits(0x0000000000000000)), b"0.000000E+00"),
            (b"%E", F(f64::from_bits(0x8000000000000000)), b"-0.000000E+00"),
            (b"%E", F(f64::from_bits(0x3ff0000000000000)), b"1.000000E+00"),
            (b"%E", F(f64::from_bits(0xbff8000000000000)), b"-1.500000E+00"),
            (b"%E", F(f64::from_bits(0x3fb999999999999a)), b"1.000000E-01"),
            (b"%E", F(f64::from_bits(0x4004000000000000)), b"2.500000E+00"),
            (b"%E", F(f64::from_bits(0x3fd5555555555555)), b"3.333333E-01"),
            (b"%E", F(f64::from_bits(0x405edd2f1a9fbe77)), b"1.234560E+02"),
            (b"%E", F(f64::from_bits(0x3ee4f8b588e368f1)), b"1.000000E-05"),
            (b"%E", F(f64::from_bits(0x430c6bf526340000)), b"1.000000E+15"),
            (b"%E", F(f64::from_bits(0x444b1ae4d6e2ef50)), b"1.000000E+21"),
            (b"%E", F(f64::from_bits(0x54b249ad2594c37d)), b"1.000000E+100"),
            (b"%E", F(f64::from_bits(0x0000000000000001)), b"4.940656E-324"),
            (b"%E", F(f64::from_bits(0x7fefffffffffffff)), b"1.797693E+308"),
            (b"%E", F(f64::from_bits(0x3ff0800000000000)), b"1.031250E+00"),
            (b"%E", F(f64::from_bits(0x3ff1800000000000)), b"1.093750E+00"),
            (b"%E", F(f64::from_bits(0x7ff0000000000000)), b"INF"),
            (b"%E", F(f64::from_bits(0xfff0000000000000)), b"-INF"),
            (b"%E", F(f64::from_bits(0xfff8000000000000)), b"-NAN"),
            (b"%E", F(f64::from_bits(0x7ff8000000000000)), b"NAN"),
            (b"%E", F(f64::from_bits(0x40f869ff33333333)), b"9.999995E+04"),
            (b"%E", F(f64::from_bits(0x4023000000000000)), b"9.500000E+00"),
            (b"%12.4e", F(f64::from_bits(0x0000000000000000)), b"  0.0000e+00"),
            (b"%12.4e", F(f64::from_bits(0x8000000000000000)), b" -0.0000e+00"),
            (b"%12.4e", F(f64::from_bits(0x3ff0000000000000)), b"  1.0000e+00"),
            (b"%12.4e", F(f64::from_bits(0xbff8000000000000)), b" -1.5000e+00"),
            (b"%12.4e", F(f64::from_bits(0x3fb999999999999a)), b"  1.0000e-01"),
            (b"%12.4e", F(f64::from_bits(0x4004000000000000)), b"  2.5000e+00"),
            (b"%12.4e", F(f64::from_bits(0x3fd5555555555555)), b"  3.3333e-01"),
            (b"%12.4e", F(f64::from_bits(0x405edd2f1a9fbe77)), b"  1.2346e+02"),
            (b"%12.4e", F(f64::from_bits(0x3ee4f8b588e368f1)), b"  1.0000e-05"),
            (b"%12.4e", F(f64::from_bits(0x430c6bf526340000)), b"  1.0000e+15"),
            (b"%12.4e", F(f64::from_bits(0x444b1ae4d6e2ef50)), b"  1.0000e+21"),
            (b"%12.4e", F(f64::from_bits(0x54b249ad2594c37d)), b" 1.0000e+100"),
            (b"%12.4e", F(f64::from_bits(0x0000000000000001)), b" 4.9407e-324"),
            (b"%12.4e", F(f64::from_bits(0x7fefffffffffffff)), b" 1.7977e+308"),
            (b"%12.4e", F(f64::from_bits(0x3ff0800000000000)), b"  1.0312e+00"),
            (b"%12.4e", F(f64::from_bits(0x3ff1800000000000)), b"  1.0938e+00"),
            (b"%12.4e", F(f64::from_bits(0x7ff0000000000000)), b"         inf"),
            (b"%12.4e", F(f64::from_bits(0xfff0000000000000)), b"        -inf"),
            (b"%12.4e", F(f64::from_bits(0xfff8000000000000)), b"        -nan"),
            (b"%12.4e", F(f64::from_bits(0x7ff8000000000000)), b"         nan"),
            (b"%12.4e", F(f64::from_bits(0x40f869ff33333333)), b"  1.0000e+05"),
            (b"%12.4e", F(f64::from_bits(0x4023000000000000)), b"  9.5000e+00"),
            (b"%g", F(f64::from_bits(0x0000000000000000)), b"0"),
            (b"%g", F(f64::from_bits(0x8000000000000000)), b"-0"),
            (b"%g", F(f64::from_bits(0x3ff0000000000000)), b"1"),
            (b"%g", F(f64::from_bits(0xbff8000000000000)), b"-1.5"),
            (b"%g", F(f64::from_bits(0x3fb999999999999a)), b"0.1"),
            (b"%g", F(f64::from_bits(0x4004000000000000)), b"2.5"),
            (b"%g", F(f64::from_bits(0x3fd5555555555555)), b"0.333333"),
            (b"%g", F(f64::from_bits(0x405edd2f1a9fbe77)), b"123.456"),
            (b"%g", F(f64::from_bits(0x3ee4f8b588e368f1)), b"1e-05"),
            (b"%g", F(f64::from_bits(0x430c6bf526340000)), b"1e+15"),
            (b"%g", F(f64::from_bits(0x444b1ae4d6e2ef50)), b"1e+21"),
            (b"%g", F(f64::from_bits(0x54b249ad2594c37d)), b"1e+100"),
            (b"%g", F(f64::from_bits(0x0000000000000001)), b"4.94066e-324"),
            (b"%g", F(f64::from_bits(0x7fefffffffffffff)), b"1.79769e+308"),
            (b"%g", F(f64::from_bits(0x3ff0800000000000)), b"1.03125"),
            (b"%g", F(f64::from_bits(0x3ff1800000000000)), b"1.09375"),
            (b"%g", F(f64::from_bits(0x7ff0000000000000)), b"inf"),
            (b"%g", F(f64::from_bits(0xfff0000000000000)), b"-inf"),
            (b"%g", F(f64::from_bits(0xfff8000000000000)), b"-nan"),
            (b"%g", F(f64::from_bits(0x7ff8000000000000)), b"nan"),
            (b"%g", F(f64::from_bits(0x40f869ff33333333)), b"99999.9"),
            (b"%g", F(f64::from_bits(0x4023000000000000)), b"9.5"),
            (b"%.0g", F(f64::from_bits(0x0000000000000000)), b"0"),
            (b"%.0g", F(f64::from_bits(0x8000000000000000)), b"-0"),
            (b"%.0g", F(f64::from_bits(0x3ff0000000000000)), b"1"),
            (b"%.0g", F(f64::from_bits(0xbff8000000000000)), b"-2"),
            (b"%.0g", F(f64::from_bits(0x3fb999999999999a)), b"0.1"),
            (b"%.0g", F(f64::from_bits(0x4004000000000000)), b"2"),
            (b"%.0g", F(f64::from_bits(0x3fd5555555555555)), b"0.3"),
            (b"%.0g", F(f64::from_bits(0x405edd2f1a9fbe77)), b"1e+02"),
            (b"%.0g", F(f64::from_bits(0x3ee4f8b588e368f1)), b"1e-05"),
            (b"%.0g", F(f64::from_bits(0x430c6bf526340000)), b"1e+15"),
            (b"%.0g", F(f64::from_bits(0x444b1ae4d6e2ef50)), b"1e+21"),
            (b"%.0g", F(f64::from_bits(0x54b249ad2594c37d)), b"1e+100"),
            (b"%.0g", F(f64::from_bits(0x0000000000000001)), b"5e-324"),
            (b"%.0g", F(f64::from_bits(0x7fefffffffffffff)), b"2e+308"),
            (b"%.0g", F(f64::from_bits(0x3ff0800000000000)), b"1"),
            (b"%.0g", F(f64::from_bits(0x3ff1800000000000)), b"1"),
            (b"%.0g", F(f64::from_bits(0x7ff0000000000000)), b"inf"),
            (b"%.0g", F(f64::from_bits(0xfff0000000000000)), b"-inf"),
            (b"%.0g", F(f64::from_bits(0xfff8000000000000)), b"-nan"),
            (b"%.0g", F(f64::from_bits(0x7ff8000000000000)), b"nan"),
            (b"%.0g", F(f64::from_bits(0x40f869ff33333333)), b"1e+05"),
            (b"%.0g", F(f64::from_bits(0x4023000000000000)), b"1e+01"),
            (b"%#g", F(f64::from_bits(0x0000000000000000)), b"0.00000"),
            (b"%#g", F(f64::from_bits(0x8000000000000000)), b"-0.00000"),
            (b"%#g", F(f64::from_bits(0x3ff0000000000000)), b"1.00000"),
            (b"%#g", F(f64::from_bits(0xbff8000000000000)), b"-1.50000"),
            (b"%#g", F(f64::from_bits(0x3fb999999999999a)), b"0.100000"),
            (b"%#g", F(f64::from_bits(0x4004000000000000)), b"2.50000"),
            (b"%#g", F(f64::from_bits(0x3fd5555555555555)), b"0.333333"),
            (b"%#g", F(f64::from_bits(0x405edd2f1a9fbe77)), b"123.456"),
            (b"%#g", F(f64::from_bits(0x3ee4f8b588e368f1)), b"1.00000e-05"),
            (b"%#g", F(f64::from_bits(0x430c6bf526340000)), b"1.00000e+15"),
            (b"%#g", F(f64::from_bits(0x444b1ae4d6e2ef50)), b"1.00000e+21"),
            (b"%#g", F(f64::from_bits(0x54b249ad2594c37d)), b"1.00000e+100"),
            (b"%#g", F(f64::from_bits(0x0000000000000001)), b"4.94066e-324"),
            (b"%#g", F(f64::from_bits(0x7fefffffffffffff)), b"1.79769e+308"),
            (b"%#g", F(f64::from_bits(0x3ff0800000000000)), b"1.03125"),
            (b"%#g", F(f64::from_bits(0x3ff1800000000000)), b"1.09375"),
            (b"%#g", F(f64::from_bits(0x7ff0000000000000)), b"inf"),
            (b"%#g", F(f64::from_bits(0xfff0000000000000)), b"-inf"),
            (b"%#g", F(f64::from_bits(0xfff8000000000000)), b"-nan"),
            (b"%#g", F(f64::from_bits(0x7ff8000000000000)), b"nan"),
            (b"%#g", F(f64::from_bits(0x40f869ff33333333)), b"99999.9"),
            (b"%#g", F(f64::from_bits(0x4023000000000000)), b"9.50000"),
            (b"%.10g", F(f64::from_bits(0x0000000000000000)), b"0"),
            (b"%.10g", F(f64::from_bits(0x8000000000000000)), b"-0"),
            (b"%.10g", F(f64::from_bits(0x3ff0000000000000)), b"1"),
            (b"%.10g", F(f64::from_bits(0xbff8000000000000)), b"-1.5"),
            (b"%.10g", F(f64::from_bits(0x3fb999999999999a)), b"0.1"),
            (b"%.10g", F(f64::from_bits(0x4004000000000000)), b"2.5"),
            (b"%.10g", F(f64::from_bits(0x3fd5555555555555)), b"0.3333333333"),
            (b"%.10g", F(f64::from_bits(0x405edd2f1a9fbe77)), b"123.456"),
            (b"%.10g", F(f64::from_bits(0x3ee4f8b588e368f1)), b"1e-05"),
            (b"%.10g", F(f64::from_bits(0x430c6bf526340000)), b"1e+15"),
            (b"%.10g", F(f64::from_bits(0x444b1ae4d6e2ef50)), b"1e+21"),
            (b"%.10g", F(f64::from_bits(0x54b249ad2594c37d)), b"1e+100"),
            (b"%.10g", F(f64::from_bits(0x0000000000000001)), b"4.940656458e-324"),
            (b"%.10g", F(f64::from_bits(0x7fefffffffffffff)), b"1.797693135e+308"),
            (b"%.10g", F(f64::from_bits(0x3ff0800000000000)), b"1.03125"),
            (b"%.10g", F(f64::from_bits(0x3ff1800000000000)), b"1.09375"),
            (b"%.10g", F(f64::from_bits(0x7ff0000000000000)), b"inf"),
            (b"%.10g", F(f64::from_bits(0xfff0000000000000)), b"-inf"),
            (b"%.10g", F(f64::from_bits(0xfff8000000000000)), b"-nan"),
            (b"%.10g", F(f64::from_bits(0x7ff8000000000000)), b"nan"),
            (b"%.10g", F(f64::from_bits(0x40f869ff33333333)), b"99999.95"),
            (b"%.10g", F(f64::from_bits(0x4023000000000000)), b"9.5"),
            (b"%G", F(f64::from_bits(0x0000000000000000)), b"0"),
            (b"%G", F(f64::from_bits(0x8000000000000000)), b"-0"),
            (b"%G", F(f64::from_bits(0x3ff0000000000000)), b"1"),
            (b"%G", F(f64::from_bits(0xbff8000000000000)), b"-1.5"),
            (b"%G", F(f64::from_bits(0x3fb999999999999a)), b"0.1"),
            (b"%G", F(f64::from_bits(0x4004000000000000)), b"2.5"),
            (b"%G", F(f64::from_bits(0x3fd5555555555555)), b"0.333333"),
            (b"%G", F(f64::from_bits(0x405edd2f1a9fbe77)), b"123.456"),
            (b"%G", F(f64::from_bits(0x3ee4f8b588e368f1)), b"1E-05"),
            (b"%G", F(f64::from_bits(0x430c6bf526340000)), b"1E+15"),
            (b"%G", F(f64::from_bits(0x444b1ae4d6e2ef50)), b"1E+21"),
            (b"%G", F(f64::from_bits(0x54b249ad2594c37d)), b"1E+100"),
            (b"%G", F(f64::from_bits(0x0000000000000001)), b"4.94066E-324"),
            (b"%G", F(f64::from_bits(0x7fefffffffffffff)), b"1.79769E+308"),
            (b"%G", F(f64::from_bits(0x3ff0800000000000)), b"1.03125"),
            (b"%G", F(f64::from_bits(0x3ff1800000000000)), b"1.09375"),
            (b"%G", F(f64::from_bits(0x7ff0000000000000)), b"INF"),
            (b"%G", F(f64::from_bits(0xfff0000000000000)), b"-INF"),
            (b"%G", F(f64::from_bits(0xfff8000000000000)), b"-NAN"),
            (b"%G", F(f64::from_bits(0x7ff8000000000000)), b"NAN"),
            (b"%G", F(f64::from_bits(0x40f869ff33333333)), b"99999.9"),
            (b"%G", F(f64::from_bits(0x4023000000000000)), b"9.5"),
            (b"%-12g|", F(f64::from_bits(0x0000000000000000)), b"0           |"),
            (b"%-12g|", F(f64::from_bits(0x8000000000000000)), b"-0          |"),
            (b"%-12g|", F(f64::from_bits(0x3ff0000000000000)), b"1           |"),
            (b"%-12g|", F(f64::from_bits(0xbff8000000000000)), b"-1.5        |"),
            (b"%-12g|", F(f64::from_bits(0x3fb999999999999a)), b"0.1         |"),
            (b"%-12g|", F(f64::from_bits(0x4004000000000000)), b"2.5         |"),
            (b"%-12g|", F(f64::from_bits(0x3fd5555555555555)), b"0.333333    |"),
            (b"%-12g|", F(f64::from_bits(0x405edd2f1a9fbe77)), b"123.456     |"),
            (b"%-12g|", F(f64::from_bits(0x3ee4f8b588e368f1)), b"1e-05       |"),
            (b"%-12g|", F(f64::from_bits(0x430c6bf526340000)), b"1e+15       |"),
            (b"%-12g|", F(f64::from_bits(0x444b1ae4d6e2ef50)), b"1e+21       |"),
            (b"%-12g|", F(f64::from_bits(0x54b249ad2594c37d)), b"1e+100      |"),
            (b"%-12g|", F(f64::from_bits(0x0000000000000001)), b"4.94066e-324|"),
            (b"%-12g|", F(f64::from_bits(0x7fefffffffffffff)), b"1.79769e+308|"),
            (b"%-12g|", F(f64::from_bits(0x3ff0800000000000)), b"1.03125     |"),
            (b"%-12g|", F(f64::from_bits(0x3ff1800000000000)), b"1.09375     |"),
            (b"%-12g|", F(f64::from_bits(0x7ff0000000000000)), b"inf         |"),
            (b"%-12g|", F(f64::from_bits(0xfff0000000000000)), b"-inf        |"),
            (b"%-12g|", F(f64::from_bits(0xfff8000000000000)), b"-nan        |"),
            (b"%-12g|", F(f64::from_bits(0x7ff8000000000000)), b"nan         |"),
            (b"%-12g|", F(f64::from_bits(0x40f869ff33333333)), b"99999.9     |"),
            (b"%-12g|", F(f64::from_bits(0x4023000000000000)), b"9.5         |"),
            (b"%012g", F(f64::from_bits(0x0000000000000000)), b"000000000000"),
            (b"%012g", F(f64::from_bits(0x8000000000000000)), b"-00000000000"),
            (b"%012g", F(f64::from_bits(0x3ff0000000000000)), b"000000000001"),
            (b"%012g", F(f64::from_bits(0xbff8000000000000)), b"-000000001.5"),
            (b"%012g", F(f64::from_bits(0x3fb999999999999a)), b"0000000000.1"),
            (b"%012g", F(f64::from_bits(0x4004000000000000)), b"0000000002.5"),
            (b"%012g", F(f64::from_bits(0x3fd5555555555555)), b"00000.333333"),
            (b"%012g", F(f64::from_bits(0x405edd2f1a9fbe77)), b"00000123.456"),
            (b"%012g", F(f64::from_bits(0x3ee4f8b588e368f1)), b"00000001e-05"),
            (b"%012g", F(f64::from_bits(0x430c6bf526340000)), b"00000001e+15"),
            (b"%012g", F(f64::from_bits(0x444b1ae4d6e2ef50)), b"00000001e+21"),
            (b"%012g", F(f64::from_bits(0x54b249ad2594c37d)), b"0000001e+100"),
            (b"%012g", F(f64::from_bits(0x0000000000000001)), b"4.94066e-324"),
            (b"%012g", F(f64::from_bits(0x7fefffffffffffff)), b"1.79769e+308"),
            (b"%012g", F(f64::from_bits(0x3ff0800000000000)), b"000001.03125"),
            (b"%012g", F(f64::from_bits(0x3ff1800000000000)), b"000001.09375"),
            (b"%012g", F(f64::from_bits(0x7ff0000000000000)), b"         inf"),
            (b"%012g", F(f64::from_bits(0xfff0000000000000)), b"        -inf"),
            (b"%012g", F(f64::from_bits(0xfff8000000000000)), b"        -nan"),
            (b"%012g", F(f64::from_bits(0x7ff8000000000000)), b"         nan"),
            (b"%012g", F(f64::from_bits(0x40f869ff33333333)), b"0000099999.9"),
            (b"%012g", F(f64::from_bits(0x4023000000000000)), b"0000000009.5"),
            (b"%a", F(f64::from_bits(0x0000000000000000)), b"0x0p+0"),
            (b"%a", F(f64::from_bits(0x8000000000000000)), b"-0x0p+0"),
            (b"%a", F(f64::from_bits(0x3ff0000000000000)), b"0x1p+0"),
            (b"%a", F(f64::from_bits(0xbff8000000000000)), b"-0x1.8p+0"),
            (b"%a", F(f64::from_bits(0x3fb999999999999a)), b"0x1.999999999999ap-4"),
            (b"%a", F(f64::from_bits(0x4004000000000000)), b"0x1.4p+1"),
            (b"%a", F(f64::from_bits(0x3fd5555555555555)), b"0x1.5555555555555p-2"),
            (b"%a", F(f64::from_bits(0x405edd2f1a9fbe77)), b"0x1.edd2f1a9fbe77p+6"),
            (b"%a", F(f64::from_bits(0x3ee4f8b588e368f1)), b"0x1.4f8b588e368f1p-17"),
            (b"%a", F(f64::from_bits(0x430c6bf526340000)), b"0x1.c6bf52634p+49"),
            (b"%a", F(f64::from_bits(0x444b1ae4d6e2ef50)), b"0x1.b1ae4d6e2ef5p+69"),
            (b"%a", F(f64::from_bits(0x54b249ad2594c37d)), b"0x1.249ad2594c37dp+332"),
            (b"%a", F(f64::from_bits(0x0000000000000001)), b"0x0.0000000000001p-1022"),
            (b"%a", F(f64::from_bits(0x7fefffffffffffff)), b"0x1.fffffffffffffp+1023"),
            (b"%a", F(f64::from_bits(0x3ff0800000000000)), b"0x1.08p+0"),
            (b"%a", F(f64::from_bits(0x3ff1800000000000)), b"0x1.18p+0"),
            (b"%a", F(f64::from_bits(0x7ff0000000000000)), b"inf"),
            (b"%a", F(f64::from_bits(0xfff0000000000000)), b"-inf"),
            (b"%a", F(f64::from_bits(0xfff8000000000000)), b"-nan"),
            (b"%a", F(f64::from_bits(0x7ff8000000000000)), b"nan"),
            (b"%a", F(f64::from_bits(0x40f869ff33333333)), b"0x1.869ff33333333p+16"),
            (b"%a", F(f64::from_bits(0x4023000000000000)), b"0x1.3p+3"),
            (b"%A", F(f64::from_bits(0x0000000000000000)), b"0X0P+0"),
            (b"%A", F(f64::from_bits(0x8000000000000000)), b"-0X0P+0"),
            (b"%A", F(f64::from_bits(0x3ff0000000000000)), b"0X1P+0"),
            (b"%A", F(f64::from_bits(0xbff8000000000000)), b"-0X1.8P+0"),
            (b"%A", F(f64::from_bits(0x3fb999999999999a)), b"0X1.999999999999AP-4"),
            (b"%A", F(f64::from_bits(0x4004000000000000)), b"0X1.4P+1"),
            (b"%A", F(f64::from_bits(0x3fd5555555555555)), b"0X1.5555555555555P-2"),
            (b"%A", F(f64::from_bits(0x405edd2f1a9fbe77)), b"0X1.EDD2F1A9FBE77P+6"),
            (b"%A", F(f64::from_bits(0x3ee4f8b588e368f1)), b"0X1.4F8B588E368F1P-17"),
            (b"%A", F(f64::from_bits(0x430c6bf526340000)), b"0X1.C6BF52634P+49"),
            (b"%A", F(f64::from_bits(0x444b1ae4d6e2ef50)), b"0X1.B1AE4D6E2EF5P+69"),
            (b"%A", F(f64::from_bits(0x54b249ad2594c37d)), b"0X1.249AD2594C37DP+332"),
            (b"%A", F(f64::from_bits(0x0000000000000001)), b"0X0.0000000000001P-1022"),
            (b"%A", F(f64::from_bits(0x7fefffffffffffff)), b"0X1.FFFFFFFFFFFFFP+1023"),
            (b"%A", F(f64::from_bits(0x3ff0800000000000)), b"0X1.08P+0"),
            (b"%A", F(f64::from_bits(0x3ff1800000000000)), b"0X1.18P+0"),
            (b"%A", F(f64::from_bits(0x7ff0000000000000)), b"INF"),
            (b"%A", F(f64::from_bits(0xfff0000000000000)), b"-INF"),
            (b"%A", F(f64::from_bits(0xfff8000000000000)), b"-NAN"),
            (b"%A", F(f64::from_bits(0x7ff8000000000000)), b"NAN"),
            (b"%A", F(f64::from_bits(0x40f869ff33333333)), b"0X1.869FF33333333P+16"),
            (b"%A", F(f64::from_bits(0x4023000000000000)), b"0X1.3P+3"),
            (b"%.0a", F(f64::from_bits(0x0000000000000000)), b"0x0p+0"),
            (b"%.0a", F(f64::from_bits(0x8000000000000000)), b"-0x0p+0"),
            (b"%.0a", F(f64::from_bits(0x3ff0000000000000)), b"0x1p+0"),
            (b"%.0a", F(f64::from_bits(0xbff8000000000000)), b"-0x2p+0"),
            (b"%.0a", F(f64::from_bits(0x3fb999999999999a)), b"0x2p-4"),
            (b"%.0a", F(f64::from_bits(0x4004000000000000)), b"0x1p+1"),
            (b"%.0a", F(f64::from_bits(0x3fd5555555555555)), b"0x1p-2"),
            (b"%.0a", F(f64::from_bits(0x405edd2f1a9fbe77)), b"0x2p+6"),
            (b"%.0a", F(f64::from_bits(0x3ee4f8b588e368f1)), b"0x1p-17"),
            (b"%.0a", F(f64::from_bits(0x430c6bf526340000)), b"0x2p+49"),
            (b"%.0a", F(f64::from_bits(0x444b1ae4d6e2ef50)), b"0x2p+69"),
            (b"%.0a", F(f64::from_bits(0x54b249ad2594c37d)), b"0x1p+332"),
            (b"%.0a", F(f64::from_bits(0x0000000000000001)), b"0x0p-1022"),
            (b"%.0a", F(f64::from_bits(0x7fefffffffffffff)), b"0x2p+1023"),
            (b"%.0a", F(f64::from_bits(0x3ff0800000000000)), b"0x1p+0"),
            (b"%.0a", F(f64::from_bits(0x3ff1800000000000)), b"0x1p+0"),
            (b"%.0a", F(f64::from_bits(0x7ff0000000000000)), b"inf"),
            (b"%.0a", F(f64::from_bits(0xfff0000000000000)), b"-inf"),
            (b"%.0a", F(f64::from_bits(0xfff8000000000000)), b"-nan"),
            (b"%.0a", F(f64::from_bits(0x7ff8000000000000)), b"nan"),
            (b"%.0a", F(f64::from_bits(0x40f869ff33333333)), b"0x2p+16"),
            (b"%.0a", F(f64::from_bits(0x4023000000000000)), b"0x1p+3"),
            (b"%.1a", F(f64::from_bits(0x0000000000000000)), b"0x0.0p+0"),
            (b"%.1a", F(f64::from_bits(0x8000000000000000)), b"-0x0.0p+0"),
            (b"%.1a", F(f64::from_bits(0x3ff0000000000000)), b"0x1.0p+0"),
            (b"%.1a", F(f64::from_bits(0xbff8000000000000)), b"-0x1.8p+0"),
            (b"%.1a", F(f64::from_bits(0x3fb999999999999a)), b"0x1.ap-4"),
            (b"%.1a", F(f64::from_bits(0x4004000000000000)), b"0x1.4p+1"),
            (b"%.1a", F(f64::from_bits(0x3fd5555555555555)), b"0x1.5p-2"),
            (b"%.1a", F(f64::from_bits(0x405edd2f1a9fbe77)), b"0x1.fp+6"),
            (b"%.1a", F(f64::from_bits(0x3ee4f8b588e368f1)), b"0x1.5p-17"),
            (b"%.1a", F(f64::from_bits(0x430c6bf526340000)), b"0x1.cp+49"),
            (b"%.1a", F(f64::from_bits(0x444b1ae4d6e2ef50)), b"0x1.bp+69"),
            (b"%.1a", F(f64::from_bits(0x54b249ad2594c37d)), b"0x1.2p+332"),
            (b"%.1a", F(f64::from_bits(0x0000000000000001)), b"0x0.0p-1022"),
            (b"%.1a", F(f64::from_bits(0x7fefffffffffffff)), b"0x2.0p+1023"),
            (b"%.1a", F(f64::from_bits(0x3ff0800000000000)), b"0x1.0p+0"),
            (b"%.1a", F(f64::from_bits(0x3ff1800000000000)), b"0x1.2p+0"),
            (b"%.1a", F(f64::from_bits(0x7ff0000000000000)), b"inf"),
            (b"%.1a", F(f64::from_bits(0xfff0000000000000)), b"-inf"),
            (b"%.1a", F(f64::from_bits(0xfff8000000000000)), b"-nan"),
            (b"%.1a", F(f64::from_bits(0x7ff8000000000000)), b"nan"),
            (b"%.1a", F(f64::from_bits(0x40f869ff33333333)), b"0x1.8p+16"),
            (b"%.1a", F(f64::from_bits(0x4023000000000000)), b"0x1.3p+3"),
            (b"%.3a", F(f64::from_bits(0x0000000000000000)), b"0x0.000p+0"),
            (b"%.3a", F(f64::from_bits(0x8000000000000000)), b"-0x0.000p+0"),
            (b"%.3a", F(f64::from_bits(0x3ff0000000000000)), b"0x1.000p+0"),
            (b"%.3a", F(f64::from_bits(0xbff8000000000000)), b"-0x1.800p+0"),
            (b"%.3a", F(f64::from_bits(0x3fb999999999999a)), b"0x1.99ap-4"),
            (b"%.3a", F(f64::from_bits(0x4004000000000000)), b"0x1.400p+1"),
            (b"%.3a", F(f64::from_bits(0x3fd5555555555555)), b"0x1.555p-2"),
            (b"%.3a", F(f64::from_bits(0x405edd2f1a9fbe77)), b"0x1.eddp+6"),
            (b"%.3a", F(f64::from_bits(0x3ee4f8b588e368f1)), b"0x1.4f9p-17"),
            (b"%.3a", F(f64::from_bits(0x430c6bf526340000)), b"0x1.c6cp+49"),
            (b"%.3a", F(f64::from_bits(0x444b1ae4d6e2ef50)), b"0x1.b1bp+69"),
            (b"%.3a", F(f64::from_bits(0x54b249ad2594c37d)), b"0x1.24ap+332"),
            (b"%.3a", F(f64::from_bits(0x0000000000000001)), b"0x0.000p-1022"),
            (b"%.3a", F(f64::from_bits(0x7fefffffffffffff)), b"0x2.000p+1023"),
            (b"%.3a", F(f64::from_bits(0x3ff0800000000000)), b"0x1.080p+0"),
            (b"%.3a", F(f64::from_bits(0x3ff1800000000000)), b"0x1.180p+0"),
            (b"%.3a", F(f64::from_bits(0x7ff0000000000000)), b"inf"),
            (b"%.3a", F(f64::from_bits(0xfff0000000000000)), b"-inf"),
            (b"%.3a", F(f64::from_bits(0xfff8000000000000)), b"-nan"),
            (b"%.3a", F(f64::from_bits(0x7ff8000000000000)), b"nan"),
            (b"%.3a", F(f64::from_bits(0x40f869ff33333333)), b"0x1.86ap+16"),
            (b"%.3a", F(f64::from_bits(0x4023000000000000)), b"0x1.300p+3"),
            (b"%#a", F(f64::from_bits(0x0000000000000000)), b"0x0.p+0"),
            (b"%#a", F(f64::from_bits(0x8000000000000000)), b"-0x0.p+0"),
            (b"%#a", F(f64::from_bits(0x3ff0000000000000)), b"0x1.p+0"),
            (b"%#a", F(f64::from_bits(0xbff8000000000000)), b"-0x1.8p+0"),
            (b"%#a", F(f64::from_bits(0x3fb999999999999a)), b"0x1.999999999999ap-4"),
            (b"%#a", F(f64::from_bits(0x4004000000000000)), b"0x1.4p+1"),
            (b"%#a", F(f64::from_bits(0x3fd5555555555555)), b"0x1.5555555555555p-2"),
            (b"%#a", F(f64::from_bits(0x405edd2f1a9fbe77)), b"0x1.edd2f1a9fbe77p+6"),
            (b"%#a", F(f64::from_bits(0x3ee4f8b588e368f1)), b"0x1.4f8b588e368f1p-17"),
            (b"%#a", F(f64::from_bits(0x430c6bf526340000)), b"0x1.c6bf52634p+49"),
            (b"%#a", F(f64::from_bits(0x444b1ae4d6e2ef50)), b"0x1.b1ae4d6e2ef5p+69"),
            (b"%#a", F(f64::from_bits(0x54b249ad2594c37d)), b"0x1.249ad2594c37dp+332"),
            (b"%#a", F(f64::from_bits(0x0000000000000001)), b"0x0.0000000000001p-1022"),
            (b"%#a", F(f64::from_bits(0x7fefffffffffffff)), b"0x1.fffffffffffffp+1023"),
            (b"%#a", F(f64::from_bits(0x3ff0800000000000)), b"0x1.08p+0"),
            (b"%#a", F(f64::from_bits(0x3ff1800000000000)), b"0x1.18p+0"),
            (b"%#a", F(f64::from_bits(0x7ff0000000000000)), b"inf"),
            (b"%#a", F(f64::from_bits(0xfff0000000000000)), b"-inf"),
            (b"%#a", F(f64::from_bits(0xfff8000000000000)), b"-nan"),
            (b"%#a", F(f64::from_bits(0x7ff8000000000000)), b"nan"),
            (b"%#a", F(f64::from_bits(0x40f869ff33333333)), b"0x1.869ff33333333p+16"),
            (b"%#a", F(f64::from_bits(0x4023000000000000)), b"0x1.3p+3"),
            (b"%020a", F(f64::from_bits(0x0000000000000000)), b"0x000000000000000p+0"),
            (b"%020a", F(f64::from_bits(0x8000000000000000)), b"-0x00000000000000p+0"),
            (b"%020a", F(f64::from_bits(0x3ff0000000000000)), b"0x000000000000001p+0"),
            (b"%020a", F(f64::from_bits(0xbff8000000000000)), b"-0x000000000001.8p+0"),
            (b"%020a", F(f64::from_bits(0x3fb999999999999a)), b"0x1.999999999999ap-4"),
            (b"%020a", F(f64::from_bits(0x4004000000000000)), b"0x0000000000001.4p+1"),
            (b"%020a", F(f64::from_bits(0x3fd5555555555555)), b"0x1.5555555555555p-2"),
            (b"%020a", F(f64::from_bits(0x405edd2f1a9fbe77)), b"0x1.edd2f1a9fbe77p+6"),
            (b"%020a", F(f64::from_bits(0x3ee4f8b588e368f1)), b"0x1.4f8b588e368f1p-17"),
            (b"%020a", F(f64::from_bits(0x430c6bf526340000)), b"0x0001.c6bf52634p+49"),
            (b"%020a", F(f64::from_bits(0x444b1ae4d6e2ef50)), b"0x1.b1ae4d6e2ef5p+69"),
            (b"%020a", F(f64::from_bits(0x54b249ad2594c37d)), b"0x1.249ad2594c37dp+332"),
            (b"%020a", F(f64::from_bits(0x0000000000000001)), b"0x0.0000000000001p-1022"),
            (b"%020a", F(f64::from_bits(0x7fefffffffffffff)), b"0x1.fffffffffffffp+1023"),
            (b"%020a", F(f64::from_bits(0x3ff0800000000000)), b"0x000000000001.08p+0"),
            (b"%020a", F(f64::from_bits(0x3ff1800000000000)), b"0x000000000001.18p+0"),
            (b"%020a", F(f64::from_bits(0x7ff0000000000000)), b"                 inf"),
            (b"%020a", F(f64::from_bits(0xfff0000000000000)), b"                -inf"),
            (b"%020a", F(f64::from_bits(0xfff8000000000000)), b"                -nan"),
            (b"%020a", F(f64::from_bits(0x7ff8000000000000)), b"                 nan"),
            (b"%020a", F(f64::from_bits(0x40f869ff33333333)), b"0x1.869ff33333333p+16"),
            (b"%020a", F(f64::from_bits(0x4023000000000000)), b"0x0000000000001.3p+3"),
            (b"%+a", F(f64::from_bits(0x0000000000000000)), b"+0x0p+0"),
            (b"%+a", F(f64::from_bits(0x8000000000000000)), b"-0x0p+0"),
            (b"%+a", F(f64::from_bits(0x3ff0000000000000)), b"+0x1p+0"),
            (b"%+a", F(f64::from_bits(0xbff8000000000000)), b"-0x1.8p+0"),
            (b"%+a", F(f64::from_bits(0x3fb999999999999a)), b"+0x1.999999999999ap-4"),
            (b"%+a", F(f64::from_bits(0x4004000000000000)), b"+0x1.4p+1"),
            (b"%+a", F(f64::from_bits(0x3fd5555555555555)), b"+0x1.5555555555555p-2"),
            (b"%+a", F(f64::from_bits(0x405edd2f1a9fbe77)), b"+0x1.edd2f1a9fbe77p+6"),
            (b"%+a", F(f64::from_bits(0x3ee4f8b588e368f1)), b"+0x1.4f8b588e368f1p-17"),
            (b"%+a", F(f64::from_bits(0x430c6bf526340000)), b"+0x1.c6bf52634p+49"),
            (b"%+a", F(f64::from_bits(0x444b1ae4d6e2ef50)), b"+0x1.b1ae4d6e2ef5p+69"),
            (b"%+a", F(f64::from_bits(0x54b249ad2594c37d)), b"+0x1.249ad2594c37dp+332"),
            (b"%+a", F(f64::from_bits(0x0000000000000001)), b"+0x0.0000000000001p-1022"),
            (b"%+a", F(f64::from_bits(0x7fefffffffffffff)), b"+0x1.fffffffffffffp+1023"),
            (b"%+a", F(f64::from_bits(0x3ff0800000000000)), b"+0x1.08p+0"),
            (b"%+a", F(f64::from_bits(0x3ff1800000000000)), b"+0x1.18p+0"),
            (b"%+a", F(f64::from_bits(0x7ff0000000000000)), b"+inf"),
            (b"%+a", F(f64::from_bits(0xfff0000000000000)), b"-inf"),
            (b"%+a", F(f64::from_bits(0xfff8000000000000)), b"-nan"),
            (b"%+a", F(f64::from_bits(0x7ff8000000000000)), b"+nan"),
            (b"%+a", F(f64::from_bits(0x40f869ff33333333)), b"+0x1.869ff33333333p+16"),
            (b"%+a", F(f64::from_bits(0x4023000000000000)), b"+0x1.3p+3"),
            (b"%.20a", F(f64::from_bits(0x0000000000000000)), b"0x0.00000000000000000000p+0"),
            (b"%.20a", F(f64::from_bits(0x8000000000000000)), b"-0x0.00000000000000000000p+0"),
            (b"%.20a", F(f64::from_bits(0x3ff0000000000000)), b"0x1.00000000000000000000p+0"),
            (b"%.20a", F(f64::from_bits(0xbff8000000000000)), b"-0x1.80000000000000000000p+0"),
            (b"%.20a", F(f64::from_bits(0x3fb999999999999a)), b"0x1.999999999999a0000000p-4"),
            (b"%.20a", F(f64::from_bits(0x4004000000000000)), b"0x1.40000000000000000000p+1"),
            (b"%.20a", F(f64::from_bits(0x3fd5555555555555)), b"0x1.55555555555550000000p-2"),
            (b"%.20a", F(f64::from_bits(0x405edd2f1a9fbe77)), b"0x1.edd2f1a9fbe770000000p+6"),
            (b"%.20a", F(f64::from_bits(0x3ee4f8b588e368f1)), b"0x1.4f8b588e368f10000000p-17"),
            (b"%.20a", F(f64::from_bits(0x430c6bf526340000)), b"0x1.c6bf5263400000000000p+49"),
            (b"%.20a", F(f64::from_bits(0x444b1ae4d6e2ef50)), b"0x1.b1ae4d6e2ef500000000p+69"),
            (b"%.20a", F(f64::from_bits(0x54b249ad2594c37d)), b"0x1.249ad2594c37d0000000p+332"),
            (b"%.20a", F(f64::from_bits(0x0000000000000001)), b"0x0.00000000000010000000p-1022"),
            (b"%.20a", F(f64::from_bits(0x7fefffffffffffff)), b"0x1.fffffffffffff0000000p+1023"),
            (b"%.20a", F(f64::from_bits(0x3ff0800000000000)), b"0x1.08000000000000000000p+0"),
            (b"%.20a", F(f64::from_bits(0x3ff1800000000000)), b"0x1.18000000000000000000p+0"),
            (b"%.20a", F(f64::from_bits(0x7ff0000000000000)), b"inf"),
            (b"%.20a", F(f64::from_bits(0xfff0000000000000)), b"-inf"),
            (b"%.20a", F(f64::from_bits(0xfff8000000000000)), b"-nan"),
            (b"%.20a", F(f64::from_bits(0x7ff8000000000000)), b"nan"),
            (b"%.20a", F(f64::from_bits(0x40f869ff33333333)), b"0x1.869ff333333330000000p+16"),
            (b"%.20a", F(f64::from_bits(0x4023000000000000)), b"0x1.30000000000000000000p+3"),
            (b"%.14g", F(f64::from_bits(0x0000000000000000)), b"0"),
            (b"%.14g", F(f64::from_bits(0x8000000000000000)), b"-0"),
            (b"%.14g", F(f64::from_bits(0x3ff0000000000000)), b"1"),
            (b"%.14g", F(f64::from_bits(0xbff8000000000000)), b"-1.5"),
            (b"%.14g", F(f64::from_bits(0x3fb999999999999a)), b"0.1"),
            (b"%.14g", F(f64::from_bits(0x4004000000000000)), b"2.5"),
            (b"%.14g", F(f64::from_bits(0x3fd5555555555555)), b"0.33333333333333"),
            (b"%.14g", F(f64::from_bits(0x405edd2f1a9fbe77)), b"123.456"),
            (b"%.14g", F(f64::from_bits(0x3ee4f8b588e368f1)), b"1e-05"),
            (b"%.14g", F(f64::from_bits(0x430c6bf526340000)), b"1e+15"),
            (b"%.14g", F(f64::from_bits(0x444b1ae4d6e2ef50)), b"1e+21"),
            (b"%.14g", F(f64::from_bits(0x54b249ad2594c37d)), b"1e+100"),
            (b"%.14g", F(f64::from_bits(0x0000000000000001)), b"4.9406564584125e-324"),
            (b"%.14g", F(f64::from_bits(0x7fefffffffffffff)), b"1.7976931348623e+308"),
            (b"%.14g", F(f64::from_bits(0x3ff0800000000000)), b"1.03125"),
            (b"%.14g", F(f64::from_bits(0x3ff1800000000000)), b"1.09375"),
            (b"%.14g", F(f64::from_bits(0x7ff0000000000000)), b"inf"),
            (b"%.14g", F(f64::from_bits(0xfff0000000000000)), b"-inf"),
            (b"%.14g", F(f64::from_bits(0xfff8000000000000)), b"-nan"),
            (b"%.14g", F(f64::from_bits(0x7ff8000000000000)), b"nan"),
            (b"%.14g", F(f64::from_bits(0x40f869ff33333333)), b"99999.95"),
            (b"%.14g", F(f64::from_bits(0x4023000000000000)), b"9.5"),
            (b"%.99f", F(f64::from_bits(0x0000000000000000)), b"0.000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"),
            (b"%.99f", F(f64::from_bits(0x8000000000000000)), b"-0.000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"),
            (b"%.99f", F(f64::from_bits(0x3ff0000000000000)), b"1.000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"),
            (b"%.99f", F(f64::from_bits(0xbff8000000000000)), b"-1.500000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"),
            (b"%.99f", F(f64::from_bits(0x3fb999999999999a)), b"0.100000000000000005551115123125782702118158340454101562500000000000000000000000000000000000000000000"),
            (b"%.99f", F(f64::from_bits(0x4004000000000000)), b"2.500000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"),
            (b"%.99f", F(f64::from_bits(0x3fd5555555555555)), b"0.333333333333333314829616256247390992939472198486328125000000000000000000000000000000000000000000000"),
            (b"%.99f", F(f64::from_bits(0x405edd2f1a9fbe77)), b"123.456000000000003069544618483632802963256835937500000000000000000000000000000000000000000000000000000"),
            (b"%.99f", F(f64::from_bits(0x3ee4f8b588e368f1)), b"0.000010000000000000000818030539140313095458623138256371021270751953125000000000000000000000000000000"),
            (b"%.99f", F(f64::from_bits(0x430c6bf526340000)), b"1000000000000000.000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"),
            (b"%.99f", F(f64::from_bits(0x444b1ae4d6e2ef50)), b"1000000000000000000000.000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"),
            (b"%.99f", F(f64::from_bits(0x0000000000000001)), b"0.000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"),
            (b"%.99f", F(f64::from_bits(0x3ff0800000000000)), b"1.031250000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"),
            (b"%.99f", F(f64::from_bits(0x3ff1800000000000)), b"1.093750000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"),
            (b"%.99f", F(f64::from_bits(0xfff8000000000000)), b"-nan"),
            (b"%.99f", F(f64::from_bits(0x7ff8000000000000)), b"nan"),
            (b"%.99f", F(f64::from_bits(0x40f869ff33333333)), b"99999.949999999997089616954326629638671875000000000000000000000000000000000000000000000000000000000000000"),
            (b"%.99f", F(f64::from_bits(0x4023000000000000)), b"9.500000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"),
            (b"%s", S(b""), b""),
            (b"%s", S(b"abc"), b"abc"),
            (b"%s", S(b"hello world"), b"hello world"),
            (b"%s", S(b"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"), b"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"),
            (b"%10s", S(b""), b"          "),
            (b"%10s", S(b"abc"), b"       abc"),
            (b"%10s", S(b"hello world"), b"hello world"),
            (b"%10s", S(b"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"), b"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"),
            (b"%-10s|", S(b""), b"          |"),
            (b"%-10s|", S(b"abc"), b"abc       |"),
            (b"%-10s|", S(b"hello world"), b"hello world|"),
            (b"%-10s|", S(b"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"), b"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx|"),
            (b"%.2s", S(b""), b""),
            (b"%.2s", S(b"abc"), b"ab"),
            (b"%.2s", S(b"hello world"), b"he"),
            (b"%.2s", S(b"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"), b"xx"),
            (b"%5.1s", S(b""), b"     "),
            (b"%5.1s", S(b"abc"), b"    a"),
            (b"%5.1s", S(b"hello world"), b"    h"),
            (b"%5.1s", S(b"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"), b"    x"),
            (b"%.0s", S(b""), b""),
            (b"%.0s", S(b"abc"), b""),
            (b"%.0s", S(b"hello world"), b""),
            (b"%.0s", S(b"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"), b""),
            (b"%.20s", S(b""), b""),
            (b"%.20s", S(b"abc"), b"abc"),
            (b"%.20s", S(b"hello world"), b"hello world"),
            (b"%.20s", S(b"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"), b"xxxxxxxxxxxxxxxxxxxx"),
            (b"%q", S(b""), b"\"\""),
            (b"%q", S(b"abc"), b"\"abc\""),
            (b"%q", S(b"a\x00b"), b"\"a\\0b\""),
            (b"%q", S(b"a\x001"), b"\"a\\0001\""),
            (b"%q", S(b"\x0d\x0a\x09\"\\"), b"\"\\13\\\x0a\\9\\\"\\\\\""),
            (b"%q", S(b"\x7f2\x7fx"), b"\"\\1272\\127x\""),
            (b"%q", S(b"\xc8\xff"), b"\"\xc8\xff\""),
            (b"%q", S(b"x\x1f9"), b"\"x\\0319\""),
            (b"%q", I(0), b"0"),
            (b"%q", I(1), b"1"),
            (b"%q", I(-1), b"-1"),
            (b"%q", I(9223372036854775807), b"9223372036854775807"),
            (b"%q", I(i64::MIN), b"0x8000000000000000"),
            (b"%q", F(f64::from_bits(0x0000000000000000)), b"0x0p+0"),
            (b"%q", F(f64::from_bits(0x8000000000000000)), b"-0x0p+0"),
            (b"%q", F(f64::from_bits(0x3ff0000000000000)), b"0x1p+0"),
            (b"%q", F(f64::from_bits(0x3fb999999999999a)), b"0x1.999999999999ap-4"),
            (b"%q", F(f64::from_bits(0xc004000000000000)), b"-0x1.4p+1"),
            (b"%q", F(f64::from_bits(0x43e0000000000000)), b"0x1p+63"),
            (b"%q", F(f64::from_bits(0x7e37e43c8800759c)), b"0x1.7e43c8800759cp+996"),
            (b"%q", F(f64::from_bits(0x0000000000000001)), b"0x0.0000000000001p-1022"),
            (b"%q", F(f64::from_bits(0x7ff0000000000000)), b"1e9999"),
            (b"%q", F(f64::from_bits(0xfff0000000000000)), b"-1e9999"),
            (b"%q", F(f64::from_bits(0xfff8000000000000)), b"(0/0)"),
            (b"%", I(1), b"E:invalid conversion '%' to 'format'"),
            (b"%10", I(1), b"E:invalid conversion '%10' to 'format'"),
            (b"%y", I(1), b"E:invalid conversion '%y' to 'format'"),
            (b"%F", I(1), b"E:invalid conversion '%F' to 'format'"),
            (b"%5.", I(1), b"E:invalid conversion '%5.' to 'format'"),
            (b"%ld", I(1), b"E:invalid conversion '%l' to 'format'"),
            (b"%------------------------d", I(1), b"E:invalid format (too long)"),
            (b"%-----------------d", I(1), b"1"),
            (b"%.f", I(1), b"1"),
            (b"%0.f", I(1), b"1"),
            (b"%00d", I(1), b"1"),
            (b"% 0+#-d", I(1), b"E:invalid conversion specification: '% 0+#-d'"),
            (b"%#5.2q", I(1), b"E:specifier '%q' cannot have modifiers"),
            (b"%5q", I(1), b"E:specifier '%q' cannot have modifiers"),
            (b"%05s", I(1), b"E:invalid conversion specification: '%05s'"),
            (b"%.3c", I(1), b"E:invalid conversion specification: '%.3c'"),
            (b"%#d", I(1), b"E:invalid conversion specification: '%#d'"),
            (b"%+u", I(1), b"E:invalid conversion specification: '%+u'"),
            (b"%10.123f", I(1), b"E:invalid conversion specification: '%10.123f'"),
            (b"%100d", I(1), b"E:invalid conversion specification: '%100d'"),
            (b"%-5q", I(1), b"E:specifier '%q' cannot have modifiers"),
            (b"%n", I(1), b"E:invalid conversion '%n' to 'format'"),
            (b"%1.100f", I(1), b"E:invalid conversion specification: '%1.100f'"),
            (b"%99.99f", I(1), b"1.000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"),
            (b"%#c", I(1), b"E:invalid conversion specification: '%#c'"),
            (b"%+s", I(1), b"E:invalid conversion specification: '%+s'"),
            (b"%.5p", I(1), b"E:invalid conversion specification: '%.5p'"),
            (b"%05p", I(1), b"E:invalid conversion specification: '%05p'"),
        ]
    }

    #[test]
    fn strformat_against_lua() {
        for (fmt, v, want) in cases() {
            let got = run(fmt, &v);
            assert_eq!(
                String::from_utf8_lossy(&got),
                String::from_utf8_lossy(want),
                "format {:?}",
                String::from_utf8_lossy(fmt)
            );
        }
    }

    #[test]
    fn strformat_parse_spec() {
        let (s, next) = parse_spec(b"x%-+ #012.34fyz", 2).unwrap();
        assert_eq!(next, 13);
        assert_eq!(s.conv, b'f');
        assert_eq!(s.width, 12);
        assert_eq!(s.precision, Some(34));
        assert_eq!(
            s.flags,
            Flags {
                minus: true,
                plus: true,
                space: true,
                alt: true,
                zero: true
            }
        );
        assert_eq!(s.form(), b"%-+ #012.34f");
        assert!(s.has_modifiers());
        let (s, _) = parse_spec(b"%s", 1).unwrap();
        assert!(!s.has_modifiers());
        assert_eq!(s.precision, None);
        let (s, _) = parse_spec(b"%.f", 1).unwrap();
        assert_eq!(s.precision, Some(0));
        // conversion missing / embedded NUL: message stops there
        assert_eq!(
            parse_spec(b"%10\0d", 1).unwrap_err().0,
            b"invalid conversion '%10' to 'format'"
        );
        assert_eq!(
            parse_spec(b"%\xff", 1).unwrap_err().0,
            b"invalid conversion '%\xff' to 'format'"
        );
        // never panics past the end
        assert!(parse_spec(b"%", 5).is_err());
    }

    #[test]
    fn strformat_q_string() {
        assert_eq!(fmt_q_string(b"a\nb"), b"\"a\\\nb\"");
        assert_eq!(fmt_q_string(b"\0"), b"\"\\0\"");
        assert_eq!(fmt_q_string(b"\x001"), b"\"\\0001\"");
        assert_eq!(fmt_q_string(b"\r"), b"\"\\13\"");
        assert_eq!(fmt_q_string(b"\x7f\xff"), b"\"\\127\xff\"");
    }

    #[test]
    fn strformat_pointer() {
        let (s, _) = parse_spec(b"%-16p", 1).unwrap();
        let mut out = Vec::new();
        fmt_pointer(&s, Some(0x55d0_1234_abcd), &mut out);
        assert_eq!(out, b"0x55d01234abcd  ");
        out.clear();
        fmt_pointer(&s, None, &mut out);
        assert_eq!(out, b"(null)          ");
    }
}
