//! Compiling statements (PUC's `statement` and the `*stat` functions).

use crate::exp_desc::{ExpDesc, ExpKind, NO_JUMP};
use crate::func_state::{CResult, Compiler, VarKind};
use moonvm_bytecode::opcode::*;
use moonvm_syntax::ast::{
    Attrib, Binding, Block, Expr, FuncBody, FuncName, LocalName, Return, Stat, StatKind,
};

impl Compiler {
    /// A statement list (without opening a block). `in_repeat`: the list is the
    /// body of a repeat-until, whose condition still sees its locals (so a label
    /// at its end is not "last").
    pub(crate) fn statlist(&mut self, b: &Block, in_repeat: bool) -> CResult<()> {
        self.stats(&b.stats, b.ret.as_ref(), in_repeat)
    }

    fn stats(&mut self, stats: &[Stat], ret: Option<&Return>, in_repeat: bool) -> CResult<()> {
        for (i, st) in stats.iter().enumerate() {
            if let StatKind::Label(name) = &st.kind {
                let last = !in_repeat
                    && ret.is_none()
                    && stats[i + 1..]
                        .iter()
                        .all(|s| matches!(s.kind, StatKind::Label(_)));
                self.line = st.line;
                self.labelstat(name, st.line, last)?;
                self.fs().freereg = self.nvarstack();
            } else {
                self.statement(st)?;
            }
        }
        if let Some(r) = ret {
            self.retstat(r)?;
            self.fs().freereg = self.nvarstack();
        }
        Ok(())
    }

    /// A block with its own scope.
    pub(crate) fn block(&mut self, b: &Block) -> CResult<()> {
        self.enterblock(false);
        self.statlist(b, false)?;
        self.max_line = self.max_line.max(b.end_line);
        self.leaveblock()
    }

    fn statement(&mut self, st: &Stat) -> CResult<()> {
        self.check_stack()?;
        self.line = st.line;
        let line = st.line;
        self.at(st.pos, 0);
        match &st.kind {
            StatKind::Local { names, exprs } => self.localstat(names, exprs)?,
            StatKind::Assign { targets, exprs } => self.assignment(targets, exprs)?,
            StatKind::Call(e) => {
                let v = self.expr(e)?;
                match v.k {
                    ExpKind::Call(pc) => set_c(self.instr_mut(pc), 1),
                    _ => return self.error("syntax error"),
                }
            }
            StatKind::Do(b) => self.block(b)?,
            StatKind::While { cond, body } => {
                self.skip_token();
                self.whilestat(cond, body)?
            }
            StatKind::Repeat { body, cond } => self.repeatstat(body, cond)?,
            StatKind::If { conds, else_block } => {
                self.ifstat(conds, else_block.as_ref(), st.pos)?
            }
            StatKind::NumericFor {
                var,
                start,
                limit,
                step,
                body,
            } => self.fornum(var, start, limit, step.as_ref(), body, st)?,
            StatKind::GenericFor { names, exprs, body } => {
                self.forlist(names, exprs, body, line)?
            }
            StatKind::Function { name, func } => self.funcstat(name, func, line)?,
            StatKind::LocalFunction { name, func } => self.localfunc(name, func)?,
            StatKind::Break => {
                let j = self.jump();
                self.newgotoentry("break", line, j);
            }
            StatKind::Goto(name) => self.gotostat(name, line)?,
            StatKind::Label(name) => self.labelstat(name, line, false)?,
        }
        self.fs().freereg = self.nvarstack();
        Ok(())
    }

    /// Condition of a loop: code that falls through when true; returns the
    /// false-exit list.
    fn cond(&mut self, e: &Expr) -> CResult<i32> {
        let mut v = self.expr(e)?;
        self.at(e.follow, 0);
        if matches!(v.k, ExpKind::Nil) {
            v.k = ExpKind::False;
        }
        self.goiftrue(&mut v)?;
        Ok(v.f)
    }

    fn whilestat(&mut self, cond: &Expr, body: &Block) -> CResult<()> {
        let whileinit = self.getlabel();
        let condexit = self.cond(cond)?;
        self.enterblock(true);
        self.block(body)?;
        self.at(body.end_pos, 0);
        self.jumpto(whileinit)?;
        self.line = body.end_line;
        self.leaveblock()?;
        self.patchtohere(condexit)
    }

