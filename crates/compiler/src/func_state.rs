//! Compiler state: one `FuncState` per function being compiled (innermost last),
//! plus the data shared by all of them (active variables, pending gotos, labels and
//! the constant cache), as in PUC Lua's `FuncState`/`Dyndata`.

use crate::constants::ConstKey;
use crate::exp_desc::ConstVal;
use crate::{CompileError, Near};
use moonvm_bytecode::Proto;
use moonvm_syntax::ast::Pos;
use std::collections::HashMap;
use std::rc::Rc;

/// Maximum number of local variables per function.
pub(crate) const MAX_VARS: usize = 200;
/// Maximum number of upvalues per function.
pub(crate) const MAX_UPVAL: usize = 255;

/// Kind of a variable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum VarKind {
    /// Regular variable.
    Reg,
    /// `<const>` variable kept in a register.
    Const,
    /// `<close>` variable.
    ToClose,
    /// `<const>` with a compile-time constant value: no register.
    CompileTimeConst,
}

/// An active local variable.
#[derive(Debug, Clone)]
pub(crate) struct VarDesc {
    pub name: String,
    pub kind: VarKind,
    /// Register holding the variable.
    pub ridx: u32,
    /// Index in the prototype's `loc_vars`.
    pub pidx: usize,
    /// Value for compile-time constants.
    pub k: ConstVal,
}

/// A label or a pending goto.
#[derive(Debug, Clone)]
pub(crate) struct LabelDesc {
    pub name: String,
    /// Label position / pc of the goto's jump.
    pub pc: i32,
    pub line: u32,
    /// Number of active variables at that position.
    pub nactvar: usize,
    /// Goto that escapes upvalues (needs a CLOSE).
    pub close: bool,
}

/// A lexical block.
#[derive(Debug, Clone)]
pub(crate) struct BlockCnt {
    pub firstlabel: usize,
    pub firstgoto: usize,
    /// Number of active locals outside the block.
    pub nactvar: usize,
    /// Some variable of the block is captured as an upvalue (or is to-be-closed).
    pub upval: bool,
    pub isloop: bool,
    /// Inside the scope of a to-be-closed variable.
    pub insidetbc: bool,
}

/// State of one function being compiled.
#[derive(Debug)]
pub(crate) struct FuncState {
    pub f: Proto,
    /// Kind of each upvalue (to detect assignments to const upvalues).
    pub upval_kinds: Vec<VarKind>,
    /// Index of each constant already in `f.constants`.
    pub kcache: HashMap<ConstKey, u32>,
    pub blocks: Vec<BlockCnt>,
    /// Last pc marked as a jump target.
    pub lasttarget: i32,
    /// Index of this function's first local in `Compiler::actvar`.
    pub firstlocal: usize,
    /// Index of this function's first label in `Compiler::labels`.
    pub firstlabel: usize,
    /// Number of active local variables.
    pub nactvar: usize,
    /// First free register.
    pub freereg: u32,
    /// The function must close upvalues/tbc variables when returning.
    pub needclose: bool,
}

impl FuncState {
    pub(crate) fn pc(&self) -> i32 {
        self.f.code.len() as i32
    }
}

/// The whole compiler.
pub(crate) struct Compiler {
    pub source: Rc<str>,
    pub funcs: Vec<FuncState>,
    /// Active variables of all functions being compiled: the first `nactvar_all`
    /// entries (entries past it are stale, but still readable right after a block
    /// ends, as PUC relies on).
    pub actvar: Vec<VarDesc>,
    pub nactvar_all: usize,
    pub gotos: Vec<LabelDesc>,
    pub labels: Vec<LabelDesc>,
    /// Line attached to the instructions being emitted.
    pub line: u32,
    /// Address of a local in the frame that started compiling, and how many
    /// bytes of native stack below it the compiler may use.
    pub stack_base: usize,
    pub stack_budget: usize,
    /// Set when compiling stopped because `stack_budget` was exhausted.
    pub stack_exhausted: bool,
    /// Highest line seen so far (approximates the line of the last token for
    /// the main chunk's final RETURN).
    pub max_line: u32,
    /// The token PUC's parser would be looking at while generating the code
    /// being emitted (reported by errors raised with `luaX_syntaxerror`). The
    /// compiler walks the AST in PUC's parsing order and updates it at the
    /// points where PUC generates code that can fail: after a name (variable
    /// declarations and resolution), between the items of lists, before and
    /// after operands. Known divergences (all far-fetched): where the AST does
    /// not record the position, it is approximated (the value of `[k] = v` in a
    /// table constructor when `k` is a string literal, the names after the first
    /// one in `function a.b.c()`, the jumps of `if`/`and`/`or`, whose range
    /// (2^24 instructions) is never exceeded in practice).
    pub near: Near,
}

