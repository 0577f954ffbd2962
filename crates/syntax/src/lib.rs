//! Lua 5.4 source text to an abstract syntax tree: the lexer and the parser.
//!
//! Entry point: [`parse`]. Errors are reported as [`SyntaxError`], whose `msg`
//! is exactly what PUC Lua 5.4 prints after its `chunkname:line: ` prefix.

pub mod ast;
pub mod lexer;
pub mod parser;
pub mod token;

pub use parser::MAX_AST_DEPTH;

/// A syntax (or lexical) error.
#[derive(Debug, Clone, PartialEq)]
pub struct SyntaxError {
    /// The line PUC Lua reports.
    pub line: u32,
    /// The message without the `chunkname:line: ` prefix, e.g.
    /// `'=' expected near 'x'`.
    pub msg: String,
}

impl std::fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.line, self.msg)
    }
}

impl std::error::Error for SyntaxError {}

/// Parses a Lua 5.4 chunk.
///
/// A first line starting with `#` (e.g. a Unix shebang) is skipped, as
/// `luaL_loadfile` does; the line count is unaffected.
pub fn parse(src: &[u8]) -> Result<ast::Block, SyntaxError> {
    // Nesting is limited (200 levels, like PUC), but how much native stack a
    // level takes depends on the build (unoptimized frames are large). Parse
    // on the caller's stack within a modest budget; if that is not enough,
    // parse again on a thread with a stack big enough for the worst case.
    let mut p = parser::Parser::new(src, INLINE_STACK_BUDGET);
    let r = p.parse_chunk();
    if !p.stack_exhausted {
        return r;
    }
    drop(p);
    let overflow = r.err();
    let big = std::thread::scope(|scope| {
        let handle = std::thread::Builder::new()
            .stack_size(BIG_STACK)
            .spawn_scoped(scope, || {
                let mut p = parser::Parser::new(src, BIG_STACK - BIG_STACK / 4);
                p.parse_chunk()
            });
        // If no thread can be started, report the overflow.
        handle.ok().and_then(|h| h.join().ok())
    });
    match (big, overflow) {
        (Some(r), _) => r,
        (None, Some(e)) => Err(e),
        (None, None) => Err(SyntaxError {
            line: 1,
            msg: "C stack overflow".to_string(),
        }),
    }
}

/// The token PUC Lua's parser would be looking at, for messages raised after
/// parsing (by the compiler): the token `skip` tokens after the one starting
/// at `pos` (an [`ast::Pos`] of the AST parsed from `src`). Returns the line
/// PUC reports (where that token ends) and the ` near <token>` suffix, which is
/// empty where PUC prints none. None if `pos` does not lead to a token.
pub fn near_token(src: &[u8], pos: ast::Pos, skip: u32) -> Option<(u32, String)> {
    let pos = pos as usize;
    if pos > src.len() {
        return None;
    }
    // line of `pos`, counting line breaks as the lexer does
    let mut line: u32 = 1;
    let mut i = 0;
    while i < pos {
        let c = src[i];
        i += 1;
        if c == b'\n' || c == b'\r' {
            if i < pos && (src[i] == b'\n' || src[i] == b'\r') && src[i] != c {
                i += 1;
            }
            line = line.saturating_add(1);
        }
    }
    let mut lex = lexer::Lexer::at(src, pos, line);
    let mut tok = lex.next_token().ok()?;
    for _ in 0..skip {
        tok = lex.next_token().ok()?;
    }
    let near = match parser::near_text(&tok, &lex) {
        Some(t) => format!(" near {t}"),
        None => String::new(),
    };
    Some((lex.line, near))
}

/// Native stack the parser may use on the caller's thread.
const INLINE_STACK_BUDGET: usize = 256 * 1024;
/// Stack of the helper thread for deeply nested input (enough for 200 levels
/// of the largest unoptimized frames, with a wide margin).
const BIG_STACK: usize = 64 * 1024 * 1024;
