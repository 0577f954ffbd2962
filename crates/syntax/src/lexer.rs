//! The lexer: bytes to tokens.
//!
//! It mirrors the observable behaviour of PUC Lua 5.4's scanner, including
//! the text it shows in error messages: while a token is read its source
//! text (for strings: delimiters plus the already decoded contents) is kept
//! in `buf`, and "near" parts of messages quote that buffer.

use crate::token::{reserved, Token};
use crate::SyntaxError;

const EOZ: i32 = -1;

pub struct Lexer<'a> {
    src: &'a [u8],
    pos: usize,
    /// Current line number (1-based); after a token is read, the line where it ends.
    pub line: u32,
    /// Text of the token being read / last read (for error messages).
    buf: Vec<u8>,
    /// Byte offset where the token being read / last read starts.
    start: usize,
}

fn is_alpha(c: i32) -> bool {
    (b'a' as i32..=b'z' as i32).contains(&c)
        || (b'A' as i32..=b'Z' as i32).contains(&c)
        || c == b'_' as i32
}

fn is_digit(c: i32) -> bool {
    (b'0' as i32..=b'9' as i32).contains(&c)
}

fn is_alnum(c: i32) -> bool {
    is_alpha(c) || is_digit(c)
}

fn is_xdigit(c: i32) -> bool {
    is_digit(c)
        || (b'a' as i32..=b'f' as i32).contains(&c)
        || (b'A' as i32..=b'F' as i32).contains(&c)
}

fn is_space(c: i32) -> bool {
    matches!(c, 0x20 | 0x09..=0x0d)
}

fn hex_value(c: i32) -> u32 {
    let c = c as u8;
    match c {
        b'0'..=b'9' => (c - b'0') as u32,
        b'a'..=b'f' => (c - b'a' + 10) as u32,
        b'A'..=b'F' => (c - b'A' + 10) as u32,
        _ => 0,
    }
}

/// Quotes a byte buffer the way PUC shows token text (`'...'`). Invalid UTF-8 is
/// replaced, since error messages are Rust strings.
fn quote(buf: &[u8]) -> String {
    format!("'{}'", String::from_utf8_lossy(buf))
}

/// Encodes `x` (at most 0x7FFFFFFF) as (extended, up to 6 bytes) UTF-8.
pub fn utf8_encode(x: u32, out: &mut Vec<u8>) {
    if x < 0x80 {
        out.push(x as u8);
        return;
    }
    let mut tmp = [0u8; 8];
    let mut n = 0;
    let mut x = x;
    let mut mfb: u32 = 0x3f; // maximum that fits in the first byte
    loop {
        tmp[n] = 0x80 | (x & 0x3f) as u8;
        n += 1;
        x >>= 6;
        mfb >>= 1;
        if x <= mfb {
            break;
        }
    }
    tmp[n] = ((!mfb << 1) | x) as u8;
    n += 1;
    out.extend(tmp[..n].iter().rev());
}

impl<'a> Lexer<'a> {
    pub fn new(src: &'a [u8]) -> Self {
        Lexer {
            src,
            pos: 0,
            line: 1,
            buf: Vec::new(),
            start: 0,
        }
    }

    /// A lexer that starts reading at byte `pos` of `src`, which is on line
    /// `line`.
    pub fn at(src: &'a [u8], pos: usize, line: u32) -> Self {
        Lexer {
            src,
            pos: pos.min(src.len()),
            line,
            buf: Vec::new(),
            start: pos,
        }
    }

    /// Byte offset where the most recently read token starts.
    pub fn token_start(&self) -> usize {
        self.start
    }

    /// Text of the most recently read token, quoted, as PUC's `txtToken` shows
    /// names, strings and numerals.
    pub fn token_text(&self) -> String {
        quote(&self.buf)
    }

    #[inline]
    fn cur(&self) -> i32 {
        match self.src.get(self.pos) {
            Some(&c) => c as i32,
            None => EOZ,
        }
    }

    #[inline]
    fn advance(&mut self) {
        if self.pos < self.src.len() {
            self.pos += 1;
        }
    }

    #[inline]
    fn save(&mut self, c: i32) {
        self.buf.push(c as u8);
    }

