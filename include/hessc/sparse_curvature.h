//===- hessc/sparse_curvature.h - The second-order test for large N -------===//
//
// The dense analysis (curvature.h) needs every eigenvalue, O(N³). For a
// sparse Hessian two exact facts are cheap instead:
//  - the inertia, from Sylvester's law: H - δI = L D Lᵀ has as many positive
//    pivots as H has eigenvalues above δ, and H + δI as many negative ones
//    as H has below -δ; the rest lie within δ of zero. Two sparse LDLᵀ
//    factorisations classify the point exactly, with the same zero
//    tolerance as the dense test;
//  - the extreme eigenvalues, by Lanczos over sparse products H v.
//
//   hessc::SparseCurvatureAnalysis A = hessc::analyzeSparseCurvature(F, x);
//   std::cout << A.report();   // Saddle: 3 negative, 999997 positive ...
//
//===----------------------------------------------------------------------===//
#ifndef HESSC_SPARSE_CURVATURE_H
#define HESSC_SPARSE_CURVATURE_H

#include <hessc/curvature.h>
#include <hessc/lanczos.h>
#include <hessc/objective.h>

#include <Eigen/SparseCore>

#include <limits>
#include <string>

namespace hessc {

/// What the sparse Hessian says about x.
struct SparseCurvatureAnalysis {
  /// Success; NonFiniteValue when f, ∇f or H is not finite; NoConvergence
  /// when a shifted factorisation kept meeting a zero pivot.
  AnalysisStatus Status = AnalysisStatus::NonFiniteValue;
  CurvatureOptions Options;
  /// f(x), ∇f(x), ‖∇f(x)‖₂.
  double Value = std::numeric_limits<double>::quiet_NaN();
  Eigen::VectorXd Gradient;
  double GradientNorm = std::numeric_limits<double>::quiet_NaN();
  /// H(x): lower triangle and diagonal (SparseHessian::matrix()).
  Eigen::SparseMatrix<double> Hessian;
  /// Products per Hessian (colours of its pattern) and stored nonzeros.
  int Colors = 0;
  /// λmin and λmax with eigenvectors, by Lanczos (Status says whether they
  /// converged).
  LanczosResult Extremes;
  /// The inertia, exact: eigenvalues above ZeroThreshold, below
  /// -ZeroThreshold, and within it.
  int NumPositive = 0;
  int NumNegative = 0;
  int NumZero = 0;
  /// EigenvalueTolerance · max(1, |λmin|, |λmax|).
  double ZeroThreshold = std::numeric_limits<double>::quiet_NaN();
  /// The second-order test, from the inertia and ‖∇f‖.
  CriticalPointType Type = CriticalPointType::Inconclusive;
  bool PositiveDefinite = false;
  /// λmax / λmin when H is definite (the 2-norm condition number), else +∞.
  double ConditionNumber = std::numeric_limits<double>::quiet_NaN();
  /// ε* = gᵀg / gᵀHg, and 1/λmax (+∞ when λmax ≤ 0).
  GradientStepAnalysis GradientStep;
  double StepBound = std::numeric_limits<double>::quiet_NaN();

  /// A readable multi-line report.
  std::string report() const;
};

/// Analyses x with the sparse Hessian: one gradient, one sparse Hessian,
/// two LDLᵀ factorisations, Lanczos (at most Lanczos.MaxIterations sparse
/// products) and one HVP for ε*.
///
/// Throws std::invalid_argument when X.size() != F.dim(),
/// std::logic_error when F has no sparse Hessian.
SparseCurvatureAnalysis
analyzeSparseCurvature(const Objective &F,
                       const Eigen::Ref<const Eigen::VectorXd> &X,
                       const CurvatureOptions &Options = {},
                       const LanczosOptions &Lanczos = {});

} // namespace hessc

#endif // HESSC_SPARSE_CURVATURE_H
