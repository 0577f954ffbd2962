//! Instruction emission, line information, register allocation and the final
//! peephole pass (PUC's `luaK_code*`, `luaK_reserveregs`, `luaK_nil`, `luaK_finish`).

use crate::exp_desc::{ExpDesc, ExpKind};
use crate::func_state::{CResult, Compiler};
use moonvm_bytecode::opcode::*;

/// Maximum number of registers.
const MAXREGS: u32 = MAX_REGS;

/// Can `i` be an sC/sB operand?
pub(crate) fn fits_c(i: i64) -> bool {
    (i as u64).wrapping_add(OFFSET_SC as u64) <= MAX_C as u64
}

/// Can `i` be an sBx operand?
pub(crate) fn fits_bx(i: i64) -> bool {
    -(OFFSET_SBX as i64) <= i && i <= MAX_BX as i64 - OFFSET_SBX as i64
}

/// Encode a signed C/B operand.
pub(crate) fn int2sc(i: i64) -> u32 {
    (i + OFFSET_SC as i64) as u32
}

impl Compiler {
    /// Emit an instruction with the current line; return its pc.
    pub(crate) fn code(&mut self, i: Instruction) -> i32 {
        let line = self.line;
        self.max_line = self.max_line.max(line);
        let fs = self.fs();
        fs.f.code.push(i);
        fs.f.line_info.push(line);
        fs.pc() - 1
    }

    pub(crate) fn code_abck(&mut self, op: OpCode, a: u32, b: u32, c: u32, k: bool) -> i32 {
        self.code(create_abck(op, a, b, c, k))
    }

    pub(crate) fn code_abc(&mut self, op: OpCode, a: u32, b: u32, c: u32) -> i32 {
        self.code_abck(op, a, b, c, false)
    }

    pub(crate) fn code_abx(&mut self, op: OpCode, a: u32, bx: u32) -> i32 {
        self.code(create_abx(op, a, bx))
    }

    pub(crate) fn code_asbx(&mut self, op: OpCode, a: u32, sbx: i32) -> i32 {
        self.code(create_asbx(op, a, sbx))
    }

    pub(crate) fn code_sj(&mut self, op: OpCode, sj: i32) -> i32 {
        self.code(create_sj(op, sj))
    }

    pub(crate) fn code_extraarg(&mut self, a: u32) -> i32 {
        self.code(create_ax(OpCode::ExtraArg, a))
    }

    /// Change the line of the last instruction.
    pub(crate) fn fixline(&mut self, line: u32) {
        if let Some(l) = self.fs().f.line_info.last_mut() {
            *l = line;
        }
    }

    pub(crate) fn remove_last_instruction(&mut self) {
        let fs = self.fs();
        fs.f.code.pop();
        fs.f.line_info.pop();
    }

    pub(crate) fn instr(&self, pc: i32) -> Instruction {
        self.fsr().f.code[pc as usize]
    }

    pub(crate) fn instr_mut(&mut self, pc: i32) -> &mut Instruction {
        &mut self.fs().f.code[pc as usize]
    }

    /// Previous instruction, if it cannot be a jump target.
    pub(crate) fn previous_instruction(&self) -> Option<i32> {
        let fs = self.fsr();
        if fs.pc() > fs.lasttarget {
            Some(fs.pc() - 1)
        } else {
            None
        }
    }

    /// Mark the current pc as a jump target and return it.
    pub(crate) fn getlabel(&mut self) -> i32 {
        let fs = self.fs();
        fs.lasttarget = fs.pc();
        fs.lasttarget
    }

    /// LOADNIL for `n` registers from `from`, merged with a previous LOADNIL when
    /// the ranges connect.
    pub(crate) fn code_nil(&mut self, from: u32, n: u32) {
        let mut from = from;
        let mut l = from + n - 1;
        if let Some(ppc) = self.previous_instruction() {
            let prev = self.instr(ppc);
            if get_op(prev) == OpCode::LoadNil as u8 {
                let pfrom = get_a(prev);
                let pl = pfrom + get_b(prev);
                if (pfrom <= from && from <= pl + 1) || (from <= pfrom && pfrom <= l + 1) {
                    from = from.min(pfrom);
                    l = l.max(pl);
                    let p = self.instr_mut(ppc);
                    set_a(p, from);
                    set_b(p, l - from);
                    return;
                }
            }
        }
        self.code_abc(OpCode::LoadNil, from, n - 1, 0);
    }

    /// Load constant index `k` into `reg` (LOADK or LOADKX+EXTRAARG).
    pub(crate) fn code_k(&mut self, reg: u32, k: u32) -> i32 {
        if k <= MAX_BX {
            self.code_abx(OpCode::LoadK, reg, k)
        } else {
            let p = self.code_abx(OpCode::LoadKX, reg, 0);
            self.code_extraarg(k);
            p
        }
    }

    pub(crate) fn code_int(&mut self, reg: u32, i: i64) -> CResult<()> {
        if fits_bx(i) {
            self.code_asbx(OpCode::LoadI, reg, i as i32);
        } else {
            let k = self.int_k(i)?;
            self.code_k(reg, k);
        }
        Ok(())
    }

    pub(crate) fn code_float(&mut self, reg: u32, f: f64) -> CResult<()> {
        match crate::fold::flt_to_int(f) {
            Some(fi) if fits_bx(fi) => {
                self.code_asbx(OpCode::LoadF, reg, fi as i32);
            }
            _ => {
                let k = self.number_k(f)?;
                self.code_k(reg, k);
            }
        }
        Ok(())
    }

