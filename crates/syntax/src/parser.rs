//! Recursive-descent parser producing the AST in [`crate::ast`].
//!
//! The grammar, the order in which things are checked and the error messages
//! follow PUC Lua 5.4's `lparser.c`, so that syntax errors read (and are
//! reported at the same line) as with the reference implementation.
//!
//! Two limits keep the parser (and every later pass that recurses over the
//! AST) from exhausting the native stack:
//!
//! * Like PUC, recursion is counted in "C levels" (every statement, every
//!   sub-expression and every extra assignment target adds one) and limited to
//!   `LUAI_MAXCCALLS` = 200, failing with PUC's message `C stack overflow`.
//! * Unlike PUC (which builds no tree), left-associative chains such as
//!   `1+1+...+1` or `a.b.c...` would build arbitrarily deep trees without
//!   recursing. We therefore also bound the nesting depth of the whole tree
//!   (blocks, statements and expressions, counted bottom-up) by
//!   [`MAX_AST_DEPTH`] and report the same `C stack overflow` error beyond it.
//!   This is a deliberate divergence: PUC accepts such chains.

use crate::ast::*;
use crate::lexer::Lexer;
use crate::token::Token;
use crate::SyntaxError;

/// PUC's `LUAI_MAXCCALLS`.
const MAX_C_LEVELS: u32 = 200;
/// C levels already in use when PUC's parser starts (as measured with `load`
/// called from a Lua chunk); with it our limits coincide with lua5.4's.
const BASE_C_LEVELS: u32 = 2;
/// Maximum nesting depth of the AST (see the module documentation).
pub const MAX_AST_DEPTH: u32 = 1000;

const OVERFLOW_MSG: &str = "C stack overflow";

type PResult<T> = Result<T, SyntaxError>;

/// An expression and the depth of its tree.
struct E {
    e: Expr,
    d: u32,
}

const UNARY_PRIORITY: u8 = 12;

fn unop(t: &Token) -> Option<UnOp> {
    match t {
        Token::Not => Some(UnOp::Not),
        Token::Char(b'-') => Some(UnOp::Neg),
        Token::Char(b'~') => Some(UnOp::BNot),
        Token::Char(b'#') => Some(UnOp::Len),
        _ => None,
    }
}

fn binop(t: &Token) -> Option<BinOp> {
    Some(match t {
        Token::Char(b'+') => BinOp::Add,
        Token::Char(b'-') => BinOp::Sub,
        Token::Char(b'*') => BinOp::Mul,
        Token::Char(b'%') => BinOp::Mod,
        Token::Char(b'^') => BinOp::Pow,
        Token::Char(b'/') => BinOp::Div,
        Token::IDiv => BinOp::IDiv,
        Token::Char(b'&') => BinOp::BAnd,
        Token::Char(b'|') => BinOp::BOr,
        Token::Char(b'~') => BinOp::BXor,
        Token::Shl => BinOp::Shl,
        Token::Shr => BinOp::Shr,
        Token::Concat => BinOp::Concat,
        Token::Ne => BinOp::Ne,
        Token::Eq => BinOp::Eq,
        Token::Char(b'<') => BinOp::Lt,
        Token::Le => BinOp::Le,
        Token::Char(b'>') => BinOp::Gt,
        Token::Ge => BinOp::Ge,
        Token::And => BinOp::And,
        Token::Or => BinOp::Or,
        _ => return None,
    })
}

/// (left, right) priorities, as in PUC.
fn priority(op: BinOp) -> (u8, u8) {
    use BinOp::*;
    match op {
        Add | Sub => (10, 10),
        Mul | Div | IDiv | Mod => (11, 11),
        Pow => (14, 13),
        BAnd => (6, 6),
        BOr => (4, 4),
        BXor => (5, 5),
        Shl | Shr => (7, 7),
        Concat => (9, 8),
        Eq | Ne | Lt | Le | Gt | Ge => (3, 3),
        And => (2, 2),
        Or => (1, 1),
    }
}

