//! moonvm's binary chunks: `string.dump` writes a prototype tree with [`dump`],
//! `load` reads one back with [`undump`].
//!
//! The format is moonvm's own (PUC Lua cannot load it, nor moonvm PUC's). Its
//! header is PUC 5.4's, byte for byte (so `load` tells binary from text by the
//! first byte, and the official test suite's header checks hold), followed by
//! moonvm's signature and format revision:
//!
//! ```text
//! header:   "\x1bLua" 0x54 0 "\x19\x93\r\n\x1a\n" (signature, version, format, data)
//!           4 8 8 (sizes of Instruction, integer, float)
//!           0x5678 as i64 LE, 370.5 as f64 LE (integer and float format checks)
//!           "moonvm" REVISION
//! function: source (optional string: absent when stripped or the same as the
//!           enclosing function's) line_defined last_line_defined
//!           num_params is_vararg max_stack (bytes)
//!           code (count, u32 LE each)
//!           constants (count; tag byte, then i64 LE | f64 LE | string)
//!           upvalues (count; in_stack byte, index byte)
//!           protos (count; functions)
//!           line_info (count: 0 or code length; sizes)
//!           loc_vars (count; name string, start_pc, end_pc)
//!           upvalue names (count: 0 or the upvalue count; strings)
//! ```
//!
//! Sizes and counts are unsigned LEB128 varints; strings are a size and the bytes,
//! optional strings a size + 1 (0 = absent). A stripped dump has no source, line
//! info, local or upvalue names; loading one gives source `=?` as in PUC.
//!
//! `undump` trusts nothing: every count is checked against the bytes left before
//! anything is allocated, nesting is bounded, and the bytecode is verified
//! ([`verify`]) so the interpreter, which accesses registers, constants and
//! upvalues without bounds checks, can run it.

use crate::opcode::*;
use crate::proto::{Constant, LocVar, Proto, UpvalDesc};
use std::rc::Rc;

/// First bytes of every binary chunk (as PUC's `LUA_SIGNATURE`).
pub const SIGNATURE: &[u8; 4] = b"\x1bLua";
const VERSION: u8 = 0x54;
const FORMAT: u8 = 0;
/// Catches text-mode conversions of the chunk (as PUC's `LUAC_DATA`).
const DATA: &[u8; 6] = b"\x19\x93\r\n\x1a\n";
/// What tells moonvm's chunks from PUC's (whose function data starts here).
const MOONVM: &[u8; 6] = b"moonvm";
/// Revision of moonvm's format, bumped whenever the layout or the opcodes change.
const REVISION: u8 = 1;
const INSTRUCTION_SIZE: u8 = 4;
const INTEGER_SIZE: u8 = 8;
const NUMBER_SIZE: u8 = 8;
const TEST_INT: i64 = 0x5678;
const TEST_NUM: f64 = 370.5;

const TAG_NIL: u8 = 0;
const TAG_FALSE: u8 = 1;
const TAG_TRUE: u8 = 2;
const TAG_INT: u8 = 3;
const TAG_FLOAT: u8 = 4;
const TAG_STR: u8 = 5;

/// Deepest function nesting accepted (the parser's own limit is lower).
const MAX_DEPTH: usize = 200;
/// Fewest bytes one function takes in a chunk (13 one-byte fields), used to
/// bound the nested function count by the bytes left.
const MIN_FUNCTION_SIZE: usize = 13;
/// Source name of a function loaded from a stripped chunk.
const STRIPPED_SOURCE: &str = "=?";

// ---- writing ------------------------------------------------------------------

/// Serialise a prototype tree. `strip` leaves out debug information (source,
/// line info, local and upvalue names).
pub fn dump(p: &Proto, strip: bool) -> Vec<u8> {
    let mut w = Writer {
        out: Vec::with_capacity(64 + p.code.len() * 4),
        strip,
    };
    w.out.extend_from_slice(SIGNATURE);
    w.out.push(VERSION);
    w.out.push(FORMAT);
    w.out.extend_from_slice(DATA);
    w.out
        .extend_from_slice(&[INSTRUCTION_SIZE, INTEGER_SIZE, NUMBER_SIZE]);
    w.out.extend_from_slice(&TEST_INT.to_le_bytes());
    w.out.extend_from_slice(&TEST_NUM.to_le_bytes());
    w.out.extend_from_slice(MOONVM);
    w.out.push(REVISION);
    w.function(p, None);
    w.out
}

struct Writer {
    out: Vec<u8>,
    strip: bool,
}

impl Writer {
    fn size(&mut self, mut n: u64) {
        loop {
            let b = (n & 0x7f) as u8;
            n >>= 7;
            if n == 0 {
                self.out.push(b);
                return;
            }
            self.out.push(b | 0x80);
        }
    }

    fn string(&mut self, s: &[u8]) {
        self.size(s.len() as u64);
        self.out.extend_from_slice(s);
    }

    fn opt_string(&mut self, s: Option<&[u8]>) {
        match s {
            None => self.size(0),
            Some(s) => {
                self.size(s.len() as u64 + 1);
                self.out.extend_from_slice(s);
            }
        }
    }

