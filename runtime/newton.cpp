//===- runtime/newton.cpp - Newton's method with a modified Hessian -------===//
//
// The iteration, the three ways of turning H into a positive definite B
// (none, eigenvalue modification, Levenberg shift) over a dense or a sparse
// H, and the reports.
//
//===----------------------------------------------------------------------===//
#include <hessc/newton.h>
#include <hessc/sparse_hessian.h>

#include "common.h"

#include <Eigen/Cholesky>
#include <Eigen/Eigenvalues>
#include <Eigen/SparseCholesky>

#include <algorithm>
#include <cmath>
#include <limits>

namespace hessc {

const char *toString(HessianModification Kind) {
  switch (Kind) {
  case HessianModification::None:
    return "None";
  case HessianModification::EigenvalueModification:
    return "EigenvalueModification";
  case HessianModification::LevenbergShift:
    return "LevenbergShift";
  }
  return "?";
}

const char *toString(HessianStorage Storage) {
  switch (Storage) {
  case HessianStorage::Dense:
    return "Dense";
  case HessianStorage::Sparse:
    return "Sparse";
  }
  return "?";
}

void validate(const NewtonOptions &Options) {
  const char *Who = "hessc::NewtonOptions";
  validate(Options.LineSearch);
  detail::requireStopRule(Who, Options.GradientTolerance, Options.MaxIterations);
  detail::require(Options.EigenvalueFloor > 0 &&
                      std::isfinite(Options.EigenvalueFloor),
                  Who, "EigenvalueFloor must be finite and positive");
  detail::require(Options.InitialShift > 0 &&
                      std::isfinite(Options.InitialShift),
                  Who, "InitialShift must be finite and positive");
  detail::require(Options.ShiftIncreaseFactor > 1 &&
                      std::isfinite(Options.ShiftIncreaseFactor),
                  Who, "ShiftIncreaseFactor must be finite and > 1");
  detail::require(Options.MaxShiftAttempts >= 1, Who,
                  "MaxShiftAttempts must be at least 1");
  detail::require(Options.Storage == HessianStorage::Dense ||
                      Options.Modification !=
                          HessianModification::EigenvalueModification,
                  Who,
                  "EigenvalueModification needs the dense Hessian: use "
                  "LevenbergShift or None with HessianStorage::Sparse");
}

std::string HessianModificationRecord::toString() const {
  switch (Applied) {
  case HessianModification::None:
    return "none";
  case HessianModification::LevenbergShift:
    return detail::format("shift %.1e", Shift);
  case HessianModification::EigenvalueModification:
    return detail::format("%d eigenvalue%s (min %.1e)", ModifiedEigenvalues,
                          ModifiedEigenvalues == 1 ? "" : "s", MinEigenvalue);
  }
  return "?";
}

namespace {

/// Cholesky-factorises \p A, and says whether it is numerically positive
/// definite: the factorisation succeeded and no pivot Lᵢᵢ² is below
/// 10 N eps max|Aᵢᵢ|. Eigen's LLT only rejects pivots ≤ 0, so a singular
/// matrix can pass with a pivot at rounding level and give a step of
/// enormous length.
/// The outcome of computing the Newton direction.
struct DirectionResult {
  bool Success = false;
  TerminationType Failure = TerminationType::HessianNotPositiveDefinite;
  std::string Message;
  HessianModificationRecord Record;
};

/// The pivot floor below which a factorisation does not count as positive
/// definite: 10 N eps max|Aᵢᵢ|.
double pivotThreshold(Eigen::Index N, double MaxAbsDiagonal) {
  return 10 * static_cast<double>(N) * std::numeric_limits<double>::epsilon() *
         MaxAbsDiagonal;
}

/// Solves (H + τI) p = -g for the smallest τ in the sequence of Nocedal &
/// Wright, Algorithm 3.3 (Cholesky with added multiple of the identity),
/// or for τ = 0 alone when the modification is None. \p FactorizeShifted(τ)
/// factorises H + τI and says whether it is numerically positive definite;
/// \p Solve(g) then solves with that factorisation.
template <typename FactorizeFunction, typename SolveFunction>
DirectionResult shiftedDirection(double MinDiagonal, const Eigen::VectorXd &G,
                                 const NewtonOptions &Options,
                                 FactorizeFunction &&FactorizeShifted,
                                 SolveFunction &&Solve, Eigen::VectorXd &P) {
  DirectionResult Result;
  if (Options.Modification == HessianModification::None) {
    Result.Record.Factorizations = 1;
    if (!FactorizeShifted(0.0)) {
      Result.Failure = TerminationType::HessianNotPositiveDefinite;
      Result.Message = "the Cholesky factorisation of H failed: H is "
                       "indefinite or singular, and HessianModification is "
                       "None";
      return Result;
    }
    P = -Solve(G);
    Result.Success = true;
    return Result;
  }
  const double Beta = Options.InitialShift;
  double Shift = MinDiagonal > 0 ? 0.0 : Beta - MinDiagonal;
  for (int Attempt = 1; Attempt <= Options.MaxShiftAttempts; ++Attempt) {
    if (FactorizeShifted(Shift)) {
      P = -Solve(G);
      Result.Success = true;
      Result.Record.Applied = Shift > 0 ? HessianModification::LevenbergShift
                                        : HessianModification::None;
      Result.Record.Shift = Shift;
      Result.Record.Factorizations = Attempt;
      return Result;
    }
    Shift = std::max(Options.ShiftIncreaseFactor * Shift, Beta);
  }
  Result.Failure = TerminationType::HessianModificationFailed;
  Result.Message = detail::format(
      "H + tau I was not positive definite for any of %d shifts up to "
      "tau = %.3e",
      Options.MaxShiftAttempts, Shift);
  return Result;
}

DirectionResult eigenvalueModifiedDirection(const Eigen::MatrixXd &H,
                                            const Eigen::VectorXd &G,
                                            const NewtonOptions &Options,
                                            Eigen::VectorXd &P) {
  DirectionResult Result;
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> Solver(H);
  if (Solver.info() != Eigen::Success) {
    Result.Failure = TerminationType::HessianModificationFailed;
    Result.Message = "the eigen-decomposition of H did not converge";
    return Result;
  }
  const Eigen::VectorXd &Lambda = Solver.eigenvalues();
  double Floor =
      Options.EigenvalueFloor * std::max(1.0, Lambda.cwiseAbs().maxCoeff());
  Eigen::VectorXd Modified = Lambda.cwiseAbs().cwiseMax(Floor);
  int Changed = 0;
  for (Eigen::Index I = 0; I < Lambda.size(); ++I)
    Changed += Modified[I] != Lambda[I];
  const Eigen::MatrixXd &Q = Solver.eigenvectors();
  P = -(Q * ((Q.transpose() * G).array() / Modified.array()).matrix());
  Result.Success = true;
  Result.Record.MinEigenvalue = Lambda.size() ? Lambda[0] : 0.0;
  Result.Record.ModifiedEigenvalues = Changed;
  Result.Record.Applied = Changed ? HessianModification::EigenvalueModification
                                  : HessianModification::None;
  return Result;
}

/// Newton directions from the dense Hessian.
class DenseDirections {
public:
  DenseDirections(const Objective &F, const NewtonOptions &Options)
      : F(F), Options(Options) {}

