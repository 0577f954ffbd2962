//! Arithmetic, comparison, concatenation and length: the out-of-line slow paths of
//! the interpreter's operators (conversions, metamethods and errors), following
//! `lvm.c`/`ltm.c`. The interpreter handles the plain number cases inline.

use crate::debug::Loc;
use crate::error::LResult;
use crate::number::{self, F2I};
use crate::state::Vm;
use crate::tm::Tm;
use crate::value::Value;

/// Integer operations with Lua's wrap-around semantics.
#[inline(always)]
pub fn int_arith(op: Tm, a: i64, b: i64) -> i64 {
    match op {
        Tm::Add => a.wrapping_add(b),
        Tm::Sub => a.wrapping_sub(b),
        Tm::Mul => a.wrapping_mul(b),
        Tm::IDiv => number::int_floor_div(a, b),
        Tm::Mod => number::int_mod(a, b),
        Tm::BAnd => a & b,
        Tm::BOr => a | b,
        Tm::BXor => a ^ b,
        Tm::Shl => number::shift_left(a, b),
        Tm::Shr => number::shift_left(a, b.wrapping_neg()),
        Tm::Unm => a.wrapping_neg(),
        Tm::BNot => !a,
        _ => 0,
    }
}

/// Float operations.
#[inline(always)]
pub fn float_arith(op: Tm, a: f64, b: f64) -> f64 {
    match op {
        Tm::Add => a + b,
        Tm::Sub => a - b,
        Tm::Mul => a * b,
        Tm::Div => a / b,
        Tm::Pow => {
            if b == 2.0 {
                a * a
            } else {
                a.powf(b)
            }
        }
        Tm::IDiv => (a / b).floor(),
        Tm::Mod => number::float_mod(a, b),
        Tm::Unm => -a,
        _ => 0.0,
    }
}

/// A number from a value, converting strings (PUC's `luaV_tonumber_`).
pub fn to_number(v: &Value) -> Option<Value> {
    match v {
        Value::Int(_) | Value::Float(_) => Some(*v),
        Value::Str(s) => match number::str_to_number(s.as_bytes())? {
            number::Num::Int(i) => Some(Value::Int(i)),
            number::Num::Float(f) => Some(Value::Float(f)),
        },
        _ => None,
    }
}

/// An integer from a value, converting strings and integral floats (`luaV_tointegerns`).
pub fn to_integer(v: &Value, mode: F2I) -> Option<i64> {
    match to_number(v)? {
        Value::Int(i) => Some(i),
        Value::Float(f) => number::float_to_int(f, mode),
        _ => None,
    }
}

/// Arithmetic on two numbers (no strings): `None` for a non-number operand.
/// Errors only for integer division by zero.
pub fn arith_numbers(vm: &mut Vm, op: Tm, a: &Value, b: &Value) -> LResult<Option<Value>> {
    if op.is_bitwise() {
        // Numbers only: strings are not coerced by bitwise operators in 5.4.
        let (Some(x), Some(y)) = (a.as_int(), b.as_int()) else {
            return Ok(None);
        };
        if !a.is_number() || !b.is_number() {
            return Ok(None);
        }
        return Ok(Some(Value::Int(int_arith(op, x, y))));
    }
    match (*a, *b) {
        (Value::Int(x), Value::Int(y)) if !matches!(op, Tm::Div | Tm::Pow) => {
            if y == 0 && matches!(op, Tm::IDiv | Tm::Mod) {
                let msg = if op == Tm::IDiv {
                    "attempt to divide by zero"
                } else {
                    "attempt to perform 'n%0'"
                };
                return Err(vm.rt_error(msg));
            }
            Ok(Some(Value::Int(int_arith(op, x, y))))
        }
        _ => match (a.as_float(), b.as_float()) {
            (Some(x), Some(y)) => Ok(Some(Value::Float(float_arith(op, x, y)))),
            _ => Ok(None),
        },
    }
}

impl Vm {
    /// The slow path of a binary (or, with `a == b`, unary) arithmetic or bitwise
    /// operator: conversions, then metamethods, then the error.
    #[cold]
    #[inline(never)]
    pub fn arith_slow(&mut self, op: Tm, a: Value, b: Value, la: Loc, lb: Loc) -> LResult<Value> {
        // Only numbers are converted here; strings reach arithmetic through the
        // string metatable (as in PUC 5.4) and are not valid bitwise operands.
        if a.is_number() && b.is_number() {
            if let Some(v) = arith_numbers(self, op, &a, &b)? {
                return Ok(v);
            }
        }
        let mut tm = self.get_tm(&a, op);
        if tm.is_nil() {
            tm = self.get_tm(&b, op);
        }
        if !tm.is_nil() {
            return self.call_tm(tm, &[a, b]);
        }
        Err(self.arith_error(op, a, b, la, lb))
    }

