//! Numeric conversions and arithmetic helpers with exact PUC Lua 5.4
//! semantics (lobject.c, lvm.c, lbaselib.c, llimits.h).
//!
//! Everything here is pure: no VM types, no allocation on the fast paths
//! (`write_int`, `write_float`), and no panics on any input.
//!
//! Reference behaviour is `lua5.4` on x86_64 Linux (glibc `strtod` and
//! `printf`), which is what the unit tests were checked against.

use std::io::Write;

/// A Lua number: either an integer or a float subtype.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Num {
    Int(i64),
    Float(f64),
}

/// Rounding mode for float → integer conversion (`F2Imod` in lvm.h).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum F2I {
    /// Only integral values convert.
    Exact,
    /// Take the floor of the value.
    Floor,
    /// Take the ceiling of the value.
    Ceil,
}

/// C `isspace` in the "C" locale.
#[inline]
pub fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

#[inline]
fn hex_value(c: u8) -> Option<u32> {
    match c {
        b'0'..=b'9' => Some(u32::from(c - b'0')),
        b'a'..=b'f' => Some(u32::from(c - b'a') + 10),
        b'A'..=b'F' => Some(u32::from(c - b'A') + 10),
        _ => None,
    }
}

fn trim_space(s: &[u8]) -> &[u8] {
    let start = s.iter().position(|&c| !is_space(c)).unwrap_or(s.len());
    let end = s
        .iter()
        .rposition(|&c| !is_space(c))
        .map_or(start, |e| e + 1);
    s.get(start..end).unwrap_or(&[])
}

// ---------------------------------------------------------------------------
// String → number (luaO_str2num)
// ---------------------------------------------------------------------------

/// Convert a string to a Lua number exactly like `lua_stringtonumber` when
/// the whole string must be consumed (as `tonumber` and string coercion do).
///
/// Integers are tried first (`l_str2int`): decimal integers that overflow
/// fall back to float, hexadecimal integers wrap modulo 2^64. Otherwise the
/// string is read as a float the way glibc `strtod` does, except that
/// "inf"/"nan" are rejected (lobject.c rejects any numeral containing 'n').
/// Embedded NUL bytes make the conversion fail (tonumber checks the length).
pub fn str_to_number(s: &[u8]) -> Option<Num> {
    if s.contains(&0) {
        return None;
    }
    let t = trim_space(s);
    if let Some(i) = str_to_int(t) {
        return Some(Num::Int(i));
    }
    str_to_float(t).map(Num::Float)
}

/// `l_str2int` on an already trimmed string.
fn str_to_int(t: &[u8]) -> Option<i64> {
    let (neg, body) = split_sign(t);
    if body.len() >= 2 && body[0] == b'0' && (body[1] | 0x20) == b'x' {
        let digits = &body[2..];
        if digits.is_empty() {
            return None;
        }
        let mut a: u64 = 0;
        for &c in digits {
            // Hex integers wrap around (PUC does the same in unsigned math).
            a = a.wrapping_mul(16).wrapping_add(u64::from(hex_value(c)?));
        }
        Some(if neg { a.wrapping_neg() } else { a } as i64)
    } else {
        if body.is_empty() {
            return None;
        }
        // Accumulate as unsigned; the limit is 2^63-1, or 2^63 when negative.
        let limit: u64 = if neg { 1 << 63 } else { i64::MAX as u64 };
        let mut a: u64 = 0;
        for &c in body {
            if !c.is_ascii_digit() {
                return None;
            }
            let d = u64::from(c - b'0');
            a = a.checked_mul(10)?.checked_add(d)?;
            if a > limit {
                return None; // overflow: not accepted as integer
            }
        }
        Some(if neg { a.wrapping_neg() } else { a } as i64)
    }
}

fn split_sign(t: &[u8]) -> (bool, &[u8]) {
    match t.first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    }
}

/// `strtod` on an already trimmed string that must be consumed completely.
fn str_to_float(t: &[u8]) -> Option<f64> {
    // lobject.c: the first of ".xXnN" decides; 'n' (inf/nan) is rejected.
    if let Some(&c) = t
        .iter()
        .find(|&&c| matches!(c, b'.' | b'x' | b'X' | b'n' | b'N'))
    {
        if c == b'n' || c == b'N' {
            return None;
        }
    }
    let (neg, body) = split_sign(t);
    let v = if body.len() >= 2 && body[0] == b'0' && (body[1] | 0x20) == b'x' {
        parse_hex_float(&body[2..])?
    } else {
        parse_dec_float(body)?
    };
    Some(if neg { -v } else { v })
}

