//! Mark and sweep. A collection is atomic: mark everything reachable from the roots
//! (with an explicit gray stack, so deep structures cannot overflow the Rust stack),
//! then free every unmarked object.
//!
//! Roots: the registry, globals, basic-type metatables, metamethod names, the running
//! thread's stack (up to the highest frame top) and open upvalues, every thread
//! reachable from those, and `extra_roots`. Slots above the scanned part of a stack
//! are cleared to nil, so a stale value there can never be seen after its object
//! is freed.

use super::heap::{GcBox, GcHeader, GcRef, ObjKind, BLACK, WHITE};
use crate::func::{LClosure, LuaProto, NClosure, UpVal};
use crate::state::Vm;
use crate::string::{free_str, LuaStr};
use crate::table::Table;
use crate::thread::{ExecState, FrameFn, Thread};
use crate::userdata::UserData;
use crate::value::Value;
use std::ptr::NonNull;

struct Marker {
    gray: Vec<NonNull<GcHeader>>,
    /// The interned "__mode" string, to find weak tables.
    mode_key: GcRef<LuaStr>,
    /// Tables with weak values only, weak keys only (ephemerons), and both.
    weak_values: Vec<GcRef<Table>>,
    ephemerons: Vec<GcRef<Table>>,
    all_weak: Vec<GcRef<Table>>,
}

/// Whether a value is an object that weak tables drop when it dies. Strings are
/// collectable but behave as values here, as the manual says.
#[inline]
fn is_weak_candidate(v: &Value) -> bool {
    matches!(
        v,
        Value::Table(_) | Value::LFn(_) | Value::NFn(_) | Value::UserData(_) | Value::Thread(_)
    )
}

/// Whether a collectable value survived marking (non-objects always do).
#[inline]
fn is_marked(v: &Value) -> bool {
    let h = match v {
        Value::Table(r) => r.header(),
        Value::LFn(r) => r.header(),
        Value::NFn(r) => r.header(),
        Value::UserData(r) => r.header(),
        Value::Thread(r) => r.header(),
        Value::Str(r) => r.header(),
        _ => return true,
    };
    h.mark.get() != WHITE
}

/// Key put in place of a dead key of a weak table: it keeps the node's chain intact
/// for `next`, and no Lua value can equal it.
const DEAD_KEY: Value = Value::LightUserData(1);

impl Marker {
    #[inline]
    fn mark_header(&mut self, h: NonNull<GcHeader>) {
        // SAFETY: every header reachable from a root is a live object.
        let hdr = unsafe { h.as_ref() };
        if hdr.mark.get() == WHITE {
            hdr.mark.set(BLACK);
            if hdr.kind != ObjKind::Str {
                self.gray.push(h);
            }
        }
    }

    #[inline]
    fn mark_ref<T>(&mut self, r: GcRef<T>) {
        self.mark_header(r.header_ptr());
    }

    #[inline]
    fn mark_value(&mut self, v: &Value) {
        match v {
            Value::Str(r) => self.mark_ref(*r),
            Value::Table(r) => self.mark_ref(*r),
            Value::LFn(r) => self.mark_ref(*r),
            Value::NFn(r) => self.mark_ref(*r),
            Value::UserData(r) => self.mark_ref(*r),
            Value::Thread(r) => self.mark_ref(*r),
            _ => {}
        }
    }

    /// Mark a thread's live stack part and clear the dead part.
    fn mark_exec_state(&mut self, st: &mut ExecState) {
        // Everything live is below `top`: at a safe point the running frame's top is
        // set just above its live registers, and a lower frame's live registers are
        // below the function slot of the frame it called (as PUC's traversethread).
        let hi = st.top.min(st.stack.len());
        let mut in_use = hi;
        for f in st.frames.iter() {
            in_use = in_use.max(f.top);
            match f.func_obj {
                FrameFn::Lua(c) => self.mark_ref(c),
                FrameFn::Native(c) => self.mark_ref(c),
            }
        }
        for v in st.stack[..hi].iter() {
            self.mark_value(v);
        }
        // Dead slots are cleared; slots beyond every frame are dropped (the stack
        // regrows with nils on demand), so a stack that once grew huge does not make
        // every later collection clear a million slots. Truncating never moves the
        // buffer, so open upvalues and the interpreter's register pointer stay valid.
        let keep = (in_use + crate::state::MIN_STACK * 2).max(64);
        if st.stack.len() > keep {
            st.stack.truncate(keep);
        }
        let end = st.stack.len();
        for v in st.stack[hi.min(end)..end].iter_mut() {
            *v = Value::Nil;
        }
        for uv in st.open_upvals.iter() {
            self.mark_ref(*uv);
        }
    }

