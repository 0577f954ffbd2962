//! The VM state shared by all threads (PUC's `global_State` plus the running thread).

use crate::error::{LResult, LuaError};
use crate::func::{LClosure, LuaProto, NClosure, NativeFn, UpVal};
use crate::gc::heap::{GcRef, Heap, ObjKind, FIN_REGISTERED};
use crate::string::{LuaStr, StringTable};
use crate::table::Table;
use crate::thread::{CoStatus, ExecState, Thread};
use crate::tm::{Tm, TM_NAMES};
use crate::userdata::UserData;
use crate::value::Value;
use moonvm_bytecode::{Constant, Proto};
use std::cell::Cell;

/// Most nested native-to-Lua calls (PUC's LUAI_MAXCCALLS).
pub const MAX_C_DEPTH: u32 = 200;
/// Most stack slots a thread may use (PUC's LUAI_MAXSTACK).
pub const MAX_STACK: usize = 1_000_000;
/// Extra slots allowed while handling a stack overflow.
pub const ERROR_STACK_EXTRA: usize = 200;
/// Free slots guaranteed to a native function (PUC's LUA_MINSTACK).
pub const MIN_STACK: usize = 20;

pub struct Vm {
    pub heap: Heap,
    pub strings: StringTable,
    /// The running thread's stack and frames.
    pub ts: ExecState,
    pub registry: GcRef<Table>,
    pub globals: GcRef<Table>,
    /// Metatables for non-table, non-userdata types, by `LuaType as usize`.
    pub type_mt: [Option<GcRef<Table>>; 9],
    /// Interned metamethod names, indexed by `Tm`.
    pub tm_names: Vec<GcRef<LuaStr>>,
    pub main_thread: GcRef<Thread>,
    pub cur_thread: GcRef<Thread>,
    /// Current depth of native-to-Lua calls.
    pub c_depth: u32,
    /// Values native code keeps alive across calls that may collect.
    pub extra_roots: Vec<Value>,
    /// All threads, so the collector can close the open upvalues of dead ones.
    pub(crate) threads: Vec<GcRef<Thread>>,
    /// Set while a stack overflow is being handled (allows the extra slots).
    pub(crate) in_stack_overflow: bool,
    /// `warn` state: whether warnings are on.
    pub warn_on: bool,
    /// Objects with a `__gc` metamethod registered (by `set_metatable`), oldest first.
    pub(crate) finobj: Vec<Value>,
    /// Dead objects whose finalizers are still to run (roots until then).
    pub(crate) tobefnz: Vec<Value>,
    /// Finalizers are running (they are not re-entered).
    pub(crate) in_finalizers: bool,
    /// A debug hook is running (hooks are not re-entered).
    pub(crate) in_hook: bool,
    /// Host data for libraries (e.g. the random generator state).
    pub lib_data: std::collections::HashMap<&'static str, Box<dyn std::any::Any>>,
}

impl Vm {
    pub fn new() -> Box<Vm> {
        let mut heap = Heap::new();
        let mut strings = StringTable::new();
        let registry = heap.alloc(ObjKind::Table, Table::new(2, 0), 0);
        let globals = heap.alloc(ObjKind::Table, Table::new(0, 64), 0);
        let tm_names: Vec<GcRef<LuaStr>> = TM_NAMES
            .iter()
            .map(|n| strings.intern(&mut heap, n.as_bytes()))
            .collect();
        let main_thread = heap.alloc(
            ObjKind::Thread,
            Thread {
                state: ExecState::default(),
                status: CoStatus::Running,
                started: true,
                error: None,
            },
            0,
        );
        let mut vm = Box::new(Vm {
            heap,
            strings,
            ts: ExecState::default(),
            registry,
            globals,
            type_mt: [None; 9],
            tm_names,
            main_thread,
            cur_thread: main_thread,
            c_depth: 0,
            extra_roots: Vec::new(),
            threads: vec![main_thread],
            in_stack_overflow: false,
            warn_on: false,
            finobj: Vec::new(),
            tobefnz: Vec::new(),
            in_finalizers: false,
            in_hook: false,
            lib_data: std::collections::HashMap::new(),
        });
        vm.ts.stack = vec![Value::Nil; 64];
        vm.ts.top = 0;
        // registry[1] = main thread, registry[2] = globals (as PUC's LUA_RIDX_*).
        registry.get_mut().set_int(1, Value::Thread(main_thread));
        registry.get_mut().set_int(2, Value::Table(globals));
        if vm.heap.stress {
            vm.heap.threshold = 0;
        }
        vm
    }

    // ---- allocation ---------------------------------------------------------------

    /// A string value with these bytes (interned if short).
    #[inline]
    pub fn new_str(&mut self, bytes: &[u8]) -> GcRef<LuaStr> {
        self.strings.intern(&mut self.heap, bytes)
    }

    #[inline]
    pub fn str_value(&mut self, bytes: &[u8]) -> Value {
        Value::Str(self.new_str(bytes))
    }

