//! Turning expression descriptors into values in registers, constants or stores
//! (PUC's `luaK_dischargevars`, `luaK_exp2nextreg`, `luaK_exp2RK`, `luaK_storevar`,
//! `luaK_indexed`, `luaK_self`, ...).

use crate::exp_desc::{ConstVal, ExpDesc, ExpKind, NO_JUMP};
use crate::func_state::{CResult, Compiler};
use moonvm_bytecode::opcode::*;

/// Largest constant index usable as an RK operand.
const MAX_INDEX_RK: u32 = MAX_B;

impl Compiler {
    /// Fix a multi-result expression (call or vararg) to return `nresults`
    /// values (-1: all).
    pub(crate) fn setreturns(&mut self, e: &ExpDesc, nresults: i32) -> CResult<()> {
        match e.k {
            ExpKind::Call(pc) => {
                set_c(self.instr_mut(pc), (nresults + 1) as u32);
            }
            ExpKind::Vararg(pc) => {
                let free = self.fsr().freereg;
                let p = self.instr_mut(pc);
                set_c(p, (nresults + 1) as u32);
                set_a(p, free);
                self.reserveregs(1)?;
            }
            _ => {}
        }
        Ok(())
    }

    pub(crate) fn setmultret(&mut self, e: &ExpDesc) -> CResult<()> {
        self.setreturns(e, -1)
    }

    /// Fix a multi-result expression to return one value.
    pub(crate) fn setoneret(&mut self, e: &mut ExpDesc) {
        match e.k {
            ExpKind::Call(pc) => {
                e.k = ExpKind::NonReloc(get_a(self.instr(pc)));
            }
            ExpKind::Vararg(pc) => {
                set_c(self.instr_mut(pc), 2);
                e.k = ExpKind::Reloc(pc);
            }
            _ => {}
        }
    }

    /// Make sure `e` is not a variable (nor a compile-time constant).
    pub(crate) fn dischargevars(&mut self, e: &mut ExpDesc) -> CResult<()> {
        match e.k {
            ExpKind::Const(i) => {
                e.k = self.actvar[i].k.to_exp_kind();
            }
            ExpKind::Local { ridx, .. } => {
                e.k = ExpKind::NonReloc(ridx);
            }
            ExpKind::Upval(u) => {
                let pc = self.code_abc(OpCode::GetUpval, 0, u, 0);
                e.k = ExpKind::Reloc(pc);
            }
            ExpKind::IndexUp { t, idx } => {
                let pc = self.code_abc(OpCode::GetTabUp, 0, t, idx);
                e.k = ExpKind::Reloc(pc);
            }
            ExpKind::IndexI { t, idx } => {
                self.freereg(t);
                let pc = self.code_abc(OpCode::GetI, 0, t, idx);
                e.k = ExpKind::Reloc(pc);
            }
            ExpKind::IndexStr { t, idx } => {
                self.freereg(t);
                let pc = self.code_abc(OpCode::GetField, 0, t, idx);
                e.k = ExpKind::Reloc(pc);
            }
            ExpKind::Indexed { t, idx } => {
                self.freeregs(t, idx);
                let pc = self.code_abc(OpCode::GetTable, 0, t, idx);
                e.k = ExpKind::Reloc(pc);
            }
            ExpKind::Vararg(_) | ExpKind::Call(_) => self.setoneret(e),
            _ => {}
        }
        Ok(())
    }

    /// Put the value of `e` in register `reg` (jump lists untouched).
    pub(crate) fn discharge2reg(&mut self, e: &mut ExpDesc, reg: u32) -> CResult<()> {
        self.dischargevars(e)?;
        match &e.k {
            ExpKind::Nil => self.code_nil(reg, 1),
            ExpKind::False => {
                self.code_abc(OpCode::LoadFalse, reg, 0, 0);
            }
            ExpKind::True => {
                self.code_abc(OpCode::LoadTrue, reg, 0, 0);
            }
            ExpKind::KStr(s) => {
                let s = s.clone();
                let k = self.string_k(&s)?;
                self.code_k(reg, k);
            }
            ExpKind::K(k) => {
                let k = *k;
                self.code_k(reg, k);
            }
            ExpKind::KFlt(f) => {
                let f = *f;
                self.code_float(reg, f)?;
            }
            ExpKind::KInt(i) => {
                let i = *i;
                self.code_int(reg, i)?;
            }
            ExpKind::Reloc(pc) => {
                let pc = *pc;
                set_a(self.instr_mut(pc), reg);
            }
            ExpKind::NonReloc(r) => {
                let r = *r;
                if reg != r {
                    self.code_abc(OpCode::Move, reg, r, 0);
                }
            }
            _ => return Ok(()), // Jmp: nothing to do
        }
        e.k = ExpKind::NonReloc(reg);
        Ok(())
    }

