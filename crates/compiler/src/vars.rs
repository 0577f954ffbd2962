//! Variables and scopes: locals, upvalues, name resolution, blocks, labels and
//! gotos (PUC's `new_localvar`, `singlevar`, `enterblock`/`leaveblock`,
//! `createlabel`, ...).

use crate::exp_desc::{ConstVal, ExpDesc, ExpKind};
use crate::func_state::{
    BlockCnt, CResult, Compiler, LabelDesc, VarDesc, VarKind, MAX_UPVAL, MAX_VARS,
};
use moonvm_bytecode::opcode::OpCode;
use moonvm_bytecode::{LocVar, UpvalDesc};

impl Compiler {
    /// Create a new local variable (not yet active); return its index in the
    /// function.
    pub(crate) fn new_localvar(&mut self, name: &str) -> CResult<usize> {
        let firstlocal = self.fsr().firstlocal;
        if self.nactvar_all + 1 - firstlocal > MAX_VARS {
            return self.error_limit(MAX_VARS, "local variables");
        }
        let vd = VarDesc {
            name: name.to_string(),
            kind: VarKind::Reg,
            ridx: 0,
            pidx: 0,
            k: ConstVal::Nil,
        };
        if self.nactvar_all < self.actvar.len() {
            self.actvar[self.nactvar_all] = vd;
        } else {
            self.actvar.push(vd);
        }
        self.nactvar_all += 1;
        Ok(self.nactvar_all - 1 - firstlocal)
    }

    fn registerlocalvar(&mut self, name: String) -> usize {
        let fs = self.fs();
        let start_pc = fs.pc() as u32;
        fs.f.loc_vars.push(LocVar {
            name,
            start_pc,
            end_pc: 0,
        });
        fs.f.loc_vars.len() - 1
    }

    /// Activate the last `nvars` created variables.
    pub(crate) fn adjustlocalvars(&mut self, nvars: usize) {
        let base = self.nvarstack();
        for reglevel in base..base + nvars as u32 {
            let vidx = self.fsr().nactvar;
            self.fs().nactvar += 1;
            let abs = self.fsr().firstlocal + vidx;
            let name = self.actvar[abs].name.clone();
            let pidx = self.registerlocalvar(name);
            let vd = &mut self.actvar[abs];
            vd.ridx = reglevel;
            vd.pidx = pidx;
        }
    }

    /// Debug info of the current function's variable `vidx` (None for
    /// compile-time constants).
    pub(crate) fn localdebuginfo(&mut self, vidx: usize) -> Option<&mut LocVar> {
        let abs = self.fsr().firstlocal + vidx;
        let vd = &self.actvar[abs];
        if vd.kind == VarKind::CompileTimeConst {
            return None;
        }
        let pidx = vd.pidx;
        self.fs().f.loc_vars.get_mut(pidx)
    }

    /// End the scope of variables down to `tolevel`.
    pub(crate) fn removevars(&mut self, tolevel: usize) {
        let n = self.fsr().nactvar - tolevel;
        self.nactvar_all -= n;
        while self.fsr().nactvar > tolevel {
            self.fs().nactvar -= 1;
            let vidx = self.fsr().nactvar;
            let pc = self.pc() as u32;
            if let Some(var) = self.localdebuginfo(vidx) {
                var.end_pc = pc;
            }
        }
    }

    fn searchupvalue(&self, level: usize, name: &str) -> Option<usize> {
        self.funcs[level]
            .f
            .upvalues
            .iter()
            .position(|u| u.name == name)
    }

    fn newupvalue(&mut self, level: usize, name: &str, v: &ExpDesc) -> CResult<usize> {
        if self.funcs[level].f.upvalues.len() + 1 > MAX_UPVAL {
            let line = self.funcs[level].f.line_defined;
            let place = if line == 0 {
                "main function".to_string()
            } else {
                format!("function at line {line}")
            };
            return self.error_near(format!(
                "too many upvalues (limit is {MAX_UPVAL}) in {place}"
            ));
        }
        let prev = &self.funcs[level - 1];
        let (in_stack, index, kind) = match v.k {
            ExpKind::Local { ridx, vidx } => (true, ridx, self.actvar[prev.firstlocal + vidx].kind),
            ExpKind::Upval(u) => (false, u, prev.upval_kinds[u as usize]),
            _ => (false, 0, VarKind::Reg),
        };
        let fs = &mut self.funcs[level];
        fs.f.upvalues.push(UpvalDesc {
            name: name.to_string(),
            in_stack,
            index: index as u8,
        });
        fs.upval_kinds.push(kind);
        Ok(fs.f.upvalues.len() - 1)
    }

