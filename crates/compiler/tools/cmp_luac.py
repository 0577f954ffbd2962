#!/usr/bin/env python3
"""Differential check of moonvm's compiler against PUC's luac.

Usage: cmp_luac.py [--nolines] [--kless] FILE.lua...

Compares `luac -l -l -p FILE` with moonvm's listing (the `listing` example of
moonvm-compiler: `cargo build -p moonvm-compiler --example listing`), after
normalizing luac's output: MMBIN* removed and jump offsets, local ranges and
instruction counts remapped; vararg RETURNs of luac shown as RETURN0/RETURN1;
the MMBIN* "flip"/"sub"/"shl" information moved to the k bit as moonvm encodes
it. --nolines ignores line numbers; --kless ignores constant indices (moonvm
codes `I + x` as ADDK, which shifts later constant indices).

Environment: LUAC (default luac5.4), LISTING (default: the example binary in
the workspace's target/debug). The compiler follows Lua 5.4.6; luac 5.4.4
differs in small ways (debug ranges of loop locals, CLOSE levels on break).
"""
import os, subprocess, sys, re, difflib

KLESS = False
LUAC = os.environ.get("LUAC", "luac5.4")
OURS = os.environ.get("LISTING", os.path.join(os.path.dirname(os.path.abspath(__file__)),
                      "../../../target/debug/examples/listing"))

def parse(text):
    funcs = []
    cur = None
    sec = None
    for line in text.split("\n"):
        if line.startswith("main <") or line.startswith("function <"):
            cur = {"hdr": line, "hdr2": None, "code": [], "k": [], "loc": [], "up": []}
            funcs.append(cur); sec = "code"; continue
        if cur is None or line == "":
            continue
        if cur["hdr2"] is None:
            cur["hdr2"] = line; continue
        m = re.match(r"(constants|locals|upvalues) \((\d+)\)", line)
        if m:
            sec = {"constants": "k", "locals": "loc", "upvalues": "up"}[m.group(1)]; continue
        if sec == "code":
            parts = line.split("\t")
            # '', pc, [line], OPNAME, operands[, ; comment]
            pc = int(parts[1]); ln = parts[2]; op = parts[3].strip()
            operands = parts[4] if len(parts) > 4 else ""
            comment = "\t".join(parts[5:]) if len(parts) > 5 else ""
            cur["code"].append([pc - 1, ln, op, operands.strip(), comment])
        else:
            cur[sec].append(line)
    return funcs

def normalize_luac(f):
    code = f["code"]
    keep = []
    for i, ins in enumerate(code):
        op = ins[2]
        if op in ("MMBIN", "MMBINI", "MMBINK"):
            prev = keep[-1] if keep else None
            ops = ins[3].split()
            flip = ops[3] == "1" if len(ops) > 3 else False
            cm = ins[4]
            if prev is not None:
                if op == "MMBINK" and flip:
                    prev[3] += "k"; prev[4] += " flip"
                elif op == "MMBINI":
                    if prev[2] == "ADDI" and "__sub" in cm: prev[3] += "k"
                    elif prev[2] == "SHRI" and "__shl" in cm: prev[3] += "k"
                    elif prev[2] == "ADDI" and flip: prev[2] = "ADDI-FLIP"
            continue
        keep.append(list(ins))
    # map old pc -> new pc
    newpc = {}
    j = 0
    for i, ins in enumerate(code):
        newpc[i] = j
        if ins[2] not in ("MMBIN", "MMBINI", "MMBINK"):
            j += 1
    newpc[len(code)] = j
    for ins in keep:
        ins[0] = newpc[ins[0]]
    # jumps
    oldpc_of = {}
    j = 0
    for i, ins in enumerate(code):
        if ins[2] not in ("MMBIN", "MMBINI", "MMBINK"):
            oldpc_of[j] = i; j += 1
    for ins in keep:
        op = ins[2]; npc = ins[0]; opc = oldpc_of[npc]
        ops = ins[3].split()
        if op == "JMP":
            t = opc + 1 + int(ops[0]); ins[3] = str(newpc[t] - (npc + 1))
        elif op in ("FORLOOP", "TFORLOOP"):
            t = opc + 1 - int(ops[1]); ins[3] = "%s %d" % (ops[0], npc + 1 - newpc[t])
        elif op == "FORPREP":
            t = opc + 1 + int(ops[1]); ins[3] = "%s %d" % (ops[0], newpc[t] - (npc + 1))
        elif op == "TFORPREP":
            t = opc + 1 + int(ops[1]); ins[3] = "%s %d" % (ops[0], newpc[t] - (npc + 1))
    f["code"] = keep
    # locals
    locs = []
    for l in f["loc"]:
        p = l.split("\t")
        p[3] = str(newpc[int(p[3]) - 1] + 1); p[4] = str(newpc[int(p[4]) - 1] + 1)
        locs.append("\t".join(p))
    f["loc"] = locs
    # vararg returns
    if "+" in f["hdr2"].split()[0]:
        for ins in f["code"]:
            if ins[2] == "RETURN" and not ins[3].endswith("k"):
                a, b, c = ins[3].split()
                if b == "1": ins[2] = "RETURN0"; ins[3] = ""; ins[4] = ""
                elif b == "2": ins[2] = "RETURN1"; ins[3] = a; ins[4] = ""
    f["hdr"] = re.sub(r" \((\d+) instructions? at 0x[0-9a-f]+\)", "", f["hdr"])