/// How a "near" part of a message shows `tok`, the token `lex` just read
/// (None: PUC shows no "near" part).
pub(crate) fn near_text(tok: &Token, lex: &Lexer) -> Option<String> {
    match tok {
        Token::Name(_) | Token::Str(_) | Token::Int(_) | Token::Float(_) => Some(lex.token_text()),
        Token::Char(0) => None, // PUC's token 0 means "no token"
        t => Some(t.describe()),
    }
}

/// A token position as stored in the AST (saturated for huge sources).
fn to_pos(p: usize) -> Pos {
    p.min(Pos::MAX as usize) as Pos
}

pub struct Parser<'a> {
    lex: Lexer<'a>,
    tok: Token,
    /// Position of `tok`.
    tok_pos: Pos,
    ahead: Option<Token>,
    ahead_pos: Pos,
    level: u32,
    /// Is the function being parsed vararg?
    vararg: bool,
    /// Address of a local in the frame that started parsing, and how many bytes
    /// of native stack below it the parser may use.
    stack_base: usize,
    stack_budget: usize,
    /// Set when parsing stopped because `stack_budget` was exhausted.
    pub stack_exhausted: bool,
}

/// An address in the current stack frame.
#[inline(never)]
fn stack_address() -> usize {
    let probe = 0u8;
    std::hint::black_box(&probe) as *const u8 as usize
}

impl<'a> Parser<'a> {
    /// A parser that may use about `stack_budget` bytes of native stack
    /// below the caller's frame (see [`crate::parse`]).
    pub fn new(src: &'a [u8], stack_budget: usize) -> Self {
        Parser {
            lex: Lexer::new(src),
            tok: Token::Eos,
            tok_pos: 0,
            ahead: None,
            ahead_pos: 0,
            level: BASE_C_LEVELS,
            vararg: true,
            stack_base: stack_address(),
            stack_budget,
            stack_exhausted: false,
        }
    }

    /// Parses a whole chunk (the main function, which is vararg).
    pub fn parse_chunk(&mut self) -> PResult<Block> {
        self.vararg = true;
        self.next()?;
        let (block, _) = self.block()?;
        if self.tok != Token::Eos {
            return Err(self.error_expected(&Token::Eos));
        }
        Ok(block)
    }

    // ---- token handling -------------------------------------------------

    fn next(&mut self) -> PResult<()> {
        match self.ahead.take() {
            Some(t) => {
                self.tok = t;
                self.tok_pos = self.ahead_pos;
            }
            None => {
                self.tok = self.lex.next_token()?;
                self.tok_pos = to_pos(self.lex.token_start());
            }
        }
        Ok(())
    }

    fn lookahead(&mut self) -> PResult<&Token> {
        let t = self.lex.next_token()?;
        self.ahead_pos = to_pos(self.lex.token_start());
        Ok(self.ahead.insert(t))
    }

    /// Position of the current token.
    fn pos(&self) -> Pos {
        self.tok_pos
    }

    /// PUC's `ls->linenumber`: the line where the lexer currently is.
    fn line(&self) -> u32 {
        self.lex.line
    }

    fn is(&self, c: u8) -> bool {
        self.tok == Token::Char(c)
    }

    /// `msg near <current token>`.
    fn error(&self, msg: &str) -> SyntaxError {
        let msg = match near_text(&self.tok, &self.lex) {
            Some(n) => format!("{} near {}", msg, n),
            None => msg.to_string(),
        };
        SyntaxError {
            line: self.line(),
            msg,
        }
    }

    /// An error without a "near" part (PUC's `luaK_semerror`).
    fn sem_error(&self, msg: String) -> SyntaxError {
        SyntaxError {
            line: self.line(),
            msg,
        }
    }

    fn overflow(&self) -> SyntaxError {
        SyntaxError {
            line: self.line(),
            msg: OVERFLOW_MSG.to_string(),
        }
    }

    fn error_expected(&self, t: &Token) -> SyntaxError {
        self.error(&format!("{} expected", t.describe()))
    }