  DirectionResult operator()(const Eigen::VectorXd &X, const Eigen::VectorXd &G,
                             Eigen::VectorXd &P) {
    F.hessian(X, H);
    if (!H.allFinite())
      return nonFinite();
    if (Options.Modification == HessianModification::EigenvalueModification)
      return eigenvalueModifiedDirection(H, G, Options, P);
    const Eigen::Index N = H.rows();
    Eigen::LLT<Eigen::MatrixXd> Cholesky(N);
    Eigen::MatrixXd Shifted(N, N);
    // Eigen's LLT only rejects pivots <= 0, so a singular matrix can pass
    // with a pivot at rounding level and give a step of enormous length.
    auto FactorizeShifted = [&](double Shift) {
      Shifted = H;
      Shifted.diagonal().array() += Shift;
      Cholesky.compute(Shifted);
      if (Cholesky.info() != Eigen::Success)
        return false;
      return N == 0 || Cholesky.matrixLLT().diagonal().cwiseAbs2().minCoeff() >
                           pivotThreshold(N, Shifted.diagonal().cwiseAbs().maxCoeff());
    };
    auto Solve = [&](const Eigen::VectorXd &B) -> Eigen::VectorXd {
      return Cholesky.solve(B);
    };
    return shiftedDirection(N ? H.diagonal().minCoeff() : 0.0, G, Options,
                            FactorizeShifted, Solve, P);
  }

