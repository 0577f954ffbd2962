//! Lua strings: immutable byte strings stored inline after their header, with short
//! strings (up to `MAX_SHORT_LEN` bytes) interned so that equality and hashing of
//! short strings is by address.

use crate::gc::heap::{GcBox, GcHeader, GcRef, Heap, ObjKind, WHITE};
use std::alloc::{alloc, dealloc, Layout};
use std::cell::Cell;
use std::ptr::NonNull;

/// Strings up to this length are interned (PUC's LUAI_MAXSHORTLEN).
pub const MAX_SHORT_LEN: usize = 40;

/// The header of a string; the bytes follow it in the same allocation.
#[repr(C)]
pub struct LuaStr {
    /// Hash of the contents (for long strings: computed on first use as a key).
    hash: Cell<u32>,
    is_short: bool,
    has_hash: Cell<bool>,
    len: usize,
    /// Next string in the same intern-table bucket.
    pub(crate) hnext: Cell<Option<GcRef<LuaStr>>>,
}

impl LuaStr {
    #[inline(always)]
    pub fn len(&self) -> usize {
        self.len
    }

    #[inline(always)]
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    #[inline(always)]
    pub fn is_short(&self) -> bool {
        self.is_short
    }

    #[inline(always)]
    pub fn as_bytes(&self) -> &[u8] {
        // SAFETY: every LuaStr is allocated by `alloc_str` with `len` bytes right after
        // the header, initialised, and never mutated afterwards.
        unsafe {
            let p = (self as *const LuaStr as *const u8).add(std::mem::size_of::<LuaStr>());
            std::slice::from_raw_parts(p, self.len)
        }
    }

    /// The contents as UTF-8 text, replacing invalid sequences (for messages).
    pub fn to_str_lossy(&self) -> std::borrow::Cow<'_, str> {
        String::from_utf8_lossy(self.as_bytes())
    }

    /// The hash of a short string (always precomputed at interning).
    #[inline(always)]
    pub fn short_hash(&self) -> u32 {
        self.hash.get()
    }

    #[inline(always)]
    pub fn hash(&self) -> u32 {
        if self.has_hash.get() {
            self.hash.get()
        } else {
            let h = hash_bytes(self.as_bytes(), SEED);
            self.hash.set(h);
            self.has_hash.set(true);
            h
        }
    }
}

impl GcRef<LuaStr> {
    /// Content equality: by address for two short strings, by bytes otherwise.
    #[inline(always)]
    pub fn eq_str(self, other: GcRef<LuaStr>) -> bool {
        self == other || (!self.is_short && !other.is_short && self.as_bytes() == other.as_bytes())
    }
}

const SEED: u32 = 0x2545_f491;

/// PUC Lua's string hash: cheap, byte at a time.
#[inline]
pub fn hash_bytes(s: &[u8], seed: u32) -> u32 {
    let mut h = seed ^ (s.len() as u32);
    for &b in s.iter().rev() {
        h ^= (h << 5).wrapping_add(h >> 2).wrapping_add(b as u32);
    }
    h
}

fn str_layout(len: usize) -> Layout {
    Layout::from_size_align(
        std::mem::size_of::<GcBox<LuaStr>>() + len,
        std::mem::align_of::<GcBox<LuaStr>>(),
    )
    .expect("string too large")
}

/// Allocate a string object (not yet linked into any list).
fn alloc_str(bytes: &[u8], is_short: bool, hash: u32) -> NonNull<GcBox<LuaStr>> {
    let layout = str_layout(bytes.len());
    // SAFETY: the layout has non-zero size (the header); we initialise the header and
    // then copy exactly `len` bytes into the space after it.
    unsafe {
        let p = alloc(layout) as *mut GcBox<LuaStr>;
        if p.is_null() {
            std::alloc::handle_alloc_error(layout);
        }
        p.write(GcBox {
            header: GcHeader {
                next: Cell::new(None),
                kind: ObjKind::Str,
                mark: Cell::new(WHITE),
                gcflags: Cell::new(0),
            },
            data: LuaStr {
                hash: Cell::new(hash),
                is_short,
                has_hash: Cell::new(is_short),
                len: bytes.len(),
                hnext: Cell::new(None),
            },
        });
        let dst = (p as *mut u8).add(std::mem::size_of::<GcBox<LuaStr>>());
        std::ptr::copy_nonoverlapping(bytes.as_ptr(), dst, bytes.len());
        NonNull::new_unchecked(p)
    }
}

