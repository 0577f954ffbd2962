//! The interface native (Rust) functions use, in the spirit of PUC's `lauxlib`:
//! arguments are read from the native's frame, results are pushed, and argument
//! errors carry PUC's wording ("bad argument #1 to 'floor' (number expected, got
//! table)").

use crate::arith::to_number;
use crate::error::{LResult, LuaError};
use crate::gc::heap::GcRef;
use crate::number::{self, F2I};
use crate::state::Vm;
use crate::string::LuaStr;
use crate::table::Table;
use crate::tm::Tm;
use crate::value::Value;

impl Vm {
    /// First argument slot of the running native function.
    #[inline]
    pub fn arg_base(&self) -> usize {
        self.ts.frames.last().map(|f| f.base).unwrap_or(0)
    }

    /// Number of arguments passed to the running native function.
    #[inline]
    pub fn arg_count(&self) -> usize {
        self.ts.top - self.arg_base()
    }

    /// Argument `n` (1-based), nil if absent.
    #[inline]
    pub fn arg(&self, n: usize) -> Value {
        let i = self.arg_base() + n - 1;
        if i < self.ts.top {
            self.ts.stack[i]
        } else {
            Value::Nil
        }
    }

    /// Replace argument `n` (it must exist).
    pub fn set_arg(&mut self, n: usize, v: Value) {
        let i = self.arg_base() + n - 1;
        if i < self.ts.top {
            self.ts.stack[i] = v;
        }
    }

    /// Drop everything above argument `n` (like `lua_settop(L, n)`), padding with nil.
    pub fn set_top_args(&mut self, n: usize) {
        let want = self.arg_base() + n;
        let _ = self.ensure_stack(want + 1);
        while self.ts.top < want {
            self.ts.stack[self.ts.top] = Value::Nil;
            self.ts.top += 1;
        }
        self.ts.top = want;
    }

    /// Return these values from a native function.
    pub fn ret(&mut self, vals: &[Value]) -> LResult<usize> {
        self.ensure_stack(self.ts.top + vals.len() + 1)?;
        for v in vals {
            self.push(*v);
        }
        Ok(vals.len())
    }

    #[inline]
    pub fn ret1(&mut self, v: Value) -> LResult<usize> {
        self.push(v);
        Ok(1)
    }

    // ---- argument errors ------------------------------------------------------------

    /// "bad argument #n to 'f' (msg)" (PUC's `luaL_argerror`).
    pub fn arg_error(&mut self, n: usize, msg: &str) -> LuaError {
        let (name, is_method) = self.current_func_name();
        let mut n = n;
        if is_method {
            n -= 1;
            if n == 0 {
                return self.lib_error(&format!("calling '{name}' on bad self ({msg})"));
            }
        }
        self.lib_error(&format!("bad argument #{n} to '{name}' ({msg})"))
    }

    /// "X expected, got Y" for argument `n` (PUC's `luaL_typeerror`).
    pub fn arg_type_error(&mut self, n: usize, expected: &str) -> LuaError {
        let v = self.arg(n);
        let got = if let Value::Str(s) = self.metafield(&v, "__name") {
            s.to_str_lossy().into_owned()
        } else if matches!(v, Value::LightUserData(_)) {
            "light userdata".to_string()
        } else if n > self.arg_count() {
            "no value".to_string()
        } else {
            v.type_name().to_string()
        };
        self.arg_error(n, &format!("{expected} expected, got {got}"))
    }

    pub fn check_any(&mut self, n: usize) -> LResult<Value> {
        if n > self.arg_count() {
            return Err(self.arg_error(n, "value expected"));
        }
        Ok(self.arg(n))
    }

    pub fn check_table(&mut self, n: usize) -> LResult<GcRef<Table>> {
        match self.arg(n) {
            Value::Table(t) => Ok(t),
            _ => Err(self.arg_type_error(n, "table")),
        }
    }

    pub fn check_number(&mut self, n: usize) -> LResult<f64> {
        match to_number(&self.arg(n)) {
            Some(v) => Ok(v.as_float().unwrap_or(0.0)),
            None => Err(self.arg_type_error(n, "number")),
        }
    }

    /// A number argument kept as integer or float.
    pub fn check_num_value(&mut self, n: usize) -> LResult<Value> {
        match to_number(&self.arg(n)) {
            Some(v) => Ok(v),
            None => Err(self.arg_type_error(n, "number")),
        }
    }

    pub fn check_int(&mut self, n: usize) -> LResult<i64> {
        let v = self.arg(n);
        if let Value::Int(i) = v {
            return Ok(i);
        }
        match to_number(&v) {
            Some(Value::Int(i)) => Ok(i),
            Some(Value::Float(f)) => match number::float_to_int(f, F2I::Exact) {
                Some(i) => Ok(i),
                None => Err(self.arg_error(n, "number has no integer representation")),
            },
            _ => Err(self.arg_type_error(n, "number")),
        }
    }

