//! The I/O library (PUC's `liolib.c`).
//!
//! A Lua file is a full userdata holding a [`FileHandle`] (a shared [`LStream`]);
//! its metatable is kept in the registry under "FILE*" with `__index` = the methods
//! table. Streams do their own buffering over `std::fs::File`, child pipes or the
//! standard streams; writes to standard output go through the shared buffer in
//! [`crate::output`] so they interleave correctly with `print`.

use crate::output;
use moonvm_vm::gc::heap::GcRef;
use moonvm_vm::table::Table;
use moonvm_vm::{LResult, Value, Vm};
use std::cell::RefCell;
use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::process::{Child, Stdio};
use std::rc::{Rc, Weak};

const BUF_SIZE: usize = 8192;
/// Longest numeral `read("n")` accepts (PUC's L_MAXLENNUM).
const MAX_LEN_NUM: usize = 200;
/// Most formats `lines` accepts (PUC's MAXARGLINE).
const MAX_ARG_LINE: usize = 250;
/// Largest count `read` accepts (C Lua fails to preallocate more).
const MAX_READ: i64 = 1 << 40;

const EBADF: i32 = 9;
const EINVAL: i32 = 22;
const ESPIPE: i32 = 29;

/// Registry keys of the default input and output files.
const IO_INPUT: &str = "_IO_input";
const IO_OUTPUT: &str = "_IO_output";
/// Registry key of the file metatable (and its `__name`).
const FILE_MT: &str = "FILE*";

/// Where a stream's bytes come from or go to.
enum Target {
    File(File),
    Stdin,
    Stdout,
    Stderr,
    /// `io.popen(cmd, "r")`: the child's standard output is read.
    PipeRead(Child),
    /// `io.popen(cmd, "w")`: the child's standard input is written.
    PipeWrite(Child),
}

/// How a stream is closed (PUC's `closef`).
#[derive(Clone, Copy, PartialEq)]
enum CloseKind {
    Normal,
    /// A standard stream: closing it fails and keeps it open.
    Std,
    Pipe,
}

#[derive(Clone, Copy, PartialEq)]
enum BufMode {
    No,
    Full,
    Line,
}

/// An open (or closed) Lua file.
pub struct LStream {
    /// None once closed.
    target: Option<Target>,
    close_kind: CloseKind,
    readable: bool,
    writable: bool,
    /// Read-ahead buffer and the position of the next unread byte in it.
    rbuf: Vec<u8>,
    rpos: usize,
    /// Bytes written but not yet handed to the target.
    wbuf: Vec<u8>,
    mode: BufMode,
}

/// The payload of a file userdata.
pub struct FileHandle(Rc<RefCell<LStream>>);

thread_local! {
    /// Every stream created, so `os.exit` can flush them (C's `exit` flushes stdio).
    static STREAMS: RefCell<Vec<Weak<RefCell<LStream>>>> = const { RefCell::new(Vec::new()) };
}

fn ebadf() -> io::Error {
    io::Error::from_raw_os_error(EBADF)
}

impl LStream {
    fn new(target: Target, close_kind: CloseKind, readable: bool, writable: bool) -> LStream {
        LStream {
            target: Some(target),
            close_kind,
            readable,
            writable,
            rbuf: Vec::new(),
            rpos: 0,
            wbuf: Vec::new(),
            mode: BufMode::Full,
        }
    }

    fn is_closed(&self) -> bool {
        self.target.is_none()
    }

    /// Hand buffered output to the target.
    fn flush_out(&mut self) -> io::Result<()> {
        let Some(t) = self.target.as_mut() else {
            return Ok(());
        };
        match t {
            Target::Stdout => {
                if !self.wbuf.is_empty() {
                    output::write_stdout(&self.wbuf);
                    self.wbuf.clear();
                }
                output::flush_stdout();
                Ok(())
            }
            _ => {
                if self.wbuf.is_empty() {
                    return Ok(());
                }
                let data = std::mem::take(&mut self.wbuf);
                let r = match t {
                    Target::File(f) => f.write_all(&data),
                    Target::Stderr => {
                        output::flush_stdout();
                        io::stderr().write_all(&data)
                    }
                    Target::PipeWrite(c) => match c.stdin.as_mut() {
                        Some(w) => w.write_all(&data),
                        None => Err(ebadf()),
                    },
                    _ => Err(ebadf()),
                };
                self.wbuf = data;
                self.wbuf.clear();
                r
            }
        }
    }

    /// Give back read-ahead bytes (seek the file back over them) before writing or
    /// seeking, as C's stdio does when switching from reading to writing.
    fn drop_read_ahead(&mut self) -> io::Result<()> {
        let unread = self.rbuf.len() - self.rpos;
        self.rbuf.clear();
        self.rpos = 0;
        if unread > 0 {
            if let Some(Target::File(f)) = self.target.as_mut() {
                f.seek(SeekFrom::Current(-(unread as i64)))?;
            }
        }
        Ok(())
    }

