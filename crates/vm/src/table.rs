//! Lua tables: an array part for keys 1..n and a hash part.
//!
//! The hash part follows PUC Lua's `ltable.c` design: one power-of-two array of nodes,
//! collisions chained through the nodes themselves with Brent's variation (a colliding
//! node that is not in its main position is moved out), and a `last_free` cursor for
//! free nodes. When no free node is left the table is rehashed: integer keys are counted
//! to pick the largest array size that is more than half full, and the hash part is
//! sized for the rest.
//!
//! Keys given to this module are already normalised: never nil or NaN, and floats with
//! an integral value are passed as integers (the VM does that, see `Vm::table_set`).

use crate::gc::heap::GcRef;
use crate::string::LuaStr;
use crate::value::Value;

#[derive(Clone, Copy)]
pub(crate) struct Node {
    pub(crate) val: Value,
    pub(crate) key: Value,
    /// Offset to the next node in the collision chain (0 = end).
    next: i32,
}

const EMPTY_NODE: Node = Node {
    val: Value::Nil,
    key: Value::Nil,
    next: 0,
};

/// `next` was given a key that is not in the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InvalidKey;

/// Exactly-sized boxed slices (not `Vec`s) keep the object at 48 bytes, so a table
/// and its GC header fill one cache line.
pub struct Table {
    pub(crate) array: Box<[Value]>,
    pub(crate) nodes: Box<[Node]>,
    pub metatable: Option<GcRef<Table>>,
    /// Free nodes are searched below this index.
    last_free: u32,
    /// Bit `i` set: metamethod `i` (see `tm::TM_*`) is known to be absent from this
    /// table when it is used as a metatable. Cleared when a string key is added.
    pub flags: u8,
}

const _: () = assert!(std::mem::size_of::<Table>() == 48);

/// Bytes a table owns outside its object (for the collector's accounting).
fn buffers_size(narray: usize, nnodes: usize) -> usize {
    narray * std::mem::size_of::<Value>() + nnodes * std::mem::size_of::<Node>()
}

#[inline(always)]
fn mix(x: u64) -> u64 {
    // Fibonacci hashing: the high bits of the product are well mixed.
    x.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32
}

#[inline(always)]
fn hash_value(key: &Value) -> u64 {
    match *key {
        Value::Int(i) => mix(i as u64),
        Value::Str(s) => s.hash() as u64,
        Value::Float(f) => mix(f.to_bits()),
        Value::Bool(b) => b as u64,
        Value::Nil => 0,
        _ => mix(key.gc_addr() as u64 >> 3),
    }
}

impl Table {
    pub fn new(narray: usize, nhash: usize) -> Table {
        let mut t = Table {
            array: Box::new([]),
            nodes: Box::new([]),
            last_free: 0,
            metatable: None,
            flags: 0,
        };
        if narray > 0 {
            t.array = vec![Value::Nil; narray].into_boxed_slice();
        }
        if nhash > 0 {
            t.set_node_size(nhash);
        }
        t
    }

    /// Bytes owned outside the object.
    pub fn extra_size(&self) -> usize {
        buffers_size(self.array.len(), self.nodes.len())
    }

    fn set_node_size(&mut self, n: usize) {
        if n == 0 {
            self.nodes = Box::new([]);
            self.last_free = 0;
        } else {
            let size = n.next_power_of_two();
            self.nodes = vec![EMPTY_NODE; size].into_boxed_slice();
            self.last_free = size as u32;
        }
    }

    #[inline(always)]
    fn main_position(&self, key: &Value) -> usize {
        (hash_value(key) as usize) & (self.nodes.len() - 1)
    }

    #[inline(always)]
    pub fn array_len(&self) -> usize {
        self.array.len()
    }

    /// The array part (values of keys `1..=array_len()`), for library fast paths.
    #[inline(always)]
    pub fn array_slice(&self) -> &[Value] {
        &self.array
    }

    /// The array part, mutable (the length cannot change through it).
    #[inline(always)]
    pub fn array_slice_mut(&mut self) -> &mut [Value] {
        &mut self.array
    }

    // ---- lookups ------------------------------------------------------------------

