//! Expression descriptors: the compiler's view of a partially generated expression
//! (PUC Lua's `expdesc`).
//!
//! An expression is compiled as late as possible: constants stay constants, variables
//! stay variables, and relocatable instructions keep a free destination register until
//! the consumer decides where the value should go. Conditional expressions carry two
//! jump lists (`t`: jumps taken when the expression is true, `f`: when false).

use std::rc::Rc;

/// End of a jump list / "no jump".
pub(crate) const NO_JUMP: i32 = -1;

/// A compile-time constant value (for `<const>` locals and folding).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum ConstVal {
    Nil,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(Rc<[u8]>),
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum ExpKind {
    /// No value (empty expression list).
    Void,
    Nil,
    True,
    False,
    /// Constant in the constant table.
    K(u32),
    /// Float constant not yet in the table.
    KFlt(f64),
    /// Integer constant not yet in the table.
    KInt(i64),
    /// String constant not yet in the table.
    KStr(Rc<[u8]>),
    /// Value in a fixed register.
    NonReloc(u32),
    /// Local variable: register and compiler index (relative to the function).
    Local {
        ridx: u32,
        vidx: usize,
    },
    /// Upvalue index.
    Upval(u32),
    /// Compile-time constant local: absolute index in the active-variable list.
    Const(usize),
    /// `R[t][R[idx]]`
    Indexed {
        t: u32,
        idx: u32,
    },
    /// `U[t][K[idx]]` (short string key)
    IndexUp {
        t: u32,
        idx: u32,
    },
    /// `R[t][idx]` (integer key 0..=255)
    IndexI {
        t: u32,
        idx: u32,
    },
    /// `R[t][K[idx]]` (short string key)
    IndexStr {
        t: u32,
        idx: u32,
    },
    /// Comparison/test; pc of its jump instruction.
    Jmp(i32),
    /// Instruction at pc can put its result in any register (A not yet set).
    Reloc(i32),
    /// Open function call at pc.
    Call(i32),
    /// Vararg expression at pc.
    Vararg(i32),
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ExpDesc {
    pub k: ExpKind,
    /// Patch list of "exit when true".
    pub t: i32,
    /// Patch list of "exit when false".
    pub f: i32,
}

impl ExpDesc {
    pub(crate) fn new(k: ExpKind) -> ExpDesc {
        ExpDesc {
            k,
            t: NO_JUMP,
            f: NO_JUMP,
        }
    }

    pub(crate) fn void() -> ExpDesc {
        ExpDesc::new(ExpKind::Void)
    }

    pub(crate) fn has_jumps(&self) -> bool {
        self.t != self.f
    }

    /// Open call or vararg (can produce several values).
    pub(crate) fn has_multret(&self) -> bool {
        matches!(self.k, ExpKind::Call(_) | ExpKind::Vararg(_))
    }

    /// Is a variable (can be assigned to).
    pub(crate) fn is_var(&self) -> bool {
        matches!(
            self.k,
            ExpKind::Local { .. }
                | ExpKind::Upval(_)
                | ExpKind::Const(_)
                | ExpKind::Indexed { .. }
                | ExpKind::IndexUp { .. }
                | ExpKind::IndexI { .. }
                | ExpKind::IndexStr { .. }
        )
    }

    pub(crate) fn is_indexed(&self) -> bool {
        matches!(
            self.k,
            ExpKind::Indexed { .. }
                | ExpKind::IndexUp { .. }
                | ExpKind::IndexI { .. }
                | ExpKind::IndexStr { .. }
        )
    }

    /// The instruction pc for Jmp/Reloc/Call/Vararg expressions.
    pub(crate) fn pc(&self) -> Option<i32> {
        match self.k {
            ExpKind::Jmp(pc) | ExpKind::Reloc(pc) | ExpKind::Call(pc) | ExpKind::Vararg(pc) => {
                Some(pc)
            }
            _ => None,
        }
    }

    /// Numeric constant without jumps (PUC's `tonumeral`).
    pub(crate) fn to_numeral(&self) -> Option<crate::fold::Num> {
        if self.has_jumps() {
            return None;
        }
        match self.k {
            ExpKind::KInt(i) => Some(crate::fold::Num::Int(i)),
            ExpKind::KFlt(f) => Some(crate::fold::Num::Flt(f)),
            _ => None,
        }
    }

    /// Integer literal without jumps.
    pub(crate) fn is_kint(&self) -> bool {
        matches!(self.k, ExpKind::KInt(_)) && !self.has_jumps()
    }
}

impl ConstVal {
    pub(crate) fn to_exp_kind(&self) -> ExpKind {
        match self {
            ConstVal::Nil => ExpKind::Nil,
            ConstVal::Bool(true) => ExpKind::True,
            ConstVal::Bool(false) => ExpKind::False,
            ConstVal::Int(i) => ExpKind::KInt(*i),
            ConstVal::Float(f) => ExpKind::KFlt(*f),
            ConstVal::Str(s) => ExpKind::KStr(s.clone()),
        }
    }
}
