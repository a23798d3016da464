#!/usr/bin/env python3
"""Write exact reference derivatives for hessc's execution tests.

Usage: sympy_ref.py TEST.cpp > TEST.ref.h

Every line of TEST.cpp of the form

    // SYMPY: name(x, y) = x**2*y + sin(y)
    // SYMPY: name(x, y; c, k) = c*x*y + k

declares a reference. The names before ';' are the independent variables, in
order; the names after it are constants (passed as doubles after the
independents). The expression is sympy syntax: ** for powers, and sin cos tan
atan atan2 exp log sqrt tanh, fabs/Abs and pow are understood, and the constants pi
and E. For each line the header
defines, with every argument a double:

    double name_ref(x, y, c, k)                            the value
    void   name_ref_grad(x, y, c, k, double* g)            g[i] = df/dx_i
    void   name_ref_hessian(x, y, c, k, double* H)         H[i*N+j], both triangles
    void   name_ref_hvp(x, y, c, k, const double* v, double* hv)     hv = H v

(N is the number of independents.) Argument names may not start with 'ref_',
which the generated code keeps for its own names.

The derivatives are sympy's exact symbolic ones printed with cxxcode (std::
math), so they are correct to rounding wherever the expression is smooth;
the generalised derivatives of fabs (DiracDelta) are dropped, which is right
everywhere except at the kink itself. Any malformed line is an error: the
script prints why on stderr and exits with status 1, so a lit RUN line fails.
"""

import re
import sys

import sympy as sp
from sympy.core.function import AppliedUndef
from sympy.parsing.sympy_parser import parse_expr
from sympy.printing.cxx import cxxcode

# A SYMPY line: '// SYMPY: name(args) = expression'.
LINE_RE = re.compile(
    r"^\s*//\s*SYMPY:\s*(?P<name>[A-Za-z_]\w*)\s*"
    r"\((?P<args>[^()]*)\)\s*=\s*(?P<expr>.+?)\s*$")
IDENT_RE = re.compile(r"^[A-Za-z_]\w*$")

# Every name the generated code declares (outputs, loop counters and the
# temporaries of common-subexpression elimination) starts with this prefix,
# which arguments therefore may not use.
RESERVED = "ref_"
TEMP_PREFIX = RESERVED + "t"

# The only functions an expression may call, under both C and sympy names.
FUNCTIONS = {
    "sin": sp.sin, "cos": sp.cos, "tan": sp.tan, "exp": sp.exp,
    "log": sp.log, "sqrt": sp.sqrt, "tanh": sp.tanh, "pow": sp.Pow,
    "fabs": sp.Abs, "Abs": sp.Abs, "abs": sp.Abs,
    "atan": sp.atan, "atan2": sp.atan2,
}

# The named constants an expression may use.
CONSTANTS = {"pi": sp.pi, "E": sp.E}


class RefError(Exception):
    pass


def parse_args(text):
    """'x, y; c' -> (['x', 'y'], ['c'])."""
    parts = text.split(";")
    if len(parts) > 2:
        raise RefError("more than one ';' in the argument list")
    lists = []
    for part in parts:
        names = [a.strip() for a in part.split(",")] if part.strip() else []
        for a in names:
            if not IDENT_RE.match(a):
                raise RefError("bad argument name %r" % a)
            if a.startswith(RESERVED) or a in FUNCTIONS or a in CONSTANTS:
                raise RefError("argument name %r is reserved" % a)
        lists.append(names)
    indep = lists[0]
    consts = lists[1] if len(lists) > 1 else []
    if not indep:
        raise RefError("no independent variables")
    allnames = indep + consts
    if len(set(allnames)) != len(allnames):
        raise RefError("repeated argument name")
    return indep, consts


def parse_expression(text, symbols):
    if "^" in text:
        raise RefError("'^' is XOR in sympy; write powers with **")
    local = dict(FUNCTIONS)
    local.update(symbols)
    local.update(CONSTANTS)
    # Only what parse_expr's own transformations need, so that a stray name
    # such as I or N cannot silently mean a sympy object: it becomes a
    # symbol, which the check below reports as undeclared.
    globs = {"Integer": sp.Integer, "Float": sp.Float, "Rational": sp.Rational,
             "Symbol": sp.Symbol, "Function": sp.Function,
             "__builtins__": {}}
    try:
        expr = parse_expr(text, local_dict=local, global_dict=globs)
    except Exception as e:  # sympy raises many kinds on bad syntax
        raise RefError("cannot parse %r: %s" % (text, e))
    if not isinstance(expr, sp.Expr):
        raise RefError("%r is not an expression" % text)
    unknown = expr.free_symbols - set(symbols.values())
    if unknown:
        raise RefError("undeclared names: %s" %
                       ", ".join(sorted(str(s) for s in unknown)))
    undefined = expr.atoms(AppliedUndef)
    if undefined:
        raise RefError("unknown functions: %s" %
                       ", ".join(sorted(str(f.func) for f in undefined)))
    return expr


