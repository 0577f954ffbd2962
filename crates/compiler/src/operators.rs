//! Code generation for unary and binary operators (PUC's `luaK_prefix`,
//! `luaK_infix`, `luaK_posfix` and helpers), including constant folding and the
//! immediate/constant-operand instruction variants.
//!
//! moonvm has no MMBIN* instructions, so where PUC would tell the metamethod
//! fallback something through MMBINI/MMBINK, the k bit of the arithmetic
//! instruction carries it:
//! * `ADDK`/`MULK`/`BANDK`/`BORK`/`BXORK` with k: operands were swapped; the
//!   original expression was `K[C] op R[B]`.
//! * `ADDI` with k: the original expression was `R[B] - (-sC)` (a subtraction).
//! * `SHRI` with k: the original expression was `R[B] << (-sC)` (a left shift).
//!
//! and the C operand of `EQI/LTI/LEI/GTI/GEI` is 1 when the immediate came from a
//! float constant (as in PUC).

use crate::code::{fits_c, int2sc};
use crate::discharge::rk_info;
use crate::exp_desc::{ExpDesc, ExpKind};
use crate::fold::{const_fold, flt_to_int, ArithOp, Num};
use crate::func_state::{CResult, Compiler};
use moonvm_bytecode::opcode::*;
use moonvm_syntax::ast::{BinOp, UnOp};

fn arith_of(op: BinOp) -> Option<ArithOp> {
    Some(match op {
        BinOp::Add => ArithOp::Add,
        BinOp::Sub => ArithOp::Sub,
        BinOp::Mul => ArithOp::Mul,
        BinOp::Div => ArithOp::Div,
        BinOp::IDiv => ArithOp::IDiv,
        BinOp::Mod => ArithOp::Mod,
        BinOp::Pow => ArithOp::Pow,
        BinOp::BAnd => ArithOp::BAnd,
        BinOp::BOr => ArithOp::BOr,
        BinOp::BXor => ArithOp::BXor,
        BinOp::Shl => ArithOp::Shl,
        BinOp::Shr => ArithOp::Shr,
        _ => return None,
    })
}

/// Register-register opcode for an arithmetic/bitwise operator.
fn reg_op(op: ArithOp) -> OpCode {
    match op {
        ArithOp::Add => OpCode::Add,
        ArithOp::Sub => OpCode::Sub,
        ArithOp::Mul => OpCode::Mul,
        ArithOp::Mod => OpCode::Mod,
        ArithOp::Pow => OpCode::Pow,
        ArithOp::Div => OpCode::Div,
        ArithOp::IDiv => OpCode::IDiv,
        ArithOp::BAnd => OpCode::BAnd,
        ArithOp::BOr => OpCode::BOr,
        ArithOp::BXor => OpCode::BXor,
        ArithOp::Shl => OpCode::Shl,
        ArithOp::Shr => OpCode::Shr,
        ArithOp::Unm => OpCode::Unm,
        ArithOp::BNot => OpCode::BNot,
    }
}

/// Constant-operand opcode (only for ops that have one).
fn k_op(op: ArithOp) -> OpCode {
    match op {
        ArithOp::Add => OpCode::AddK,
        ArithOp::Sub => OpCode::SubK,
        ArithOp::Mul => OpCode::MulK,
        ArithOp::Mod => OpCode::ModK,
        ArithOp::Pow => OpCode::PowK,
        ArithOp::Div => OpCode::DivK,
        ArithOp::IDiv => OpCode::IDivK,
        ArithOp::BAnd => OpCode::BAndK,
        ArithOp::BOr => OpCode::BOrK,
        _ => OpCode::BXorK,
    }
}

fn swap(e1: &mut ExpDesc, e2: &mut ExpDesc) {
    std::mem::swap(e1, e2);
}

/// Is `e` an integer literal fitting in sC?
fn is_scint(e: &ExpDesc) -> bool {
    matches!(e.k, ExpKind::KInt(i) if fits_c(i)) && !e.has_jumps()
}

/// Is `e` a numeric literal with an integral value fitting in sC/sB? Returns the
/// encoded operand. Sets `isfloat` when the literal is a float (even when it then
/// does not fit, as PUC does).
fn is_scnumber(e: &ExpDesc, isfloat: &mut bool) -> Option<u32> {
    let i = match e.k {
        ExpKind::KInt(i) => i,
        ExpKind::KFlt(f) => match flt_to_int(f) {
            Some(i) => {
                *isfloat = true;
                i
            }
            None => return None,
        },
        _ => return None,
    };
    if !e.has_jumps() && fits_c(i) {
        Some(int2sc(i))
    } else {
        None
    }
}