    #[inline]
    fn save_and_next(&mut self) {
        let c = self.cur();
        if c != EOZ {
            self.save(c);
        }
        self.advance();
    }

    #[inline]
    fn cur_is_newline(&self) -> bool {
        matches!(self.cur(), 0x0a | 0x0d)
    }

    /// Skips a line break (`\n`, `\r`, `\n\r` or `\r\n`) and counts it.
    fn inc_line(&mut self) {
        let old = self.cur();
        self.advance();
        if self.cur_is_newline() && self.cur() != old {
            self.advance();
        }
        self.line = self.line.saturating_add(1);
    }

    fn check_next1(&mut self, c: u8) -> bool {
        if self.cur() == c as i32 {
            self.advance();
            true
        } else {
            false
        }
    }

    fn check_next2(&mut self, set: &[u8; 2]) -> bool {
        let c = self.cur();
        if c == set[0] as i32 || c == set[1] as i32 {
            self.save_and_next();
            true
        } else {
            false
        }
    }

    fn err_near_buf(&self, msg: &str) -> SyntaxError {
        SyntaxError {
            line: self.line,
            msg: format!("{} near {}", msg, quote(&self.buf)),
        }
    }

    fn err_near_eof(&self, msg: &str) -> SyntaxError {
        SyntaxError {
            line: self.line,
            msg: format!("{} near <eof>", msg),
        }
    }

    /// Reads the next token.
    pub fn next_token(&mut self) -> Result<Token, SyntaxError> {
        self.buf.clear();
        loop {
            self.start = self.pos;
            let c = self.cur();
            if c == EOZ {
                return Ok(Token::Eos);
            }
            let c = c as u8;
            match c {
                b'\n' | b'\r' => self.inc_line(),
                b' ' | 0x0c | b'\t' | 0x0b => self.advance(),
                b'-' => {
                    self.advance();
                    if self.cur() != b'-' as i32 {
                        return Ok(Token::Char(b'-'));
                    }
                    self.advance();
                    if self.cur() == b'[' as i32 {
                        let sep = self.skip_sep();
                        self.buf.clear();
                        if sep >= 2 {
                            self.read_long_string(false, sep)?;
                            self.buf.clear();
                            continue;
                        }
                    }
                    while !self.cur_is_newline() && self.cur() != EOZ {
                        self.advance();
                    }
                }
                b'[' => {
                    let sep = self.skip_sep();
                    if sep >= 2 {
                        return self.read_long_string(true, sep);
                    } else if sep == 0 {
                        return Err(self.err_near_buf("invalid long string delimiter"));
                    }
                    return Ok(Token::Char(b'['));
                }
                b'=' => {
                    self.advance();
                    return Ok(if self.check_next1(b'=') {
                        Token::Eq
                    } else {
                        Token::Char(b'=')
                    });
                }
                b'<' => {
                    self.advance();
                    return Ok(if self.check_next1(b'=') {
                        Token::Le
                    } else if self.check_next1(b'<') {
                        Token::Shl
                    } else {
                        Token::Char(b'<')
                    });
                }
                b'>' => {
                    self.advance();
                    return Ok(if self.check_next1(b'=') {
                        Token::Ge
                    } else if self.check_next1(b'>') {
                        Token::Shr
                    } else {
                        Token::Char(b'>')
                    });
                }
                b'/' => {
                    self.advance();
                    return Ok(if self.check_next1(b'/') {
                        Token::IDiv
                    } else {
                        Token::Char(b'/')
                    });
                }
                b'~' => {
                    self.advance();
                    return Ok(if self.check_next1(b'=') {
                        Token::Ne
                    } else {
                        Token::Char(b'~')
                    });
                }
                b':' => {
                    self.advance();
                    return Ok(if self.check_next1(b':') {
                        Token::DbColon
                    } else {
                        Token::Char(b':')
                    });
                }
                b'"' | b'\'' => return self.read_string(c),
                b'.' => {
                    self.save_and_next();
                    if self.check_next1(b'.') {
                        return Ok(if self.check_next1(b'.') {
                            Token::Dots
                        } else {
                            Token::Concat
                        });
                    } else if !is_digit(self.cur()) {
                        return Ok(Token::Char(b'.'));
                    }
                    return self.read_numeral();
                }
                b'0'..=b'9' => return self.read_numeral(),
                _ => {
                    if is_alpha(c as i32) {
                        let start = self.pos;
                        while is_alnum(self.cur()) {
                            self.advance();
                        }
                        let word = &self.src[start..self.pos];
                        self.buf.extend_from_slice(word);
                        if let Some(t) = reserved(word) {
                            return Ok(t);
                        }
                        // Identifiers are ASCII, so this cannot fail.
                        let name = String::from_utf8_lossy(word).into_owned();
                        return Ok(Token::Name(name));
                    }
                    self.advance();
                    return Ok(Token::Char(c));
                }
            }
        }
    }