    /// Refill the read buffer; false at end of file.
    fn fill(&mut self) -> io::Result<bool> {
        if self.rpos < self.rbuf.len() {
            return Ok(true);
        }
        if !self.readable {
            return Err(ebadf());
        }
        self.flush_out()?;
        self.rbuf.clear();
        self.rpos = 0;
        self.rbuf.resize(BUF_SIZE, 0);
        let r = loop {
            let r = match self.target.as_mut() {
                Some(Target::File(f)) => f.read(&mut self.rbuf),
                Some(Target::Stdin) => {
                    output::flush_stdout();
                    io::stdin().read(&mut self.rbuf)
                }
                Some(Target::PipeRead(c)) => match c.stdout.as_mut() {
                    Some(r) => r.read(&mut self.rbuf),
                    None => Err(ebadf()),
                },
                _ => Err(ebadf()),
            };
            match r {
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                r => break r,
            }
        };
        match r {
            Ok(n) => {
                self.rbuf.truncate(n);
                Ok(n > 0)
            }
            Err(e) => {
                self.rbuf.clear();
                Err(e)
            }
        }
    }

    fn getc(&mut self) -> io::Result<Option<u8>> {
        if !self.fill()? {
            return Ok(None);
        }
        let c = self.rbuf[self.rpos];
        self.rpos += 1;
        Ok(Some(c))
    }

    /// Push back the byte just returned by `getc`.
    fn ungetc(&mut self, c: Option<u8>) {
        if c.is_some() && self.rpos > 0 {
            self.rpos -= 1;
        }
    }

    fn write_bytes(&mut self, data: &[u8]) -> io::Result<()> {
        if !self.writable || self.is_closed() {
            return Err(ebadf());
        }
        if !self.rbuf.is_empty() {
            self.drop_read_ahead()?;
        }
        if matches!(self.target, Some(Target::Stdout)) {
            // The shared stdout buffer does the buffering (so `print` stays in order).
            output::write_stdout(data);
            if self.mode == BufMode::No || (self.mode == BufMode::Line && data.contains(&b'\n')) {
                output::flush_stdout();
            }
            return Ok(());
        }
        self.wbuf.extend_from_slice(data);
        let must_flush = match self.mode {
            BufMode::No => true,
            BufMode::Line => data.contains(&b'\n'),
            BufMode::Full => self.wbuf.len() >= BUF_SIZE,
        };
        if must_flush {
            self.flush_out()
        } else {
            Ok(())
        }
    }

    fn seek(&mut self, whence: usize, offset: i64) -> io::Result<u64> {
        self.flush_out()?;
        let unread = (self.rbuf.len() - self.rpos) as i64;
        let fd = match self.target.as_mut() {
            Some(Target::File(_)) => -1,
            Some(Target::Stdin) => 0,
            Some(Target::Stdout) => 1,
            Some(Target::Stderr) => 2,
            _ => return Err(io::Error::from_raw_os_error(ESPIPE)),
        };
        if fd >= 0 {
            return self.seek_fd(fd, whence, offset, unread);
        }
        let Some(Target::File(f)) = self.target.as_mut() else {
            return Err(io::Error::from_raw_os_error(ESPIPE));
        };
        let pos = match whence {
            0 => {
                if offset < 0 {
                    return Err(io::Error::from_raw_os_error(EINVAL));
                }
                f.seek(SeekFrom::Start(offset as u64))?
            }
            1 => f.seek(SeekFrom::Current(offset.saturating_sub(unread)))?,
            _ => f.seek(SeekFrom::End(offset))?,
        };
        self.rbuf.clear();
        self.rpos = 0;
        Ok(pos)
    }

    /// Seek a standard stream's file descriptor (it may be redirected to a file).
    fn seek_fd(&mut self, fd: i32, whence: usize, offset: i64, unread: i64) -> io::Result<u64> {
        let (off, w) = match whence {
            0 => (offset, libc::SEEK_SET),
            1 => (offset.saturating_sub(unread), libc::SEEK_CUR),
            _ => (offset, libc::SEEK_END),
        };
        // SAFETY: lseek on a standard descriptor touches no memory; a bad or
        // unseekable descriptor just fails with errno.
        let r = unsafe { libc::lseek(fd, off as libc::off_t, w) };
        if r < 0 {
            return Err(io::Error::last_os_error());
        }
        self.rbuf.clear();
        self.rpos = 0;
        Ok(r as u64)
    }

    /// Close the stream; for pipes, the child's exit status.
    fn close(&mut self) -> io::Result<Option<std::process::ExitStatus>> {
        let r = self.flush_out();
        self.rbuf.clear();
        self.rpos = 0;
        let t = self.target.take();
        match t {
            Some(Target::File(f)) => {
                drop(f);
                r.map(|_| None)
            }
            Some(Target::PipeRead(mut c)) | Some(Target::PipeWrite(mut c)) => {
                drop(c.stdin.take());
                drop(c.stdout.take());
                let st = c.wait()?;
                Ok(Some(st))
            }
            _ => r.map(|_| None),
        }
    }
}

