//! The collected heap: object headers, typed references and the list of all objects.
//!
//! Every collectable object lives in a `GcBox<T>`: a header followed by the payload.
//! All boxes are linked through their headers in one list (as PUC Lua's `allgc`), which
//! the sweep phase walks. Objects never move, so a `GcRef<T>` is a plain pointer.
//!
//! This module and `gc/collect.rs` hold the collector's unsafe core. The invariant the
//! rest of the VM relies on: a `GcRef` obtained from the heap stays valid until a
//! collection finds it unreachable from the roots. Collections only run at explicit
//! safe points (`Vm::check_gc`), where every live value is reachable from a root.

use std::cell::Cell;
use std::marker::PhantomData;
use std::ptr::NonNull;

/// Which kind of object a header belongs to, so the collector can trace and free it.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[repr(u8)]
pub enum ObjKind {
    Str,
    Table,
    LClosure,
    NClosure,
    Proto,
    UpVal,
    Thread,
    UserData,
}

/// Mark colours. Objects are white (unmarked) between collections.
pub const WHITE: u8 = 0;
pub const BLACK: u8 = 1;

#[repr(C)]
pub struct GcHeader {
    pub(crate) next: Cell<Option<NonNull<GcHeader>>>,
    pub(crate) kind: ObjKind,
    pub(crate) mark: Cell<u8>,
    /// `FIN_REGISTERED` when the object is in the finalizer list.
    pub(crate) gcflags: Cell<u8>,
}

/// `GcHeader::gcflags`: the object has a `__gc` registered and not yet run.
pub const FIN_REGISTERED: u8 = 1;

#[repr(C)]
pub struct GcBox<T: ?Sized> {
    pub(crate) header: GcHeader,
    pub(crate) data: T,
}

/// A reference to a collected object. Copy, pointer-sized, compared by address.
pub struct GcRef<T> {
    ptr: NonNull<GcBox<T>>,
    _marker: PhantomData<*const T>,
}

impl<T> Clone for GcRef<T> {
    #[inline(always)]
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for GcRef<T> {}

impl<T> PartialEq for GcRef<T> {
    #[inline(always)]
    fn eq(&self, other: &Self) -> bool {
        self.ptr == other.ptr
    }
}
impl<T> Eq for GcRef<T> {}

impl<T> std::fmt::Debug for GcRef<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "GcRef({:p})", self.ptr)
    }
}

impl<T> GcRef<T> {
    /// # Safety
    /// `ptr` must point to a live `GcBox<T>` owned by the heap.
    #[inline(always)]
    pub(crate) unsafe fn from_box(ptr: NonNull<GcBox<T>>) -> Self {
        GcRef {
            ptr,
            _marker: PhantomData,
        }
    }

    #[inline(always)]
    pub(crate) fn header(&self) -> &GcHeader {
        // SAFETY: the box is live (module invariant) and the header is its first field.
        unsafe { &(*self.ptr.as_ptr()).header }
    }

    #[inline(always)]
    pub(crate) fn header_ptr(&self) -> NonNull<GcHeader> {
        self.ptr.cast()
    }

    /// The collector flags of the object (`FIN_REGISTERED`).
    #[inline]
    pub(crate) fn gcflags(&self) -> u8 {
        self.header().gcflags.get()
    }

    #[inline]
    pub(crate) fn set_gcflags(&self, f: u8) {
        self.header().gcflags.set(f)
    }

    /// The object's address, for hashing, `%p` and identity.
    #[inline(always)]
    pub fn addr(&self) -> usize {
        self.ptr.as_ptr() as usize
    }

    /// Mutable access to the payload.
    ///
    /// The VM is single-threaded and mutable borrows of an object are kept short
    /// (never held across a call that could reach the same object again), which is
    /// what makes handing out `&mut` from a shared reference sound here.
    #[inline(always)]
    #[allow(clippy::mut_from_ref)]
    pub fn get_mut(&self) -> &mut T {
        // SAFETY: the box is live (module invariant); see the doc comment on aliasing.
        unsafe { &mut (*self.ptr.as_ptr()).data }
    }
}

impl<T> std::ops::Deref for GcRef<T> {
    type Target = T;
    #[inline(always)]
    fn deref(&self) -> &T {
        // SAFETY: the box is live (module invariant).
        unsafe { &(*self.ptr.as_ptr()).data }
    }
}

/// Allocation bookkeeping and the list of all objects.
pub struct Heap {
    /// Head of the list of every object (newest first).
    pub(crate) all: Option<NonNull<GcHeader>>,
    /// Bytes currently allocated for collected objects (estimate incl. owned buffers).
    pub total: usize,
    /// Collect when `total` exceeds this.
    pub threshold: usize,
    /// Collect at every safe point (MOONVM_GC_STRESS).
    pub stress: bool,
    /// `collectgarbage("stop")` sets this to false.
    pub running: bool,
    /// Threshold after a collection, as a percentage of the live size (PUC's pause).
    pub pause: usize,
    pub step_mul: usize,
    pub generational: bool,
}

impl Heap {
    pub fn new() -> Heap {
        let stress =
            std::env::var_os("MOONVM_GC_STRESS").is_some_and(|v| v != "0" && !v.is_empty());
        Heap {
            all: None,
            total: 0,
            threshold: 256 * 1024,
            stress,
            running: true,
            pause: 200,
            step_mul: 100,
            generational: false,
        }
    }

    /// Allocate an object and link it into the list. Never collects.
    #[inline]
    pub fn alloc<T>(&mut self, kind: ObjKind, data: T, extra_bytes: usize) -> GcRef<T> {
        let b = Box::new(GcBox {
            header: GcHeader {
                next: Cell::new(self.all),
                kind,
                mark: Cell::new(WHITE),
                gcflags: Cell::new(0),
            },
            data,
        });
        self.total += std::mem::size_of::<GcBox<T>>() + extra_bytes;
        let ptr = NonNull::from(Box::leak(b));
        self.all = Some(ptr.cast());
        // SAFETY: the box was just allocated and is now owned by the heap's list.
        unsafe { GcRef::from_box(ptr) }
    }

    /// Link an object allocated elsewhere (strings, which have a custom layout).
    pub(crate) fn link(&mut self, header: NonNull<GcHeader>, bytes: usize) {
        // SAFETY: the caller passes a freshly allocated, initialised header.
        unsafe { header.as_ref().next.set(self.all) };
        self.all = Some(header);
        self.total += bytes;
    }

    /// Account for memory an object acquired (positive) or released (negative).
    #[inline]
    pub fn adjust(&mut self, delta: isize) {
        self.total = (self.total as isize + delta).max(0) as usize;
    }

    /// Whether a safe point should collect now.
    #[inline(always)]
    pub fn should_collect(&self) -> bool {
        self.total >= self.threshold
    }

    pub fn total_bytes(&self) -> usize {
        self.total
    }
}

impl Default for Heap {
    fn default() -> Self {
        Heap::new()
    }
}
