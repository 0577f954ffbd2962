//! Helpers shared by the compiler's integration tests (each test crate uses a
//! subset).
#![allow(dead_code)]

use moonvm_bytecode::Proto;

/// Compile `src` (chunk name `=test`), panicking with the message on error.
pub fn compile(src: &str) -> Proto {
    match moonvm_compiler::compile_source(src.as_bytes(), "=test") {
        Ok(p) => p,
        Err(e) => panic!("compile error: {e}"),
    }
}

/// A compact form of the listing: function headers, then one line per
/// instruction with its name, operands and comment (no pc, no line).
pub fn code(p: &Proto) -> String {
    let listing = moonvm_bytecode::listing(p);
    let mut out = Vec::new();
    for line in listing.lines() {
        if line.starts_with("main <") || line.starts_with("function <") {
            out.push(line.split(" (").next().unwrap_or(line).to_string());
            continue;
        }
        if !line.starts_with('\t') || !line.contains("\t[") {
            continue;
        }
        let parts: Vec<&str> = line.split('\t').collect();
        let name = parts.get(3).map_or("", |s| s.trim());
        let ops = parts.get(4).map_or("", |s| s.trim());
        let comment = if parts.len() > 5 {
            parts[5..].join("\t")
        } else {
            String::new()
        };
        let mut s = name.to_string();
        if !ops.is_empty() {
            s.push(' ');
            s.push_str(ops);
        }
        if !comment.trim().is_empty() {
            s.push(' ');
            s.push_str(comment.trim());
        }
        out.push(s);
    }
    out.join("\n")
}

/// Assert that `src` compiles to the instructions in `expected`.
pub fn check(src: &str, expected: &str) {
    let actual = code(&compile(src));
    let expected = expected.trim();
    if actual != expected {
        panic!("listing mismatch for:\n{src}\n--- expected\n{expected}\n--- actual\n{actual}\n");
    }
}

/// The error message for `src` (chunk name `=test`).
pub fn error(src: &str) -> String {
    match moonvm_compiler::compile_source(src.as_bytes(), "=test") {
        Ok(_) => panic!("expected a compile error for:\n{src}"),
        Err(e) => e,
    }
}