    fn test_next(&mut self, t: &Token) -> PResult<bool> {
        if self.tok == *t {
            self.next()?;
            Ok(true)
        } else {
            Ok(false)
        }
    }

    fn test_next_char(&mut self, c: u8) -> PResult<bool> {
        self.test_next(&Token::Char(c))
    }

    fn check_next(&mut self, t: &Token) -> PResult<()> {
        if self.tok != *t {
            return Err(self.error_expected(t));
        }
        self.next()
    }

    fn check_next_char(&mut self, c: u8) -> PResult<()> {
        self.check_next(&Token::Char(c))
    }

    fn check_match(&mut self, what: &Token, who: &Token, where_: u32) -> PResult<()> {
        if self.test_next(what)? {
            return Ok(());
        }
        if where_ == self.line() {
            Err(self.error_expected(what))
        } else {
            Err(self.error(&format!(
                "{} expected (to close {} at line {})",
                what.describe(),
                who.describe(),
                where_
            )))
        }
    }

    fn check_name(&mut self) -> PResult<Name> {
        match &mut self.tok {
            Token::Name(n) => {
                let n = std::mem::take(n);
                self.next()?;
                Ok(n)
            }
            _ => Err(self.error_expected(&Token::Name(String::new()))),
        }
    }

    /// A declared name and the position of the token after it.
    fn binding(&mut self) -> PResult<Binding> {
        let name = self.check_name()?;
        Ok(Binding {
            name,
            follow: self.pos(),
        })
    }

    fn enter_level(&mut self) -> PResult<()> {
        self.level += 1;
        if self.level >= MAX_C_LEVELS {
            return Err(self.overflow());
        }
        if stack_address().abs_diff(self.stack_base) > self.stack_budget {
            self.stack_exhausted = true;
            return Err(self.overflow());
        }
        Ok(())
    }

    fn leave_level(&mut self) {
        self.level -= 1;
    }

    fn depth(&self, d: u32) -> PResult<u32> {
        if d > MAX_AST_DEPTH {
            Err(self.overflow())
        } else {
            Ok(d)
        }
    }

    fn node(&self, kind: ExprKind, line: u32, d: u32) -> PResult<E> {
        let d = self.depth(d)?;
        Ok(E {
            e: Expr {
                kind,
                line,
                follow: self.pos(),
            },
            d,
        })
    }

    fn block_follow(&self, with_until: bool) -> bool {
        match self.tok {
            Token::Else | Token::Elseif | Token::End | Token::Eos => true,
            Token::Until => with_until,
            _ => false,
        }
    }

    // ---- blocks and statements ------------------------------------------

    /// statlist; `end_line` is the line of the token that follows it.
    fn block(&mut self) -> PResult<(Block, u32)> {
        let mut stats = Vec::new();
        let mut ret = None;
        let mut d = 0;
        // PUC parses the `;` and `::label::` statements that follow a label
        // from within the label's statement, so a run of labels nests one
        // level deeper per label; `label_run` mimics that (for its limit).
        let mut label_run = 0;
        while !self.block_follow(true) {
            if label_run > 0 && !self.is(b';') && self.tok != Token::DbColon {
                self.level -= label_run;
                label_run = 0;
            }
            if self.tok == Token::Return {
                let line = self.line();
                let pos = self.pos();
                self.enter_level()?;
                self.next()?;
                let mut exprs = Vec::new();
                if !self.block_follow(true) && !self.is(b';') {
                    d = d.max(self.exprlist(&mut exprs)?);
                }
                self.test_next_char(b';')?;
                self.leave_level();
                ret = Some(Return { exprs, line, pos });
                break;
            }
            if let Some((s, sd)) = self.statement()? {
                d = d.max(sd);
                let is_label = matches!(s.kind, StatKind::Label(_));
                stats.push(s);
                if is_label && (self.is(b';') || self.tok == Token::DbColon) {
                    label_run += 1;
                    self.level += 1;
                }
            }
        }
        self.level -= label_run;
        let d = self.depth(d + 1)?;
        Ok((
            Block {
                stats,
                ret,
                end_line: self.line(),
                end_pos: self.pos(),
            },
            d,
        ))
    }

