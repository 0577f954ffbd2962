//! Compiling AST expressions into expression descriptors (PUC's `expr`,
//! `simpleexp`, `suffixedexp`, `funcargs`, `constructor`, ...).
//!
//! Left-recursive chains (`a + b + c`, `a.b.c(d):e()`) are walked iteratively so
//! that the recursion depth follows the parser's nesting limit only.

use crate::exp_desc::{ExpDesc, ExpKind};
use crate::func_state::{CResult, Compiler};
use crate::Near;
use moonvm_bytecode::opcode::*;
use moonvm_syntax::ast::{BinOp, Expr, ExprKind, Field, FuncBody};

impl Compiler {
    /// Compile an expression. The caller sets `near` to its first token (the
    /// one current when PUC starts parsing it); on return `near` is the token
    /// after it, as far as the compilation of the expression could fail.
    pub(crate) fn expr(&mut self, e: &Expr) -> CResult<ExpDesc> {
        self.check_stack()?;
        // NEWTABLE and VARARG are emitted before their first token is consumed:
        // they get the line of the previous token, approximated by the current
        // line; everything else starts at the expression's line.
        if !matches!(e.kind, ExprKind::Table(_) | ExprKind::Vararg) {
            self.line = e.line;
        }
        match &e.kind {
            ExprKind::Nil => Ok(ExpDesc::new(ExpKind::Nil)),
            ExprKind::True => Ok(ExpDesc::new(ExpKind::True)),
            ExprKind::False => Ok(ExpDesc::new(ExpKind::False)),
            ExprKind::Int(i) => Ok(ExpDesc::new(ExpKind::KInt(*i))),
            ExprKind::Float(f) => Ok(ExpDesc::new(ExpKind::KFlt(*f))),
            ExprKind::Str(s) => Ok(ExpDesc::new(ExpKind::KStr(s.as_slice().into()))),
            ExprKind::Vararg => {
                if !self.fsr().f.is_vararg {
                    self.line = e.line;
                    return self.error("cannot use '...' outside a vararg function near '...'");
                }
                let pc = self.code_abc(OpCode::VarArg, 0, 0, 1);
                self.line = e.line;
                Ok(ExpDesc::new(ExpKind::Vararg(pc)))
            }
            ExprKind::Table(fields) => self.constructor(fields, e),
            ExprKind::Function(body) => self.body(body, false),
            ExprKind::Binary(..) => self.binary_chain(e),
            ExprKind::Unary(op, operand) => {
                self.skip_token();
                let mut v = self.expr(operand)?;
                self.at(e.follow, 0);
                self.prefix(*op, &mut v, e.line)?;
                Ok(v)
            }
            ExprKind::Name(_)
            | ExprKind::Index(..)
            | ExprKind::Call(..)
            | ExprKind::Method(..)
            | ExprKind::Paren(_) => self.suffixedexp(e),
        }
    }

    /// A chain of binary operators along the left operand.
    fn binary_chain(&mut self, e: &Expr) -> CResult<ExpDesc> {
        // collect the left spine: e = ((first op1 r1) op2 r2) ...
        let mut spine: Vec<(BinOp, &Expr, &Expr)> = Vec::new();
        let mut cur = e;
        while let ExprKind::Binary(op, l, r) = &cur.kind {
            spine.push((*op, r, cur));
            cur = l;
        }
        let mut v = self.expr(cur)?;
        let mut left_follow = cur.follow;
        for (op, r, node) in spine.into_iter().rev() {
            let line = node.line;
            self.line = line;
            // PUC: the operator is consumed, the right operand not yet parsed
            self.at(left_follow, 1);
            self.infix(op, &mut v)?;
            // instructions of the operation itself get the line of the end of
            // the second operand (arithmetic ones are then fixed to `line`)
            let mut v2 = self.expr(r)?;
            self.at(node.follow, 0);
            self.posfix(op, &mut v, &mut v2, line)?;
            left_follow = node.follow;
        }
        Ok(v)
    }

