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
}

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
        let mut hi = st.top;
        for f in st.frames.iter() {
            hi = hi.max(f.top);
            match f.func_obj {
                FrameFn::Lua(c) => self.mark_ref(c),
                FrameFn::Native(c) => self.mark_ref(c),
            }
        }
        let hi = hi.min(st.stack.len());
        for v in st.stack[..hi].iter() {
            self.mark_value(v);
        }
        for v in st.stack[hi..].iter_mut() {
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
                    let t = &(*h.cast::<GcBox<Table>>().as_ptr()).data;
                    if let Some(mt) = t.metatable {
                        self.mark_ref(mt);
                    }
                    t.for_each_ref(|v| self.mark_value(v));
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
        // Propagate.
        while let Some(h) = m.gray.pop() {
            m.traverse(h);
        }
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
                        uv.open.set(false);
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
        self.heap.threshold = if self.heap.stress {
            0
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
