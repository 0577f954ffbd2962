//! The table library (PUC's `ltablib.c`, Lua 5.4.4 behaviour).
//!
//! Every function honours `__index`/`__newindex`/`__len` like PUC (reads and writes
//! go through `lua_geti`/`lua_seti` semantics), with fast paths for plain tables
//! without a metatable. `sort` is ltablib's quicksort (same pivot choice, same
//! comparisons) so results with ties and with invalid order functions match.

use moonvm_vm::debug::Loc;
use moonvm_vm::gc::heap::GcRef;
use moonvm_vm::string::LuaStr;
use moonvm_vm::table::Table;
use moonvm_vm::{LResult, Value, Vm};

pub fn open(vm: &mut Vm) {
    let funcs: &[(&'static str, moonvm_vm::func::NativeFn)] = &[
        ("concat", tconcat),
        ("insert", tinsert),
        ("pack", tpack),
        ("unpack", tunpack),
        ("remove", tremove),
        ("move", tmove),
        ("sort", sort),
    ];
    vm.register_lib("table", funcs);
}

const TAB_R: u8 = 1;
const TAB_W: u8 = 2;
const TAB_L: u8 = 4;

/// A plain table (no metatable), for the raw fast paths.
#[inline]
fn plain(v: Value) -> Option<GcRef<Table>> {
    match v {
        Value::Table(t) if t.metatable.is_none() => Some(t),
        _ => None,
    }
}

/// Check that argument `arg` is a table or behaves like one (`checktab`).
fn checktab(vm: &mut Vm, arg: usize, what: u8) -> LResult<()> {
    let v = vm.arg(arg);
    if matches!(v, Value::Table(_)) {
        return Ok(());
    }
    if let Some(mt) = vm.metatable_of(&v) {
        let mut ok = true;
        for (bit, name) in [(TAB_R, "__index"), (TAB_W, "__newindex"), (TAB_L, "__len")] {
            if what & bit != 0 {
                let k = vm.new_str(name.as_bytes());
                if mt.get_str(k).is_nil() {
                    ok = false;
                    break;
                }
            }
        }
        if ok {
            return Ok(());
        }
    }
    Err(vm.arg_type_error(arg, "table"))
}

/// `luaL_len`: `#v` with `__len`, which must give an integer.
fn len(vm: &mut Vm, v: Value) -> LResult<i64> {
    if let Some(t) = plain(v) {
        return Ok(t.length());
    }
    let n = vm.len_of(v, Loc::None)?;
    // lua_tointegerx: numbers and numeric strings with an exact integer value.
    let n = match n {
        Value::Str(s) => match moonvm_vm::number::str_to_number(s.as_bytes()) {
            Some(moonvm_vm::number::Num::Int(i)) => Value::Int(i),
            Some(moonvm_vm::number::Num::Float(f)) => Value::Float(f),
            None => Value::Nil,
        },
        other => other,
    };
    match n.as_int() {
        Some(i) => Ok(i),
        None => Err(vm.lib_error("object length is not an integer")),
    }
}

/// `aux_getn`: check the argument and take its length.
fn aux_getn(vm: &mut Vm, arg: usize, what: u8) -> LResult<i64> {
    checktab(vm, arg, what | TAB_L)?;
    let v = vm.arg(arg);
    len(vm, v)
}

/// `lua_geti`.
#[inline]
fn geti(vm: &mut Vm, t: Value, i: i64) -> LResult<Value> {
    if let Value::Table(tab) = t {
        let v = tab.get_int(i);
        if !v.is_nil() || tab.metatable.is_none() {
            return Ok(v);
        }
    }
    vm.get_index(t, Value::Int(i))
}

/// `lua_seti`.
#[inline]
fn seti(vm: &mut Vm, t: Value, i: i64, v: Value) -> LResult<()> {
    if let Some(tab) = plain(t) {
        let delta = tab.get_mut().set_int(i, v);
        vm.heap.adjust(delta);
        return Ok(());
    }
    vm.set_index(t, Value::Int(i), v)
}

/// Raw store into a plain table.
#[inline]
fn raw_seti(vm: &mut Vm, t: GcRef<Table>, i: i64, v: Value) {
    let delta = t.get_mut().set_int(i, v);
    vm.heap.adjust(delta);
}

fn tinsert(vm: &mut Vm) -> LResult<usize> {
    let e = aux_getn(vm, 1, TAB_R | TAB_W)?.wrapping_add(1);
    let t = vm.arg(1);
    let pos = match vm.arg_count() {
        2 => e,
        3 => {
            let pos = vm.check_int(2)?;
            if (pos as u64).wrapping_sub(1) >= e as u64 {
                return Err(vm.arg_error(2, "position out of bounds"));
            }
            if let Some(tab) = plain(t) {
                let mut i = e;
                if i > pos && i as u64 > tab.array_len() as u64 {
                    // t[e] may be outside the array part (this store may grow it)
                    let v = tab.get_int(i - 1);
                    raw_seti(vm, tab, i, v);
                    i -= 1;
                }
                if i > pos && i as u64 <= tab.array_len() as u64 {
                    // shift t[pos..i-1] up by one inside the array part
                    let arr = tab.get_mut().array_slice_mut();
                    arr.copy_within((pos - 1) as usize..(i - 1) as usize, pos as usize);
                    i = pos;
                }
                while i > pos {
                    let v = tab.get_int(i - 1);
                    raw_seti(vm, tab, i, v);
                    i -= 1;
                }
            } else {
                let mut i = e;
                while i > pos {
                    let v = geti(vm, t, i - 1)?;
                    seti(vm, t, i, v)?;
                    i -= 1;
                }
            }
            pos
        }
        _ => return Err(vm.lib_error("wrong number of arguments to 'insert'")),
    };
    let v = vm.arg(vm.arg_count());
    seti(vm, t, pos, v)?;
    Ok(0)
}

fn tremove(vm: &mut Vm) -> LResult<usize> {
    let size = aux_getn(vm, 1, TAB_R | TAB_W)?;
    let mut pos = vm.opt_int(2, size)?;
    if pos != size && (pos as u64).wrapping_sub(1) > size as u64 {
        // Lua 5.4.4 reports this against argument #1.
        return Err(vm.arg_error(1, "position out of bounds"));
    }
    let t = vm.arg(1);
    if let Some(tab) = plain(t) {
        let result = tab.get_int(pos);
        if pos >= 1 && pos < size && size as u64 <= tab.array_len() as u64 {
            // shift t[pos+1..size] down by one inside the array part
            let arr = tab.get_mut().array_slice_mut();
            arr.copy_within(pos as usize..size as usize, (pos - 1) as usize);
            pos = size;
        }
        while pos < size {
            let v = tab.get_int(pos + 1);
            raw_seti(vm, tab, pos, v);
            pos += 1;
        }
        raw_seti(vm, tab, pos, Value::Nil);
        return vm.ret1(result);
    }
    let result = geti(vm, t, pos)?;
    // Keep the result on the stack (reachable) while metamethods run.
    vm.set_top_args(2);
    vm.push(result);
    while pos < size {
        let v = geti(vm, t, pos + 1)?;
        seti(vm, t, pos, v)?;
        pos += 1;
    }
    seti(vm, t, pos, Value::Nil)?;
    Ok(1)
}

fn tmove(vm: &mut Vm) -> LResult<usize> {
    let f = vm.check_int(2)?;
    let e = vm.check_int(3)?;
    let t = vm.check_int(4)?;
    let tt = if vm.arg(5).is_nil() { 1 } else { 5 };
    checktab(vm, 1, TAB_R)?;
    checktab(vm, tt, TAB_W)?;
    if e >= f {
        if !(f > 0 || e < i64::MAX.wrapping_add(f)) {
            return Err(vm.arg_error(3, "too many elements to move"));
        }
        let n = e - f + 1;
        if t > i64::MAX - n + 1 {
            return Err(vm.arg_error(4, "destination wrap around"));
        }
        let src = vm.arg(1);
        let dst = vm.arg(tt);
        let forward = t > e || t <= f || (tt != 1 && !vm.equals(src, dst)?);
        if let (Some(a), Some(b)) = (plain(src), plain(dst)) {
            if forward {
                for i in 0..n {
                    let v = a.get_int(f + i);
                    raw_seti(vm, b, t + i, v);
                }
            } else {
                for i in (0..n).rev() {
                    let v = a.get_int(f + i);
                    raw_seti(vm, b, t + i, v);
                }
            }
        } else if forward {
            for i in 0..n {
                let v = geti(vm, src, f + i)?;
                seti(vm, dst, t + i, v)?;
            }
        } else {
            for i in (0..n).rev() {
                let v = geti(vm, src, f + i)?;
                seti(vm, dst, t + i, v)?;
            }
        }
    }
    let d = vm.arg(tt);
    vm.ret1(d)
}

/// Append `t[i]` to `buf` (`addfield`).
fn addfield(vm: &mut Vm, buf: &mut Vec<u8>, t: Value, i: i64) -> LResult<()> {
    let v = geti(vm, t, i)?;
    if !Vm::append_tostr(buf, &v) {
        let msg = format!(
            "invalid value ({}) at index {i} in table for 'concat'",
            v.type_name()
        );
        return Err(vm.lib_error(&msg));
    }
    Ok(())
}

fn tconcat(vm: &mut Vm) -> LResult<usize> {
    let last = aux_getn(vm, 1, TAB_R)?;
    let sep: Vec<u8> = match vm.opt_str(2)? {
        Some(s) => s.as_bytes().to_vec(),
        None => Vec::new(),
    };
    let mut i = vm.opt_int(3, 1)?;
    let last = vm.opt_int(4, last)?;
    let t = vm.arg(1);
    let mut buf = Vec::new();
    while i < last {
        addfield(vm, &mut buf, t, i)?;
        buf.extend_from_slice(&sep);
        i += 1;
    }
    if i == last {
        addfield(vm, &mut buf, t, i)?;
    }
    let s = vm.str_value(&buf);
    vm.ret1(s)
}

fn tpack(vm: &mut Vm) -> LResult<usize> {
    let n = vm.arg_count();
    let t = vm.new_table(n, 1);
    for i in 1..=n {
        let v = vm.arg(i);
        raw_seti(vm, t, i as i64, v);
    }
    vm.set_field(t, "n", Value::Int(n as i64));
    vm.ret1(Value::Table(t))
}

fn tunpack(vm: &mut Vm) -> LResult<usize> {
    let mut i = vm.opt_int(2, 1)?;
    let e = if vm.arg(3).is_nil() {
        let v = vm.arg(1);
        len(vm, v)?
    } else {
        vm.check_int(3)?
    };
    if i > e {
        return Ok(0);
    }
    let n = (e as u64).wrapping_sub(i as u64);
    if n >= i32::MAX as u64 || vm.ts.top + n as usize + 6 > moonvm_vm::state::MAX_STACK {
        return Err(vm.lib_error("too many results to unpack"));
    }
    let n = n as usize + 1;
    vm.ensure_stack(vm.ts.top + n + moonvm_vm::state::MIN_STACK)?;
    let t = vm.arg(1);
    if let Some(tab) = plain(t) {
        let top = vm.ts.top;
        for k in 0..n {
            vm.ts.stack[top + k] = tab.get_int(i.wrapping_add(k as i64));
        }
        vm.ts.top = top + n;
        return Ok(n);
    }
    while i < e {
        let v = geti(vm, t, i)?;
        vm.push(v);
        i += 1;
    }
    let v = geti(vm, t, e)?;
    vm.push(v);
    Ok(n)
}

// ---- sort ---------------------------------------------------------------------

/// Arrays larger than this may use randomized pivots.
const RANLIMIT: u32 = 100;

/// What the quicksort needs: element access, the order, and a way to keep values
/// it holds reachable while Lua code runs.
trait SortAccess {
    type Elem: Copy;
    fn get(&mut self, vm: &mut Vm, i: u32) -> LResult<Self::Elem>;
    fn set(&mut self, vm: &mut Vm, i: u32, v: Self::Elem) -> LResult<()>;
    fn lt(&mut self, vm: &mut Vm, a: Self::Elem, b: Self::Elem) -> LResult<bool>;
    /// Keep `v` reachable in hold slot `slot` (0..4).
    fn hold(&mut self, vm: &mut Vm, slot: usize, v: Self::Elem);
}

/// A copy of a plain table's elements, compared without calling Lua.
struct VecSort<T, F: Fn(&T, &T) -> bool> {
    v: Vec<T>,
    less: F,
}

impl<T: Copy, F: Fn(&T, &T) -> bool> SortAccess for VecSort<T, F> {
    type Elem = T;
    #[inline(always)]
    fn get(&mut self, vm: &mut Vm, i: u32) -> LResult<T> {
        // (indices stay in 1..=n; an out-of-range one is reported, never a panic)
        match self.v.get((i as usize).wrapping_sub(1)) {
            Some(x) => Ok(*x),
            None => Err(invalid_order(vm)),
        }
    }
    #[inline(always)]
    fn set(&mut self, vm: &mut Vm, i: u32, v: T) -> LResult<()> {
        match self.v.get_mut((i as usize).wrapping_sub(1)) {
            Some(x) => {
                *x = v;
                Ok(())
            }
            None => Err(invalid_order(vm)),
        }
    }
    #[inline(always)]
    fn lt(&mut self, _vm: &mut Vm, a: T, b: T) -> LResult<bool> {
        Ok((self.less)(&a, &b))
    }
    #[inline(always)]
    fn hold(&mut self, _vm: &mut Vm, _slot: usize, _v: T) {}
}

/// The general case: any table-like value, metamethods, a Lua order function.
struct GenSort {
    t: Value,
    f: Option<Value>,
    /// Stack index of the first hold slot.
    slots: usize,
}

impl SortAccess for GenSort {
    type Elem = Value;
    #[inline]
    fn get(&mut self, vm: &mut Vm, i: u32) -> LResult<Value> {
        geti(vm, self.t, i as i64)
    }
    #[inline]
    fn set(&mut self, vm: &mut Vm, i: u32, v: Value) -> LResult<()> {
        seti(vm, self.t, i as i64, v)
    }
    #[inline]
    fn lt(&mut self, vm: &mut Vm, a: Value, b: Value) -> LResult<bool> {
        match self.f {
            Some(f) => Ok(vm.call_value(f, &[a, b])?.truthy()),
            None => match (a, b) {
                (Value::Int(x), Value::Int(y)) => Ok(x < y),
                (Value::Float(x), Value::Float(y)) => Ok(x < y),
                _ => vm.less_than_slow(a, b),
            },
        }
    }
    #[inline]
    fn hold(&mut self, vm: &mut Vm, slot: usize, v: Value) {
        if let Some(s) = vm.ts.stack.get_mut(self.slots + slot) {
            *s = v;
        }
    }
}

fn invalid_order(vm: &mut Vm) -> moonvm_vm::LuaError {
    vm.lib_error("invalid order function for sorting")
}

/// A "random" value for pivot choice once a partition turns out badly unbalanced.
fn randomize_pivot() -> u32 {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    (now.as_secs() as u32).wrapping_add(now.subsec_nanos())
}

/// Swap-free partition of [lo, up] around the pivot `p` (== a[up - 1]).
fn partition<S: SortAccess>(vm: &mut Vm, s: &mut S, lo: u32, up: u32, p: S::Elem) -> LResult<u32> {
    let mut i = lo;
    let mut j = up.wrapping_sub(1);
    loop {
        // repeat ++i while a[i] < P
        let mut ai;
        loop {
            i = i.wrapping_add(1);
            ai = s.get(vm, i)?;
            s.hold(vm, 1, ai);
            if !s.lt(vm, ai, p)? {
                break;
            }
            if i == up.wrapping_sub(1) {
                return Err(invalid_order(vm));
            }
        }
        // repeat --j while P < a[j]
        let mut aj;
        loop {
            j = j.wrapping_sub(1);
            aj = s.get(vm, j)?;
            s.hold(vm, 2, aj);
            if !s.lt(vm, p, aj)? {
                break;
            }
            if j < i {
                return Err(invalid_order(vm));
            }
        }
        if j < i {
            // swap pivot (a[up - 1]) with a[i]
            s.set(vm, up.wrapping_sub(1), ai)?;
            s.set(vm, i, p)?;
            return Ok(i);
        }
        s.set(vm, i, aj)?;
        s.set(vm, j, ai)?;
    }
}

fn choose_pivot(lo: u32, up: u32, rnd: u32) -> u32 {
    let r4 = (up - lo) / 4;
    let m = r4.wrapping_mul(2);
    if m == 0 {
        return lo.wrapping_add(r4);
    }
    (rnd % m).wrapping_add(lo.wrapping_add(r4))
}

fn auxsort<S: SortAccess>(
    vm: &mut Vm,
    s: &mut S,
    mut lo: u32,
    mut up: u32,
    mut rnd: u32,
) -> LResult<()> {
    while lo < up {
        // sort elements 'lo', 'p', and 'up'
        let alo = s.get(vm, lo)?;
        s.hold(vm, 0, alo);
        let aup = s.get(vm, up)?;
        s.hold(vm, 1, aup);
        if s.lt(vm, aup, alo)? {
            s.set(vm, lo, aup)?;
            s.set(vm, up, alo)?;
        }
        if up - lo == 1 {
            return Ok(());
        }
        let p = if up - lo < RANLIMIT || rnd == 0 {
            // the middle element is a good pivot
            ((lo as u64 + up as u64) / 2) as u32
        } else {
            choose_pivot(lo, up, rnd)
        };
        let ap = s.get(vm, p)?;
        s.hold(vm, 0, ap);
        let alo = s.get(vm, lo)?;
        s.hold(vm, 1, alo);
        if s.lt(vm, ap, alo)? {
            s.set(vm, p, alo)?;
            s.set(vm, lo, ap)?;
        } else {
            let aup = s.get(vm, up)?;
            s.hold(vm, 1, aup);
            if s.lt(vm, aup, ap)? {
                s.set(vm, p, aup)?;
                s.set(vm, up, ap)?;
            }
        }
        if up - lo == 2 {
            return Ok(());
        }
        let pivot = s.get(vm, p)?;
        s.hold(vm, 3, pivot);
        let aup1 = s.get(vm, up - 1)?;
        s.set(vm, p, aup1)?;
        s.set(vm, up - 1, pivot)?;
        let p = partition(vm, s, lo, up, pivot)?;
        let n;
        if p.wrapping_sub(lo) < up.wrapping_sub(p) {
            auxsort(vm, s, lo, p.wrapping_sub(1), rnd)?;
            n = p.wrapping_sub(lo);
            lo = p.wrapping_add(1);
        } else {
            auxsort(vm, s, p.wrapping_add(1), up, rnd)?;
            n = up.wrapping_sub(p);
            up = p.wrapping_sub(1);
        }
        if up.wrapping_sub(lo) / 128 > n {
            rnd = randomize_pivot();
        }
    }
    Ok(())
}

/// Sort a copy of the elements and store them back (also when the sort fails
/// half-way, as the in-place sort would have left them).
fn sort_vec<T: Copy, F: Fn(&T, &T) -> bool>(
    vm: &mut Vm,
    tab: GcRef<Table>,
    v: Vec<T>,
    n: u32,
    less: F,
    back: impl Fn(T) -> Value,
) -> LResult<()> {
    let mut s = VecSort { v, less };
    let r = auxsort(vm, &mut s, 1, n, 0);
    for (i, x) in s.v.iter().enumerate() {
        raw_seti(vm, tab, i as i64 + 1, back(*x));
    }
    r
}

/// The fast path: a plain table of numbers or of strings with the default order.
/// Returns false if it does not apply.
fn sort_plain(vm: &mut Vm, tab: GcRef<Table>, n: u32) -> LResult<bool> {
    let first = tab.get_int(1);
    match first {
        Value::Int(_) | Value::Float(_) => {
            let mut all_int = true;
            let mut all_float = true;
            for i in 1..=n as i64 {
                match tab.get_int(i) {
                    Value::Int(_) => all_float = false,
                    Value::Float(_) => all_int = false,
                    _ => return Ok(false),
                }
            }
            if all_int {
                let v: Vec<i64> = (1..=n as i64)
                    .map(|i| tab.get_int(i).as_int().unwrap_or(0))
                    .collect();
                sort_vec(vm, tab, v, n, |a, b| a < b, Value::Int)?;
            } else if all_float {
                let v: Vec<f64> = (1..=n as i64)
                    .map(|i| tab.get_int(i).as_float().unwrap_or(0.0))
                    .collect();
                sort_vec(vm, tab, v, n, |a, b| a < b, Value::Float)?;
            } else {
                let v: Vec<Value> = (1..=n as i64).map(|i| tab.get_int(i)).collect();
                sort_vec(
                    vm,
                    tab,
                    v,
                    n,
                    |a, b| moonvm_vm::arith::num_lt(a, b).unwrap_or(false),
                    |x| x,
                )?;
            }
            Ok(true)
        }
        Value::Str(_) => {
            let mut v: Vec<GcRef<LuaStr>> = Vec::with_capacity(n as usize);
            for i in 1..=n as i64 {
                match tab.get_int(i) {
                    Value::Str(s) => v.push(s),
                    _ => return Ok(false),
                }
            }
            sort_vec(
                vm,
                tab,
                v,
                n,
                |a, b| a.as_bytes() < b.as_bytes(),
                Value::Str,
            )?;
            Ok(true)
        }
        _ => Ok(false),
    }
}

fn sort(vm: &mut Vm) -> LResult<usize> {
    let n = aux_getn(vm, 1, TAB_R | TAB_W)?;
    if n > 1 {
        if n >= i32::MAX as i64 {
            return Err(vm.arg_error(1, "array too big"));
        }
        let f = vm.arg(2);
        if !f.is_nil() && !f.is_function() {
            return Err(vm.arg_type_error(2, "function"));
        }
        let n = n as u32;
        let t = vm.arg(1);
        if f.is_nil() {
            if let Some(tab) = plain(t) {
                if sort_plain(vm, tab, n)? {
                    return Ok(0);
                }
            }
        }
        vm.set_top_args(2);
        let slots = vm.ts.top;
        for _ in 0..4 {
            vm.push(Value::Nil);
        }
        let mut s = GenSort {
            t,
            f: if f.is_nil() { None } else { Some(f) },
            slots,
        };
        auxsort(vm, &mut s, 1, n, 0)?;
    }
    Ok(0)
}
