//! moonvm's compiler: from the AST (`moonvm_syntax::ast`) to register bytecode
//! (`moonvm_bytecode::Proto`).
//!
//! The code generator follows PUC Lua 5.4's `lcode.c`/`lparser.c` strategy
//! (expression descriptors with jump lists, free-register allocation, constant
//! folding, specialised instructions), so it produces the same instruction
//! sequences as `luac5.4`, minus the MMBIN* instructions moonvm does not have.
//! See `operators.rs` for how the k bit of arithmetic instructions replaces the
//! information PUC puts in MMBIN*.

mod code;
mod constants;
mod discharge;
mod exp_desc;
mod expr;
mod fold;
mod func_state;
mod function;
mod jumps;
mod operators;
mod stmt;
mod vars;

use moonvm_bytecode::Proto;
use moonvm_syntax::ast;

/// A compile-time error (a "semantic" syntax error such as an undefined label,
/// or a limit exceeded).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompileError {
    pub line: u32,
    pub msg: String,
}

impl std::fmt::Display for CompileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.line, self.msg)
    }
}

impl std::error::Error for CompileError {}

/// Compile a parsed chunk. `source` is the chunk name (`@file.lua`, `=stdin`, or
/// the source text), stored in every prototype's `source`.
pub fn compile(chunk: &ast::Block, source: &str) -> Result<Proto, CompileError> {
    let mut c = func_state::Compiler::new(source);
    c.main_func(chunk)
}

/// Parse and compile; errors are formatted as PUC Lua does:
/// `<chunk id>:<line>: <message>`.
pub fn compile_source(src: &[u8], chunkname: &str) -> Result<Proto, String> {
    let id = moonvm_bytecode::chunk_id(chunkname);
    let chunk = match moonvm_syntax::parse(src) {
        Ok(b) => b,
        Err(e) => return Err(format!("{}:{}: {}", id, e.line, e.msg)),
    };
    compile(&chunk, chunkname).map_err(|e| format!("{}:{}: {}", id, e.line, e.msg))
}
