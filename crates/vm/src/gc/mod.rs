//! The garbage collector: the heap of collected objects and the mark-sweep collector.

pub mod collect;
pub mod heap;
