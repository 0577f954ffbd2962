//! Compiling AST expressions into expression descriptors (PUC's `expr`,
//! `simpleexp`, `suffixedexp`, `funcargs`, `constructor`, ...).
//!
//! Left-recursive chains (`a + b + c`, `a.b.c(d):e()`) are walked iteratively so
//! that the recursion depth follows the parser's nesting limit only.

use crate::exp_desc::{ExpDesc, ExpKind};
use crate::func_state::{CResult, Compiler};
use moonvm_bytecode::opcode::*;
use moonvm_syntax::ast::{BinOp, Expr, ExprKind, Field, FuncBody};

impl Compiler {
    /// Compile an expression.
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
            ExprKind::Table(fields) => self.constructor(fields, e.line),
            ExprKind::Function(body) => self.body(body, false),
            ExprKind::Binary(..) => self.binary_chain(e),
            ExprKind::Unary(op, operand) => {
                let mut v = self.expr(operand)?;
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
        let mut spine: Vec<(BinOp, &Expr, u32)> = Vec::new();
        let mut cur = e;
        while let ExprKind::Binary(op, l, r) = &cur.kind {
            spine.push((*op, r, cur.line));
            cur = l;
        }
        let mut v = self.expr(cur)?;
        for (op, r, line) in spine.into_iter().rev() {
            self.line = line;
            self.infix(op, &mut v)?;
            // instructions of the operation itself get the line of the end of
            // the second operand (arithmetic ones are then fixed to `line`)
            let mut v2 = self.expr(r)?;
            self.posfix(op, &mut v, &mut v2, line)?;
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
        for s in chain.into_iter().rev() {
            self.line = s.line;
            match &s.kind {
                ExprKind::Index(_, k) => {
                    self.exp2anyregup(&mut v)?;
                    let mut key = self.expr(k)?;
                    self.exp2val(&mut key)?;
                    self.indexed(&mut v, &mut key)?;
                }
                ExprKind::Call(_, args) => {
                    self.exp2nextreg(&mut v)?;
                    self.funcargs(&mut v, args, s.line)?;
                }
                ExprKind::Method(_, name, args) => {
                    let mut key = ExpDesc::new(ExpKind::KStr(name.as_bytes().into()));
                    self.code_self(&mut v, &mut key)?;
                    self.funcargs(&mut v, args, s.line)?;
                }
                _ => {}
            }
        }
        Ok(v)
    }

    fn primaryexp(&mut self, e: &Expr) -> CResult<ExpDesc> {
        match &e.kind {
            ExprKind::Name(n) => self.singlevar(n),
            ExprKind::Paren(inner) => {
                let mut v = self.expr(inner)?;
                self.dischargevars(&mut v)?;
                Ok(v)
            }
            _ => self.expr(e),
        }
    }

    /// Compile a list of expressions, all but the last into consecutive
    /// registers; returns the last one (Void if empty) and the count.
    pub(crate) fn explist(&mut self, exprs: &[Expr]) -> CResult<(ExpDesc, usize)> {
        let mut v = ExpDesc::void();
        for (i, e) in exprs.iter().enumerate() {
            if i > 0 {
                self.exp2nextreg(&mut v)?;
            }
            v = self.expr(e)?;
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

    /// Table constructor.
    fn constructor(&mut self, fields: &[Field], line: u32) -> CResult<ExpDesc> {
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
            // close the previous list item
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
                }
                Field::Keyed(k, val) => {
                    let reg = self.fsr().freereg;
                    nh = nh.saturating_add(1);
                    let mut key = self.expr(k)?;
                    self.exp2val(&mut key)?;
                    let mut tab = t.clone();
                    self.indexed(&mut tab, &mut key)?;
                    let mut val = self.expr(val)?;
                    self.storevar(&tab, &mut val)?;
                    self.fs().freereg = reg;
                }
            }
        }
        // last list field
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
        self.open_func(func.line, func.end_line);
        // The parser already lists `self` as the first parameter of methods.
        let _ = ismethod;
        for p in &func.params {
            self.line = func.line;
            self.new_localvar(p)?;
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
        // CLOSURE in the enclosing function
        let parent = self.fs();
        let idx = parent.f.protos.len() as u32;
        parent.f.protos.push(proto);
        if idx > MAX_BX {
            return self.error_limit(MAX_BX as usize, "functions");
        }
        let pc = self.code_abx(OpCode::Closure, 0, idx);
        let mut e = ExpDesc::new(ExpKind::Reloc(pc));
        self.exp2nextreg(&mut e)?;
        Ok(e)
    }
}
