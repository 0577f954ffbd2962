//! Print the listing of a Lua file: `cargo run -p moonvm-compiler --example listing -- file.lua`
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(path) = args.get(1) else {
        eprintln!("usage: listing FILE");
        std::process::exit(2);
    };
    let src = match std::fs::read(path) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    match moonvm_compiler::compile_source(&src, &format!("@{path}")) {
        Ok(p) => print!("{}", moonvm_bytecode::listing(&p)),
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    }
}