impl Drop for LStream {
    fn drop(&mut self) {
        let _ = self.close();
    }
}

/// Flush every open stream (for `os.exit`, which bypasses destructors), including
/// the shared standard output buffer.
pub fn flush_all() {
    STREAMS.with(|s| {
        for w in s.borrow().iter() {
            if let Some(rc) = w.upgrade() {
                if let Ok(mut st) = rc.try_borrow_mut() {
                    let _ = st.flush_out();
                }
            }
        }
    });
    output::flush_stdout();
}

// ---- results ------------------------------------------------------------------------

/// errno and C's message for an I/O error.
fn err_parts(e: &io::Error) -> (String, i64) {
    (crate::os_error(e), e.raw_os_error().unwrap_or(0) as i64)
}

/// `luaL_fileresult` for a failure: nil, "[fname: ]message", errno.
pub(crate) fn fail_result(vm: &mut Vm, e: &io::Error, fname: Option<&[u8]>) -> LResult<usize> {
    let (msg, code) = err_parts(e);
    let mut text = Vec::new();
    if let Some(f) = fname {
        text.extend_from_slice(f);
        text.extend_from_slice(b": ");
    }
    text.extend_from_slice(msg.as_bytes());
    let m = vm.str_value(&text);
    vm.ret(&[Value::Nil, m, Value::Int(code)])
}

/// `luaL_fileresult`.
pub(crate) fn file_result(vm: &mut Vm, r: io::Result<()>, fname: Option<&[u8]>) -> LResult<usize> {
    match r {
        Ok(()) => vm.ret1(Value::Bool(true)),
        Err(e) => fail_result(vm, &e, fname),
    }
}

/// `luaL_execresult` for a child's exit status.
pub(crate) fn exec_result(vm: &mut Vm, st: std::process::ExitStatus) -> LResult<usize> {
    use std::os::unix::process::ExitStatusExt;
    let (what, code) = match (st.code(), st.signal()) {
        (Some(c), _) => ("exit", c as i64),
        (None, Some(s)) => ("signal", s as i64),
        (None, None) => ("exit", 0),
    };
    let first = if what == "exit" && code == 0 {
        Value::Bool(true)
    } else {
        Value::Nil
    };
    let w = vm.str_value(what.as_bytes());
    vm.ret(&[first, w, Value::Int(code)])
}

/// `luaL_checkoption`.
pub(crate) fn check_option(
    vm: &mut Vm,
    n: usize,
    def: Option<&str>,
    names: &[&str],
) -> LResult<usize> {
    let name: Vec<u8> = match def {
        Some(d) => match vm.opt_str(n)? {
            Some(s) => s.as_bytes().to_vec(),
            None => d.as_bytes().to_vec(),
        },
        None => vm.check_str(n)?.as_bytes().to_vec(),
    };
    if let Some(i) = names.iter().position(|x| x.as_bytes() == name.as_slice()) {
        return Ok(i);
    }
    Err(vm.arg_error(
        n,
        &format!("invalid option '{}'", String::from_utf8_lossy(&name)),
    ))
}

// ---- file objects -------------------------------------------------------------------

fn file_mt(vm: &mut Vm) -> Option<GcRef<Table>> {
    let k = vm.str_value(FILE_MT.as_bytes());
    let reg = vm.registry;
    vm.raw_get(reg, k).as_table()
}

/// Wrap a stream in a new file userdata.
fn new_file(vm: &mut Vm, st: LStream) -> Value {
    let rc = Rc::new(RefCell::new(st));
    STREAMS.with(|s| {
        let mut s = s.borrow_mut();
        s.retain(|w| w.strong_count() > 0);
        s.push(Rc::downgrade(&rc));
    });
    let ud = vm.new_userdata(Box::new(FileHandle(rc)));
    let mt = file_mt(vm);
    vm.set_metatable(Value::UserData(ud), mt);
    Value::UserData(ud)
}

/// The stream of a value if it is a file (`luaL_testudata`).
fn test_file(vm: &mut Vm, v: Value) -> Option<Rc<RefCell<LStream>>> {
    let Value::UserData(u) = v else { return None };
    let mt = file_mt(vm)?;
    if u.metatable.map(|m| m.addr()) != Some(mt.addr()) {
        return None;
    }
    u.data.downcast_ref::<FileHandle>().map(|h| h.0.clone())
}

/// `tolstream`: argument `n` must be a file (open or closed).
fn to_stream(vm: &mut Vm, n: usize) -> LResult<Rc<RefCell<LStream>>> {
    let v = vm.arg(n);
    match test_file(vm, v) {
        Some(s) => Ok(s),
        None => Err(vm.arg_type_error(n, FILE_MT)),
    }
}

/// `tofile`: argument 1 must be an open file.
fn to_file(vm: &mut Vm) -> LResult<Rc<RefCell<LStream>>> {
    let s = to_stream(vm, 1)?;
    if s.borrow().is_closed() {
        return Err(vm.lib_error("attempt to use a closed file"));
    }
    Ok(s)
}