fn num_to_kind(n: Num) -> ExpKind {
    match n {
        Num::Int(i) => ExpKind::KInt(i),
        Num::Flt(f) => ExpKind::KFlt(f),
    }
}

impl Compiler {
    /// Try to fold `e1 op e2`; on success `e1` holds the result.
    fn constfolding(&mut self, op: ArithOp, e1: &mut ExpDesc, e2: &ExpDesc) -> bool {
        let (Some(a), Some(b)) = (e1.to_numeral(), e2.to_numeral()) else {
            return false;
        };
        match const_fold(op, a, b) {
            Some(r) => {
                e1.k = num_to_kind(r);
                true
            }
            None => false,
        }
    }

    fn codeunexpval(&mut self, op: OpCode, e: &mut ExpDesc, line: u32) -> CResult<()> {
        let r = self.exp2anyreg(e)?;
        self.freeexp(e);
        let pc = self.code_abc(op, 0, r, 0);
        e.k = ExpKind::Reloc(pc);
        self.fixline(line);
        Ok(())
    }

    /// Emit `op` with first operand `e1` (made a register) and second operand `v2`.
    fn finishbinexpval(
        &mut self,
        e1: &mut ExpDesc,
        e2: &ExpDesc,
        op: OpCode,
        v2: u32,
        k: bool,
        line: u32,
    ) -> CResult<()> {
        let v1 = self.exp2anyreg(e1)?;
        let pc = self.code_abck(op, 0, v1, v2, k);
        self.freeexps(e1, e2);
        e1.k = ExpKind::Reloc(pc);
        self.fixline(line);
        Ok(())
    }

    /// Register-register binary operation.
    fn codebinexpval(
        &mut self,
        op: ArithOp,
        e1: &mut ExpDesc,
        e2: &mut ExpDesc,
        line: u32,
    ) -> CResult<()> {
        let v2 = self.exp2anyreg(e2)?;
        self.finishbinexpval(e1, e2, reg_op(op), v2, false, line)
    }

    /// Binary operation with an immediate second operand.
    fn codebini(
        &mut self,
        op: OpCode,
        e1: &mut ExpDesc,
        e2: &ExpDesc,
        k: bool,
        line: u32,
    ) -> CResult<()> {
        let v2 = match e2.k {
            ExpKind::KInt(i) => int2sc(i),
            _ => 0,
        };
        self.finishbinexpval(e1, e2, op, v2, k, line)
    }

    /// Binary operation with a K second operand (`e2` already a K expression).
    fn codebink(
        &mut self,
        op: ArithOp,
        e1: &mut ExpDesc,
        e2: &ExpDesc,
        flip: bool,
        line: u32,
    ) -> CResult<()> {
        let v2 = rk_info(e2);
        self.finishbinexpval(e1, e2, k_op(op), v2, flip, line)
    }

    /// Code `e1 op e2` as `e1 op' -e2` with an immediate (ADDI for subtraction,
    /// SHRI for left shift), marked with k. False if `e2` does not fit.
    fn finishbinexpneg(
        &mut self,
        e1: &mut ExpDesc,
        e2: &ExpDesc,
        op: OpCode,
        line: u32,
    ) -> CResult<bool> {
        if !e2.is_kint() {
            return Ok(false);
        }
        let i2 = match e2.k {
            ExpKind::KInt(i) => i,
            _ => return Ok(false),
        };
        if !(fits_c(i2) && fits_c(i2.wrapping_neg())) {
            return Ok(false);
        }
        self.finishbinexpval(e1, e2, op, int2sc(-i2), true, line)?;
        Ok(true)
    }

    fn codebinnok(
        &mut self,
        op: ArithOp,
        e1: &mut ExpDesc,
        e2: &mut ExpDesc,
        flip: bool,
        line: u32,
    ) -> CResult<()> {
        if flip {
            swap(e1, e2);
        }
        self.codebinexpval(op, e1, e2, line)
    }

    fn codearith(
        &mut self,
        op: ArithOp,
        e1: &mut ExpDesc,
        e2: &mut ExpDesc,
        flip: bool,
        line: u32,
    ) -> CResult<()> {
        if e2.to_numeral().is_some() && self.exp2k(e2)? {
            self.codebink(op, e1, e2, flip, line)
        } else {
            self.codebinnok(op, e1, e2, flip, line)
        }
    }

    fn codecommutative(
        &mut self,
        op: ArithOp,
        e1: &mut ExpDesc,
        e2: &mut ExpDesc,
        line: u32,
    ) -> CResult<()> {
        let mut flip = false;
        if e1.to_numeral().is_some() {
            swap(e1, e2);
            flip = true;
        }
        // ADDI's k bit means "subtraction", so a swapped addition uses ADDK.
        if op == ArithOp::Add && !flip && is_scint(e2) {
            self.codebini(OpCode::AddI, e1, e2, false, line)
        } else {
            self.codearith(op, e1, e2, flip, line)
        }
    }

