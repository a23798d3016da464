//===- saddle.cpp - What kind of critical point is this? ------------------===//
//
// f = x1² - x2² has a critical point at the origin that is neither a
// minimum nor a maximum. The curvature analysis says so from the Hessian's
// eigenvalues (-2 and 2) and shows the eigenvectors along the axes: f
// curves down along x2 and up along x1. Away from the origin the point is
// reported as not critical, and along the gradient at (1, 1) the curvature
// gᵀHg is zero, so there is no best gradient step: f falls without bound.
//
//===----------------------------------------------------------------------===//
#include <hessc/curvature.h>
#include <hessc/derivative_check.h>
#include <hessc/hessc.h>
#include <hessc/lanczos.h>
#include <hessc/objective.h>

#include <cmath>
#include <cstdio>

HESSC_DIFF()
double saddle(double x1, double x2) { return x1 * x1 - x2 * x2; }

int main() {
  hessc::Objective F = saddle_objective();
  int Failures = 0;
  auto check = [&Failures](bool Condition, const char *What) {
    if (!Condition) {
      std::printf("CHECK FAILED: %s\n", What);
      ++Failures;
    }
  };

  hessc::CurvatureAnalysis Origin =
      hessc::analyzeCurvature(F, Eigen::Vector2d(0, 0));
  std::printf("%s\n", Origin.report().c_str());
  check(Origin.Type == hessc::CriticalPointType::Saddle,
        "the origin is a saddle");
  check(Origin.Eigenvalues[0] == -2 && Origin.Eigenvalues[1] == 2,
        "the eigenvalues are -2 and 2");
  check(std::fabs(Origin.Eigenvectors(1, 0)) == 1 &&
            std::fabs(Origin.Eigenvectors(0, 1)) == 1,
        "the eigenvectors are along x2 (for -2) and x1 (for 2)");
  check(hessc::directionalCurvature(F, Eigen::Vector2d(0, 0),
                                    Eigen::Vector2d(0, 1)) == -2,
        "the second derivative along x2 is -2");

  // The same verdict from two Hessian-vector products, as for large N.
  hessc::LanczosResult Extremes =
      hessc::lanczosExtremeEigenpairs(F, Eigen::Vector2d(0, 0));
  std::printf("%s\n", Extremes.report().c_str());
  hessc::CriticalPointType FromLanczos = hessc::classifyCriticalPoint(
      Extremes.MinEigenvalue, Extremes.MaxEigenvalue, Origin.GradientNorm);
  std::printf("classification from the Lanczos extremes: %s\n\n",
              hessc::toString(FromLanczos));
  check(FromLanczos == hessc::CriticalPointType::Saddle,
        "Lanczos agrees: a saddle");

  hessc::CurvatureAnalysis Away =
      hessc::analyzeCurvature(F, Eigen::Vector2d(1, 1));
  std::printf("%s\n", Away.report().c_str());
  check(Away.Type == hessc::CriticalPointType::NotCritical,
        "(1, 1) is not a critical point");
  check(Away.GradientStep.Status == hessc::GradientStepStatus::Unbounded,
        "along -g at (1, 1) the model has no minimum (g'Hg = 0)");

  // The generated derivatives against central differences.
  hessc::DerivativeCheckResult Gradient =
      hessc::checkGradient(F, Eigen::Vector2d(0.3, -0.7));
  hessc::DerivativeCheckResult Hessian =
      hessc::checkHessian(F, Eigen::Vector2d(0.3, -0.7));
  std::printf("%s\n%s\n", Gradient.report().c_str(), Hessian.report().c_str());
  check(Gradient.Passed && Hessian.Passed, "the derivative checks pass");
  return Failures ? 1 : 0;
}