/// The default input or output file (`getiofile`).
fn get_io_file(vm: &mut Vm, key: &str) -> LResult<(Value, Rc<RefCell<LStream>>)> {
    let k = vm.str_value(key.as_bytes());
    let reg = vm.registry;
    let v = vm.raw_get(reg, k);
    match test_file(vm, v) {
        Some(s) if !s.borrow().is_closed() => Ok((v, s)),
        _ => Err(vm.lib_error(&format!("default {} file is closed", &key[4..]))),
    }
}

fn set_reg(vm: &mut Vm, key: &str, v: Value) {
    let reg = vm.registry;
    vm.set_field(reg, key, v);
}

/// `aux_close`: close a stream according to its kind and push the results.
fn aux_close(vm: &mut Vm, s: &Rc<RefCell<LStream>>) -> LResult<usize> {
    let kind = s.borrow().close_kind;
    match kind {
        CloseKind::Std => {
            let _ = s.borrow_mut().flush_out();
            let m = vm.str_value(b"cannot close standard file");
            vm.ret(&[Value::Nil, m])
        }
        CloseKind::Normal => {
            let r = s.borrow_mut().close();
            file_result(vm, r.map(|_| ()), None)
        }
        CloseKind::Pipe => {
            let r = s.borrow_mut().close();
            match r {
                Ok(Some(st)) => exec_result(vm, st),
                Ok(None) => vm.ret1(Value::Bool(true)),
                Err(e) => fail_result(vm, &e, None),
            }
        }
    }
}

// ---- opening ------------------------------------------------------------------------

/// PUC's `l_checkmode`: [rwa]%+?b*
fn check_mode(mode: &[u8]) -> bool {
    let Some((&first, rest)) = mode.split_first() else {
        return false;
    };
    if !b"rwa".contains(&first) {
        return false;
    }
    let rest = rest.strip_prefix(b"+").unwrap_or(rest);
    rest.iter().all(|&c| c == b'b')
}

/// A string as C sees it: up to its first NUL byte.
pub(crate) fn c_str(b: &[u8]) -> &[u8] {
    match b.iter().position(|&c| c == 0) {
        Some(i) => &b[..i],
        None => b,
    }
}

fn bytes_path(b: &[u8]) -> &std::path::Path {
    use std::os::unix::ffi::OsStrExt;
    std::path::Path::new(std::ffi::OsStr::from_bytes(b))
}

/// `fopen` with a checked mode.
fn open_stream(fname: &[u8], mode: &[u8]) -> io::Result<LStream> {
    use std::os::unix::fs::OpenOptionsExt;
    if fname.contains(&0) {
        return Err(io::Error::from_raw_os_error(2));
    }
    let plus = mode.contains(&b'+');
    let mut o = std::fs::OpenOptions::new();
    o.mode(0o666);
    let (readable, writable) = match mode.first() {
        Some(b'r') => {
            o.read(true).write(plus);
            (true, plus)
        }
        Some(b'w') => {
            o.write(true).create(true).truncate(true).read(plus);
            (plus, true)
        }
        _ => {
            o.append(true).create(true).read(plus);
            (plus, true)
        }
    };
    let f = o.open(bytes_path(fname))?;
    Ok(LStream::new(
        Target::File(f),
        CloseKind::Normal,
        readable,
        writable,
    ))
}

/// `opencheckfile`: open or raise "cannot open file".
fn open_check(vm: &mut Vm, fname: &[u8], mode: &[u8]) -> LResult<Value> {
    match open_stream(fname, mode) {
        Ok(st) => Ok(new_file(vm, st)),
        Err(e) => {
            let (msg, _) = err_parts(&e);
            Err(vm.lib_error(&format!(
                "cannot open file '{}' ({msg})",
                String::from_utf8_lossy(fname)
            )))
        }
    }
}

fn io_open(vm: &mut Vm) -> LResult<usize> {
    let fname = c_str(vm.check_str(1)?.as_bytes()).to_vec();
    let mode = match vm.opt_str(2)? {
        Some(m) => m.as_bytes().to_vec(),
        None => b"r".to_vec(),
    };
    if !check_mode(&mode) {
        return Err(vm.arg_error(2, "invalid mode"));
    }
    match open_stream(&fname, &mode) {
        Ok(st) => {
            let f = new_file(vm, st);
            vm.ret1(f)
        }
        Err(e) => fail_result(vm, &e, Some(&fname)),
    }
}

