//! The mathematical library (PUC's `lmathlib.c`), including the `xoshiro256**`
//! pseudo-random generator with Lua 5.4's seeding and projection.

use moonvm_vm::number::{self, F2I};
use moonvm_vm::{LResult, Value, Vm};

/// Key of the generator state in `Vm::lib_data`.
const RAND_KEY: &str = "math.random";

pub fn open(vm: &mut Vm) {
    let funcs: &[(&'static str, moonvm_vm::func::NativeFn)] = &[
        ("abs", abs),
        ("ceil", ceil),
        ("floor", floor),
        ("fmod", fmod),
        ("modf", modf),
        ("sqrt", sqrt),
        ("exp", exp),
        ("log", log),
        ("sin", sin),
        ("cos", cos),
        ("tan", tan),
        ("asin", asin),
        ("acos", acos),
        ("atan", atan),
        ("deg", deg),
        ("rad", rad),
        ("tointeger", tointeger),
        ("type", type_),
        ("ult", ult),
        ("max", max),
        ("min", min),
        ("random", random),
        ("randomseed", randomseed),
        // LUA_COMPAT_MATHLIB functions (the reference lua5.4 build has them)
        ("cosh", cosh),
        ("sinh", sinh),
        ("tanh", tanh),
        ("pow", pow),
        ("frexp", frexp),
        ("ldexp", ldexp),
        ("log10", log10),
    ];
    let t = vm.register_lib("math", funcs);
    // math.atan2 is the same function as math.atan
    let k = vm.new_str(b"atan");
    let atan_fn = t.get_str(k);
    vm.set_field(t, "atan2", atan_fn);
    vm.set_field(t, "pi", Value::Float(std::f64::consts::PI));
    vm.set_field(t, "huge", Value::Float(f64::INFINITY));
    vm.set_field(t, "maxinteger", Value::Int(i64::MAX));
    vm.set_field(t, "mininteger", Value::Int(i64::MIN));
    let (s1, s2) = time_seed(vm);
    let mut st = RanState { s: [0; 4] };
    st.seed(s1, s2);
    vm.lib_data.insert(RAND_KEY, Box::new(st));
}

/// A float result that is an integer when it fits (`pushnumint`).
fn num_int(d: f64) -> Value {
    match number::float_to_int(d, F2I::Exact) {
        Some(i) => Value::Int(i),
        None => Value::Float(d),
    }
}

fn abs(vm: &mut Vm) -> LResult<usize> {
    if let Value::Int(i) = vm.arg(1) {
        return vm.ret1(Value::Int(i.wrapping_abs()));
    }
    let x = vm.check_number(1)?;
    vm.ret1(Value::Float(x.abs()))
}

fn floor(vm: &mut Vm) -> LResult<usize> {
    if let v @ Value::Int(_) = vm.arg(1) {
        return vm.ret1(v);
    }
    let x = vm.check_number(1)?;
    vm.ret1(num_int(x.floor()))
}

fn ceil(vm: &mut Vm) -> LResult<usize> {
    if let v @ Value::Int(_) = vm.arg(1) {
        return vm.ret1(v);
    }
    let x = vm.check_number(1)?;
    vm.ret1(num_int(x.ceil()))
}

fn fmod(vm: &mut Vm) -> LResult<usize> {
    if let (Value::Int(a), Value::Int(d)) = (vm.arg(1), vm.arg(2)) {
        if (d as u64).wrapping_add(1) <= 1 {
            // -1 or 0
            if d == 0 {
                return Err(vm.arg_error(2, "zero"));
            }
            return vm.ret1(Value::Int(0));
        }
        return vm.ret1(Value::Int(a % d));
    }
    let a = vm.check_number(1)?;
    let b = vm.check_number(2)?;
    vm.ret1(Value::Float(a % b))
}

fn modf(vm: &mut Vm) -> LResult<usize> {
    if let v @ Value::Int(_) = vm.arg(1) {
        return vm.ret(&[v, Value::Float(0.0)]);
    }
    let n = vm.check_number(1)?;
    let ip = if n < 0.0 { n.ceil() } else { n.floor() };
    let frac = if n == ip { 0.0 } else { n - ip };
    vm.ret(&[num_int(ip), Value::Float(frac)])
}

macro_rules! float_fn {
    ($name:ident, $f:expr) => {
        fn $name(vm: &mut Vm) -> LResult<usize> {
            let x = vm.check_number(1)?;
            let f: fn(f64) -> f64 = $f;
            vm.ret1(Value::Float(f(x)))
        }
    };
}

float_fn!(sqrt, f64::sqrt);
float_fn!(exp, f64::exp);
float_fn!(sin, f64::sin);
float_fn!(cos, f64::cos);
float_fn!(tan, f64::tan);
float_fn!(asin, f64::asin);
float_fn!(acos, f64::acos);
float_fn!(cosh, f64::cosh);
float_fn!(sinh, f64::sinh);
float_fn!(tanh, f64::tanh);
float_fn!(log10, f64::log10);
float_fn!(deg, |x| x * (180.0 / std::f64::consts::PI));
float_fn!(rad, |x| x * (std::f64::consts::PI / 180.0));

fn log(vm: &mut Vm) -> LResult<usize> {
    let x = vm.check_number(1)?;
    let r = if vm.arg(2).is_nil() {
        x.ln()
    } else {
        let base = vm.check_number(2)?;
        if base == 2.0 {
            x.log2()
        } else if base == 10.0 {
            x.log10()
        } else {
            x.ln() / base.ln()
        }
    };
    vm.ret1(Value::Float(r))
}

fn pow(vm: &mut Vm) -> LResult<usize> {
    let x = vm.check_number(1)?;
    let y = vm.check_number(2)?;
    vm.ret1(Value::Float(x.powf(y)))
}

/// C `frexp`: (m, e) with x = m * 2^e and 0.5 <= |m| < 1.
fn c_frexp(x: f64) -> (f64, i64) {
    if x == 0.0 || !x.is_finite() {
        return (x, 0);
    }
    let (x, adj) = if x.abs() < f64::MIN_POSITIVE {
        (x * 2f64.powi(64), -64)
    } else {
        (x, 0)
    };
    let bits = x.to_bits();
    let e = ((bits >> 52) & 0x7ff) as i64 - 1022;
    let m = f64::from_bits((bits & !(0x7ff << 52)) | (1022 << 52));
    (m, e + adj)
}

/// C `ldexp`/`scalbn` (musl's algorithm: exact, one rounding).
fn c_ldexp(mut x: f64, mut n: i32) -> f64 {
    let x1p1023 = f64::from_bits(0x7fe0_0000_0000_0000);
    let x1p53 = f64::from_bits(0x4340_0000_0000_0000);
    let x1p_1022 = f64::from_bits(0x0010_0000_0000_0000);
    if n > 1023 {
        x *= x1p1023;
        n -= 1023;
        if n > 1023 {
            x *= x1p1023;
            n -= 1023;
            if n > 1023 {
                n = 1023;
            }
        }
    } else if n < -1022 {
        x *= x1p_1022 * x1p53;
        n += 1022 - 53;
        if n < -1022 {
            x *= x1p_1022 * x1p53;
            n += 1022 - 53;
            if n < -1022 {
                n = -1022;
            }
        }
    }
    x * f64::from_bits(((0x3ff + n) as u64) << 52)
}

fn frexp(vm: &mut Vm) -> LResult<usize> {
    let x = vm.check_number(1)?;
    let (m, e) = c_frexp(x);
    vm.ret(&[Value::Float(m), Value::Int(e)])
}

fn ldexp(vm: &mut Vm) -> LResult<usize> {
    let x = vm.check_number(1)?;
    let e = vm.check_int(2)? as i32;
    vm.ret1(Value::Float(c_ldexp(x, e)))
}

fn atan(vm: &mut Vm) -> LResult<usize> {
    let y = vm.check_number(1)?;
    let x = vm.opt_number(2, 1.0)?;
    vm.ret1(Value::Float(y.atan2(x)))
}

fn tointeger(vm: &mut Vm) -> LResult<usize> {
    let v = vm.arg(1);
    let r = match v {
        Value::Int(_) => v,
        Value::Float(f) => number::float_to_int(f, F2I::Exact).map_or(Value::Nil, Value::Int),
        Value::Str(s) => match number::str_to_number(s.as_bytes()) {
            Some(number::Num::Int(i)) => Value::Int(i),
            Some(number::Num::Float(f)) => {
                number::float_to_int(f, F2I::Exact).map_or(Value::Nil, Value::Int)
            }
            None => Value::Nil,
        },
        _ => {
            vm.check_any(1)?;
            Value::Nil
        }
    };
    vm.ret1(r)
}

fn type_(vm: &mut Vm) -> LResult<usize> {
    let r = match vm.arg(1) {
        Value::Int(_) => vm.str_value(b"integer"),
        Value::Float(_) => vm.str_value(b"float"),
        _ => {
            vm.check_any(1)?;
            Value::Nil
        }
    };
    vm.ret1(r)
}

fn ult(vm: &mut Vm) -> LResult<usize> {
    let a = vm.check_int(1)?;
    let b = vm.check_int(2)?;
    vm.ret1(Value::Bool((a as u64) < (b as u64)))
}

/// `a < b` as `lua_compare(LUA_OPLT)`.
#[inline]
fn lt(vm: &mut Vm, a: Value, b: Value) -> LResult<bool> {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => Ok(x < y),
        (Value::Float(x), Value::Float(y)) => Ok(x < y),
        _ => vm.less_than_slow(a, b),
    }
}