pub(crate) type CResult<T> = Result<T, CompileError>;

/// An address in the current stack frame.
#[inline(never)]
pub(crate) fn stack_address() -> usize {
    let probe = 0u8;
    std::hint::black_box(&probe) as *const u8 as usize
}

impl Compiler {
    pub(crate) fn new(source: &str, stack_budget: usize) -> Compiler {
        Compiler {
            stack_base: stack_address(),
            stack_budget,
            stack_exhausted: false,
            source: Rc::from(source),
            funcs: Vec::new(),
            actvar: Vec::new(),
            nactvar_all: 0,
            gotos: Vec::new(),
            labels: Vec::new(),
            line: 0,
            max_line: 0,
            near: Near::default(),
        }
    }

    /// Check the native stack budget before recursing into a nested construct.
    pub(crate) fn check_stack(&mut self) -> CResult<()> {
        if stack_address().abs_diff(self.stack_base) > self.stack_budget {
            self.stack_exhausted = true;
            return self.error("C stack overflow");
        }
        Ok(())
    }

    /// The innermost function.
    pub(crate) fn fs(&mut self) -> &mut FuncState {
        self.funcs.last_mut().expect("no function being compiled")
    }

    pub(crate) fn fsr(&self) -> &FuncState {
        self.funcs.last().expect("no function being compiled")
    }

    pub(crate) fn pc(&self) -> i32 {
        self.fsr().pc()
    }

    /// An error without a "near" part (PUC's `luaK_semerror`).
    pub(crate) fn error<T>(&self, msg: impl Into<String>) -> CResult<T> {
        Err(CompileError {
            line: self.line,
            msg: msg.into(),
            near: None,
        })
    }

    /// An error "near" the current token (PUC's `luaX_syntaxerror`).
    pub(crate) fn error_near<T>(&self, msg: impl Into<String>) -> CResult<T> {
        Err(CompileError {
            line: self.line,
            msg: msg.into(),
            near: Some(self.near),
        })
    }

    /// Set the current token (see `near`): the `skip`-th token after `pos`.
    #[inline]
    pub(crate) fn at(&mut self, pos: Pos, skip: u32) {
        self.near = Near { pos, skip };
    }

    /// The current token is the first one of the next construct.
    #[inline]
    pub(crate) fn skip_token(&mut self) {
        self.near.skip += 1;
    }

    /// "too many X (limit is N) in main function / function at line L"
    pub(crate) fn error_limit<T>(&self, limit: usize, what: &str) -> CResult<T> {
        let line = self.fsr().f.line_defined;
        let place = if line == 0 {
            "main function".to_string()
        } else {
            format!("function at line {line}")
        };
        self.error_near(format!("too many {what} (limit is {limit}) in {place}"))
    }

    /// "too many X (limit is N)": PUC raises it when an array of the
    /// prototype cannot grow (`luaM_growvector`), as a runtime error: without
    /// position (line 0).
    pub(crate) fn error_mem<T>(&self, limit: usize, what: &str) -> CResult<T> {
        Err(CompileError {
            line: 0,
            msg: format!("too many {what} (limit is {limit})"),
            near: None,
        })
    }

    /// Variable description of the current function's variable `vidx`.
    pub(crate) fn local_var(&self, vidx: usize) -> &VarDesc {
        &self.actvar[self.fsr().firstlocal + vidx]
    }

    /// Register level of the first `nvar` variables of the current function: one
    /// past the register of the highest one that lives in a register.
    pub(crate) fn reglevel(&self, nvar: usize) -> u32 {
        let fs = self.fsr();
        for i in (0..nvar).rev() {
            let vd = &self.actvar[fs.firstlocal + i];
            if vd.kind != VarKind::CompileTimeConst {
                return vd.ridx + 1;
            }
        }
        0
    }

    /// Number of registers holding active variables.
    pub(crate) fn nvarstack(&self) -> u32 {
        self.reglevel(self.fsr().nactvar)
    }
}