    fn function(&mut self, p: &Proto, parent_source: Option<&str>) {
        let source = if self.strip || parent_source == Some(&*p.source) {
            None
        } else {
            Some(p.source.as_bytes())
        };
        self.opt_string(source);
        self.size(p.line_defined.into());
        self.size(p.last_line_defined.into());
        self.out
            .extend_from_slice(&[p.num_params, p.is_vararg as u8, p.max_stack]);
        self.size(p.code.len() as u64);
        for i in &p.code {
            self.out.extend_from_slice(&i.to_le_bytes());
        }
        self.size(p.constants.len() as u64);
        for k in &p.constants {
            match k {
                Constant::Nil => self.out.push(TAG_NIL),
                Constant::Bool(false) => self.out.push(TAG_FALSE),
                Constant::Bool(true) => self.out.push(TAG_TRUE),
                Constant::Int(i) => {
                    self.out.push(TAG_INT);
                    self.out.extend_from_slice(&i.to_le_bytes());
                }
                Constant::Float(f) => {
                    self.out.push(TAG_FLOAT);
                    self.out.extend_from_slice(&f.to_le_bytes());
                }
                Constant::Str(s) => {
                    self.out.push(TAG_STR);
                    self.string(s);
                }
            }
        }
        self.size(p.upvalues.len() as u64);
        for u in &p.upvalues {
            self.out.extend_from_slice(&[u.in_stack as u8, u.index]);
        }
        self.size(p.protos.len() as u64);
        for child in &p.protos {
            self.function(child, Some(&p.source));
        }
        if self.strip {
            self.size(0);
            self.size(0);
            self.size(0);
        } else {
            self.size(p.line_info.len() as u64);
            for &l in &p.line_info {
                self.size(l.into());
            }
            self.size(p.loc_vars.len() as u64);
            for v in &p.loc_vars {
                self.string(v.name.as_bytes());
                self.size(v.start_pc.into());
                self.size(v.end_pc.into());
            }
            self.size(p.upvalues.len() as u64);
            for u in &p.upvalues {
                self.string(u.name.as_bytes());
            }
        }
    }
}

// ---- reading ------------------------------------------------------------------

/// The name PUC's `lundump.c` shows in its messages: `@file` and `=name` without
/// the prefix, "binary string" for a chunk named by its own contents, else the
/// name as given.
fn error_name(chunkname: &str) -> &str {
    if let Some(rest) = chunkname
        .strip_prefix('@')
        .or_else(|| chunkname.strip_prefix('='))
    {
        rest
    } else if chunkname.as_bytes().first() == Some(&SIGNATURE[0]) {
        "binary string"
    } else {
        chunkname
    }
}

/// Load a binary chunk made by [`dump`]. Errors read as PUC's:
/// `<name>: bad binary format (truncated chunk)`.
pub fn undump(bytes: &[u8], chunkname: &str) -> Result<Proto, String> {
    let mut r = Reader {
        data: bytes,
        pos: 0,
    };
    r.header()
        .and_then(|()| r.function(&Rc::from(STRIPPED_SOURCE), 0))
        .map_err(|why| format!("{}: bad binary format ({why})", error_name(chunkname)))
}

struct Reader<'a> {
    data: &'a [u8],
    pos: usize,
}

type Res<T> = Result<T, String>;

fn truncated<T>() -> Res<T> {
    Err("truncated chunk".to_string())
}

impl<'a> Reader<'a> {
    fn remaining(&self) -> usize {
        self.data.len() - self.pos
    }