    /// Names, indexing, calls, method calls and parenthesised expressions.
    fn suffixedexp(&mut self, e: &Expr) -> CResult<ExpDesc> {
        let mut chain: Vec<&Expr> = Vec::new();
        let mut cur = e;
        while let ExprKind::Index(t, _) | ExprKind::Call(t, _) | ExprKind::Method(t, _, _) =
            &cur.kind
        {
            chain.push(cur);
            cur = t;
        }
        let mut v = self.primaryexp(cur)?;
        // the token after the prefix expression: '.', '[', ':' or the arguments
        let mut prev = cur.follow;
        for s in chain.into_iter().rev() {
            self.line = s.line;
            // `f"str"`, `f{...}`: the argument is the whole rest of the call
            let sugar = |args: &[Expr]| args.len() == 1 && args[0].follow == s.follow;
            match &s.kind {
                ExprKind::Index(_, k) => {
                    self.at(prev, 0);
                    self.exp2anyregup(&mut v)?;
                    self.at(prev, 1);
                    let mut key = self.expr(k)?;
                    self.at(k.follow, 0);
                    self.exp2val(&mut key)?;
                    self.at(s.follow, 0);
                    self.indexed(&mut v, &mut key)?;
                }
                ExprKind::Call(_, args) => {
                    self.at(prev, 0);
                    self.exp2nextreg(&mut v)?;
                    self.at(prev, if sugar(args) { 0 } else { 1 });
                    self.funcargs(&mut v, args, s.line)?;
                }
                ExprKind::Method(_, name, args) => {
                    let mut key = ExpDesc::new(ExpKind::KStr(name.as_bytes().into()));
                    self.at(prev, 2);
                    self.code_self(&mut v, &mut key)?;
                    self.at(prev, if sugar(args) { 2 } else { 3 });
                    self.funcargs(&mut v, args, s.line)?;
                }
                _ => {}
            }
            prev = s.follow;
        }
        Ok(v)
    }

    fn primaryexp(&mut self, e: &Expr) -> CResult<ExpDesc> {
        match &e.kind {
            ExprKind::Name(n) => {
                self.at(e.follow, 0);
                self.singlevar(n)
            }
            ExprKind::Paren(inner) => {
                self.skip_token();
                let mut v = self.expr(inner)?;
                self.at(e.follow, 0);
                self.dischargevars(&mut v)?;
                Ok(v)
            }
            _ => self.expr(e),
        }
    }

    /// Compile a list of expressions, all but the last into consecutive
    /// registers; returns the last one (Void if empty) and the count. `near`
    /// is the first token of the list on entry, the token after it on return.
    pub(crate) fn explist(&mut self, exprs: &[Expr]) -> CResult<(ExpDesc, usize)> {
        let mut v = ExpDesc::void();
        for (i, e) in exprs.iter().enumerate() {
            if i > 0 {
                // PUC: the ',' is consumed
                self.at(exprs[i - 1].follow, 1);
                self.exp2nextreg(&mut v)?;
            }
            v = self.expr(e)?;
        }
        if let Some(last) = exprs.last() {
            self.at(last.follow, 0);
        }
        Ok((v, exprs.len()))
    }

    /// Arguments and CALL for the function in `f` (already in its register).
    fn funcargs(&mut self, f: &mut ExpDesc, args: &[Expr], line: u32) -> CResult<()> {
        let (mut a, _) = self.explist(args)?;
        if a.has_multret() {
            self.setmultret(&a)?;
        }
        let base = match f.k {
            ExpKind::NonReloc(r) => r,
            _ => return self.error("internal error: call base"),
        };
        let nparams = if a.has_multret() {
            -1
        } else {
            if !matches!(a.k, ExpKind::Void) {
                self.exp2nextreg(&mut a)?;
            }
            (self.fsr().freereg - (base + 1)) as i32
        };
        let pc = self.code_abc(OpCode::Call, base, (nparams + 1) as u32, 2);
        f.k = ExpKind::Call(pc);
        self.fixline(line);
        self.fs().freereg = base + 1;
        Ok(())
    }