    /// Mark the children of a gray object.
    fn traverse(&mut self, h: NonNull<GcHeader>) {
        // SAFETY: `h` is a marked live object; the kind says what payload follows.
        unsafe {
            match h.as_ref().kind {
                ObjKind::Str => {}
                ObjKind::Table => {
                    let tref = GcRef::<Table>::from_box(h.cast::<GcBox<Table>>());
                    let t = &*tref;
                    let (weak_k, weak_v) = match t.metatable {
                        Some(mt) => {
                            self.mark_ref(mt);
                            match mt.get_short_str(self.mode_key) {
                                Value::Str(m) => {
                                    (m.as_bytes().contains(&b'k'), m.as_bytes().contains(&b'v'))
                                }
                                _ => (false, false),
                            }
                        }
                        None => (false, false),
                    };
                    match (weak_k, weak_v) {
                        (false, false) => t.for_each_ref(|v| self.mark_value(v)),
                        (false, true) => {
                            // Strong keys; values only if they are not weak candidates.
                            t.for_each_entry(|k, v| {
                                self.mark_value(k);
                                if !is_weak_candidate(v) {
                                    self.mark_value(v);
                                }
                            });
                            self.weak_values.push(tref);
                        }
                        (true, false) => {
                            // Ephemeron: a value is marked once its key is.
                            t.for_each_entry(|k, v| {
                                if !is_weak_candidate(k) {
                                    self.mark_value(k);
                                    self.mark_value(v);
                                } else if is_marked(k) {
                                    self.mark_value(v);
                                }
                            });
                            self.ephemerons.push(tref);
                        }
                        (true, true) => {
                            // Keys are marked (strings) or cleared only after the dead
                            // values are removed (`clear_by_keys`), as PUC's atomic phase
                            // does: a string key of a removed entry dies with it.
                            t.for_each_entry(|_, v| {
                                if !is_weak_candidate(v) {
                                    self.mark_value(v);
                                }
                            });
                            self.all_weak.push(tref);
                        }
                    }
                }
                ObjKind::LClosure => {
                    let c = &(*h.cast::<GcBox<LClosure>>().as_ptr()).data;
                    self.mark_ref(c.proto);
                    for uv in c.upvals.iter() {
                        self.mark_ref(*uv);
                    }
                }
                ObjKind::NClosure => {
                    let c = &(*h.cast::<GcBox<NClosure>>().as_ptr()).data;
                    for v in c.upvals.iter() {
                        self.mark_value(v);
                    }
                }
                ObjKind::Proto => {
                    let p = &(*h.cast::<GcBox<LuaProto>>().as_ptr()).data;
                    for v in p.k.iter() {
                        self.mark_value(v);
                    }
                    for c in p.protos.iter() {
                        self.mark_ref(*c);
                    }
                }
                ObjKind::UpVal => {
                    let uv = &(*h.cast::<GcBox<UpVal>>().as_ptr()).data;
                    // Open or closed, the current value must stay alive.
                    self.mark_value(&uv.get());
                }
                ObjKind::Thread => {
                    let th = &mut (*h.cast::<GcBox<Thread>>().as_ptr()).data;
                    self.mark_exec_state(&mut th.state);
                    if let Some(e) = th.error {
                        self.mark_value(&e);
                    }
                }
                ObjKind::UserData => {
                    let u = &(*h.cast::<GcBox<UserData>>().as_ptr()).data;
                    if let Some(mt) = u.metatable {
                        self.mark_ref(mt);
                    }
                    self.mark_value(&u.user_value);
                }
            }
        }
    }
}

impl Marker {
    fn propagate(&mut self) {
        while let Some(h) = self.gray.pop() {
            self.traverse(h);
        }
    }