    fn block(&mut self, n: usize) -> Res<&'a [u8]> {
        if n > self.remaining() {
            return truncated();
        }
        let b = &self.data[self.pos..self.pos + n];
        self.pos += n;
        Ok(b)
    }

    fn byte(&mut self) -> Res<u8> {
        Ok(self.block(1)?[0])
    }

    fn array<const N: usize>(&mut self) -> Res<[u8; N]> {
        let mut a = [0u8; N];
        a.copy_from_slice(self.block(N)?);
        Ok(a)
    }

    fn literal(&mut self, lit: &[u8], why: &str) -> Res<()> {
        if self.block(lit.len())? != lit {
            return Err(why.to_string());
        }
        Ok(())
    }

    /// A varint no larger than `limit`.
    fn size(&mut self, limit: u64) -> Res<u64> {
        let mut n: u64 = 0;
        let mut shift = 0u32;
        loop {
            let b = self.byte()?;
            let bits = u64::from(b & 0x7f);
            if shift >= 64 || (bits << shift) >> shift != bits {
                return Err("integer overflow".to_string());
            }
            n |= bits << shift;
            if b & 0x80 == 0 {
                break;
            }
            shift += 7;
        }
        if n > limit {
            return Err("integer overflow".to_string());
        }
        Ok(n)
    }

    fn u32(&mut self) -> Res<u32> {
        Ok(self.size(u32::MAX.into())? as u32)
    }

    /// A count of items taking at least `item_size` bytes each, all of which must
    /// still be in the input.
    fn count(&mut self, item_size: usize) -> Res<usize> {
        let n = self.size(u32::MAX.into())? as usize;
        if n.saturating_mul(item_size) > self.remaining() {
            return truncated();
        }
        Ok(n)
    }

    fn string(&mut self) -> Res<&'a [u8]> {
        let n = self.count(1)?;
        self.block(n)
    }

    fn name(&mut self) -> Res<String> {
        Ok(String::from_utf8_lossy(self.string()?).into_owned())
    }

    fn opt_string(&mut self) -> Res<Option<&'a [u8]>> {
        match self.size(u32::MAX.into())? as usize {
            0 => Ok(None),
            n => self.block(n - 1).map(Some),
        }
    }

    fn header(&mut self) -> Res<()> {
        self.literal(SIGNATURE, "not a binary chunk")?;
        if self.byte()? != VERSION {
            return Err("version mismatch".to_string());
        }
        if self.byte()? != FORMAT {
            return Err("format mismatch".to_string());
        }
        self.literal(DATA, "corrupted chunk")?;
        let sizes = [
            (INSTRUCTION_SIZE, "Instruction"),
            (INTEGER_SIZE, "lua_Integer"),
            (NUMBER_SIZE, "lua_Number"),
        ];
        for (size, what) in sizes {
            if self.byte()? != size {
                return Err(format!("{what} size mismatch"));
            }
        }
        if i64::from_le_bytes(self.array::<8>()?) != TEST_INT {
            return Err("integer format mismatch".to_string());
        }
        if f64::from_le_bytes(self.array::<8>()?).to_bits() != TEST_NUM.to_bits() {
            return Err("float format mismatch".to_string());
        }
        self.literal(MOONVM, "not a moonvm chunk")?;
        if self.byte()? != REVISION {
            return Err("version mismatch".to_string());
        }
        Ok(())
    }

    fn function(&mut self, parent_source: &Rc<str>, depth: usize) -> Res<Proto> {
        if depth > MAX_DEPTH {
            return Err("too many nested functions".to_string());
        }
        let source: Rc<str> = match self.opt_string()? {
            Some(s) => Rc::from(String::from_utf8_lossy(s).as_ref()),
            None => parent_source.clone(),
        };
        let line_defined = self.u32()?;
        let last_line_defined = self.u32()?;
        let [num_params, vararg, max_stack] = self.array::<3>()?;
        let is_vararg = match vararg {
            0 => false,
            1 => true,
            _ => return Err("bad vararg flag".to_string()),
        };
        let n = self.count(4)?;
        let mut code = Vec::with_capacity(n);
        for _ in 0..n {
            code.push(u32::from_le_bytes(self.array::<4>()?));
        }
        let n = self.count(1)?;
        let mut constants = Vec::with_capacity(n);
        for _ in 0..n {
            constants.push(match self.byte()? {
                TAG_NIL => Constant::Nil,
                TAG_FALSE => Constant::Bool(false),
                TAG_TRUE => Constant::Bool(true),
                TAG_INT => Constant::Int(i64::from_le_bytes(self.array::<8>()?)),
                TAG_FLOAT => Constant::Float(f64::from_le_bytes(self.array::<8>()?)),
                TAG_STR => Constant::Str(self.string()?.to_vec()),
                _ => return Err("bad constant".to_string()),
            });
        }
        let n = self.count(2)?;
        if n > MAX_REGS as usize {
            return Err("too many upvalues".to_string());
        }
        let mut upvalues = Vec::with_capacity(n);
        for _ in 0..n {
            let [in_stack, index] = self.array::<2>()?;
            let in_stack = match in_stack {
                0 => false,
                1 => true,
                _ => return Err("bad upvalue".to_string()),
            };
            upvalues.push(UpvalDesc {
                name: String::new(),
                in_stack,
                index,
            });
        }
        let n = self.count(MIN_FUNCTION_SIZE)?;
        let mut protos = Vec::with_capacity(n);
        for _ in 0..n {
            protos.push(self.function(&source, depth + 1)?);
        }
        let n = self.count(1)?;
        if n != 0 && n != code.len() {
            return Err("bad line info".to_string());
        }
        let mut line_info = Vec::with_capacity(n);
        for _ in 0..n {
            line_info.push(self.u32()?);
        }
        let n = self.count(3)?;
        let mut loc_vars = Vec::with_capacity(n);
        for _ in 0..n {
            let name = self.name()?;
            let start_pc = self.u32()?;
            let end_pc = self.u32()?;
            loc_vars.push(LocVar {
                name,
                start_pc,
                end_pc,
            });
        }
        let n = self.count(1)?;
        if n != 0 && n != upvalues.len() {
            return Err("bad upvalue names".to_string());
        }
        for u in upvalues.iter_mut().take(n) {
            u.name = self.name()?;
        }
        let p = Proto {
            source,
            line_defined,
            last_line_defined,
            num_params,
            is_vararg,
            max_stack,
            code,
            line_info,
            constants,
            protos,
            upvalues,
            loc_vars,
        };
        check_function(&p)?;
        Ok(p)
    }
}

// ---- verification -------------------------------------------------------------

/// Check a whole prototype tree the way `undump` checks what it loads: every
/// operand the interpreter uses without a bounds check is in range.
pub fn verify(p: &Proto) -> Result<(), String> {
    fn go(p: &Proto, depth: usize) -> Res<()> {
        if depth > MAX_DEPTH {
            return Err("too many nested functions".to_string());
        }
        for child in &p.protos {
            go(child, depth + 1)?;
        }
        check_function(p)
    }
    go(p, 0)
}

/// Whether an instruction takes its operand count from the stack top, as set by
/// the instruction just before it (CALL/TAILCALL/RETURN/SETLIST with B = 0).
fn uses_top(i: Instruction) -> bool {
    matches!(
        OpCode::from_u8(get_op(i)),
        Some(OpCode::Call | OpCode::TailCall | OpCode::Return | OpCode::SetList)
    ) && get_b(i) == 0
}

/// Check one function's code, and the upvalue descriptors of its children (which
/// refer to its registers and upvalues).
fn check_function(p: &Proto) -> Res<()> {
    if p.num_params > p.max_stack {
        return Err("bad parameter count".to_string());
    }
    if !p.line_info.is_empty() && p.line_info.len() != p.code.len() {
        return Err("bad line info".to_string());
    }
    for child in &p.protos {
        for u in &child.upvalues {
            let ok = if u.in_stack {
                u.index < p.max_stack
            } else {
                (u.index as usize) < p.upvalues.len()
            };
            if !ok {
                return Err("bad upvalue index".to_string());
            }
        }
    }
    let last = p.code.last().and_then(|&i| OpCode::from_u8(get_op(i)));
    if !matches!(
        last,
        Some(OpCode::Return | OpCode::Return0 | OpCode::Return1)
    ) {
        return Err("function does not end with a return".to_string());
    }
    let n = p.code.len();
    let mut c = Checker {
        p,
        pc: 0,
        targets: vec![false; n],
        operands: vec![false; n],
    };
    for pc in 0..n {
        c.pc = pc;
        c.instruction(p.code[pc])?;
    }
    for t in 0..n {
        c.pc = t;
        if c.targets[t] && c.operands[t] {
            return Err(c.fail("jump into an EXTRAARG operand"));
        }
        if c.targets[t] && uses_top(p.code[t]) {
            return Err(c.fail("jump to an instruction using the stack top"));
        }
    }
    Ok(())
}