    fn statement(&mut self) -> PResult<Option<(Stat, u32)>> {
        let line = self.line();
        let pos = self.pos();
        self.enter_level()?;
        let (kind, d) = match self.tok {
            Token::Char(b';') => {
                self.next()?;
                self.leave_level();
                return Ok(None);
            }
            Token::If => self.if_stat(line)?,
            Token::While => {
                self.next()?;
                let cond = self.expr()?;
                self.check_next(&Token::Do)?;
                let (body, bd) = self.block()?;
                self.check_match(&Token::End, &Token::While, line)?;
                (StatKind::While { cond: cond.e, body }, cond.d.max(bd))
            }
            Token::Do => {
                self.next()?;
                let (body, bd) = self.block()?;
                self.check_match(&Token::End, &Token::Do, line)?;
                (StatKind::Do(body), bd)
            }
            Token::For => self.for_stat(line)?,
            Token::Repeat => {
                self.next()?;
                let (body, bd) = self.block()?;
                self.check_match(&Token::Until, &Token::Repeat, line)?;
                let cond = self.expr()?;
                (StatKind::Repeat { body, cond: cond.e }, cond.d.max(bd))
            }
            Token::Function => {
                self.next()?;
                let mut path = vec![self.check_name()?];
                let follow = self.pos();
                let mut method = None;
                while self.is(b'.') {
                    self.next()?;
                    path.push(self.check_name()?);
                }
                if self.is(b':') {
                    self.next()?;
                    method = Some(self.check_name()?);
                }
                let (func, fd) = self.body(method.is_some(), line)?;
                (
                    StatKind::Function {
                        name: FuncName {
                            path,
                            method,
                            follow,
                        },
                        func: Box::new(func),
                    },
                    fd,
                )
            }
            Token::Local => {
                self.next()?;
                if self.test_next(&Token::Function)? {
                    let name = self.binding()?;
                    let fline = self.line();
                    let (func, fd) = self.body(false, fline)?;
                    (
                        StatKind::LocalFunction {
                            name,
                            func: Box::new(func),
                        },
                        fd,
                    )
                } else {
                    self.local_stat()?
                }
            }
            Token::DbColon => {
                self.next()?;
                let name = self.check_name()?;
                self.check_next(&Token::DbColon)?;
                (StatKind::Label(name), 0)
            }
            Token::Break => {
                self.next()?;
                (StatKind::Break, 0)
            }
            Token::Goto => {
                self.next()?;
                let name = self.check_name()?;
                (StatKind::Goto(name), 0)
            }
            _ => self.expr_stat()?,
        };
        self.leave_level();
        let d = self.depth(d + 1)?;
        Ok(Some((Stat { kind, line, pos }, d)))
    }

    fn if_stat(&mut self, line: u32) -> PResult<(StatKind, u32)> {
        let mut conds = Vec::new();
        let mut d = 0;
        loop {
            // skip 'if' or 'elseif'
            self.next()?;
            let c = self.expr()?;
            self.check_next(&Token::Then)?;
            let (b, bd) = self.block()?;
            d = d.max(c.d).max(bd);
            conds.push((c.e, b));
            if self.tok != Token::Elseif {
                break;
            }
        }
        let mut else_block = None;
        if self.test_next(&Token::Else)? {
            let (b, bd) = self.block()?;
            d = d.max(bd);
            else_block = Some(b);
        }
        self.check_match(&Token::End, &Token::If, line)?;
        Ok((StatKind::If { conds, else_block }, d))
    }