    /// Node index holding a short (interned) string key, if present.
    #[inline(always)]
    pub fn find_short_str(&self, key: GcRef<LuaStr>) -> Option<usize> {
        let n = self.nodes.len();
        if n == 0 {
            return None;
        }
        let mut i = (key.short_hash() as usize) & (n - 1);
        loop {
            let node = &self.nodes[i];
            if let Value::Str(k) = node.key {
                if k == key {
                    return Some(i);
                }
            }
            if node.next == 0 {
                return None;
            }
            i = (i as isize + node.next as isize) as usize;
        }
    }

    /// The value in node `n` (an index from `find_short_str`).
    #[inline(always)]
    pub fn node_val(&self, n: usize) -> &Value {
        &self.nodes[n].val
    }

    #[inline(always)]
    pub fn node_val_mut(&mut self, n: usize) -> &mut Value {
        &mut self.nodes[n].val
    }

    /// `t[key]` for a short (interned) string key.
    #[inline(always)]
    pub fn get_short_str(&self, key: GcRef<LuaStr>) -> Value {
        match self.find_short_str(key) {
            Some(i) => self.nodes[i].val,
            None => Value::Nil,
        }
    }

    /// The value slot of a short string key, if the key is present.
    #[inline(always)]
    pub fn short_str_slot(&mut self, key: GcRef<LuaStr>) -> Option<&mut Value> {
        match self.find_short_str(key) {
            Some(i) => Some(&mut self.nodes[i].val),
            None => None,
        }
    }

    /// `t[key]` for any string key.
    #[inline]
    pub fn get_str(&self, key: GcRef<LuaStr>) -> Value {
        if key.is_short() {
            return self.get_short_str(key);
        }
        self.get_generic(&Value::Str(key))
    }

    /// `t[key]` for an integer key.
    #[inline]
    pub fn get_int(&self, key: i64) -> Value {
        let idx = (key as u64).wrapping_sub(1);
        if idx < self.array.len() as u64 {
            return self.array[idx as usize];
        }
        if self.nodes.is_empty() {
            return Value::Nil;
        }
        let mut i = (mix(key as u64) as usize) & (self.nodes.len() - 1);
        loop {
            let n = &self.nodes[i];
            if let Value::Int(k) = n.key {
                if k == key {
                    return n.val;
                }
            }
            if n.next == 0 {
                return Value::Nil;
            }
            i = (i as isize + n.next as isize) as usize;
        }
    }

    fn find_node(&self, key: &Value) -> Option<usize> {
        // Empty nodes have nil keys: nil must never match one.
        if self.nodes.is_empty() || key.is_nil() {
            return None;
        }
        let mut i = self.main_position(key);
        loop {
            let n = &self.nodes[i];
            if n.key.raw_eq(key) && same_kind(&n.key, key) {
                return Some(i);
            }
            if n.next == 0 {
                return None;
            }
            i = (i as isize + n.next as isize) as usize;
        }
    }

    fn get_generic(&self, key: &Value) -> Value {
        match self.find_node(key) {
            Some(i) => self.nodes[i].val,
            None => Value::Nil,
        }
    }

    /// `t[key]` for a normalised key (no NaN, integral floats as integers).
    #[inline]
    pub fn get(&self, key: &Value) -> Value {
        match *key {
            Value::Int(i) => self.get_int(i),
            Value::Str(s) => self.get_str(s),
            Value::Nil => Value::Nil,
            _ => self.get_generic(key),
        }
    }

    // ---- stores -------------------------------------------------------------------

    /// The slot of an existing key (possibly holding nil), for in-place stores.
    #[inline]
    pub fn slot_mut(&mut self, key: &Value) -> Option<&mut Value> {
        match *key {
            Value::Int(k) => {
                let idx = (k as u64).wrapping_sub(1);
                if idx < self.array.len() as u64 {
                    return Some(&mut self.array[idx as usize]);
                }
            }
            Value::Str(s) if s.is_short() => {
                return match self.find_short_str(s) {
                    Some(i) => Some(&mut self.nodes[i].val),
                    None => None,
                };
            }
            _ => {}
        }
        match self.find_node(key) {
            Some(i) => Some(&mut self.nodes[i].val),
            None => None,
        }
    }

    /// Store `t[key] = val` (raw). Returns the change in owned buffer bytes, for the
    /// collector's accounting. `key` must be normalised.
    #[inline]
    pub fn set(&mut self, key: Value, val: Value) -> isize {
        if matches!(key, Value::Str(_)) {
            self.flags = 0;
        }
        if let Some(slot) = self.slot_mut(&key) {
            *slot = val;
            return 0;
        }
        if val.is_nil() {
            return 0;
        }
        self.new_key(key, val)
    }

