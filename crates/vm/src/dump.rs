//! Converting a runtime prototype back to the compiler's plain `Proto`, for
//! `string.dump` (the inverse of `Vm::load_proto`).

use crate::func::LuaProto;
use crate::value::Value;
use moonvm_bytecode::{Constant, Proto};

impl LuaProto {
    /// The plain prototype tree this runtime prototype was loaded from: string
    /// constants become bytes again, nested prototypes are converted too.
    pub fn to_bytecode(&self) -> Proto {
        let constants = self
            .k
            .iter()
            .map(|v| match v {
                Value::Bool(b) => Constant::Bool(*b),
                Value::Int(i) => Constant::Int(*i),
                Value::Float(f) => Constant::Float(*f),
                Value::Str(s) => Constant::Str(s.as_bytes().to_vec()),
                // `load_proto` only makes the kinds above and nil.
                _ => Constant::Nil,
            })
            .collect();
        Proto {
            source: self.source.clone(),
            line_defined: self.line_defined,
            last_line_defined: self.last_line_defined,
            num_params: self.num_params,
            is_vararg: self.is_vararg,
            max_stack: self.max_stack,
            code: self.code.to_vec(),
            line_info: self.line_info.to_vec(),
            constants,
            protos: self.protos.iter().map(|p| p.to_bytecode()).collect(),
            upvalues: self.upvals.to_vec(),
            loc_vars: self.loc_vars.to_vec(),
        }
    }
}
