//! Buffered standard output shared by `print` and `io.write`.
//!
//! Rust's `Stdout` is line-buffered, which costs a system call per `print`; PUC Lua
//! uses C's stdio, fully buffered when stdout is not a terminal. This buffer is
//! flushed when full, at exit, before anything is written to stderr, and when the
//! program reads from stdin.

use std::cell::RefCell;
use std::io::{IsTerminal, Write};

struct Out {
    buf: Vec<u8>,
    /// Flush after every write (stdout is a terminal).
    eager: bool,
}

thread_local! {
    static OUT: RefCell<Out> = RefCell::new(Out { buf: Vec::with_capacity(8192), eager: std::io::stdout().is_terminal() });
}

const LIMIT: usize = 32 * 1024;

/// Write bytes to standard output (buffered).
pub fn write_stdout(bytes: &[u8]) {
    OUT.with(|o| {
        let mut o = o.borrow_mut();
        o.buf.extend_from_slice(bytes);
        if o.eager || o.buf.len() >= LIMIT {
            let data = std::mem::take(&mut o.buf);
            let mut out = std::io::stdout().lock();
            let _ = out.write_all(&data);
            let _ = out.flush();
            o.buf = data;
            o.buf.clear();
        }
    });
}

/// Flush buffered standard output.
pub fn flush_stdout() {
    OUT.with(|o| {
        let mut o = o.borrow_mut();
        if !o.buf.is_empty() {
            let mut out = std::io::stdout().lock();
            let _ = out.write_all(&o.buf);
            o.buf.clear();
        }
        let _ = std::io::stdout().flush();
    });
}