fn max(vm: &mut Vm) -> LResult<usize> {
    let n = vm.arg_count();
    if n < 1 {
        return Err(vm.arg_error(1, "value expected"));
    }
    let mut imax = 1;
    for i in 2..=n {
        let (a, b) = (vm.arg(imax), vm.arg(i));
        if lt(vm, a, b)? {
            imax = i;
        }
    }
    let v = vm.arg(imax);
    vm.ret1(v)
}

fn min(vm: &mut Vm) -> LResult<usize> {
    let n = vm.arg_count();
    if n < 1 {
        return Err(vm.arg_error(1, "value expected"));
    }
    let mut imin = 1;
    for i in 2..=n {
        let (a, b) = (vm.arg(i), vm.arg(imin));
        if lt(vm, a, b)? {
            imin = i;
        }
    }
    let v = vm.arg(imin);
    vm.ret1(v)
}

// ---- pseudo-random numbers (xoshiro256**) ---------------------------------------

struct RanState {
    s: [u64; 4],
}

impl RanState {
    #[inline]
    fn next(&mut self) -> u64 {
        let s = &mut self.s;
        let state0 = s[0];
        let state1 = s[1];
        let state2 = s[2] ^ state0;
        let state3 = s[3] ^ state1;
        let res = state1.wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        s[0] = state0 ^ state3;
        s[1] = state1 ^ state2;
        s[2] = state2 ^ (state1 << 17);
        s[3] = state3.rotate_left(45);
        res
    }

