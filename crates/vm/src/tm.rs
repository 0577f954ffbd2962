//! Metamethod events (PUC's `ltm.c`).

/// Metamethod events. The first eight have "known absent" cache bits in
/// `Table::flags` (see `Vm::fast_tm`).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[repr(u8)]
pub enum Tm {
    Index = 0,
    NewIndex,
    Gc,
    Mode,
    Len,
    Eq,
    Add,
    Sub,
    Mul,
    Mod,
    Pow,
    Div,
    IDiv,
    BAnd,
    BOr,
    BXor,
    Shl,
    Shr,
    Unm,
    BNot,
    Lt,
    Le,
    Concat,
    Call,
    Close,
}

pub const TM_NAMES: [&str; 25] = [
    "__index",
    "__newindex",
    "__gc",
    "__mode",
    "__len",
    "__eq",
    "__add",
    "__sub",
    "__mul",
    "__mod",
    "__pow",
    "__div",
    "__idiv",
    "__band",
    "__bor",
    "__bxor",
    "__shl",
    "__shr",
    "__unm",
    "__bnot",
    "__lt",
    "__le",
    "__concat",
    "__call",
    "__close",
];

impl Tm {
    /// The event name without the leading underscores (for messages).
    pub fn short_name(self) -> &'static str {
        &TM_NAMES[self as usize][2..]
    }

    /// Whether this is a bitwise event (errors talk about "bitwise operation").
    pub fn is_bitwise(self) -> bool {
        matches!(
            self,
            Tm::BAnd | Tm::BOr | Tm::BXor | Tm::Shl | Tm::Shr | Tm::BNot
        )
    }
}