    fn codebitwise(
        &mut self,
        op: ArithOp,
        e1: &mut ExpDesc,
        e2: &mut ExpDesc,
        line: u32,
    ) -> CResult<()> {
        let mut flip = false;
        if matches!(e1.k, ExpKind::KInt(_)) {
            swap(e1, e2);
            flip = true;
        }
        if matches!(e2.k, ExpKind::KInt(_)) && self.exp2k(e2)? {
            self.codebink(op, e1, e2, flip, line)
        } else {
            self.codebinnok(op, e1, e2, flip, line)
        }
    }

    /// Order comparison `e1 < e2` / `e1 <= e2` (`le`).
    fn codeorder(&mut self, le: bool, e1: &mut ExpDesc, e2: &mut ExpDesc) -> CResult<()> {
        let mut isfloat = false;
        let (r1, r2, op);
        if let Some(im) = is_scnumber(e2, &mut isfloat) {
            r1 = self.exp2anyreg(e1)?;
            r2 = im;
            op = if le { OpCode::LeI } else { OpCode::LtI };
        } else if let Some(im) = is_scnumber(e1, &mut isfloat) {
            r1 = self.exp2anyreg(e2)?;
            r2 = im;
            op = if le { OpCode::GeI } else { OpCode::GtI };
        } else {
            r1 = self.exp2anyreg(e1)?;
            r2 = self.exp2anyreg(e2)?;
            op = if le { OpCode::Le } else { OpCode::Lt };
        }
        self.freeexps(e1, e2);
        let pc = self.condjump(op, r1, r2, isfloat as u32, true);
        e1.k = ExpKind::Jmp(pc);
        Ok(())
    }

    /// Equality comparison; `e1` was already made RK (or kept a numeral).
    fn codeeq(&mut self, eq: bool, e1: &mut ExpDesc, e2: &mut ExpDesc) -> CResult<()> {
        let mut isfloat = false;
        if !matches!(e1.k, ExpKind::NonReloc(_)) {
            swap(e1, e2);
        }
        let r1 = self.exp2anyreg(e1)?;
        let (op, r2);
        if let Some(im) = is_scnumber(e2, &mut isfloat) {
            op = OpCode::EqI;
            r2 = im;
        } else if self.exp2rk(e2)? {
            op = OpCode::EqK;
            r2 = rk_info(e2);
        } else {
            op = OpCode::Eq;
            r2 = self.exp2anyreg(e2)?;
        }
        self.freeexps(e1, e2);
        let pc = self.condjump(op, r1, r2, isfloat as u32, eq);
        e1.k = ExpKind::Jmp(pc);
        Ok(())
    }

    fn codenot(&mut self, e: &mut ExpDesc) -> CResult<()> {
        match e.k {
            ExpKind::Nil | ExpKind::False => e.k = ExpKind::True,
            ExpKind::K(_)
            | ExpKind::KFlt(_)
            | ExpKind::KInt(_)
            | ExpKind::KStr(_)
            | ExpKind::True => e.k = ExpKind::False,
            ExpKind::Jmp(_) => self.negatecondition(e),
            ExpKind::Reloc(_) | ExpKind::NonReloc(_) => {
                self.discharge2anyreg(e)?;
                self.freeexp(e);
                let r = match e.k {
                    ExpKind::NonReloc(r) => r,
                    _ => 0,
                };
                let pc = self.code_abc(OpCode::Not, 0, r, 0);
                e.k = ExpKind::Reloc(pc);
            }
            _ => return self.error("internal error: bad 'not' operand"),
        }
        std::mem::swap(&mut e.t, &mut e.f);
        self.removevalues(e.f);
        self.removevalues(e.t);
        Ok(())
    }

    /// Apply a unary operator.
    pub(crate) fn prefix(&mut self, op: UnOp, e: &mut ExpDesc, line: u32) -> CResult<()> {
        self.dischargevars(e)?;
        let zero = ExpDesc::new(ExpKind::KInt(0));
        match op {
            UnOp::Neg => {
                if !self.constfolding(ArithOp::Unm, e, &zero) {
                    self.codeunexpval(OpCode::Unm, e, line)?;
                }
            }
            UnOp::BNot => {
                if !self.constfolding(ArithOp::BNot, e, &zero) {
                    self.codeunexpval(OpCode::BNot, e, line)?;
                }
            }
            UnOp::Len => self.codeunexpval(OpCode::Len, e, line)?,
            UnOp::Not => self.codenot(e)?,
        }
        Ok(())
    }