    fn seed(&mut self, n1: u64, n2: u64) {
        self.s = [n1, 0xff, n2, 0];
        for _ in 0..16 {
            self.next();
        }
    }

    /// Project a random integer into [0, n] (lmathlib's `project`).
    fn project(&mut self, ran: u64, n: u64) -> u64 {
        if n & n.wrapping_add(1) == 0 {
            return ran & n;
        }
        let mut lim = n;
        lim |= lim >> 1;
        lim |= lim >> 2;
        lim |= lim >> 4;
        lim |= lim >> 8;
        lim |= lim >> 16;
        lim |= lim >> 32;
        let mut ran = ran & lim;
        while ran > n {
            ran = self.next() & lim;
        }
        ran
    }
}

/// A float in [0, 1) from the high 53 bits (`I2d`).
#[inline]
fn i2d(x: u64) -> f64 {
    (x >> 11) as f64 * (0.5 / (1u64 << 52) as f64)
}

fn time_seed(vm: &Vm) -> (u64, u64) {
    let t = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    (t, vm as *const Vm as usize as u64)
}

fn with_state<R>(vm: &mut Vm, f: impl FnOnce(&mut RanState) -> R) -> R {
    if !vm
        .lib_data
        .get(RAND_KEY)
        .is_some_and(|b| b.is::<RanState>())
    {
        let (s1, s2) = time_seed(vm);
        let mut st = RanState { s: [0; 4] };
        st.seed(s1, s2);
        vm.lib_data.insert(RAND_KEY, Box::new(st));
    }
    match vm
        .lib_data
        .get_mut(RAND_KEY)
        .and_then(|b| b.downcast_mut::<RanState>())
    {
        Some(st) => f(st),
        None => f(&mut RanState {
            s: [0xff, 0xff, 0, 0],
        }),
    }
}

fn random(vm: &mut Vm) -> LResult<usize> {
    let rv = with_state(vm, |st| st.next());
    let (low, up) = match vm.arg_count() {
        0 => return vm.ret1(Value::Float(i2d(rv))),
        1 => {
            let up = vm.check_int(1)?;
            if up == 0 {
                return vm.ret1(Value::Int(rv as i64));
            }
            (1, up)
        }
        2 => {
            let low = vm.check_int(1)?;
            let up = vm.check_int(2)?;
            (low, up)
        }
        _ => return Err(vm.lib_error("wrong number of arguments")),
    };
    if low > up {
        return Err(vm.arg_error(1, "interval is empty"));
    }
    let p = with_state(vm, |st| {
        st.project(rv, (up as u64).wrapping_sub(low as u64))
    });
    vm.ret1(Value::Int(p.wrapping_add(low as u64) as i64))
}

fn randomseed(vm: &mut Vm) -> LResult<usize> {
    let (n1, n2) = if vm.arg_count() == 0 {
        time_seed(vm)
    } else {
        let n1 = vm.check_int(1)?;
        let n2 = vm.opt_int(2, 0)?;
        (n1 as u64, n2 as u64)
    };
    with_state(vm, |st| st.seed(n1, n2));
    vm.ret(&[Value::Int(n1 as i64), Value::Int(n2 as i64)])
}