    /// Look for an active local called `name` in function `level`.
    fn searchvar(&self, level: usize, name: &str) -> Option<ExpDesc> {
        let fs = &self.funcs[level];
        for i in (0..fs.nactvar).rev() {
            let vd = &self.actvar[fs.firstlocal + i];
            if vd.name == name {
                return Some(ExpDesc::new(if vd.kind == VarKind::CompileTimeConst {
                    ExpKind::Const(fs.firstlocal + i)
                } else {
                    ExpKind::Local {
                        ridx: vd.ridx,
                        vidx: i,
                    }
                }));
            }
        }
        None
    }

    /// Mark the block of function `level` where variable `vlevel` was defined as
    /// needing a CLOSE.
    fn markupval(&mut self, level: usize, vlevel: usize) {
        let fs = &mut self.funcs[level];
        let mut i = fs.blocks.len() - 1;
        while i > 0 && fs.blocks[i].nactvar > vlevel {
            i -= 1;
        }
        fs.blocks[i].upval = true;
        fs.needclose = true;
    }

    /// The current block has a to-be-closed variable.
    pub(crate) fn marktobeclosed(&mut self) {
        let fs = self.fs();
        if let Some(bl) = fs.blocks.last_mut() {
            bl.upval = true;
            bl.insidetbc = true;
        }
        fs.needclose = true;
    }

    /// Resolve `name` in function `level` (and enclosing ones): local, upvalue,
    /// compile-time constant, or Void for a global.
    fn singlevaraux(&mut self, level: usize, name: &str, base: bool) -> CResult<ExpDesc> {
        if let Some(v) = self.searchvar(level, name) {
            if let (ExpKind::Local { vidx, .. }, false) = (&v.k, base) {
                let vidx = *vidx;
                self.markupval(level, vidx);
            }
            return Ok(v);
        }
        let idx = match self.searchupvalue(level, name) {
            Some(idx) => idx,
            None => {
                if level == 0 {
                    return Ok(ExpDesc::void());
                }
                let v = self.singlevaraux(level - 1, name, false)?;
                match v.k {
                    ExpKind::Local { .. } | ExpKind::Upval(_) => {
                        self.newupvalue(level, name, &v)?
                    }
                    _ => return Ok(v),
                }
            }
        };
        Ok(ExpDesc::new(ExpKind::Upval(idx as u32)))
    }

    /// Resolve a name, producing `_ENV[name]` for globals.
    pub(crate) fn singlevar(&mut self, name: &str) -> CResult<ExpDesc> {
        let level = self.funcs.len() - 1;
        let mut var = self.singlevaraux(level, name, true)?;
        if matches!(var.k, ExpKind::Void) {
            var = self.singlevaraux(level, "_ENV", true)?;
            if matches!(var.k, ExpKind::Void) {
                return self.error("internal error: no _ENV");
            }
            self.exp2anyregup(&mut var)?;
            let mut key = ExpDesc::new(ExpKind::KStr(name.as_bytes().into()));
            self.indexed(&mut var, &mut key)?;
        }
        Ok(var)
    }

    /// Error if `e` is a read-only variable.
    pub(crate) fn check_readonly(&self, e: &ExpDesc) -> CResult<()> {
        let name = match e.k {
            ExpKind::Const(i) => Some(&self.actvar[i].name),
            ExpKind::Local { vidx, .. } => {
                let vd = self.local_var(vidx);
                (vd.kind != VarKind::Reg).then_some(&vd.name)
            }
            ExpKind::Upval(u) => {
                let fs = self.fsr();
                (fs.upval_kinds[u as usize] != VarKind::Reg)
                    .then(|| &fs.f.upvalues[u as usize].name)
            }
            _ => None,
        };
        match name {
            Some(n) => self.error(format!("attempt to assign to const variable '{n}'")),
            None => Ok(()),
        }
    }

    pub(crate) fn enterblock(&mut self, isloop: bool) {
        let firstlabel = self.labels.len();
        let firstgoto = self.gotos.len();
        let fs = self.fs();
        let insidetbc = fs.blocks.last().is_some_and(|b| b.insidetbc);
        let nactvar = fs.nactvar;
        fs.blocks.push(BlockCnt {
            firstlabel,
            firstgoto,
            nactvar,
            upval: false,
            isloop,
            insidetbc,
        });
    }

