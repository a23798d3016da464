//===- gmm.cpp - Cost of the derivatives of a Gaussian-mixture likelihood -===//
//
// The negative log-likelihood of m = 1000 samples under a mixture of k
// Gaussians in d dimensions with diagonal covariances, as a function of
// the means (N = k d = 10, 100, 1000), each sample's density summed over
// the components by a log-sum-exp shifted by the largest term. f is
// exp/log work per sample and component; the Hessian couples all
// components through the responsibilities. hessc's derivatives against
// derivatives by hand, central differences of the gradient, and ADOL-C.
//
//===----------------------------------------------------------------------===//
#include "adolc_tape.h"
#include "harness.h"

#include <hessc/hessc.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <vector>

/// Squared Mahalanobis distance of x from mu, with inverse variances.
static double sqdist(const double *x, const double *mu, const double *invvar, int d) {
  double q = 0;
  for (int j = 0; j < d; ++j) {
    double t = x[j] - mu[j];
    q += t * t * invvar[j];
  }
  return q;
}

/// log sum_c exp(a[c]), shifted by the largest a[c].
static double logsumexp(const double *a, int k) {
  double amax = a[0];
  for (int c = 1; c < k; ++c)
    amax = std::max(amax, a[c]);
  double s = 0;
  for (int c = 0; c < k; ++c)
    s += std::exp(a[c] - amax);
  return amax + std::log(s);
}

HESSC_DIFF("mu[k*d]")
double gmm_nll(const double *mu, const double *X, const double *invvar, const double *logc,
               int m, int k, int d) {
  std::vector<double> a(k);
  double nll = 0;
  for (int i = 0; i < m; ++i) {
    for (int c = 0; c < k; ++c)
      a[c] = logc[c] - 0.5 * sqdist(X + i * d, mu + c * d, invvar + c * d, d);
    nll -= logsumexp(&a[0], k);
  }
  return nll;
}