    /// Store a key known to be absent (after a failed `slot_mut`). Returns the
    /// change in owned buffer bytes.
    #[inline]
    pub fn insert_absent(&mut self, key: Value, val: Value) -> isize {
        if val.is_nil() {
            return 0;
        }
        if matches!(key, Value::Str(_)) {
            self.flags = 0;
        }
        self.new_key(key, val)
    }

    /// Store with an integer key.
    #[inline]
    pub fn set_int(&mut self, key: i64, val: Value) -> isize {
        let idx = (key as u64).wrapping_sub(1);
        if idx < self.array.len() as u64 {
            self.array[idx as usize] = val;
            return 0;
        }
        self.set(Value::Int(key), val)
    }

    /// Insert a key known to be absent.
    fn new_key(&mut self, key: Value, val: Value) -> isize {
        if self.nodes.is_empty() {
            return self.rehash_and_set(key, val);
        }
        let mut mp = self.main_position(&key);
        if !self.nodes[mp].val.is_nil() {
            let Some(f) = self.free_pos() else {
                return self.rehash_and_set(key, val);
            };
            let othern_mp = self.main_position(&self.nodes[mp].key);
            if othern_mp != mp {
                // The colliding node is out of its main position: move it to the free
                // slot and take its place.
                let mut prev = othern_mp;
                while (prev as isize + self.nodes[prev].next as isize) as usize != mp {
                    prev = (prev as isize + self.nodes[prev].next as isize) as usize;
                }
                self.nodes[prev].next = (f as isize - prev as isize) as i32;
                self.nodes[f] = self.nodes[mp];
                if self.nodes[mp].next != 0 {
                    self.nodes[f].next += (mp as isize - f as isize) as i32;
                    self.nodes[mp].next = 0;
                }
                self.nodes[mp].val = Value::Nil;
            } else {
                // The colliding node is in its main position: chain the new key in the
                // free slot right after it.
                if self.nodes[mp].next != 0 {
                    self.nodes[f].next =
                        ((mp as isize + self.nodes[mp].next as isize) - f as isize) as i32;
                }
                self.nodes[mp].next = (f as isize - mp as isize) as i32;
                mp = f;
            }
        }
        self.nodes[mp].key = key;
        self.nodes[mp].val = val;
        0
    }

    fn free_pos(&mut self) -> Option<usize> {
        while self.last_free > 0 {
            self.last_free -= 1;
            if self.nodes[self.last_free as usize].key.is_nil() {
                return Some(self.last_free as usize);
            }
        }
        None
    }

    fn rehash_and_set(&mut self, key: Value, val: Value) -> isize {
        let before = self.extra_size() as isize;
        self.rehash(&key);
        let delta = self.extra_size() as isize - before;
        self.set(key, val) + delta
    }

    /// Resize for the current contents plus `extra` (PUC's `rehash`).
    fn rehash(&mut self, extra: &Value) {
        // nums[i] = number of integer keys k with 2^(i-1) < k <= 2^i
        let mut nums = [0usize; 65];
        let mut total_int = 0usize;
        // Array part.
        let mut lg = 0usize;
        let mut ttlg = 1usize;
        let mut i = 1usize;
        while lg <= 64 {
            let lim = ttlg.min(self.array.len());
            if i > lim {
                break;
            }
            let mut lc = 0;
            while i <= lim {
                if !self.array[i - 1].is_nil() {
                    lc += 1;
                }
                i += 1;
            }
            nums[lg] += lc;
            total_int += lc;
            lg += 1;
            ttlg = ttlg.saturating_mul(2);
        }
        let mut total = total_int;
        // Hash part.
        for n in self.nodes.iter() {
            if !n.val.is_nil() {
                if let Value::Int(k) = n.key {
                    total_int += count_int(k, &mut nums);
                }
                total += 1;
            }
        }
        if let Value::Int(k) = *extra {
            total_int += count_int(k, &mut nums);
        }
        total += 1;
        let (array_size, in_array) = compute_sizes(&nums, total_int);
        self.resize(array_size, total - in_array);
    }