struct Checker<'a> {
    p: &'a Proto,
    pc: usize,
    /// Instructions some jump or skip lands on.
    targets: Vec<bool>,
    /// EXTRAARGs that are the operand of the instruction before them.
    operands: Vec<bool>,
}

impl Checker<'_> {
    fn fail(&self, what: &str) -> String {
        format!("{what} at instruction {}", self.pc + 1)
    }

    fn check(&self, ok: bool, what: &str) -> Res<()> {
        if ok {
            Ok(())
        } else {
            Err(self.fail(what))
        }
    }

    /// Registers `first .. first + count` are all in the frame.
    fn regs(&self, first: u32, count: u32) -> Res<()> {
        self.check(
            first as usize + count as usize <= self.p.max_stack as usize,
            "register out of range",
        )
    }

    fn reg(&self, r: u32) -> Res<()> {
        self.regs(r, 1)
    }

    fn kst(&self, k: u32) -> Res<()> {
        self.check(
            (k as usize) < self.p.constants.len(),
            "constant out of range",
        )
    }

    fn upv(&self, u: u32) -> Res<()> {
        self.check((u as usize) < self.p.upvalues.len(), "upvalue out of range")
    }

    /// RK(C): a constant when k is set, else a register.
    fn rk(&self, c: u32, k: bool) -> Res<()> {
        if k {
            self.kst(c)
        } else {
            self.reg(c)
        }
    }

    fn jump_to(&mut self, target: i64) -> Res<()> {
        self.check(
            target >= 0 && target < self.p.code.len() as i64,
            "jump out of range",
        )?;
        self.targets[target as usize] = true;
        Ok(())
    }

    /// The instruction after this one, which must be `op`.
    fn next_is(&self, op: OpCode) -> Res<Instruction> {
        match self.p.code.get(self.pc + 1) {
            Some(&i) if get_op(i) == op as u8 => Ok(i),
            _ => Err(self.fail(&format!("missing {}", op.name()))),
        }
    }

    /// The Ax of the EXTRAARG that must follow.
    fn extra_arg(&mut self) -> Res<u32> {
        let i = self.next_is(OpCode::ExtraArg)?;
        self.operands[self.pc + 1] = true;
        Ok(get_ax(i))
    }

    /// A test: the next instruction is the jump it takes or skips.
    fn cond_jump(&mut self) -> Res<()> {
        self.next_is(OpCode::Jmp)?;
        self.jump_to(self.pc as i64 + 2)
    }

    /// B = 0: the operands run to the stack top, which the instruction just before
    /// must set (an open call or vararg) at or above register `min_top`.
    fn top_set_above(&self, min_top: u32) -> Res<()> {
        let prev = self.pc.checked_sub(1).map(|pc| self.p.code[pc]);
        let ok = match prev.and_then(|i| OpCode::from_u8(get_op(i)).map(|op| (op, i))) {
            Some((OpCode::Call | OpCode::VarArg, i)) => get_c(i) == 0 && get_a(i) >= min_top,
            Some((OpCode::TailCall, i)) => get_a(i) >= min_top,
            _ => false,
        };
        self.check(ok, "stack top not set")
    }

    /// Most list items (table constructor sizes) a function of this length can
    /// store: every SETLIST flushes at most `FIELDS_PER_FLUSH`.
    fn max_items(&self) -> u64 {
        FIELDS_PER_FLUSH as u64 * self.p.code.len() as u64
    }

    fn instruction(&mut self, i: Instruction) -> Res<()> {
        use OpCode::*;
        let op = OpCode::from_u8(get_op(i)).ok_or_else(|| self.fail("bad opcode"))?;
        let (a, b, c, k, bx) = (get_a(i), get_b(i), get_c(i), get_k(i), get_bx(i));
        let pc = self.pc as i64;
        match op {
            Move | Unm | BNot | Not | Len | AddI | ShrI | ShlI | GetI => {
                self.reg(a)?;
                self.reg(b)
            }
            LoadI | LoadF | LoadFalse | LoadTrue | Return1 | Tbc | Close => self.reg(a),
            LFalseSkip => {
                self.reg(a)?;
                self.jump_to(pc + 2)
            }
            LoadK => {
                self.reg(a)?;
                self.kst(bx)
            }
            LoadKX => {
                self.reg(a)?;
                let ax = self.extra_arg()?;
                self.kst(ax)
            }
            LoadNil => self.regs(a, b + 1),
            GetUpval | SetUpval => {
                self.reg(a)?;
                self.upv(b)
            }
            GetTabUp => {
                self.reg(a)?;
                self.upv(b)?;
                self.kst(c)
            }
            GetTable | Add | Sub | Mul | Mod | Pow | Div | IDiv | BAnd | BOr | BXor | Shl | Shr => {
                self.reg(a)?;
                self.reg(b)?;
                self.reg(c)
            }
            GetField | AddK | SubK | MulK | ModK | PowK | DivK | IDivK | BAndK | BOrK | BXorK => {
                self.reg(a)?;
                self.reg(b)?;
                self.kst(c)
            }
            SetTabUp => {
                self.upv(a)?;
                self.kst(b)?;
                self.rk(c, k)
            }
            SetTable => {
                self.reg(a)?;
                self.reg(b)?;
                self.rk(c, k)
            }
            SetI => {
                self.reg(a)?;
                self.rk(c, k)
            }
            SetField => {
                self.reg(a)?;
                self.kst(b)?;
                self.rk(c, k)
            }
            NewTable => {
                self.reg(a)?;
                let ax = self.extra_arg()?;
                let narr = u64::from(c) + if k { u64::from(ax) << 8 } else { 0 };
                self.check(narr <= self.max_items(), "table size out of range")?;
                let nhash_ok =
                    b == 0 || (b <= 32 && 1u64 << (b - 1) <= 2 * self.p.code.len() as u64);
                self.check(nhash_ok, "table size out of range")
            }
            Self_ => {
                self.regs(a, 2)?;
                self.reg(b)?;
                self.rk(c, k)
            }
            Concat => {
                self.check(b >= 2, "bad CONCAT count")?;
                self.regs(a, b)
            }
            Jmp => self.jump_to(pc + 1 + i64::from(get_sj(i))),
            Eq | Lt | Le => {
                self.reg(a)?;
                self.reg(b)?;
                self.cond_jump()
            }
            EqK => {
                self.reg(a)?;
                self.kst(b)?;
                self.cond_jump()
            }
            EqI | LtI | LeI | GtI | GeI | Test => {
                self.reg(a)?;
                self.cond_jump()
            }
            TestSet => {
                self.reg(a)?;
                self.reg(b)?;
                self.cond_jump()
            }
            Call => {
                self.reg(a)?;
                if b > 0 {
                    self.regs(a, b)?;
                } else {
                    self.top_set_above(a + 1)?;
                }
                if c > 0 {
                    self.regs(a, c - 1)?;
                }
                Ok(())
            }
            TailCall => {
                self.reg(a)?;
                if b > 0 {
                    self.regs(a, b)
                } else {
                    self.top_set_above(a + 1)
                }
            }
            Return => {
                if b > 0 {
                    self.regs(a, b - 1)
                } else {
                    self.regs(a, 0)?;
                    self.top_set_above(a)
                }
            }
            Return0 => Ok(()),
            ForLoop => {
                self.regs(a, 4)?;
                self.jump_to(pc + 1 - i64::from(bx))
            }
            ForPrep => {
                self.regs(a, 4)?;
                self.jump_to(pc + 2 + i64::from(bx))
            }
            TForPrep => {
                self.regs(a, 4)?;
                self.jump_to(pc + 1 + i64::from(bx))
            }
            TForCall => {
                // The call copies the iterator, state and control to R[A+4..A+6].
                self.regs(a, 7)?;
                self.regs(a + 4, c)
            }
            TForLoop => {
                self.regs(a, 5)?;
                self.jump_to(pc + 1 - i64::from(bx))
            }
            SetList => {
                self.reg(a)?;
                if b > 0 {
                    self.regs(a + 1, b)?;
                } else {
                    self.top_set_above(a + 1)?;
                }
                let mut last = u64::from(c);
                if k {
                    last += u64::from(self.extra_arg()?) << 8;
                }
                self.check(
                    last + u64::from(b) <= self.max_items(),
                    "table size out of range",
                )
            }
            Closure => {
                self.reg(a)?;
                self.check((bx as usize) < self.p.protos.len(), "bad function index")
            }
            VarArg => {
                self.reg(a)?;
                if c > 0 {
                    self.regs(a, c - 1)?;
                }
                Ok(())
            }
            VarArgPrep => self.check(self.pc == 0 && self.p.is_vararg, "misplaced VARARGPREP"),
            ExtraArg => self.check(self.operands[self.pc], "misplaced EXTRAARG"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn abc(op: OpCode, a: u32, b: u32, c: u32) -> Instruction {
        create_abck(op, a, b, c, false)
    }

    /// A main function and one child exercising most instruction shapes.
    fn sample() -> Proto {
        let child = Proto {
            source: Rc::from("@sample.lua"),
            line_defined: 3,
            last_line_defined: 9,
            num_params: 1,
            is_vararg: false,
            max_stack: 6,
            code: vec![
                create_asbx(OpCode::LoadI, 1, 1),
                create_asbx(OpCode::LoadI, 2, 3),
                create_asbx(OpCode::LoadI, 3, 1),
                create_abx(OpCode::ForPrep, 1, 1),
                abc(OpCode::Add, 0, 0, 4),
                create_abx(OpCode::ForLoop, 1, 2),
                abc(OpCode::GetUpval, 5, 0, 0),
                abc(OpCode::Concat, 4, 2, 0),
                abc(OpCode::Return1, 0, 0, 0),
            ],
            line_info: vec![4, 4, 4, 4, 5, 4, 6, 7, 8],
            constants: vec![],
            protos: vec![],
            upvalues: vec![
                UpvalDesc {
                    name: "t".into(),
                    in_stack: true,
                    index: 2,
                },
                UpvalDesc {
                    name: "_ENV".into(),
                    in_stack: false,
                    index: 0,
                },
            ],
            loc_vars: vec![
                LocVar {
                    name: "x".into(),
                    start_pc: 0,
                    end_pc: 9,
                },
                LocVar {
                    name: "i".into(),
                    start_pc: 4,
                    end_pc: 5,
                },
            ],
        };
        Proto {
            source: Rc::from("@sample.lua"),
            line_defined: 0,
            last_line_defined: 0,
            num_params: 0,
            is_vararg: true,
            max_stack: 5,
            code: vec![
                abc(OpCode::VarArgPrep, 0, 0, 0),
                abc(OpCode::GetTabUp, 0, 0, 0),
                create_abx(OpCode::LoadK, 1, 1),
                abc(OpCode::Call, 0, 2, 1),
                create_abx(OpCode::Closure, 0, 0),
                abc(OpCode::LoadKX, 1, 0, 0),
                create_ax(OpCode::ExtraArg, 2),
                abc(OpCode::NewTable, 2, 1, 3),
                create_ax(OpCode::ExtraArg, 0),
                create_asbx(OpCode::LoadI, 3, 1),
                abc(OpCode::SetList, 2, 1, 0),
                abc(OpCode::EqK, 1, 3, 0),
                create_sj(OpCode::Jmp, 1),
                abc(OpCode::LoadNil, 3, 1, 0),
                abc(OpCode::VarArg, 3, 0, 0),
                abc(OpCode::Call, 0, 0, 1),
                create_abck(OpCode::SetField, 2, 0, 4, true),
                abc(OpCode::Return, 0, 1, 1),
            ],
            line_info: (1..=18).collect(),
            constants: vec![
                Constant::Str(b"print".to_vec()),
                Constant::Int(-42),
                Constant::Float(0.5),
                Constant::Str(vec![0, 255, b'\n']),
                Constant::Nil,
                Constant::Bool(true),
                Constant::Bool(false),
                Constant::Float(f64::NAN),
            ],
            protos: vec![child],
            upvalues: vec![UpvalDesc {
                name: "_ENV".into(),
                in_stack: true,
                index: 0,
            }],
            loc_vars: vec![LocVar {
                name: "f".into(),
                start_pc: 5,
                end_pc: 18,
            }],
        }
    }

    /// Equality that treats NaN constants as equal to themselves.
    fn same(a: &Proto, b: &Proto) -> bool {
        dump(a, false) == dump(b, false)
            && a.source == b.source
            && a.protos.len() == b.protos.len()
            && a.protos.iter().zip(&b.protos).all(|(x, y)| same(x, y))
    }

    fn strip_proto(p: &Proto) -> Proto {
        let mut s = p.clone();
        s.source = Rc::from(STRIPPED_SOURCE);
        s.line_info.clear();
        s.loc_vars.clear();
        for u in &mut s.upvalues {
            u.name.clear();
        }
        s.protos = p.protos.iter().map(strip_proto).collect();
        s
    }

    #[test]
    fn sample_is_valid() {
        verify(&sample()).unwrap();
    }

    #[test]
    fn round_trip() {
        let p = sample();
        let back = undump(&dump(&p, false), "=t").unwrap();
        assert!(same(&back, &p));
        let mut p2 = p.clone();
        p2.constants.pop(); // no NaN: plain equality works
        assert_eq!(undump(&dump(&p2, false), "=t").unwrap(), p2);
        // A child from another source keeps its own.
        p2.protos[0].source = Rc::from("=other");
        assert_eq!(undump(&dump(&p2, false), "=t").unwrap(), p2);
    }

    #[test]
    fn round_trip_stripped() {
        let mut p = sample();
        p.constants.pop();
        let s = dump(&p, true);
        assert!(s.len() < dump(&p, false).len());
        let back = undump(&s, "=t").unwrap();
        assert_eq!(back, strip_proto(&p));
        assert_eq!(&*back.protos[0].source, "=?");
    }

    #[test]
    fn minimal_function_size() {
        let p = Proto {
            code: vec![abc(OpCode::Return0, 0, 0, 0)],
            max_stack: 2,
            ..Proto::default()
        };
        let header = dump(&Proto::default(), true).len() - MIN_FUNCTION_SIZE;
        assert_eq!(dump(&p, true).len() - header, MIN_FUNCTION_SIZE + 4);
        assert_eq!(undump(&dump(&p, true), "=t").unwrap().code, p.code);
    }

    #[test]
    fn truncated_at_every_length() {
        for strip in [false, true] {
            let d = dump(&sample(), strip);
            for n in 0..d.len() {
                let e = undump(&d[..n], "=t").unwrap_err();
                assert!(
                    e == "t: bad binary format (truncated chunk)"
                        || e == "t: bad binary format (not a binary chunk)",
                    "length {n}: {e}"
                );
            }
        }
        assert_eq!(
            undump(b"\x1bL", "=t").unwrap_err(),
            "t: bad binary format (truncated chunk)"
        );
    }

    /// A small deterministic generator (xorshift64*).
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
        }
        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }
    }

    #[test]
    fn random_corruption_never_panics() {
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        let originals = [dump(&sample(), false), dump(&sample(), true)];
        let (mut ok, mut err) = (0, 0);
        for round in 0..20_000 {
            let mut d = originals[round % 2].clone();
            for _ in 0..1 + rng.below(4) {
                if d.is_empty() {
                    d.push(0x1b);
                }
                let pos = rng.below(d.len());
                match rng.below(6) {
                    0 => d[pos] ^= 1 << rng.below(8),
                    1 => d[pos] = rng.next() as u8,
                    2 => d[pos] = [0, 0x7f, 0x80, 0xff][rng.below(4)],
                    3 => {
                        d.remove(pos);
                    }
                    4 => d.insert(pos, rng.next() as u8),
                    _ => d.truncate(pos.max(1)),
                }
            }
            match undump(&d, "=t") {
                Ok(p) => {
                    // Whatever loads is valid, and dumps back to something loadable.
                    verify(&p).unwrap();
                    undump(&dump(&p, false), "=t").unwrap();
                    ok += 1;
                }
                Err(e) => {
                    assert!(e.starts_with("t: bad binary format ("), "{e}");
                    err += 1;
                }
            }
        }
        // Mutations of line info, names and constants still load.
        assert!(ok > 100 && err > 100, "ok {ok}, err {err}");
    }

    /// Corrupt instructions one field at a time: the verifier rejects what the
    /// interpreter cannot run, and nothing panics.
    #[test]
    fn random_instructions_never_panic() {
        let mut rng = Rng(12345);
        for _ in 0..20_000 {
            let mut p = sample();
            let which = rng.below(2);
            let code = if which == 0 {
                &mut p.code
            } else {
                &mut p.protos[0].code
            };
            let pc = rng.below(code.len());
            code[pc] = rng.next() as u32;
            if let Ok(q) = undump(&dump(&p, false), "=t") {
                verify(&q).unwrap();
            }
        }
    }

    fn expect_err(p: &Proto, what: &str) {
        let e = verify(p).unwrap_err();
        assert!(e.contains(what), "expected {what:?}, got {e:?}");
        let e = undump(&dump(p, false), "@x.lua").unwrap_err();
        assert!(
            e.starts_with("x.lua: bad binary format (") && e.contains(what),
            "expected {what:?}, got {e:?}"
        );
    }

    fn with_code(pc: usize, i: Instruction) -> Proto {
        let mut p = sample();
        p.code[pc] = i;
        p
    }

    #[test]
    fn rejects_bad_opcodes_and_operands() {
        expect_err(&with_code(2, NUM_OPCODES as u32), "bad opcode");
        expect_err(&with_code(2, 0x7f), "bad opcode");
        expect_err(
            &with_code(2, abc(OpCode::Move, 5, 0, 0)),
            "register out of range",
        );
        expect_err(
            &with_code(2, abc(OpCode::Move, 0, 200, 0)),
            "register out of range",
        );
        expect_err(
            &with_code(2, abc(OpCode::Add, 0, 1, 5)),
            "register out of range",
        );
        expect_err(
            &with_code(2, abc(OpCode::LoadNil, 3, 2, 0)),
            "register out of range",
        );
        expect_err(
            &with_code(2, abc(OpCode::Self_, 4, 0, 0)),
            "register out of range",
        );
        expect_err(
            &with_code(2, create_abx(OpCode::LoadK, 0, 8)),
            "constant out of range",
        );
        expect_err(
            &with_code(6, create_ax(OpCode::ExtraArg, 8)),
            "constant out of range",
        );
        expect_err(
            &with_code(2, abc(OpCode::GetField, 0, 1, 9)),
            "constant out of range",
        );
        expect_err(
            &with_code(16, create_abck(OpCode::SetField, 2, 0, 8, true)),
            "constant out of range",
        );
        expect_err(
            &with_code(16, create_abck(OpCode::SetField, 2, 0, 5, false)),
            "register out of range",
        );
        expect_err(
            &with_code(2, abc(OpCode::GetUpval, 0, 1, 0)),
            "upvalue out of range",
        );
        expect_err(
            &with_code(2, abc(OpCode::GetTabUp, 0, 1, 0)),
            "upvalue out of range",
        );
        expect_err(
            &with_code(2, abc(OpCode::SetTabUp, 1, 0, 0)),
            "upvalue out of range",
        );
        expect_err(
            &with_code(4, create_abx(OpCode::Closure, 0, 1)),
            "bad function index",
        );
        expect_err(
            &with_code(2, abc(OpCode::Concat, 0, 1, 0)),
            "bad CONCAT count",
        );
        expect_err(
            &with_code(2, abc(OpCode::Concat, 3, 3, 0)),
            "register out of range",
        );
        // Results and arguments of calls stay in the frame.
        expect_err(
            &with_code(3, abc(OpCode::Call, 0, 6, 1)),
            "register out of range",
        );
        expect_err(
            &with_code(3, abc(OpCode::Call, 0, 2, 7)),
            "register out of range",
        );
        expect_err(
            &with_code(14, abc(OpCode::VarArg, 3, 0, 4)),
            "register out of range",
        );
        expect_err(
            &with_code(17, abc(OpCode::Return, 3, 4, 0)),
            "register out of range",
        );
        expect_err(
            &with_code(2, abc(OpCode::TForCall, 0, 0, 1)),
            "register out of range",
        );
        expect_err(
            &with_code(10, abc(OpCode::SetList, 2, 3, 0)),
            "register out of range",
        );
    }

    #[test]
    fn rejects_bad_jumps() {
        expect_err(
            &with_code(12, create_sj(OpCode::Jmp, 100)),
            "jump out of range",
        );
        expect_err(
            &with_code(12, create_sj(OpCode::Jmp, -14)),
            "jump out of range",
        );
        let mut p = sample();
        p.protos[0].code[5] = create_abx(OpCode::ForLoop, 1, 7);
        expect_err(&p, "jump out of range");
        p.protos[0].code[5] = create_abx(OpCode::ForLoop, 1, 2);
        p.protos[0].code[3] = create_abx(OpCode::ForPrep, 1, 4);
        expect_err(&p, "jump out of range");
        expect_err(
            &with_code(16, abc(OpCode::LFalseSkip, 0, 0, 0)),
            "jump out of range",
        );
        // A test must be followed by its jump.
        expect_err(
            &with_code(12, abc(OpCode::LoadTrue, 0, 0, 0)),
            "missing JMP",
        );
        expect_err(&with_code(16, abc(OpCode::Test, 0, 0, 0)), "missing JMP");
        // Jumping onto an EXTRAARG operand, or to an instruction whose operand
        // count comes from a stack top that was not set on that path.
        expect_err(
            &with_code(12, create_sj(OpCode::Jmp, -5)),
            "EXTRAARG operand",
        );
        expect_err(
            &with_code(12, create_sj(OpCode::Jmp, 2)),
            "using the stack top",
        );
    }

    #[test]
    fn rejects_missing_or_misplaced_extra_args() {
        expect_err(
            &with_code(6, abc(OpCode::Move, 0, 0, 0)),
            "missing EXTRAARG",
        );
        expect_err(
            &with_code(8, abc(OpCode::Move, 0, 0, 0)),
            "missing EXTRAARG",
        );
        expect_err(
            &with_code(10, create_abck(OpCode::SetList, 2, 1, 0, true)),
            "missing EXTRAARG",
        );
        expect_err(
            &with_code(2, create_ax(OpCode::ExtraArg, 0)),
            "misplaced EXTRAARG",
        );
        let mut p = sample();
        p.code[16] = abc(OpCode::LoadKX, 0, 0, 0); // followed by RETURN
        expect_err(&p, "missing EXTRAARG");
        expect_err(
            &with_code(2, abc(OpCode::VarArgPrep, 0, 0, 0)),
            "misplaced VARARGPREP",
        );
    }

    #[test]
    fn rejects_huge_table_sizes() {
        let mut p = with_code(7, create_abck(OpCode::NewTable, 2, 1, 3, true));
        p.code[8] = create_ax(OpCode::ExtraArg, MAX_AX);
        expect_err(&p, "table size out of range");
        expect_err(
            &with_code(7, abc(OpCode::NewTable, 2, 255, 0)),
            "table size out of range",
        );
        expect_err(
            &with_code(7, abc(OpCode::NewTable, 2, 33, 0)),
            "table size out of range",
        );
        let mut p = with_code(10, create_abck(OpCode::SetList, 2, 1, 0, true));
        p.code.insert(11, create_ax(OpCode::ExtraArg, 1000));
        p.line_info.push(19);
        expect_err(&p, "table size out of range");
        p.code[11] = create_ax(OpCode::ExtraArg, 1);
        verify(&p).unwrap();
    }

    #[test]
    fn rejects_bad_stack_top_uses() {
        // CALL B=0 after an instruction that does not set the top.
        expect_err(
            &with_code(14, abc(OpCode::LoadNil, 3, 0, 0)),
            "stack top not set",
        );
        // ... or that set it below the arguments.
        expect_err(
            &with_code(14, abc(OpCode::VarArg, 0, 0, 0)),
            "stack top not set",
        );
        // VARARG with C > 0 leaves the top alone.
        expect_err(
            &with_code(14, abc(OpCode::VarArg, 3, 0, 2)),
            "stack top not set",
        );
        expect_err(
            &with_code(0, abc(OpCode::Return, 0, 0, 0)),
            "stack top not set",
        );
    }

    #[test]
    fn rejects_bad_function_shapes() {
        let mut p = sample();
        p.code.pop();
        p.line_info.pop();
        expect_err(&p, "does not end with a return");
        let mut p = sample();
        p.code.clear();
        p.line_info.clear();
        expect_err(&p, "does not end with a return");
        let mut p = sample();
        p.protos[0].num_params = 7;
        expect_err(&p, "bad parameter count");
        let mut p = sample();
        p.line_info.pop();
        expect_err(&p, "bad line info");
        let mut p = sample();
        p.protos[0].upvalues[0].index = 5; // parent's max_stack is 5
        expect_err(&p, "bad upvalue index");
        let mut p = sample();
        p.protos[0].upvalues[1].index = 1; // parent has 1 upvalue
        expect_err(&p, "bad upvalue index");
        // Nesting is bounded.
        let mut p = Proto {
            code: vec![abc(OpCode::Return0, 0, 0, 0)],
            max_stack: 2,
            ..Proto::default()
        };
        for _ in 0..=MAX_DEPTH {
            let mut outer = p.clone();
            outer.protos = vec![p];
            p = outer;
        }
        expect_err(&p, "too many nested functions");
    }

    #[test]
    fn header_errors() {
        let good = dump(&sample(), false);
        let err = |pos: usize, b: u8| {
            let mut d = good.clone();
            d[pos] = b;
            undump(&d, "=t").unwrap_err()
        };
        let why = |e: String| e["t: bad binary format (".len()..e.len() - 1].to_string();
        assert_eq!(why(err(1, b'X')), "not a binary chunk");
        assert_eq!(why(err(4, 0x53)), "version mismatch");
        assert_eq!(why(err(5, b'M')), "format mismatch");
        assert_eq!(why(err(8, b'\n')), "corrupted chunk");
        assert_eq!(why(err(12, 8)), "Instruction size mismatch");
        assert_eq!(why(err(13, 4)), "lua_Integer size mismatch");
        assert_eq!(why(err(14, 4)), "lua_Number size mismatch");
        assert_eq!(why(err(15, 0x79)), "integer format mismatch");
        assert_eq!(why(err(29, 1)), "float format mismatch");
        assert_eq!(why(err(31, b'M')), "not a moonvm chunk");
        assert_eq!(why(err(37, 2)), "version mismatch");
        // PUC's header, byte for byte.
        let puc = b"\x1bLua\x54\x00\x19\x93\r\n\x1a\n\x04\x08\x08";
        assert_eq!(&good[..15], puc);
        assert_eq!(&good[15..23], &0x5678i64.to_le_bytes());
        assert_eq!(&good[23..31], &370.5f64.to_le_bytes());
    }

    #[test]
    fn error_names() {
        let d = &dump(&sample(), false)[..10];
        let e = |name: &str| undump(d, name).unwrap_err();
        assert_eq!(e("@f.lua"), "f.lua: bad binary format (truncated chunk)");
        assert_eq!(e("=stdin"), "stdin: bad binary format (truncated chunk)");
        assert_eq!(e("chunk"), "chunk: bad binary format (truncated chunk)");
        assert_eq!(
            e("\x1bLua..."),
            "binary string: bad binary format (truncated chunk)"
        );
    }

    #[test]
    fn counts_are_checked_against_the_input() {
        let header_len = dump(&Proto::default(), true).len() - MIN_FUNCTION_SIZE;
        let mut d = dump(&Proto::default(), true)[..header_len].to_vec();
        // source absent, lines 0 0, params/vararg/stack, then a code count of 2^32-1.
        d.extend_from_slice(&[0, 0, 0, 0, 0, 2, 0xff, 0xff, 0xff, 0xff, 0x0f]);
        assert_eq!(
            undump(&d, "=t").unwrap_err(),
            "t: bad binary format (truncated chunk)"
        );
        // Too long a varint.
        let mut d = dump(&Proto::default(), true)[..header_len].to_vec();
        d.extend_from_slice(&[
            0, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7f,
        ]);
        assert_eq!(
            undump(&d, "=t").unwrap_err(),
            "t: bad binary format (integer overflow)"
        );
        // Line numbers beyond u32.
        let mut d = dump(&Proto::default(), true)[..header_len].to_vec();
        d.extend_from_slice(&[0, 0x80, 0x80, 0x80, 0x80, 0x10]);
        assert_eq!(
            undump(&d, "=t").unwrap_err(),
            "t: bad binary format (integer overflow)"
        );
    }
}
