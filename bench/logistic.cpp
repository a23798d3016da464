//===- logistic.cpp - Cost of the derivatives of logistic regression ------===//
//
// The L2-regularised logistic loss of a linear model (weights w[d] and a
// bias b) over m = 1000 samples, for d = 10, 100, 1000 features: a dense
// data-bound f (m d multiply-adds) whose Hessian is X^T D X + lambda I.
// hessc's derivatives against derivatives by hand (fused loops, the
// Hessian by rank-1 updates of one triangle), central differences of the
// gradient, and ADOL-C's tape drivers.
//
//===----------------------------------------------------------------------===//
#include "adolc_tape.h"
#include "harness.h"

#include <hessc/hessc.h>

#include <cmath>
#include <cstring>
#include <vector>

static double dot(const double *a, const double *b, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += a[i] * b[i];
  return s;
}

HESSC_DIFF("w[d], b")
double logistic_loss(const double *w, double b, const double *X, const double *y, int m, int d,
                     double lambda) {
  double loss = 0;
  for (int i = 0; i < m; ++i) {
    double z = dot(w, X + i * d, d) + b;
    loss += std::log1p(std::exp(-y[i] * z));
  }
  return loss + 0.5 * lambda * dot(w, w, d);
}

namespace {

using namespace hessc::bench;

/// The same function over ADOL-C's adouble, for the tape.
template <typename T> T dotOverloaded(const T *a, const double *b, int n) {
  T s = 0;
  for (int i = 0; i < n; ++i)
    s += a[i] * b[i];
  return s;
}

template <typename T>
T logisticOverloaded(const T *w, T b, const double *X, const double *y, int m, int d,
                     double lambda) {
  T loss = 0;
  for (int i = 0; i < m; ++i) {
    T z = dotOverloaded(w, X + i * d, d) + b;
    loss += log(1 + exp(-y[i] * z)); // ADOL-C 2.7 has no log1p for adouble
  }
  T ww = 0;
  for (int j = 0; j < d; ++j)
    ww += w[j] * w[j];
  return loss + 0.5 * lambda * ww;
}

/// The gradient by hand: one pass over the samples; per sample, z = w.x + b,
/// then g += (dloss/dz) x.
double gradByHand(const double *w, double b, const double *X, const double *y, int m, int d,
                  double lambda, double *g) {
  double loss = 0;
  std::memset(g, 0, sizeof(double) * (d + 1));
  for (int i = 0; i < m; ++i) {
    const double *xi = X + static_cast<size_t>(i) * d;
    double z = b;
    for (int j = 0; j < d; ++j)
      z += w[j] * xi[j];
    double e = std::exp(-y[i] * z);
    loss += std::log1p(e);
    double dz = -y[i] * e / (1 + e);
    for (int j = 0; j < d; ++j)
      g[j] += dz * xi[j];
    g[d] += dz;
  }
  double ww = 0;
  for (int j = 0; j < d; ++j) {
    ww += w[j] * w[j];
    g[j] += lambda * w[j];
  }
  return loss + 0.5 * lambda * ww;
}

/// H v by hand: per sample, z and x.v in one pass, then
/// hv += sigma (1 - sigma) (x.v + v_b) x.
double hvpByHand(const double *w, double b, const double *X, const double *y, int m, int d,
                 double lambda, const double *v, double *hv) {
  double loss = 0;
  std::memset(hv, 0, sizeof(double) * (d + 1));
  for (int i = 0; i < m; ++i) {
    const double *xi = X + static_cast<size_t>(i) * d;
    double z = b, xv = v[d];
    for (int j = 0; j < d; ++j) {
      z += w[j] * xi[j];
      xv += v[j] * xi[j];
    }
    double e = std::exp(-y[i] * z);
    loss += std::log1p(e);
    double p = 1 / (1 + e); // sigma(y z); the curvature is p (1 - p)
    double c = p * (1 - p) * xv;
    for (int j = 0; j < d; ++j)
      hv[j] += c * xi[j];
    hv[d] += c;
  }
  double ww = 0;
  for (int j = 0; j < d; ++j) {
    ww += w[j] * w[j];
    hv[j] += lambda * v[j];
  }
  return loss + 0.5 * lambda * ww;
}

/// The Hessian by hand: sum of p (1 - p) [x; 1][x; 1]^T into the lower
/// triangle, lambda on the diagonal, then the upper triangle copied.
double hessianByHand(const double *w, double b, const double *X, const double *y, int m, int d,
                     double lambda, double *H) {
  const int n = d + 1;
  std::memset(H, 0, sizeof(double) * n * n);
  double loss = 0;
  for (int i = 0; i < m; ++i) {
    const double *xi = X + static_cast<size_t>(i) * d;
    double z = b;
    for (int j = 0; j < d; ++j)
      z += w[j] * xi[j];
    double e = std::exp(-y[i] * z);
    loss += std::log1p(e);
    double p = 1 / (1 + e);
    double c = p * (1 - p);
    for (int r = 0; r < d; ++r) {
      double cr = c * xi[r];
      double *Hr = H + static_cast<size_t>(r) * n;
      for (int s = 0; s <= r; ++s)
        Hr[s] += cr * xi[s];
    }
    double *Hb = H + static_cast<size_t>(d) * n;
    for (int s = 0; s < d; ++s)
      Hb[s] += c * xi[s];
    Hb[d] += c;
  }
  double ww = 0;
  for (int j = 0; j < d; ++j) {
    ww += w[j] * w[j];
    H[static_cast<size_t>(j) * n + j] += lambda;
  }
  for (int r = 0; r < n; ++r)
    for (int s = 0; s < r; ++s)
      H[static_cast<size_t>(s) * n + r] = H[static_cast<size_t>(r) * n + s];
  return loss + 0.5 * lambda * ww;
}

constexpr int Samples = 1000;
constexpr double Lambda = 1e-2;

/// x = (w, b); samples with standard normal features scaled by 1/sqrt(d),
/// labels from a noisy teacher, so that the margins are of order one.
struct Problem : ProblemBase {
  explicit Problem(long Size)
      : ProblemBase(static_cast<int>(Size) + 1), d(static_cast<int>(Size)), X(Samples * Size),
        y(Samples) {
    Lcg G(7);
    std::vector<double> Teacher(d);
    for (double &t : Teacher)
      t = G.normal();
    double Scale = 1 / std::sqrt(static_cast<double>(d));
    for (int i = 0; i < Samples; ++i) {
      double z = 0.3 * G.normal();
      for (int j = 0; j < d; ++j) {
        X[static_cast<size_t>(i) * d + j] = Scale * G.normal();
        z += Teacher[j] * X[static_cast<size_t>(i) * d + j];
      }
      y[i] = z > 0 ? 1.0 : -1.0;
    }
    for (int j = 0; j < d; ++j)
      x[j] = 0.5 * Teacher[j] + 0.1 * G.normal();
    x[d] = 0.1;
    fillDirection(v, 2);
  }
  int d;
  std::vector<double> X, y;
  const double *w() const { return x.data(); }
  double b() const { return x[d]; }

