//! Jump lists and conditional code (PUC's `luaK_concat`, `luaK_patchlist`,
//! `luaK_goiftrue`, ...).
//!
//! A jump list is threaded through the sJ fields of its JMP instructions; the value
//! NO_JUMP (-1) as an offset ends the list.

use crate::exp_desc::{ExpDesc, ExpKind, NO_JUMP};
use crate::func_state::{CResult, Compiler};
use moonvm_bytecode::opcode::*;

/// Register value meaning "no register" for TESTSET patching.
const NO_REG: u32 = MAX_A;

/// Test-mode instructions: the next instruction is a jump.
pub(crate) fn is_test_op(op: u8) -> bool {
    (OpCode::Eq as u8..=OpCode::TestSet as u8).contains(&op)
}

impl Compiler {
    /// Destination of the jump at `pc`, or NO_JUMP at the end of a list.
    pub(crate) fn getjump(&self, pc: i32) -> i32 {
        let offset = get_sj(self.instr(pc));
        if offset == NO_JUMP {
            NO_JUMP
        } else {
            pc + 1 + offset
        }
    }

    /// Make the jump at `pc` go to `dest`.
    pub(crate) fn fixjump(&mut self, pc: i32, dest: i32) -> CResult<()> {
        let offset = dest - (pc + 1);
        if !(-OFFSET_SJ <= offset && offset <= MAX_SJ as i32 - OFFSET_SJ) {
            return self.error_near("control structure too long");
        }
        set_sj(self.instr_mut(pc), offset);
        Ok(())
    }

    /// Append list `l2` to list `l1`.
    pub(crate) fn concat_jumps(&mut self, l1: &mut i32, l2: i32) -> CResult<()> {
        if l2 == NO_JUMP {
            return Ok(());
        }
        if *l1 == NO_JUMP {
            *l1 = l2;
            return Ok(());
        }
        let mut list = *l1;
        loop {
            let next = self.getjump(list);
            if next == NO_JUMP {
                break;
            }
            list = next;
        }
        self.fixjump(list, l2)
    }

    /// Emit an open jump; return its pc.
    pub(crate) fn jump(&mut self) -> i32 {
        self.code_sj(OpCode::Jmp, NO_JUMP)
    }

    /// Emit a jump to `target` (backwards).
    pub(crate) fn jumpto(&mut self, target: i32) -> CResult<()> {
        let j = self.jump();
        self.patchlist(j, target)
    }

    /// Emit a test/comparison followed by a jump; return the jump's pc.
    pub(crate) fn condjump(&mut self, op: OpCode, a: u32, b: u32, c: u32, k: bool) -> i32 {
        self.code_abck(op, a, b, c, k);
        self.jump()
    }

    /// The instruction controlling the jump at `pc` (its test), or the jump itself.
    pub(crate) fn getjumpcontrol(&self, pc: i32) -> i32 {
        if pc >= 1 && is_test_op(get_op(self.instr(pc - 1))) {
            pc - 1
        } else {
            pc
        }
    }

    /// Patch the destination register of a TESTSET controlling jump `node`; with
    /// NO_REG (or the same register) turn it into a TEST. False if not a TESTSET.
    fn patchtestreg(&mut self, node: i32, reg: u32) -> bool {
        let ipc = self.getjumpcontrol(node);
        let i = self.instr(ipc);
        if get_op(i) != OpCode::TestSet as u8 {
            return false;
        }
        if reg != NO_REG && reg != get_b(i) {
            set_a(self.instr_mut(ipc), reg);
        } else {
            *self.instr_mut(ipc) = create_abck(OpCode::Test, get_b(i), 0, 0, get_k(i));
        }
        true
    }

    /// Make sure no test in the list produces a value.
    pub(crate) fn removevalues(&mut self, mut list: i32) {
        while list != NO_JUMP {
            self.patchtestreg(list, NO_REG);
            list = self.getjump(list);
        }
    }

    /// Patch a list: value-producing tests go to `vtarget` (value in `reg`), the
    /// others to `dtarget`.
    pub(crate) fn patchlistaux(
        &mut self,
        mut list: i32,
        vtarget: i32,
        reg: u32,
        dtarget: i32,
    ) -> CResult<()> {
        while list != NO_JUMP {
            let next = self.getjump(list);
            if self.patchtestreg(list, reg) {
                self.fixjump(list, vtarget)?;
            } else {
                self.fixjump(list, dtarget)?;
            }
            list = next;
        }
        Ok(())
    }

    pub(crate) fn patchlist(&mut self, list: i32, target: i32) -> CResult<()> {
        self.patchlistaux(list, target, NO_REG, target)
    }

    pub(crate) fn patchtohere(&mut self, list: i32) -> CResult<()> {
        let here = self.getlabel();
        self.patchlist(list, here)
    }

    /// Does the list contain a jump that does not produce a value?
    pub(crate) fn need_value(&self, mut list: i32) -> bool {
        while list != NO_JUMP {
            let i = self.instr(self.getjumpcontrol(list));
            if get_op(i) != OpCode::TestSet as u8 {
                return true;
            }
            list = self.getjump(list);
        }
        false
    }

    /// Invert the comparison controlling the jump of a Jmp expression.
    pub(crate) fn negatecondition(&mut self, e: &ExpDesc) {
        let pc = self.getjumpcontrol(e.pc().unwrap_or(0));
        let p = self.instr_mut(pc);
        let k = get_k(*p);
        set_k(p, !k);
    }

    /// Emit a jump taken when `e` is `cond`; folds a preceding NOT.
    fn jumponcond(&mut self, e: &mut ExpDesc, cond: bool) -> CResult<i32> {
        if let ExpKind::Reloc(pc) = e.k {
            let ie = self.instr(pc);
            if get_op(ie) == OpCode::Not as u8 {
                self.remove_last_instruction();
                return Ok(self.condjump(OpCode::Test, get_b(ie), 0, 0, !cond));
            }
        }
        self.discharge2anyreg(e)?;
        self.freeexp(e);
        let r = match e.k {
            ExpKind::NonReloc(r) => r,
            _ => 0,
        };
        Ok(self.condjump(OpCode::TestSet, NO_REG, r, 0, cond))
    }

    /// Go through if `e` is true, jump otherwise.
    pub(crate) fn goiftrue(&mut self, e: &mut ExpDesc) -> CResult<()> {
        self.dischargevars(e)?;
        let pc = match e.k {
            ExpKind::Jmp(pc) => {
                self.negatecondition(e);
                pc
            }
            ExpKind::K(_)
            | ExpKind::KFlt(_)
            | ExpKind::KInt(_)
            | ExpKind::KStr(_)
            | ExpKind::True => NO_JUMP,
            _ => self.jumponcond(e, false)?,
        };
        let mut f = e.f;
        self.concat_jumps(&mut f, pc)?;
        e.f = f;
        self.patchtohere(e.t)?;
        e.t = NO_JUMP;
        Ok(())
    }

    /// Go through if `e` is false, jump otherwise.
    pub(crate) fn goiffalse(&mut self, e: &mut ExpDesc) -> CResult<()> {
        self.dischargevars(e)?;
        let pc = match e.k {
            ExpKind::Jmp(pc) => pc,
            ExpKind::Nil | ExpKind::False => NO_JUMP,
            _ => self.jumponcond(e, true)?,
        };
        let mut t = e.t;
        self.concat_jumps(&mut t, pc)?;
        e.t = t;
        self.patchtohere(e.f)?;
        e.f = NO_JUMP;
        Ok(())
    }
}