fn io_popen(vm: &mut Vm) -> LResult<usize> {
    let cmd = c_str(vm.check_str(1)?.as_bytes()).to_vec();
    let mode = match vm.opt_str(2)? {
        Some(m) => m.as_bytes().to_vec(),
        None => b"r".to_vec(),
    };
    if mode != b"r" && mode != b"w" {
        return Err(vm.arg_error(2, "invalid mode"));
    }
    use std::os::unix::ffi::OsStrExt;
    output::flush_stdout();
    let mut c = std::process::Command::new("/bin/sh");
    c.arg("-c").arg(std::ffi::OsStr::from_bytes(&cmd));
    let reading = mode == b"r";
    if reading {
        c.stdout(Stdio::piped());
    } else {
        c.stdin(Stdio::piped());
    }
    match c.spawn() {
        Ok(child) => {
            let (t, r, w) = if reading {
                (Target::PipeRead(child), true, false)
            } else {
                (Target::PipeWrite(child), false, true)
            };
            let f = new_file(vm, LStream::new(t, CloseKind::Pipe, r, w));
            vm.ret1(f)
        }
        Err(e) => fail_result(vm, &e, Some(&cmd)),
    }
}

fn io_tmpfile(vm: &mut Vm) -> LResult<usize> {
    match crate::os::make_temp() {
        Ok((path, _)) => {
            let r = std::fs::OpenOptions::new()
                .read(true)
                .write(true)
                .open(&path);
            let _ = std::fs::remove_file(&path);
            match r {
                Ok(f) => {
                    let file = new_file(
                        vm,
                        LStream::new(Target::File(f), CloseKind::Normal, true, true),
                    );
                    vm.ret1(file)
                }
                Err(e) => fail_result(vm, &e, None),
            }
        }
        Err(e) => fail_result(vm, &e, None),
    }
}

fn io_type(vm: &mut Vm) -> LResult<usize> {
    let v = vm.check_any(1)?;
    let r = match test_file(vm, v) {
        None => Value::Nil,
        Some(s) => {
            let closed = s.borrow().is_closed();
            vm.str_value(if closed { b"closed file" } else { b"file" })
        }
    };
    vm.ret1(r)
}

fn io_close(vm: &mut Vm) -> LResult<usize> {
    if vm.arg_count() == 0 {
        let k = vm.str_value(IO_OUTPUT.as_bytes());
        let reg = vm.registry;
        let v = vm.raw_get(reg, k);
        vm.push(v);
    }
    f_close(vm)
}

fn f_close(vm: &mut Vm) -> LResult<usize> {
    let s = to_file(vm)?;
    aux_close(vm, &s)
}

/// `__gc` and `__close`: close an open file, ignoring closed ones.
fn f_gc(vm: &mut Vm) -> LResult<usize> {
    let s = to_stream(vm, 1)?;
    if !s.borrow().is_closed() {
        aux_close(vm, &s)?;
    }
    Ok(0)
}

fn f_tostring(vm: &mut Vm) -> LResult<usize> {
    let s = to_stream(vm, 1)?;
    let text = if s.borrow().is_closed() {
        "file (closed)".to_string()
    } else {
        format!("file ({:p})", Rc::as_ptr(&s))
    };
    let v = vm.str_value(text.as_bytes());
    vm.ret1(v)
}

/// `io.input` / `io.output`.
fn g_iofile(vm: &mut Vm, key: &str, mode: &[u8]) -> LResult<usize> {
    let v = vm.arg(1);
    if !v.is_nil() {
        let f = match v {
            Value::Str(_) | Value::Int(_) | Value::Float(_) => {
                let name = c_str(vm.check_str(1)?.as_bytes()).to_vec();
                open_check(vm, &name, mode)?
            }
            _ => {
                to_file(vm)?;
                v
            }
        };
        set_reg(vm, key, f);
    }
    let k = vm.str_value(key.as_bytes());
    let reg = vm.registry;
    let cur = vm.raw_get(reg, k);
    vm.ret1(cur)
}

fn io_input(vm: &mut Vm) -> LResult<usize> {
    g_iofile(vm, IO_INPUT, b"r")
}

fn io_output(vm: &mut Vm) -> LResult<usize> {
    g_iofile(vm, IO_OUTPUT, b"w")
}

// ---- reading ------------------------------------------------------------------------

/// Read a numeral as `read_number` does; None if it is not a valid number.
fn read_number(st: &mut LStream) -> io::Result<Option<Value>> {
    let mut buf: Vec<u8> = Vec::new();
    let mut c = st.getc()?;
    while matches!(c, Some(b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)) {
        c = st.getc()?;
    }
    let mut ok = true;
    // Save the current char and read the next one (PUC's nextc).
    let nextc = |st: &mut LStream,
                 c: &mut Option<u8>,
                 buf: &mut Vec<u8>,
                 ok: &mut bool|
     -> io::Result<bool> {
        if buf.len() >= MAX_LEN_NUM {
            *ok = false;
            return Ok(false);
        }
        if let Some(ch) = *c {
            buf.push(ch);
        }
        *c = st.getc()?;
        Ok(true)
    };
    macro_rules! test2 {
        ($set:expr) => {{
            let set: &[u8; 2] = $set;
            if c == Some(set[0]) || c == Some(set[1]) {
                nextc(st, &mut c, &mut buf, &mut ok)?
            } else {
                false
            }
        }};
    }
    macro_rules! readdigits {
        ($hex:expr) => {{
            let mut count = 0;
            while let Some(ch) = c {
                let is = if $hex {
                    ch.is_ascii_hexdigit()
                } else {
                    ch.is_ascii_digit()
                };
                if !is || !nextc(st, &mut c, &mut buf, &mut ok)? {
                    break;
                }
                count += 1;
            }
            count
        }};
    }
    let mut count = 0;
    let mut hex = false;
    test2!(b"-+");
    if test2!(b"00") {
        if test2!(b"xX") {
            hex = true;
        } else {
            count = 1;
        }
    }
    count += readdigits!(hex);
    if test2!(b"..") {
        count += readdigits!(hex);
    }
    if count > 0 && test2!(if hex { b"pP" } else { b"eE" }) {
        test2!(b"-+");
        let _ = readdigits!(false);
    }
    st.ungetc(c);
    if !ok {
        return Ok(None);
    }
    Ok(match moonvm_vm::number::str_to_number(&buf) {
        Some(moonvm_vm::number::Num::Int(i)) => Some(Value::Int(i)),
        Some(moonvm_vm::number::Num::Float(f)) => Some(Value::Float(f)),
        None => None,
    })
}

