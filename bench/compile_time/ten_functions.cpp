// Ten annotated functions of the kinds the benchmarks and tests use, in a
// file that includes <Eigen/Dense> as a user's file would: what
// bench/compile_time.sh compiles with and without the plugin (issue 7's
// compile-time target: at most twice the time).
#include <hessc/hessc.h>
#include <Eigen/Dense>
#include <cmath>
HESSC_DIFF("x[n]") double f1(const double* x, int n) { double s = 0; for (int i = 0; i + 1 < n; ++i) { double t = x[i+1] - x[i]*x[i]; s += 100*t*t + (1-x[i])*(1-x[i]); } return s; }
HESSC_DIFF("w[d], b") double f2(const double* w, double b, const double* X, const double* y, int m, int d) { double s = 0; for (int i = 0; i < m; ++i) { double z = b; for (int j = 0; j < d; ++j) z += w[j]*X[i*d+j]; s += std::log(1 + std::exp(-y[i]*z)); } return s / m; }
HESSC_DIFF("x[n]") double f3(const double* x, int n) { double m = x[0]; for (int i = 1; i < n; ++i) m = std::fmax(m, x[i]); double s = 0; for (int i = 0; i < n; ++i) s += std::exp(x[i] - m); return m + std::log(s); }
HESSC_DIFF() double f4(double x, double y) { return x*x*y + std::sin(y) * std::cos(x); }
HESSC_DIFF("x[n]") double f5(const double* x, int n) { double s = 0; for (int i = 0; i < n; ++i) for (int j = i + 1; j < n; ++j) { double r2 = (x[i]-x[j])*(x[i]-x[j]) + 1; s += 1/(r2*r2*r2) - 1/(r2*r2); } return s; }
HESSC_DIFF("x[n]") double f6(const double* x, int n) { double s = 0; for (int i = 0; i < n; ++i) { double left = i > 0 ? x[i-1] : 0.0; double r = (3-2*x[i])*x[i] - left + 1; s += r*r; } return s; }
HESSC_DIFF("x[n]") double f7(const double* x, int n) { double s = 0; for (int i = 0; i < n; ++i) s += std::tanh(x[i]) * std::sqrt(1 + x[i]*x[i]); return s; }
HESSC_DIFF("x[n]") double f8(const double* x, int n) { double p = 1; for (int i = 0; i < n; ++i) p *= 1 + 0.1*x[i]; return std::pow(p, 1.5); }
HESSC_DIFF("x[3]") double f9(const double* x) { return std::atan2(x[0], x[1]) + std::hypot(x[1], x[2]); }
HESSC_DIFF("a, b") double f10(double a, double b, int k) { double s = 0; for (int i = 0; i < k; ++i) { if (a > i) s += a*b; else s -= b*b; } return s; }
int main() { return 0; }