  static DirectionResult nonFinite() {
    DirectionResult Result;
    Result.Failure = TerminationType::NonFiniteValue;
    Result.Message = "the Hessian is not finite at the current point";
    return Result;
  }

private:
  const Objective &F;
  const NewtonOptions &Options;
  Eigen::MatrixXd H;
};

/// Newton directions from the sparse Hessian and a sparse LDLᵀ
/// factorisation. Without pivoting, D's signs are H's inertia (Sylvester),
/// so H + τI is positive definite exactly when every Dᵢ is positive; the
/// same pivot floor as in the dense case rejects numerically singular H.
class SparseDirections {
public:
  SparseDirections(const Objective &F, const NewtonOptions &Options)
      : Hessian(F), Options(Options) {}

  DirectionResult operator()(const Eigen::VectorXd &X, const Eigen::VectorXd &G,
                             Eigen::VectorXd &P) {
    Hessian.compute(X);
    const Eigen::SparseMatrix<double> &H = Hessian.matrix();
    const double *Values = H.valuePtr();
    for (Eigen::Index K = 0; K < H.nonZeros(); ++K)
      if (!std::isfinite(Values[K]))
        return DenseDirections::nonFinite();
    if (AnalysedVersion != Hessian.structureVersion()) {
      LDLT.analyzePattern(H);
      AnalysedVersion = Hessian.structureVersion();
    }
    const Eigen::Index N = H.rows();
    double MinDiagonal = N ? std::numeric_limits<double>::infinity() : 0.0;
    for (Eigen::Index I = 0; I < N; ++I)
      MinDiagonal = std::min(MinDiagonal, Values[Hessian.diagonalSlot(I)]);
    auto FactorizeShifted = [&](double Shift) {
      Shifted = H;
      double MaxAbsDiagonal = 0;
      for (Eigen::Index I = 0; I < N; ++I) {
        double &Entry = Shifted.valuePtr()[Hessian.diagonalSlot(I)];
        Entry += Shift;
        MaxAbsDiagonal = std::max(MaxAbsDiagonal, std::abs(Entry));
      }
      LDLT.factorize(Shifted);
      if (LDLT.info() != Eigen::Success)
        return false;
      return N == 0 || LDLT.vectorD().minCoeff() > pivotThreshold(N, MaxAbsDiagonal);
    };
    auto Solve = [&](const Eigen::VectorXd &B) -> Eigen::VectorXd {
      return LDLT.solve(B);
    };
    return shiftedDirection(MinDiagonal, G, Options, FactorizeShifted, Solve, P);
  }

private:
  SparseHessian Hessian;
  const NewtonOptions &Options;
  Eigen::SimplicialLDLT<Eigen::SparseMatrix<double>, Eigen::Lower> LDLT;
  Eigen::SparseMatrix<double> Shifted;
  int AnalysedVersion = 0;
};

/// The iteration itself, over either kind of direction.
template <typename DirectionFunction>
NewtonSummary runNewton(const Objective &F, Eigen::VectorXd &X,
                        const NewtonOptions &Options,
                        const NewtonCallback &Callback,
                        DirectionFunction &&Directions);

} // namespace

namespace {

template <typename DirectionFunction>
NewtonSummary runNewton(const Objective &F, Eigen::VectorXd &X,
                        const NewtonOptions &Options,
                        const NewtonCallback &Callback,
                        DirectionFunction &&Directions) {
  detail::Stopwatch Clock;
  NewtonSummary Summary;
  Summary.Options = Options;

  detail::SteppedPoint Start = detail::evaluateStart(F, X, Summary);
  Eigen::VectorXd G = std::move(Start.Gradient);
  double Value = Start.Value, GradientNorm = Start.GradientNorm;
  if (!Start.isFinite()) {
    detail::finish(Summary, TerminationType::NonFiniteValue, detail::StartNotFinite, Value,
                   GradientNorm, Clock);
    return Summary;
  }
  if (Callback)
    Callback(Summary.Iterations.back(), X);

  Eigen::VectorXd P;
  for (int Iteration = 1;; ++Iteration) {
    if (std::optional<detail::Stop> Stop = detail::stopBefore(
            Iteration, GradientNorm, Options.GradientTolerance, Options.MaxIterations)) {
      detail::finish(Summary, Stop->Type, std::move(Stop->Message), Value, GradientNorm, Clock);
      return Summary;
    }

    DirectionResult Direction = Directions(X, G, P);
    ++Summary.NumHessianEvaluations;
    if (!Direction.Success) {
      detail::finish(Summary, Direction.Failure, Direction.Message, Value, GradientNorm,
                     Clock);
      return Summary;
    }

    LineSearchResult Search;
    std::optional<detail::SteppedPoint> Next =
        detail::stepAlong(F, X, Value, G, GradientNorm, P, Options.LineSearch,
                          Summary, Clock, Search);
    if (!Next)
      return Summary;

    NewtonIteration Row;
    detail::recordLineSearchStep(Row, Iteration, Value, *Next, Search, P.norm());
    Row.Modification = Direction.Record;
    Summary.Iterations.push_back(Row);

    X.swap(Next->X);
    G.swap(Next->Gradient);
    Value = Next->Value;
    GradientNorm = Next->GradientNorm;
    if (Callback)
      Callback(Row, X);
  }
}

} // namespace

NewtonSummary minimizeNewton(const Objective &F, Eigen::VectorXd &X,
                             const NewtonOptions &Options,
                             const NewtonCallback &Callback) {
  detail::requireSize("hessc::minimizeNewton", "x", X.size(), F.dim());
  validate(Options);
  if (Options.Storage == HessianStorage::Sparse)
    return runNewton(F, X, Options, Callback, SparseDirections(F, Options));
  return runNewton(F, X, Options, Callback, DenseDirections(F, Options));
}

std::string NewtonSummary::briefReport() const {
  return detail::briefReport("Newton", *this);
}

std::string NewtonSummary::fullReport() const {
  std::string Report = detail::format(
      "Newton's method: line search %s (c1 %.0e%s), Hessian modification "
      "%s, %s Hessian\n",
      toString(Options.LineSearch.Type), Options.LineSearch.ArmijoC1,
      Options.LineSearch.Type == LineSearchType::StrongWolfe
          ? detail::format(", c2 %.2g", Options.LineSearch.WolfeC2).c_str()
          : "",
      toString(Options.Modification),
      Options.Storage == HessianStorage::Sparse ? "sparse" : "dense");
  Report += "iter               f    f decrease         |g|      |step|  "
            "   alpha  ls  modification\n";
  for (const NewtonIteration &Row : Iterations) {
    if (Row.Iteration == 0) {
      Report += detail::format("%4d  %14.8e  %12s  %10.3e\n", Row.Iteration,
                               Row.Value, "", Row.GradientNorm);
      continue;
    }
    Report += detail::format(
        "%4d  %14.8e  %12.4e  %10.3e  %10.3e  %8.2e  %2d  %s\n", Row.Iteration,
        Row.Value, Row.ValueChange, Row.GradientNorm, Row.StepNorm,
        Row.StepSize, Row.LineSearchEvaluations,
        Row.Modification.toString().c_str());
  }
  return Report + detail::statisticsReport(*this);
}

} // namespace hessc
