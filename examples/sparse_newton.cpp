//===- sparse_newton.cpp - Newton's method on a sparse Hessian, N = 10^6 --===//
//
// Extended Rosenbrock in a million variables. Its dense Hessian would take
// 8 TB; hessc finds that it is block-diagonal (rosen_hessian_sparsity),
// colours the pattern with 2 colours, and from then on evaluates the whole
// Hessian with two Hessian-vector products (rosen_hessian_sparse). Newton's
// method factorises it with Eigen's SimplicialLDLT and converges
// quadratically to ‖g‖ < 1e-8; the sparse curvature analysis then counts
// the eigenvalues of each sign at the solution exactly (two sparse LDLᵀ
// factorisations) and finds the extreme ones by Lanczos.
//
// Usage: sparse_newton [N]   (default 1000000; N even)
//
//===----------------------------------------------------------------------===//
#include <hessc/hessc.h>
#include <hessc/newton.h>
#include <hessc/objective.h>
#include <hessc/sparse_curvature.h>
#include <hessc/sparse_hessian.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>

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

double secondsSince(std::chrono::steady_clock::time_point Start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - Start).count();
}

} // namespace

int main(int argc, char **argv) {
  const int N = argc > 1 ? std::atoi(argv[1]) : 1000000;
  if (N < 2 || N % 2) {
    std::fprintf(stderr, "sparse_newton: N must be even and at least 2\n");
    return 2;
  }
  hessc::Objective F = rosen_objective(N);
  int Failures = 0;
  auto check = [&Failures](bool Condition, const char *What) {
    if (!Condition) {
      std::printf("CHECK FAILED: %s\n", What);
      ++Failures;
    }
  };

  Eigen::VectorXd X(N);
  for (int I = 0; I < N; I += 2) {
    X[I] = -1.2;
    X[I + 1] = 1;
  }
  // The pattern on its own, for the report.
  auto Start = std::chrono::steady_clock::now();
  hessc::SparseHessian H(F);
  H.compute(X);
  std::printf("N = %d: Hessian pattern %zu nonzeros in the lower triangle, %d colours "
              "(found and coloured in %.2f s)\n",
              N, H.pattern().nonZeros(), H.colors(), secondsSince(Start));
  check(H.pattern().nonZeros() == 3 * static_cast<size_t>(N) / 2,
        "the pattern is the 2x2 blocks: 3 entries per pair");
  check(H.colors() == 2, "a block-diagonal pattern takes 2 colours");

  hessc::NewtonOptions Options;
  Options.Storage = hessc::HessianStorage::Sparse;
  Start = std::chrono::steady_clock::now();
  hessc::NewtonSummary Summary = hessc::minimizeNewton(F, X, Options);
  double Seconds = secondsSince(Start);
  std::printf("%s\n", Summary.fullReport().c_str());
  std::printf("sparse Newton: %zu iterations in %.2f s\n\n", Summary.Iterations.size() - 1,
              Seconds);
  check(Summary.converged(), "Newton converges");
  check(Summary.FinalGradientNorm < 1e-8, "to |g| < 1e-8");
  check((X - Eigen::VectorXd::Ones(N)).lpNorm<Eigen::Infinity>() < 1e-8,
        "every coordinate ends at 1");

  // Each 2 x 2 block at (1, ..., 1) is [[802, -400], [-400, 200]], with
  // eigenvalues 501 ± sqrt(301² + 400²): N/2 of each, all positive.
  hessc::SparseCurvatureAnalysis A = hessc::analyzeSparseCurvature(F, X);
  std::printf("%s", A.report().c_str());
  double Root = std::sqrt(301.0 * 301.0 + 400.0 * 400.0);
  check(A.Status == hessc::AnalysisStatus::Success, "the analysis succeeds");
  check(A.NumPositive == N && A.NumNegative == 0, "all N eigenvalues are positive");
  check(A.Type == hessc::CriticalPointType::LocalMinimum, "a local minimum");
  check(std::fabs(A.Extremes.MinEigenvalue - (501 - Root)) < 1e-8 &&
            std::fabs(A.Extremes.MaxEigenvalue - (501 + Root)) < 1e-8,
        "the extreme eigenvalues are 501 -/+ sqrt(301^2 + 400^2)");
  return Failures ? 1 : 0;
}