    fn repeatstat(&mut self, body: &Block, cond: &Expr) -> CResult<()> {
        let repeat_init = self.getlabel();
        self.enterblock(true); // loop block
        self.enterblock(false); // scope block
        self.statlist(body, true)?;
        self.at(body.end_pos, 1);
        let mut condexit = self.cond(cond)?;
        let (upval, nactvar) = match self.fsr().blocks.last() {
            Some(b) => (b.upval, b.nactvar),
            None => (false, 0),
        };
        self.leaveblock()?;
        if upval {
            // the repetition must close the upvalues of the body
            let exit = self.jump();
            self.patchtohere(condexit)?;
            let level = self.reglevel(nactvar);
            self.code_abc(OpCode::Close, level, 0, 0);
            condexit = self.jump();
            self.patchtohere(exit)?;
        }
        self.patchlist(condexit, repeat_init)?;
        self.leaveblock()
    }

    /// An expression into the next register; `near` is its first token.
    fn exp1(&mut self, e: &Expr) -> CResult<()> {
        let mut v = self.expr(e)?;
        self.at(e.follow, 0);
        self.exp2nextreg(&mut v)
    }

    fn fixforjump(&mut self, pc: i32, dest: i32, back: bool) -> CResult<()> {
        let mut offset = dest - (pc + 1);
        if back {
            offset = -offset;
        }
        if offset < 0 || offset as u32 > MAX_BX {
            return self.error_near("control structure too long");
        }
        set_bx(self.instr_mut(pc), offset as u32);
        Ok(())
    }

    fn forbody(
        &mut self,
        base: u32,
        line: u32,
        nvars: usize,
        isgen: bool,
        body: &Block,
    ) -> CResult<()> {
        let prep_op = if isgen {
            OpCode::TForPrep
        } else {
            OpCode::ForPrep
        };
        // PUC: 'do' is consumed (`near` is the 'do')
        self.skip_token();
        let prep = self.code_abx(prep_op, base, 0);
        self.enterblock(false);
        self.adjustlocalvars(nvars);
        self.reserveregs(nvars as u32)?;
        self.block(body)?;
        self.leaveblock()?;
        self.at(body.end_pos, 0);
        let here = self.getlabel();
        self.fixforjump(prep, here, false)?;
        if isgen {
            self.code_abc(OpCode::TForCall, base, 0, nvars as u32);
            self.fixline(line);
        }
        let loop_op = if isgen {
            OpCode::TForLoop
        } else {
            OpCode::ForLoop
        };
        let endfor = self.code_abx(loop_op, base, 0);
        self.fixforjump(endfor, prep + 1, true)?;
        self.fixline(line);
        Ok(())
    }

    fn fornum(
        &mut self,
        var: &str,
        start: &Expr,
        limit: &Expr,
        step: Option<&Expr>,
        body: &Block,
        st: &Stat,
    ) -> CResult<()> {
        let (line, pos) = (st.line, st.pos);
        self.enterblock(true);
        let base = self.fsr().freereg;
        // PUC: the variable name is consumed (`pos` is the 'for')
        self.at(pos, 2);
        self.new_localvar("(for state)")?;
        self.new_localvar("(for state)")?;
        self.new_localvar("(for state)")?;
        self.new_localvar(var)?;
        self.at(pos, 3);
        self.exp1(start)?;
        self.at(start.follow, 1);
        self.exp1(limit)?;
        match step {
            Some(s) => {
                self.at(limit.follow, 1);
                self.exp1(s)?
            }
            None => {
                let r = self.fsr().freereg;
                self.code_int(r, 1)?;
                self.reserveregs(1)?;
            }
        }
        self.adjustlocalvars(3);
        self.line = line;
        self.forbody(base, line, 1, false, body)?;
        self.line = body.end_line;
        self.leaveblock()
    }

