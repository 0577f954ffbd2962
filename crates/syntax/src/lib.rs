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
    let src = if src.first() == Some(&b'#') {
        let end = src.iter().position(|&c| c == b'\n').unwrap_or(src.len());
        &src[end..]
    } else {
        src
    };
    parser::Parser::new(src).parse_chunk()
}
