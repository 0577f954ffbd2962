//! The instruction format and the opcode set.
//!
//! Instructions are 32 bits with PUC Lua 5.4's field layout, because that layout is
//! proven compact and its decoding is a shift and a mask:
//!
//! ```text
//!   bits:  31      24 23      16 15 14       7 6      0
//!   iABC:  |   C    | |   B    | |k| |   A   | |  op  |
//!   iABx:  |        Bx (17)       | |   A   | |  op  |
//!   iAsBx: |     sBx (17, excess)  | |   A   | |  op  |
//!   iAx:   |            Ax (25)              | |  op  |
//!   isJ:   |            sJ (25, excess)      | |  op  |
//! ```
//!
//! Notation below: `R[x]` register x of the current frame, `K[x]` constant x,
//! `U[x]` upvalue x, `RK(C)` is `K[C]` when the k bit is set and `R[C]` otherwise.
//! `sC`/`sB` are 8-bit fields read as signed with excess 127 (`OFFSET_SC`).
//!
//! moonvm differs from PUC 5.4 in one way: there is no `MMBIN`/`MMBINI`/`MMBINK`.
//! Arithmetic and bitwise instructions fall back to conversions and metamethods
//! themselves (in out-of-line code), so the compiler emits just the one instruction.

/// Opcodes. Keep the numbering dense: the dispatch loop is a jump table over it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[repr(u8)]
pub enum OpCode {
    /// `A B`: R[A] := R[B]
    Move = 0,
    /// `A sBx`: R[A] := sBx (integer)
    LoadI,
    /// `A sBx`: R[A] := (float) sBx
    LoadF,
    /// `A Bx`: R[A] := K[Bx]
    LoadK,
    /// `A`: R[A] := K[extra arg] (next instruction is EXTRAARG with the index)
    LoadKX,
    /// `A`: R[A] := false
    LoadFalse,
    /// `A`: R[A] := false; pc++ (skip next instruction)
    LFalseSkip,
    /// `A`: R[A] := true
    LoadTrue,
    /// `A B`: R[A], R[A+1], ..., R[A+B] := nil
    LoadNil,
    /// `A B`: R[A] := U[B]
    GetUpval,
    /// `A B`: U[B] := R[A]
    SetUpval,
    /// `A B C`: R[A] := U[B][K[C]] (K[C] is a string)
    GetTabUp,
    /// `A B C`: R[A] := R[B][R[C]]
    GetTable,
    /// `A B C`: R[A] := R[B][C] (C an unsigned integer key)
    GetI,
    /// `A B C`: R[A] := R[B][K[C]] (K[C] is a short string)
    GetField,
    /// `A B C k`: U[A][K[B]] := RK(C) (K[B] is a string)
    SetTabUp,
    /// `A B C k`: R[A][R[B]] := RK(C)
    SetTable,
    /// `A B C k`: R[A][B] := RK(C) (B an unsigned integer key)
    SetI,
    /// `A B C k`: R[A][K[B]] := RK(C) (K[B] is a short string)
    SetField,
    /// `A B C k`: R[A] := {} with hash-size hint B (encoded: 0 = 0, else 2^(B-1))
    /// and array-size hint C (+ EXTRAARG * 256 when k is set). As in PUC, the
    /// compiler always follows NEWTABLE with an EXTRAARG (Ax = 0 when k is clear).
    NewTable,
    /// `A B C k`: R[A+1] := R[B]; R[A] := R[B][RK(C)] (RK(C) is a string)
    Self_,
    /// `A B sC k`: R[A] := R[B] + sC. The k bit only matters for the metamethod
    /// fallback: k clear, the source was `R[B] + sC` (`__add(R[B], sC)`); k set,
    /// the source was the subtraction `R[B] - I` with I = -sC (`__sub(R[B], I)`),
    /// which the compiler encodes as an addition of -I, as PUC does.
    AddI,
    /// `A B C k`: R[A] := R[B] + K[C] (K[C] a number). For this and the other
    /// `*K` arithmetic/bitwise instructions, k set means the operands were swapped
    /// by the compiler (the source was `K[C] op R[B]`): the result is the same
    /// for numbers, but the metamethod fallback must use (K[C], R[B]). Only the
    /// commutative ones (ADDK, MULK, BANDK, BORK, BXORK) ever have k set.
    AddK,
    SubK,
    MulK,
    ModK,
    PowK,
    DivK,
    IDivK,
    /// `A B C`: R[A] := R[B] & K[C] (K[C] an integer)
    BAndK,
    BOrK,
    BXorK,
    /// `A B sC k`: R[A] := R[B] >> sC. k set: the source was the left shift
    /// `R[B] << I` with I = -sC, so the metamethod fallback is `__shl(R[B], I)`.
    ShrI,
    /// `A B sC`: R[A] := sC << R[B]
    ShlI,
    /// `A B C`: R[A] := R[B] + R[C]
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
    /// `A B`: R[A] := -R[B]
    Unm,
    /// `A B`: R[A] := ~R[B]
    BNot,
    /// `A B`: R[A] := not R[B]
    Not,
    /// `A B`: R[A] := #R[B]
    Len,
    /// `A B`: R[A] := R[A] .. ... .. R[A+B-1]
    Concat,
    /// `A`: close all upvalues and to-be-closed variables >= R[A]
    Close,
    /// `A`: mark R[A] as a to-be-closed variable
    Tbc,
    /// `sJ`: pc += sJ
    Jmp,
    /// `A B k`: if ((R[A] == R[B]) ~= k) then pc++  (next instruction is a JMP)
    Eq,
    /// `A B k`: if ((R[A] < R[B]) ~= k) then pc++
    Lt,
    /// `A B k`: if ((R[A] <= R[B]) ~= k) then pc++
    Le,
    /// `A B k`: if ((R[A] == K[B]) ~= k) then pc++
    EqK,
    /// `A sB k`: if ((R[A] == sB) ~= k) then pc++. For EQI..GEI, C is 1 when the
    /// immediate came from a float literal (as in PUC: the metamethod fallback of
    /// the order comparisons then passes it as a float).
    EqI,
    /// `A sB k`: if ((R[A] < sB) ~= k) then pc++
    LtI,
    /// `A sB k`: if ((R[A] <= sB) ~= k) then pc++
    LeI,
    /// `A sB k`: if ((R[A] > sB) ~= k) then pc++
    GtI,
    /// `A sB k`: if ((R[A] >= sB) ~= k) then pc++
    GeI,
    /// `A k`: if (not R[A] == k) then pc++
    Test,
    /// `A B k`: if (not R[B] == k) then pc++ else R[A] := R[B]
    TestSet,
    /// `A B C`: R[A], ..., R[A+C-2] := R[A](R[A+1], ..., R[A+B-1]).
    /// B = 0: arguments up to the stack top (set by a previous multi-result
    /// instruction). C = 0: keep all results and set the top.
    Call,
    /// `A B C k`: return R[A](R[A+1], ..., R[A+B-1]); k set if the frame must close
    /// upvalues first. C unused.
    TailCall,
    /// `A B C k`: return R[A], ..., R[A+B-2]; B = 0: up to top. k set if the frame
    /// must close upvalues / to-be-closed variables first. C unused.
    Return,
    /// return (no values, nothing to close)
    Return0,
    /// `A`: return R[A] (nothing to close)
    Return1,
    /// `A Bx`: numeric loop step (PUC 5.4 layout): R[A] internal index, R[A+1] the
    /// remaining iteration count (integer loops) or the limit (float loops), R[A+2]
    /// the step, R[A+3] the user-visible control variable. If the loop goes on,
    /// update them and pc -= Bx.
    ForLoop,
    /// `A Bx`: prepare a numeric loop (check and convert R[A..A+2] = init, limit,
    /// step); if it runs zero times, pc += Bx + 1.
    ForPrep,
    /// `A Bx`: create the to-be-closed upvalue for R[A+3]; pc += Bx (jump to the
    /// TFORCALL)
    TForPrep,
    /// `A C`: R[A+4], ..., R[A+3+C] := R[A](R[A+1], R[A+2])
    TForCall,
    /// `A Bx`: if R[A+4] ~= nil then { R[A+2] := R[A+4]; pc -= Bx }
    TForLoop,
    /// `A B C k`: R[A][C+i] := R[A+i], 1 <= i <= B. B = 0: up to top. When k is
    /// set, the real C is C + EXTRAARG * 256 (next instruction).
    SetList,
    /// `A Bx`: R[A] := closure(KPROTO[Bx])
    Closure,
    /// `A C`: R[A], R[A+1], ..., R[A+C-2] = vararg; C = 0: all, set top
    VarArg,
    /// `A`: adjust varargs on function entry (A = number of fixed parameters)
    VarArgPrep,
    /// `Ax`: extra (larger) argument for the previous opcode
    ExtraArg,
}