def drop_dirac(expr):
    """Derivatives of |x| beyond the first are distributions; away from the
    kink they are zero."""
    return expr.replace(sp.DiracDelta, lambda *args: sp.S.Zero)


def cxx(expr):
    code = cxxcode(expr, standard="c++17")
    if "Not supported" in code:
        raise RefError("cannot print %s as C++" % expr)
    return code


def emit_body(outputs):
    """C++ statements for outputs, a list of (lead, expr) where lead is
    'g[0] =' or 'return', sharing common subexpressions through const
    temporaries. Also returns the symbols the statements read."""
    temps, reduced = sp.cse([e for _, e in outputs],
                            symbols=sp.numbered_symbols(TEMP_PREFIX),
                            optimizations=None)
    lines = ["  const double %s = %s;" % (t, cxx(e)) for t, e in temps]
    lines += ["  %s %s;" % (lead, cxx(e))
              for (lead, _), e in zip(outputs, reduced)]
    used = set().union(*(e.free_symbols for _, e in outputs))
    return lines, {str(s) for s in used}


def signature(names, used):
    """Parameters; the ones a body does not read are left unnamed so that
    -Wunused-parameter stays quiet."""
    return ", ".join("double %s" % n if n in used else "double /*%s*/" % n
                     for n in names)


def generate(name, indep, consts, text):
    symbols = {n: sp.Symbol(n, real=True) for n in indep + consts}
    f = parse_expression(text, symbols)
    xs = [symbols[n] for n in indep]
    grad = [drop_dirac(sp.diff(f, x)) for x in xs]
    hess = [[drop_dirac(sp.diff(g, x)) for x in xs] for g in grad]
    n = len(xs)
    names = indep + consts
    args = ", ".join(names)

    out = ["// %s(%s) = %s" % (name, ", ".join(indep) +
                               ("; " + ", ".join(consts) if consts else ""),
                               text)]

    body, used = emit_body([("return", f)])
    out.append("inline double %s_ref(%s) {" % (name, signature(names, used)))
    out += body + ["}"]

    body, used = emit_body([("ref_g[%d] =" % i, g)
                            for i, g in enumerate(grad)])
    out.append("inline void %s_ref_grad(%s, double *ref_g) {" %
               (name, signature(names, used)))
    out += body + ["}"]

    body, used = emit_body([("ref_H[%d] =" % (i * n + j), hess[i][j])
                            for i in range(n) for j in range(n)])
    out.append("inline void %s_ref_hessian(%s, double *ref_H) {" %
               (name, signature(names, used)))
    out += body + ["}"]

    out.append("inline void %s_ref_hvp(%s, const double *ref_v, "
               "double *ref_hv) {" % (name, signature(names, set(names))))
    out.append("  double ref_H[%d];" % (n * n))
    out.append("  %s_ref_hessian(%s, ref_H);" % (name, args))
    out.append("  for (int ref_i = 0; ref_i < %d; ++ref_i) {" % n)
    out.append("    ref_hv[ref_i] = 0;")
    out.append("    for (int ref_j = 0; ref_j < %d; ++ref_j)" % n)
    out.append("      ref_hv[ref_i] += ref_H[ref_i * %d + ref_j] * ref_v[ref_j];"
               % n)
    out.append("  }")
    out.append("}")
    return out


def main(argv):
    if len(argv) != 2:
        print("usage: sympy_ref.py TEST.cpp", file=sys.stderr)
        return 2
    path = argv[1]
    try:
        with open(path) as fh:
            lines = fh.read().splitlines()
    except OSError as e:
        print("sympy_ref.py: error: %s" % e, file=sys.stderr)
        return 1

    out = ["// Generated by sympy_ref.py from %s; do not edit." % path,
           "#ifndef HESSC_TEST_SYMPY_REF_H",
           "#define HESSC_TEST_SYMPY_REF_H",
           "#include <cmath>",
           ""]
    seen = set()
    errors = 0
    for lineno, line in enumerate(lines, 1):
        if "SYMPY:" not in line:
            continue
        try:
            m = LINE_RE.match(line)
            if not m:
                raise RefError("expected '// SYMPY: name(args) = expression'")
            name = m.group("name")
            if name in seen:
                raise RefError("reference %r defined twice" % name)
            seen.add(name)
            indep, consts = parse_args(m.group("args"))
            out += generate(name, indep, consts, m.group("expr"))
            out.append("")
        except RefError as e:
            print("%s:%d: error: %s" % (path, lineno, e), file=sys.stderr)
            errors += 1
    if errors:
        return 1
    if not seen:
        print("%s: error: no '// SYMPY:' lines" % path, file=sys.stderr)
        return 1
    out.append("#endif // HESSC_TEST_SYMPY_REF_H")
    sys.stdout.write("\n".join(out) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