    fn for_stat(&mut self, line: u32) -> PResult<(StatKind, u32)> {
        self.next()?;
        let var = self.binding()?;
        let r = match self.tok {
            Token::Char(b'=') => {
                self.next()?;
                let start = self.expr()?;
                self.check_next_char(b',')?;
                let limit = self.expr()?;
                let mut d = start.d.max(limit.d);
                let step = if self.test_next_char(b',')? {
                    let s = self.expr()?;
                    d = d.max(s.d);
                    Some(s.e)
                } else {
                    None
                };
                self.check_next(&Token::Do)?;
                let (body, bd) = self.block()?;
                (
                    StatKind::NumericFor {
                        var: var.name,
                        start: start.e,
                        limit: limit.e,
                        step,
                        body,
                    },
                    d.max(bd),
                )
            }
            Token::Char(b',') | Token::In => {
                let mut names = vec![var];
                while self.test_next_char(b',')? {
                    names.push(self.binding()?);
                }
                self.check_next(&Token::In)?;
                let mut exprs = Vec::new();
                let d = self.exprlist(&mut exprs)?;
                self.check_next(&Token::Do)?;
                let (body, bd) = self.block()?;
                (StatKind::GenericFor { names, exprs, body }, d.max(bd))
            }
            _ => return Err(self.error("'=' or 'in' expected")),
        };
        self.check_match(&Token::End, &Token::For, line)?;
        Ok(r)
    }

    fn local_stat(&mut self) -> PResult<(StatKind, u32)> {
        let mut names = Vec::new();
        let mut has_close = false;
        loop {
            let name = self.check_name()?;
            let follow = self.pos();
            let mut attrib = None;
            if self.test_next_char(b'<')? {
                let a = self.check_name()?;
                self.check_next_char(b'>')?;
                attrib = Some(match a.as_str() {
                    "const" => Attrib::Const,
                    "close" => {
                        if has_close {
                            return Err(self.sem_error(
                                "multiple to-be-closed variables in local list".into(),
                            ));
                        }
                        has_close = true;
                        Attrib::Close
                    }
                    _ => return Err(self.sem_error(format!("unknown attribute '{}'", a))),
                });
            }
            names.push(LocalName {
                name,
                attrib,
                follow,
            });
            if !self.test_next_char(b',')? {
                break;
            }
        }
        let mut exprs = Vec::new();
        let mut d = 0;
        if self.test_next_char(b'=')? {
            d = self.exprlist(&mut exprs)?;
        }
        Ok((StatKind::Local { names, exprs }, d))
    }

    fn expr_stat(&mut self) -> PResult<(StatKind, u32)> {
        let first = self.suffixed_exp()?;
        if self.is(b'=') || self.is(b',') {
            let mut d = first.d;
            let mut targets = vec![first.e];
            let saved_level = self.level;
            loop {
                if !matches!(
                    targets.last().map(|e| &e.kind),
                    Some(ExprKind::Name(_) | ExprKind::Index(..))
                ) {
                    return Err(self.error("syntax error"));
                }
                if !self.test_next_char(b',')? {
                    break;
                }
                let t = self.suffixed_exp()?;
                d = d.max(t.d);
                targets.push(t.e);
                // PUC recurses once per extra target.
                self.enter_level()?;
            }
            self.check_next_char(b'=')?;
            let mut exprs = Vec::new();
            d = d.max(self.exprlist(&mut exprs)?);
            self.level = saved_level;
            Ok((StatKind::Assign { targets, exprs }, d))
        } else {
            match first.e.kind {
                ExprKind::Call(..) | ExprKind::Method(..) => Ok((StatKind::Call(first.e), first.d)),
                _ => Err(self.error("syntax error")),
            }
        }
    }

    /// Function body: `( params ) block end`. `line` is the line PUC records as
    /// the definition line (for `function` statements the keyword's line,
    /// otherwise the line of the `(`).
    fn body(&mut self, is_method: bool, line: u32) -> PResult<(FuncBody, u32)> {
        let saved_vararg = self.vararg;
        self.check_next_char(b'(')?;
        let mut params = Vec::new();
        if is_method {
            params.push(Binding {
                name: "self".to_string(),
                follow: self.pos(),
            });
        }
        let mut is_vararg = false;
        if !self.is(b')') {
            loop {
                match &self.tok {
                    Token::Name(_) => params.push(self.binding()?),
                    Token::Dots => {
                        self.next()?;
                        is_vararg = true;
                    }
                    _ => return Err(self.error("<name> or '...' expected")),
                }
                if is_vararg || !self.test_next_char(b',')? {
                    break;
                }
            }
        }
        self.vararg = is_vararg;
        self.check_next_char(b')')?;
        let (body, bd) = self.block()?;
        let end_line = self.line();
        self.check_match(&Token::End, &Token::Function, line)?;
        self.vararg = saved_vararg;
        let d = self.depth(bd + 1)?;
        Ok((
            FuncBody {
                params,
                is_vararg,
                body,
                line,
                end_line,
            },
            d,
        ))
    }

