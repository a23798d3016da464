// f_objective binds the constant arguments and scatters the flat vector of
// independents ("w[d], b": w first, then b) into f's parameters. Checked
// against the hand-derived gradient and Hessian of the logistic loss
//   f(w, b) = (1/m) sum_i log(1 + exp(-y_i (X_i . w + b)))
//   grad    = (1/m) sum_i -y_i s_i a_i,          s_i = sigma(-y_i z_i), a_i = (X_i, 1)
//   Hessian = (1/m) sum_i s_i (1 - s_i) a_i a_i^T
// RUN: %hessc_cxx -I%eigen_include -O1 -Wall -Wextra -Werror %s -o %t
// RUN: %t
// RUN: %hessc_cxx -I%eigen_include -fsyntax-only -fplugin-arg-hessc-dump %s 2>&1 | FileCheck %s
#include <hessc/hessc.h>
#include <hessc/objective.h>

#include <cmath>
#include <cstdio>
#include <stdexcept>

HESSC_DIFF("w[d], b")
double logloss(const double *w, double b, const double *X, const double *y,
               int m, int d) {
  double s = 0;
  for (int i = 0; i < m; ++i) {
    double z = b;
    for (int j = 0; j < d; ++j)
      z += w[j] * X[i * d + j];
    s += std::log(1 + std::exp(-y[i] * z));
  }
  return s / m;
}
// CHECK-LABEL: hessc::Objective logloss_objective(const double *X, const double *y, int m, int d) {
// CHECK-NEXT: return hessc::Objective(
// CHECK-NEXT: d + 1,
// CHECK-NEXT: [=](const double* x) { return logloss(x, x[d], X, y, m, d); },
// CHECK-NEXT: [=](const double* x, double* g) { return logloss_grad(x, x[d], X, y, m, d, g); },

HESSC_DIFF()
double saddle(double x1, double x2) { return x1 * x1 - x2 * x2; }
// CHECK-LABEL: hessc::Objective saddle_objective() {
// CHECK: [=](const double* x) { return saddle(x[0], x[1]); },

static int failures = 0;
static void expect(bool ok, const char *what, double got, double want) {
  if (!ok) {
    std::printf("FAIL %s: got %.17g, want %.17g\n", what, got, want);
    ++failures;
  }
}
static bool close(double a, double b) {
  return std::fabs(a - b) <= 1e-12 * std::fmax(1.0, std::fabs(b));
}

int main() {
  const int m = 4, d = 3;
  const double X[m * d] = {1, 2, -1, 0.5, 0.3, -2, -1.5, 0.2, 0.7, 0.1, -0.4, 1.1};
  const double y[m] = {1, -1, 1, -1};
  hessc::Objective objective = logloss_objective(X, y, m, d);
  expect(objective.dim() == d + 1, "dim", objective.dim(), d + 1);

  Eigen::VectorXd x(d + 1);
  x << 0.3, -0.2, 0.5, 0.1; // w, then b
  Eigen::VectorXd grad, want = Eigen::VectorXd::Zero(d + 1);
  Eigen::MatrixXd H, wantH = Eigen::MatrixXd::Zero(d + 1, d + 1);
  double wantF = 0;
  for (int i = 0; i < m; ++i) {
    Eigen::VectorXd a(d + 1);
    for (int j = 0; j < d; ++j)
      a[j] = X[i * d + j];
    a[d] = 1;
    double z = a.dot(x);
    double s = 1 / (1 + std::exp(y[i] * z)); // sigma(-y z)
    wantF += std::log(1 + std::exp(-y[i] * z)) / m;
    want += -y[i] * s * a / m;
    wantH += s * (1 - s) * a * a.transpose() / m;
  }
  double f = objective.gradient(x, grad);
  expect(close(f, wantF), "value", f, wantF);
  expect(close(objective.value(x), wantF), "value()", objective.value(x), wantF);
  for (int k = 0; k <= d; ++k)
    expect(close(grad[k], want[k]), "gradient", grad[k], want[k]);
  objective.hessian(x, H);
  for (int r = 0; r <= d; ++r)
    for (int c = 0; c <= d; ++c)
      expect(close(H(r, c), wantH(r, c)), "Hessian", H(r, c), wantH(r, c));
  Eigen::VectorXd v = Eigen::VectorXd::LinSpaced(d + 1, -1, 2), hv;
  objective.hvp(x, v, hv);
  Eigen::VectorXd wantHv = wantH * v;
  for (int k = 0; k <= d; ++k)
    expect(close(hv[k], wantHv[k]), "hvp", hv[k], wantHv[k]);

  // A size mismatch is an exception that says what is wrong.
  bool threw = false;
  try {
    objective.value(Eigen::VectorXd::Zero(2));
  } catch (const std::invalid_argument &e) {
    threw = std::string(e.what()).find("dimension 4") != std::string::npos;
  }
  expect(threw, "size mismatch throws", threw, 1);

  hessc::Objective s = saddle_objective();
  Eigen::VectorXd p(2);
  p << 0.7, -1.3;
  s.hessian(p, H);
  expect(H(0, 0) == 2 && H(1, 1) == -2 && H(0, 1) == 0 && H(1, 0) == 0,
         "saddle Hessian diag(2, -2)", H(0, 0), 2);
  std::printf("objective: %s\n", failures ? "FAILED" : "ok");
  return failures != 0;
}
