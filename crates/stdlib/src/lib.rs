//! The Lua 5.4 standard library, one module per library as PUC's `l*lib.c`.

pub mod base;
pub mod corolib;
pub mod debuglib;
pub mod io;
pub mod lpattern;
pub mod math;
pub mod os;
pub mod output;
pub mod package;
pub mod strformat;
pub mod string;
pub mod strpack;
pub mod tablib;
pub mod utf8;

use moonvm_vm::{Value, Vm};

/// Open every standard library into `vm`'s globals and record them in
/// `package.loaded` (the registry's `_LOADED` table).
pub fn open_all(vm: &mut Vm) {
    let loaded = vm.new_table(0, 16);
    let reg = vm.registry;
    vm.set_field(reg, "_LOADED", Value::Table(loaded));
    base::open(vm);
    debuglib::open(vm);
    package::open(vm);
    os::open(vm);
    io::open(vm);
    string::open(vm);
    math::open(vm);
    tablib::open(vm);
    utf8::open(vm);
    corolib::open(vm);
    let g = Value::Table(vm.globals);
    vm.set_field(loaded, "_G", g);
    for name in [
        "string",
        "table",
        "math",
        "coroutine",
        "os",
        "io",
        "utf8",
        "debug",
        "package",
    ] {
        let v = vm.get_global(name);
        if !v.is_nil() {
            vm.set_field(loaded, name, v);
        }
    }
}

/// An OS error's message as C's `strerror` gives it (without Rust's "(os error N)").
pub fn os_error(e: &std::io::Error) -> String {
    let s = e.to_string();
    match s.find(" (os error") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}