    pub fn new_table(&mut self, narray: usize, nhash: usize) -> GcRef<Table> {
        let t = Table::new(narray, nhash);
        let extra = t.extra_size();
        self.heap.alloc(ObjKind::Table, t, extra)
    }

    pub fn new_native(
        &mut self,
        f: NativeFn,
        name: &'static str,
        upvals: Vec<Value>,
    ) -> GcRef<NClosure> {
        let extra = upvals.len() * std::mem::size_of::<Value>();
        self.heap.alloc(
            ObjKind::NClosure,
            NClosure {
                f,
                name,
                upvals: upvals.into_boxed_slice(),
            },
            extra,
        )
    }

    pub fn new_userdata(&mut self, data: Box<dyn std::any::Any>) -> GcRef<UserData> {
        self.heap.alloc(
            ObjKind::UserData,
            UserData {
                data,
                metatable: None,
                user_value: Value::Nil,
            },
            64,
        )
    }

    pub(crate) fn new_upval_closed(&mut self, v: Value) -> GcRef<UpVal> {
        let uv = self.heap.alloc(
            ObjKind::UpVal,
            UpVal {
                v: Cell::new(std::ptr::null_mut()),
                closed: Cell::new(v),
                index: 0,
            },
            0,
        );
        uv.v.set(uv.closed.as_ptr());
        uv
    }

    /// Load a compiled prototype into this heap.
    pub fn load_proto(&mut self, p: &Proto) -> GcRef<LuaProto> {
        // Equal long strings of one chunk share one object, as PUC's scanner
        // anchors each string once per compilation (short ones are interned anyway).
        let mut long_strings = std::collections::HashMap::new();
        self.load_proto_with(p, &mut long_strings)
    }

    fn load_proto_with(
        &mut self,
        p: &Proto,
        long_strings: &mut std::collections::HashMap<Vec<u8>, GcRef<LuaStr>>,
    ) -> GcRef<LuaProto> {
        let k: Vec<Value> = p
            .constants
            .iter()
            .map(|c| match c {
                Constant::Nil => Value::Nil,
                Constant::Bool(b) => Value::Bool(*b),
                Constant::Int(i) => Value::Int(*i),
                Constant::Float(f) => Value::Float(*f),
                Constant::Str(s) if s.len() > crate::string::MAX_SHORT_LEN => {
                    if let Some(r) = long_strings.get(s) {
                        Value::Str(*r)
                    } else {
                        let r = self.new_str(s);
                        long_strings.insert(s.clone(), r);
                        Value::Str(r)
                    }
                }
                Constant::Str(s) => Value::Str(self.new_str(s)),
            })
            .collect();
        // Keep the constants reachable while the children are loaded: nothing here
        // collects (allocation never collects), so plain locals are fine.
        let protos: Vec<GcRef<LuaProto>> = p
            .protos
            .iter()
            .map(|c| self.load_proto_with(c, long_strings))
            .collect();
        let extra = p.code.len() * 8 + k.len() * 16 + p.protos.len() * 8;
        self.heap.alloc(
            ObjKind::Proto,
            LuaProto {
                code: p.code.clone().into_boxed_slice(),
                k: k.into_boxed_slice(),
                protos: protos.into_boxed_slice(),
                upvals: p.upvalues.clone().into_boxed_slice(),
                num_params: p.num_params,
                is_vararg: p.is_vararg,
                max_stack: p.max_stack.max(2),
                line_info: p.line_info.clone().into_boxed_slice(),
                loc_vars: p.loc_vars.clone().into_boxed_slice(),
                source: p.source.clone(),
                line_defined: p.line_defined,
                last_line_defined: p.last_line_defined,
            },
            extra,
        )
    }

    /// Make a closure of a main chunk: its first upvalue is set to `env` (the globals
    /// table unless the caller gives another), the rest are fresh nil upvalues.
    pub fn new_main_closure(&mut self, p: GcRef<LuaProto>, env: Value) -> GcRef<LClosure> {
        let n = p.upvals.len();
        let mut ups = Vec::with_capacity(n);
        for i in 0..n {
            let v = if i == 0 { env } else { Value::Nil };
            ups.push(self.new_upval_closed(v));
        }
        self.heap.alloc(
            ObjKind::LClosure,
            LClosure {
                proto: p,
                upvals: ups.into_boxed_slice(),
            },
            n * 8,
        )
    }

    // ---- metatables ---------------------------------------------------------------

    #[inline]
    pub fn metatable_of(&self, v: &Value) -> Option<GcRef<Table>> {
        match v {
            Value::Table(t) => t.metatable,
            Value::UserData(u) => u.metatable,
            _ => self.type_mt[v.lua_type() as usize],
        }
    }