/// Read a line; (bytes, success).
fn read_line(st: &mut LStream, chop: bool) -> io::Result<(Vec<u8>, bool)> {
    let mut out = Vec::new();
    loop {
        if !st.fill()? {
            let ok = !out.is_empty();
            return Ok((out, ok));
        }
        let avail = &st.rbuf[st.rpos..];
        match avail.iter().position(|&b| b == b'\n') {
            Some(i) => {
                out.extend_from_slice(&avail[..i]);
                if !chop {
                    out.push(b'\n');
                }
                st.rpos += i + 1;
                return Ok((out, true));
            }
            None => {
                out.extend_from_slice(avail);
                st.rpos = st.rbuf.len();
            }
        }
    }
}

fn read_all(st: &mut LStream) -> io::Result<Vec<u8>> {
    let mut out = Vec::new();
    while st.fill()? {
        out.extend_from_slice(&st.rbuf[st.rpos..]);
        st.rpos = st.rbuf.len();
    }
    Ok(out)
}

fn read_chars(st: &mut LStream, n: u64) -> io::Result<Vec<u8>> {
    let mut out = Vec::new();
    let mut left = n;
    while left > 0 && st.fill()? {
        let avail = &st.rbuf[st.rpos..];
        let take = (avail.len() as u64).min(left) as usize;
        out.extend_from_slice(&avail[..take]);
        st.rpos += take;
        left -= take as u64;
    }
    Ok(out)
}

/// `g_read`: read with the formats `fmts` (argument numbers start at `first`) and
/// push the results.
fn g_read(vm: &mut Vm, s: &Rc<RefCell<LStream>>, fmts: &[Value], first: usize) -> LResult<usize> {
    enum Fmt {
        Count(i64),
        Num,
        Line(bool),
        All,
    }
    // Check all formats first (so errors need no stream borrow held).
    let mut parsed = Vec::with_capacity(fmts.len().max(1));
    if fmts.is_empty() {
        parsed.push(Fmt::Line(true));
    }
    let mut invalid_at: Option<usize> = None;
    for (i, f) in fmts.iter().enumerate() {
        let argn = first + i;
        match f {
            Value::Int(n) => parsed.push(Fmt::Count(*n)),
            Value::Float(x) => {
                match moonvm_vm::number::float_to_int(*x, moonvm_vm::number::F2I::Exact) {
                    Some(n) => parsed.push(Fmt::Count(n)),
                    None => {
                        invalid_at.get_or_insert(argn);
                        break;
                    }
                }
            }
            Value::Str(p) => {
                let b = p.as_bytes();
                let b = b.strip_prefix(b"*").unwrap_or(b);
                match b.first() {
                    Some(b'n') => parsed.push(Fmt::Num),
                    Some(b'l') => parsed.push(Fmt::Line(true)),
                    Some(b'L') => parsed.push(Fmt::Line(false)),
                    Some(b'a') => parsed.push(Fmt::All),
                    _ => {
                        invalid_at.get_or_insert(argn);
                        break;
                    }
                }
            }
            _ => {
                invalid_at.get_or_insert(argn);
                break;
            }
        }
    }
    vm.ensure_stack(vm.ts.top + parsed.len() + 4)?;
    let mut results: Vec<Value> = Vec::new();
    let mut success = true;
    let mut error: Option<io::Error> = None;
    {
        for f in &parsed {
            if !success {
                break;
            }
            let mut st = s.borrow_mut();
            let r: io::Result<(Value, bool)> = match f {
                Fmt::Count(0) => (|| {
                    let c = st.getc()?;
                    st.ungetc(c);
                    Ok((vm.str_value(b""), c.is_some()))
                })(),
                Fmt::Count(n) if !(0..=MAX_READ).contains(n) => {
                    // C Lua preallocates the whole count.
                    drop(st);
                    return Err(vm.error_str("not enough memory"));
                }
                Fmt::Count(n) => read_chars(&mut st, *n as u64).map(|b| {
                    let ok = !b.is_empty();
                    (vm.str_value(&b), ok)
                }),
                Fmt::Num => read_number(&mut st).map(|v| match v {
                    Some(v) => (v, true),
                    None => (Value::Nil, false),
                }),
                Fmt::Line(chop) => read_line(&mut st, *chop).map(|(b, ok)| (vm.str_value(&b), ok)),
                Fmt::All => read_all(&mut st).map(|b| (vm.str_value(&b), true)),
            };
            match r {
                Ok((v, ok)) => {
                    results.push(v);
                    success = ok;
                }
                Err(e) => {
                    error = Some(e);
                    break;
                }
            }
        }
    }
    if let Some(e) = error {
        return fail_result(vm, &e, None);
    }
    if success {
        if let Some(n) = invalid_at {
            // An invalid format is reported when it is reached.
            let arg = fmts[n - first];
            if let Value::Float(_) = arg {
                return Err(vm.arg_error(n, "number has no integer representation"));
            }
            if !matches!(arg, Value::Str(_)) {
                let got = vm.type_name_mt(&arg);
                return Err(vm.arg_error(n, &format!("string expected, got {got}")));
            }
            return Err(vm.arg_error(n, "invalid format"));
        }
    } else if let Some(last) = results.last_mut() {
        *last = Value::Nil;
    }
    for v in &results {
        vm.push(*v);
    }
    Ok(results.len())
}

