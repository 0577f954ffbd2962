//! Function prototypes: the compiler's output, plain data with no runtime values.
//!
//! The VM turns a `Proto` into its own runtime prototype (interning the string
//! constants in its heap) when a chunk is loaded, so nothing here depends on the VM.

use crate::opcode::Instruction;
use std::rc::Rc;

/// A constant in a prototype's constant table.
#[derive(Debug, Clone, PartialEq)]
pub enum Constant {
    Nil,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(Vec<u8>),
}

/// Where a closure finds one of its upvalues when it is created.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UpvalDesc {
    /// Name, for debug information (`_ENV`, or the local's name).
    pub name: String,
    /// True: the upvalue is the enclosing function's register `index`.
    /// False: it is the enclosing function's upvalue `index`.
    pub in_stack: bool,
    pub index: u8,
}

/// A local variable's name and the pc range where it is active (debug information).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocVar {
    pub name: String,
    /// First instruction where the variable is active.
    pub start_pc: u32,
    /// First instruction where the variable is dead.
    pub end_pc: u32,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Proto {
    /// Chunk name as given to `load` (`@file.lua`, `=stdin`, or the source text).
    pub source: Rc<str>,
    /// Line where the function was defined (0 for the main chunk).
    pub line_defined: u32,
    /// Line of the function's `end` (0 for the main chunk).
    pub last_line_defined: u32,
    pub num_params: u8,
    pub is_vararg: bool,
    /// Registers the function needs (at least 2).
    pub max_stack: u8,
    pub code: Vec<Instruction>,
    /// Source line of each instruction (same length as `code`).
    pub line_info: Vec<u32>,
    pub constants: Vec<Constant>,
    /// Nested functions, referenced by CLOSURE's Bx.
    pub protos: Vec<Proto>,
    pub upvalues: Vec<UpvalDesc>,
    pub loc_vars: Vec<LocVar>,
}
