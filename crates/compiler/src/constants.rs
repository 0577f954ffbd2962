//! The constant table: adding constants with deduplication.
//!
//! As in PUC Lua, one cache maps constant values to their index and is shared by all
//! functions of a chunk; a cached index is reused only if it is valid in the current
//! function and holds the same value with the same type (so `1` and `1.0` are
//! different constants).

use crate::fold::flt_to_int;
use crate::func_state::{CResult, Compiler};
use moonvm_bytecode::opcode::MAX_AX;
use moonvm_bytecode::Constant;
use std::rc::Rc;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum ConstKey {
    Nil,
    Bool(bool),
    Int(i64),
    /// Float (non-integral or out of the integer range) keyed by its bits.
    Flt(u64),
    Str(Rc<[u8]>),
}

fn same_constant(a: &Constant, b: &Constant) -> bool {
    match (a, b) {
        (Constant::Nil, Constant::Nil) => true,
        (Constant::Bool(x), Constant::Bool(y)) => x == y,
        (Constant::Int(x), Constant::Int(y)) => x == y,
        (Constant::Float(x), Constant::Float(y)) => x == y,
        (Constant::Str(x), Constant::Str(y)) => x == y,
        _ => false,
    }
}

impl Compiler {
    fn addk(&mut self, key: ConstKey, v: Constant) -> CResult<u32> {
        if let Some(&k) = self.kcache.get(&key) {
            let consts = &self.fsr().f.constants;
            if k < consts.len() && same_constant(&consts[k], &v) {
                return Ok(k as u32);
            }
        }
        let k = self.fsr().f.constants.len();
        if k >= MAX_AX as usize {
            return self.error_limit(MAX_AX as usize, "constants");
        }
        self.fs().f.constants.push(v);
        self.kcache.insert(key, k);
        Ok(k as u32)
    }

    pub(crate) fn string_k(&mut self, s: &Rc<[u8]>) -> CResult<u32> {
        self.addk(ConstKey::Str(s.clone()), Constant::Str(s.to_vec()))
    }

    pub(crate) fn int_k(&mut self, i: i64) -> CResult<u32> {
        self.addk(ConstKey::Int(i), Constant::Int(i))
    }

    /// Floats with integral values get a different cache key, to avoid
    /// colliding with integers: the number plus its smallest significant
    /// fraction (PUC's scheme, including its rare collisions, so that constant
    /// tables match luac's).
    pub(crate) fn number_k(&mut self, r: f64) -> CResult<u32> {
        let key = match flt_to_int(r) {
            None => ConstKey::Flt(r.to_bits()),
            Some(ik) => {
                let q = 2f64.powi(-52);
                let k = if ik == 0 { q } else { r + r * q };
                match flt_to_int(k) {
                    Some(i) => ConstKey::Int(i),
                    None => ConstKey::Flt(k.to_bits()),
                }
            }
        };
        self.addk(key, Constant::Float(r))
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