    pub(crate) fn leaveblock(&mut self) -> CResult<()> {
        let bl = match self.fsr().blocks.last() {
            Some(bl) => bl.clone(),
            None => return self.error("internal error: no block"),
        };
        let has_previous = self.fsr().blocks.len() > 1;
        let stklevel = self.reglevel(bl.nactvar);
        self.removevars(bl.nactvar);
        let mut hasclose = false;
        if bl.isloop {
            hasclose = self.createlabel("break", 0, false)?;
        }
        if !hasclose && has_previous && bl.upval {
            self.code_abc(OpCode::Close, stklevel, 0, 0);
        }
        self.fs().freereg = stklevel;
        self.labels.truncate(bl.firstlabel);
        self.fs().blocks.pop();
        if has_previous {
            self.movegotosout(&bl);
        } else if bl.firstgoto < self.gotos.len() {
            let gt = self.gotos[bl.firstgoto].clone();
            return self.undefgoto(&gt);
        }
        Ok(())
    }

    fn undefgoto<T>(&self, gt: &LabelDesc) -> CResult<T> {
        if gt.name == "break" {
            self.error(format!("break outside loop at line {}", gt.line))
        } else {
            self.error(format!(
                "no visible label '{}' for <goto> at line {}",
                gt.name, gt.line
            ))
        }
    }

    /// Pending gotos of a block that ended now belong to the enclosing block.
    fn movegotosout(&mut self, bl: &BlockCnt) {
        let outer_level = self.reglevel(bl.nactvar);
        for i in bl.firstgoto..self.gotos.len() {
            let gl = self.reglevel(self.gotos[i].nactvar);
            let gt = &mut self.gotos[i];
            if gl > outer_level {
                gt.close |= bl.upval;
            }
            gt.nactvar = bl.nactvar;
        }
    }

    /// Add a pending goto.
    pub(crate) fn newgotoentry(&mut self, name: &str, line: u32, pc: i32) {
        let nactvar = self.fsr().nactvar;
        self.gotos.push(LabelDesc {
            name: name.to_string(),
            pc,
            line,
            nactvar,
            close: false,
        });
    }

    /// A visible label of the current function called `name`.
    pub(crate) fn findlabel(&self, name: &str) -> Option<&LabelDesc> {
        let first = self.fsr().firstlabel;
        self.labels[first..].iter().find(|l| l.name == name)
    }

    fn solvegoto(&mut self, g: usize, label: &LabelDesc) -> CResult<()> {
        let gt = self.gotos[g].clone();
        if gt.nactvar < label.nactvar {
            let varname = self.local_var(gt.nactvar).name.clone();
            return self.error(format!(
                "<goto {}> at line {} jumps into the scope of local '{}'",
                gt.name, gt.line, varname
            ));
        }
        self.patchlist(gt.pc, label.pc)?;
        self.gotos.remove(g);
        Ok(())
    }

    /// Resolve pending gotos of the current block to label `lb`; true if some of
    /// them needs a CLOSE.
    fn solvegotos(&mut self, lb: &LabelDesc) -> CResult<bool> {
        let mut i = self.fsr().blocks.last().map_or(0, |b| b.firstgoto);
        let mut needsclose = false;
        while i < self.gotos.len() {
            if self.gotos[i].name == lb.name {
                needsclose |= self.gotos[i].close;
                self.solvegoto(i, lb)?;
            } else {
                i += 1;
            }
        }
        Ok(needsclose)
    }

    /// Create a label here; `last`: it is the last non-op statement of its block
    /// (locals are then considered out of scope). True if it emitted a CLOSE.
    pub(crate) fn createlabel(&mut self, name: &str, line: u32, last: bool) -> CResult<bool> {
        let pc = self.getlabel();
        let mut nactvar = self.fsr().nactvar;
        if last {
            nactvar = self.fsr().blocks.last().map_or(0, |b| b.nactvar);
        }
        let lb = LabelDesc {
            name: name.to_string(),
            pc,
            line,
            nactvar,
            close: false,
        };
        self.labels.push(lb.clone());
        if self.solvegotos(&lb)? {
            let level = self.nvarstack();
            self.code_abc(OpCode::Close, level, 0, 0);
            return Ok(true);
        }
        Ok(false)
    }
}
