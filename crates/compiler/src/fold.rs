//! Constant folding of arithmetic and bitwise operations on numeric literals, with
//! exactly Lua's semantics (PUC's `luaO_rawarith` guarded by `validop`).

/// A numeric value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Num {
    Int(i64),
    Flt(f64),
}

/// Foldable operations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ArithOp {
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
}

/// Float to integer when the float has an exact integer value (F2Ieq).
pub(crate) fn flt_to_int(f: f64) -> Option<i64> {
    // -2^63 <= f < 2^63 and integral
    if f.floor() == f && (-9223372036854775808.0..9223372036854775808.0).contains(&f) {
        Some(f as i64)
    } else {
        None
    }
}

fn to_int(n: Num) -> Option<i64> {
    match n {
        Num::Int(i) => Some(i),
        Num::Flt(f) => flt_to_int(f),
    }
}

fn to_flt(n: Num) -> f64 {
    match n {
        Num::Int(i) => i as f64,
        Num::Flt(f) => f,
    }
}

fn is_zero(n: Num) -> bool {
    match n {
        Num::Int(i) => i == 0,
        Num::Flt(f) => f == 0.0,
    }
}

/// Lua's integer floor division (divisor known to be non-zero).
fn int_idiv(m: i64, n: i64) -> i64 {
    if n == -1 {
        return 0i64.wrapping_sub(m);
    }
    let q = m / n;
    if (m ^ n) < 0 && m % n != 0 {
        q - 1
    } else {
        q
    }
}

/// Lua's integer modulo (divisor known to be non-zero).
fn int_mod(m: i64, n: i64) -> i64 {
    if n == -1 {
        return 0;
    }
    let r = m % n;
    if r != 0 && (r ^ n) < 0 {
        r + n
    } else {
        r
    }
}

fn flt_mod(a: f64, b: f64) -> f64 {
    let mut m = a % b;
    if if m > 0.0 { b < 0.0 } else { m < 0.0 && b > 0.0 } {
        m += b;
    }
    m
}

pub(crate) fn shift_left(x: i64, y: i64) -> i64 {
    if y < 0 {
        if y <= -64 {
            0
        } else {
            ((x as u64) >> (-y) as u32) as i64
        }
    } else if y >= 64 {
        0
    } else {
        ((x as u64) << y as u32) as i64
    }
}

/// Whether folding `op` on these operands cannot raise an error.
fn valid_op(op: ArithOp, a: Num, b: Num) -> bool {
    match op {
        ArithOp::BAnd
        | ArithOp::BOr
        | ArithOp::BXor
        | ArithOp::Shl
        | ArithOp::Shr
        | ArithOp::BNot => to_int(a).is_some() && to_int(b).is_some(),
        ArithOp::Div | ArithOp::IDiv | ArithOp::Mod => !is_zero(b),
        _ => true,
    }
}

fn raw_arith(op: ArithOp, a: Num, b: Num) -> Option<Num> {
    match op {
        ArithOp::BAnd
        | ArithOp::BOr
        | ArithOp::BXor
        | ArithOp::Shl
        | ArithOp::Shr
        | ArithOp::BNot => {
            let x = to_int(a)?;
            let y = to_int(b)?;
            Some(Num::Int(match op {
                ArithOp::BAnd => x & y,
                ArithOp::BOr => x | y,
                ArithOp::BXor => x ^ y,
                ArithOp::Shl => shift_left(x, y),
                ArithOp::Shr => shift_left(x, y.wrapping_neg()),
                _ => !x,
            }))
        }
        ArithOp::Div | ArithOp::Pow => {
            let (x, y) = (to_flt(a), to_flt(b));
            Some(Num::Flt(if op == ArithOp::Div {
                x / y
            } else if y == 2.0 {
                x * x
            } else {
                x.powf(y)
            }))
        }
        _ => {
            if let (Num::Int(x), Num::Int(y)) = (a, b) {
                Some(Num::Int(match op {
                    ArithOp::Add => x.wrapping_add(y),
                    ArithOp::Sub => x.wrapping_sub(y),
                    ArithOp::Mul => x.wrapping_mul(y),
                    ArithOp::Mod => int_mod(x, y),
                    ArithOp::IDiv => int_idiv(x, y),
                    _ => 0i64.wrapping_sub(x), // Unm
                }))
            } else {
                let (x, y) = (to_flt(a), to_flt(b));
                Some(Num::Flt(match op {
                    ArithOp::Add => x + y,
                    ArithOp::Sub => x - y,
                    ArithOp::Mul => x * y,
                    ArithOp::Mod => flt_mod(x, y),
                    ArithOp::IDiv => (x / y).floor(),
                    _ => -x, // Unm
                }))
            }
        }
    }
}