    /// Mark ephemeron values whose keys became reachable, until nothing changes.
    fn converge_ephemerons(&mut self) {
        loop {
            self.propagate();
            let mut changed = false;
            for i in 0..self.ephemerons.len() {
                let t = self.ephemerons[i];
                t.for_each_entry(|k, v| {
                    if is_marked(k) && !is_marked(v) {
                        self.mark_value(v);
                        changed = true;
                    }
                });
            }
            if !changed {
                break;
            }
        }
    }

    /// Drop entries whose weak value died.
    fn clear_by_values(&self) {
        for t in self.weak_values.iter().chain(self.all_weak.iter()) {
            t.get_mut()
                .clear_entries(|_, v| is_weak_candidate(v) && !is_marked(v), DEAD_KEY);
        }
    }

    /// In weak tables, keys of removed (nil-valued) entries are not marked: replace
    /// the dead ones so no node points at a freed object.
    fn clear_dead_keys(&self) {
        for t in self
            .weak_values
            .iter()
            .chain(self.ephemerons.iter())
            .chain(self.all_weak.iter())
        {
            t.get_mut().clear_dead_keys(|k| !is_marked(k), DEAD_KEY);
        }
    }

    /// Drop entries whose weak key died; keys that are values (strings) of the
    /// remaining entries are kept alive.
    fn clear_by_keys(&mut self) {
        let tables: Vec<GcRef<Table>> = self
            .ephemerons
            .iter()
            .chain(self.all_weak.iter())
            .copied()
            .collect();
        for t in tables {
            t.get_mut()
                .clear_entries(|k, _| is_weak_candidate(k) && !is_marked(k), DEAD_KEY);
            t.for_each_entry(|k, _| {
                if !is_weak_candidate(k) {
                    self.mark_value(k);
                }
            });
        }
    }
}

/// Free one object; returns the bytes it accounted for.
///
/// # Safety
/// `h` must be an unreachable object that is no longer linked anywhere.
unsafe fn free_object(h: NonNull<GcHeader>) {
    match h.as_ref().kind {
        ObjKind::Str => {
            free_str(h);
        }
        ObjKind::Table => drop(Box::from_raw(h.cast::<GcBox<Table>>().as_ptr())),
        ObjKind::LClosure => drop(Box::from_raw(h.cast::<GcBox<LClosure>>().as_ptr())),
        ObjKind::NClosure => drop(Box::from_raw(h.cast::<GcBox<NClosure>>().as_ptr())),
        ObjKind::Proto => drop(Box::from_raw(h.cast::<GcBox<LuaProto>>().as_ptr())),
        ObjKind::UpVal => drop(Box::from_raw(h.cast::<GcBox<UpVal>>().as_ptr())),
        ObjKind::Thread => drop(Box::from_raw(h.cast::<GcBox<Thread>>().as_ptr())),
        ObjKind::UserData => drop(Box::from_raw(h.cast::<GcBox<UserData>>().as_ptr())),
    }
}

/// The bytes a live object accounts for (object plus owned buffers).
///
/// # Safety
/// `h` must be a live object.
unsafe fn object_size(h: NonNull<GcHeader>) -> usize {
    match h.as_ref().kind {
        ObjKind::Str => {
            let s = &(*h.cast::<GcBox<LuaStr>>().as_ptr()).data;
            std::mem::size_of::<GcBox<LuaStr>>() + s.len()
        }
        ObjKind::Table => {
            let t = &(*h.cast::<GcBox<Table>>().as_ptr()).data;
            std::mem::size_of::<GcBox<Table>>() + t.extra_size()
        }
        ObjKind::LClosure => {
            let c = &(*h.cast::<GcBox<LClosure>>().as_ptr()).data;
            std::mem::size_of::<GcBox<LClosure>>() + c.upvals.len() * 8
        }
        ObjKind::NClosure => {
            let c = &(*h.cast::<GcBox<NClosure>>().as_ptr()).data;
            std::mem::size_of::<GcBox<NClosure>>() + c.upvals.len() * 16
        }
        ObjKind::Proto => {
            let p = &(*h.cast::<GcBox<LuaProto>>().as_ptr()).data;
            std::mem::size_of::<GcBox<LuaProto>>() + p.code.len() * 8 + p.k.len() * 16
        }
        ObjKind::UpVal => std::mem::size_of::<GcBox<UpVal>>(),
        ObjKind::Thread => {
            let t = &(*h.cast::<GcBox<Thread>>().as_ptr()).data;
            std::mem::size_of::<GcBox<Thread>>()
                + t.state.stack.len() * 16
                + t.state.frames.capacity() * 64
        }
        ObjKind::UserData => std::mem::size_of::<GcBox<UserData>>() + 64,
    }
}

