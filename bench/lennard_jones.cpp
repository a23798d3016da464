//===- lennard_jones.cpp - Cost of the derivatives of a Lennard-Jones energy ===//
//
// The energy of a cluster of n particles in 3-D (n = 10, 100, 1000), over
// all pairs, with the pair term cut off at rc: `if (r2 < rc2)`. f is a
// double loop whose control flow depends on x, so hessc's reverse sweep
// must record the branches, and ADOL-C's tape holds only at the point it
// was traced: the *_adolc variants reuse the tape traced at the benchmark
// point (valid there only), the *_adolc_retape variants trace it again on
// every call, as a user at a new point must.
//
//===----------------------------------------------------------------------===//
#include "adolc_tape.h"
#include "harness.h"

#include <hessc/hessc.h>

#include <cmath>
#include <cstring>
#include <vector>

/// 4 (r^-12 - r^-6) of the squared distance, in units of sigma and epsilon.
static double pair_energy(double r2) {
  double s6 = 1 / (r2 * r2 * r2);
  return 4 * (s6 * s6 - s6);
}

HESSC_DIFF("x[3*n]")
double lj_energy(const double *x, int n, double rc) {
  double rc2 = rc * rc;
  double e = 0;
  for (int i = 0; i < n; ++i) {
    for (int j = i + 1; j < n; ++j) {
      double dx = x[3 * i] - x[3 * j];
      double dy = x[3 * i + 1] - x[3 * j + 1];
      double dz = x[3 * i + 2] - x[3 * j + 2];
      double r2 = dx * dx + dy * dy + dz * dz;
      if (r2 < rc2)
        e += pair_energy(r2);
    }
  }
  return e;
}