/// Number of opcodes.
pub const NUM_OPCODES: usize = OpCode::ExtraArg as usize + 1;

impl OpCode {
    /// Decode an opcode number; `None` for an out-of-range value.
    #[inline]
    pub fn from_u8(b: u8) -> Option<OpCode> {
        if (b as usize) < NUM_OPCODES {
            // SAFETY: OpCode is repr(u8) with dense discriminants 0..NUM_OPCODES.
            Some(unsafe { std::mem::transmute::<u8, OpCode>(b) })
        } else {
            None
        }
    }

    /// The name PUC Lua's `luac -l` prints for this opcode.
    pub fn name(self) -> &'static str {
        OP_NAMES[self as usize]
    }
}

const OP_NAMES: [&str; NUM_OPCODES] = [
    "MOVE",
    "LOADI",
    "LOADF",
    "LOADK",
    "LOADKX",
    "LOADFALSE",
    "LFALSESKIP",
    "LOADTRUE",
    "LOADNIL",
    "GETUPVAL",
    "SETUPVAL",
    "GETTABUP",
    "GETTABLE",
    "GETI",
    "GETFIELD",
    "SETTABUP",
    "SETTABLE",
    "SETI",
    "SETFIELD",
    "NEWTABLE",
    "SELF",
    "ADDI",
    "ADDK",
    "SUBK",
    "MULK",
    "MODK",
    "POWK",
    "DIVK",
    "IDIVK",
    "BANDK",
    "BORK",
    "BXORK",
    "SHRI",
    "SHLI",
    "ADD",
    "SUB",
    "MUL",
    "MOD",
    "POW",
    "DIV",
    "IDIV",
    "BAND",
    "BOR",
    "BXOR",
    "SHL",
    "SHR",
    "UNM",
    "BNOT",
    "NOT",
    "LEN",
    "CONCAT",
    "CLOSE",
    "TBC",
    "JMP",
    "EQ",
    "LT",
    "LE",
    "EQK",
    "EQI",
    "LTI",
    "LEI",
    "GTI",
    "GEI",
    "TEST",
    "TESTSET",
    "CALL",
    "TAILCALL",
    "RETURN",
    "RETURN0",
    "RETURN1",
    "FORLOOP",
    "FORPREP",
    "TFORPREP",
    "TFORCALL",
    "TFORLOOP",
    "SETLIST",
    "CLOSURE",
    "VARARG",
    "VARARGPREP",
    "EXTRAARG",
];

