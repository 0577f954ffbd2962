//! A `luac -l -l` style listing of a prototype and its nested functions.
//!
//! The format follows PUC Lua 5.4's `luac` (same columns, operands and comments),
//! except that no memory addresses are printed: the header says
//! `(N instructions)`, the debug sections say `constants (N):`, and CLOSURE's
//! comment names the nested function as `function <source:line,lastline>`.

use crate::opcode::*;
use crate::proto::{Constant, Proto};
use std::fmt::Write;

/// Listing of `p` and, recursively, of its nested functions.
pub fn listing(p: &Proto) -> String {
    let mut out = String::new();
    print_function(&mut out, p);
    out
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// Source name as luac shows it in headers.
fn source_name(p: &Proto) -> &str {
    let s: &str = &p.source;
    if let Some(rest) = s.strip_prefix('@').or_else(|| s.strip_prefix('=')) {
        rest
    } else if s.starts_with('\x1b') {
        "(bstring)"
    } else {
        "(string)"
    }
}

fn print_function(out: &mut String, p: &Proto) {
    let _ = writeln!(
        out,
        "\n{} <{}:{},{}> ({} instruction{})",
        if p.line_defined == 0 {
            "main"
        } else {
            "function"
        },
        source_name(p),
        p.line_defined,
        p.last_line_defined,
        p.code.len(),
        plural(p.code.len())
    );
    let np = p.num_params as usize;
    let _ = writeln!(
        out,
        "{}{} param{}, {} slot{}, {} upvalue{}, {} local{}, {} constant{}, {} function{}",
        np,
        if p.is_vararg { "+" } else { "" },
        plural(np),
        p.max_stack,
        plural(p.max_stack as usize),
        p.upvalues.len(),
        plural(p.upvalues.len()),
        p.loc_vars.len(),
        plural(p.loc_vars.len()),
        p.constants.len(),
        plural(p.constants.len()),
        p.protos.len(),
        plural(p.protos.len())
    );
    print_code(out, p);
    print_debug(out, p);
    for sub in &p.protos {
        print_function(out, sub);
    }
}

/// A constant as luac prints it.
pub fn constant_string(c: &Constant) -> String {
    match c {
        Constant::Nil => "nil".to_string(),
        Constant::Bool(b) => b.to_string(),
        Constant::Int(i) => i.to_string(),
        Constant::Float(f) => {
            let mut s = fmt_g14(*f);
            if s.bytes().all(|b| b == b'-' || b.is_ascii_digit()) {
                s.push_str(".0");
            }
            s
        }
        Constant::Str(s) => quote(s),
    }
}

fn quote(s: &[u8]) -> String {
    let mut r = String::from("\"");
    for &c in s {
        match c {
            b'"' => r.push_str("\\\""),
            b'\\' => r.push_str("\\\\"),
            0x07 => r.push_str("\\a"),
            0x08 => r.push_str("\\b"),
            0x0c => r.push_str("\\f"),
            b'\n' => r.push_str("\\n"),
            b'\r' => r.push_str("\\r"),
            b'\t' => r.push_str("\\t"),
            0x0b => r.push_str("\\v"),
            32..=126 => r.push(c as char),
            _ => {
                let _ = write!(r, "\\{c:03}");
            }
        }
    }
    r.push('"');
    r
}

/// C's `printf("%.14g", f)`.
pub fn fmt_g14(f: f64) -> String {
    const P: i32 = 14;
    if f.is_nan() {
        return if f.is_sign_negative() { "-nan" } else { "nan" }.to_string();
    }
    if f.is_infinite() {
        return if f < 0.0 { "-inf" } else { "inf" }.to_string();
    }
    if f == 0.0 {
        return if f.is_sign_negative() { "-0" } else { "0" }.to_string();
    }
    // exponent after rounding to P significant digits
    let sci = format!("{:.*e}", (P - 1) as usize, f);
    let (mant, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    if !(-4..P).contains(&exp) {
        let mant = strip_zeros(mant);
        let sign = if exp < 0 { '-' } else { '+' };
        format!("{}e{}{:02}", mant, sign, exp.abs())
    } else {
        let decimals = (P - 1 - exp).max(0) as usize;
        strip_zeros(&format!("{:.*}", decimals, f)).to_string()
    }
}

fn strip_zeros(s: &str) -> &str {
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.')
    } else {
        s
    }
}

fn upval_name(p: &Proto, i: u32) -> &str {
    p.upvalues.get(i as usize).map_or("-", |u| u.name.as_str())
}

fn kstr(p: &Proto, i: u32) -> String {
    p.constants
        .get(i as usize)
        .map_or_else(|| "?".to_string(), constant_string)
}

fn print_code(out: &mut String, p: &Proto) {
    let code = &p.code;
    for (pc, &i) in code.iter().enumerate() {
        let Some(op) = OpCode::from_u8(get_op(i)) else {
            let _ = writeln!(out, "\t{}\t[-]\t?{}", pc + 1, get_op(i));
            continue;
        };
        let a = get_a(i);
        let b = get_b(i);
        let c = get_c(i);
        let ax = get_ax(i);
        let bx = get_bx(i);
        let sb = get_sb(i);
        let sc = get_sc(i);
        let sbx = get_sbx(i);
        let isk = get_k(i);
        let ks = if isk { "k" } else { "" };
        let line = p.line_info.get(pc).copied();
        let _ = write!(out, "\t{}\t", pc + 1);
        match line {
            Some(l) => {
                let _ = write!(out, "[{l}]\t");
            }
            None => out.push_str("[-]\t"),
        }
        let _ = write!(out, "{:<9}\t", op.name());
        let extra_c = || -> u32 {
            code.get(pc + 1)
                .filter(|n| get_op(**n) == OpCode::ExtraArg as u8)
                .map_or(0, |n| get_ax(*n))
        };
        let pc = pc as i64;
        let s = match op {
            OpCode::Move => format!("{a} {b}"),
            OpCode::LoadI | OpCode::LoadF => format!("{a} {sbx}"),
            OpCode::LoadK => format!("{a} {bx}\t; {}", kstr(p, bx)),
            OpCode::LoadKX => format!("{a}\t; {}", kstr(p, extra_c())),
            OpCode::LoadFalse | OpCode::LFalseSkip | OpCode::LoadTrue => format!("{a}"),
            OpCode::LoadNil => format!("{a} {b}\t; {} out", b + 1),
            OpCode::GetUpval | OpCode::SetUpval => {
                format!("{a} {b}\t; {}", upval_name(p, b))
            }
            OpCode::GetTabUp => {
                format!("{a} {b} {c}\t; {} {}", upval_name(p, b), kstr(p, c))
            }
            OpCode::GetTable | OpCode::GetI => format!("{a} {b} {c}"),
            OpCode::GetField => format!("{a} {b} {c}\t; {}", kstr(p, c)),
            OpCode::SetTabUp => {
                let mut s = format!("{a} {b} {c}{ks}\t; {} {}", upval_name(p, a), kstr(p, b));
                if isk {
                    let _ = write!(s, " {}", kstr(p, c));
                }
                s
            }
            OpCode::SetTable | OpCode::SetI | OpCode::Self_ => {
                let mut s = format!("{a} {b} {c}{ks}");
                if isk {
                    let _ = write!(s, "\t; {}", kstr(p, c));
                }
                s
            }
            OpCode::SetField => {
                let mut s = format!("{a} {b} {c}{ks}\t; {}", kstr(p, b));
                if isk {
                    let _ = write!(s, " {}", kstr(p, c));
                }
                s
            }
            OpCode::NewTable => {
                let total = c as u64 + extra_c() as u64 * (MAX_C as u64 + 1);
                format!("{a} {b} {c}\t; {total}")
            }
            OpCode::AddI | OpCode::ShrI | OpCode::ShlI => format!("{a} {b} {sc}{ks}"),
            OpCode::AddK
            | OpCode::SubK
            | OpCode::MulK
            | OpCode::ModK
            | OpCode::PowK
            | OpCode::DivK
            | OpCode::IDivK
            | OpCode::BAndK
            | OpCode::BOrK
            | OpCode::BXorK => {
                let flip = if isk { " flip" } else { "" };
                format!("{a} {b} {c}{ks}\t; {}{flip}", kstr(p, c))
            }
            OpCode::Add
            | OpCode::Sub
            | OpCode::Mul
            | OpCode::Mod
            | OpCode::Pow
            | OpCode::Div
            | OpCode::IDiv
            | OpCode::BAnd
            | OpCode::BOr
            | OpCode::BXor
            | OpCode::Shl
            | OpCode::Shr => format!("{a} {b} {c}"),
            OpCode::Unm | OpCode::BNot | OpCode::Not | OpCode::Len | OpCode::Concat => {
                format!("{a} {b}")
            }
            OpCode::Close | OpCode::Tbc => format!("{a}"),
            OpCode::Jmp => {
                let sj = get_sj(i) as i64;
                format!("{}\t; to {}", sj, sj + pc + 2)
            }
            OpCode::Eq | OpCode::Lt | OpCode::Le => format!("{a} {b} {}", isk as u8),
            OpCode::EqK => format!("{a} {b} {}\t; {}", isk as u8, kstr(p, b)),
            OpCode::EqI | OpCode::LtI | OpCode::LeI | OpCode::GtI | OpCode::GeI => {
                format!("{a} {sb} {}", isk as u8)
            }
            OpCode::Test => format!("{a} {}", isk as u8),
            OpCode::TestSet => format!("{a} {b} {}", isk as u8),
            OpCode::Call => {
                let ins = if b == 0 {
                    "all in ".to_string()
                } else {
                    format!("{} in ", b - 1)
                };
                let outs = if c == 0 {
                    "all out".to_string()
                } else {
                    format!("{} out", c - 1)
                };
                format!("{a} {b} {c}\t; {ins}{outs}")
            }
            OpCode::TailCall => format!("{a} {b} {c}{ks}\t; {} in", b as i64 - 1),
            OpCode::Return => {
                let outs = if b == 0 {
                    "all out".to_string()
                } else {
                    format!("{} out", b - 1)
                };
                format!("{a} {b} {c}{ks}\t; {outs}")
            }
            OpCode::Return0 => String::new(),
            OpCode::Return1 => format!("{a}"),
            OpCode::ForLoop | OpCode::TForLoop => {
                format!("{a} {bx}\t; to {}", pc - bx as i64 + 2)
            }
            OpCode::ForPrep => format!("{a} {bx}\t; exit to {}", pc + bx as i64 + 3),
            OpCode::TForPrep => format!("{a} {bx}\t; to {}", pc + bx as i64 + 2),
            OpCode::TForCall => format!("{a} {c}"),
            OpCode::SetList => {
                let mut s = format!("{a} {b} {c}");
                if isk {
                    let _ = write!(
                        s,
                        "\t; {}",
                        c as u64 + extra_c() as u64 * (MAX_C as u64 + 1)
                    );
                }
                s
            }
            OpCode::Closure => {
                let desc = p.protos.get(bx as usize).map_or_else(
                    || "?".to_string(),
                    |f| {
                        format!(
                            "function <{}:{},{}>",
                            source_name(f),
                            f.line_defined,
                            f.last_line_defined
                        )
                    },
                );
                format!("{a} {bx}\t; {desc}")
            }
            OpCode::VarArg => {
                let outs = if c == 0 {
                    "all out".to_string()
                } else {
                    format!("{} out", c - 1)
                };
                format!("{a} {c}\t; {outs}")
            }
            OpCode::VarArgPrep => format!("{a}"),
            OpCode::ExtraArg => format!("{ax}"),
        };
        out.push_str(&s);
        out.push('\n');
    }
}

fn print_debug(out: &mut String, p: &Proto) {
    let _ = writeln!(out, "constants ({}):", p.constants.len());
    for (i, k) in p.constants.iter().enumerate() {
        let tag = match k {
            Constant::Nil => "N",
            Constant::Bool(_) => "B",
            Constant::Float(_) => "F",
            Constant::Int(_) => "I",
            Constant::Str(_) => "S",
        };
        let _ = writeln!(out, "\t{}\t{}\t{}", i, tag, constant_string(k));
    }
    let _ = writeln!(out, "locals ({}):", p.loc_vars.len());
    for (i, l) in p.loc_vars.iter().enumerate() {
        let _ = writeln!(
            out,
            "\t{}\t{}\t{}\t{}",
            i,
            l.name,
            l.start_pc + 1,
            l.end_pc + 1
        );
    }
    let _ = writeln!(out, "upvalues ({}):", p.upvalues.len());
    for (i, u) in p.upvalues.iter().enumerate() {
        let _ = writeln!(
            out,
            "\t{}\t{}\t{}\t{}",
            i, u.name, u.in_stack as u8, u.index
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn g14() {
        assert_eq!(fmt_g14(2.5), "2.5");
        assert_eq!(fmt_g14(1.0), "1");
        assert_eq!(fmt_g14(1e15), "1e+15");
        assert_eq!(fmt_g14(1e14), "1e+14");
        assert_eq!(fmt_g14(12345678901234.0), "12345678901234");
        assert_eq!(fmt_g14(0.1), "0.1");
        assert_eq!(fmt_g14(1e-5), "1e-05");
        assert_eq!(fmt_g14(0.0001), "0.0001");
        assert_eq!(fmt_g14(1.23456789012345), "1.2345678901235");
        assert_eq!(fmt_g14(123456.789), "123456.789");
        assert_eq!(fmt_g14(99999999999999.9), "1e+14");
        assert_eq!(fmt_g14(-1.5e300), "-1.5e+300");
        assert_eq!(fmt_g14(f64::INFINITY), "inf");
        assert_eq!(constant_string(&Constant::Float(3.0)), "3.0");
        assert_eq!(constant_string(&Constant::Float(1e100)), "1e+100");
        assert_eq!(
            constant_string(&Constant::Str(b"a\"\n\x01".to_vec())),
            "\"a\\\"\\n\\001\""
        );
    }
}