namespace {

using namespace hessc::bench;

/// The same function over ADOL-C's adouble, for the tape. `r2 < rc2` is
/// decided while tracing: the tape holds only the pairs inside the cutoff
/// at the traced point (and the comparisons, so that evaluating it where
/// one of them comes out differently fails).
template <typename T> T ljOverloaded(const T *x, int n, double rc) {
  double rc2 = rc * rc;
  T e = 0;
  for (int i = 0; i < n; ++i) {
    for (int j = i + 1; j < n; ++j) {
      T dx = x[3 * i] - x[3 * j];
      T dy = x[3 * i + 1] - x[3 * j + 1];
      T dz = x[3 * i + 2] - x[3 * j + 2];
      T r2 = dx * dx + dy * dy + dz * dz;
      if (r2 < rc2) {
        T s6 = 1 / (r2 * r2 * r2);
        e += 4 * (s6 * s6 - s6);
      }
    }
  }
  return e;
}

/// The pair term phi(r2) = 4 (s^2 - s), s = r2^-3, and its first and second
/// derivatives in r2.
struct Pair {
  explicit Pair(double r2) {
    double ir2 = 1 / r2, s = ir2 * ir2 * ir2;
    Phi = 4 * (s * s - s);
    D1 = (-24 * s * s + 12 * s) * ir2;
    D2 = (168 * s * s - 48 * s) * ir2 * ir2;
  }
  double Phi, D1, D2;
};

/// The gradient by hand: d phi(|d|^2) / d x_i = 2 phi' d, and minus that
/// for x_j.
double gradByHand(const double *x, int n, double rc, double *g) {
  const double rc2 = rc * rc;
  std::memset(g, 0, sizeof(double) * 3 * n);
  double e = 0;
  for (int i = 0; i < n; ++i) {
    const double xi = x[3 * i], yi = x[3 * i + 1], zi = x[3 * i + 2];
    double gx = 0, gy = 0, gz = 0;
    for (int j = i + 1; j < n; ++j) {
      double dx = xi - x[3 * j], dy = yi - x[3 * j + 1], dz = zi - x[3 * j + 2];
      double r2 = dx * dx + dy * dy + dz * dz;
      if (r2 >= rc2)
        continue;
      Pair P(r2);
      e += P.Phi;
      double c = 2 * P.D1;
      gx += c * dx;
      gy += c * dy;
      gz += c * dz;
      g[3 * j] -= c * dx;
      g[3 * j + 1] -= c * dy;
      g[3 * j + 2] -= c * dz;
    }
    g[3 * i] += gx;
    g[3 * i + 1] += gy;
    g[3 * i + 2] += gz;
  }
  return e;
}

/// H v by hand: the pair's Hessian in d is 2 phi' I + 4 phi'' d d^T; with
/// u = v_i - v_j, w = 2 phi' u + 4 phi'' (d.u) d goes to i, -w to j.
double hvpByHand(const double *x, int n, double rc, const double *v, double *hv) {
  const double rc2 = rc * rc;
  std::memset(hv, 0, sizeof(double) * 3 * n);
  double e = 0;
  for (int i = 0; i < n; ++i) {
    const double xi = x[3 * i], yi = x[3 * i + 1], zi = x[3 * i + 2];
    const double vxi = v[3 * i], vyi = v[3 * i + 1], vzi = v[3 * i + 2];
    double hx = 0, hy = 0, hz = 0;
    for (int j = i + 1; j < n; ++j) {
      double dx = xi - x[3 * j], dy = yi - x[3 * j + 1], dz = zi - x[3 * j + 2];
      double r2 = dx * dx + dy * dy + dz * dz;
      if (r2 >= rc2)
        continue;
      Pair P(r2);
      e += P.Phi;
      double ux = vxi - v[3 * j], uy = vyi - v[3 * j + 1], uz = vzi - v[3 * j + 2];
      double a = 2 * P.D1, c = 4 * P.D2 * (dx * ux + dy * uy + dz * uz);
      double wx = a * ux + c * dx, wy = a * uy + c * dy, wz = a * uz + c * dz;
      hx += wx;
      hy += wy;
      hz += wz;
      hv[3 * j] -= wx;
      hv[3 * j + 1] -= wy;
      hv[3 * j + 2] -= wz;
    }
    hv[3 * i] += hx;
    hv[3 * i + 1] += hy;
    hv[3 * i + 2] += hz;
  }
  return e;
}

/// The dense Hessian by hand: each pair's 3x3 block B = 2 phi' I +
/// 4 phi'' d d^T added to (i, i) and (j, j), subtracted from (i, j), (j, i).
double hessianByHand(const double *x, int n, double rc, double *H) {
  const double rc2 = rc * rc;
  const size_t N = 3 * static_cast<size_t>(n);
  std::memset(H, 0, sizeof(double) * N * N);
  double e = 0;
  for (int i = 0; i < n; ++i) {
    for (int j = i + 1; j < n; ++j) {
      double d[3] = {x[3 * i] - x[3 * j], x[3 * i + 1] - x[3 * j + 1], x[3 * i + 2] - x[3 * j + 2]};
      double r2 = d[0] * d[0] + d[1] * d[1] + d[2] * d[2];
      if (r2 >= rc2)
        continue;
      Pair P(r2);
      e += P.Phi;
      for (int a = 0; a < 3; ++a)
        for (int b = 0; b < 3; ++b) {
          double B = 4 * P.D2 * d[a] * d[b] + (a == b ? 2 * P.D1 : 0);
          size_t Ia = 3 * i + a, Ja = 3 * j + a, Ib = 3 * i + b, Jb = 3 * j + b;
          H[Ia * N + Ib] += B;
          H[Ja * N + Jb] += B;
          H[Ia * N + Jb] -= B;
          H[Ja * N + Ib] -= B;
        }
    }
  }
  return e;
}

constexpr double Cutoff = 2.5;

/// The first n sites of a simple cubic lattice with spacing 1.12 (near the
/// pair minimum 2^(1/6)), each moved by up to 0.05 per coordinate: about
/// 45 neighbours inside the cutoff per particle in the large cluster.
struct Problem : ProblemBase {
  explicit Problem(long Size) : ProblemBase(3 * static_cast<int>(Size)), n(static_cast<int>(Size)) {
    int Side = static_cast<int>(std::ceil(std::cbrt(static_cast<double>(n)) - 1e-9));
    Lcg G(5);
    for (int p = 0; p < n; ++p) {
      int Site[3] = {p % Side, (p / Side) % Side, p / (Side * Side)};
      for (int a = 0; a < 3; ++a)
        x[3 * p + a] = 1.12 * Site[a] + G.uniform(-0.05, 0.05);
    }
    fillDirection(v, 4);
  }
  int n;