    #[cold]
    fn arith_error(
        &mut self,
        op: Tm,
        a: Value,
        b: Value,
        la: Loc,
        lb: Loc,
    ) -> crate::error::LuaError {
        if op.is_bitwise() {
            if a.is_number() && b.is_number() {
                // Both are numbers: one has no integer representation.
                let loc = if a.as_int().is_none() { la } else { lb };
                let info = self.var_info(loc);
                return self.rt_error(&format!("number{info} has no integer representation"));
            }
            let (bad, loc) = if !a.is_number() { (a, la) } else { (b, lb) };
            return self.type_error(&bad, loc, "perform bitwise operation on");
        }
        let (bad, loc) = if !a.is_number() { (a, la) } else { (b, lb) };
        self.type_error(&bad, loc, "perform arithmetic on")
    }

    /// String arithmetic for the string metatable's `__add` etc. (lstrlib's `arith`):
    /// converts both operands, or fails like `trymt`.
    pub fn string_arith(&mut self, op: Tm, a: Value, b: Value) -> LResult<Value> {
        if let (Some(x), Some(y)) = (to_number(&a), to_number(&b)) {
            if let Some(v) = arith_numbers(self, op, &x, &y)? {
                return Ok(v);
            }
        }
        // trymt: the second operand's metamethod, unless it is a string.
        if !matches!(b, Value::Str(_)) {
            let tm = self.get_tm(&b, op);
            if !tm.is_nil() {
                return self.call_value(tm, &[a, b]);
            }
        }
        let msg = format!(
            "attempt to {} a '{}' with a '{}'",
            op.short_name(),
            self.type_name_mt(&a),
            self.type_name_mt(&b)
        );
        Err(self.lib_error(&msg))
    }

    // ---- comparison ---------------------------------------------------------------

    /// `a < b` for values that are not both numbers (or for any values).
    #[cold]
    #[inline(never)]
    pub fn less_than_slow(&mut self, a: Value, b: Value) -> LResult<bool> {
        if let Some(r) = num_lt(&a, &b) {
            return Ok(r);
        }
        if let (Value::Str(x), Value::Str(y)) = (a, b) {
            return Ok(x.as_bytes() < y.as_bytes());
        }
        self.order_tm(a, b, Tm::Lt)
    }

    /// `a <= b` for values that are not both numbers (or for any values).
    #[cold]
    #[inline(never)]
    pub fn less_equal_slow(&mut self, a: Value, b: Value) -> LResult<bool> {
        if let Some(r) = num_le(&a, &b) {
            return Ok(r);
        }
        if let (Value::Str(x), Value::Str(y)) = (a, b) {
            return Ok(x.as_bytes() <= y.as_bytes());
        }
        self.order_tm(a, b, Tm::Le)
    }

    fn order_tm(&mut self, a: Value, b: Value, ev: Tm) -> LResult<bool> {
        let mut tm = self.get_tm(&a, ev);
        if tm.is_nil() {
            tm = self.get_tm(&b, ev);
        }
        if tm.is_nil() {
            let t1 = self.type_name_mt(&a);
            let t2 = self.type_name_mt(&b);
            let msg = if t1 == t2 {
                format!("attempt to compare two {t1} values")
            } else {
                format!("attempt to compare {t1} with {t2}")
            };
            return Err(self.rt_error(&msg));
        }
        Ok(self.call_tm(tm, &[a, b])?.truthy())
    }

    /// `a == b` with `__eq` for tables and full userdata.
    #[inline]
    pub fn equals(&mut self, a: Value, b: Value) -> LResult<bool> {
        match (a, b) {
            (Value::Table(x), Value::Table(y)) if x != y => self.eq_tm(a, b),
            (Value::UserData(x), Value::UserData(y)) if x != y => self.eq_tm(a, b),
            _ => Ok(a.raw_eq(&b)),
        }
    }

    #[cold]
    fn eq_tm(&mut self, a: Value, b: Value) -> LResult<bool> {
        let mut tm = self.get_tm(&a, Tm::Eq);
        if tm.is_nil() {
            tm = self.get_tm(&b, Tm::Eq);
        }
        if tm.is_nil() {
            return Ok(false);
        }
        Ok(self.call_tm(tm, &[a, b])?.truthy())
    }