/// Validate C decimal float syntax (digits, optional '.', optional
/// exponent) and convert with Rust's correctly rounded parser, which gives
/// the same result as glibc `strtod`.
fn parse_dec_float(b: &[u8]) -> Option<f64> {
    let mut i = 0;
    let mut ndig = 0;
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
        ndig += 1;
    }
    if i < b.len() && b[i] == b'.' {
        i += 1;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
            ndig += 1;
        }
    }
    if ndig == 0 {
        return None;
    }
    if i < b.len() && (b[i] | 0x20) == b'e' {
        i += 1;
        if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
            i += 1;
        }
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i == start {
            return None; // "1e" / "1e+": strtod stops before 'e' → trailing junk
        }
    }
    if i != b.len() {
        return None;
    }
    // The slice is pure ASCII by construction.
    std::str::from_utf8(b).ok()?.parse::<f64>().ok()
}

/// Hexadecimal float body (after "0x"), correctly rounded (round half to
/// even) like glibc `strtod`, including subnormals and overflow to inf.
fn parse_hex_float(b: &[u8]) -> Option<f64> {
    let mut i = 0;
    let mut mant: u64 = 0; // first 15 significant hex digits (60 bits)
    let mut sticky = false; // any nonzero digit dropped beyond those
    let mut sig = 0u32; // significant digits consumed into `mant`
    let mut exp: i64 = 0; // binary exponent correction
    let mut ndig = 0;
    let mut seen_dot = false;
    while i < b.len() {
        let c = b[i];
        if c == b'.' {
            if seen_dot {
                break;
            }
            seen_dot = true;
        } else if let Some(d) = hex_value(c) {
            ndig += 1;
            if mant == 0 && d == 0 {
                // leading zero: not significant
                if seen_dot {
                    exp -= 4;
                }
            } else if sig < 15 {
                mant = mant * 16 + u64::from(d);
                sig += 1;
                if seen_dot {
                    exp -= 4;
                }
            } else {
                sticky |= d != 0;
                if !seen_dot {
                    exp += 4;
                }
            }
        } else {
            break;
        }
        i += 1;
    }
    if ndig == 0 {
        return None;
    }
    if i < b.len() && (b[i] | 0x20) == b'p' {
        i += 1;
        let mut eneg = false;
        if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
            eneg = b[i] == b'-';
            i += 1;
        }
        let start = i;
        let mut e: i64 = 0;
        while i < b.len() && b[i].is_ascii_digit() {
            // Saturate: anything this large is already inf or zero.
            e = (e * 10 + i64::from(b[i] - b'0')).min(1 << 40);
            i += 1;
        }
        if i == start {
            return None;
        }
        exp += if eneg { -e } else { e };
    }
    if i != b.len() {
        return None;
    }
    Some(make_float(mant, sticky, exp))
}

/// Build the double nearest to (mant + sticky·ε)·2^exp, rounding half to even.
fn make_float(mant: u64, sticky: bool, exp: i64) -> f64 {
    if mant == 0 {
        return 0.0;
    }
    let nbits = 64 - i64::from(mant.leading_zeros());
    // Exponent of the leading bit of the value.
    let top = exp + nbits - 1;
    if top > 1100 {
        return f64::INFINITY;
    }
    if top < -1200 {
        return 0.0;
    }
    // Number of mantissa bits we may keep (53, fewer for subnormals).
    let keep = if top >= -1022 { 53 } else { 53 - (-1022 - top) };
    let shift = nbits - keep; // bits to drop
    let (m, k) = if shift <= 0 {
        (mant << (-shift), exp + shift)
    } else if shift > 64 {
        // Everything dropped: the value is below half the smallest subnormal.
        (0, exp + shift)
    } else {
        let kept = if shift == 64 { 0 } else { mant >> shift };
        let rem_mask = if shift == 64 {
            u64::MAX
        } else {
            (1u64 << shift) - 1
        };
        let rem = mant & rem_mask;
        let half = 1u64 << (shift - 1);
        let round_up = rem > half || (rem == half && (sticky || kept & 1 == 1));
        (kept + u64::from(round_up), exp + shift)
    };
    // `m` fits the target precision, so m·2^k is exact (or overflows to inf).
    (m as f64) * pow2(k)
}

/// Exact 2^k for k in [-1074, 1023]; saturates outside.
fn pow2(k: i64) -> f64 {
    if k > 1023 {
        f64::INFINITY
    } else if k >= -1022 {
        f64::from_bits(((k + 1023) as u64) << 52)
    } else if k >= -1074 {
        f64::from_bits(1u64 << (k + 1074))
    } else {
        0.0
    }
}