    fn forlist(
        &mut self,
        names: &[Binding],
        exprs: &[Expr],
        body: &Block,
        line: u32,
    ) -> CResult<()> {
        self.enterblock(true);
        let base = self.fsr().freereg;
        if let Some(first) = names.first() {
            self.at(first.follow, 0);
        }
        for _ in 0..4 {
            self.new_localvar("(for state)")?;
        }
        for n in names {
            self.at(n.follow, 0);
            self.new_localvar(&n.name)?;
        }
        let line = exprs.first().map_or(line, |e| e.line);
        // PUC: 'in' is consumed
        self.skip_token();
        let (mut e, nexps) = self.explist(exprs)?;
        self.adjust_assign(4, nexps, &mut e)?;
        self.adjustlocalvars(4);
        self.marktobeclosed();
        self.checkstack(3)?;
        self.forbody(base, line, names.len(), true, body)?;
        self.line = body.end_line;
        self.leaveblock()
    }

    fn test_then_block(
        &mut self,
        escapelist: &mut i32,
        cond: &Expr,
        blk: &Block,
        followed: bool,
    ) -> CResult<()> {
        let mut v = self.expr(cond)?;
        // PUC: 'then' is consumed
        self.at(cond.follow, 1);
        let jf;
        let mut rest = &blk.stats[..];
        if let Some(Stat {
            kind: StatKind::Break,
            line,
            ..
        }) = blk.stats.first()
        {
            // 'if x then break': jump to the loop exit when the condition is true
            self.goiftrue_break(&mut v)?;
            self.enterblock(false);
            self.newgotoentry("break", *line, v.t);
            rest = &blk.stats[1..];
            if rest.is_empty() && blk.ret.is_none() {
                return self.leaveblock();
            }
            jf = self.jump();
        } else {
            self.goiftrue(&mut v)?;
            self.enterblock(false);
            jf = v.f;
        }
        self.stats(rest, blk.ret.as_ref(), false)?;
        self.leaveblock()?;
        if followed {
            let j = self.jump();
            self.concat_jumps(escapelist, j)?;
        }
        self.patchtohere(jf)
    }

    fn goiftrue_break(&mut self, v: &mut ExpDesc) -> CResult<()> {
        self.goiffalse(v)
    }

    fn ifstat(
        &mut self,
        conds: &[(Expr, Block)],
        else_block: Option<&Block>,
        pos: u32,
    ) -> CResult<()> {
        let mut escapelist = NO_JUMP;
        for (i, (c, b)) in conds.iter().enumerate() {
            let followed = i + 1 < conds.len() || else_block.is_some();
            // the condition follows 'if' or the 'elseif' ending the last block
            match i {
                0 => self.at(pos, 1),
                _ => self.at(conds[i - 1].1.end_pos, 1),
            }
            self.test_then_block(&mut escapelist, c, b, followed)?;
        }
        if let Some(b) = else_block {
            self.block(b)?;
        }
        self.patchtohere(escapelist)
    }

    /// Adjust the values of an expression list of `nexps` (last one `e`) to
    /// `nvars` registers.
    pub(crate) fn adjust_assign(
        &mut self,
        nvars: usize,
        nexps: usize,
        e: &mut ExpDesc,
    ) -> CResult<()> {
        let needed = nvars as i64 - nexps as i64;
        if e.has_multret() {
            let extra = (needed + 1).max(0);
            self.setreturns(e, extra as i32)?;
        } else {
            if !matches!(e.k, ExpKind::Void) {
                self.exp2nextreg(e)?;
            }
            if needed > 0 {
                let r = self.fsr().freereg;
                self.code_nil(r, needed as u32);
            }
        }
        if needed > 0 {
            self.reserveregs(needed as u32)?;
        } else {
            let fs = self.fs();
            fs.freereg = (fs.freereg as i64 + needed) as u32;
        }
        Ok(())
    }