/// Fold `a op b` (unary operations ignore `b`, which callers pass as `Int(0)`).
/// Returns `None` when folding is not safe: it could raise an error, or the
/// result is a float NaN or zero (to preserve -0.0 and NaN behaviour).
pub(crate) fn const_fold(op: ArithOp, a: Num, b: Num) -> Option<Num> {
    if !valid_op(op, a, b) {
        return None;
    }
    match raw_arith(op, a, b)? {
        Num::Int(i) => Some(Num::Int(i)),
        Num::Flt(f) => {
            if f.is_nan() || f == 0.0 {
                None
            } else {
                Some(Num::Flt(f))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding() {
        use ArithOp::*;
        use Num::*;
        assert_eq!(const_fold(Add, Int(1), Int(2)), Some(Int(3)));
        assert_eq!(const_fold(Add, Int(1), Flt(2.0)), Some(Flt(3.0)));
        assert_eq!(const_fold(Div, Int(1), Int(2)), Some(Flt(0.5)));
        assert_eq!(const_fold(Div, Int(1), Int(0)), None);
        assert_eq!(const_fold(IDiv, Int(7), Int(-2)), Some(Int(-4)));
        assert_eq!(const_fold(Mod, Int(-7), Int(2)), Some(Int(1)));
        assert_eq!(const_fold(Mod, Flt(-7.0), Flt(2.0)), Some(Flt(1.0)));
        assert_eq!(const_fold(Mod, Flt(-4.0), Flt(-5.0)), Some(Flt(-4.0)));
        assert_eq!(const_fold(Mod, Flt(4.0), Flt(-5.0)), Some(Flt(-1.0)));
        assert_eq!(const_fold(Mod, Flt(5.5), Flt(2.0)), Some(Flt(1.5)));
        assert_eq!(const_fold(Mod, Int(4), Flt(f64::INFINITY)), Some(Flt(4.0)));
        assert_eq!(
            const_fold(Mod, Int(-4), Flt(f64::INFINITY)),
            Some(Flt(f64::INFINITY))
        );
        assert_eq!(const_fold(Sub, Flt(1.0), Flt(1.0)), None);
        assert_eq!(const_fold(Unm, Flt(0.0), Int(0)), None);
        assert_eq!(const_fold(Unm, Int(i64::MIN), Int(0)), Some(Int(i64::MIN)));
        assert_eq!(const_fold(BAnd, Flt(1.5), Int(1)), None);
        assert_eq!(const_fold(BOr, Flt(2.0), Int(1)), Some(Int(3)));
        assert_eq!(const_fold(Shl, Int(1), Int(64)), Some(Int(0)));
        assert_eq!(const_fold(Shr, Int(-1), Int(63)), Some(Int(1)));
        assert_eq!(const_fold(Shl, Int(1), Int(i64::MIN)), Some(Int(0)));
        assert_eq!(const_fold(Shr, Int(1), Int(i64::MIN)), Some(Int(0)));
        assert_eq!(const_fold(BNot, Int(0), Int(0)), Some(Int(-1)));
        assert_eq!(const_fold(Pow, Int(2), Int(10)), Some(Flt(1024.0)));
        assert_eq!(
            const_fold(IDiv, Int(i64::MIN), Int(-1)),
            Some(Int(i64::MIN))
        );
        assert_eq!(const_fold(Mod, Int(i64::MIN), Int(-1)), Some(Int(0)));
        assert_eq!(flt_to_int(9223372036854775808.0), None);
        assert_eq!(flt_to_int(-9223372036854775808.0), Some(i64::MIN));
    }
}