/// `tonumber(s, base)` (lbaselib's `b_str2int`): optional whitespace, an
/// optional sign, at least one alphanumeric digit valid in `base`, optional
/// whitespace, and nothing else. Overflow wraps modulo 2^64.
/// `base` outside 2..=36 yields `None` (the caller raises the range error).
pub fn str_to_int_base(s: &[u8], base: u32) -> Option<i64> {
    if !(2..=36).contains(&base) {
        return None;
    }
    let mut i = 0;
    while i < s.len() && is_space(s[i]) {
        i += 1;
    }
    let mut neg = false;
    if i < s.len() && (s[i] == b'-' || s[i] == b'+') {
        neg = s[i] == b'-';
        i += 1;
    }
    if i >= s.len() || !s[i].is_ascii_alphanumeric() {
        return None;
    }
    let mut n: u64 = 0;
    while i < s.len() && s[i].is_ascii_alphanumeric() {
        let c = s[i];
        let d = if c.is_ascii_digit() {
            u32::from(c - b'0')
        } else {
            u32::from(c.to_ascii_uppercase() - b'A') + 10
        };
        if d >= base {
            return None;
        }
        n = n.wrapping_mul(u64::from(base)).wrapping_add(u64::from(d));
        i += 1;
    }
    while i < s.len() && is_space(s[i]) {
        i += 1;
    }
    if i != s.len() {
        return None;
    }
    Some(if neg { n.wrapping_neg() } else { n } as i64)
}

// ---------------------------------------------------------------------------
// Number → string (tostringbuff)
// ---------------------------------------------------------------------------

/// Decimal representation of an integer (`LUA_INTEGER_FMT`, "%lld").
pub fn fmt_int(i: i64) -> String {
    let mut buf = Vec::with_capacity(20);
    write_int(&mut buf, i);
    // Only ASCII digits and '-' were written.
    String::from_utf8(buf).unwrap_or_default()
}

/// Append the decimal representation of `i` to `buf` without allocating
/// beyond the growth of `buf` itself.
pub fn write_int(buf: &mut Vec<u8>, i: i64) {
    let mut tmp = [0u8; 20];
    let mut pos = tmp.len();
    let mut u = i.unsigned_abs();
    loop {
        pos -= 1;
        tmp[pos] = b'0' + (u % 10) as u8;
        u /= 10;
        if u == 0 {
            break;
        }
    }
    if i < 0 {
        buf.push(b'-');
    }
    buf.extend_from_slice(&tmp[pos..]);
}

/// Lua's `tostring` for floats: "%.14g", plus ".0" when the result looks
/// like an integer.
pub fn fmt_float(x: f64) -> String {
    let mut buf = Vec::with_capacity(24);
    write_float(&mut buf, x);
    String::from_utf8(buf).unwrap_or_default()
}

/// Append Lua's `tostring` of a float to `buf` (see [`fmt_float`]).
pub fn write_float(buf: &mut Vec<u8>, x: f64) {
    let start = buf.len();
    write_g14(buf, x);
    if buf[start..]
        .iter()
        .all(|&c| c == b'-' || c.is_ascii_digit())
    {
        buf.extend_from_slice(b".0");
    }
}

/// Decompose a finite float into its 14 correctly rounded significant
/// digits and decimal exponent (what C's "%.13e" would print).
/// Returns (negative, digits, exponent).
fn digits14(buf: &mut Vec<u8>, x: f64) -> (bool, [u8; 14], i32) {
    let start = buf.len();
    // Fast path: the shortest round-trip representation. When it has at
    // most 14 significant digits it *is* the correctly rounded 14-digit
    // value (a normal double's error is far below half a unit in the 14th
    // digit; subnormals have less precision, so they take the exact path).
    // Writing into a Vec cannot fail.
    if x.is_normal() {
        let _ = write!(buf, "{x:e}");
        let r = parse_sci(&buf[start..]);
        buf.truncate(start);
        if r.3 <= 14 {
            return (r.0, r.1, r.2);
        }
    }
    // Otherwise use Rust's exact formatting with a precision, which rounds
    // half to even exactly like glibc.
    let _ = write!(buf, "{x:.13e}");
    let r = parse_sci(&buf[start..]);
    buf.truncate(start);
    (r.0, r.1, r.2)
}