    /// Process the first operand of a binary operator before the second is read.
    pub(crate) fn infix(&mut self, op: BinOp, v: &mut ExpDesc) -> CResult<()> {
        self.dischargevars(v)?;
        match op {
            BinOp::And => self.goiftrue(v)?,
            BinOp::Or => self.goiffalse(v)?,
            BinOp::Concat => self.exp2nextreg(v)?,
            BinOp::Eq | BinOp::Ne => {
                if v.to_numeral().is_none() {
                    self.exp2rk(v)?;
                }
            }
            BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge => {
                let mut dummy = false;
                if is_scnumber(v, &mut dummy).is_none() {
                    self.exp2anyreg(v)?;
                }
            }
            _ => {
                if v.to_numeral().is_none() {
                    self.exp2anyreg(v)?;
                }
            }
        }
        Ok(())
    }

    fn codeconcat(&mut self, e1: &mut ExpDesc, e2: &ExpDesc, line: u32) -> CResult<()> {
        let r1 = match e1.k {
            ExpKind::NonReloc(r) => r,
            _ => 0,
        };
        if let Some(ppc) = self.previous_instruction() {
            let ie2 = self.instr(ppc);
            if get_op(ie2) == OpCode::Concat as u8 {
                let n = get_b(ie2);
                self.freeexp(e2);
                let p = self.instr_mut(ppc);
                set_a(p, r1);
                set_b(p, n + 1);
                return Ok(());
            }
        }
        self.code_abc(OpCode::Concat, r1, 2, 0);
        self.freeexp(e2);
        self.fixline(line);
        Ok(())
    }

    /// Finish a binary operation after its second operand was read.
    pub(crate) fn posfix(
        &mut self,
        op: BinOp,
        e1: &mut ExpDesc,
        e2: &mut ExpDesc,
        line: u32,
    ) -> CResult<()> {
        self.dischargevars(e2)?;
        if let Some(aop) = arith_of(op) {
            if self.constfolding(aop, e1, e2) {
                return Ok(());
            }
        }
        match op {
            BinOp::And => {
                let mut f = e2.f;
                self.concat_jumps(&mut f, e1.f)?;
                e2.f = f;
                *e1 = e2.clone();
            }
            BinOp::Or => {
                let mut t = e2.t;
                self.concat_jumps(&mut t, e1.t)?;
                e2.t = t;
                *e1 = e2.clone();
            }
            BinOp::Concat => {
                self.exp2nextreg(e2)?;
                self.codeconcat(e1, e2, line)?;
            }
            BinOp::Add | BinOp::Mul => {
                let aop = arith_of(op).unwrap_or(ArithOp::Add);
                self.codecommutative(aop, e1, e2, line)?;
            }
            BinOp::Sub => {
                if !self.finishbinexpneg(e1, e2, OpCode::AddI, line)? {
                    self.codearith(ArithOp::Sub, e1, e2, false, line)?;
                }
            }
            BinOp::Div | BinOp::IDiv | BinOp::Mod | BinOp::Pow => {
                let aop = arith_of(op).unwrap_or(ArithOp::Div);
                self.codearith(aop, e1, e2, false, line)?;
            }
            BinOp::BAnd | BinOp::BOr | BinOp::BXor => {
                let aop = arith_of(op).unwrap_or(ArithOp::BAnd);
                self.codebitwise(aop, e1, e2, line)?;
            }
            BinOp::Shl => {
                if is_scint(e1) {
                    swap(e1, e2);
                    self.codebini(OpCode::ShlI, e1, e2, false, line)?; // I << r2
                } else if self.finishbinexpneg(e1, e2, OpCode::ShrI, line)? {
                    // coded as r1 >> -I
                } else {
                    self.codebinexpval(ArithOp::Shl, e1, e2, line)?;
                }
            }
            BinOp::Shr => {
                if is_scint(e2) {
                    self.codebini(OpCode::ShrI, e1, e2, false, line)?;
                } else {
                    self.codebinexpval(ArithOp::Shr, e1, e2, line)?;
                }
            }
            BinOp::Eq | BinOp::Ne => self.codeeq(op == BinOp::Eq, e1, e2)?,
            BinOp::Gt | BinOp::Ge => {
                // a > b  <=>  b < a;  a >= b  <=>  b <= a
                swap(e1, e2);
                self.codeorder(op == BinOp::Ge, e1, e2)?;
            }
            BinOp::Lt | BinOp::Le => self.codeorder(op == BinOp::Le, e1, e2)?,
        }
        Ok(())
    }
}