    // ---- length -------------------------------------------------------------------

    /// The `#` operator.
    pub fn len_of(&mut self, v: Value, loc: Loc) -> LResult<Value> {
        match v {
            Value::Str(s) => Ok(Value::Int(s.len() as i64)),
            Value::Table(t) => {
                if let Some(mt) = t.metatable {
                    let tm = self.fast_tm(mt, Tm::Len);
                    if !tm.is_nil() {
                        return self.call_tm(tm, &[v, v]);
                    }
                }
                Ok(Value::Int(t.length()))
            }
            _ => {
                let tm = self.get_tm(&v, Tm::Len);
                if tm.is_nil() {
                    return Err(self.type_error(&v, loc, "get length of"));
                }
                self.call_tm(tm, &[v, v])
            }
        }
    }

    // ---- concatenation ------------------------------------------------------------

    /// Append the string form of a string or number to `buf`; false for other values.
    pub fn append_tostr(buf: &mut Vec<u8>, v: &Value) -> bool {
        match v {
            Value::Str(s) => buf.extend_from_slice(s.as_bytes()),
            Value::Int(i) => number::write_int(buf, *i),
            Value::Float(f) => number::write_float(buf, *f),
            _ => return false,
        }
        true
    }

    /// Concatenate the `total` values at the top of the stack into one, left at
    /// `ts.top - total` (PUC's `luaV_concat`). `base` is the frame base, for error hints.
    pub fn concat(&mut self, total: usize, base: usize) -> LResult<()> {
        let mut total = total;
        while total > 1 {
            let top = self.ts.top;
            let a = self.ts.stack[top - 2];
            let b = self.ts.stack[top - 1];
            let a_ok = matches!(a, Value::Str(_) | Value::Int(_) | Value::Float(_));
            let b_ok = matches!(b, Value::Str(_) | Value::Int(_) | Value::Float(_));
            let mut n = 2;
            if !a_ok || !b_ok {
                let mut tm = self.get_tm(&a, Tm::Concat);
                if tm.is_nil() {
                    tm = self.get_tm(&b, Tm::Concat);
                }
                if tm.is_nil() {
                    let (bad, idx) = if a_ok { (b, top - 1) } else { (a, top - 2) };
                    let loc = if idx >= base {
                        Loc::Reg((idx - base) as u32)
                    } else {
                        Loc::None
                    };
                    return Err(self.type_error(&bad, loc, "concatenate"));
                }
                let r = self.call_tm_concat(tm, &[a, b])?;
                self.ts.stack[top - 2] = r;
            } else {
                // Gather as many string/number operands as possible.
                while n < total {
                    let v = self.ts.stack[top - n - 1];
                    if !matches!(v, Value::Str(_) | Value::Int(_) | Value::Float(_)) {
                        break;
                    }
                    n += 1;
                }
                let mut len = 0usize;
                for i in 0..n {
                    if let Value::Str(s) = self.ts.stack[top - n + i] {
                        len += s.len();
                    } else {
                        len += 24;
                    }
                }
                let mut buf = Vec::with_capacity(len);
                for i in 0..n {
                    let v = self.ts.stack[top - n + i];
                    Vm::append_tostr(&mut buf, &v);
                }
                let s = self.new_str(&buf);
                self.ts.stack[top - n] = Value::Str(s);
            }
            total -= n - 1;
            self.ts.top -= n - 1;
        }
        Ok(())
    }
}

/// Numeric `<` (None if not both numbers).
#[inline(always)]
pub fn num_lt(a: &Value, b: &Value) -> Option<bool> {
    Some(match (*a, *b) {
        (Value::Int(x), Value::Int(y)) => x < y,
        (Value::Float(x), Value::Float(y)) => x < y,
        (Value::Int(x), Value::Float(y)) => number::lt_int_float(x, y),
        (Value::Float(x), Value::Int(y)) => number::lt_float_int(x, y),
        _ => return None,
    })
}

/// Numeric `<=` (None if not both numbers).
#[inline(always)]
pub fn num_le(a: &Value, b: &Value) -> Option<bool> {
    Some(match (*a, *b) {
        (Value::Int(x), Value::Int(y)) => x <= y,
        (Value::Float(x), Value::Float(y)) => x <= y,
        (Value::Int(x), Value::Float(y)) => number::le_int_float(x, y),
        (Value::Float(x), Value::Int(y)) => number::le_float_int(x, y),
        _ => return None,
    })
}
