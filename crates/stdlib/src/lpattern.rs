//! Lua 5.4 pattern matching (manual §6.4.1), byte for byte compatible with
//! PUC Lua's lstrlib.c, including its error messages and limits.
//!
//! The module is pure: it knows nothing about the VM. The string library
//! builds `string.find`, `string.match`, `string.gmatch` and `string.gsub`
//! on top of [`Matcher`] (or the ready-made drivers [`str_find_aux`],
//! [`GmatchState`] and [`gsub`]).
//!
//! Conventions:
//! * all offsets are 0-based byte offsets into the subject;
//! * a [`Capture::Span`] is a half-open range `start..end` of the subject;
//! * a [`Capture::Position`] holds the **1-based** position exactly as Lua
//!   returns it for a `()` capture (so the caller can push it unchanged).
//!
//! Stack safety: as in lstrlib, single-character repetitions (`*`, `+`,
//! `-`, `?` after a non-matching item) are iterative, and every genuine
//! recursion goes through [`Matcher`]'s depth counter, which raises
//! "pattern too complex" after `MAXCCALLS` (200) nested calls. The Rust
//! stack use is therefore bounded for any pattern and subject.
//!
//! Like C, the matcher reads a virtual `'\0'` one past the end of the
//! pattern and of the subject (where lstrlib relies on the terminating NUL
//! of Lua strings); [`Matcher`] emulates that with bounds-checked reads.

use std::fmt;
use std::io::Write;

/// Maximum number of captures in a pattern (LUA_MAXCAPTURES).
pub const MAX_CAPTURES: usize = 32;

/// Maximum recursion depth of the matcher (MAXCCALLS in lstrlib.c).
const MAX_CCALLS: u32 = 200;

/// The escape character of patterns.
const L_ESC: u8 = b'%';

/// Characters that make `string.find` use the pattern matcher.
const SPECIALS: &[u8] = b"^$*+?.([%-";

/// Capture length markers (as in lstrlib.c).
const CAP_UNFINISHED: isize = -1;
const CAP_POSITION: isize = -2;

/// A pattern error; the message is exactly the text PUC Lua raises
/// (e.g. `malformed pattern (ends with '%')`), with no prefix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatError(pub String);

impl fmt::Display for PatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for PatError {}

fn err<T>(msg: &str) -> Result<T, PatError> {
    Err(PatError(msg.to_string()))
}

/// Internal, allocation-free error code of the matcher: keeps the hot
/// recursive functions' results small (converted to [`PatError`] at the
/// public boundary).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum MErr {
    TooComplex,
    TooManyCaptures,
    EndsWithEsc,
    MissingBracket,
    MissingBalanceArgs,
    MissingFrontierBracket,
    InvalidCaptureIndex(i32),
    InvalidPatternCapture,
}

impl From<MErr> for PatError {
    fn from(e: MErr) -> Self {
        PatError(match e {
            MErr::TooComplex => "pattern too complex".to_string(),
            MErr::TooManyCaptures => "too many captures".to_string(),
            MErr::EndsWithEsc => "malformed pattern (ends with '%')".to_string(),
            MErr::MissingBracket => "malformed pattern (missing ']')".to_string(),
            MErr::MissingBalanceArgs => "malformed pattern (missing arguments to '%b')".to_string(),
            MErr::MissingFrontierBracket => "missing '[' after '%f' in pattern".to_string(),
            MErr::InvalidCaptureIndex(i) => format!("invalid capture index %{i}"),
            MErr::InvalidPatternCapture => "invalid pattern capture".to_string(),
        })
    }
}

/// Result of the internal matching functions: the end of the match, if any.
type MResult = Result<Option<usize>, MErr>;

/// One capture value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Capture {
    /// The substring `src[start..end]`.
    Span(usize, usize),
    /// A position capture `()`: the 1-based position as Lua returns it.
    Position(usize),
}

/// Whether `pat` contains any pattern-special character. When it does not,
/// `string.find` performs a plain substring search (lstrlib's `nospecials`).
pub fn has_specials(pat: &[u8]) -> bool {
    pat.iter().any(|c| SPECIALS.contains(c))
}

/// Plain substring search starting at byte offset `from`; returns the
/// 0-based offset of the first occurrence. An empty needle is found at
/// `from` (if `from <= hay.len()`).
pub fn find_plain(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    let hay_rest = hay.get(from..)?;
    let (&first, tail) = match needle.split_first() {
        None => return Some(from),
        Some(x) => x,
    };
    if needle.len() > hay_rest.len() {
        return None;
    }
    // Candidate starts: positions where the whole needle still fits.
    let last_start = hay_rest.len() - needle.len();
    let mut i = 0;
    while i <= last_start {
        // Scan for the first byte, then compare the remainder.
        match hay_rest[i..=last_start].iter().position(|&c| c == first) {
            None => return None,
            Some(off) => {
                let pos = i + off;
                if hay_rest.get(pos + 1..pos + needle.len()) == Some(tail) {
                    return Some(from + pos);
                }
                i = pos + 1;
            }
        }
    }
    None
}

/// Split a leading `^` anchor off a pattern (as find/match/gsub do; gmatch
/// does not, there `^` matches a literal '^').
pub fn strip_anchor(pat: &[u8]) -> (bool, &[u8]) {
    match pat.split_first() {
        Some((b'^', rest)) => (true, rest),
        _ => (false, pat),
    }
}

/// C-locale `ctype` class test for a pattern class letter (`%a`, `%D`,
/// ...). Any other character matches itself (`%.` matches '.').
fn match_class(c: u8, cl: u8) -> bool {
    let res = match cl.to_ascii_lowercase() {
        b'a' => c.is_ascii_alphabetic(),
        b'c' => c.is_ascii_control(),
        b'd' => c.is_ascii_digit(),
        b'g' => c.is_ascii_graphic(),
        b'l' => c.is_ascii_lowercase(),
        b'p' => c.is_ascii_punctuation(),
        b's' => matches!(c, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r'),
        b'u' => c.is_ascii_uppercase(),
        b'w' => c.is_ascii_alphanumeric(),
        b'x' => c.is_ascii_hexdigit(),
        b'z' => c == 0, // deprecated, still accepted by 5.4
        _ => return cl == c,
    };
    if cl.is_ascii_lowercase() {
        res
    } else {
        !res
    }
}

/// Matching state for one subject and one pattern (lstrlib's MatchState).
///
/// It is cheap to create (no allocation); create one per library call and
/// reuse it for every match attempt of that call.
pub struct Matcher<'a> {
    src: &'a [u8],
    pat: &'a [u8],
    /// Remaining recursion budget.
    depth: u32,
    /// Number of captures (finished or not).
    level: usize,
    /// (start, len) per capture; len may be CAP_UNFINISHED / CAP_POSITION.
    capture: [(usize, isize); MAX_CAPTURES],
}

impl<'a> Matcher<'a> {
    /// Prepare to match `pat` (already stripped of any anchor the caller
    /// handles) against `src`.
    pub fn new(src: &'a [u8], pat: &'a [u8]) -> Self {
        Matcher {
            src,
            pat,
            depth: MAX_CCALLS,
            level: 0,
            capture: [(0, 0); MAX_CAPTURES],
        }
    }