  AdolcTape Tape;
  void trace() {
    Tape.trace(x.data(), N, [this](const adouble *a) { return ljOverloaded(a, n, Cutoff); });
  }
};

/// Shows what the *_adolc variants' reuse of a tape means here: traced at
/// x, evaluated at a point where a pair has crossed the cutoff. ADOL-C
/// records the comparison and notices (its drivers return a negative code
/// and warn "Retaping recommended"): the tape is of no use there, and its
/// output is not the gradient. Prints how far off it is from hessc's.
void showStaleTape() {
  Problem p(10);
  p.trace();
  // Move particle 0 until some pair that was outside the cutoff is inside.
  const double rc2 = Cutoff * Cutoff;
  std::vector<double> Moved = p.x;
  int Crossed = 0;
  for (int Step = 0; Step < 400 && !Crossed; ++Step) {
    Moved[0] += 0.01;
    Moved[1] += 0.01;
    for (int j = 1; j < p.n; ++j) {
      double r2Old = 0, r2New = 0;
      for (int a = 0; a < 3; ++a) {
        r2Old += (p.x[a] - p.x[3 * j + a]) * (p.x[a] - p.x[3 * j + a]);
        r2New += (Moved[a] - Moved[3 * j + a]) * (Moved[a] - Moved[3 * j + a]);
      }
      Crossed += (r2Old < rc2) != (r2New < rc2);
    }
  }
  std::vector<double> Stale(p.N), Right(p.N);
  int Rc = gradient(p.Tape.tag(), p.N, Moved.data(), Stale.data());
  lj_energy_grad(Moved.data(), p.n, Cutoff, Right.data());
  size_t Worst = 0;
  double Error = detail::relativeError(Stale.data(), Right.data(), p.N, Worst);
  std::fflush(stderr);
  std::printf("ADOL-C tape reuse across the cutoff: traced at the benchmark point (n = 10), "
              "evaluated after %d pair(s) crossed rc: gradient() returns %d (branch switch) and "
              "what it wrote is off by %.2g (relative, max-norm); hessc's gradient needs nothing, "
              "ADOL-C's tape must be traced again\n",
              Crossed, Rc, Error);
  std::fflush(stdout);
}

Workload<Problem> workload() {
  Workload<Problem> W;
  W.Name = "lennard_jones";
  W.Title = "Lennard-Jones energy, all pairs, cutoff 2.5 (N = 3 n)";
  W.SizeHeading = "n";
  W.Sizes = {10, 100, 1000};
  auto Trace = [](Problem &p) {
    if (!p.Tape.traced())
      p.trace();
  };
  using V = Variant<Problem>;
  V Grad{"grad_hessc", Kind::Gradient,
         [](Problem &p, double *g) { return lj_energy_grad(p.x.data(), p.n, Cutoff, g); }};
  W.Variants = {
      {"f", Kind::Value, [](Problem &p, double *) { return lj_energy(p.x.data(), p.n, Cutoff); }},
      Grad,
      {"grad_by_hand", Kind::Gradient,
       [](Problem &p, double *g) { return gradByHand(p.x.data(), p.n, Cutoff, g); }},
      {"grad_adolc", Kind::Gradient,
       [](Problem &p, double *g) { return p.Tape.gradient(p.x.data(), g); }, LONG_MAX, 1e-9,
       Trace},
      {"grad_adolc_retape", Kind::Gradient,
       [](Problem &p, double *g) {
         p.trace();
         return p.Tape.gradient(p.x.data(), g);
       },
       LONG_MAX, 1e-9, Trace},
      {"hvp_hessc", Kind::Hvp,
       [](Problem &p, double *hv) {
         return lj_energy_hvp(p.x.data(), p.n, Cutoff, p.v.data(), hv);
       }},
      {"hvp_by_hand", Kind::Hvp,
       [](Problem &p, double *hv) { return hvpByHand(p.x.data(), p.n, Cutoff, p.v.data(), hv); }},
      centralDifferenceHvp(Grad),
      {"hvp_adolc", Kind::Hvp,
       [](Problem &p, double *hv) { return p.Tape.hvp(p.x.data(), p.v.data(), hv); }, LONG_MAX,
       1e-9, Trace},
      {"hvp_adolc_retape", Kind::Hvp,
       [](Problem &p, double *hv) {
         p.trace();
         return p.Tape.hvp(p.x.data(), p.v.data(), hv);
       },
       LONG_MAX, 1e-9, Trace},
      {"hessian_hessc", Kind::Hessian,
       [](Problem &p, double *H) { return lj_energy_hessian(p.x.data(), p.n, Cutoff, H); }, 100},
      {"hessian_by_hand", Kind::Hessian,
       [](Problem &p, double *H) { return hessianByHand(p.x.data(), p.n, Cutoff, H); }, 100},
      {"hessian_adolc", Kind::Hessian,
       [](Problem &p, double *H) { return p.Tape.hessian(p.x.data(), H); }, 100, 1e-9, Trace},
      {"hessian_adolc_retape", Kind::Hessian,
       [](Problem &p, double *H) {
         p.trace();
         return p.Tape.hessian(p.x.data(), H);
       },
       100, 1e-9, Trace},
  };
  W.Notes = {
      "The branch `if (r2 < rc2)` depends on x. hessc's derivatives hold at every x. ADOL-C's "
      "tape holds the branches taken where it was traced; evaluated where a pair has crossed the "
      "cutoff, its drivers fail (return < 0, 'retaping recommended'). *_adolc reuse the tape "
      "traced at the benchmark point, valid there only (a best case for ADOL-C); *_adolc_retape "
      "trace again on every call, which is what a user at a new point pays.",
      "Dense Hessians only for n <= 100 (N = 300): N <= 2000."};
  return W;
}

} // namespace

int main(int argc, char **argv) {
  showStaleTape();
  return runWorkload(argc, argv, workload());
}