namespace {

using namespace hessc::bench;

/// The same function over ADOL-C's adouble, for the tape (fmax is ADOL-C's
/// recorded maximum, valid at every point).
template <typename T>
T gmmOverloaded(const T *mu, const double *X, const double *invvar, const double *logc, int m,
                int k, int d) {
  std::vector<T> a(k);
  T nll = 0;
  for (int i = 0; i < m; ++i) {
    for (int c = 0; c < k; ++c) {
      T q = 0;
      for (int j = 0; j < d; ++j) {
        T t = X[i * d + j] - mu[c * d + j];
        q += t * t * invvar[c * d + j];
      }
      a[c] = logc[c] - 0.5 * q;
    }
    T amax = a[0];
    for (int c = 1; c < k; ++c)
      amax = fmax(amax, a[c]);
    T s = 0;
    for (int c = 0; c < k; ++c)
      s += exp(a[c] - amax);
    nll -= amax + log(s);
  }
  return nll;
}

/// Per sample: the log-densities a[c] and the responsibilities r[c]
/// (softmax of a); returns log sum exp a.
double responsibilities(const double *xi, const double *mu, const double *invvar,
                        const double *logc, int k, int d, double *a, double *r) {
  double amax = -HUGE_VAL;
  for (int c = 0; c < k; ++c) {
    const double *muc = mu + c * d, *ivc = invvar + c * d;
    double q = 0;
    for (int j = 0; j < d; ++j) {
      double t = xi[j] - muc[j];
      q += t * t * ivc[j];
    }
    a[c] = logc[c] - 0.5 * q;
    amax = std::max(amax, a[c]);
  }
  double s = 0;
  for (int c = 0; c < k; ++c) {
    r[c] = std::exp(a[c] - amax);
    s += r[c];
  }
  for (int c = 0; c < k; ++c)
    r[c] /= s;
  return amax + std::log(s);
}

/// The gradient by hand: d nll / d mu_c = -sum_i r_ic (x_i - mu_c) / var_c.
double gradByHand(const double *mu, const double *X, const double *invvar, const double *logc,
                  int m, int k, int d, double *g) {
  std::memset(g, 0, sizeof(double) * k * d);
  std::vector<double> a(k), r(k);
  double nll = 0;
  for (int i = 0; i < m; ++i) {
    const double *xi = X + static_cast<size_t>(i) * d;
    nll -= responsibilities(xi, mu, invvar, logc, k, d, a.data(), r.data());
    for (int c = 0; c < k; ++c) {
      const double *muc = mu + c * d, *ivc = invvar + c * d;
      double *gc = g + c * d;
      for (int j = 0; j < d; ++j)
        gc[j] -= r[c] * (xi[j] - muc[j]) * ivc[j];
    }
  }
  return nll;
}

/// H v by hand. With g_c = (x - mu_c) / var_c and t_c = g_c . v_c, each
/// sample adds r_c (v_c / var_c - g_c (t_c - sum_l r_l t_l)) to (H v)_c.
double hvpByHand(const double *mu, const double *X, const double *invvar, const double *logc,
                 int m, int k, int d, const double *v, double *hv) {
  std::memset(hv, 0, sizeof(double) * k * d);
  std::vector<double> a(k), r(k), t(k);
  double nll = 0;
  for (int i = 0; i < m; ++i) {
    const double *xi = X + static_cast<size_t>(i) * d;
    double amax = -HUGE_VAL;
    for (int c = 0; c < k; ++c) {
      const double *muc = mu + c * d, *ivc = invvar + c * d, *vc = v + c * d;
      double q = 0, tc = 0;
      for (int j = 0; j < d; ++j) {
        double diff = xi[j] - muc[j], gj = diff * ivc[j];
        q += diff * gj;
        tc += gj * vc[j];
      }
      a[c] = logc[c] - 0.5 * q;
      t[c] = tc;
      amax = std::max(amax, a[c]);
    }
    double s = 0;
    for (int c = 0; c < k; ++c) {
      r[c] = std::exp(a[c] - amax);
      s += r[c];
    }
    double tbar = 0;
    for (int c = 0; c < k; ++c) {
      r[c] /= s;
      tbar += r[c] * t[c];
    }
    nll -= amax + std::log(s);
    for (int c = 0; c < k; ++c) {
      const double *muc = mu + c * d, *ivc = invvar + c * d, *vc = v + c * d;
      double *hc = hv + c * d;
      double rc = r[c], dt = t[c] - tbar;
      for (int j = 0; j < d; ++j)
        hc[j] += rc * ivc[j] * (vc[j] - (xi[j] - muc[j]) * dt);
    }
  }
  return nll;
}

/// The dense Hessian by hand: per sample, with u = (r_c g_c)_c,
/// H += u u^T - blockdiag(r_c g_c g_c^T) + diag(r_c / var_c), into the
/// lower triangle; then the upper triangle copied.
double hessianByHand(const double *mu, const double *X, const double *invvar, const double *logc,
                     int m, int k, int d, double *H) {
  const int N = k * d;
  std::memset(H, 0, sizeof(double) * N * N);
  std::vector<double> a(k), r(k), g(N), u(N);
  double nll = 0;
  for (int i = 0; i < m; ++i) {
    const double *xi = X + static_cast<size_t>(i) * d;
    nll -= responsibilities(xi, mu, invvar, logc, k, d, a.data(), r.data());
    for (int c = 0; c < k; ++c)
      for (int j = 0; j < d; ++j) {
        int p = c * d + j;
        g[p] = (xi[j] - mu[p]) * invvar[p];
        u[p] = r[c] * g[p];
      }
    for (int c = 0; c < k; ++c) {
      for (int j = 0; j < d; ++j) {
        int p = c * d + j;
        double *Hp = H + static_cast<size_t>(p) * N;
        double up = u[p];
        for (int q = 0; q < c * d; ++q)
          Hp[q] += up * u[q];
        for (int q = c * d; q <= p; ++q)
          Hp[q] += up * (u[q] - g[q]); // u_p u_q - r_c g_p g_q
        Hp[p] += r[c] * invvar[p];
      }
    }
  }
  for (int p = 0; p < N; ++p)
    for (int q = 0; q < p; ++q)
      H[static_cast<size_t>(q) * N + p] = H[static_cast<size_t>(p) * N + q];
  return nll;
}

constexpr int Samples = 1000;

/// k and d for N = k d.
int componentsFor(long N) { return N <= 10 ? 2 : N <= 100 ? 5 : 10; }

/// Samples drawn from a mixture whose centres are about one standard
/// deviation apart in all (so the responsibilities are mixed, not 0 or 1);
/// the means x are the true centres moved a little.
struct Problem : ProblemBase {
  explicit Problem(long Size)
      : ProblemBase(static_cast<int>(Size)), k(componentsFor(Size)), d(N / k),
        X(static_cast<size_t>(Samples) * d), invvar(N), logc(k) {
    Lcg G(13);
    std::vector<double> Centre(N);
    double Spread = 1.5 / std::sqrt(static_cast<double>(d));
    for (double &E : Centre)
      E = Spread * G.normal();
    for (int c = 0; c < k; ++c) {
      double LogDet = 0;
      for (int j = 0; j < d; ++j) {
        double Var = G.uniform(0.5, 2.0);
        invvar[c * d + j] = 1 / Var;
        LogDet += std::log(Var);
      }
      logc[c] = std::log(1.0 / k) - 0.5 * LogDet - 0.5 * d * std::log(2 * M_PI);
    }
    for (int i = 0; i < Samples; ++i) {
      int c = std::min(k - 1, static_cast<int>(G.uniform() * k));
      for (int j = 0; j < d; ++j)
        X[static_cast<size_t>(i) * d + j] =
            Centre[c * d + j] + G.normal() / std::sqrt(invvar[c * d + j]);
    }
    for (int p = 0; p < N; ++p)
      x[p] = Centre[p] + 0.3 * Spread * G.normal();
    fillDirection(v, 6);
  }
  int k, d;
  std::vector<double> X, invvar, logc;