/// Parse Rust's `{:e}` output ("-1.2345e-7"): sign, first 14 mantissa
/// digits (zero padded), exponent, and the total number of digits.
fn parse_sci(s: &[u8]) -> (bool, [u8; 14], i32, usize) {
    let mut digits = [b'0'; 14];
    let mut neg = false;
    let mut exp: i32 = 0;
    let mut exp_neg = false;
    let mut nd = 0;
    let mut in_exp = false;
    for &c in s {
        match c {
            b'-' if !in_exp => neg = true,
            b'-' => exp_neg = true,
            b'e' => in_exp = true,
            b'0'..=b'9' if in_exp => exp = exp * 10 + i32::from(c - b'0'),
            b'0'..=b'9' => {
                if nd < 14 {
                    digits[nd] = c;
                }
                nd += 1;
            }
            _ => {}
        }
    }
    (neg, digits, if exp_neg { -exp } else { exp }, nd)
}

/// C's "%.14g" (LUAI_NUMFFORMAT) appended to `buf`.
fn write_g14(buf: &mut Vec<u8>, x: f64) {
    if x.is_nan() {
        // glibc prints the sign bit of NaNs (x86 0/0 yields "-nan").
        buf.extend_from_slice(if x.is_sign_negative() {
            b"-nan"
        } else {
            b"nan"
        });
        return;
    }
    if x.is_infinite() {
        buf.extend_from_slice(if x < 0.0 { b"-inf" } else { b"inf" });
        return;
    }
    let (neg, digits, exp) = digits14(buf, x);
    if neg {
        buf.push(b'-');
    }
    // Significant digits without trailing zeros (%g strips them).
    let nsig = digits.iter().rposition(|&d| d != b'0').map_or(1, |p| p + 1);
    let sig = &digits[..nsig];
    if !(-4..14).contains(&exp) {
        buf.push(sig[0]);
        if nsig > 1 {
            buf.push(b'.');
            buf.extend_from_slice(&sig[1..]);
        }
        buf.push(b'e');
        buf.push(if exp < 0 { b'-' } else { b'+' });
        let e = exp.unsigned_abs();
        if e < 10 {
            buf.push(b'0');
        }
        write_int(buf, i64::from(e));
    } else if exp >= 0 {
        let int_len = exp as usize + 1; // <= 14
        if nsig <= int_len {
            buf.extend_from_slice(sig);
            buf.extend(std::iter::repeat_n(b'0', int_len - nsig));
        } else {
            buf.extend_from_slice(&sig[..int_len]);
            buf.push(b'.');
            buf.extend_from_slice(&sig[int_len..]);
        }
    } else {
        buf.extend_from_slice(b"0.");
        buf.extend(std::iter::repeat_n(b'0', (-exp - 1) as usize));
        buf.extend_from_slice(sig);
    }
}

// ---------------------------------------------------------------------------
// Float → integer and mixed comparisons (lvm.c)
// ---------------------------------------------------------------------------

/// `luaV_flttointns`: convert a float to an integer with the given rounding,
/// failing when the (rounded) value is not in [-2^63, 2^63) or is NaN.
#[inline]
pub fn float_to_int(x: f64, mode: F2I) -> Option<i64> {
    let mut f = x.floor();
    if x != f {
        match mode {
            F2I::Exact => return None,
            F2I::Ceil => f += 1.0,
            F2I::Floor => {}
        }
    }
    // Both bounds are exact powers of two, so the check is exact.
    if (-9223372036854775808.0..9223372036854775808.0).contains(&f) {
        Some(f as i64)
    } else {
        None
    }
}

/// Integers in [-2^53, 2^53] convert to float exactly (`l_intfitsf`).
#[inline]
fn int_fits_float(i: i64) -> bool {
    const MAXINTFITSF: u64 = 1 << 53;
    MAXINTFITSF.wrapping_add(i as u64) <= 2 * MAXINTFITSF
}

/// `i < f` exactly (LTintfloat).
#[inline]
pub fn lt_int_float(i: i64, f: f64) -> bool {
    if int_fits_float(i) {
        (i as f64) < f
    } else {
        match float_to_int(f, F2I::Ceil) {
            Some(fi) => i < fi,
            None => f > 0.0,
        }
    }
}

/// `i <= f` exactly (LEintfloat).
#[inline]
pub fn le_int_float(i: i64, f: f64) -> bool {
    if int_fits_float(i) {
        (i as f64) <= f
    } else {
        match float_to_int(f, F2I::Floor) {
            Some(fi) => i <= fi,
            None => f > 0.0,
        }
    }
}