/// One encoded instruction.
pub type Instruction = u32;

pub const SIZE_OP: u32 = 7;
pub const SIZE_A: u32 = 8;
pub const SIZE_B: u32 = 8;
pub const SIZE_C: u32 = 8;
pub const SIZE_BX: u32 = SIZE_C + SIZE_B + 1;
pub const SIZE_AX: u32 = SIZE_BX + SIZE_A;
pub const SIZE_SJ: u32 = SIZE_AX;

pub const POS_A: u32 = SIZE_OP;
pub const POS_K: u32 = POS_A + SIZE_A;
pub const POS_B: u32 = POS_K + 1;
pub const POS_C: u32 = POS_B + SIZE_B;
pub const POS_BX: u32 = POS_K;
pub const POS_AX: u32 = POS_A;
pub const POS_SJ: u32 = POS_A;

pub const MAX_A: u32 = (1 << SIZE_A) - 1;
pub const MAX_B: u32 = (1 << SIZE_B) - 1;
pub const MAX_C: u32 = (1 << SIZE_C) - 1;
pub const MAX_BX: u32 = (1 << SIZE_BX) - 1;
pub const MAX_AX: u32 = (1 << SIZE_AX) - 1;
pub const MAX_SJ: u32 = (1 << SIZE_SJ) - 1;
/// Excess for signed Bx.
pub const OFFSET_SBX: i32 = (MAX_BX >> 1) as i32;
/// Excess for signed sJ.
pub const OFFSET_SJ: i32 = (MAX_SJ >> 1) as i32;
/// Excess for signed sB/sC.
pub const OFFSET_SC: i32 = (MAX_C >> 1) as i32;

/// Maximum number of registers in a function (A is 8 bits).
pub const MAX_REGS: u32 = 255;
/// Number of list items a SETLIST flushes at a time.
pub const FIELDS_PER_FLUSH: u32 = 50;