    pub fn opt_int(&mut self, n: usize, default: i64) -> LResult<i64> {
        if self.arg(n).is_nil() {
            Ok(default)
        } else {
            self.check_int(n)
        }
    }

    pub fn opt_number(&mut self, n: usize, default: f64) -> LResult<f64> {
        if self.arg(n).is_nil() {
            Ok(default)
        } else {
            self.check_number(n)
        }
    }

    /// A string argument; numbers are converted (and the argument replaced by the
    /// string, as `luaL_checklstring` does).
    pub fn check_str(&mut self, n: usize) -> LResult<GcRef<LuaStr>> {
        match self.arg(n) {
            Value::Str(s) => Ok(s),
            v @ (Value::Int(_) | Value::Float(_)) => {
                let mut buf = Vec::new();
                Vm::append_tostr(&mut buf, &v);
                let s = self.new_str(&buf);
                self.set_arg(n, Value::Str(s));
                Ok(s)
            }
            _ => Err(self.arg_type_error(n, "string")),
        }
    }

    pub fn opt_str(&mut self, n: usize) -> LResult<Option<GcRef<LuaStr>>> {
        if self.arg(n).is_nil() {
            Ok(None)
        } else {
            self.check_str(n).map(Some)
        }
    }

    // ---- conversions --------------------------------------------------------------

    /// `tostring` semantics (`luaL_tolstring`): `__tostring`, `__name`, or the default.
    pub fn to_display(&mut self, v: Value) -> LResult<GcRef<LuaStr>> {
        let tm = self.metafield(&v, "__tostring");
        if !tm.is_nil() {
            let r = self.call_value(tm, &[v])?;
            return match r {
                Value::Str(s) => Ok(s),
                Value::Int(_) | Value::Float(_) => {
                    let mut buf = Vec::new();
                    Vm::append_tostr(&mut buf, &r);
                    Ok(self.new_str(&buf))
                }
                _ => Err(self.lib_error("'__tostring' must return a string")),
            };
        }
        let text: Vec<u8> = match v {
            Value::Nil => b"nil".to_vec(),
            Value::Bool(b) => {
                if b {
                    b"true".to_vec()
                } else {
                    b"false".to_vec()
                }
            }
            Value::Int(_) | Value::Float(_) => {
                let mut buf = Vec::new();
                Vm::append_tostr(&mut buf, &v);
                buf
            }
            Value::Str(s) => return Ok(s),
            _ => {
                let kind = match self.metafield(&v, "__name") {
                    Value::Str(s) => s.to_str_lossy().into_owned(),
                    _ => v.type_name().to_string(),
                };
                format!("{kind}: {:#x}", v.gc_addr()).into_bytes()
            }
        };
        Ok(self.new_str(&text))
    }

    /// Call `__tostring`-aware conversion and return the bytes (for `print`).
    pub fn to_display_bytes(&mut self, v: Value) -> LResult<Vec<u8>> {
        Ok(self.to_display(v)?.as_bytes().to_vec())
    }

    /// Whether a value has a metamethod for `tm`.
    pub fn has_tm(&self, v: &Value, tm: Tm) -> bool {
        !self.get_tm(v, tm).is_nil()
    }

    /// Register a global.
    pub fn set_global(&mut self, name: &str, v: Value) {
        let k = self.new_str(name.as_bytes());
        let delta = self.globals.get_mut().set(Value::Str(k), v);
        self.heap.adjust(delta);
    }

    pub fn get_global(&mut self, name: &str) -> Value {
        let k = self.new_str(name.as_bytes());
        self.globals.get_str(k)
    }

    /// Set `t[name] = v` (raw) with a string key.
    pub fn set_field(&mut self, t: GcRef<Table>, name: &str, v: Value) {
        let k = self.new_str(name.as_bytes());
        let delta = t.get_mut().set(Value::Str(k), v);
        self.heap.adjust(delta);
    }

    /// A table of native functions (a library), registered as a global.
    pub fn register_lib(
        &mut self,
        name: &str,
        funcs: &[(&'static str, crate::func::NativeFn)],
    ) -> GcRef<Table> {
        let t = self.new_table(0, funcs.len());
        for (fname, f) in funcs {
            let nf = self.new_native(*f, fname, Vec::new());
            self.set_field(t, fname, Value::NFn(nf));
        }
        if name == "_G" {
            return t;
        }
        self.set_global(name, Value::Table(t));
        t
    }
}