    /// Look up metamethod `tm` in a metatable, using (and filling) the absent-flags
    /// cache for the first few events.
    #[inline]
    pub fn fast_tm(&self, mt: GcRef<Table>, tm: Tm) -> Value {
        let bit = tm as u32;
        if bit < 8 && mt.flags & (1 << bit) != 0 {
            return Value::Nil;
        }
        let v = mt.get_short_str(self.tm_names[tm as usize]);
        if v.is_nil() && bit < 8 {
            mt.get_mut().flags |= 1 << bit;
        }
        v
    }

    /// The metamethod `tm` of a value, or nil.
    #[inline]
    pub fn get_tm(&self, v: &Value, tm: Tm) -> Value {
        match self.metatable_of(v) {
            Some(mt) => self.fast_tm(mt, tm),
            None => Value::Nil,
        }
    }

    /// A field of a value's metatable by name (for `__name`, `__tostring`...).
    pub fn metafield(&mut self, v: &Value, name: &str) -> Value {
        match self.metatable_of(v) {
            Some(mt) => {
                let k = self.new_str(name.as_bytes());
                mt.get_str(k)
            }
            None => Value::Nil,
        }
    }

    /// Set the metatable of a table or full userdata; a metatable with `__gc`
    /// registers the object for finalization (as `lua_setmetatable` does).
    pub fn set_metatable(&mut self, v: Value, mt: Option<GcRef<Table>>) {
        let flags = match v {
            Value::Table(t) => {
                t.get_mut().metatable = mt;
                t.gcflags()
            }
            Value::UserData(u) => {
                u.get_mut().metatable = mt;
                u.gcflags()
            }
            _ => return,
        };
        if let Some(m) = mt {
            if !self.fast_tm(m, Tm::Gc).is_nil() && flags & FIN_REGISTERED == 0 {
                set_gcflags(&v, flags | FIN_REGISTERED);
                self.finobj.push(v);
            }
        }
    }

    /// Run pending finalizers (after a collection). Errors in a finalizer become
    /// warnings, as in PUC Lua.
    pub fn run_finalizers(&mut self) {
        if self.in_finalizers || self.tobefnz.is_empty() {
            return;
        }
        self.in_finalizers = true;
        while let Some(obj) = self.tobefnz.pop() {
            let flags = match obj {
                Value::Table(t) => t.gcflags(),
                Value::UserData(u) => u.gcflags(),
                _ => continue,
            };
            set_gcflags(&obj, flags & !FIN_REGISTERED);
            let tm = self.get_tm(&obj, Tm::Gc);
            if tm.is_function() {
                if let Err(e) = self.try_call_value(tm, &[obj]) {
                    if self.warn_on {
                        let msg = match e.value {
                            Value::Str(s) => s.to_str_lossy().into_owned(),
                            v => format!("(error object is a {} value)", v.type_name()),
                        };
                        eprintln!("Lua warning: error in __gc ({msg})");
                    }
                }
            }
        }
        self.in_finalizers = false;
    }

    /// Whether a finalizer is running.
    pub fn in_finalizer(&self) -> bool {
        self.in_finalizers
    }

    /// Close the state: run the finalizers of every object that has one (PUC's
    /// `lua_close`). The VM stays usable.
    pub fn close_state(&mut self) {
        // `tobefnz` runs from its end: newest registration first, as at collection.
        let all = std::mem::take(&mut self.finobj);
        self.tobefnz.extend(all);
        self.run_finalizers();
    }

    // ---- errors -------------------------------------------------------------------

    /// An error whose value is a plain string (no position).
    pub fn error_str(&mut self, msg: &str) -> LuaError {
        let s = self.str_value(msg.as_bytes());
        LuaError::new(s)
    }

    /// A runtime error with the current Lua position prepended (PUC's luaG_runerror).
    pub fn rt_error(&mut self, msg: &str) -> LuaError {
        let full = match self.where_(0) {
            Some(w) => format!("{w}{msg}"),
            None => msg.to_string(),
        };
        self.error_str(&full)
    }

    // ---- collection ---------------------------------------------------------------

    /// A safe point: collect if the allocation debt says so.
    #[inline(always)]
    pub fn check_gc(&mut self) {
        if self.heap.should_collect() {
            self.collect_garbage_step();
        }
    }

    #[cold]
    #[inline(never)]
    fn collect_garbage_step(&mut self) {
        if self.heap.running || self.heap.stress {
            self.full_gc();
            self.run_finalizers();
        } else {
            // Stopped: don't check again until more has been allocated.
            self.heap.threshold = self.heap.total.saturating_mul(2).max(1 << 20);
        }
    }
}

impl Drop for Vm {
    fn drop(&mut self) {
        self.free_all();
    }
}

fn set_gcflags(v: &Value, f: u8) {
    match v {
        Value::Table(t) => t.set_gcflags(f),
        Value::UserData(u) => u.set_gcflags(f),
        _ => {}
    }
}

/// Convenience for natives: `Ok(n)` results.
pub fn ok(n: usize) -> LResult<usize> {
    Ok(n)
}
