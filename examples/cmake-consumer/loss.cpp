// An L2-regularised logistic loss in w (d weights) and b.
#include "loss.h"

#include <hessc/hessc.h>

#include <cmath>

HESSC_DIFF("w[d], b")
double logistic(const double *w, double b, const double *X, const double *y, int m, int d) {
  double s = 0;
  for (int i = 0; i < m; ++i) {
    double z = b;
    for (int j = 0; j < d; ++j)
      z += w[j] * X[i * d + j];
    s += std::log1p(std::exp(-y[i] * z));
  }
  double r = 0;
  for (int j = 0; j < d; ++j)
    r += w[j] * w[j];
  return s / m + 0.05 * r;
}

hessc::Objective make_objective(const double *X, const double *y, int m, int d) {
  return logistic_objective(X, y, m, d);
}
