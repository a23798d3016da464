// Extended Rosenbrock over a fixed-size array, x[HESSC_N]: the dimension is
// a compile-time constant here, so this is where derivative generation
// could grow with N (a tape- or expression-based tool unrolls it).
// bench/compile_time.sh compiles it for N = 10, 10^3 and 10^5 with the
// plugin; hessc's generated code is the same loop for every N.
#include <hessc/hessc.h>

HESSC_DIFF("x")
double rosenbrock_fixed(const double x[HESSC_N]) {
  double s = 0;
  for (int i = 0; i < HESSC_N; i += 2) {
    double t1 = 1 - x[i], t2 = 10 * (x[i + 1] - x[i] * x[i]);
    s += t1 * t1 + t2 * t2;
  }
  return s;
}

int main() {
  static double x[HESSC_N], v[HESSC_N], hv[HESSC_N];
  v[0] = 1;
  return static_cast<int>(rosenbrock_fixed_hvp(x, v, hv));
}
