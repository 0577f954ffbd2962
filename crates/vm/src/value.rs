//! The Lua value: a 16-byte `Copy` tagged union with no reference counts.
//!
//! Integers and floats are both full 64-bit (Lua 5.4), so NaN-boxing would have to box
//! one of them; a tag plus an 8-byte payload is what PUC Lua and Luau use too.

use crate::func::{LClosure, NClosure};
use crate::gc::heap::GcRef;
use crate::number;
use crate::string::LuaStr;
use crate::table::Table;
use crate::thread::Thread;
use crate::userdata::UserData;

/// `repr(C, u8)` fixes the layout (tag byte at offset 0, payload at offset 8) so
/// that hot copies can move the two fields separately (`copy_value`).
#[derive(Clone, Copy, Debug, Default)]
#[repr(C, u8)]
pub enum Value {
    #[default]
    Nil,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(GcRef<LuaStr>),
    Table(GcRef<Table>),
    /// A Lua function (closure over a prototype).
    LFn(GcRef<LClosure>),
    /// A native (Rust) function, possibly with upvalues.
    NFn(GcRef<NClosure>),
    UserData(GcRef<UserData>),
    Thread(GcRef<Thread>),
    LightUserData(usize),
}

/// Basic types, numbered as in the C API (`LUA_TNIL` ...).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum LuaType {
    Nil,
    Boolean,
    LightUserData,
    Number,
    String,
    Table,
    Function,
    UserData,
    Thread,
}

impl LuaType {
    pub fn name(self) -> &'static str {
        match self {
            LuaType::Nil => "nil",
            LuaType::Boolean => "boolean",
            LuaType::LightUserData | LuaType::UserData => "userdata",
            LuaType::Number => "number",
            LuaType::String => "string",
            LuaType::Table => "table",
            LuaType::Function => "function",
            LuaType::Thread => "thread",
        }
    }
}

const _: () = assert!(std::mem::size_of::<Value>() == 16);

/// Copy a value between slots field by field: the tag byte, then the 8-byte payload.
///
/// A whole-value copy compiles to one 16-byte load, which cannot be forwarded from
/// the two narrower stores that wrote the value (a tag byte and a payload word), so it
/// stalls the pipeline; two narrow loads are forwarded. Register moves and copies of
/// freshly computed values are the interpreter's most common operations.
///
/// # Safety
/// `dst` and `src` must be valid, aligned `Value` slots.
#[inline(always)]
pub unsafe fn copy_value(dst: *mut Value, src: *const Value) {
    // SAFETY: with repr(C, u8) the tag is the first byte and every payload lives in
    // the 8 bytes at offset 8; copying those bytes as MaybeUninit preserves any
    // padding without reading it as initialised data.
    let s = src as *const u8;
    let d = dst as *mut u8;
    let payload = (s.add(8) as *const std::mem::MaybeUninit<u64>).read();
    *d = *s;
    (d.add(8) as *mut std::mem::MaybeUninit<u64>).write(payload);
}

impl Value {
    #[inline(always)]
    pub fn is_nil(&self) -> bool {
        matches!(self, Value::Nil)
    }

    /// Lua truthiness: only nil and false are false.
    #[inline(always)]
    pub fn is_falsy(&self) -> bool {
        matches!(self, Value::Nil | Value::Bool(false))
    }

    #[inline(always)]
    pub fn truthy(&self) -> bool {
        !self.is_falsy()
    }

    pub fn lua_type(&self) -> LuaType {
        match self {
            Value::Nil => LuaType::Nil,
            Value::Bool(_) => LuaType::Boolean,
            Value::Int(_) | Value::Float(_) => LuaType::Number,
            Value::Str(_) => LuaType::String,
            Value::Table(_) => LuaType::Table,
            Value::LFn(_) | Value::NFn(_) => LuaType::Function,
            Value::UserData(_) => LuaType::UserData,
            Value::LightUserData(_) => LuaType::LightUserData,
            Value::Thread(_) => LuaType::Thread,
        }
    }

    pub fn type_name(&self) -> &'static str {
        self.lua_type().name()
    }

    #[inline(always)]
    pub fn is_number(&self) -> bool {
        matches!(self, Value::Int(_) | Value::Float(_))
    }

    #[inline(always)]
    pub fn is_function(&self) -> bool {
        matches!(self, Value::LFn(_) | Value::NFn(_))
    }

    /// The value as a float if it is a number (no string coercion).
    #[inline(always)]
    pub fn as_float(&self) -> Option<f64> {
        match *self {
            Value::Int(i) => Some(i as f64),
            Value::Float(f) => Some(f),
            _ => None,
        }
    }

    /// The value as an integer if it is an integer or a float with an exact integer
    /// value (no string coercion).
    #[inline(always)]
    pub fn as_int(&self) -> Option<i64> {
        match *self {
            Value::Int(i) => Some(i),
            Value::Float(f) => number::float_to_int(f, number::F2I::Exact),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<GcRef<LuaStr>> {
        match *self {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_table(&self) -> Option<GcRef<Table>> {
        match *self {
            Value::Table(t) => Some(t),
            _ => None,
        }
    }

    /// Primitive equality (`rawequal`): no metamethods; 1 == 1.0.
    #[inline]
    pub fn raw_eq(&self, other: &Value) -> bool {
        match (*self, *other) {
            (Value::Nil, Value::Nil) => true,
            (Value::Bool(a), Value::Bool(b)) => a == b,
            (Value::Int(a), Value::Int(b)) => a == b,
            (Value::Float(a), Value::Float(b)) => a == b,
            (Value::Int(a), Value::Float(b)) | (Value::Float(b), Value::Int(a)) => {
                number::eq_int_float(a, b)
            }
            (Value::Str(a), Value::Str(b)) => a.eq_str(b),
            (Value::Table(a), Value::Table(b)) => a == b,
            (Value::LFn(a), Value::LFn(b)) => a == b,
            (Value::NFn(a), Value::NFn(b)) => a == b,
            (Value::UserData(a), Value::UserData(b)) => a == b,
            (Value::Thread(a), Value::Thread(b)) => a == b,
            (Value::LightUserData(a), Value::LightUserData(b)) => a == b,
            _ => false,
        }
    }

    /// Address of a collected object (for `%p`, `tostring` and hashing); 0 otherwise.
    pub fn gc_addr(&self) -> usize {
        match self {
            Value::Str(r) => r.addr(),
            Value::Table(r) => r.addr(),
            Value::LFn(r) => r.addr(),
            Value::NFn(r) => r.addr(),
            Value::UserData(r) => r.addr(),
            Value::Thread(r) => r.addr(),
            Value::LightUserData(p) => *p,
            _ => 0,
        }
    }
}