    /// Put the value of `e` in some register.
    pub(crate) fn discharge2anyreg(&mut self, e: &mut ExpDesc) -> CResult<()> {
        if !matches!(e.k, ExpKind::NonReloc(_)) {
            self.reserveregs(1)?;
            let r = self.fsr().freereg - 1;
            self.discharge2reg(e, r)?;
        }
        Ok(())
    }

    fn code_loadbool(&mut self, a: u32, op: OpCode) -> i32 {
        self.getlabel();
        self.code_abc(op, a, 0, 0)
    }

    /// Put the final value of `e` (including its jump lists) in `reg`.
    pub(crate) fn exp2reg(&mut self, e: &mut ExpDesc, reg: u32) -> CResult<()> {
        self.discharge2reg(e, reg)?;
        if let ExpKind::Jmp(pc) = e.k {
            let mut t = e.t;
            self.concat_jumps(&mut t, pc)?;
            e.t = t;
        }
        if e.has_jumps() {
            let mut p_f = NO_JUMP;
            let mut p_t = NO_JUMP;
            if self.need_value(e.t) || self.need_value(e.f) {
                let fj = if matches!(e.k, ExpKind::Jmp(_)) {
                    NO_JUMP
                } else {
                    self.jump()
                };
                p_f = self.code_loadbool(reg, OpCode::LFalseSkip);
                p_t = self.code_loadbool(reg, OpCode::LoadTrue);
                self.patchtohere(fj)?;
            }
            let final_ = self.getlabel();
            self.patchlistaux(e.f, final_, reg, p_f)?;
            self.patchlistaux(e.t, final_, reg, p_t)?;
        }
        e.f = NO_JUMP;
        e.t = NO_JUMP;
        e.k = ExpKind::NonReloc(reg);
        Ok(())
    }

    /// Put the final value of `e` in the next free register.
    pub(crate) fn exp2nextreg(&mut self, e: &mut ExpDesc) -> CResult<()> {
        self.dischargevars(e)?;
        self.freeexp(e);
        self.reserveregs(1)?;
        let r = self.fsr().freereg - 1;
        self.exp2reg(e, r)
    }

    /// Put the final value of `e` in some register; return it.
    pub(crate) fn exp2anyreg(&mut self, e: &mut ExpDesc) -> CResult<u32> {
        self.dischargevars(e)?;
        if let ExpKind::NonReloc(r) = e.k {
            if !e.has_jumps() {
                return Ok(r);
            }
            if r >= self.nvarstack() {
                self.exp2reg(e, r)?;
                return Ok(r);
            }
            // a local with jumps: fall through to use a new register
        }
        self.exp2nextreg(e)?;
        Ok(match e.k {
            ExpKind::NonReloc(r) => r,
            _ => 0,
        })
    }

    /// Final value in a register or an upvalue.
    pub(crate) fn exp2anyregup(&mut self, e: &mut ExpDesc) -> CResult<()> {
        if !matches!(e.k, ExpKind::Upval(_)) || e.has_jumps() {
            self.exp2anyreg(e)?;
        }
        Ok(())
    }

    /// Final value in a register or a constant.
    pub(crate) fn exp2val(&mut self, e: &mut ExpDesc) -> CResult<()> {
        if e.has_jumps() {
            self.exp2anyreg(e)?;
            Ok(())
        } else {
            self.dischargevars(e)
        }
    }

    /// Try to make `e` a K expression with an index usable as an RK operand.
    pub(crate) fn exp2k(&mut self, e: &mut ExpDesc) -> CResult<bool> {
        if e.has_jumps() {
            return Ok(false);
        }
        let info = match &e.k {
            ExpKind::True => self.bool_k(true)?,
            ExpKind::False => self.bool_k(false)?,
            ExpKind::Nil => self.nil_k()?,
            ExpKind::KInt(i) => {
                let i = *i;
                self.int_k(i)?
            }
            ExpKind::KFlt(f) => {
                let f = *f;
                self.number_k(f)?
            }
            ExpKind::KStr(s) => {
                let s = s.clone();
                self.string_k(&s)?
            }
            ExpKind::K(k) => *k,
            _ => return Ok(false),
        };
        if info <= MAX_INDEX_RK {
            e.k = ExpKind::K(info);
            Ok(true)
        } else {
            Ok(false)
        }
    }

    /// Make `e` an RK operand; true if it is a constant. The operand is then
    /// `rk_info(e)`.
    pub(crate) fn exp2rk(&mut self, e: &mut ExpDesc) -> CResult<bool> {
        if self.exp2k(e)? {
            Ok(true)
        } else {
            self.exp2anyreg(e)?;
            Ok(false)
        }
    }