  AdolcTape Tape;
  void trace() {
    Tape.trace(x.data(), N, [this](const adouble *a) {
      return logisticOverloaded(a, a[d], X.data(), y.data(), Samples, d, Lambda);
    });
  }
};

Workload<Problem> workload() {
  Workload<Problem> W;
  W.Name = "logistic";
  W.Title = "L2-regularised logistic regression (m = 1000 samples; N = d + 1)";
  W.SizeHeading = "d";
  W.Sizes = {10, 100, 1000};
  auto Trace = [](Problem &p) {
    if (!p.Tape.traced())
      p.trace();
  };
  using V = Variant<Problem>;
  V Grad{"grad_hessc", Kind::Gradient, [](Problem &p, double *g) {
           return logistic_loss_grad(p.w(), p.b(), p.X.data(), p.y.data(), Samples, p.d, Lambda,
                                     g);
         }};
  W.Variants = {
      {"f", Kind::Value,
       [](Problem &p, double *) {
         return logistic_loss(p.w(), p.b(), p.X.data(), p.y.data(), Samples, p.d, Lambda);
       }},
      Grad,
      {"grad_by_hand", Kind::Gradient,
       [](Problem &p, double *g) {
         return gradByHand(p.w(), p.b(), p.X.data(), p.y.data(), Samples, p.d, Lambda, g);
       }},
      {"grad_adolc", Kind::Gradient,
       [](Problem &p, double *g) { return p.Tape.gradient(p.x.data(), g); }, LONG_MAX, 1e-9,
       Trace},
      {"hvp_hessc", Kind::Hvp,
       [](Problem &p, double *hv) {
         return logistic_loss_hvp(p.w(), p.b(), p.X.data(), p.y.data(), Samples, p.d, Lambda,
                                  p.v.data(), hv);
       }},
      {"hvp_by_hand", Kind::Hvp,
       [](Problem &p, double *hv) {
         return hvpByHand(p.w(), p.b(), p.X.data(), p.y.data(), Samples, p.d, Lambda, p.v.data(),
                          hv);
       }},
      centralDifferenceHvp(Grad),
      {"hvp_adolc", Kind::Hvp,
       [](Problem &p, double *hv) { return p.Tape.hvp(p.x.data(), p.v.data(), hv); }, LONG_MAX,
       1e-9, Trace},
      {"hessian_hessc", Kind::Hessian,
       [](Problem &p, double *H) {
         return logistic_loss_hessian(p.w(), p.b(), p.X.data(), p.y.data(), Samples, p.d, Lambda,
                                      H);
       }},
      {"hessian_by_hand", Kind::Hessian,
       [](Problem &p, double *H) {
         return hessianByHand(p.w(), p.b(), p.X.data(), p.y.data(), Samples, p.d, Lambda, H);
       }},
      {"hessian_adolc", Kind::Hessian,
       [](Problem &p, double *H) { return p.Tape.hessian(p.x.data(), H); }, 100, 1e-9, Trace},
  };
  W.Notes = {"hessian_adolc stops at d = 100: at d = 1000 one call would take about 100 times "
             "as long as at d = 100 (10 times the directions over a tape 10 times as long)."};
  return W;
}

} // namespace

int main(int argc, char **argv) { return runWorkload(argc, argv, workload()); }
