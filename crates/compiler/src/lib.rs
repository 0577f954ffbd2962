//! moonvm's compiler: from the AST (`moonvm_syntax::ast`) to register bytecode
//! (`moonvm_bytecode::Proto`).
//!
//! The code generator follows PUC Lua 5.4.6's `lcode.c`/`lparser.c` strategy
//! (expression descriptors with jump lists, free-register allocation, constant
//! folding, specialised instructions), so it produces the same instruction
//! sequences as `luac` 5.4.6, minus the MMBIN* instructions moonvm does not
//! have. Differences from luac's output:
//! * the metamethod information PUC puts in MMBIN* is carried by the k bit of
//!   the arithmetic instruction (see `operators.rs` and `opcode.rs`); because
//!   ADDI's k bit means "subtraction", `I + x` is coded as a swapped ADDK
//!   instead of PUC's ADDI;
//! * RETURN0/RETURN1 are kept in vararg functions (only functions that must
//!   close variables turn them into RETURN with k);
//! * constants are deduplicated per function (PUC's chunk-wide cache can
//!   duplicate some), so constant indices may differ;
//! * line information is approximated where the AST lacks a token's line
//!   (closing brackets, the end of multi-line strings).
//!
//! Module map: `func_state` (compiler state), `code` (emission, registers,
//! final pass), `constants`, `exp_desc`, `discharge` (expression descriptors to
//! registers/constants/stores), `jumps` (jump lists, conditionals), `operators`
//! (unary/binary operators), `fold` (constant folding), `vars` (scopes, locals,
//! upvalues, labels), `expr`, `stmt`, `function`.

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
    /// 0 for errors reported without a position.
    pub line: u32,
    pub msg: String,
    /// For errors PUC Lua raises with `luaX_syntaxerror` (limits exceeded,
    /// jumps too long), the token its parser was looking at; the message then
    /// ends with ` near <token>` and the line is that token's. Rendered by
    /// [`compile_source`], which has the source text.
    pub near: Option<Near>,
}

/// A token of the source: the `skip`-th token after the one at byte `pos` (see
/// [`moonvm_syntax::near_token`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Near {
    pub pos: ast::Pos,
    pub skip: u32,
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
    // Compile on the caller's stack within a modest budget; if the AST is too
    // deep for that, compile again on a thread with a big stack (the parser
    // bounds the nesting, so that stack is always enough).
    let mut c = func_state::Compiler::new(source, INLINE_STACK_BUDGET);
    let r = c.main_func(chunk);
    if !c.stack_exhausted {
        return r;
    }
    drop(c);
    let overflow = r.err();
    let big = std::thread::scope(|scope| {
        std::thread::Builder::new()
            .stack_size(BIG_STACK)
            .spawn_scoped(scope, || {
                let mut c = func_state::Compiler::new(source, BIG_STACK - BIG_STACK / 4);
                c.main_func(chunk).map(Detached::from_proto)
            })
            .ok()
            .and_then(|h| h.join().ok())
    });
    match (big, overflow) {
        (Some(r), _) => {
            let src: std::rc::Rc<str> = std::rc::Rc::from(source);
            r.map(|d| d.into_proto(&src))
        }
        (None, Some(e)) => Err(e),
        (None, None) => Err(CompileError {
            line: 0,
            msg: "C stack overflow".to_string(),
            near: None,
        }),
    }
}

/// Native stack the compiler may use on the caller's thread.
const INLINE_STACK_BUDGET: usize = 256 * 1024;
/// Stack of the helper thread for deeply nested ASTs.
const BIG_STACK: usize = 256 * 1024 * 1024;

/// Parse and compile; errors are formatted as PUC Lua does:
/// `<chunk id>:<line>: <message>`, and compiler errors that PUC raises while
/// parsing get its ` near <token>` suffix and that token's line (see
/// [`CompileError::near`]). Divergence inherent to compiling after parsing: if a
/// chunk both exceeds a limit and has a syntax error further on, PUC reports
/// the limit (it stops there) and we report the syntax error.
pub fn compile_source(src: &[u8], chunkname: &str) -> Result<Proto, String> {
    let id = moonvm_bytecode::chunk_id(chunkname);
    let chunk = match moonvm_syntax::parse(src) {
        Ok(b) => b,
        // PUC raises the nesting-limit error without a position
        Err(e) if e.msg == "C stack overflow" => return Err(e.msg),
        Err(e) => return Err(format!("{}:{}: {}", id, e.line, e.msg)),
    };
    compile(&chunk, chunkname).map_err(|e| {
        let near = e
            .near
            .and_then(|n| moonvm_syntax::near_token(src, n.pos, n.skip));
        match near {
            Some((line, near)) => format!("{}:{}: {}{}", id, line, e.msg, near),
            // errors PUC raises without a position (memory limits)
            None if e.line == 0 => e.msg,
            None => format!("{}:{}: {}", id, e.line, e.msg),
        }
    })
}

/// A prototype without its (non-`Send`) source name, to bring a result back
/// from the big-stack thread.
struct Detached {
    line_defined: u32,
    last_line_defined: u32,
    num_params: u8,
    is_vararg: bool,
    max_stack: u8,
    code: Vec<moonvm_bytecode::Instruction>,
    line_info: Vec<u32>,
    constants: Vec<moonvm_bytecode::Constant>,
    protos: Vec<Detached>,
    upvalues: Vec<moonvm_bytecode::UpvalDesc>,
    loc_vars: Vec<moonvm_bytecode::LocVar>,
}

impl Detached {
    fn from_proto(p: Proto) -> Detached {
        Detached {
            line_defined: p.line_defined,
            last_line_defined: p.last_line_defined,
            num_params: p.num_params,
            is_vararg: p.is_vararg,
            max_stack: p.max_stack,
            code: p.code,
            line_info: p.line_info,
            constants: p.constants,
            protos: p.protos.into_iter().map(Detached::from_proto).collect(),
            upvalues: p.upvalues,
            loc_vars: p.loc_vars,
        }
    }

    fn into_proto(self, source: &std::rc::Rc<str>) -> Proto {
        Proto {
            source: source.clone(),
            line_defined: self.line_defined,
            last_line_defined: self.last_line_defined,
            num_params: self.num_params,
            is_vararg: self.is_vararg,
            max_stack: self.max_stack,
            code: self.code,
            line_info: self.line_info,
            constants: self.constants,
            protos: self
                .protos
                .into_iter()
                .map(|d| d.into_proto(source))
                .collect(),
            upvalues: self.upvalues,
            loc_vars: self.loc_vars,
        }
    }
}