/// Free a string object.
///
/// # Safety
/// `p` must be a string allocated by `alloc_str` and no longer referenced.
pub(crate) unsafe fn free_str(p: NonNull<GcHeader>) -> usize {
    let b = p.cast::<GcBox<LuaStr>>();
    let len = b.as_ref().data.len;
    dealloc(p.as_ptr() as *mut u8, str_layout(len));
    std::mem::size_of::<GcBox<LuaStr>>() + len
}

/// The intern table for short strings: chained buckets through `LuaStr::hnext`.
pub struct StringTable {
    buckets: Vec<Option<GcRef<LuaStr>>>,
    count: usize,
}

impl StringTable {
    pub fn new() -> StringTable {
        StringTable {
            buckets: vec![None; 1024],
            count: 0,
        }
    }

    /// Create or find the string with these bytes.
    pub fn intern(&mut self, heap: &mut Heap, bytes: &[u8]) -> GcRef<LuaStr> {
        if bytes.len() > MAX_SHORT_LEN {
            let p = alloc_str(bytes, false, 0);
            heap.link(p.cast(), std::mem::size_of::<GcBox<LuaStr>>() + bytes.len());
            // SAFETY: just allocated and linked into the heap.
            return unsafe { GcRef::from_box(p) };
        }
        let h = hash_bytes(bytes, SEED);
        let mask = self.buckets.len() - 1;
        let mut cur = self.buckets[h as usize & mask];
        while let Some(s) = cur {
            if s.hash.get() == h && s.as_bytes() == bytes {
                // A string that is unreachable but not yet swept could be resurrected
                // here; collections are atomic (mark and sweep in one go), so every
                // string still in the table when we run is live.
                return s;
            }
            cur = s.hnext.get();
        }
        if self.count >= self.buckets.len() {
            self.grow();
        }
        let p = alloc_str(bytes, true, h);
        heap.link(p.cast(), std::mem::size_of::<GcBox<LuaStr>>() + bytes.len());
        // SAFETY: just allocated and linked into the heap.
        let s = unsafe { GcRef::from_box(p) };
        let idx = h as usize & (self.buckets.len() - 1);
        s.hnext.set(self.buckets[idx]);
        self.buckets[idx] = Some(s);
        self.count += 1;
        s
    }

    fn grow(&mut self) {
        let new_size = self.buckets.len() * 2;
        let mut nb: Vec<Option<GcRef<LuaStr>>> = vec![None; new_size];
        for b in self.buckets.iter() {
            let mut cur = *b;
            while let Some(s) = cur {
                cur = s.hnext.get();
                let idx = s.hash.get() as usize & (new_size - 1);
                s.hnext.set(nb[idx]);
                nb[idx] = Some(s);
            }
        }
        self.buckets = nb;
    }

    /// Drop every unmarked string from the table (called before the sweep frees them).
    pub(crate) fn remove_unmarked(&mut self) {
        for b in self.buckets.iter_mut() {
            let mut prev: Option<GcRef<LuaStr>> = None;
            let mut cur = *b;
            while let Some(s) = cur {
                let next = s.hnext.get();
                if s.header().mark.get() == WHITE {
                    match prev {
                        None => *b = next,
                        Some(p) => p.hnext.set(next),
                    }
                    self.count -= 1;
                } else {
                    prev = Some(s);
                }
                cur = next;
            }
        }
    }
}

impl Default for StringTable {
    fn default() -> Self {
        StringTable::new()
    }
}