fn io_read(vm: &mut Vm) -> LResult<usize> {
    let (_, s) = get_io_file(vm, IO_INPUT)?;
    let fmts: Vec<Value> = (1..=vm.arg_count()).map(|i| vm.arg(i)).collect();
    g_read(vm, &s, &fmts, 1)
}

fn f_read(vm: &mut Vm) -> LResult<usize> {
    let s = to_file(vm)?;
    let fmts: Vec<Value> = (2..=vm.arg_count()).map(|i| vm.arg(i)).collect();
    g_read(vm, &s, &fmts, 2)
}

/// The iterator of `lines`: upvalues file, format count, close flag, formats...
fn io_readline(vm: &mut Vm) -> LResult<usize> {
    let Some(func) = vm.ts.frames.last().map(|f| f.func) else {
        return Ok(0);
    };
    let Value::NFn(nc) = vm.ts.stack[func] else {
        return Ok(0);
    };
    let ups: Vec<Value> = nc.upvals.to_vec();
    let file = ups.first().copied().unwrap_or(Value::Nil);
    let Some(s) = test_file(vm, file) else {
        return Ok(0);
    };
    if s.borrow().is_closed() {
        return Err(vm.lib_error("file is already closed"));
    }
    let toclose = ups.get(2).is_some_and(|v| v.truthy());
    let fmts: Vec<Value> = ups.get(3..).map(|x| x.to_vec()).unwrap_or_default();
    let n = g_read(vm, &s, &fmts, 2)?;
    let top = vm.ts.top;
    if n == 0 || n > top {
        return Ok(0);
    }
    let first = vm.ts.stack[top - n];
    if first.truthy() {
        return Ok(n);
    }
    if n > 1 {
        // An error: the message is the second result.
        let m = vm.ts.stack[top - n + 1];
        let msg = match m {
            Value::Str(s) => s.to_str_lossy().into_owned(),
            _ => "?".to_string(),
        };
        return Err(vm.lib_error(&msg));
    }
    if toclose {
        vm.ts.top = top - n;
        aux_close(vm, &s)?;
        vm.ts.top = top - n;
    }
    Ok(0)
}

/// `aux_lines`: the iterator closure for `lines`; arguments from 2 on are formats.
fn aux_lines(vm: &mut Vm, file: Value, toclose: bool) -> LResult<Value> {
    let n = vm.arg_count().saturating_sub(1);
    if n > MAX_ARG_LINE {
        return Err(vm.arg_error(MAX_ARG_LINE + 2, "too many arguments"));
    }
    let mut ups = vec![file, Value::Int(n as i64), Value::Bool(toclose)];
    for i in 2..=vm.arg_count() {
        ups.push(vm.arg(i));
    }
    Ok(Value::NFn(vm.new_native(io_readline, "io_readline", ups)))
}

fn f_lines(vm: &mut Vm) -> LResult<usize> {
    to_file(vm)?;
    let f = vm.arg(1);
    let it = aux_lines(vm, f, false)?;
    vm.ret1(it)
}

fn io_lines(vm: &mut Vm) -> LResult<usize> {
    if vm.arg_count() == 0 {
        vm.push(Value::Nil);
    }
    if vm.arg(1).is_nil() {
        let k = vm.str_value(IO_INPUT.as_bytes());
        let reg = vm.registry;
        let v = vm.raw_get(reg, k);
        vm.set_arg(1, v);
        to_file(vm)?;
        let it = aux_lines(vm, v, false)?;
        return vm.ret1(it);
    }
    let fname = c_str(vm.check_str(1)?.as_bytes()).to_vec();
    let f = open_check(vm, &fname, b"r")?;
    vm.set_arg(1, f);
    let it = aux_lines(vm, f, true)?;
    vm.ret(&[it, Value::Nil, Value::Nil, f])
}

