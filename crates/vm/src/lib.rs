//! The moonvm virtual machine: values, the collected heap, strings, tables,
//! closures, the interpreter loop, calls and errors, coroutines and the interface
//! native functions are written against.
//!
//! Unsafe code is confined to `gc/` (the heap and collector), `string.rs` (inline
//! string storage), `func.rs` (upvalue access) and `interp.rs` (register access in
//! the dispatch loop); each block names its invariant in a `SAFETY:` comment.

pub mod api;
pub mod arith;
pub mod call;
pub mod coroutine;
pub mod debug;
pub mod dump;
pub mod error;
pub mod func;
pub mod gc;
pub mod hooks;
pub mod index;
mod interp;
pub mod number;
pub mod state;
pub mod string;
pub mod table;
pub mod thread;
pub mod tm;
pub mod userdata;
pub mod value;

pub use error::{ErrorKind, LResult, LuaError};
pub use gc::heap::GcRef;
pub use state::Vm;
pub use value::{LuaType, Value};