    fn localstat(&mut self, names: &[LocalName], exprs: &[Expr]) -> CResult<()> {
        if names.is_empty() {
            return self.error("<name> expected");
        }
        let mut toclose: Option<usize> = None;
        let mut vidx = 0;
        for (i, ln) in names.iter().enumerate() {
            self.at(ln.follow, 0);
            vidx = self.new_localvar(&ln.name)?;
            let kind = match ln.attrib {
                None => VarKind::Reg,
                Some(Attrib::Const) => VarKind::Const,
                Some(Attrib::Close) => VarKind::ToClose,
            };
            let abs = self.fsr().firstlocal + vidx;
            self.actvar[abs].kind = kind;
            if kind == VarKind::ToClose {
                if toclose.is_some() {
                    return self.error("multiple to-be-closed variables in local list");
                }
                toclose = Some(self.fsr().nactvar + i);
            }
        }
        let nvars = names.len();
        // after the last name and its attribute (`<` `const` `>`), and the '='
        let last = &names[nvars - 1];
        let after_attrib = if last.attrib.is_some() { 3 } else { 0 };
        self.at(
            last.follow,
            after_attrib + if exprs.is_empty() { 0 } else { 1 },
        );
        let (mut e, nexps) = self.explist(exprs)?;
        let abs = self.fsr().firstlocal + vidx;
        let ctc = if nvars == nexps && self.actvar[abs].kind == VarKind::Const {
            self.exp2const(&e)
        } else {
            None
        };
        if let Some(k) = ctc {
            let var = &mut self.actvar[abs];
            var.kind = VarKind::CompileTimeConst;
            var.k = k;
            self.adjustlocalvars(nvars - 1);
            self.fs().nactvar += 1;
        } else {
            self.adjust_assign(nvars, nexps, &mut e)?;
            self.adjustlocalvars(nvars);
        }
        if let Some(level) = toclose {
            self.marktobeclosed();
            let r = self.reglevel(level);
            self.code_abc(OpCode::Tbc, r, 0, 0);
        }
        Ok(())
    }

    /// An assignment target: a variable expression.
    fn target(&mut self, t: &Expr) -> CResult<ExpDesc> {
        let v = self.expr(t)?;
        if !v.is_var() {
            return self.error("syntax error");
        }
        Ok(v)
    }

    /// In a multiple assignment, if a previous target indexes the local/upvalue
    /// `v` being assigned, make it use a copy of the old value.
    fn check_conflict(&mut self, lhs: &mut [ExpDesc], v: &ExpDesc) -> CResult<()> {
        let extra = self.fsr().freereg;
        let mut conflict = false;
        for lh in lhs.iter_mut() {
            match lh.k {
                ExpKind::IndexUp { t, idx } => {
                    if let ExpKind::Upval(u) = v.k {
                        if t == u {
                            conflict = true;
                            lh.k = ExpKind::IndexStr { t: extra, idx };
                        }
                    }
                }
                ExpKind::Indexed { t, idx } => {
                    if let ExpKind::Local { ridx, .. } = v.k {
                        let mut nt = t;
                        let mut nidx = idx;
                        if t == ridx {
                            conflict = true;
                            nt = extra;
                        }
                        if idx == ridx {
                            conflict = true;
                            nidx = extra;
                        }
                        lh.k = ExpKind::Indexed { t: nt, idx: nidx };
                    }
                }
                ExpKind::IndexI { t, idx } => {
                    if let ExpKind::Local { ridx, .. } = v.k {
                        if t == ridx {
                            conflict = true;
                            lh.k = ExpKind::IndexI { t: extra, idx };
                        }
                    }
                }
                ExpKind::IndexStr { t, idx } => {
                    if let ExpKind::Local { ridx, .. } = v.k {
                        if t == ridx {
                            conflict = true;
                            lh.k = ExpKind::IndexStr { t: extra, idx };
                        }
                    }
                }
                _ => {}
            }
        }
        if conflict {
            match v.k {
                ExpKind::Local { ridx, .. } => {
                    self.code_abc(OpCode::Move, extra, ridx, 0);
                }
                ExpKind::Upval(u) => {
                    self.code_abc(OpCode::GetUpval, extra, u, 0);
                }
                _ => {}
            }
            self.reserveregs(1)?;
        }
        Ok(())
    }