    /// Reads a numeral (liberally, as PUC does) and converts it.
    fn read_numeral(&mut self) -> Result<Token, SyntaxError> {
        let first = self.cur();
        let mut expo = b"Ee";
        self.save_and_next();
        if first == b'0' as i32 && self.check_next2(b"xX") {
            expo = b"Pp";
        }
        loop {
            if self.check_next2(expo) {
                self.check_next2(b"-+");
            } else if is_xdigit(self.cur()) || self.cur() == b'.' as i32 {
                self.save_and_next();
            } else {
                break;
            }
        }
        if is_alpha(self.cur()) {
            self.save_and_next(); // force an error
        }
        match str2number(&self.buf) {
            Some(t) => Ok(t),
            None => Err(self.err_near_buf("malformed number")),
        }
    }

    /// Reads `[=*[` or `]=*]`, leaving the last bracket as current. Returns the
    /// number of `=` plus 2 if well formed, 1 for a lone bracket, 0 for `[=...`
    /// without the second bracket.
    fn skip_sep(&mut self) -> usize {
        let s = self.cur();
        let mut count = 0;
        self.save_and_next();
        while self.cur() == b'=' as i32 {
            self.save_and_next();
            count += 1;
        }
        if self.cur() == s {
            count + 2
        } else if count == 0 {
            1
        } else {
            0
        }
    }

    fn read_long_string(&mut self, is_string: bool, sep: usize) -> Result<Token, SyntaxError> {
        let start_line = self.line;
        self.save_and_next(); // skip 2nd '['
        if self.cur_is_newline() {
            self.inc_line();
        }
        loop {
            match self.cur() {
                EOZ => {
                    let what = if is_string { "string" } else { "comment" };
                    let msg = format!("unfinished long {} (starting at line {})", what, start_line);
                    return Err(self.err_near_eof(&msg));
                }
                0x5d /* ']' */ => {
                    if self.skip_sep() == sep {
                        self.save_and_next(); // skip 2nd ']'
                        break;
                    }
                }
                0x0a | 0x0d => {
                    self.save(b'\n' as i32);
                    self.inc_line();
                    if !is_string {
                        self.buf.clear();
                    }
                }
                _ => {
                    if is_string {
                        self.save_and_next();
                    } else {
                        self.advance();
                    }
                }
            }
        }
        if is_string {
            let n = self.buf.len();
            Ok(Token::Str(self.buf[sep..n - sep].to_vec()))
        } else {
            Ok(Token::Eos) // ignored by the caller
        }
    }

    fn esc_check(&mut self, ok: bool, msg: &str) -> Result<(), SyntaxError> {
        if ok {
            return Ok(());
        }
        if self.cur() != EOZ {
            self.save_and_next(); // add current to buffer for the message
        }
        Err(self.err_near_buf(msg))
    }

    fn get_hexa(&mut self) -> Result<u32, SyntaxError> {
        self.save_and_next();
        let c = self.cur();
        self.esc_check(is_xdigit(c), "hexadecimal digit expected")?;
        Ok(hex_value(c))
    }

    fn read_hexa_esc(&mut self) -> Result<u32, SyntaxError> {
        let mut r = self.get_hexa()?;
        r = (r << 4) + self.get_hexa()?;
        let n = self.buf.len();
        self.buf.truncate(n - 2);
        Ok(r)
    }

