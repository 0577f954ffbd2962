//! The constant table: adding constants with deduplication.
//!
//! Each function keeps a map from constant values to their index, so every
//! value appears once (`1` and `1.0` are different constants: floats are keyed
//! by their bits, apart from integers). PUC shares one cache among all the
//! functions of a chunk, which duplicates constants in some enclosing functions,
//! so moonvm's constant indices can differ from luac's.

use crate::func_state::{CResult, Compiler};
use moonvm_bytecode::opcode::MAX_AX;
use moonvm_bytecode::Constant;
use std::rc::Rc;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum ConstKey {
    Nil,
    Bool(bool),
    Int(i64),
    /// Float keyed by its bits (so -0.0 and 0.0 stay distinct).
    Flt(u64),
    Str(Rc<[u8]>),
}

impl Compiler {
    fn addk(&mut self, key: ConstKey, v: Constant) -> CResult<u32> {
        if let Some(&k) = self.fsr().kcache.get(&key) {
            return Ok(k);
        }
        let k = self.fsr().f.constants.len();
        if k >= MAX_AX as usize {
            return self.error_mem(MAX_AX as usize, "constants");
        }
        let fs = self.fs();
        fs.f.constants.push(v);
        fs.kcache.insert(key, k as u32);
        Ok(k as u32)
    }

    pub(crate) fn string_k(&mut self, s: &Rc<[u8]>) -> CResult<u32> {
        self.addk(ConstKey::Str(s.clone()), Constant::Str(s.to_vec()))
    }

    pub(crate) fn int_k(&mut self, i: i64) -> CResult<u32> {
        self.addk(ConstKey::Int(i), Constant::Int(i))
    }

    pub(crate) fn number_k(&mut self, f: f64) -> CResult<u32> {
        self.addk(ConstKey::Flt(f.to_bits()), Constant::Float(f))
    }

    pub(crate) fn bool_k(&mut self, b: bool) -> CResult<u32> {
        self.addk(ConstKey::Bool(b), Constant::Bool(b))
    }

    pub(crate) fn nil_k(&mut self) -> CResult<u32> {
        self.addk(ConstKey::Nil, Constant::Nil)
    }

    /// Is constant `k` of the current function a short string (usable as a
    /// GETFIELD/SETFIELD/GETTABUP key)?
    pub(crate) fn is_short_str_k(&self, k: u32) -> bool {
        matches!(self.fsr().f.constants.get(k as usize), Some(Constant::Str(s)) if s.len() <= 40)
    }
}