/// `f < i` exactly (LTfloatint).
#[inline]
pub fn lt_float_int(f: f64, i: i64) -> bool {
    if int_fits_float(i) {
        f < (i as f64)
    } else {
        match float_to_int(f, F2I::Floor) {
            Some(fi) => fi < i,
            None => f < 0.0,
        }
    }
}

/// `f <= i` exactly (LEfloatint).
#[inline]
pub fn le_float_int(f: f64, i: i64) -> bool {
    if int_fits_float(i) {
        f <= (i as f64)
    } else {
        match float_to_int(f, F2I::Ceil) {
            Some(fi) => fi <= i,
            None => f < 0.0,
        }
    }
}

/// `i == f` exactly (luaV_equalobj for mixed number subtypes).
#[inline]
pub fn eq_int_float(i: i64, f: f64) -> bool {
    float_to_int(f, F2I::Exact) == Some(i)
}

// ---------------------------------------------------------------------------
// Arithmetic (lvm.c / llimits.h)
// ---------------------------------------------------------------------------

/// Integer floor division `a // b` (luaV_idiv). `b` must be nonzero (the
/// caller raises "attempt to perform 'n//0'"); `MIN // -1` wraps to MIN.
#[inline]
pub fn int_floor_div(a: i64, b: i64) -> i64 {
    if b == -1 {
        return a.wrapping_neg();
    }
    if b == 0 {
        return 0; // caller's job to reject; never panic
    }
    let q = a / b;
    if (a ^ b) < 0 && a % b != 0 {
        q - 1
    } else {
        q
    }
}

/// Integer modulo `a % b` (luaV_mod): result has the sign of `b`.
/// `b` must be nonzero (the caller raises "attempt to perform 'n%%0'").
#[inline]
pub fn int_mod(a: i64, b: i64) -> i64 {
    if b == -1 || b == 0 {
        return 0;
    }
    let r = a % b;
    if r != 0 && (r ^ b) < 0 {
        r + b
    } else {
        r
    }
}

/// Float modulo (luai_nummod): C `fmod`, then shifted into the sign of `b`.
#[inline]
pub fn float_mod(a: f64, b: f64) -> f64 {
    // Rust's `%` on f64 is C fmod.
    let m = a % b;
    if (m > 0.0 && b < 0.0) || (m < 0.0 && b > 0.0) {
        m + b
    } else {
        m
    }
}

/// Float floor division (luai_numidiv).
#[inline]
pub fn float_floor_div(a: f64, b: f64) -> f64 {
    (a / b).floor()
}

/// `a << n` (luaV_shiftl); negative `n` shifts right logically, and any
/// shift of 64 bits or more in either direction gives 0.
#[inline]
pub fn shift_left(a: i64, n: i64) -> i64 {
    if n < 0 {
        if n <= -64 {
            0
        } else {
            ((a as u64) >> (-n)) as i64
        }
    } else if n >= 64 {
        0
    } else {
        ((a as u64) << n) as i64
    }
}

