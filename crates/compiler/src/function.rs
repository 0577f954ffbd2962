//! Opening and closing functions, and the main chunk (PUC's `open_func`,
//! `close_func`, `mainfunc`).

use crate::func_state::{CResult, Compiler, FuncState, VarKind};
use moonvm_bytecode::opcode::OpCode;
use moonvm_bytecode::{Proto, UpvalDesc};
use moonvm_syntax::ast::Block;
use std::collections::HashMap;

impl Compiler {
    pub(crate) fn open_func(&mut self, line_defined: u32, last_line_defined: u32) {
        let f = Proto {
            source: self.source.clone(),
            line_defined,
            last_line_defined,
            max_stack: 2,
            ..Proto::default()
        };
        self.funcs.push(FuncState {
            f,
            upval_kinds: Vec::new(),
            kcache: HashMap::new(),
            blocks: Vec::new(),
            lasttarget: 0,
            firstlocal: self.nactvar_all,
            firstlabel: self.labels.len(),
            nactvar: 0,
            freereg: 0,
            needclose: false,
        });
        self.enterblock(false);
    }

    /// Finish the current function and return its prototype. `end_line`: line
    /// reported for undefined gotos (PUC reports the line after the body).
    pub(crate) fn close_func(&mut self, end_line: u32) -> CResult<Proto> {
        let first = self.nvarstack();
        self.code_ret(first, 0);
        self.line = end_line;
        self.leaveblock()?;
        self.finish()?;
        match self.funcs.pop() {
            Some(fs) => Ok(fs.f),
            None => self.error("internal error: no function"),
        }
    }

    pub(crate) fn setvararg(&mut self, nparams: u32) {
        self.fs().f.is_vararg = true;
        self.code_abc(OpCode::VarArgPrep, nparams, 0, 0);
    }

    /// Compile the main chunk: a vararg function with the single upvalue `_ENV`.
    pub(crate) fn main_func(&mut self, chunk: &Block) -> CResult<Proto> {
        self.line = 1;
        self.open_func(0, 0);
        self.setvararg(0);
        let fs = self.fs();
        fs.f.upvalues.push(UpvalDesc {
            name: "_ENV".to_string(),
            in_stack: true,
            index: 0,
        });
        fs.upval_kinds.push(VarKind::Reg);
        self.statlist(chunk, false)?;
        self.line = self.max_line.max(1);
        self.close_func(chunk.end_line)
    }
}
