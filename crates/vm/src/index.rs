//! Indexing with metamethods: `t[k]` and `t[k] = v` when the raw fast path does not
//! apply (PUC's `luaV_finishget` / `luaV_finishset`), and raw stores with key checks.

use crate::debug::Loc;
use crate::error::LResult;
use crate::gc::heap::GcRef;
use crate::number::{self, F2I};
use crate::state::Vm;
use crate::table::Table;
use crate::tm::Tm;
use crate::value::Value;

/// Longest `__index`/`__newindex` chain followed (PUC's MAXTAGLOOP).
const MAX_TAG_LOOP: usize = 2000;

/// Normalise a key for lookup: floats with an integral value become integers.
#[inline(always)]
pub fn norm_key(k: Value) -> Value {
    if let Value::Float(f) = k {
        if let Some(i) = number::float_to_int(f, F2I::Exact) {
            return Value::Int(i);
        }
    }
    k
}

impl Vm {
    /// `rawget`.
    #[inline]
    pub fn raw_get(&self, t: GcRef<Table>, k: Value) -> Value {
        t.get(&norm_key(k))
    }

    /// `rawset`, with the "index is nil/NaN" checks.
    pub fn raw_set(&mut self, t: GcRef<Table>, k: Value, v: Value) -> LResult<()> {
        let k = norm_key(k);
        match k {
            Value::Nil => return Err(self.rt_error("table index is nil")),
            Value::Float(f) if f.is_nan() => return Err(self.rt_error("table index is NaN")),
            _ => {}
        }
        let delta = t.get_mut().set(k, v);
        self.heap.adjust(delta);
        Ok(())
    }

    /// `t[k]` with metamethods. `loc` describes where `t` came from (for errors).
    #[cold]
    #[inline(never)]
    ///
    /// The caller has already looked `k` up in `t` itself when `t` is a table (the
    /// interpreter's fast paths all do), so the first raw lookup is skipped.
    pub fn index_slow(&mut self, t: Value, k: Value, loc: Loc) -> LResult<Value> {
        let mut t = t;
        let mut loc = loc;
        let mut first = true;
        for _ in 0..MAX_TAG_LOOP {
            let tm = if let Value::Table(tab) = t {
                if !first {
                    let v = self.raw_get(tab, k);
                    if !v.is_nil() {
                        return Ok(v);
                    }
                }
                match tab.metatable {
                    None => return Ok(Value::Nil),
                    Some(mt) => {
                        let tm = self.fast_tm(mt, Tm::Index);
                        if tm.is_nil() {
                            return Ok(Value::Nil);
                        }
                        tm
                    }
                }
            } else {
                let tm = self.get_tm(&t, Tm::Index);
                if tm.is_nil() {
                    return Err(self.index_error(t, k, loc));
                }
                tm
            };
            if tm.is_function() {
                return self.call_tm(tm, &[t, k]);
            }
            t = tm;
            loc = Loc::None;
            first = false;
        }
        Err(self.rt_error("'__index' chain too long; possible loop"))
    }

    #[cold]
    fn index_error(&mut self, t: Value, _k: Value, loc: Loc) -> crate::error::LuaError {
        self.type_error(&t, loc, "index")
    }

    /// `t[k] = v` with metamethods.
    #[cold]
    #[inline(never)]
    pub fn setindex_slow(&mut self, t: Value, k: Value, v: Value, loc: Loc) -> LResult<()> {
        let mut t = t;
        let mut loc = loc;
        for _ in 0..MAX_TAG_LOOP {
            let tm = if let Value::Table(tab) = t {
                // Without a metatable the slot test is left to `raw_set`.
                if tab.metatable.is_some() {
                    let nk = norm_key(k);
                    if let Some(slot) = tab.get_mut().slot_mut(&nk) {
                        if !slot.is_nil() {
                            *slot = v;
                            return Ok(());
                        }
                    }
                }
                let tm = match tab.metatable {
                    None => Value::Nil,
                    Some(mt) => self.fast_tm(mt, Tm::NewIndex),
                };
                if tm.is_nil() {
                    return self.raw_set(tab, k, v);
                }
                tm
            } else {
                let tm = self.get_tm(&t, Tm::NewIndex);
                if tm.is_nil() {
                    return Err(self.type_error(&t, loc, "index"));
                }
                tm
            };
            if tm.is_function() {
                self.call_tm(tm, &[t, k, v])?;
                return Ok(());
            }
            t = tm;
            loc = Loc::None;
        }
        Err(self.rt_error("'__newindex' chain too long; possible loop"))
    }

    /// `t[k]` with metamethods, for library code.
    pub fn get_index(&mut self, t: Value, k: Value) -> LResult<Value> {
        if let Value::Table(tab) = t {
            let v = self.raw_get(tab, k);
            if !v.is_nil() || tab.metatable.is_none() {
                return Ok(v);
            }
        }
        self.index_slow(t, k, Loc::None)
    }

    /// `t[k] = v` with metamethods, for library code.
    pub fn set_index(&mut self, t: Value, k: Value, v: Value) -> LResult<()> {
        self.setindex_slow(t, k, v, Loc::None)
    }
}
