// Checks the derivatives against the hand-derived gradient and Hessian of
// the logistic loss, then minimises it with Newton's method from the runtime.
#include "loss.h"

#include <hessc/newton.h>

#include <cmath>
#include <cstdio>

int main() {
  const int m = 6, d = 2;
  const double X[m * d] = {1.0, 2.0, -1.0, 0.5, 0.3, -2.0, 2.0, 1.0, -0.5, -1.5, 1.5, -0.2};
  const double y[m] = {1, -1, 1, 1, -1, 1};
  const double w[d] = {0.2, -0.1}, b = 0.05;

  // grad = (1/m) sum -y s a + 0.1 (w, 0);  H = (1/m) sum s (1 - s) a a^T + 0.1 diag(1, 1, 0)
  // with a = (X_i, 1), s = sigma(-y z).
  double g[d + 1], H[(d + 1) * (d + 1)], wantG[d + 1] = {0.1 * w[0], 0.1 * w[1], 0};
  double wantH[(d + 1) * (d + 1)] = {0.1, 0, 0, 0, 0.1, 0, 0, 0, 0};
  for (int i = 0; i < m; ++i) {
    double a[d + 1] = {X[i * d], X[i * d + 1], 1};
    double z = w[0] * a[0] + w[1] * a[1] + b, s = 1 / (1 + std::exp(y[i] * z));
    for (int r = 0; r <= d; ++r) {
      wantG[r] += -y[i] * s * a[r] / m;
      for (int c = 0; c <= d; ++c)
        wantH[r * (d + 1) + c] += s * (1 - s) * a[r] * a[c] / m;
    }
  }
  logistic_grad(w, b, X, y, m, d, g);
  logistic_hessian(w, b, X, y, m, d, H);
  double worst = 0;
  for (int r = 0; r <= d; ++r) {
    worst = std::fmax(worst, std::fabs(g[r] - wantG[r]));
    for (int c = 0; c <= d; ++c)
      worst = std::fmax(worst, std::fabs(H[r * (d + 1) + c] - wantH[r * (d + 1) + c]));
  }
  std::printf("largest error of gradient and Hessian: %.1e\n", worst);

  hessc::Objective objective = make_objective(X, y, m, d);
  Eigen::VectorXd x = Eigen::VectorXd::Zero(d + 1);
  hessc::NewtonSummary summary = hessc::minimizeNewton(objective, x);
  Eigen::VectorXd grad;
  objective.gradient(x, grad);
  std::printf("Newton: %s, |g| = %.1e\n", summary.converged() ? "converged" : "did not converge",
              grad.norm());
  return worst < 1e-14 && summary.converged() && grad.norm() < 1e-8 ? 0 : 1;
}