    fn assignment(&mut self, targets: &[Expr], exprs: &[Expr]) -> CResult<()> {
        if targets.is_empty() || exprs.is_empty() {
            return self.error("syntax error");
        }
        let mut lhs: Vec<ExpDesc> = Vec::with_capacity(targets.len());
        for (i, t) in targets.iter().enumerate() {
            if i > 0 {
                self.at(targets[i - 1].follow, 1);
            }
            let v = self.target(t)?;
            self.at(t.follow, 0);
            if !lhs.is_empty() && !v.is_indexed() {
                self.check_conflict(&mut lhs, &v)?;
            }
            self.check_readonly(&v)?;
            lhs.push(v);
        }
        let nvars = lhs.len();
        self.at(targets[nvars - 1].follow, 1);
        let (mut e, nexps) = self.explist(exprs)?;
        let mut rest = nvars;
        if nexps != nvars {
            self.adjust_assign(nvars, nexps, &mut e)?;
        } else {
            self.setoneret(&mut e);
            let last = lhs[nvars - 1].clone();
            self.storevar(&last, &mut e)?;
            rest -= 1;
        }
        for var in lhs[..rest].iter().rev() {
            let r = self.fsr().freereg - 1;
            let mut e = ExpDesc::new(ExpKind::NonReloc(r));
            self.storevar(var, &mut e)?;
        }
        Ok(())
    }

    fn fieldsel(&mut self, v: &mut ExpDesc, name: &str) -> CResult<()> {
        self.exp2anyregup(v)?;
        let mut key = ExpDesc::new(ExpKind::KStr(name.as_bytes().into()));
        self.indexed(v, &mut key)
    }

    fn funcstat(&mut self, name: &FuncName, func: &FuncBody, line: u32) -> CResult<()> {
        let first = match name.path.first() {
            Some(n) => n,
            None => return self.error("syntax error"),
        };
        self.at(name.follow, 0);
        let mut v = self.singlevar(first)?;
        for n in &name.path[1..] {
            self.fieldsel(&mut v, n)?;
        }
        if let Some(m) = &name.method {
            self.fieldsel(&mut v, m)?;
        }
        let mut b = self.body(func, name.method.is_some())?;
        self.line = line;
        self.check_readonly(&v)?;
        self.storevar(&v, &mut b)?;
        self.fixline(line);
        Ok(())
    }

    fn localfunc(&mut self, name: &Binding, func: &FuncBody) -> CResult<()> {
        let fvar = self.fsr().nactvar;
        self.at(name.follow, 0);
        self.new_localvar(&name.name)?;
        self.adjustlocalvars(1);
        self.body(func, false)?;
        let pc = self.pc() as u32;
        if let Some(lv) = self.localdebuginfo(fvar) {
            lv.start_pc = pc;
        }
        Ok(())
    }

    fn retstat(&mut self, r: &Return) -> CResult<()> {
        self.line = r.line;
        self.at(r.pos, 1);
        let mut first = self.nvarstack();
        let nret: i32;
        if r.exprs.is_empty() {
            nret = 0;
        } else {
            let (mut e, n) = self.explist(&r.exprs)?;
            if e.has_multret() {
                self.setmultret(&e)?;
                let insidetbc = self.fsr().blocks.last().is_some_and(|b| b.insidetbc);
                if let (ExpKind::Call(pc), 1, false) = (&e.k, n, insidetbc) {
                    let p = self.instr_mut(*pc);
                    *p = (*p & !((1 << SIZE_OP) - 1)) | OpCode::TailCall as u32;
                }
                nret = -1;
            } else if n == 1 {
                first = self.exp2anyreg(&mut e)?;
                nret = 1;
            } else {
                self.exp2nextreg(&mut e)?;
                nret = n as i32;
            }
        }
        self.code_ret(first, nret);
        Ok(())
    }

    fn gotostat(&mut self, name: &str, line: u32) -> CResult<()> {
        match self.findlabel(name) {
            Some(lb) => {
                // backward jump
                let (lb_nactvar, lb_pc) = (lb.nactvar, lb.pc);
                let lblevel = self.reglevel(lb_nactvar);
                if self.nvarstack() > lblevel {
                    self.code_abc(OpCode::Close, lblevel, 0, 0);
                }
                let j = self.jump();
                self.patchlist(j, lb_pc)
            }
            None => {
                let j = self.jump();
                self.newgotoentry(name, line, j);
                Ok(())
            }
        }
    }

    fn labelstat(&mut self, name: &str, line: u32, last: bool) -> CResult<()> {
        if let Some(lb) = self.findlabel(name) {
            let msg = format!("label '{}' already defined on line {}", name, lb.line);
            return self.error(msg);
        }
        self.createlabel(name, line, last)?;
        Ok(())
    }
}