    fn read_utf8_esc(&mut self) -> Result<u32, SyntaxError> {
        let mut i = 4; // chars to remove: '\', 'u', '{' and the first digit
        self.save_and_next(); // skip 'u'
        let ok = self.cur() == b'{' as i32;
        self.esc_check(ok, "missing '{'")?;
        let mut r = self.get_hexa()?;
        loop {
            self.save_and_next();
            if !is_xdigit(self.cur()) {
                break;
            }
            i += 1;
            self.esc_check(r <= (0x7FFF_FFFFu32 >> 4), "UTF-8 value too large")?;
            r = (r << 4) + hex_value(self.cur());
        }
        let ok = self.cur() == b'}' as i32;
        self.esc_check(ok, "missing '}'")?;
        self.advance(); // skip '}'
        let n = self.buf.len();
        self.buf.truncate(n - i);
        Ok(r)
    }

    fn read_dec_esc(&mut self) -> Result<u32, SyntaxError> {
        let mut r: u32 = 0;
        let mut i = 0;
        while i < 3 && is_digit(self.cur()) {
            r = 10 * r + (self.cur() as u32 - b'0' as u32);
            self.save_and_next();
            i += 1;
        }
        self.esc_check(r <= 255, "decimal escape too large")?;
        let n = self.buf.len();
        self.buf.truncate(n - i);
        Ok(r)
    }

    fn read_string(&mut self, del: u8) -> Result<Token, SyntaxError> {
        self.save_and_next(); // keep the delimiter for error messages
        while self.cur() != del as i32 {
            match self.cur() {
                EOZ => return Err(self.err_near_eof("unfinished string")),
                0x0a | 0x0d => return Err(self.err_near_buf("unfinished string")),
                0x5c /* '\\' */ => {
                    self.save_and_next(); // keep '\\' for error messages
                    let c = self.cur();
                    // `Some((byte, consume))`: save `byte` in place of the escape,
                    // consuming the current char first if `consume`.
                    let out: Option<(u8, bool)> = match c {
                        EOZ => None, // error on the next iteration
                        _ => match c as u8 {
                            b'a' => Some((0x07, true)),
                            b'b' => Some((0x08, true)),
                            b'f' => Some((0x0c, true)),
                            b'n' => Some((b'\n', true)),
                            b'r' => Some((b'\r', true)),
                            b't' => Some((b'\t', true)),
                            b'v' => Some((0x0b, true)),
                            b'x' => Some((self.read_hexa_esc()? as u8, true)),
                            b'u' => {
                                let v = self.read_utf8_esc()?;
                                utf8_encode(v, &mut self.buf);
                                None
                            }
                            b'\n' | b'\r' => {
                                self.inc_line();
                                Some((b'\n', false))
                            }
                            b'\\' | b'"' | b'\'' => Some((c as u8, true)),
                            b'z' => {
                                self.buf.pop(); // remove '\\'
                                self.advance(); // skip 'z'
                                while is_space(self.cur()) {
                                    if self.cur_is_newline() {
                                        self.inc_line();
                                    } else {
                                        self.advance();
                                    }
                                }
                                None
                            }
                            _ => {
                                self.esc_check(is_digit(c), "invalid escape sequence")?;
                                Some((self.read_dec_esc()? as u8, false))
                            }
                        },
                    };
                    if let Some((b, consume)) = out {
                        if consume {
                            self.advance();
                        }
                        self.buf.pop(); // remove '\\'
                        self.buf.push(b);
                    }
                }
                _ => self.save_and_next(),
            }
        }
        self.save_and_next(); // skip the closing delimiter
        let n = self.buf.len();
        Ok(Token::Str(self.buf[1..n - 1].to_vec()))
    }
}

/// Converts a numeral's text as PUC's `luaO_str2num` does: an integer if it is
/// a decimal integer that fits in an `i64` or any hexadecimal integer (which
/// wraps around), otherwise a float; `None` if malformed.
pub fn str2number(s: &[u8]) -> Option<Token> {
    if let Some(i) = str2int(s) {
        return Some(Token::Int(i));
    }
    str2float(s).map(Token::Float)
}

