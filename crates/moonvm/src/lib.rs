//! moonvm: an embeddable Lua 5.4 implementation.
//!
//! ```no_run
//! let mut lua = moonvm::Lua::new();
//! let f = lua.load(b"return 1 + 2", "=example").unwrap();
//! let results = lua.call(f, &[]).unwrap();
//! assert_eq!(results[0].as_int(), Some(3));
//! ```
//!
//! This is the minimal embedding API the command-line tool is built on; native
//! functions are written against `moonvm_vm::Vm` (see `moonvm_vm::api`).

pub use moonvm_stdlib::base::read_source;
pub use moonvm_stdlib::package::set_paths as reset_package_paths;
pub use moonvm_vm::{LuaError, LuaType, Value, Vm};

/// A Lua state with the standard library opened.
pub struct Lua {
    vm: Box<Vm>,
}

/// An error from loading or running Lua code, as the message Lua would print.
#[derive(Debug, Clone, PartialEq)]
pub struct Error {
    pub message: String,
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

impl Default for Lua {
    fn default() -> Self {
        Lua::new()
    }
}

impl Lua {
    /// A new state with every standard library loaded.
    pub fn new() -> Lua {
        let mut vm = Vm::new();
        moonvm_stdlib::open_all(&mut vm);
        Lua { vm }
    }

    /// The underlying VM, for registering native functions and lower-level access.
    pub fn vm(&mut self) -> &mut Vm {
        &mut self.vm
    }

    /// Compile a chunk; `chunkname` follows Lua's conventions (`@file`, `=name`).
    pub fn load(&mut self, src: &[u8], chunkname: &str) -> Result<Value, Error> {
        let proto =
            moonvm_compiler::compile_source(src, chunkname).map_err(|message| Error { message })?;
        let p = self.vm.load_proto(&proto);
        let g = Value::Table(self.vm.globals);
        let cl = self.vm.new_main_closure(p, g);
        Ok(Value::LFn(cl))
    }

    /// Call a function and return all its results.
    pub fn call(&mut self, f: Value, args: &[Value]) -> Result<Vec<Value>, Error> {
        self.call_inner(f, args, None)
    }

    /// Call a function; on error the message carries a stack traceback, as the
    /// stand-alone interpreter prints it.
    pub fn call_with_traceback(&mut self, f: Value, args: &[Value]) -> Result<Vec<Value>, Error> {
        let h = Value::NFn(self.vm.new_native(msg_handler, "msghandler", Vec::new()));
        self.call_inner(f, args, Some(h))
    }

    fn call_inner(
        &mut self,
        f: Value,
        args: &[Value],
        handler: Option<Value>,
    ) -> Result<Vec<Value>, Error> {
        let vm = &mut self.vm;
        let func = vm.ts.top;
        if let Some(h) = handler {
            // Keep the handler reachable during the call.
            vm.extra_roots.push(h);
        }
        vm.ensure_stack(func + args.len() + 1 + moonvm_vm::state::MIN_STACK)
            .map_err(|e| Error {
                message: describe(vm, e.value),
            })?;
        vm.push(f);
        for a in args {
            vm.push(*a);
        }
        let r = vm.pcall(func, -1, handler);
        if handler.is_some() {
            vm.extra_roots.pop();
        }
        match r {
            Ok(()) => {
                let vals = vm.ts.stack[func..vm.ts.top].to_vec();
                vm.ts.top = func;
                Ok(vals)
            }
            Err(e) => {
                vm.ts.top = func;
                Err(Error {
                    message: describe(vm, e.value),
                })
            }
        }
    }

    /// Set a global variable.
    pub fn set_global(&mut self, name: &str, v: Value) {
        self.vm.set_global(name, v);
    }

    /// A string value.
    pub fn string(&mut self, s: &[u8]) -> Value {
        self.vm.str_value(s)
    }

    /// A new empty table.
    pub fn table(&mut self) -> Value {
        Value::Table(self.vm.new_table(0, 0))
    }

    /// Set `t[k] = v` without metamethods.
    pub fn raw_set(&mut self, t: Value, k: Value, v: Value) -> Result<(), Error> {
        let Value::Table(t) = t else {
            return Err(Error {
                message: "not a table".into(),
            });
        };
        self.vm.raw_set(t, k, v).map_err(|e| Error {
            message: describe(&mut self.vm, e.value),
        })
    }

    /// Flush buffered standard output (done automatically when the state is dropped).
    pub fn flush(&mut self) {
        moonvm_stdlib::output::flush_stdout();
    }
}

impl Drop for Lua {
    fn drop(&mut self) {
        // As lua_close: pending finalizers run before the state goes away.
        self.vm.close_state();
        moonvm_stdlib::output::flush_stdout();
    }
}

/// The text of an error value, as `lua.c` reports it.
fn describe(vm: &mut Vm, v: Value) -> String {
    match v {
        Value::Str(s) => s.to_str_lossy().into_owned(),
        Value::Int(_) | Value::Float(_) => {
            let mut b = Vec::new();
            Vm::append_tostr(&mut b, &v);
            String::from_utf8_lossy(&b).into_owned()
        }
        _ => match vm.to_display(v) {
            Ok(s) if !vm.metafield(&v, "__tostring").is_nil() => s.to_str_lossy().into_owned(),
            _ => format!("(error object is a {} value)", v.type_name()),
        },
    }
}

/// `lua.c`'s message handler: a string message gets a traceback appended.
fn msg_handler(vm: &mut Vm) -> moonvm_vm::LResult<usize> {
    let v = vm.arg(1);
    let msg = match v {
        Value::Str(_) | Value::Int(_) | Value::Float(_) => describe(vm, v),
        _ => {
            if !vm.metafield(&v, "__tostring").is_nil() {
                if let Ok(s) = vm.to_display(v) {
                    return vm.ret1(Value::Str(s));
                }
            }
            format!("(error object is a {} value)", v.type_name())
        }
    };
    let tb = vm.traceback(Some(&msg), 1);
    let s = vm.str_value(tb.as_bytes());
    vm.ret1(s)
}
