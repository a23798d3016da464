//===- newton_rosenbrock.cpp - Newton's method on Rosenbrock --------------===//
//
// Newton's method with a strong Wolfe line search from the classic start
// (-1.2, 1). Far from the minimum the line search shortens some steps;
// near it every step is the full Newton step and the gradient norm is
// roughly squared from one iteration to the next: quadratic convergence,
// visible in the trace and in the ratio ‖g_{k+1}‖ / ‖g_k‖², which settles
// to a constant.
//
//===----------------------------------------------------------------------===//
#include <hessc/curvature.h>
#include <hessc/derivative_check.h>
#include <hessc/hessc.h>
#include <hessc/newton.h>
#include <hessc/objective.h>

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

int main() {
  hessc::Objective F = rosen_objective(2);
  int Failures = 0;
  auto check = [&Failures](bool Condition, const char *What) {
    if (!Condition) {
      std::printf("CHECK FAILED: %s\n", What);
      ++Failures;
    }
  };

  Eigen::VectorXd X(2);
  X << -1.2, 1;
  hessc::DerivativeCheckResult Hessian = hessc::checkHessian(F, X);
  std::printf("%s\n\n", Hessian.report().c_str());
  check(Hessian.Passed, "the generated Hessian matches finite differences");

  hessc::NewtonOptions Options; // Strong Wolfe, Levenberg shift.
  hessc::NewtonSummary Summary = hessc::minimizeNewton(F, X, Options);
  std::printf("%s\n", Summary.fullReport().c_str());
  check(Summary.converged(), "Newton converges");
  check((X - Eigen::Vector2d(1, 1)).norm() < 1e-8, "the minimum is (1, 1)");

  std::printf("the last iterations: |g_k+1| / |g_k|^2\n");
  int Quadratic = 0;
  for (size_t K = 1; K + 1 < Summary.Iterations.size(); ++K) {
    const hessc::NewtonIteration &Now = Summary.Iterations[K];
    const hessc::NewtonIteration &Next = Summary.Iterations[K + 1];
    if (Now.GradientNorm > 1e-1 || Now.GradientNorm < 1e-10)
      continue;
    double Ratio = Next.GradientNorm / (Now.GradientNorm * Now.GradientNorm);
    std::printf("  %2d -> %2d: |g| %.3e -> %.3e, ratio %.3f, step %.2f\n",
                Now.Iteration, Next.Iteration, Now.GradientNorm,
                Next.GradientNorm, Ratio, Next.StepSize);
    check(Next.StepSize == 1, "full Newton steps near the minimum");
    check(Ratio < 100, "|g| is squared, up to a constant");
    ++Quadratic;
  }
  check(Quadratic >= 2, "at least two quadratically convergent steps");

  hessc::CurvatureAnalysis AtMinimum = hessc::analyzeCurvature(F, X);
  std::printf("\nat the minimum: %s, condition number %.1f, 1/lambda_max = "
              "%.3e\n",
              hessc::toString(AtMinimum.Type), AtMinimum.ConditionNumber,
              AtMinimum.StepBound);
  check(AtMinimum.Type == hessc::CriticalPointType::LocalMinimum,
        "(1, 1) is a local minimum");
  return Failures ? 1 : 0;
}