impl Vm {
    /// A full collection.
    pub fn full_gc(&mut self) {
        let mut m = Marker {
            gray: Vec::with_capacity(256),
            mode_key: self.tm_names[crate::tm::Tm::Mode as usize],
            weak_values: Vec::new(),
            ephemerons: Vec::new(),
            all_weak: Vec::new(),
        };
        // Roots.
        m.mark_ref(self.registry);
        m.mark_ref(self.globals);
        for mt in self.type_mt.iter().flatten() {
            m.mark_ref(*mt);
        }
        for s in self.tm_names.iter() {
            m.mark_ref(*s);
        }
        m.mark_ref(self.main_thread);
        m.mark_ref(self.cur_thread);
        for v in self.extra_roots.iter() {
            m.mark_value(v);
        }
        m.mark_exec_state(&mut self.ts);
        for v in self.tobefnz.iter() {
            m.mark_value(v);
        }
        m.converge_ephemerons();
        m.clear_by_values();
        // Objects with finalizers that died are resurrected until their `__gc` runs
        // (newest registration first, as PUC orders them).
        let mut i = 0;
        while i < self.finobj.len() {
            if is_marked(&self.finobj[i]) {
                i += 1;
            } else {
                let v = self.finobj.remove(i);
                self.tobefnz.push(v);
            }
        }
        for v in self.tobefnz.iter() {
            m.mark_value(v);
        }
        m.converge_ephemerons();
        m.clear_by_keys();
        m.clear_by_values();
        m.clear_dead_keys();
        self.sweep();
    }

    fn sweep(&mut self) {
        // Threads about to be freed: close their open upvalues that survive, so no
        // live upvalue points into a freed stack.
        self.threads.retain(|t| {
            if t.header().mark.get() == WHITE {
                for uv in t.state.open_upvals.iter() {
                    if uv.header().mark.get() != WHITE {
                        uv.closed.set(uv.get());
                        uv.v.set(uv.closed.as_ptr());
                    }
                }
                false
            } else {
                true
            }
        });
        self.strings.remove_unmarked();
        let mut live = 0usize;
        let mut prev: Option<NonNull<GcHeader>> = None;
        let mut cur = self.heap.all;
        while let Some(h) = cur {
            // SAFETY: `h` is on the all-objects list, hence allocated.
            let hdr = unsafe { h.as_ref() };
            let next = hdr.next.get();
            if hdr.mark.get() == WHITE {
                match prev {
                    None => self.heap.all = next,
                    // SAFETY: `p` is a live object earlier in the list.
                    Some(p) => unsafe { p.as_ref().next.set(next) },
                }
                // SAFETY: unmarked means unreachable; it is now unlinked.
                unsafe { free_object(h) };
            } else {
                hdr.mark.set(WHITE);
                // SAFETY: live object.
                live += unsafe { object_size(h) };
                prev = Some(h);
            }
            cur = next;
        }
        self.heap.total = live;
        // Stress mode: the next safe point after any allocation collects again
        // (a collection with nothing new allocated cannot find anything new).
        self.heap.threshold = if self.heap.stress {
            live + 1
        } else {
            (live / 100).saturating_mul(self.heap.pause).max(256 * 1024)
        };
    }

    /// Free every object (when the VM is dropped).
    pub(crate) fn free_all(&mut self) {
        let mut cur = self.heap.all.take();
        while let Some(h) = cur {
            // SAFETY: the VM is going away; every object is unreachable.
            unsafe {
                cur = h.as_ref().next.get();
                free_object(h);
            }
        }
        self.heap.total = 0;
    }
}