    /// Table constructor (`near` is its '{').
    fn constructor(&mut self, fields: &[Field], te: &Expr) -> CResult<ExpDesc> {
        let line = te.line;
        let mut fstart = self.near;
        fstart.skip += 1;
        let pc = self.code_abc(OpCode::NewTable, 0, 0, 0);
        self.code(0); // space for EXTRAARG
        self.line = line;
        let treg = self.fsr().freereg;
        let t = ExpDesc::new(ExpKind::NonReloc(treg));
        self.reserveregs(1)?;
        let mut na: u32 = 0; // array items already stored
        let mut nh: u32 = 0; // hash items
        let mut tostore: u32 = 0; // array items pending
        let mut v = ExpDesc::void(); // last list item read
        for field in fields {
            // close the previous list item (PUC: at the field's first token)
            self.near = fstart;
            if !matches!(v.k, ExpKind::Void) {
                self.exp2nextreg(&mut v)?;
                v = ExpDesc::void();
                if tostore == FIELDS_PER_FLUSH {
                    self.code_setlist(treg, na, tostore as i32);
                    na += tostore;
                    tostore = 0;
                }
            }
            match field {
                Field::Positional(e) => {
                    v = self.expr(e)?;
                    tostore += 1;
                    fstart = Near {
                        pos: e.follow,
                        skip: 1,
                    };
                }
                Field::Keyed(k, val) => {
                    let reg = self.fsr().freereg;
                    nh = nh.saturating_add(1);
                    // `[k]`: the key starts after the '['
                    self.skip_token();
                    let mut key = self.expr(k)?;
                    self.at(k.follow, 0);
                    self.exp2val(&mut key)?;
                    // PUC indexes when '=' is consumed: after `name =` or
                    // `[k] =` (a string key is taken for a name: see `near`)
                    let skip = if matches!(k.kind, ExprKind::Str(_)) {
                        1
                    } else {
                        2
                    };
                    self.at(k.follow, skip);
                    let mut tab = t.clone();
                    self.indexed(&mut tab, &mut key)?;
                    let mut ve = self.expr(val)?;
                    self.at(val.follow, 0);
                    self.storevar(&tab, &mut ve)?;
                    self.fs().freereg = reg;
                    fstart = Near {
                        pos: val.follow,
                        skip: 1,
                    };
                }
            }
        }
        // last list field (PUC: after the '}')
        self.at(te.follow, 0);
        if tostore > 0 {
            if v.has_multret() {
                self.setmultret(&v)?;
                self.code_setlist(treg, na, -1);
                na = na.wrapping_sub(1);
            } else {
                if !matches!(v.k, ExpKind::Void) {
                    self.exp2nextreg(&mut v)?;
                }
                self.code_setlist(treg, na, tostore as i32);
            }
            na = na.wrapping_add(tostore);
        }
        self.settablesize(pc, treg, na, nh);
        Ok(t)
    }

    /// A function body: compile the nested function and emit its CLOSURE in the
    /// next register.
    pub(crate) fn body(&mut self, func: &FuncBody, ismethod: bool) -> CResult<ExpDesc> {
        // PUC checks when it starts the function (`addprototype`)
        if self.fsr().f.protos.len() >= MAX_BX as usize {
            return self.error_mem(MAX_BX as usize, "functions");
        }
        self.open_func(func.line, func.end_line);
        // The parser already lists `self` as the first parameter of methods.
        let _ = ismethod;
        for p in &func.params {
            self.line = func.line;
            self.at(p.follow, 0);
            self.new_localvar(&p.name)?;
        }
        self.adjustlocalvars(func.params.len());
        let nparams = self.fsr().nactvar;
        self.fs().f.num_params = nparams as u8;
        if func.is_vararg {
            self.setvararg(nparams as u32);
        }
        self.reserveregs(nparams as u32)?;
        self.statlist(&func.body, false)?;
        self.line = func.end_line;
        self.max_line = self.max_line.max(func.end_line);
        let proto = self.close_func(func.end_line)?;
        // PUC: after the 'end'
        self.at(func.body.end_pos, 1);
        // CLOSURE in the enclosing function
        let parent = self.fs();
        let idx = parent.f.protos.len() as u32;
        parent.f.protos.push(proto);
        let pc = self.code_abx(OpCode::Closure, 0, idx);
        let mut e = ExpDesc::new(ExpKind::Reloc(pc));
        self.exp2nextreg(&mut e)?;
        Ok(e)
    }
}