    // ---- expressions ------------------------------------------------------

    /// Parses `expr {',' expr}` into `out`; returns the maximum depth.
    fn exprlist(&mut self, out: &mut Vec<Expr>) -> PResult<u32> {
        let mut d = 0;
        loop {
            let e = self.expr()?;
            d = d.max(e.d);
            out.push(e.e);
            if !self.test_next_char(b',')? {
                return Ok(d);
            }
        }
    }

    fn expr(&mut self) -> PResult<E> {
        Ok(self.subexpr(0)?.0)
    }

    /// subexpr -> (simpleexp | unop subexpr) { binop subexpr }, for binary
    /// operators whose left priority is greater than `limit`. Returns the
    /// first operator not handled.
    fn subexpr(&mut self, limit: u8) -> PResult<(E, Option<BinOp>)> {
        self.enter_level()?;
        let mut left = if let Some(op) = unop(&self.tok) {
            let line = self.line();
            self.next()?;
            let (operand, _) = self.subexpr(UNARY_PRIORITY)?;
            self.node(
                ExprKind::Unary(op, Box::new(operand.e)),
                line,
                operand.d + 1,
            )?
        } else {
            self.simple_exp()?
        };
        let mut op = binop(&self.tok);
        while let Some(o) = op {
            let (lp, rp) = priority(o);
            if lp <= limit {
                break;
            }
            let line = self.line();
            self.next()?;
            let (right, next_op) = self.subexpr(rp)?;
            let d = left.d.max(right.d) + 1;
            left = self.node(
                ExprKind::Binary(o, Box::new(left.e), Box::new(right.e)),
                line,
                d,
            )?;
            op = next_op;
        }
        self.leave_level();
        Ok((left, op))
    }

    fn simple_exp(&mut self) -> PResult<E> {
        let line = self.line();
        let kind = match &mut self.tok {
            Token::Float(f) => ExprKind::Float(*f),
            Token::Int(i) => ExprKind::Int(*i),
            Token::Str(s) => ExprKind::Str(std::mem::take(s)),
            Token::Nil => ExprKind::Nil,
            Token::True => ExprKind::True,
            Token::False => ExprKind::False,
            Token::Dots => {
                if !self.vararg {
                    return Err(self.error("cannot use '...' outside a vararg function"));
                }
                ExprKind::Vararg
            }
            Token::Char(b'{') => return self.constructor(),
            Token::Function => {
                self.next()?;
                let fline = self.line();
                let (f, fd) = self.body(false, fline)?;
                return self.node(ExprKind::Function(Box::new(f)), line, fd + 1);
            }
            _ => return self.suffixed_exp(),
        };
        self.next()?;
        Ok(E {
            e: Expr {
                kind,
                line,
                follow: self.pos(),
            },
            d: 1,
        })
    }

    fn primary_exp(&mut self) -> PResult<E> {
        let line = self.line();
        match &mut self.tok {
            Token::Char(b'(') => {
                self.next()?;
                let e = self.expr()?;
                self.check_match(&Token::Char(b')'), &Token::Char(b'('), line)?;
                self.node(ExprKind::Paren(Box::new(e.e)), line, e.d + 1)
            }
            Token::Name(n) => {
                let n = std::mem::take(n);
                self.next()?;
                Ok(E {
                    e: Expr {
                        kind: ExprKind::Name(n),
                        line,
                        follow: self.pos(),
                    },
                    d: 1,
                })
            }
            _ => Err(self.error("unexpected symbol")),
        }
    }