// ---- writing ------------------------------------------------------------------------

/// `g_write`: write arguments `arg..` and return `file` (or nil, message, errno).
fn g_write(vm: &mut Vm, s: &Rc<RefCell<LStream>>, file: Value, arg: usize) -> LResult<usize> {
    let n = vm.arg_count();
    let mut data = Vec::new();
    for i in arg..=n {
        match vm.arg(i) {
            Value::Str(st) => data.extend_from_slice(st.as_bytes()),
            Value::Int(x) => moonvm_vm::number::write_int(&mut data, x),
            Value::Float(x) => {
                // "%.14g" (tostring without the ".0" suffix).
                let start = data.len();
                moonvm_vm::number::write_float(&mut data, x);
                if data[start..].ends_with(b".0") {
                    data.truncate(data.len() - 2);
                }
            }
            _ => {
                // What came before is written, as C Lua writes argument by argument.
                let _ = s.borrow_mut().write_bytes(&data);
                vm.check_str(i)?;
            }
        }
    }
    let r = s.borrow_mut().write_bytes(&data);
    match r {
        Ok(()) => vm.ret1(file),
        Err(e) => fail_result(vm, &e, None),
    }
}

fn io_write(vm: &mut Vm) -> LResult<usize> {
    let (f, s) = get_io_file(vm, IO_OUTPUT)?;
    g_write(vm, &s, f, 1)
}

fn f_write(vm: &mut Vm) -> LResult<usize> {
    let s = to_file(vm)?;
    let f = vm.arg(1);
    g_write(vm, &s, f, 2)
}

fn f_seek(vm: &mut Vm) -> LResult<usize> {
    let s = to_file(vm)?;
    let op = check_option(vm, 2, Some("cur"), &["set", "cur", "end"])?;
    let off = vm.opt_int(3, 0)?;
    let r = s.borrow_mut().seek(op, off);
    match r {
        Ok(p) => vm.ret1(Value::Int(p as i64)),
        Err(e) => fail_result(vm, &e, None),
    }
}

fn f_setvbuf(vm: &mut Vm) -> LResult<usize> {
    let s = to_file(vm)?;
    let op = check_option(vm, 2, None, &["no", "full", "line"])?;
    vm.opt_int(3, BUF_SIZE as i64)?;
    let mode = [BufMode::No, BufMode::Full, BufMode::Line][op];
    let r = {
        let mut st = s.borrow_mut();
        st.mode = mode;
        st.flush_out()
    };
    file_result(vm, r, None)
}

fn f_flush(vm: &mut Vm) -> LResult<usize> {
    let s = to_file(vm)?;
    let r = s.borrow_mut().flush_out();
    file_result(vm, r, None)
}

fn io_flush(vm: &mut Vm) -> LResult<usize> {
    let (_, s) = get_io_file(vm, IO_OUTPUT)?;
    let r = s.borrow_mut().flush_out();
    file_result(vm, r, None)
}

// ---- opening the library ------------------------------------------------------------

pub fn open(vm: &mut Vm) {
    let io = vm.register_lib(
        "io",
        &[
            ("close", io_close),
            ("flush", io_flush),
            ("input", io_input),
            ("lines", io_lines),
            ("open", io_open),
            ("output", io_output),
            ("popen", io_popen),
            ("read", io_read),
            ("tmpfile", io_tmpfile),
            ("type", io_type),
            ("write", io_write),
        ],
    );
    // The file metatable.
    let methods = vm.register_lib(
        "_G",
        &[
            ("read", f_read),
            ("write", f_write),
            ("lines", f_lines),
            ("flush", f_flush),
            ("seek", f_seek),
            ("close", f_close),
            ("setvbuf", f_setvbuf),
        ],
    );
    let mt = vm.register_lib(
        "_G",
        &[
            ("__gc", f_gc),
            ("__close", f_gc),
            ("__tostring", f_tostring),
        ],
    );
    vm.set_field(mt, "__index", Value::Table(methods));
    let name = vm.str_value(FILE_MT.as_bytes());
    vm.set_field(mt, "__name", name);
    set_reg(vm, FILE_MT, Value::Table(mt));
    // The standard files.
    let stdin = new_file(vm, LStream::new(Target::Stdin, CloseKind::Std, true, false));
    let stdout = new_file(
        vm,
        LStream::new(Target::Stdout, CloseKind::Std, false, true),
    );
    let stderr = {
        let mut st = LStream::new(Target::Stderr, CloseKind::Std, false, true);
        st.mode = BufMode::No;
        new_file(vm, st)
    };
    vm.set_field(io, "stdin", stdin);
    vm.set_field(io, "stdout", stdout);
    vm.set_field(io, "stderr", stderr);
    set_reg(vm, IO_INPUT, stdin);
    set_reg(vm, IO_OUTPUT, stdout);
}