    /// Resize the two parts, reinserting every entry.
    pub fn resize(&mut self, new_array: usize, new_hash: usize) {
        let old_nodes: Box<[Node]> = std::mem::take(&mut self.nodes);
        let mut moved: Vec<(i64, Value)> = Vec::new();
        if new_array < self.array.len() {
            for (i, v) in self.array.iter().enumerate().skip(new_array) {
                if !v.is_nil() {
                    moved.push((i as i64 + 1, *v));
                }
            }
            let mut v = std::mem::take(&mut self.array).into_vec();
            v.truncate(new_array);
            self.array = v.into_boxed_slice();
        } else if new_array > self.array.len() {
            let mut v = std::mem::take(&mut self.array).into_vec();
            v.resize(new_array, Value::Nil);
            self.array = v.into_boxed_slice();
        }
        self.set_node_size(new_hash);
        for (k, v) in moved {
            self.raw_insert(Value::Int(k), v);
        }
        for n in old_nodes.iter() {
            if !n.val.is_nil() {
                self.raw_insert(n.key, n.val);
            }
        }
    }

    /// Insert during a resize, where space is guaranteed.
    fn raw_insert(&mut self, key: Value, val: Value) {
        if let Value::Int(k) = key {
            let idx = (k as u64).wrapping_sub(1);
            if idx < self.array.len() as u64 {
                self.array[idx as usize] = val;
                return;
            }
        }
        self.new_key(key, val);
    }

    // ---- length and traversal -----------------------------------------------------

    /// The border `#t` (without `__len`).
    pub fn length(&self) -> i64 {
        let n = self.array.len();
        if n > 0 && self.array[n - 1].is_nil() {
            // Binary search for a border inside the array part.
            let (mut lo, mut hi) = (0usize, n);
            // Invariant: lo == 0 or array[lo-1] non-nil; array[hi-1] is nil.
            while hi - lo > 1 {
                let m = (lo + hi) / 2;
                if self.array[m - 1].is_nil() {
                    hi = m;
                } else {
                    lo = m;
                }
            }
            return lo as i64;
        }
        if self.nodes.is_empty() {
            return n as i64;
        }
        self.hash_border(n as u64)
    }

    /// Unbound search for a border beyond the array part.
    fn hash_border(&self, j0: u64) -> i64 {
        let mut i;
        let mut j = j0 + 1;
        if self.get_int(j as i64).is_nil() {
            return j0 as i64;
        }
        // Find i, j with t[i] non-nil and t[j] nil.
        loop {
            i = j;
            if j > (i64::MAX as u64) / 2 {
                // Overflow: linear search.
                let mut k = 1u64;
                while !self.get_int(k as i64).is_nil() {
                    k += 1;
                }
                return k as i64 - 1;
            }
            j *= 2;
            if self.get_int(j as i64).is_nil() {
                break;
            }
        }
        while j - i > 1 {
            let m = (i + j) / 2;
            if self.get_int(m as i64).is_nil() {
                j = m;
            } else {
                i = m;
            }
        }
        i as i64
    }

    /// The entry after `key` in traversal order (`next`). `Err(InvalidKey)` for a key
    /// not in the table. Returns `None` at the end.
    pub fn next(&self, key: &Value) -> Result<Option<(Value, Value)>, InvalidKey> {
        let mut idx = match *key {
            Value::Nil => 0,
            _ => self.traversal_index(key)? + 1,
        };
        while idx < self.array.len() {
            let v = self.array[idx];
            if !v.is_nil() {
                return Ok(Some((Value::Int(idx as i64 + 1), v)));
            }
            idx += 1;
        }
        let mut ni = idx - self.array.len();
        while ni < self.nodes.len() {
            let n = &self.nodes[ni];
            if !n.val.is_nil() {
                return Ok(Some((n.key, n.val)));
            }
            ni += 1;
        }
        Ok(None)
    }

    fn traversal_index(&self, key: &Value) -> Result<usize, InvalidKey> {
        if let Value::Int(k) = *key {
            let idx = (k as u64).wrapping_sub(1);
            if idx < self.array.len() as u64 {
                return Ok(idx as usize);
            }
        }
        match self.find_node(key) {
            Some(i) => Ok(self.array.len() + i),
            None => Err(InvalidKey),
        }
    }

    /// Every entry with a non-nil value (array part with integer keys).
    pub(crate) fn for_each_entry(&self, mut f: impl FnMut(&Value, &Value)) {
        for (i, v) in self.array.iter().enumerate() {
            if !v.is_nil() {
                f(&Value::Int(i as i64 + 1), v);
            }
        }
        for n in self.nodes.iter() {
            if !n.val.is_nil() {
                f(&n.key, &n.val);
            }
        }
    }