#[inline(always)]
pub fn get_op(i: Instruction) -> u8 {
    (i & ((1 << SIZE_OP) - 1)) as u8
}
#[inline(always)]
pub fn get_a(i: Instruction) -> u32 {
    (i >> POS_A) & MAX_A
}
#[inline(always)]
pub fn get_b(i: Instruction) -> u32 {
    (i >> POS_B) & MAX_B
}
#[inline(always)]
pub fn get_sb(i: Instruction) -> i32 {
    get_b(i) as i32 - OFFSET_SC
}
#[inline(always)]
pub fn get_c(i: Instruction) -> u32 {
    i >> POS_C
}
#[inline(always)]
pub fn get_sc(i: Instruction) -> i32 {
    get_c(i) as i32 - OFFSET_SC
}
#[inline(always)]
pub fn get_k(i: Instruction) -> bool {
    (i >> POS_K) & 1 != 0
}
#[inline(always)]
pub fn get_bx(i: Instruction) -> u32 {
    i >> POS_BX
}
#[inline(always)]
pub fn get_sbx(i: Instruction) -> i32 {
    get_bx(i) as i32 - OFFSET_SBX
}
#[inline(always)]
pub fn get_ax(i: Instruction) -> u32 {
    i >> POS_AX
}
#[inline(always)]
pub fn get_sj(i: Instruction) -> i32 {
    (i >> POS_SJ) as i32 - OFFSET_SJ
}

pub fn create_abck(op: OpCode, a: u32, b: u32, c: u32, k: bool) -> Instruction {
    debug_assert!(a <= MAX_A && b <= MAX_B && c <= MAX_C);
    (op as u32) | (a << POS_A) | ((k as u32) << POS_K) | (b << POS_B) | (c << POS_C)
}
pub fn create_abx(op: OpCode, a: u32, bx: u32) -> Instruction {
    debug_assert!(a <= MAX_A && bx <= MAX_BX);
    (op as u32) | (a << POS_A) | (bx << POS_BX)
}
pub fn create_asbx(op: OpCode, a: u32, sbx: i32) -> Instruction {
    create_abx(op, a, (sbx + OFFSET_SBX) as u32)
}
pub fn create_ax(op: OpCode, ax: u32) -> Instruction {
    debug_assert!(ax <= MAX_AX);
    (op as u32) | (ax << POS_AX)
}
pub fn create_sj(op: OpCode, sj: i32) -> Instruction {
    (op as u32) | (((sj + OFFSET_SJ) as u32) << POS_SJ)
}

/// Replace the A field.
pub fn set_a(i: &mut Instruction, a: u32) {
    *i = (*i & !(MAX_A << POS_A)) | (a << POS_A);
}
/// Replace the B field.
pub fn set_b(i: &mut Instruction, b: u32) {
    *i = (*i & !(MAX_B << POS_B)) | (b << POS_B);
}
/// Replace the C field.
pub fn set_c(i: &mut Instruction, c: u32) {
    *i = (*i & !(MAX_C << POS_C)) | (c << POS_C);
}
/// Replace the k bit.
pub fn set_k(i: &mut Instruction, k: bool) {
    *i = (*i & !(1 << POS_K)) | ((k as u32) << POS_K);
}
/// Replace the Bx field.
pub fn set_bx(i: &mut Instruction, bx: u32) {
    *i = (*i & !(MAX_BX << POS_BX)) | (bx << POS_BX);
}
/// Replace the sJ field.
pub fn set_sj(i: &mut Instruction, sj: i32) {
    *i = (*i & !(MAX_SJ << POS_SJ)) | (((sj + OFFSET_SJ) as u32) << POS_SJ);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_round_trip() {
        let i = create_abck(OpCode::Add, 3, 200, 255, true);
        assert_eq!(get_op(i), OpCode::Add as u8);
        assert_eq!(
            (get_a(i), get_b(i), get_c(i), get_k(i)),
            (3, 200, 255, true)
        );
        let j = create_asbx(OpCode::LoadI, 7, -5);
        assert_eq!((get_a(j), get_sbx(j)), (7, -5));
        let s = create_sj(OpCode::Jmp, -1000);
        assert_eq!(get_sj(s), -1000);
        assert_eq!(
            OpCode::from_u8(OpCode::ExtraArg as u8),
            Some(OpCode::ExtraArg)
        );
        assert_eq!(OpCode::from_u8(NUM_OPCODES as u8), None);
        assert_eq!(OpCode::VarArgPrep.name(), "VARARGPREP");
    }
}
