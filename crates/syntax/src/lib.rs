//! Lua 5.4 source text to an abstract syntax tree: the lexer and the parser.

pub mod ast;