fn str2int(s: &[u8]) -> Option<i64> {
    if s.len() > 2 && s[0] == b'0' && (s[1] == b'x' || s[1] == b'X') {
        let mut a: u64 = 0;
        for &c in &s[2..] {
            if !c.is_ascii_hexdigit() {
                return None;
            }
            a = a.wrapping_mul(16).wrapping_add(hex_value(c as i32) as u64);
        }
        Some(a as i64)
    } else {
        if s.is_empty() {
            return None;
        }
        let mut a: i64 = 0;
        for &c in s {
            if !c.is_ascii_digit() {
                return None;
            }
            a = a.checked_mul(10)?.checked_add((c - b'0') as i64)?;
        }
        Some(a)
    }
}

fn str2float(s: &[u8]) -> Option<f64> {
    if s.iter().any(|&c| c == b'n' || c == b'N') {
        return None; // reject 'inf' and 'nan'
    }
    if s.iter().any(|&c| c == b'x' || c == b'X') {
        return hex2float(s);
    }
    // Rust's float parsing is correctly rounded and accepts the same decimal
    // syntax as strtod for the characters a numeral can contain here.
    let t = std::str::from_utf8(s).ok()?;
    t.parse::<f64>().ok()
}

/// Exact (correctly rounded, ties to even) conversion of a hexadecimal numeral
/// `0x[digits][.digits][p[+-]digits]` with at least one digit.
pub fn hex2float(s: &[u8]) -> Option<f64> {
    if s.len() < 2 || s[0] != b'0' || (s[1] != b'x' && s[1] != b'X') {
        return None;
    }
    let mut i = 2;
    let mut m: u64 = 0; // first 16 significant hex digits
    let mut kept = 0; // number of significant digits kept in m
    let mut sticky = false; // any nonzero digit dropped?
    let mut e: i64 = 0; // binary exponent adjustment
    let mut any_digit = false;
    let mut seen_dot = false;
    while i < s.len() {
        let c = s[i];
        if c == b'.' {
            if seen_dot {
                return None;
            }
            seen_dot = true;
        } else if c.is_ascii_hexdigit() {
            any_digit = true;
            let d = hex_value(c as i32) as u64;
            if m == 0 && d == 0 {
                if seen_dot {
                    e -= 4;
                }
            } else if kept < 16 {
                m = m * 16 + d;
                kept += 1;
                if seen_dot {
                    e -= 4;
                }
            } else {
                if d != 0 {
                    sticky = true;
                }
                if !seen_dot {
                    e += 4;
                }
            }
        } else {
            break;
        }
        i += 1;
    }
    if !any_digit {
        return None;
    }
    if i < s.len() {
        if s[i] != b'p' && s[i] != b'P' {
            return None;
        }
        i += 1;
        let mut neg = false;
        if i < s.len() && (s[i] == b'+' || s[i] == b'-') {
            neg = s[i] == b'-';
            i += 1;
        }
        if i >= s.len() {
            return None;
        }
        let mut p: i64 = 0;
        while i < s.len() {
            let c = s[i];
            if !c.is_ascii_digit() {
                return None;
            }
            p = (p * 10 + (c - b'0') as i64).min(1 << 40);
            i += 1;
        }
        e += if neg { -p } else { p };
    }
    Some(make_float(m, e, sticky))
}

