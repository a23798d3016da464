// Constructs that cannot be differentiated (yet) are errors at the
// construct, naming it; no code is generated for such a function.
// RUN: %hessc_cxx -fsyntax-only -Xclang -verify %s
#include <hessc/hessc.h>
#include <cmath>

double opaque(double);

HESSC_DIFF()
double calls_opaque(double x) {
  return 2 * opaque(x); // expected-error {{call to 'opaque', whose body is not visible: hessc differentiates only code it can see}}
}

double recursive(double x, int n) { return n == 0 ? x : x * recursive(x, n - 1); } // expected-error {{call to 'recursive' is recursive: hessc cannot differentiate recursion; write it as a loop}}

HESSC_DIFF()
double calls_recursive(double x) {
  return recursive(x, 3); // expected-note {{in 'recursive', which hessc differentiates because it is called here}}
}

int count_positive(double x) { return x > 0; }

HESSC_DIFF()
double calls_int_helper(double x) {
  return x * count_positive(x); // expected-error {{call to 'count_positive', which returns 'int': hessc differentiates calls to functions returning 'double'}}
}

double helper_with_goto(double x) {
  if (x > 0)
    goto done; // expected-error {{hessc cannot differentiate 'goto'}}
  x = -x;
done:
  return x;
}

HESSC_DIFF()
double calls_bad_helper(double x) {
  return helper_with_goto(x); // expected-note {{in 'helper_with_goto', which hessc differentiates because it is called here}}
}

double first(const double *a) { return a[0]; }

HESSC_DIFF("x[n]")
double call_in_condition(const double *x, int n) {
  double s = 0;
  for (int i = 0; first(x) * i < n; ++i) // expected-error {{call to 'first' in a loop condition or increment is not supported yet; compute it in the loop body}}
    s += x[i];
  return s;
}

HESSC_DIFF()
double uses_goto(double x) {
  if (x > 0)
    goto done; // expected-error {{hessc cannot differentiate 'goto': jumps cannot be reversed}}
  x = -x;
done:
  return x;
}

HESSC_DIFF("x[n]")
double writes_array(double *x, int n) {
  x[0] = 1; // expected-error {{assignment to an element of 'x': writes to arrays are not supported yet}}
  return x[n - 1];
}

HESSC_DIFF()
double truncates(double x) {
  int k = x; // expected-error {{conversion of a floating-point value to an integer cannot be differentiated}}
  return x * k;
}

HESSC_DIFF()
double switches(double x) {
  switch (static_cast<int>(x > 0)) { // expected-error {{hessc cannot differentiate 'switch': not supported yet; use if/else}}
  case 0:
    return -x;
  default:
    return x;
  }
}

HESSC_DIFF()
double local_array(double x) {
  double t[2][2] = {{x, x}, {x, x}}; // expected-error {{hessc cannot differentiate a local array of 'double[2]': only arrays of float or double are supported}}
  return t[0][0];
}

double global_state = 0;
HESSC_DIFF()
double writes_global(double x) {
  global_state = x; // expected-error {{hessc cannot differentiate this assignment}}
  return x;
}

HESSC_DIFF()
double throws(double x) {
  if (x < 0)
    throw 1; // expected-error {{hessc cannot differentiate 'throw': exceptions cannot be differentiated}}
  return x;
}