    fn code_abrk(&mut self, op: OpCode, a: u32, b: u32, ec: &mut ExpDesc) -> CResult<()> {
        let k = self.exp2rk(ec)?;
        let c = rk_info(ec);
        self.code_abck(op, a, b, c, k);
        Ok(())
    }

    /// Store the value of `ex` into variable `var`.
    pub(crate) fn storevar(&mut self, var: &ExpDesc, ex: &mut ExpDesc) -> CResult<()> {
        match var.k {
            ExpKind::Local { ridx, .. } => {
                self.freeexp(ex);
                return self.exp2reg(ex, ridx);
            }
            ExpKind::Upval(u) => {
                let e = self.exp2anyreg(ex)?;
                self.code_abc(OpCode::SetUpval, e, u, 0);
            }
            ExpKind::IndexUp { t, idx } => self.code_abrk(OpCode::SetTabUp, t, idx, ex)?,
            ExpKind::IndexI { t, idx } => self.code_abrk(OpCode::SetI, t, idx, ex)?,
            ExpKind::IndexStr { t, idx } => self.code_abrk(OpCode::SetField, t, idx, ex)?,
            ExpKind::Indexed { t, idx } => self.code_abrk(OpCode::SetTable, t, idx, ex)?,
            _ => return self.error("syntax error"),
        }
        self.freeexp(ex);
        Ok(())
    }

    /// `e:key(` — SELF: method in R[base], object in R[base+1].
    pub(crate) fn code_self(&mut self, e: &mut ExpDesc, key: &mut ExpDesc) -> CResult<()> {
        let ereg = self.exp2anyreg(e)?;
        self.freeexp(e);
        let base = self.fsr().freereg;
        e.k = ExpKind::NonReloc(base);
        self.reserveregs(2)?;
        self.code_abrk(OpCode::Self_, base, ereg, key)?;
        self.freeexp(key);
        Ok(())
    }

    /// Is `e` a K expression holding a short string with an index fitting in B?
    pub(crate) fn is_kstr(&self, e: &ExpDesc) -> bool {
        match e.k {
            ExpKind::K(k) => !e.has_jumps() && k <= MAX_B && self.is_short_str_k(k),
            _ => false,
        }
    }

    /// Turn `t` (in a register or upvalue) into the indexed expression `t[k]`.
    pub(crate) fn indexed(&mut self, t: &mut ExpDesc, k: &mut ExpDesc) -> CResult<()> {
        if let ExpKind::KStr(s) = &k.k {
            let s = s.clone();
            k.k = ExpKind::K(self.string_k(&s)?);
        }
        if matches!(t.k, ExpKind::Upval(_)) && !self.is_kstr(k) {
            self.exp2anyreg(t)?;
        }
        if let ExpKind::Upval(u) = t.k {
            let idx = match k.k {
                ExpKind::K(i) => i,
                _ => 0,
            };
            t.k = ExpKind::IndexUp { t: u, idx };
        } else {
            let treg = match t.k {
                ExpKind::Local { ridx, .. } => ridx,
                ExpKind::NonReloc(r) => r,
                _ => return self.error("syntax error"),
            };
            if self.is_kstr(k) {
                let idx = match k.k {
                    ExpKind::K(i) => i,
                    _ => 0,
                };
                t.k = ExpKind::IndexStr { t: treg, idx };
            } else if let (ExpKind::KInt(i), false) = (&k.k, k.has_jumps()) {
                if (0..=MAX_C as i64).contains(i) {
                    t.k = ExpKind::IndexI {
                        t: treg,
                        idx: *i as u32,
                    };
                } else {
                    let idx = self.exp2anyreg(k)?;
                    t.k = ExpKind::Indexed { t: treg, idx };
                }
            } else {
                let idx = self.exp2anyreg(k)?;
                t.k = ExpKind::Indexed { t: treg, idx };
            }
        }
        Ok(())
    }

    /// The compile-time constant value of `e`, if it is one.
    pub(crate) fn exp2const(&self, e: &ExpDesc) -> Option<ConstVal> {
        if e.has_jumps() {
            return None;
        }
        match &e.k {
            ExpKind::False => Some(ConstVal::Bool(false)),
            ExpKind::True => Some(ConstVal::Bool(true)),
            ExpKind::Nil => Some(ConstVal::Nil),
            ExpKind::KStr(s) => Some(ConstVal::Str(s.clone())),
            ExpKind::Const(i) => Some(self.actvar[*i].k.clone()),
            ExpKind::KInt(i) => Some(ConstVal::Int(*i)),
            ExpKind::KFlt(f) => Some(ConstVal::Float(*f)),
            _ => None,
        }
    }
}

/// Operand of an expression after `exp2rk`: constant index or register.
pub(crate) fn rk_info(e: &ExpDesc) -> u32 {
    match e.k {
        ExpKind::K(k) => k,
        ExpKind::NonReloc(r) => r,
        _ => 0,
    }
}
