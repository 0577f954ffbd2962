//! The abstract syntax tree produced by the parser and consumed by the compiler.
//!
//! Names are not resolved here: the parser records identifiers as written and the
//! compiler decides whether each is a local, an upvalue or a global. Every statement
//! and expression carries the source line the compiler should attach to the code it
//! emits for it (for binary operators, the operator's line; for calls, the line where
//! the called expression starts, as PUC Lua does).
//!
//! A few byte offsets of tokens ([`Pos`]) are kept too, so that the compiler can
//! report its errors (limits exceeded) "near" the token PUC Lua's one-pass
//! compiler would be looking at when it detects them (see
//! [`crate::near_token`]): each expression records the token that follows it,
//! each declared name the token after the name, each statement and block
//! their first and last tokens.

/// Source line number (1-based).
pub type Line = u32;

/// An identifier. Lua identifiers are ASCII letters, digits and `_`.
pub type Name = String;

/// Byte offset of a token in the parsed text (which excludes a first line
/// starting with `#`).
pub type Pos = u32;

#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    pub stats: Vec<Stat>,
    /// A `return` statement, which can only come last in a block.
    pub ret: Option<Return>,
    /// Line of the token that ends the block (`end`, `until`, `else`, EOF...).
    pub end_line: Line,
    /// Position of that token.
    pub end_pos: Pos,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Return {
    pub exprs: Vec<Expr>,
    pub line: Line,
    /// Position of the `return` keyword.
    pub pos: Pos,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attrib {
    Const,
    Close,
}

#[derive(Debug, Clone, PartialEq)]
pub struct LocalName {
    pub name: Name,
    pub attrib: Option<Attrib>,
    /// Position of the token after the name (before the attribute).
    pub follow: Pos,
}

/// A declared name (parameter, `for` variable, `local function` name).
#[derive(Debug, Clone, PartialEq)]
pub struct Binding {
    pub name: Name,
    /// Position of the token after the name (for the implicit `self`
    /// parameter, of the token after the `(`).
    pub follow: Pos,
}

/// `a.b.c:m` in `function a.b.c:m() end`.
#[derive(Debug, Clone, PartialEq)]
pub struct FuncName {
    pub path: Vec<Name>,
    pub method: Option<Name>,
    /// Position of the token after the first name.
    pub follow: Pos,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FuncBody {
    pub params: Vec<Binding>,
    pub is_vararg: bool,
    pub body: Block,
    /// Line of the `function` keyword.
    pub line: Line,
    /// Line of the closing `end`.
    pub end_line: Line,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Stat {
    pub kind: StatKind,
    pub line: Line,
    /// Position of the statement's first token.
    pub pos: Pos,
}

#[derive(Debug, Clone, PartialEq)]
pub enum StatKind {
    /// `local a <const>, b = e1, e2`
    Local {
        names: Vec<LocalName>,
        exprs: Vec<Expr>,
    },
    /// `a, b.c, d[e] = e1, e2, e3`; targets are `Name` or `Index` expressions.
    Assign {
        targets: Vec<Expr>,
        exprs: Vec<Expr>,
    },
    /// A function call used as a statement (`Call` or `Method` expression).
    Call(Expr),
    Do(Block),
    While {
        cond: Expr,
        body: Block,
    },
    Repeat {
        body: Block,
        cond: Expr,
    },
    /// `if c1 then b1 elseif c2 then b2 else b3 end`
    If {
        conds: Vec<(Expr, Block)>,
        else_block: Option<Block>,
    },
    /// (The variable's position is not kept: it is the `for`'s next token.)
    NumericFor {
        var: Name,
        start: Expr,
        limit: Expr,
        step: Option<Expr>,
        body: Block,
    },
    GenericFor {
        names: Vec<Binding>,
        exprs: Vec<Expr>,
        body: Block,
    },
    /// `function a.b:c() end`
    Function {
        name: FuncName,
        func: Box<FuncBody>,
    },
    /// `local function f() end`
    LocalFunction {
        name: Binding,
        func: Box<FuncBody>,
    },
    Break,
    Goto(Name),
    Label(Name),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Expr {
    pub kind: ExprKind,
    pub line: Line,
    /// Position of the token that follows the expression.
    pub follow: Pos,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ExprKind {
    Nil,
    True,
    False,
    /// `...`
    Vararg,
    Int(i64),
    Float(f64),
    /// String literal, as bytes (Lua strings are byte strings).
    Str(Vec<u8>),
    Function(Box<FuncBody>),
    Table(Vec<Field>),
    Binary(BinOp, Box<Expr>, Box<Expr>),
    Unary(UnOp, Box<Expr>),
    Name(Name),
    /// `t[k]`; `t.k` is `Index(t, Str("k"))`.
    Index(Box<Expr>, Box<Expr>),
    /// `f(args)`, `f"str"`, `f{table}`
    Call(Box<Expr>, Vec<Expr>),
    /// `obj:name(args)`
    Method(Box<Expr>, Name, Vec<Expr>),
    /// `(e)`: truncates multiple results to one.
    Paren(Box<Expr>),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Field {
    /// `{ e }`: the next array slot.
    Positional(Expr),
    /// `{ [k] = v }`; `{ name = v }` has `k` = `Str(name)`.
    Keyed(Expr, Expr),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    Div,
    IDiv,
    Mod,
    Pow,
    Concat,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    And,
    Or,
    BAnd,
    BOr,
    BXor,
    Shl,
    Shr,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UnOp {
    /// `-`
    Neg,
    Not,
    /// `#`
    Len,
    /// `~`
    BNot,
}