    /// Remove the entries `dead(key, value)` selects (for weak tables): values become
    /// nil and hash keys are replaced by `dead_key`, which keeps collision chains
    /// intact and can equal no Lua value.
    pub(crate) fn clear_entries(&mut self, dead: impl Fn(&Value, &Value) -> bool, dead_key: Value) {
        for (i, v) in self.array.iter_mut().enumerate() {
            if !v.is_nil() && dead(&Value::Int(i as i64 + 1), v) {
                *v = Value::Nil;
            }
        }
        for n in self.nodes.iter_mut() {
            if !n.val.is_nil() && dead(&n.key, &n.val) {
                n.val = Value::Nil;
                n.key = dead_key;
            }
        }
    }

    /// Replace the keys of removed entries (nil value) that `dead` selects.
    pub(crate) fn clear_dead_keys(&mut self, dead: impl Fn(&Value) -> bool, dead_key: Value) {
        for n in self.nodes.iter_mut() {
            if n.val.is_nil() && !n.key.is_nil() && dead(&n.key) {
                n.key = dead_key;
            }
        }
    }

    /// Every key and value, for the collector (includes keys whose value is nil).
    pub(crate) fn for_each_ref(&self, mut f: impl FnMut(&Value)) {
        for v in self.array.iter() {
            f(v);
        }
        for n in self.nodes.iter() {
            if !n.key.is_nil() {
                f(&n.key);
                f(&n.val);
            }
        }
    }
}

/// Keys are equal for table purposes only if they are the same kind of number too
/// (normalised keys never mix an integral float with an integer).
#[inline(always)]
fn same_kind(a: &Value, b: &Value) -> bool {
    std::mem::discriminant(a) == std::mem::discriminant(b)
}

fn count_int(k: i64, nums: &mut [usize; 65]) -> usize {
    if k >= 1 {
        let k = k as u64;
        // ceil(log2(k))
        let lg = if k == 1 {
            0
        } else {
            64 - (k - 1).leading_zeros() as usize
        };
        nums[lg] += 1;
        1
    } else {
        0
    }
}

/// The largest power of two `n` such that more than half of 1..n is in use.
fn compute_sizes(nums: &[usize; 65], total_int: usize) -> (usize, usize) {
    let mut a = 0usize;
    let mut na = 0usize;
    let mut optimal = 0usize;
    let mut twotoi = 1usize;
    let mut i = 0;
    while i < 64 && twotoi > 0 && total_int > twotoi / 2 {
        a += nums[i];
        if a > twotoi / 2 {
            optimal = twotoi;
            na = a;
        }
        i += 1;
        twotoi = twotoi.checked_mul(2).unwrap_or(0);
    }
    (optimal, na)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn array_growth_and_length() {
        let mut t = Table::new(0, 0);
        for i in 1..=100 {
            t.set_int(i, Value::Int(i * 10));
        }
        assert_eq!(t.length(), 100);
        assert!(
            t.array_len() >= 64,
            "sequential keys should live in the array part"
        );
        for i in 1..=100 {
            assert!(matches!(t.get_int(i), Value::Int(v) if v == i * 10));
        }
        t.set_int(100, Value::Nil);
        assert_eq!(t.length(), 99);
    }

    #[test]
    fn hash_keys_and_deletes() {
        let mut t = Table::new(0, 0);
        for i in 0..1000i64 {
            t.set(Value::Int(-i * 7919), Value::Int(i));
        }
        for i in 0..1000i64 {
            assert!(matches!(t.get(&Value::Int(-i * 7919)), Value::Int(v) if v == i));
        }
        for i in (0..1000i64).step_by(2) {
            t.set(Value::Int(-i * 7919), Value::Nil);
        }
        let mut count = 0;
        let mut k = Value::Nil;
        while let Some((nk, _)) = t.next(&k).unwrap() {
            count += 1;
            k = nk;
        }
        assert_eq!(count, 500);
        assert!(t.get(&Value::Float(0.5)).is_nil());
        t.set(Value::Float(0.5), Value::Bool(true));
        assert!(t.get(&Value::Float(0.5)).truthy());
    }

    #[test]
    fn border_with_hash_part() {
        let mut t = Table::new(0, 0);
        t.set(Value::Bool(true), Value::Int(1));
        for i in 1..=10 {
            t.set_int(i, Value::Int(i));
        }
        assert_eq!(t.length(), 10);
    }
}