  AdolcTape Tape;
  void trace() {
    Tape.trace(x.data(), N, [this](const adouble *a) {
      return gmmOverloaded(a, X.data(), invvar.data(), logc.data(), Samples, k, d);
    });
  }
};

Workload<Problem> workload() {
  Workload<Problem> W;
  W.Name = "gmm";
  W.Title = "Gaussian-mixture negative log-likelihood in the means, m = 1000 samples "
            "(N = k d: 2x5, 5x20, 10x100)";
  W.SizeHeading = "N";
  W.Sizes = {10, 100, 1000};
  auto Trace = [](Problem &p) {
    if (!p.Tape.traced())
      p.trace();
  };
  using V = Variant<Problem>;
  V Grad{"grad_hessc", Kind::Gradient, [](Problem &p, double *g) {
           return gmm_nll_grad(p.x.data(), p.X.data(), p.invvar.data(), p.logc.data(), Samples,
                               p.k, p.d, g);
         }};
  W.Variants = {
      {"f", Kind::Value,
       [](Problem &p, double *) {
         return gmm_nll(p.x.data(), p.X.data(), p.invvar.data(), p.logc.data(), Samples, p.k,
                        p.d);
       }},
      Grad,
      {"grad_by_hand", Kind::Gradient,
       [](Problem &p, double *g) {
         return gradByHand(p.x.data(), p.X.data(), p.invvar.data(), p.logc.data(), Samples, p.k,
                           p.d, g);
       }},
      {"grad_adolc", Kind::Gradient,
       [](Problem &p, double *g) { return p.Tape.gradient(p.x.data(), g); }, LONG_MAX, 1e-9,
       Trace},
      {"hvp_hessc", Kind::Hvp,
       [](Problem &p, double *hv) {
         return gmm_nll_hvp(p.x.data(), p.X.data(), p.invvar.data(), p.logc.data(), Samples,
                            p.k, p.d, p.v.data(), hv);
       }},
      {"hvp_by_hand", Kind::Hvp,
       [](Problem &p, double *hv) {
         return hvpByHand(p.x.data(), p.X.data(), p.invvar.data(), p.logc.data(), Samples, p.k,
                          p.d, p.v.data(), hv);
       }},
      centralDifferenceHvp(Grad),
      {"hvp_adolc", Kind::Hvp,
       [](Problem &p, double *hv) { return p.Tape.hvp(p.x.data(), p.v.data(), hv); }, LONG_MAX,
       1e-9, Trace},
      {"hessian_hessc", Kind::Hessian,
       [](Problem &p, double *H) {
         return gmm_nll_hessian(p.x.data(), p.X.data(), p.invvar.data(), p.logc.data(), Samples,
                                p.k, p.d, H);
       }},
      {"hessian_by_hand", Kind::Hessian,
       [](Problem &p, double *H) {
         return hessianByHand(p.x.data(), p.X.data(), p.invvar.data(), p.logc.data(), Samples,
                              p.k, p.d, H);
       }},
      {"hessian_adolc", Kind::Hessian,
       [](Problem &p, double *H) { return p.Tape.hessian(p.x.data(), H); }, 100, 1e-9, Trace},
  };
  W.Notes = {"hessian_adolc stops at N = 100: at N = 1000 one call would take about 100 times "
             "as long as at N = 100 (10 times the directions over a tape 10 times as long)."};
  return W;
}

} // namespace

int main(int argc, char **argv) { return runWorkload(argc, argv, workload()); }