/// `a >> n` (luaV_shiftr): logical right shift.
#[inline]
pub fn shift_right(a: i64, n: i64) -> i64 {
    shift_left(a, n.wrapping_neg())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(s: &str) -> Option<Num> {
        str_to_number(s.as_bytes())
    }
    fn f(x: f64) -> Option<Num> {
        Some(Num::Float(x))
    }
    fn i(x: i64) -> Option<Num> {
        Some(Num::Int(x))
    }

    #[test]
    fn number_str_to_number_integers() {
        assert_eq!(n("10"), i(10));
        assert_eq!(n("  10  "), i(10));
        assert_eq!(n("\t\n\x0b\x0c\r10\r"), i(10));
        assert_eq!(n("-10"), i(-10));
        assert_eq!(n("+10"), i(10));
        assert_eq!(n("9223372036854775807"), i(i64::MAX));
        assert_eq!(n("-9223372036854775808"), i(i64::MIN));
        assert_eq!(n("9223372036854775808"), f(9223372036854775808.0));
        assert_eq!(n("-9223372036854775809"), f(-9223372036854775808.0));
        assert_eq!(n("100000000000000000000"), f(1e20));
        assert_eq!(n("0x10"), i(16));
        assert_eq!(n("0XfF"), i(255));
        assert_eq!(n("-0x10"), i(-16));
        assert_eq!(n("0x7fffffffffffffff"), i(i64::MAX));
        assert_eq!(n("0xffffffffffffffff"), i(-1));
        assert_eq!(n("0x10000000000000000"), i(0));
        assert_eq!(n("0x1ffffffffffffffff"), i(-1));
        assert_eq!(n("0xA"), i(10));
        assert_eq!(n("007"), i(7));
    }

    #[test]
    fn number_str_to_number_floats() {
        assert_eq!(n("1e1"), f(10.0));
        assert_eq!(n("1E+1"), f(10.0));
        assert_eq!(n("1.5"), f(1.5));
        assert_eq!(n("1."), f(1.0));
        assert_eq!(n(".5"), f(0.5));
        assert_eq!(n("-.5e-3"), f(-0.0005));
        assert_eq!(n("1e400"), f(f64::INFINITY));
        assert_eq!(n("-1e400"), f(f64::NEG_INFINITY));
        assert_eq!(n("1e-400"), f(0.0));
        assert_eq!(n("0.1"), f(0.1));
        assert_eq!(n("0x1.8p3"), f(12.0));
        assert_eq!(n("0x.1"), f(0.0625));
        assert_eq!(n("0xA.0"), f(10.0));
        assert_eq!(n("0x1p-1074"), f(5e-324));
        assert_eq!(n("0x1p-1075"), f(0.0)); // tie → even (zero)
        assert_eq!(n("0x1.8p-1075"), f(5e-324));
        assert_eq!(n("0x1p1024"), f(f64::INFINITY));
        assert_eq!(n("0x1p99999999999999999999"), f(f64::INFINITY));
        assert_eq!(n("0x1.fffffffffffff8p0"), f(2.0)); // tie → even
        assert_eq!(n("0x1.fffffffffffff7p0"), f(1.9999999999999998));
        assert_eq!(n("0x1.00000000000008p0"), f(1.0));
        assert_eq!(n("0x1.000000000000080001p0"), f(1.0000000000000002));
        assert_eq!(
            n("0x123456789abcdef0123.0"),
            f(0x123456789abcdef0123u128 as f64)
        );
        assert_eq!(n("0x.0000000000000000000001p0"), f(2.0f64.powi(-88)));
        assert_eq!(n("-0x1P-2"), f(-0.25));
        assert_eq!(n("0x1p+2"), f(4.0));
        match n("-0.0") {
            Some(Num::Float(z)) => assert!(z == 0.0 && z.is_sign_negative()),
            other => panic!("{other:?}"),
        }
        assert_eq!(n("-0"), i(0));
    }

    #[test]
    fn number_str_to_number_invalid() {
        for s in [
            "", " ", "1e", "1e+", "0x", "-0x", "0x.", "0x.p1", "0xp1", "0x1p", "0x1p+", ".", "-",
            "inf", "nan", "-inf", "NaN", "infinity", "1 2", "1\0", "\0", "1x", "0x1g", "1..2",
            "1e1.5", "++1", "--1", "0x1.2.3", "1f", "e1", " - 1", "1e 1",
        ] {
            assert_eq!(n(s), None, "{s:?}");
        }
    }

    #[test]
    fn number_str_to_int_base() {
        let b = |s: &str, base| str_to_int_base(s.as_bytes(), base);
        assert_eq!(b("10", 36), Some(36));
        assert_eq!(b("zz", 36), Some(1295));
        assert_eq!(b("ZZ", 36), Some(1295));
        assert_eq!(b("7fffffffffffffff", 16), Some(i64::MAX));
        assert_eq!(b("ffffffffffffffff", 16), Some(-1));
        assert_eq!(b("+10", 16), Some(16));
        assert_eq!(b(" -ff ", 16), Some(-255));
        assert_eq!(b("1\0", 10), None);
        assert_eq!(b("", 10), None);
        assert_eq!(b(" ", 10), None);
        assert_eq!(b("1 2", 10), None);
        assert_eq!(b("2", 2), None);
        assert_eq!(b("101", 2), Some(5));
        assert_eq!(b("0x10", 16), None);
        assert_eq!(b("1.0", 10), None);
        assert_eq!(b("-", 10), None);
        assert_eq!(b("10", 1), None);
        assert_eq!(b("10", 37), None);
        // 2^64 + 5 wraps to 5
        assert_eq!(b("18446744073709551621", 10), Some(5));
    }

    #[test]
    fn number_fmt_int() {
        assert_eq!(fmt_int(0), "0");
        assert_eq!(fmt_int(-7), "-7");
        assert_eq!(fmt_int(i64::MAX), "9223372036854775807");
        assert_eq!(fmt_int(i64::MIN), "-9223372036854775808");
        let mut buf = b"x=".to_vec();
        write_int(&mut buf, 1234567890);
        assert_eq!(buf, b"x=1234567890");
    }

    #[test]
    fn number_fmt_float() {
        // Expected values from lua5.4's tostring.
        let cases: &[(f64, &str)] = &[
            (1.0, "1.0"),
            (0.0, "0.0"),
            (-0.0, "-0.0"),
            (1e15, "1e+15"),
            (1e14, "1e+14"),
            (1e13, "10000000000000.0"),
            (123456789012345.0, "1.2345678901234e+14"),
            (12345678901234.0, "12345678901234.0"),
            (0.1, "0.1"),
            (-1.5, "-1.5"),
            (1e100, "1e+100"),
            (1e-100, "1e-100"),
            (1e-5, "1e-05"),
            (1e-4, "0.0001"),
            (0.00012345, "0.00012345"),
            (9.9999999999999e-5, "9.9999999999999e-05"),
            (9.99999999999999e-5, "0.0001"),
            (9.999999999999999e-5, "0.0001"),
            (9223372036854775808.0, "9.2233720368548e+18"),
            (-9223372036854775808.0, "-9.2233720368548e+18"),
            (1.0 / 3.0, "0.33333333333333"),
            (2.0 / 3.0, "0.66666666666667"),
            (100.0, "100.0"),
            (std::f64::consts::PI, "3.1415926535898"),
            (5e-324, "4.9406564584125e-324"),
            (1.7976931348623157e308, "1.7976931348623e+308"),
            (f64::INFINITY, "inf"),
            (f64::NEG_INFINITY, "-inf"),
            (99999999999999.9, "1e+14"),
            (9999999999999.9, "9999999999999.9"),
            (999999999999999.9, "1e+15"),
            (2.5e-5, "2.5e-05"),
            (1e21, "1e+21"),
            (123.456, "123.456"),
        ];
        for &(x, s) in cases {
            assert_eq!(fmt_float(x), s, "{x:e}");
        }
        // lua5.4 on x86_64: print(0/0, -(0/0)) → "-nan nan"
        assert_eq!(fmt_float(f64::from_bits(0xfff8_0000_0000_0000)), "-nan");
        assert_eq!(fmt_float(f64::from_bits(0x7ff8_0000_0000_0000)), "nan");
        let mut buf = Vec::new();
        write_float(&mut buf, 2.0);
        write_float(&mut buf, 0.5);
        assert_eq!(buf, b"2.00.5");
    }

    #[test]
    fn number_float_to_int() {
        assert_eq!(float_to_int(3.0, F2I::Exact), Some(3));
        assert_eq!(float_to_int(3.5, F2I::Exact), None);
        assert_eq!(float_to_int(3.5, F2I::Floor), Some(3));
        assert_eq!(float_to_int(3.5, F2I::Ceil), Some(4));
        assert_eq!(float_to_int(-3.5, F2I::Floor), Some(-4));
        assert_eq!(float_to_int(-3.5, F2I::Ceil), Some(-3));
        assert_eq!(
            float_to_int(-9223372036854775808.0, F2I::Exact),
            Some(i64::MIN)
        );
        assert_eq!(float_to_int(9223372036854775808.0, F2I::Exact), None);
        assert_eq!(
            float_to_int(9223372036854774784.0, F2I::Exact),
            Some(9223372036854774784)
        );
        assert_eq!(float_to_int(-9223372036854777856.0, F2I::Floor), None);
        assert_eq!(float_to_int(f64::NAN, F2I::Floor), None);
        assert_eq!(float_to_int(f64::NAN, F2I::Exact), None);
        assert_eq!(float_to_int(f64::INFINITY, F2I::Floor), None);
        assert_eq!(float_to_int(-0.0, F2I::Exact), Some(0));
        assert_eq!(float_to_int(-0.5, F2I::Ceil), Some(0));
    }

    #[test]
    fn number_mixed_comparisons() {
        let p53 = 1i64 << 53;
        let f53 = 9007199254740992.0; // 2^53
                                      // 2^53+1 is not representable: as float it would round to 2^53.
        assert!(!eq_int_float(p53 + 1, f53));
        assert!(eq_int_float(p53, f53));
        assert!(lt_float_int(f53, p53 + 1));
        assert!(le_float_int(f53, p53 + 1));
        assert!(!lt_int_float(p53 + 1, f53));
        assert!(!le_int_float(p53 + 1, f53));
        assert!(lt_int_float(p53 + 1, f53 + 2.0));
        assert!(!lt_float_int(f53 + 2.0, p53 + 1));
        assert!(le_float_int(-f53 - 2.0, -p53 - 1));
        // math.maxinteger < 2^63 and math.maxinteger + 0.0 == 2^63
        assert!(lt_int_float(i64::MAX, 9223372036854775808.0));
        assert!(!eq_int_float(i64::MAX, 9223372036854775808.0));
        assert!(le_int_float(i64::MIN, -9223372036854775808.0));
        assert!(!lt_int_float(i64::MIN, -9223372036854775808.0));
        assert!(eq_int_float(i64::MIN, -9223372036854775808.0));
        assert!(lt_int_float(i64::MAX, f64::INFINITY));
        assert!(!lt_int_float(i64::MIN, f64::NEG_INFINITY));
        assert!(lt_float_int(f64::NEG_INFINITY, i64::MIN));
        assert!(le_float_int(-1e300, i64::MIN));
        assert!(!le_float_int(1e300, i64::MAX));
        assert!(lt_int_float(i64::MAX - 1, 1e300));
        for i in [0, 1, -1, p53 + 1, i64::MAX, i64::MIN] {
            assert!(!lt_int_float(i, f64::NAN));
            assert!(!le_int_float(i, f64::NAN));
            assert!(!lt_float_int(f64::NAN, i));
            assert!(!le_float_int(f64::NAN, i));
            assert!(!eq_int_float(i, f64::NAN));
        }
        assert!(lt_int_float(1, 1.5));
        assert!(!lt_int_float(2, 1.5));
        assert!(le_int_float(1, 1.0));
        assert!(lt_float_int(0.5, 1));
        assert!(le_float_int(1.0, 1));
        assert!(!lt_float_int(1.0, 1));
        assert!(eq_int_float(0, -0.0));
    }

    #[test]
    fn number_int_arith() {
        assert_eq!(int_floor_div(7, 2), 3);
        assert_eq!(int_floor_div(-7, 2), -4);
        assert_eq!(int_floor_div(7, -2), -4);
        assert_eq!(int_floor_div(-7, -2), 3);
        assert_eq!(int_floor_div(-6, 2), -3);
        assert_eq!(int_floor_div(i64::MIN, -1), i64::MIN);
        assert_eq!(int_floor_div(i64::MIN, 1), i64::MIN);
        assert_eq!(int_mod(5, -3), -1);
        assert_eq!(int_mod(-5, 3), 1);
        assert_eq!(int_mod(5, 3), 2);
        assert_eq!(int_mod(-5, -3), -2);
        assert_eq!(int_mod(6, -3), 0);
        assert_eq!(int_mod(i64::MIN, -1), 0);
        assert_eq!(int_mod(i64::MIN, i64::MAX), i64::MAX - 1);
        assert_eq!(int_mod(3, i64::MIN), i64::MIN + 3);
        // never panic on zero
        assert_eq!(int_mod(3, 0), 0);
        assert_eq!(int_floor_div(3, 0), 0);
    }

    #[test]
    fn number_float_arith() {
        assert_eq!(float_mod(5.5, -2.0), -0.5);
        assert_eq!(float_mod(-5.5, 2.0), 0.5);
        assert_eq!(float_mod(5.5, 2.0), 1.5);
        let z = float_mod(-0.0, 1.0);
        assert!(z == 0.0 && z.is_sign_negative()); // lua: -0.0 % 1 → -0.0
        assert!(float_mod(1.0, 0.0).is_nan());
        assert!(float_mod(f64::INFINITY, 2.0).is_nan());
        assert_eq!(float_mod(1.0, f64::INFINITY), 1.0);
        assert_eq!(float_mod(-1.0, f64::INFINITY), f64::INFINITY);
        assert_eq!(float_mod(1.0, f64::NEG_INFINITY), f64::NEG_INFINITY);
        assert_eq!(float_floor_div(7.0, 2.0), 3.0);
        assert_eq!(float_floor_div(-7.0, 2.0), -4.0);
        assert_eq!(float_floor_div(1.0, 0.0), f64::INFINITY);
        assert_eq!(1e308 * 10.0, f64::INFINITY);
    }

    #[test]
    fn number_shifts() {
        assert_eq!(shift_left(1, 63), i64::MIN);
        assert_eq!(shift_left(1, 64), 0);
        assert_eq!(shift_left(1, -1), 0);
        assert_eq!(shift_left(-1, -1), i64::MAX);
        assert_eq!(shift_left(-1, -63), 1);
        assert_eq!(shift_left(-1, -64), 0);
        assert_eq!(shift_left(5, i64::MIN), 0);
        assert_eq!(shift_left(5, i64::MAX), 0);
        assert_eq!(shift_right(-1, 60), 15);
        assert_eq!(shift_right(16, -2), 64);
        assert_eq!(shift_right(5, i64::MIN), 0);
    }
}