    /// Check that `n` more registers are available; track the maximum stack size.
    pub(crate) fn checkstack(&mut self, n: u32) -> CResult<()> {
        let newstack = self.fsr().freereg + n;
        if newstack > self.fsr().f.max_stack as u32 {
            if newstack >= MAXREGS {
                return self.error_near("function or expression needs too many registers");
            }
            self.fs().f.max_stack = newstack as u8;
        }
        Ok(())
    }

    pub(crate) fn reserveregs(&mut self, n: u32) -> CResult<()> {
        self.checkstack(n)?;
        self.fs().freereg += n;
        Ok(())
    }

    /// Free register `reg` if it is a temporary.
    pub(crate) fn freereg(&mut self, reg: u32) {
        if reg >= self.nvarstack() {
            let fs = self.fs();
            fs.freereg -= 1;
            debug_assert_eq!(reg, fs.freereg, "freeing registers out of order");
        }
    }

    pub(crate) fn freeregs(&mut self, r1: u32, r2: u32) {
        if r1 > r2 {
            self.freereg(r1);
            self.freereg(r2);
        } else {
            self.freereg(r2);
            self.freereg(r1);
        }
    }

    pub(crate) fn freeexp(&mut self, e: &ExpDesc) {
        if let ExpKind::NonReloc(r) = e.k {
            self.freereg(r);
        }
    }

    pub(crate) fn freeexps(&mut self, e1: &ExpDesc, e2: &ExpDesc) {
        match (&e1.k, &e2.k) {
            (ExpKind::NonReloc(r1), ExpKind::NonReloc(r2)) => self.freeregs(*r1, *r2),
            (ExpKind::NonReloc(r1), _) => self.freereg(*r1),
            (_, ExpKind::NonReloc(r2)) => self.freereg(*r2),
            _ => {}
        }
    }

    /// Emit a return of `nret` values starting at `first`.
    pub(crate) fn code_ret(&mut self, first: u32, nret: i32) {
        let op = match nret {
            0 => OpCode::Return0,
            1 => OpCode::Return1,
            _ => OpCode::Return,
        };
        self.code_abc(op, first, (nret + 1) as u32, 0);
    }

    /// Fill in the NEWTABLE at `pc` (and its EXTRAARG) with the size hints.
    pub(crate) fn settablesize(&mut self, pc: i32, ra: u32, asize: u32, hsize: u32) {
        let rb = if hsize != 0 { ceil_log2(hsize) + 1 } else { 0 };
        let extra = asize / (MAX_C + 1);
        let rc = asize % (MAX_C + 1);
        let k = extra > 0;
        *self.instr_mut(pc) = create_abck(OpCode::NewTable, ra, rb.min(MAX_B), rc, k);
        *self.instr_mut(pc + 1) = create_ax(OpCode::ExtraArg, extra.min(MAX_AX));
    }

    /// Emit a SETLIST storing `tostore` values (-1: up to top) after `nelems`.
    pub(crate) fn code_setlist(&mut self, base: u32, nelems: u32, tostore: i32) {
        let tostore = if tostore < 0 { 0 } else { tostore as u32 };
        if nelems <= MAX_C {
            self.code_abc(OpCode::SetList, base, tostore, nelems);
        } else {
            let extra = nelems / (MAX_C + 1);
            let nelems = nelems % (MAX_C + 1);
            self.code_abck(OpCode::SetList, base, tostore, nelems, true);
            self.code_extraarg(extra.min(MAX_AX));
        }
        self.fs().freereg = base + 1;
    }

    /// Final pass over the code: return instructions in functions that must close
    /// variables, vararg signalling, and jumps to jumps.
    pub(crate) fn finish(&mut self) -> CResult<()> {
        let n = self.pc();
        let needclose = self.fsr().needclose;
        let is_vararg = self.fsr().f.is_vararg;
        let numparams = self.fsr().f.num_params as u32;
        for i in 0..n {
            let ins = self.instr(i);
            let op = get_op(ins);
            if op == OpCode::Return0 as u8 || op == OpCode::Return1 as u8 {
                if !needclose {
                    continue;
                }
                // use a full RETURN to do the extra work
                let p = self.instr_mut(i);
                *p = (*p & !((1 << SIZE_OP) - 1)) | OpCode::Return as u32;
            }
            if op == OpCode::Return0 as u8
                || op == OpCode::Return1 as u8
                || op == OpCode::Return as u8
                || op == OpCode::TailCall as u8
            {
                let p = self.instr_mut(i);
                if needclose {
                    set_k(p, true);
                }
                if is_vararg {
                    set_c(p, numparams + 1);
                }
            } else if op == OpCode::Jmp as u8 {
                let target = self.finaltarget(i);
                self.fixjump(i, target)?;
            }
        }
        Ok(())
    }

    /// Final target of a jump, skipping jumps to jumps.
    fn finaltarget(&self, mut i: i32) -> i32 {
        for _ in 0..100 {
            let ins = self.instr(i);
            if get_op(ins) != OpCode::Jmp as u8 {
                break;
            }
            i += get_sj(ins) + 1;
        }
        i
    }
}

/// ceil(log2(x)) for x >= 1.
fn ceil_log2(x: u32) -> u32 {
    let mut l = 0;
    let mut v = 1u64;
    while v < x as u64 {
        v <<= 1;
        l += 1;
    }
    l
}
