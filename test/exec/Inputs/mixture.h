//===- mixture.h - Reference derivatives of a Gaussian mixture --*- C++ -*-===//
//
// f(mu) = -sum_i log sum_c exp(-(X_i - mu_c)^2 / 2), a one-dimensional
// mixture of unit Gaussians with means mu, which array_fusion.cpp and
// pullback_merging.cpp write two ways. By hand: with t_ic = X_i - mu_c and
// responsibilities r_ic = exp(-t_ic^2 / 2) / sum_d exp(-t_id^2 / 2),
// grad_c = -sum_i r_ic t_ic and
// H_cd = sum_i r_ic (delta_cd (1 - t_ic^2) + r_id t_ic t_id).
//
//===----------------------------------------------------------------------===//
#ifndef HESSC_TEST_MIXTURE_H
#define HESSC_TEST_MIXTURE_H

#include <cmath>
#include <vector>

#include "real.h"

inline real::Ref mixture_reference(const std::vector<double> &mu, const std::vector<double> &X) {
  const int k = static_cast<int>(mu.size());
  real::Ref want(k);
  for (double Xi : X) {
    std::vector<double> t(k), r(k);
    double s = 0;
    for (int a = 0; a < k; ++a) {
      t[a] = Xi - mu[a];
      r[a] = std::exp(-0.5 * t[a] * t[a]);
      s += r[a];
    }
    want.f -= std::log(s);
    for (int a = 0; a < k; ++a)
      r[a] /= s;
    for (int a = 0; a < k; ++a) {
      want.g[a] -= r[a] * t[a];
      for (int b = 0; b < k; ++b)
        want.h(a, b) += r[a] * ((a == b ? 1 - t[a] * t[a] : 0.0) + r[b] * t[a] * t[b]);
    }
  }
  return want;
}

#endif // HESSC_TEST_MIXTURE_H