    /// primaryexp { '.' NAME | '[' exp ']' | ':' NAME funcargs | funcargs }.
    /// Every node gets the line where the whole expression starts (PUC uses it
    /// for call instructions).
    fn suffixed_exp(&mut self) -> PResult<E> {
        let line = self.line();
        let mut e = self.primary_exp()?;
        loop {
            match &self.tok {
                Token::Char(b'.') => {
                    self.next()?;
                    let kline = self.line();
                    let name = self.check_name()?;
                    let key = Expr {
                        kind: ExprKind::Str(name.into_bytes()),
                        line: kline,
                        follow: self.pos(),
                    };
                    e = self.node(ExprKind::Index(Box::new(e.e), Box::new(key)), line, e.d + 1)?;
                }
                Token::Char(b'[') => {
                    self.next()?;
                    let k = self.expr()?;
                    self.check_next_char(b']')?;
                    let d = e.d.max(k.d) + 1;
                    e = self.node(ExprKind::Index(Box::new(e.e), Box::new(k.e)), line, d)?;
                }
                Token::Char(b':') => {
                    self.next()?;
                    let name = self.check_name()?;
                    let (args, ad) = self.funcargs(line)?;
                    let d = e.d.max(ad) + 1;
                    e = self.node(ExprKind::Method(Box::new(e.e), name, args), line, d)?;
                }
                Token::Char(b'(') | Token::Str(_) | Token::Char(b'{') => {
                    let (args, ad) = self.funcargs(line)?;
                    let d = e.d.max(ad) + 1;
                    e = self.node(ExprKind::Call(Box::new(e.e), args), line, d)?;
                }
                _ => return Ok(e),
            }
        }
    }

    fn funcargs(&mut self, line: u32) -> PResult<(Vec<Expr>, u32)> {
        match &mut self.tok {
            Token::Char(b'(') => {
                self.next()?;
                let mut args = Vec::new();
                let mut d = 0;
                if !self.is(b')') {
                    d = self.exprlist(&mut args)?;
                }
                self.check_match(&Token::Char(b')'), &Token::Char(b'('), line)?;
                Ok((args, d))
            }
            Token::Char(b'{') => {
                let t = self.constructor()?;
                Ok((vec![t.e], t.d))
            }
            Token::Str(s) => {
                let s = std::mem::take(s);
                let sline = self.line();
                self.next()?;
                Ok((
                    vec![Expr {
                        kind: ExprKind::Str(s),
                        line: sline,
                        follow: self.pos(),
                    }],
                    1,
                ))
            }
            _ => Err(self.error("function arguments expected")),
        }
    }

    fn constructor(&mut self) -> PResult<E> {
        let line = self.line();
        self.check_next_char(b'{')?;
        let mut fields = Vec::new();
        let mut d = 0;
        loop {
            if self.is(b'}') {
                break;
            }
            // field
            let is_rec = match &self.tok {
                Token::Name(_) => *self.lookahead()? == Token::Char(b'='),
                Token::Char(b'[') => true,
                _ => false,
            };
            if is_rec {
                let key = if self.is(b'[') {
                    self.next()?;
                    let k = self.expr()?;
                    self.check_next_char(b']')?;
                    k
                } else {
                    let kline = self.line();
                    let name = self.check_name()?;
                    E {
                        e: Expr {
                            kind: ExprKind::Str(name.into_bytes()),
                            line: kline,
                            follow: self.pos(),
                        },
                        d: 1,
                    }
                };
                self.check_next_char(b'=')?;
                let v = self.expr()?;
                d = d.max(key.d).max(v.d);
                fields.push(Field::Keyed(key.e, v.e));
            } else {
                let v = self.expr()?;
                d = d.max(v.d);
                fields.push(Field::Positional(v.e));
            }
            if !(self.test_next_char(b',')? || self.test_next_char(b';')?) {
                break;
            }
        }
        self.check_match(&Token::Char(b'}'), &Token::Char(b'{'), line)?;
        self.node(ExprKind::Table(fields), line, d + 1)
    }
}
