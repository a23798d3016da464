// Errors about the annotated function itself and its HESSC_DIFF spec, each
// at the offending place: inside the spec string where possible.
// RUN: %hessc_cxx -fsyntax-only -Xclang -verify %s
#include <hessc/hessc.h>

HESSC_DIFF()
int returns_int(double x) { return x > 0; } // expected-error {{hessc can only differentiate functions returning float or double; 'returns_int' returns 'int'}}

HESSC_DIFF("x[n], y") // expected-error {{HESSC_DIFF names 'y', which is not a parameter of 'unknown_name'}}
double unknown_name(const double *x, int n) { return x[0] * n; }

HESSC_DIFF("x") // expected-error {{array parameter 'x' needs a length in the HESSC_DIFF spec}}
double no_length(const double *x) { return x[0]; }

HESSC_DIFF("a, a") // expected-error {{HESSC_DIFF names 'a' twice}}
double twice(double a) { return a; }

HESSC_DIFF("a[2]") // expected-error {{'a' is a scalar, but the HESSC_DIFF spec gives it a length}}
double scalar_length(double a) { return a; }

HESSC_DIFF("x[m]") // expected-error {{the length of 'x' uses 'm', which is not an integer parameter}}
double bad_length(const double *x, double m) { return x[0] * m; }

HESSC_DIFF("x[n") // expected-error {{malformed HESSC_DIFF spec: expected ']', found end of spec}}
double unclosed(const double *x, int n) { return x[0] * n; }

HESSC_DIFF("n") // expected-error {{independent variable 'n' has type 'int'}}
double int_independent(double x, int n) { return x * n; }

HESSC_DIFF()
double no_reals(const double *x, int n) { return x[n]; } // expected-error {{'no_reals' has no floating-point parameters}}

struct Model {
  HESSC_DIFF()
  double member(double x) { return x; } // expected-error {{hessc cannot differentiate 'member': member functions are not supported yet}}
};

template <typename T>
HESSC_DIFF()
T templated(T x) { return x; } // expected-error {{hessc cannot differentiate 'templated': templates are not supported yet}}

// A friend defined in its class: derivatives cannot follow it there.
struct Holder {
  HESSC_DIFF() friend double befriended(double x) { return x * x; } // expected-error {{hessc cannot insert the derivatives of 'befriended' after its definition; define it at namespace scope}}
};

// Lambdas are member functions of their closure; a deleted function has
// nothing to differentiate and is left alone.
auto squared = [](double x) HESSC_DIFF() { return x * x; }; // expected-error {{hessc cannot differentiate 'operator()': lambdas are not supported yet}}
HESSC_DIFF() double deleted_one(double x) = delete;

// A callee defined after the function, in another scope, and no function
// of the first scope after it: nowhere to put the derivatives.
namespace first {
double later(double x);
HESSC_DIFF() double early(double x) { return later(x); } // expected-error {{hessc cannot insert the derivatives of 'early': it calls 'first::later', which is defined after it in another scope; define 'first::later' before 'early'}}
} // namespace first
namespace second {
double unrelated(double x) { return x; }
}
double first::later(double x) { return x * x; }