    /// The subject.
    pub fn src(&self) -> &'a [u8] {
        self.src
    }

    /// Try to match the pattern exactly at offset `s` (no scanning).
    /// Returns the end offset of the match.
    pub fn match_at(&mut self, s: usize) -> Result<Option<usize>, PatError> {
        Ok(self.match_at_raw(s)?)
    }

    #[inline]
    fn match_at_raw(&mut self, s: usize) -> MResult {
        self.level = 0;
        self.depth = MAX_CCALLS;
        if s > self.src.len() {
            return Ok(None);
        }
        self.do_match(s, 0)
    }

    /// Scan for a match starting at `init`, `init + 1`, ... up to the end of
    /// the subject (only at `init` when `anchor`). Returns `(start, end)`.
    pub fn search(
        &mut self,
        init: usize,
        anchor: bool,
    ) -> Result<Option<(usize, usize)>, PatError> {
        let mut s1 = init;
        loop {
            if let Some(e) = self.match_at_raw(s1)? {
                return Ok(Some((s1, e)));
            }
            if anchor || s1 >= self.src.len() {
                return Ok(None);
            }
            s1 += 1;
        }
    }

    /// Number of captures of the last successful match.
    pub fn level(&self) -> usize {
        self.level
    }

    /// How many values a match produces (push_captures): the captures, or
    /// the whole match when there are none and `whole_match` is requested
    /// (string.match/gmatch/gsub functions), or none for string.find.
    pub fn num_results(&self, whole_match: bool) -> usize {
        if self.level == 0 && whole_match {
            1
        } else {
            self.level
        }
    }

    /// Capture `i` (0-based) of the last match `s..e` (get_onecapture).
    /// With no captures, index 0 denotes the whole match.
    pub fn capture(&self, i: usize, s: usize, e: usize) -> Result<Capture, PatError> {
        if i >= self.level {
            if i != 0 {
                return Err(PatError(format!("invalid capture index %{}", i + 1)));
            }
            Ok(Capture::Span(s, e))
        } else {
            let (init, len) = self.capture[i];
            match len {
                CAP_UNFINISHED => err("unfinished capture"),
                CAP_POSITION => Ok(Capture::Position(init + 1)),
                _ => Ok(Capture::Span(init, init + len as usize)),
            }
        }
    }

    /// All result values of the last match `s..e` (see [`Self::num_results`]).
    pub fn captures(
        &self,
        s: usize,
        e: usize,
        whole_match: bool,
    ) -> Result<Vec<Capture>, PatError> {
        (0..self.num_results(whole_match))
            .map(|i| self.capture(i, s, e))
            .collect()
    }

    /// The bytes of a capture (`None` for a position capture).
    pub fn capture_bytes(&self, c: Capture) -> Option<&'a [u8]> {
        match c {
            Capture::Span(a, b) => self.src.get(a..b),
            Capture::Position(_) => None,
        }
    }

    /// Append the expansion of a gsub replacement string for the match
    /// `s..e` to `out` (lstrlib's add_s): `%0` whole match, `%1`-`%9`
    /// captures (positions as decimal integers), `%%` a percent sign.
    pub fn add_replacement(
        &self,
        repl: &[u8],
        s: usize,
        e: usize,
        out: &mut Vec<u8>,
    ) -> Result<(), PatError> {
        let mut i = 0;
        while i < repl.len() {
            let c = repl[i];
            if c != L_ESC {
                // Copy the run up to the next escape in one go.
                let run = repl[i..]
                    .iter()
                    .position(|&x| x == L_ESC)
                    .unwrap_or(repl.len() - i);
                out.extend_from_slice(&repl[i..i + run]);
                i += run;
                continue;
            }
            let d = repl.get(i + 1).copied().unwrap_or(0);
            if d == L_ESC {
                out.push(L_ESC);
            } else if d == b'0' {
                out.extend_from_slice(self.src.get(s..e).unwrap_or(&[]));
            } else if d.is_ascii_digit() {
                match self.capture(usize::from(d - b'1'), s, e)? {
                    Capture::Span(a, b) => out.extend_from_slice(self.src.get(a..b).unwrap_or(&[])),
                    Capture::Position(p) => {
                        let _ = write!(out, "{p}");
                    }
                }
            } else {
                return err("invalid use of '%' in replacement string");
            }
            i += 2;
        }
        Ok(())
    }

    // ----- internals -------------------------------------------------------

    /// Pattern byte at `i`, or the virtual terminating NUL.
    #[inline]
    fn p_at(&self, i: usize) -> u8 {
        self.pat.get(i).copied().unwrap_or(0)
    }

    /// Subject byte at `i`, or the virtual terminating NUL.
    #[inline]
    fn s_at(&self, i: usize) -> u8 {
        self.src.get(i).copied().unwrap_or(0)
    }

    /// Index just past the single-char class starting at `p`.
    fn class_end(&self, mut p: usize) -> Result<usize, MErr> {
        let c = self.p_at(p);
        p += 1;
        match c {
            L_ESC => {
                if p >= self.pat.len() {
                    return Err(MErr::EndsWithEsc);
                }
                Ok(p + 1)
            }
            b'[' => {
                if self.p_at(p) == b'^' {
                    p += 1;
                }
                // Look for the closing ']' (a ']' right after '[' or '[^'
                // is a literal member of the set).
                loop {
                    if p >= self.pat.len() {
                        return Err(MErr::MissingBracket);
                    }
                    let c = self.pat[p];
                    p += 1;
                    if c == L_ESC && p < self.pat.len() {
                        p += 1; // skip escapes such as '%]'
                    }
                    if self.p_at(p) == b']' {
                        break;
                    }
                }
                Ok(p + 1)
            }
            _ => Ok(p),
        }
    }

    /// Does `c` belong to the set `[...]` spanning pattern indices
    /// `p` (the '[') to `ec` (the closing ']')?
    fn match_bracket_class(&self, c: u8, p: usize, ec: usize) -> bool {
        // Work on the slice strictly between '[' and ']' (class_end
        // guarantees every escape's operand lies inside it).
        let set = self.pat.get(p + 1..ec).unwrap_or(&[]);
        let (sig, set) = match set.split_first() {
            Some((b'^', rest)) => (false, rest),
            _ => (true, set),
        };
        let mut i = 0;
        while i < set.len() {
            let pc = set[i];
            if pc == L_ESC {
                i += 1;
                if match_class(c, set.get(i).copied().unwrap_or(b']')) {
                    return sig;
                }
            } else if i + 2 < set.len() && set[i + 1] == b'-' {
                if pc <= c && c <= set[i + 2] {
                    return sig;
                }
                i += 2;
            } else if pc == c {
                return sig;
            }
            i += 1;
        }
        !sig
    }

    /// Does the subject byte at `s` match the class `p..ep`?
    #[inline]
    fn single_match(&self, s: usize, p: usize, ep: usize) -> bool {
        let Some(&c) = self.src.get(s) else {
            return false;
        };
        match self.p_at(p) {
            b'.' => true,
            L_ESC => match_class(c, self.p_at(p + 1)),
            b'[' => self.match_bracket_class(c, p, ep - 1),
            pc => pc == c,
        }
    }

    /// `%bxy` with `p` at 'x'.
    fn match_balance(&self, s: usize, p: usize) -> MResult {
        if p + 1 >= self.pat.len() {
            return Err(MErr::MissingBalanceArgs);
        }
        let (b, e) = (self.pat[p], self.pat[p + 1]);
        if s >= self.src.len() || self.src[s] != b {
            return Ok(None);
        }
        let mut cont = 1usize;
        for (i, &c) in self.src.iter().enumerate().skip(s + 1) {
            if c == e {
                cont -= 1;
                if cont == 0 {
                    return Ok(Some(i + 1));
                }
            } else if c == b {
                cont += 1;
            }
        }
        Ok(None)
    }

    /// Greedy repetition: count the maximal run, then back off one by one.
    fn max_expand(&mut self, s: usize, p: usize, ep: usize) -> MResult {
        let mut i = 0usize;
        while self.single_match(s + i, p, ep) {
            i += 1;
        }
        loop {
            if let Some(r) = self.do_match(s + i, ep + 1)? {
                return Ok(Some(r));
            }
            if i == 0 {
                return Ok(None);
            }
            i -= 1;
        }
    }

    /// Lazy repetition: try the rest first, then consume one more char.
    fn min_expand(&mut self, mut s: usize, p: usize, ep: usize) -> MResult {
        loop {
            if let Some(r) = self.do_match(s, ep + 1)? {
                return Ok(Some(r));
            }
            if self.single_match(s, p, ep) {
                s += 1;
            } else {
                return Ok(None);
            }
        }
    }

    fn start_capture(&mut self, s: usize, p: usize, what: isize) -> MResult {
        if self.level >= MAX_CAPTURES {
            return Err(MErr::TooManyCaptures);
        }
        self.capture[self.level] = (s, what);
        self.level += 1;
        let res = self.do_match(s, p)?;
        if res.is_none() {
            self.level -= 1; // undo capture
        }
        Ok(res)
    }

    fn end_capture(&mut self, s: usize, p: usize) -> MResult {
        // Close the innermost unfinished capture.
        let l = match (0..self.level)
            .rev()
            .find(|&l| self.capture[l].1 == CAP_UNFINISHED)
        {
            Some(l) => l,
            None => return Err(MErr::InvalidPatternCapture),
        };
        self.capture[l].1 = s.saturating_sub(self.capture[l].0) as isize;
        let res = self.do_match(s, p)?;
        if res.is_none() {
            self.capture[l].1 = CAP_UNFINISHED; // undo capture
        }
        Ok(res)
    }

    /// Back-reference `%1`..`%9` (`digit` is the ASCII digit).
    fn match_capture(&self, s: usize, digit: u8) -> MResult {
        let l = i32::from(digit) - i32::from(b'1');
        if l < 0 || l as usize >= self.level || self.capture[l as usize].1 == CAP_UNFINISHED {
            return Err(MErr::InvalidCaptureIndex(l + 1));
        }
        let (init, len) = self.capture[l as usize];
        // A position capture has a negative length: it never matches
        // (in C the length converts to a huge size_t).
        if len < 0 {
            return Ok(None);
        }
        let len = len as usize;
        let cap = self.src.get(init..init + len);
        match self.src.get(s..s + len) {
            Some(here) if Some(here) == cap => Ok(Some(s + len)),
            _ => Ok(None),
        }
    }

    /// The recursive matcher; every call consumes one unit of depth.
    fn do_match(&mut self, s: usize, p: usize) -> MResult {
        if self.depth == 0 {
            return Err(MErr::TooComplex);
        }
        self.depth -= 1;
        let res = self.match_body(s, p);
        self.depth += 1;
        res
    }

    fn match_body(&mut self, mut s: usize, mut p: usize) -> MResult {
        // The loop replaces the tail calls ("goto init" in lstrlib).
        loop {
            if p >= self.pat.len() {
                return Ok(Some(s)); // end of pattern
            }
            match self.pat[p] {
                b'(' => {
                    return if self.p_at(p + 1) == b')' {
                        self.start_capture(s, p + 2, CAP_POSITION)
                    } else {
                        self.start_capture(s, p + 1, CAP_UNFINISHED)
                    };
                }
                b')' => return self.end_capture(s, p + 1),
                b'$' if p + 1 == self.pat.len() => {
                    return Ok(if s == self.src.len() { Some(s) } else { None });
                }
                L_ESC if self.p_at(p + 1) == b'b' => match self.match_balance(s, p + 2)? {
                    Some(ns) => {
                        s = ns;
                        p += 4;
                        continue;
                    }
                    None => return Ok(None),
                },
                L_ESC if self.p_at(p + 1) == b'f' => {
                    p += 2;
                    if self.p_at(p) != b'[' {
                        return Err(MErr::MissingFrontierBracket);
                    }
                    let ep = self.class_end(p)?;
                    let previous = if s == 0 { 0 } else { self.s_at(s - 1) };
                    let current = self.s_at(s);
                    if !self.match_bracket_class(previous, p, ep - 1)
                        && self.match_bracket_class(current, p, ep - 1)
                    {
                        p = ep;
                        continue;
                    }
                    return Ok(None);
                }
                L_ESC if self.p_at(p + 1).is_ascii_digit() => {
                    match self.match_capture(s, self.p_at(p + 1))? {
                        Some(ns) => {
                            s = ns;
                            p += 2;
                            continue;
                        }
                        None => return Ok(None),
                    }
                }
                _ => {
                    // A single-char class plus an optional repetition suffix.
                    let ep = self.class_end(p)?;
                    let suffix = self.p_at(ep);
                    if !self.single_match(s, p, ep) {
                        if matches!(suffix, b'*' | b'?' | b'-') {
                            p = ep + 1; // accept empty
                            continue;
                        }
                        return Ok(None); // '+' or no suffix
                    }
                    match suffix {
                        b'?' => {
                            if let Some(r) = self.do_match(s + 1, ep + 1)? {
                                return Ok(Some(r));
                            }
                            p = ep + 1;
                        }
                        b'+' => return self.max_expand(s + 1, p, ep),
                        b'*' => return self.max_expand(s, p, ep),
                        b'-' => return self.min_expand(s, p, ep),
                        _ => {
                            s += 1;
                            p = ep;
                        }
                    }
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Drivers for the string library functions
// ---------------------------------------------------------------------------

/// Result of [`str_find_aux`]: `(start, end, captures)` with `start..end`
/// the 0-based half-open span of the match (`string.find` returns
/// `start + 1, end`).
pub type FindResult = (usize, usize, Vec<Capture>);

/// `string.find` (`find == true`) and `string.match` (`find == false`)
/// after argument processing (lstrlib's str_find_aux).
///
/// `init` is the 0-based start offset (i.e. Lua's adjusted `init - 1`); an
/// `init` past the end of the subject fails. `plain` is find's 4th
/// argument. For find, the captures are only the explicit ones; for match
/// they default to the whole match.
pub fn str_find_aux(
    src: &[u8],
    pat: &[u8],
    init: usize,
    find: bool,
    plain: bool,
) -> Result<Option<FindResult>, PatError> {
    if init > src.len() {
        return Ok(None);
    }
    if find && (plain || !has_specials(pat)) {
        return Ok(find_plain(src, pat, init).map(|s| (s, s + pat.len(), Vec::new())));
    }
    let (anchor, pat) = strip_anchor(pat);
    let mut m = Matcher::new(src, pat);
    match m.search(init, anchor)? {
        Some((s, e)) => {
            let caps = m.captures(s, e, !find)?;
            Ok(Some((s, e, caps)))
        }
        None => Ok(None),
    }
}

/// Iteration state of a `string.gmatch` closure. Keep it in the closure and
/// build a fresh [`Matcher`] over the same subject and pattern for each
/// call (the pattern is used as is: gmatch does not treat '^' as anchor).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GmatchState {
    /// Current scan position.
    pub src: usize,
    /// End of the last match (an empty match there is skipped).
    pub lastmatch: Option<usize>,
}

impl GmatchState {
    /// Start at 0-based offset `init` (Lua's adjusted `init - 1`; offsets
    /// past the end are clamped to `len + 1`, which yields nothing).
    pub fn new(src_len: usize, init: usize) -> Self {
        GmatchState {
            src: init.min(src_len + 1),
            lastmatch: None,
        }
    }

    /// Find the next match; on success returns its span, and the values to
    /// produce are `m.captures(s, e, true)`.
    pub fn next(&mut self, m: &mut Matcher<'_>) -> Result<Option<(usize, usize)>, PatError> {
        let mut src = self.src;
        while src <= m.src().len() {
            if let Some(e) = m.match_at(src)? {
                if Some(e) != self.lastmatch {
                    self.src = e;
                    self.lastmatch = Some(e);
                    return Ok(Some((src, e)));
                }
            }
            src += 1;
        }
        Ok(None)
    }
}

/// `string.gsub` after argument processing (lstrlib's str_gsub).
///
/// `max_n` is the 4th argument (default `src.len() + 1`). For every match
/// `s..e`, `repl(matcher, s, e, out)` must append the replacement to `out`
/// and return whether the subject changed: for a string/number replacement
/// call [`Matcher::add_replacement`] and return `true`; for a
/// function/table whose result is nil/false append `src[s..e]` and return
/// `false`. Errors of `repl` propagate unchanged.
///
/// Returns the new string (`None` when nothing changed, so the caller can
/// return the original string object) and the number of matches.
pub fn gsub<E, F>(
    src: &[u8],
    pat: &[u8],
    max_n: i64,
    mut repl: F,
) -> Result<(Option<Vec<u8>>, i64), E>
where
    E: From<PatError>,
    F: FnMut(&Matcher<'_>, usize, usize, &mut Vec<u8>) -> Result<bool, E>,
{
    let (anchor, pat) = strip_anchor(pat);
    let mut m = Matcher::new(src, pat);
    let mut out = Vec::new();
    let mut pos = 0usize;
    let mut lastmatch = None;
    let mut n = 0i64;
    let mut changed = false;
    while n < max_n {
        let e = m.match_at(pos)?;
        match e {
            Some(e) if Some(e) != lastmatch => {
                n += 1;
                changed |= repl(&m, pos, e, &mut out)?;
                pos = e;
                lastmatch = Some(e);
            }
            _ => {
                if pos < src.len() {
                    out.push(src[pos]);
                    pos += 1;
                } else {
                    break;
                }
            }
        }
        if anchor {
            break;
        }
    }
    if !changed {
        return Ok((None, n));
    }
    out.extend_from_slice(src.get(pos..).unwrap_or(&[]));
    Ok((Some(out), n))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Lua's posrelatI followed by the `- 1` that lstrlib applies.
    fn init0(init: i64, len: usize) -> usize {
        let p = if init > 0 {
            init as usize
        } else if init == 0 || init.unsigned_abs() as usize > len {
            1
        } else {
            len - init.unsigned_abs() as usize + 1
        };
        p - 1
    }

    fn ser_caps(src: &[u8], caps: &[Capture], out: &mut Vec<u8>) {
        for c in caps {
            if !out.is_empty() && out.last() != Some(&b'{') {
                out.push(b' ');
            }
            match *c {
                Capture::Span(a, b) => {
                    out.push(b'[');
                    out.extend_from_slice(&src[a..b]);
                    out.push(b']');
                }
                Capture::Position(p) => out.extend_from_slice(p.to_string().as_bytes()),
            }
        }
    }

    fn err_bytes(e: PatError) -> Vec<u8> {
        format!("E:{}", e.0).into_bytes()
    }

    fn do_find(s: &[u8], p: &[u8], init: i64, find: bool) -> Vec<u8> {
        match str_find_aux(s, p, init0(init, s.len()), find, false) {
            Err(e) => err_bytes(e),
            Ok(None) => b"nil".to_vec(),
            Ok(Some((a, b, caps))) => {
                let mut out = Vec::new();
                if find {
                    out.extend_from_slice(format!("{} {}", a + 1, b).as_bytes());
                }
                ser_caps(s, &caps, &mut out);
                out
            }
        }
    }

    fn do_gsub(s: &[u8], p: &[u8], max_n: i64) -> Vec<u8> {
        let r = gsub::<PatError, _>(s, p, max_n, |m, a, b, out| {
            m.add_replacement(b"<%1>", a, b, out)?;
            Ok(true)
        });
        match r {
            Err(e) => err_bytes(e),
            Ok((new, n)) => {
                let mut out = b"[".to_vec();
                out.extend_from_slice(new.as_deref().unwrap_or(s));
                out.extend_from_slice(format!("] {n}").as_bytes());
                out
            }
        }
    }

    fn do_gmatch(s: &[u8], p: &[u8], init: i64) -> Vec<u8> {
        let mut st = GmatchState::new(s.len(), init0(init, s.len()));
        let mut out = Vec::new();
        for _ in 0..50 {
            let mut m = Matcher::new(s, p);
            match st.next(&mut m) {
                Err(e) => return err_bytes(e),
                Ok(None) => break,
                Ok(Some((a, b))) => match m.captures(a, b, true) {
                    Err(e) => return err_bytes(e),
                    Ok(caps) => {
                        out.push(b'{');
                        ser_caps(s, &caps, &mut out);
                        out.push(b'}');
                    }
                },
            }
        }
        out
    }

    /// Long results are compared through their length and FNV-1a hash.
    fn check(what: &str, case: usize, got: &[u8], want: &[u8]) {
        let got = if want.starts_with(b"H:") {
            let mut h: u64 = 0xcbf29ce484222325;
            for &c in got {
                h = (h ^ u64::from(c)).wrapping_mul(1099511628211);
            }
            format!("H:{}:{:x}", got.len(), h).into_bytes()
        } else {
            got.to_vec()
        };
        assert_eq!(
            String::from_utf8_lossy(&got),
            String::from_utf8_lossy(want),
            "case {case} ({what})"
        );
    }

    type Case = (
        Vec<u8>,
        Vec<u8>,
        i64,
        Vec<u8>,
        Vec<u8>,
        Vec<u8>,
        Vec<u8>,
        Vec<u8>,
    );

    /// Expected values generated with lua5.4: string.find(s, p, init),
    /// string.match(s, p, init), string.gsub(s, p, "<%1>"),
    /// string.gsub(s, p, "<%1>", 2), and the gmatch(s, p, init) sequence.
    #[rustfmt::skip]
    fn cases() -> Vec<Case> {
        vec![
        (b"hello world".to_vec(), b"o".to_vec(), 1, b"5 5".to_vec(), b"[o]".to_vec(), b"[hell<o> w<o>rld] 2".to_vec(), b"[hell<o> w<o>rld] 2".to_vec(), b"{[o]}{[o]}".to_vec()),
        (b"hello world".to_vec(), b"o".to_vec(), 6, b"8 8".to_vec(), b"[o]".to_vec(), b"[hell<o> w<o>rld] 2".to_vec(), b"[hell<o> w<o>rld] 2".to_vec(), b"{[o]}".to_vec()),
        (b"hello world".to_vec(), b"l+".to_vec(), 1, b"3 4".to_vec(), b"[ll]".to_vec(), b"[he<ll>o wor<l>d] 2".to_vec(), b"[he<ll>o wor<l>d] 2".to_vec(), b"{[ll]}{[l]}".to_vec()),
        (b"hello world".to_vec(), b"(h)(e)".to_vec(), 1, b"1 2 [h] [e]".to_vec(), b"[h] [e]".to_vec(), b"[<h>llo world] 1".to_vec(), b"[<h>llo world] 1".to_vec(), b"{[h] [e]}".to_vec()),
        (b"hello world".to_vec(), b"^h".to_vec(), 1, b"1 1".to_vec(), b"[h]".to_vec(), b"[<h>ello world] 1".to_vec(), b"[<h>ello world] 1".to_vec(), b"".to_vec()),
        (b"hello world".to_vec(), b"^e".to_vec(), 1, b"nil".to_vec(), b"nil".to_vec(), b"[hello world] 0".to_vec(), b"[hello world] 0".to_vec(), b"".to_vec()),
        (b"hello world".to_vec(), b"d$".to_vec(), 1, b"11 11".to_vec(), b"[d]".to_vec(), b"[hello worl<d>] 1".to_vec(), b"[hello worl<d>] 1".to_vec(), b"{[d]}".to_vec()),
        (b"hello world".to_vec(), b"o$".to_vec(), 1, b"nil".to_vec(), b"nil".to_vec(), b"[hello world] 0".to_vec(), b"[hello world] 0".to_vec(), b"".to_vec()),
        (b"hello world".to_vec(), b"".to_vec(), 1, b"1 0".to_vec(), b"[]".to_vec(), b"[<>h<>e<>l<>l<>o<> <>w<>o<>r<>l<>d<>] 12".to_vec(), b"[<>h<>ello world] 2".to_vec(), b"{[]}{[]}{[]}{[]}{[]}{[]}{[]}{[]}{[]}{[]}{[]}{[]}".to_vec()),
        (b"hello world".to_vec(), b"".to_vec(), 12, b"12 11".to_vec(), b"[]".to_vec(), b"[<>h<>e<>l<>l<>o<> <>w<>o<>r<>l<>d<>] 12".to_vec(), b"[<>h<>ello world] 2".to_vec(), b"{[]}".to_vec()),
        (b"hello world".to_vec(), b"".to_vec(), 13, b"nil".to_vec(), b"nil".to_vec(), b"[<>h<>e<>l<>l<>o<> <>w<>o<>r<>l<>d<>] 12".to_vec(), b"[<>h<>ello world] 2".to_vec(), b"".to_vec()),
        (b"".to_vec(), b"".to_vec(), 1, b"1 0".to_vec(), b"[]".to_vec(), b"[<>] 1".to_vec(), b"[<>] 1".to_vec(), b"{[]}".to_vec()),
        (b"".to_vec(), b"a*".to_vec(), 1, b"1 0".to_vec(), b"[]".to_vec(), b"[<>] 1".to_vec(), b"[<>] 1".to_vec(), b"{[]}".to_vec()),
        (b"aaab".to_vec(), b"a-b".to_vec(), 1, b"1 4".to_vec(), b"[aaab]".to_vec(), b"[<aaab>] 1".to_vec(), b"[<aaab>] 1".to_vec(), b"{[aaab]}".to_vec()),
        (b"aaab".to_vec(), b"a*".to_vec(), 1, b"1 3".to_vec(), b"[aaa]".to_vec(), b"[<aaa>b<>] 2".to_vec(), b"[<aaa>b<>] 2".to_vec(), b"{[aaa]}{[]}".to_vec()),
        (b"aaab".to_vec(), b"a-".to_vec(), 1, b"1 0".to_vec(), b"[]".to_vec(), b"[<>a<>a<>a<>b<>] 5".to_vec(), b"[<>a<>aab] 2".to_vec(), b"{[]}{[]}{[]}{[]}{[]}".to_vec()),
        (b"aaab".to_vec(), b"a?".to_vec(), 1, b"1 1".to_vec(), b"[a]".to_vec(), b"[<a><a><a>b<>] 4".to_vec(), b"[<a><a>ab] 2".to_vec(), b"{[a]}{[a]}{[a]}{[]}".to_vec()),
        (b"aaab".to_vec(), b"a+".to_vec(), 1, b"1 3".to_vec(), b"[aaa]".to_vec(), b"[<aaa>b] 1".to_vec(), b"[<aaa>b] 1".to_vec(), b"{[aaa]}".to_vec()),
        (b"aaab".to_vec(), b"b*".to_vec(), 1, b"1 0".to_vec(), b"[]".to_vec(), b"[<>a<>a<>a<b>] 4".to_vec(), b"[<>a<>aab] 2".to_vec(), b"{[]}{[]}{[]}{[b]}".to_vec()),
        (b"aaa".to_vec(), b"^a-$".to_vec(), 1, b"1 3".to_vec(), b"[aaa]".to_vec(), b"[<aaa>] 1".to_vec(), b"[<aaa>] 1".to_vec(), b"".to_vec()),
        (b"aaa".to_vec(), b"a-$".to_vec(), 1, b"1 3".to_vec(), b"[aaa]".to_vec(), b"[<aaa>] 1".to_vec(), b"[<aaa>] 1".to_vec(), b"{[aaa]}".to_vec()),
        (b"aaab".to_vec(), b"a?b".to_vec(), 1, b"3 4".to_vec(), b"[ab]".to_vec(), b"[aa<ab>] 1".to_vec(), b"[aa<ab>] 1".to_vec(), b"{[ab]}".to_vec()),
        (b"ab".to_vec(), b"a?a?b".to_vec(), 1, b"1 2".to_vec(), b"[ab]".to_vec(), b"[<ab>] 1".to_vec(), b"[<ab>] 1".to_vec(), b"{[ab]}".to_vec()),
        (b"  key = value  ".to_vec(), b"(%w+)%s*=%s*(%w+)".to_vec(), 1, b"3 13 [key] [value]".to_vec(), b"[key] [value]".to_vec(), b"[  <key>  ] 1".to_vec(), b"[  <key>  ] 1".to_vec(), b"{[key] [value]}".to_vec()),
        (b"abc123def".to_vec(), b"%d+".to_vec(), 1, b"4 6".to_vec(), b"[123]".to_vec(), b"[abc<123>def] 1".to_vec(), b"[abc<123>def] 1".to_vec(), b"{[123]}".to_vec()),
        (b"abc123def".to_vec(), b"%D+".to_vec(), 1, b"1 3".to_vec(), b"[abc]".to_vec(), b"[<abc>123<def>] 2".to_vec(), b"[<abc>123<def>] 2".to_vec(), b"{[abc]}{[def]}".to_vec()),
        (b"abc123def".to_vec(), b"%a+".to_vec(), 4, b"7 9".to_vec(), b"[def]".to_vec(), b"[<abc>123<def>] 2".to_vec(), b"[<abc>123<def>] 2".to_vec(), b"{[def]}".to_vec()),
        (b"ABCdef".to_vec(), b"%u+".to_vec(), 1, b"1 3".to_vec(), b"[ABC]".to_vec(), b"[<ABC>def] 1".to_vec(), b"[<ABC>def] 1".to_vec(), b"{[ABC]}".to_vec()),
        (b"ABCdef".to_vec(), b"%l+".to_vec(), 1, b"4 6".to_vec(), b"[def]".to_vec(), b"[ABC<def>] 1".to_vec(), b"[ABC<def>] 1".to_vec(), b"{[def]}".to_vec()),
        (b"a.b,c!d".to_vec(), b"%p".to_vec(), 1, b"2 2".to_vec(), b"[.]".to_vec(), b"[a<.>b<,>c<!>d] 3".to_vec(), b"[a<.>b<,>c!d] 2".to_vec(), b"{[.]}{[,]}{[!]}".to_vec()),
        (b"a.b,c!d".to_vec(), b"%P+".to_vec(), 1, b"1 1".to_vec(), b"[a]".to_vec(), b"[<a>.<b>,<c>!<d>] 4".to_vec(), b"[<a>.<b>,c!d] 2".to_vec(), b"{[a]}{[b]}{[c]}{[d]}".to_vec()),
        (b"x\x09y\x0az".to_vec(), b"%s".to_vec(), 1, b"2 2".to_vec(), b"[\x09]".to_vec(), b"[x<\x09>y<\x0a>z] 2".to_vec(), b"[x<\x09>y<\x0a>z] 2".to_vec(), b"{[\x09]}{[\x0a]}".to_vec()),
        (b"x\x09y\x0az".to_vec(), b"%S+".to_vec(), 1, b"1 1".to_vec(), b"[x]".to_vec(), b"[<x>\x09<y>\x0a<z>] 3".to_vec(), b"[<x>\x09<y>\x0az] 2".to_vec(), b"{[x]}{[y]}{[z]}".to_vec()),
        (b"x\x00y".to_vec(), b"%z".to_vec(), 1, b"2 2".to_vec(), b"[\x00]".to_vec(), b"[x<\x00>y] 1".to_vec(), b"[x<\x00>y] 1".to_vec(), b"{[\x00]}".to_vec()),
        (b"x\x00y".to_vec(), b"%Z+".to_vec(), 1, b"1 1".to_vec(), b"[x]".to_vec(), b"[<x>\x00<y>] 2".to_vec(), b"[<x>\x00<y>] 2".to_vec(), b"{[x]}{[y]}".to_vec()),
        (b"\x01\x02abc\x7f".to_vec(), b"%c+".to_vec(), 1, b"1 2".to_vec(), b"[\x01\x02]".to_vec(), b"[<\x01\x02>abc<\x7f>] 2".to_vec(), b"[<\x01\x02>abc<\x7f>] 2".to_vec(), b"{[\x01\x02]}{[\x7f]}".to_vec()),
        (b"\x01\x02abc\x7f".to_vec(), b"%C+".to_vec(), 1, b"3 5".to_vec(), b"[abc]".to_vec(), b"[\x01\x02<abc>\x7f] 1".to_vec(), b"[\x01\x02<abc>\x7f] 1".to_vec(), b"{[abc]}".to_vec()),
        (b"deadBEEFxyz".to_vec(), b"%x+".to_vec(), 1, b"1 8".to_vec(), b"[deadBEEF]".to_vec(), b"[<deadBEEF>xyz] 1".to_vec(), b"[<deadBEEF>xyz] 1".to_vec(), b"{[deadBEEF]}".to_vec()),
        (b"deadBEEFxyz".to_vec(), b"%X+".to_vec(), 1, b"9 11".to_vec(), b"[xyz]".to_vec(), b"[deadBEEF<xyz>] 1".to_vec(), b"[deadBEEF<xyz>] 1".to_vec(), b"{[xyz]}".to_vec()),
        (b"a b_c".to_vec(), b"%w+".to_vec(), 1, b"1 1".to_vec(), b"[a]".to_vec(), b"[<a> <b>_<c>] 3".to_vec(), b"[<a> <b>_c] 2".to_vec(), b"{[a]}{[b]}{[c]}".to_vec()),
        (b"a b_c".to_vec(), b"%W".to_vec(), 1, b"2 2".to_vec(), b"[ ]".to_vec(), b"[a< >b<_>c] 2".to_vec(), b"[a< >b<_>c] 2".to_vec(), b"{[ ]}{[_]}".to_vec()),
        (b"a b_c".to_vec(), b"%g+".to_vec(), 1, b"1 1".to_vec(), b"[a]".to_vec(), b"[<a> <b_c>] 2".to_vec(), b"[<a> <b_c>] 2".to_vec(), b"{[a]}{[b_c]}".to_vec()),
        (b"a b_c".to_vec(), b"%G".to_vec(), 1, b"2 2".to_vec(), b"[ ]".to_vec(), b"[a< >b_c] 1".to_vec(), b"[a< >b_c] 1".to_vec(), b"{[ ]}".to_vec()),
        (b"a.b".to_vec(), b"%.".to_vec(), 1, b"2 2".to_vec(), b"[.]".to_vec(), b"[a<.>b] 1".to_vec(), b"[a<.>b] 1".to_vec(), b"{[.]}".to_vec()),
        (b"a%b".to_vec(), b"%%".to_vec(), 1, b"2 2".to_vec(), b"[%]".to_vec(), b"[a<%>b] 1".to_vec(), b"[a<%>b] 1".to_vec(), b"{[%]}".to_vec()),
        (b"a]b".to_vec(), b"%]".to_vec(), 1, b"2 2".to_vec(), b"[]]".to_vec(), b"[a<]>b] 1".to_vec(), b"[a<]>b] 1".to_vec(), b"{[]]}".to_vec()),
        (b"hello".to_vec(), b"[aeiou]".to_vec(), 1, b"2 2".to_vec(), b"[e]".to_vec(), b"[h<e>ll<o>] 2".to_vec(), b"[h<e>ll<o>] 2".to_vec(), b"{[e]}{[o]}".to_vec()),
        (b"hello".to_vec(), b"[^aeiou]+".to_vec(), 1, b"1 1".to_vec(), b"[h]".to_vec(), b"[<h>e<ll>o] 2".to_vec(), b"[<h>e<ll>o] 2".to_vec(), b"{[h]}{[ll]}".to_vec()),
        (b"hello".to_vec(), b"[a-f]".to_vec(), 1, b"2 2".to_vec(), b"[e]".to_vec(), b"[h<e>llo] 1".to_vec(), b"[h<e>llo] 1".to_vec(), b"{[e]}".to_vec()),
        (b"hello".to_vec(), b"[h-l]+".to_vec(), 1, b"1 1".to_vec(), b"[h]".to_vec(), b"[<h>e<ll>o] 2".to_vec(), b"[<h>e<ll>o] 2".to_vec(), b"{[h]}{[ll]}".to_vec()),
        (b"a]b".to_vec(), b"[]]".to_vec(), 1, b"2 2".to_vec(), b"[]]".to_vec(), b"[a<]>b] 1".to_vec(), b"[a<]>b] 1".to_vec(), b"{[]]}".to_vec()),
        (b"a]b".to_vec(), b"[^]]+".to_vec(), 1, b"1 1".to_vec(), b"[a]".to_vec(), b"[<a>]<b>] 2".to_vec(), b"[<a>]<b>] 2".to_vec(), b"{[a]}{[b]}".to_vec()),
        (b"a-b".to_vec(), b"[a-]+".to_vec(), 1, b"1 2".to_vec(), b"[a-]".to_vec(), b"[<a->b] 1".to_vec(), b"[<a->b] 1".to_vec(), b"{[a-]}".to_vec()),
        (b"a-b".to_vec(), b"[-a]+".to_vec(), 1, b"1 2".to_vec(), b"[a-]".to_vec(), b"[<a->b] 1".to_vec(), b"[<a->b] 1".to_vec(), b"{[a-]}".to_vec()),
        (b"a-b".to_vec(), b"[%-]".to_vec(), 1, b"2 2".to_vec(), b"[-]".to_vec(), b"[a<->b] 1".to_vec(), b"[a<->b] 1".to_vec(), b"{[-]}".to_vec()),
        (b"x^y".to_vec(), b"[%^]".to_vec(), 1, b"2 2".to_vec(), b"[^]".to_vec(), b"[x<^>y] 1".to_vec(), b"[x<^>y] 1".to_vec(), b"{[^]}".to_vec()),
        (b"x^y".to_vec(), b"[x^]+".to_vec(), 1, b"1 2".to_vec(), b"[x^]".to_vec(), b"[<x^>y] 1".to_vec(), b"[<x^>y] 1".to_vec(), b"{[x^]}".to_vec()),
        (b"abc%def".to_vec(), b"[%%]".to_vec(), 1, b"4 4".to_vec(), b"[%]".to_vec(), b"[abc<%>def] 1".to_vec(), b"[abc<%>def] 1".to_vec(), b"{[%]}".to_vec()),
        (b"AbC1".to_vec(), b"[%u%d]+".to_vec(), 1, b"1 1".to_vec(), b"[A]".to_vec(), b"[<A>b<C1>] 2".to_vec(), b"[<A>b<C1>] 2".to_vec(), b"{[A]}{[C1]}".to_vec()),
        (b"AbC1".to_vec(), b"[^%u]".to_vec(), 1, b"2 2".to_vec(), b"[b]".to_vec(), b"[A<b>C<1>] 2".to_vec(), b"[A<b>C<1>] 2".to_vec(), b"{[b]}{[1]}".to_vec()),
        (b"a.b".to_vec(), b"[.]".to_vec(), 1, b"2 2".to_vec(), b"[.]".to_vec(), b"[a<.>b] 1".to_vec(), b"[a<.>b] 1".to_vec(), b"{[.]}".to_vec()),
        (b"ab".to_vec(), b"[a-]".to_vec(), 1, b"1 1".to_vec(), b"[a]".to_vec(), b"[<a>b] 1".to_vec(), b"[<a>b] 1".to_vec(), b"{[a]}".to_vec()),
        (b"z-".to_vec(), b"[a-]+".to_vec(), 1, b"2 2".to_vec(), b"[-]".to_vec(), b"[z<->] 1".to_vec(), b"[z<->] 1".to_vec(), b"{[-]}".to_vec()),
        (b"]".to_vec(), b"[]".to_vec(), 1, b"E:malformed pattern (missing ']')".to_vec(), b"E:malformed pattern (missing ']')".to_vec(), b"E:malformed pattern (missing ']')".to_vec(), b"E:malformed pattern (missing ']')".to_vec(), b"E:malformed pattern (missing ']')".to_vec()),
        (b"a".to_vec(), b"[a".to_vec(), 1, b"E:malformed pattern (missing ']')".to_vec(), b"E:malformed pattern (missing ']')".to_vec(), b"E:malformed pattern (missing ']')".to_vec(), b"E:malformed pattern (missing ']')".to_vec(), b"E:malformed pattern (missing ']')".to_vec()),
        (b"a".to_vec(), b"[^".to_vec(), 1, b"E:malformed pattern (missing ']')".to_vec(), b"E:malformed pattern (missing ']')".to_vec(), b"E:malformed pattern (missing ']')".to_vec(), b"E:malformed pattern (missing ']')".to_vec(), b"E:malformed pattern (missing ']')".to_vec()),
        (b"a".to_vec(), b"[a%".to_vec(), 1, b"E:malformed pattern (missing ']')".to_vec(), b"E:malformed pattern (missing ']')".to_vec(), b"E:malformed pattern (missing ']')".to_vec(), b"E:malformed pattern (missing ']')".to_vec(), b"E:malformed pattern (missing ']')".to_vec()),
        (b"a".to_vec(), b"%".to_vec(), 1, b"E:malformed pattern (ends with '%')".to_vec(), b"E:malformed pattern (ends with '%')".to_vec(), b"E:malformed pattern (ends with '%')".to_vec(), b"E:malformed pattern (ends with '%')".to_vec(), b"E:malformed pattern (ends with '%')".to_vec()),
        (b"a".to_vec(), b"a%".to_vec(), 1, b"E:malformed pattern (ends with '%')".to_vec(), b"E:malformed pattern (ends with '%')".to_vec(), b"E:malformed pattern (ends with '%')".to_vec(), b"E:malformed pattern (ends with '%')".to_vec(), b"E:malformed pattern (ends with '%')".to_vec()),
        (b"THE (quick) fox".to_vec(), b"%((%a+)%)".to_vec(), 1, b"5 11 [quick]".to_vec(), b"[quick]".to_vec(), b"[THE <quick> fox] 1".to_vec(), b"[THE <quick> fox] 1".to_vec(), b"{[quick]}".to_vec()),
        (b"THE (quick) fox".to_vec(), b"%b()".to_vec(), 1, b"5 11".to_vec(), b"[(quick)]".to_vec(), b"[THE <(quick)> fox] 1".to_vec(), b"[THE <(quick)> fox] 1".to_vec(), b"{[(quick)]}".to_vec()),
        (b"f(a(b)c)d)".to_vec(), b"%b()".to_vec(), 1, b"2 8".to_vec(), b"[(a(b)c)]".to_vec(), b"[f<(a(b)c)>d)] 1".to_vec(), b"[f<(a(b)c)>d)] 1".to_vec(), b"{[(a(b)c)]}".to_vec()),
        (b"f(a(b c".to_vec(), b"%b()".to_vec(), 1, b"nil".to_vec(), b"nil".to_vec(), b"[f(a(b c] 0".to_vec(), b"[f(a(b c] 0".to_vec(), b"".to_vec()),
        (b"[[x]]".to_vec(), b"%b[]".to_vec(), 1, b"1 5".to_vec(), b"[[[x]]]".to_vec(), b"[<[[x]]>] 1".to_vec(), b"[<[[x]]>] 1".to_vec(), b"{[[[x]]]}".to_vec()),
        (b"aaa".to_vec(), b"%baa".to_vec(), 1, b"1 2".to_vec(), b"[aa]".to_vec(), b"[<aa>a] 1".to_vec(), b"[<aa>a] 1".to_vec(), b"{[aa]}".to_vec()),
        (b"x".to_vec(), b"%b".to_vec(), 1, b"E:malformed pattern (missing arguments to '%b')".to_vec(), b"E:malformed pattern (missing arguments to '%b')".to_vec(), b"E:malformed pattern (missing arguments to '%b')".to_vec(), b"E:malformed pattern (missing arguments to '%b')".to_vec(), b"E:malformed pattern (missing arguments to '%b')".to_vec()),
        (b"x".to_vec(), b"%bx".to_vec(), 1, b"E:malformed pattern (missing arguments to '%b')".to_vec(), b"E:malformed pattern (missing arguments to '%b')".to_vec(), b"E:malformed pattern (missing arguments to '%b')".to_vec(), b"E:malformed pattern (missing arguments to '%b')".to_vec(), b"E:malformed pattern (missing arguments to '%b')".to_vec()),
        (b"THE (quick) fox".to_vec(), b"%f[%a]%a+".to_vec(), 1, b"1 3".to_vec(), b"[THE]".to_vec(), b"[<THE> (<quick>) <fox>] 3".to_vec(), b"[<THE> (<quick>) fox] 2".to_vec(), b"{[THE]}{[quick]}{[fox]}".to_vec()),
        (b"THE (quick) fox".to_vec(), b"%f[%A]".to_vec(), 1, b"4 3".to_vec(), b"[]".to_vec(), b"[THE<> (quick<>) fox<>] 3".to_vec(), b"[THE<> (quick<>) fox] 2".to_vec(), b"{[]}{[]}{[]}".to_vec()),
        (b"hello world".to_vec(), b"%f[%w]%w+$".to_vec(), 1, b"7 11".to_vec(), b"[world]".to_vec(), b"[hello <world>] 1".to_vec(), b"[hello <world>] 1".to_vec(), b"{[world]}".to_vec()),
        (b"hello".to_vec(), b"%f[%l]".to_vec(), 1, b"1 0".to_vec(), b"[]".to_vec(), b"[<>hello] 1".to_vec(), b"[<>hello] 1".to_vec(), b"{[]}".to_vec()),
        (b"hello".to_vec(), b"%f[%z]".to_vec(), 1, b"6 5".to_vec(), b"[]".to_vec(), b"[hello<>] 1".to_vec(), b"[hello<>] 1".to_vec(), b"{[]}".to_vec()),
        (b"hello".to_vec(), b"%f[^%z]".to_vec(), 1, b"1 0".to_vec(), b"[]".to_vec(), b"[<>hello] 1".to_vec(), b"[<>hello] 1".to_vec(), b"{[]}".to_vec()),
        (b"hello".to_vec(), b"%fx".to_vec(), 1, b"E:missing '[' after '%f' in pattern".to_vec(), b"E:missing '[' after '%f' in pattern".to_vec(), b"E:missing '[' after '%f' in pattern".to_vec(), b"E:missing '[' after '%f' in pattern".to_vec(), b"E:missing '[' after '%f' in pattern".to_vec()),
        (b"hello".to_vec(), b"%f".to_vec(), 1, b"E:missing '[' after '%f' in pattern".to_vec(), b"E:missing '[' after '%f' in pattern".to_vec(), b"E:missing '[' after '%f' in pattern".to_vec(), b"E:missing '[' after '%f' in pattern".to_vec(), b"E:missing '[' after '%f' in pattern".to_vec()),
        (b"hello".to_vec(), b"%f[a".to_vec(), 1, b"E:malformed pattern (missing ']')".to_vec(), b"E:malformed pattern (missing ']')".to_vec(), b"E:malformed pattern (missing ']')".to_vec(), b"E:malformed pattern (missing ']')".to_vec(), b"E:malformed pattern (missing ']')".to_vec()),
        (b"hello".to_vec(), b"()ll()".to_vec(), 1, b"3 4 3 5".to_vec(), b"3 5".to_vec(), b"[he<3>o] 1".to_vec(), b"[he<3>o] 1".to_vec(), b"{3 5}".to_vec()),
        (b"hello".to_vec(), b"()".to_vec(), 1, b"1 0 1".to_vec(), b"1".to_vec(), b"[<1>h<2>e<3>l<4>l<5>o<6>] 6".to_vec(), b"[<1>h<2>ello] 2".to_vec(), b"{1}{2}{3}{4}{5}{6}".to_vec()),
        (b"hello".to_vec(), b"()".to_vec(), 6, b"6 5 6".to_vec(), b"6".to_vec(), b"[<1>h<2>e<3>l<4>l<5>o<6>] 6".to_vec(), b"[<1>h<2>ello] 2".to_vec(), b"{6}".to_vec()),
        (b"hello".to_vec(), b"(l)(l)".to_vec(), 1, b"3 4 [l] [l]".to_vec(), b"[l] [l]".to_vec(), b"[he<l>o] 1".to_vec(), b"[he<l>o] 1".to_vec(), b"{[l] [l]}".to_vec()),
        (b"hello".to_vec(), b"((l)(l))".to_vec(), 1, b"3 4 [ll] [l] [l]".to_vec(), b"[ll] [l] [l]".to_vec(), b"[he<ll>o] 1".to_vec(), b"[he<ll>o] 1".to_vec(), b"{[ll] [l] [l]}".to_vec()),
        (b"hello".to_vec(), b"(h)(.-)(o)".to_vec(), 1, b"1 5 [h] [ell] [o]".to_vec(), b"[h] [ell] [o]".to_vec(), b"[<h>] 1".to_vec(), b"[<h>] 1".to_vec(), b"{[h] [ell] [o]}".to_vec()),
        (b"abcabc".to_vec(), b"(abc)%1".to_vec(), 1, b"1 6 [abc]".to_vec(), b"[abc]".to_vec(), b"[<abc>] 1".to_vec(), b"[<abc>] 1".to_vec(), b"{[abc]}".to_vec()),
        (b"abcab".to_vec(), b"(abc)%1".to_vec(), 1, b"nil".to_vec(), b"nil".to_vec(), b"[abcab] 0".to_vec(), b"[abcab] 0".to_vec(), b"".to_vec()),
        (b"xyzxyz".to_vec(), b"(.)(.)(.)%1%2%3".to_vec(), 1, b"1 6 [x] [y] [z]".to_vec(), b"[x] [y] [z]".to_vec(), b"[<x>] 1".to_vec(), b"[<x>] 1".to_vec(), b"{[x] [y] [z]}".to_vec()),
        (b"aa".to_vec(), b"(a)%2".to_vec(), 1, b"E:invalid capture index %2".to_vec(), b"E:invalid capture index %2".to_vec(), b"E:invalid capture index %2".to_vec(), b"E:invalid capture index %2".to_vec(), b"E:invalid capture index %2".to_vec()),
        (b"aa".to_vec(), b"(a%1)".to_vec(), 1, b"E:invalid capture index %1".to_vec(), b"E:invalid capture index %1".to_vec(), b"E:invalid capture index %1".to_vec(), b"E:invalid capture index %1".to_vec(), b"E:invalid capture index %1".to_vec()),
        (b"aa".to_vec(), b"%1".to_vec(), 1, b"E:invalid capture index %1".to_vec(), b"E:invalid capture index %1".to_vec(), b"E:invalid capture index %1".to_vec(), b"E:invalid capture index %1".to_vec(), b"E:invalid capture index %1".to_vec()),
        (b"aa".to_vec(), b"%0".to_vec(), 1, b"E:invalid capture index %0".to_vec(), b"E:invalid capture index %0".to_vec(), b"E:invalid capture index %0".to_vec(), b"E:invalid capture index %0".to_vec(), b"E:invalid capture index %0".to_vec()),
        (b"aa".to_vec(), b"()%1".to_vec(), 1, b"nil".to_vec(), b"nil".to_vec(), b"[aa] 0".to_vec(), b"[aa] 0".to_vec(), b"".to_vec()),
        (b"aa".to_vec(), b"(()a)%2".to_vec(), 1, b"nil".to_vec(), b"nil".to_vec(), b"[aa] 0".to_vec(), b"[aa] 0".to_vec(), b"".to_vec()),
        (b"hello".to_vec(), b"(".to_vec(), 1, b"E:unfinished capture".to_vec(), b"E:unfinished capture".to_vec(), b"E:unfinished capture".to_vec(), b"E:unfinished capture".to_vec(), b"E:unfinished capture".to_vec()),
        (b"hello".to_vec(), b")".to_vec(), 1, b"nil".to_vec(), b"E:invalid pattern capture".to_vec(), b"E:invalid pattern capture".to_vec(), b"E:invalid pattern capture".to_vec(), b"E:invalid pattern capture".to_vec()),
        (b"hello".to_vec(), b"(()".to_vec(), 1, b"E:unfinished capture".to_vec(), b"E:unfinished capture".to_vec(), b"E:unfinished capture".to_vec(), b"E:unfinished capture".to_vec(), b"E:unfinished capture".to_vec()),
        (b"hello".to_vec(), b"h)".to_vec(), 1, b"nil".to_vec(), b"E:invalid pattern capture".to_vec(), b"E:invalid pattern capture".to_vec(), b"E:invalid pattern capture".to_vec(), b"E:invalid pattern capture".to_vec()),
        (b"hello".to_vec(), b"(h".to_vec(), 1, b"E:unfinished capture".to_vec(), b"E:unfinished capture".to_vec(), b"E:unfinished capture".to_vec(), b"E:unfinished capture".to_vec(), b"E:unfinished capture".to_vec()),
        (b"hello".to_vec(), b"((h)".to_vec(), 1, b"E:unfinished capture".to_vec(), b"E:unfinished capture".to_vec(), b"E:unfinished capture".to_vec(), b"E:unfinished capture".to_vec(), b"E:unfinished capture".to_vec()),
        (b"hello".to_vec(), b"h(e".to_vec(), 1, b"E:unfinished capture".to_vec(), b"E:unfinished capture".to_vec(), b"E:unfinished capture".to_vec(), b"E:unfinished capture".to_vec(), b"E:unfinished capture".to_vec()),
        (b"hello".to_vec(), b"%d*$".to_vec(), 1, b"6 5".to_vec(), b"[]".to_vec(), b"[hello<>] 1".to_vec(), b"[hello<>] 1".to_vec(), b"{[]}".to_vec()),
        (b"hello$".to_vec(), b"o$".to_vec(), 1, b"nil".to_vec(), b"nil".to_vec(), b"[hello$] 0".to_vec(), b"[hello$] 0".to_vec(), b"".to_vec()),
        (b"hello$".to_vec(), b"o%$".to_vec(), 1, b"5 6".to_vec(), b"[o$]".to_vec(), b"[hell<o$>] 1".to_vec(), b"[hell<o$>] 1".to_vec(), b"{[o$]}".to_vec()),
        (b"a$b".to_vec(), b"$b".to_vec(), 1, b"2 3".to_vec(), b"[$b]".to_vec(), b"[a<$b>] 1".to_vec(), b"[a<$b>] 1".to_vec(), b"{[$b]}".to_vec()),
        (b"a$b".to_vec(), b"a$b".to_vec(), 1, b"1 3".to_vec(), b"[a$b]".to_vec(), b"[<a$b>] 1".to_vec(), b"[<a$b>] 1".to_vec(), b"{[a$b]}".to_vec()),
        (b"^a".to_vec(), b"^^a".to_vec(), 1, b"1 2".to_vec(), b"[^a]".to_vec(), b"[<^a>] 1".to_vec(), b"[<^a>] 1".to_vec(), b"".to_vec()),
        (b"a^b".to_vec(), b"a^b".to_vec(), 1, b"1 3".to_vec(), b"[a^b]".to_vec(), b"[<a^b>] 1".to_vec(), b"[<a^b>] 1".to_vec(), b"{[a^b]}".to_vec()),
        (b"abc".to_vec(), b"^".to_vec(), 1, b"1 0".to_vec(), b"[]".to_vec(), b"[<>abc] 1".to_vec(), b"[<>abc] 1".to_vec(), b"".to_vec()),
        (b"abc".to_vec(), b"^$".to_vec(), 1, b"nil".to_vec(), b"nil".to_vec(), b"[abc] 0".to_vec(), b"[abc] 0".to_vec(), b"".to_vec()),
        (b"".to_vec(), b"^$".to_vec(), 1, b"1 0".to_vec(), b"[]".to_vec(), b"[<>] 1".to_vec(), b"[<>] 1".to_vec(), b"".to_vec()),
        (b"abc".to_vec(), b"$".to_vec(), 1, b"4 3".to_vec(), b"[]".to_vec(), b"[abc<>] 1".to_vec(), b"[abc<>] 1".to_vec(), b"{[]}".to_vec()),
        (b"one two three".to_vec(), b"%a+".to_vec(), 1, b"1 3".to_vec(), b"[one]".to_vec(), b"[<one> <two> <three>] 3".to_vec(), b"[<one> <two> three] 2".to_vec(), b"{[one]}{[two]}{[three]}".to_vec()),
        (b"one two three".to_vec(), b"%a+".to_vec(), 4, b"5 7".to_vec(), b"[two]".to_vec(), b"[<one> <two> <three>] 3".to_vec(), b"[<one> <two> three] 2".to_vec(), b"{[two]}{[three]}".to_vec()),
        (b"one two three".to_vec(), b"%a+".to_vec(), -5, b"9 13".to_vec(), b"[three]".to_vec(), b"[<one> <two> <three>] 3".to_vec(), b"[<one> <two> three] 2".to_vec(), b"{[three]}".to_vec()),
        (b"one two three".to_vec(), b"%a+".to_vec(), -100, b"1 3".to_vec(), b"[one]".to_vec(), b"[<one> <two> <three>] 3".to_vec(), b"[<one> <two> three] 2".to_vec(), b"{[one]}{[two]}{[three]}".to_vec()),
        (b"one two three".to_vec(), b"%a+".to_vec(), 100, b"nil".to_vec(), b"nil".to_vec(), b"[<one> <two> <three>] 3".to_vec(), b"[<one> <two> three] 2".to_vec(), b"".to_vec()),
        (b"key=val; k2=v2".to_vec(), b"(%w+)=(%w+)".to_vec(), 1, b"1 7 [key] [val]".to_vec(), b"[key] [val]".to_vec(), b"[<key>; <k2>] 2".to_vec(), b"[<key>; <k2>] 2".to_vec(), b"{[key] [val]}{[k2] [v2]}".to_vec()),
        (b"abc".to_vec(), b".-".to_vec(), 1, b"1 0".to_vec(), b"[]".to_vec(), b"[<>a<>b<>c<>] 4".to_vec(), b"[<>a<>bc] 2".to_vec(), b"{[]}{[]}{[]}{[]}".to_vec()),
        (b"abc".to_vec(), b".*".to_vec(), 1, b"1 3".to_vec(), b"[abc]".to_vec(), b"[<abc>] 1".to_vec(), b"[<abc>] 1".to_vec(), b"{[abc]}".to_vec()),
        (b"abc".to_vec(), b".-$".to_vec(), 1, b"1 3".to_vec(), b"[abc]".to_vec(), b"[<abc>] 1".to_vec(), b"[<abc>] 1".to_vec(), b"{[abc]}".to_vec()),
        (b"abc".to_vec(), b"b*".to_vec(), 1, b"1 0".to_vec(), b"[]".to_vec(), b"[<>a<b>c<>] 3".to_vec(), b"[<>a<b>c] 2".to_vec(), b"{[]}{[b]}{[]}".to_vec()),
        (b"abc".to_vec(), b"x*".to_vec(), 1, b"1 0".to_vec(), b"[]".to_vec(), b"[<>a<>b<>c<>] 4".to_vec(), b"[<>a<>bc] 2".to_vec(), b"{[]}{[]}{[]}{[]}".to_vec()),
        (b"  trim  ".to_vec(), b"^%s*(.-)%s*$".to_vec(), 1, b"1 8 [trim]".to_vec(), b"[trim]".to_vec(), b"[<trim>] 1".to_vec(), b"[<trim>] 1".to_vec(), b"".to_vec()),
        (b"2024-01-15".to_vec(), b"(%d+)-(%d+)-(%d+)".to_vec(), 1, b"1 10 [2024] [01] [15]".to_vec(), b"[2024] [01] [15]".to_vec(), b"[<2024>] 1".to_vec(), b"[<2024>] 1".to_vec(), b"{[2024] [01] [15]}".to_vec()),
        (b"a,b,,c".to_vec(), b"[^,]*".to_vec(), 1, b"1 1".to_vec(), b"[a]".to_vec(), b"[<a>,<b>,<>,<c>] 4".to_vec(), b"[<a>,<b>,,c] 2".to_vec(), b"{[a]}{[b]}{[]}{[c]}".to_vec()),
        (b"a,b,,c".to_vec(), b"([^,]*)".to_vec(), 1, b"1 1 [a]".to_vec(), b"[a]".to_vec(), b"[<a>,<b>,<>,<c>] 4".to_vec(), b"[<a>,<b>,,c] 2".to_vec(), b"{[a]}{[b]}{[]}{[c]}".to_vec()),
        (b"\xff\xfe\x80".to_vec(), b"[\x80-\xff]+".to_vec(), 1, b"1 3".to_vec(), b"[\xff\xfe\x80]".to_vec(), b"[<\xff\xfe\x80>] 1".to_vec(), b"[<\xff\xfe\x80>] 1".to_vec(), b"{[\xff\xfe\x80]}".to_vec()),
        (b"\xff\xfe\x80".to_vec(), b"%a".to_vec(), 1, b"nil".to_vec(), b"nil".to_vec(), b"[\xff\xfe\x80] 0".to_vec(), b"[\xff\xfe\x80] 0".to_vec(), b"".to_vec()),
        (b"caf\xc3\xa9".to_vec(), b"[\xc0-\xff][\x80-\xbf]*".to_vec(), 1, b"4 5".to_vec(), b"[\xc3\xa9]".to_vec(), b"[caf<\xc3\xa9>] 1".to_vec(), b"[caf<\xc3\xa9>] 1".to_vec(), b"{[\xc3\xa9]}".to_vec()),
        (b"a+b".to_vec(), b"a+b".to_vec(), 1, b"nil".to_vec(), b"nil".to_vec(), b"[a+b] 0".to_vec(), b"[a+b] 0".to_vec(), b"".to_vec()),
        (b"a+b".to_vec(), b"a%+b".to_vec(), 1, b"1 3".to_vec(), b"[a+b]".to_vec(), b"[<a+b>] 1".to_vec(), b"[<a+b>] 1".to_vec(), b"{[a+b]}".to_vec()),
        (b"aab".to_vec(), b"a+b".to_vec(), 1, b"1 3".to_vec(), b"[aab]".to_vec(), b"[<aab>] 1".to_vec(), b"[<aab>] 1".to_vec(), b"{[aab]}".to_vec()),
        (b"a.b".to_vec(), b"a.b".to_vec(), 1, b"1 3".to_vec(), b"[a.b]".to_vec(), b"[<a.b>] 1".to_vec(), b"[<a.b>] 1".to_vec(), b"{[a.b]}".to_vec()),
        (b"axb".to_vec(), b"a.b".to_vec(), 1, b"1 3".to_vec(), b"[axb]".to_vec(), b"[<axb>] 1".to_vec(), b"[<axb>] 1".to_vec(), b"{[axb]}".to_vec()),
        (b"x(y)z".to_vec(), b"%(".to_vec(), 1, b"2 2".to_vec(), b"[(]".to_vec(), b"[x<(>y)z] 1".to_vec(), b"[x<(>y)z] 1".to_vec(), b"{[(]}".to_vec()),
        (b"x(y)z".to_vec(), b"[(]".to_vec(), 1, b"2 2".to_vec(), b"[(]".to_vec(), b"[x<(>y)z] 1".to_vec(), b"[x<(>y)z] 1".to_vec(), b"{[(]}".to_vec()),
        (b"abc".to_vec(), b"[a-c]-c".to_vec(), 1, b"1 3".to_vec(), b"[abc]".to_vec(), b"[<abc>] 1".to_vec(), b"[<abc>] 1".to_vec(), b"{[abc]}".to_vec()),
        (b"abc".to_vec(), b"[c-a]".to_vec(), 1, b"nil".to_vec(), b"nil".to_vec(), b"[abc] 0".to_vec(), b"[abc] 0".to_vec(), b"".to_vec()),
        (b"a\x00b\x00c".to_vec(), b"%z".to_vec(), 1, b"2 2".to_vec(), b"[\x00]".to_vec(), b"[a<\x00>b<\x00>c] 2".to_vec(), b"[a<\x00>b<\x00>c] 2".to_vec(), b"{[\x00]}{[\x00]}".to_vec()),
        (b"a\x00b\x00c".to_vec(), b"\x00".to_vec(), 1, b"2 2".to_vec(), b"[\x00]".to_vec(), b"[a<\x00>b<\x00>c] 2".to_vec(), b"[a<\x00>b<\x00>c] 2".to_vec(), b"{[\x00]}{[\x00]}".to_vec()),
        (b"a\x00b\x00c".to_vec(), b"[\x00]".to_vec(), 1, b"2 2".to_vec(), b"[\x00]".to_vec(), b"[a<\x00>b<\x00>c] 2".to_vec(), b"[a<\x00>b<\x00>c] 2".to_vec(), b"{[\x00]}{[\x00]}".to_vec()),
        (b"a\x00b\x00c".to_vec(), b"b\x00".to_vec(), 1, b"3 4".to_vec(), b"[b\x00]".to_vec(), b"[a\x00<b\x00>c] 1".to_vec(), b"[a\x00<b\x00>c] 1".to_vec(), b"{[b\x00]}".to_vec()),
        (b"a\x00b".to_vec(), b"[%z]".to_vec(), 1, b"2 2".to_vec(), b"[\x00]".to_vec(), b"[a<\x00>b] 1".to_vec(), b"[a<\x00>b] 1".to_vec(), b"{[\x00]}".to_vec()),
        (b"abc".to_vec(), b"a?b?c?d?".to_vec(), 1, b"1 3".to_vec(), b"[abc]".to_vec(), b"[<abc>] 1".to_vec(), b"[<abc>] 1".to_vec(), b"{[abc]}".to_vec()),
        (b"abcd".to_vec(), b"((a)(b))((c)(d))".to_vec(), 1, b"1 4 [ab] [a] [b] [cd] [c] [d]".to_vec(), b"[ab] [a] [b] [cd] [c] [d]".to_vec(), b"[<ab>] 1".to_vec(), b"[<ab>] 1".to_vec(), b"{[ab] [a] [b] [cd] [c] [d]}".to_vec()),
        (b"ab".to_vec(), b"(a)(b)?".to_vec(), 1, b"nil".to_vec(), b"nil".to_vec(), b"[ab] 0".to_vec(), b"[ab] 0".to_vec(), b"".to_vec()),
        (b"ab".to_vec(), b"(a)()(b)".to_vec(), 1, b"1 2 [a] 2 [b]".to_vec(), b"[a] 2 [b]".to_vec(), b"[<a>] 1".to_vec(), b"[<a>] 1".to_vec(), b"{[a] 2 [b]}".to_vec()),
        (b"aaa".to_vec(), b"a-a".to_vec(), 1, b"1 1".to_vec(), b"[a]".to_vec(), b"[<a><a><a>] 3".to_vec(), b"[<a><a>a] 2".to_vec(), b"{[a]}{[a]}{[a]}".to_vec()),
        (b"aaa".to_vec(), b"a-a-".to_vec(), 1, b"1 0".to_vec(), b"[]".to_vec(), b"[<>a<>a<>a<>] 4".to_vec(), b"[<>a<>aa] 2".to_vec(), b"{[]}{[]}{[]}{[]}".to_vec()),
        (b"aaa".to_vec(), b"a*a".to_vec(), 1, b"1 3".to_vec(), b"[aaa]".to_vec(), b"[<aaa>] 1".to_vec(), b"[<aaa>] 1".to_vec(), b"{[aaa]}".to_vec()),
        (b"aaab".to_vec(), b"a*ab".to_vec(), 1, b"1 4".to_vec(), b"[aaab]".to_vec(), b"[<aaab>] 1".to_vec(), b"[<aaab>] 1".to_vec(), b"{[aaab]}".to_vec()),
        (b"ab".to_vec(), b"a-%a".to_vec(), 1, b"1 1".to_vec(), b"[a]".to_vec(), b"[<a><b>] 2".to_vec(), b"[<a><b>] 2".to_vec(), b"{[a]}{[b]}".to_vec()),
        (b"hello world from lua".to_vec(), b"(%w+) (%w+)".to_vec(), 1, b"1 11 [hello] [world]".to_vec(), b"[hello] [world]".to_vec(), b"[<hello> <from>] 2".to_vec(), b"[<hello> <from>] 2".to_vec(), b"{[hello] [world]}{[from] [lua]}".to_vec()),
        (b"x = 10, y = 20".to_vec(), b"(%w+) = (%d+)".to_vec(), 1, b"1 6 [x] [10]".to_vec(), b"[x] [10]".to_vec(), b"[<x>, <y>] 2".to_vec(), b"[<x>, <y>] 2".to_vec(), b"{[x] [10]}{[y] [20]}".to_vec()),
        (b"the quick brown fox".to_vec(), b"%f[%w]%w+".to_vec(), 1, b"1 3".to_vec(), b"[the]".to_vec(), b"[<the> <quick> <brown> <fox>] 4".to_vec(), b"[<the> <quick> brown fox] 2".to_vec(), b"{[the]}{[quick]}{[brown]}{[fox]}".to_vec()),
        (b"aXbXc".to_vec(), b"X".to_vec(), 1, b"2 2".to_vec(), b"[X]".to_vec(), b"[a<X>b<X>c] 2".to_vec(), b"[a<X>b<X>c] 2".to_vec(), b"{[X]}{[X]}".to_vec()),
        (b"".to_vec(), b"x".to_vec(), 1, b"nil".to_vec(), b"nil".to_vec(), b"[] 0".to_vec(), b"[] 0".to_vec(), b"".to_vec()),
        (b"".to_vec(), b".".to_vec(), 1, b"nil".to_vec(), b"nil".to_vec(), b"[] 0".to_vec(), b"[] 0".to_vec(), b"".to_vec()),
        (b"".to_vec(), b"()".to_vec(), 1, b"1 0 1".to_vec(), b"1".to_vec(), b"[<1>] 1".to_vec(), b"[<1>] 1".to_vec(), b"{1}".to_vec()),
        (b"abc".to_vec(), b"[%a-z]".to_vec(), 1, b"1 1".to_vec(), b"[a]".to_vec(), b"[<a><b><c>] 3".to_vec(), b"[<a><b>c] 2".to_vec(), b"{[a]}{[b]}{[c]}".to_vec()),
        (b"-".to_vec(), b"[%a-z]".to_vec(), 1, b"1 1".to_vec(), b"[-]".to_vec(), b"[<->] 1".to_vec(), b"[<->] 1".to_vec(), b"{[-]}".to_vec()),
        (b"b".to_vec(), b"[a-%z]".to_vec(), 1, b"nil".to_vec(), b"nil".to_vec(), b"[b] 0".to_vec(), b"[b] 0".to_vec(), b"".to_vec()),
        (b"]".to_vec(), b"[%]]".to_vec(), 1, b"1 1".to_vec(), b"[]]".to_vec(), b"[<]>] 1".to_vec(), b"[<]>] 1".to_vec(), b"{[]]}".to_vec()),
        (b"%".to_vec(), b"[%%]".to_vec(), 1, b"1 1".to_vec(), b"[%]".to_vec(), b"[<%>] 1".to_vec(), b"[<%>] 1".to_vec(), b"{[%]}".to_vec()),
        (b"a".to_vec(), b"[]a]".to_vec(), 1, b"1 1".to_vec(), b"[a]".to_vec(), b"[<a>] 1".to_vec(), b"[<a>] 1".to_vec(), b"{[a]}".to_vec()),
        (b"a".to_vec(), b"[^]a]".to_vec(), 1, b"nil".to_vec(), b"nil".to_vec(), b"[a] 0".to_vec(), b"[a] 0".to_vec(), b"".to_vec()),
        (b"b".to_vec(), b"[^]a]".to_vec(), 1, b"1 1".to_vec(), b"[b]".to_vec(), b"[<b>] 1".to_vec(), b"[<b>] 1".to_vec(), b"{[b]}".to_vec()),
        (b"abc".to_vec(), b"%w-c".to_vec(), 1, b"1 3".to_vec(), b"[abc]".to_vec(), b"[<abc>] 1".to_vec(), b"[<abc>] 1".to_vec(), b"{[abc]}".to_vec()),
        (b"abc".to_vec(), b"[b-]".to_vec(), 1, b"2 2".to_vec(), b"[b]".to_vec(), b"[a<b>c] 1".to_vec(), b"[a<b>c] 1".to_vec(), b"{[b]}".to_vec()),
        ([b"aa".repeat(500), b"x".to_vec()].concat(), b".-x".to_vec(), 1, b"1 1001".to_vec(), b"H:1003:fde16dfada8266f9".to_vec(), b"H:1007:197439ecaa935c74".to_vec(), b"H:1007:197439ecaa935c74".to_vec(), b"H:1005:4f4434d61b457b23".to_vec()),
        (b"a".repeat(1000), b".-x".to_vec(), 1, b"nil".to_vec(), b"nil".to_vec(), b"H:1004:2a959342027fd155".to_vec(), b"H:1004:2a959342027fd155".to_vec(), b"".to_vec()),
        (b"a".repeat(300), b"a?".repeat(199), 1, b"1 199".to_vec(), b"H:201:4b814321533e5c2e".to_vec(), b"H:308:ee7884be4a023b37".to_vec(), b"H:308:ee7884be4a023b37".to_vec(), b"H:308:4debf370309a05c5".to_vec()),
        (b"a".repeat(300), b"a?".repeat(200), 1, b"E:pattern too complex".to_vec(), b"E:pattern too complex".to_vec(), b"E:pattern too complex".to_vec(), b"E:pattern too complex".to_vec(), b"E:pattern too complex".to_vec()),
        (b"a".repeat(300), b"(a)(a)(a)(a)(a)(a)(a)(a)(a)(a)(a)(a)(a)(a)(a)(a)(a)(a)(a)(a)(a)(a)(a)(a)(a)(a)(a)(a)(a)(a)(a)(a)".to_vec(), 1, b"H:132:2e30b30c10fb2db5".to_vec(), b"H:127:600d08d4f89a7d27".to_vec(), b"[<a><a><a><a><a><a><a><a><a>aaaaaaaaaaaa] 9".to_vec(), b"H:246:bbba047c9120cc99".to_vec(), b"H:1161:cd3ae2eebe58bbf9".to_vec()),
        (b"a".repeat(300), b"(a)(a)(a)(a)(a)(a)(a)(a)(a)(a)(a)(a)(a)(a)(a)(a)(a)(a)(a)(a)(a)(a)(a)(a)(a)(a)(a)(a)(a)(a)(a)(a)(a)".to_vec(), 1, b"E:too many captures".to_vec(), b"E:too many captures".to_vec(), b"E:too many captures".to_vec(), b"E:too many captures".to_vec(), b"E:too many captures".to_vec()),
        (b"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa".to_vec(), b"()()()()()()()()()()()()()()()()()()()()()()()()()()()()()()()()".to_vec(), 1, b"1 0 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1".to_vec(), b"1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1".to_vec(), b"H:250:11e9b25cf4ce3667".to_vec(), b"[<1>a<2>aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa] 2".to_vec(), b"H:4562:47046b90973f192d".to_vec()),
        (b"x".to_vec(), b"(((((((((((((((((((((((((((((((((".to_vec(), 1, b"E:too many captures".to_vec(), b"E:too many captures".to_vec(), b"E:too many captures".to_vec(), b"E:too many captures".to_vec(), b"E:too many captures".to_vec()),
        (b"a".repeat(1500), b"a*b".to_vec(), 1, b"nil".to_vec(), b"nil".to_vec(), b"H:1504:54720a20f90fd4b1".to_vec(), b"H:1504:54720a20f90fd4b1".to_vec(), b"".to_vec()),
        (b"ab".repeat(100), b"(ab)*".to_vec(), 1, b"nil".to_vec(), b"nil".to_vec(), b"H:204:7ec449a6deeb5d65".to_vec(), b"H:204:7ec449a6deeb5d65".to_vec(), b"".to_vec()),
        ]
    }

    #[test]
    fn lpattern_no_deep_recursion() {
        // Single-char repetitions are iterative: none of these may overflow
        // the stack or hit the depth limit.
        let big = b"a".repeat(100_000);
        assert_eq!(str_find_aux(&big, b"^.-x", 0, true, false), Ok(None));
        assert_eq!(str_find_aux(&big, b"a*x", 99_000, true, false), Ok(None));
        let q = b"a?".repeat(100);
        assert_eq!(
            str_find_aux(&big, &q, 0, true, false),
            Ok(Some((0, 100, vec![])))
        );
        let mut withx = big.clone();
        withx.push(b'x');
        assert_eq!(
            str_find_aux(&withx, b".-x", 0, true, false),
            Ok(Some((0, 100_001, vec![])))
        );
        assert_eq!(
            str_find_aux(&withx, b"(.-)x", 0, false, false),
            Ok(Some((0, 100_001, vec![Capture::Span(0, 100_000)])))
        );
        assert_eq!(
            str_find_aux(&withx, b"^(a*)(%a-)$", 0, false, false),
            Ok(Some((
                0,
                100_001,
                vec![Capture::Span(0, 100_000), Capture::Span(100_000, 100_001)]
            )))
        );
        // Genuine recursion is bounded by MAXCCALLS.
        let deep = b"a?".repeat(250);
        assert_eq!(
            str_find_aux(&big, &deep, 0, true, false),
            Err(PatError("pattern too complex".into()))
        );
        let nested = [b"(".repeat(32), b"a".to_vec(), b")".repeat(32)].concat();
        let r = str_find_aux(b"a", &nested, 0, false, false)
            .unwrap()
            .unwrap();
        assert_eq!(r.2.len(), 32);
    }

    #[test]
    fn lpattern_helpers() {
        assert!(!has_specials(b"hello world"));
        assert!(has_specials(b"a.b"));
        assert!(has_specials(b"a\0-"));
        assert!(!has_specials(b"a)]"));
        assert_eq!(find_plain(b"hello", b"l", 0), Some(2));
        assert_eq!(find_plain(b"hello", b"lo", 0), Some(3));
        assert_eq!(find_plain(b"hello", b"", 5), Some(5));
        assert_eq!(find_plain(b"hello", b"", 6), None);
        assert_eq!(find_plain(b"hello", b"hello!", 0), None);
        assert_eq!(find_plain(b"aab", b"ab", 0), Some(1));
        assert_eq!(find_plain(b"abab", b"ab", 1), Some(2));
        assert_eq!(find_plain(b"a\0b", b"\0b", 0), Some(1));
        assert_eq!(strip_anchor(b"^a"), (true, &b"a"[..]));
        assert_eq!(strip_anchor(b"a^"), (false, &b"a^"[..]));
        // plain find with specials
        assert_eq!(
            str_find_aux(b"a.b", b".", 0, true, true),
            Ok(Some((1, 2, vec![])))
        );
        // replacement strings
        let mut m = Matcher::new(b"hello world", b"(o)()");
        let (s, e) = m.search(0, false).unwrap().unwrap();
        let mut out = Vec::new();
        m.add_replacement(b"[%0|%1|%2|%%]", s, e, &mut out).unwrap();
        assert_eq!(out, b"[o|o|6|%]");
        assert_eq!(
            m.add_replacement(b"%3", s, e, &mut out),
            Err(PatError("invalid capture index %3".into()))
        );
        assert_eq!(
            m.add_replacement(b"%", s, e, &mut out),
            Err(PatError("invalid use of '%' in replacement string".into()))
        );
        assert_eq!(m.capture_bytes(Capture::Span(0, 2)), Some(&b"he"[..]));
    }

    #[test]
    fn lpattern_against_lua() {
        for (i, (s, p, init, find, mat, g, g2, gm)) in cases().into_iter().enumerate() {
            check("find", i, &do_find(&s, &p, init, true), &find);
            check("match", i, &do_find(&s, &p, init, false), &mat);
            check("gsub", i, &do_gsub(&s, &p, s.len() as i64 + 1), &g);
            check("gsub2", i, &do_gsub(&s, &p, 2), &g2);
            check("gmatch", i, &do_gmatch(&s, &p, init), &gm);
        }
    }
}