def normalize_ours(f):
    f["hdr"] = re.sub(r" \((\d+) instructions?\)", "", f["hdr"])

KPOS = {"LOADK": [1], "GETTABUP": [2], "GETFIELD": [2], "EQK": [1],
        "ADDK": [2], "SUBK": [2], "MULK": [2], "MODK": [2], "POWK": [2], "DIVK": [2], "IDIVK": [2],
        "BANDK": [2], "BORK": [2], "BXORK": [2], "SETTABUP": [1, "2k"], "SETFIELD": [1, "2k"],
        "SETTABLE": ["2k"], "SETI": ["2k"], "SELF": ["2k"]}
def kless(ins):
    op = ins[2]; ops = ins[3].split()
    if op == "ADDI-FLIP":
        return ["ADDK", "%s %s Kk" % (ops[0], ops[1]), ""]
    if op in KPOS:
        for p in KPOS[op]:
            if isinstance(p, str):
                i = int(p[0])
                if i < len(ops) and ops[i].endswith("k"): ops[i] = "Kk"
            elif p < len(ops):
                ops[p] = "K" + ("k" if ops[p].endswith("k") else "")
        cm = ins[4]
        if op == "ADDK" and cm.endswith(" flip"): cm = ""
        return [op, " ".join(ops), cm]
    return [op, ins[3], ins[4]]
def render(funcs, lines=True):
    out = []
    for f in funcs:
        out.append(f["hdr"]); out.append(f["hdr2"] if not KLESS else re.sub(r"\d+ constants?, ", "", f["hdr2"]))
        for ins in f["code"]:
            if KLESS:
                ins = ins[:2] + kless(ins)
            cm = ins[4]
            if ins[2] in ("JMP", "FORLOOP", "TFORLOOP", "FORPREP", "TFORPREP", "CLOSURE"):
                cm = ""
            out.append("%d\t%s%s\t%s\t%s" % (ins[0] + 1, (ins[1] + "\t") if lines else "", ins[2], ins[3], cm))
        out.append("constants:")
        if not KLESS: out += f["k"]
        out.append("locals:"); out += f["loc"]
        out.append("upvalues:"); out += f["up"]
    return out

def run(path, lines):
    r = subprocess.run([LUAC, "-l", "-l", "-p", path], capture_output=True, text=True)
    if r.returncode != 0:
        return None, r.stderr
    lf = parse(r.stdout)
    for f in lf: normalize_luac(f)
    o = subprocess.run([OURS, path], capture_output=True, text=True)
    if o.returncode != 0:
        return None, "OURS FAILED: " + o.stderr
    of = parse(o.stdout)
    for f in of: normalize_ours(f)
    a = render(lf, lines); b = render(of, lines)
    if a == b:
        return True, ""
    return False, "\n".join(difflib.unified_diff(a, b, "luac", "ours", lineterm="", n=3))

if __name__ == "__main__":
    lines = "--nolines" not in sys.argv
    KLESS = "--kless" in sys.argv
    files = [a for a in sys.argv[1:] if not a.startswith("--")]
    nok = 0
    for p in files:
        ok, d = run(p, lines)
        if ok: nok += 1
        else:
            print("=== %s" % p); print(d[:6000])
    print("%d/%d identical" % (nok, len(files)))
