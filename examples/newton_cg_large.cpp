//===- newton_cg_large.cpp - Hessian-free Newton-CG with N = 100000 -------===//
//
// Extended Rosenbrock in 100000 variables: its dense Hessian would take
// 80 GB, so Newton-CG and the trust-region Steihaug-CG method solve it with
// Hessian-vector products (the generated rosen_hvp) only. At the solution,
// Lanczos over the same products measures the extreme eigenvalues of the
// Hessian: how ill-conditioned the minimum is and the largest stable
// gradient-descent step.
//
//===----------------------------------------------------------------------===//
#include <hessc/curvature.h>
#include <hessc/hessc.h>
#include <hessc/lanczos.h>
#include <hessc/newton_cg.h>
#include <hessc/objective.h>
#include <hessc/trust_region.h>

#include <cmath>
#include <cstdio>

/// The sum over pairs of 100 (x[i+1] - x[i]²)² + (1 - x[i])².
HESSC_DIFF("x[n]")
double rosen(const double *x, int n) {
  double sum = 0;
  for (int i = 0; i < n; i += 2) {
    double t1 = x[i + 1] - x[i] * x[i];
    double t2 = 1 - x[i];
    sum += 100 * t1 * t1 + t2 * t2;
  }
  return sum;
}

namespace {

Eigen::VectorXd classicStart(int N) {
  Eigen::VectorXd X(N);
  for (int I = 0; I < N; I += 2) {
    X[I] = -1.2;
    X[I + 1] = 1;
  }
  return X;
}

} // namespace

int main() {
  const int N = 100000;
  hessc::Objective F = rosen_objective(N);
  int Failures = 0;
  auto check = [&Failures](bool Condition, const char *What) {
    if (!Condition) {
      std::printf("CHECK FAILED: %s\n", What);
      ++Failures;
    }
  };

  Eigen::VectorXd X = classicStart(N);
  hessc::NewtonCGSummary CG = hessc::minimizeNewtonCG(F, X);
  std::printf("%s\n", CG.fullReport().c_str());
  check(CG.converged(), "Newton-CG converges");
  check(CG.NumHessianEvaluations == 0, "no dense Hessian");
  check((X - Eigen::VectorXd::Ones(N)).lpNorm<Eigen::Infinity>() < 1e-8,
        "every coordinate ends at 1");

  Eigen::VectorXd Y = classicStart(N);
  hessc::TrustRegionSummary TR = hessc::minimizeTrustRegion(F, Y);
  std::printf("%s\n\n", TR.briefReport().c_str());
  check(TR.converged(), "the trust-region method converges");
  check((Y - Eigen::VectorXd::Ones(N)).lpNorm<Eigen::Infinity>() < 1e-8,
        "so does the trust-region method");

  // Each 2 x 2 block of the Hessian at (1, ..., 1) is [[802, -400],
  // [-400, 200]]: eigenvalues 501 ± sqrt(301² + 400²).
  hessc::LanczosResult Extremes = hessc::lanczosExtremeEigenpairs(F, X);
  std::printf("%s\n", Extremes.report().c_str());
  double Root = std::sqrt(301.0 * 301.0 + 400.0 * 400.0);
  check(Extremes.Status == hessc::LanczosStatus::Converged,
        "Lanczos converges");
  check(std::fabs(Extremes.MinEigenvalue - (501 - Root)) < 1e-8 &&
            std::fabs(Extremes.MaxEigenvalue - (501 + Root)) < 1e-8,
        "the extreme eigenvalues are 501 -/+ sqrt(301^2 + 400^2)");
  hessc::CriticalPointType Type = hessc::classifyCriticalPoint(
      Extremes.MinEigenvalue, Extremes.MaxEigenvalue, CG.FinalGradientNorm);
  std::printf("at the solution: %s, condition number %.1f, gradient descent "
              "needs steps below 2/lambda_max = %.3e\n",
              hessc::toString(Type),
              Extremes.MaxEigenvalue / Extremes.MinEigenvalue,
              2 / Extremes.MaxEigenvalue);
  check(Type == hessc::CriticalPointType::LocalMinimum, "a local minimum");
  return Failures ? 1 : 0;
}