/// `m * 2^e` (with `sticky` meaning "plus a little more"), correctly rounded.
fn make_float(m: u64, e: i64, sticky: bool) -> f64 {
    if m == 0 {
        return 0.0;
    }
    let n = 64 - m.leading_zeros() as i64; // significant bits of m
    let mut top = e + n - 1; // exponent of the leading bit
    if top > 1023 {
        return f64::INFINITY;
    }
    // Bits we may keep: 53 for normals, fewer for subnormals (LSB weight 2^-1074).
    let bits = (top + 1075).min(53);
    if bits < 0 {
        return 0.0;
    }
    let shift = n - bits; // low bits of m to drop (negative: exact, shift left)
    let mut mant: u64 = if shift <= 0 {
        m << (-shift)
    } else {
        let m128 = m as u128;
        let s = shift as u32;
        let kept = (m128 >> s) as u64;
        let rem = m128 & ((1u128 << s) - 1);
        let half = 1u128 << (s - 1);
        let up = rem > half || (rem == half && (sticky || kept & 1 == 1));
        kept + up as u64
    };
    if bits == 53 {
        if mant == 1u64 << 53 {
            mant = 1u64 << 52;
            top += 1;
            if top > 1023 {
                return f64::INFINITY;
            }
        }
        let biased = (top + 1023) as u64;
        f64::from_bits((biased << 52) | (mant & ((1u64 << 52) - 1)))
    } else {
        // Subnormal (or rounded up to the smallest normal): the raw bits are
        // the mantissa itself.
        f64::from_bits(mant)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lex_all(src: &str) -> Result<Vec<Token>, SyntaxError> {
        let mut l = Lexer::new(src.as_bytes());
        let mut v = Vec::new();
        loop {
            let t = l.next_token()?;
            if t == Token::Eos {
                return Ok(v);
            }
            v.push(t);
        }
    }

    fn one(src: &str) -> Token {
        let v = lex_all(src).unwrap();
        assert_eq!(v.len(), 1, "{:?}", v);
        v.into_iter().next().unwrap()
    }

    fn s(src: &str) -> Vec<u8> {
        match one(src) {
            Token::Str(s) => s,
            t => panic!("not a string: {:?}", t),
        }
    }

    fn err(src: &str) -> (u32, String) {
        let e = lex_all(src).unwrap_err();
        (e.line, e.msg)
    }

    #[test]
    fn symbols_and_words() {
        use Token::*;
        let v = lex_all("and or not ~= == <= >= << >> // .. ... :: ; : . ~ = < > / + - * % ^ # & | ( ) { } [ ] , foo _x1 goto").unwrap();
        assert_eq!(
            v,
            vec![
                And,
                Or,
                Not,
                Ne,
                Eq,
                Le,
                Ge,
                Shl,
                Shr,
                IDiv,
                Concat,
                Dots,
                DbColon,
                Char(b';'),
                Char(b':'),
                Char(b'.'),
                Char(b'~'),
                Char(b'='),
                Char(b'<'),
                Char(b'>'),
                Char(b'/'),
                Char(b'+'),
                Char(b'-'),
                Char(b'*'),
                Char(b'%'),
                Char(b'^'),
                Char(b'#'),
                Char(b'&'),
                Char(b'|'),
                Char(b'('),
                Char(b')'),
                Char(b'{'),
                Char(b'}'),
                Char(b'['),
                Char(b']'),
                Char(b','),
                Name("foo".into()),
                Name("_x1".into()),
                Goto
            ]
        );
    }

    #[test]
    fn numbers() {
        use Token::*;
        assert_eq!(one("9223372036854775807"), Int(i64::MAX));
        assert_eq!(one("9223372036854775808"), Float(9223372036854775808.0));
        assert_eq!(one("0x7fffffffffffffff"), Int(i64::MAX));
        assert_eq!(one("0xffffffffffffffff"), Int(-1));
        assert_eq!(one("0xffffffffffffffffff"), Int(-1));
        assert_eq!(one("0x10000000000000000"), Int(0));
        assert_eq!(one("1e308"), Float(1e308));
        assert_eq!(one("1e309"), Float(f64::INFINITY));
        assert_eq!(one("0x1p-2"), Float(0.25));
        assert_eq!(one("3."), Float(3.0));
        assert_eq!(one(".5"), Float(0.5));
        assert_eq!(one("0x.8"), Float(0.5));
        assert_eq!(one("0x8."), Float(8.0));
        assert_eq!(one("0xA"), Int(10));
        assert_eq!(one("0XaBp1"), Float(342.0));
        assert_eq!(one("0x1P+4"), Float(16.0));
        assert_eq!(one("1E2"), Float(100.0));
        assert_eq!(one("1.e2"), Float(100.0));
        assert_eq!(one("2e-3"), Float(0.002));
        assert_eq!(one("007"), Int(7));
        assert_eq!(one("0"), Int(0));
        assert_eq!(one("0.1"), Float(0.1));
        assert_eq!(
            one("123456789012345678901234567890"),
            Float(1.2345678901234568e29)
        );
        assert_eq!(
            lex_all("0x1e+1").unwrap(),
            vec![Int(30), Char(b'+'), Int(1)]
        );
        assert_eq!(lex_all("3-4").unwrap(), vec![Int(3), Char(b'-'), Int(4)]);
        assert_eq!(
            lex_all("1..2").unwrap_err().msg,
            "malformed number near '1..2'"
        );
        assert_eq!(
            lex_all("a..b").unwrap(),
            vec![Name("a".into()), Concat, Name("b".into())]
        );
    }

    #[test]
    fn hex_floats_exact() {
        use Token::*;
        assert_eq!(one("0x1p-1074"), Float(f64::from_bits(1)));
        assert_eq!(one("0x1p-1075"), Float(0.0)); // tie, rounds to even (0)
        assert_eq!(one("0x1.8p-1075"), Float(f64::from_bits(1)));
        assert_eq!(one("0x1p-1076"), Float(0.0));
        assert_eq!(one("0x1p1023"), Float(8.98846567431158e307));
        assert_eq!(one("0x1p1024"), Float(f64::INFINITY));
        assert_eq!(one("0x1.fffffffffffffp1023"), Float(f64::MAX));
        assert_eq!(one("0x1.fffffffffffff8p1023"), Float(f64::INFINITY));
        // 2^53 + 1 rounds to even (2^53); 2^53 + 3 rounds up.
        assert_eq!(one("0x20000000000001p0"), Float(9007199254740992.0));
        assert_eq!(one("0x20000000000003p0"), Float(9007199254740996.0));
        // sticky bits beyond 16 digits
        assert_eq!(
            one("0x20000000000001000000001p0"),
            Float(f64::from_bits(0x4580000000000001))
        );
        assert_eq!(one("0x0.0000000000000000000001p0"), Float(2f64.powi(-88)));
        assert_eq!(one("0x.1"), Float(0.0625));
        assert_eq!(one("0x1p99999999999999999999"), Float(f64::INFINITY));
        assert_eq!(one("0x1p-99999999999999999999"), Float(0.0));
        assert_eq!(one("0x0p99999999"), Float(0.0));
        // smallest normal, reached by rounding up a subnormal
        assert_eq!(
            one("0x1.fffffffffffffffp-1023"),
            Float(f64::from_bits(1 << 52))
        );
        assert_eq!(
            one("0xf.fffffffffffff8p-1026"),
            Float(f64::from_bits(1 << 52))
        );
    }

    #[test]
    fn malformed_numbers() {
        assert_eq!(err("3x"), (1, "malformed number near '3x'".into()));
        assert_eq!(err("3fgh"), (1, "malformed number near '3fg'".into()));
        assert_eq!(err("0x"), (1, "malformed number near '0x'".into()));
        assert_eq!(err("0xg"), (1, "malformed number near '0xg'".into()));
        assert_eq!(err("0x1p"), (1, "malformed number near '0x1p'".into()));
        assert_eq!(err("1e"), (1, "malformed number near '1e'".into()));
        assert_eq!(err("1e+"), (1, "malformed number near '1e+'".into()));
        assert_eq!(err("3end"), (1, "malformed number near '3en'".into()));
        assert_eq!(err(".0x1"), (1, "malformed number near '.0x1'".into()));
        assert_eq!(err("1.5.5"), (1, "malformed number near '1.5.5'".into()));
        assert_eq!(
            err("0x1.8.8"),
            (1, "malformed number near '0x1.8.8'".into())
        );
        assert_eq!(err("1_000"), (1, "malformed number near '1_'".into()));
    }

    #[test]
    fn strings_and_escapes() {
        assert_eq!(s(r#""abc""#), b"abc");
        assert_eq!(s(r#"'a"b'"#), b"a\"b");
        assert_eq!(
            s(r#""\a\b\f\n\r\t\v\\\"\'""#),
            b"\x07\x08\x0c\n\r\t\x0b\\\"'"
        );
        assert_eq!(s("\"a\\\nb\""), b"a\nb");
        assert_eq!(s("\"a\\\r\nb\""), b"a\nb");
        assert_eq!(s(r#""\65\066\0067\255\0""#), b"AB\x067\xff\x00");
        assert_eq!(s(r#""\x41\xff\xFf""#), b"A\xff\xff");
        assert_eq!(s("\"a\\z  \n\r\n \t b\""), b"ab");
        assert_eq!(
            s(r#""\u{41}\u{7FF}\u{FFFF}\u{10FFFF}""#),
            "A\u{7ff}\u{ffff}\u{10ffff}".as_bytes()
        );
        assert_eq!(s(r#""\u{7FFFFFFF}""#), b"\xfd\xbf\xbf\xbf\xbf\xbf");
        assert_eq!(s(r#""\u{200000}""#), b"\xf8\x88\x80\x80\x80");
        assert_eq!(s(r#""\u{0000000041}""#), b"A");
        let mut l = Lexer::new(b"'\xff\x00\x80'");
        assert_eq!(l.next_token().unwrap(), Token::Str(vec![0xff, 0, 0x80]));
    }

    #[test]
    fn long_strings() {
        assert_eq!(s("[[abc]]"), b"abc");
        assert_eq!(s("[[\nabc]]"), b"abc");
        assert_eq!(s("[[\r\nabc\r\ndef]]"), b"abc\ndef");
        assert_eq!(s("[==[a]]]=]]==]"), b"a]]]=]");
        assert_eq!(s("[=[\n\n]=]"), b"\n");
        assert_eq!(s("[[a\\n]]"), b"a\\n");
        let mut l = Lexer::new(b"--[==[ comment \n ]] ]==] x --[ short\n y -- z\n--[[\n]]");
        assert_eq!(l.next_token().unwrap(), Token::Name("x".into()));
        assert_eq!(l.line, 2);
        assert_eq!(l.next_token().unwrap(), Token::Name("y".into()));
        assert_eq!(l.line, 3);
        assert_eq!(l.next_token().unwrap(), Token::Eos);
        assert_eq!(l.line, 5);
    }

    #[test]
    fn line_breaks() {
        let mut l = Lexer::new(b"a\r\nb\n\rc\rd\ne\n\nf\r\rg");
        let mut lines = Vec::new();
        while l.next_token().unwrap() != Token::Eos {
            lines.push(l.line);
        }
        assert_eq!(lines, vec![1, 2, 3, 4, 5, 7, 9]);
    }

    #[test]
    fn lexical_errors() {
        assert_eq!(err("\"abc"), (1, "unfinished string near <eof>".into()));
        assert_eq!(
            err("\"abc\ndef\""),
            (1, "unfinished string near '\"abc'".into())
        );
        assert_eq!(
            err(r#""\q""#),
            (1, r#"invalid escape sequence near '"\q'"#.into())
        );
        assert_eq!(
            err(r#""\xg""#),
            (1, r#"hexadecimal digit expected near '"\xg'"#.into())
        );
        assert_eq!(
            err(r#""\x5g""#),
            (1, r#"hexadecimal digit expected near '"\x5g'"#.into())
        );
        assert_eq!(
            err(r#""\x"#),
            (1, r#"hexadecimal digit expected near '"\x'"#.into())
        );
        assert_eq!(
            err(r#""\u{80000000}""#),
            (1, r#"UTF-8 value too large near '"\u{80000000'"#.into())
        );
        assert_eq!(
            err(r#""\256""#),
            (1, r#"decimal escape too large near '"\256"'"#.into())
        );
        assert_eq!(
            err(r#""ab\999"#),
            (1, r#"decimal escape too large near '"ab\999'"#.into())
        );
        assert_eq!(err(r#""\u41""#), (1, r#"missing '{' near '"\u4'"#.into()));
        assert_eq!(
            err(r#""\u{41""#),
            (1, r#"missing '}' near '"\u{41"'"#.into())
        );
        assert_eq!(
            err(r#""\u{}""#),
            (1, r#"hexadecimal digit expected near '"\u{}'"#.into())
        );
        assert_eq!(
            err("x = [==[ abc"),
            (
                1,
                "unfinished long string (starting at line 1) near <eof>".into()
            )
        );
        assert_eq!(
            err("\n[[\n\n"),
            (
                4,
                "unfinished long string (starting at line 2) near <eof>".into()
            )
        );
        assert_eq!(
            err("--[==[ abc\n"),
            (
                2,
                "unfinished long comment (starting at line 1) near <eof>".into()
            )
        );
        assert_eq!(
            err("x = [="),
            (1, "invalid long string delimiter near '[='".into())
        );
        assert_eq!(err("\"a\\"), (1, "unfinished string near <eof>".into()));
        assert_eq!(
            err("\"a\\z\n\n"),
            (3, "unfinished string near <eof>".into())
        );
    }
}
