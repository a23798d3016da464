//===- hessc/objective.h - A differentiable function over Eigen vectors ---===//
//
// hessc::Objective is what the runtime's solvers and analyses work on: the
// value, gradient, Hessian-vector product and Hessian of a function of the
// flat vector x of independents, with Eigen types at the interface.
//
// In a translation unit that includes this header, the hessc plugin gives
// every annotated function f a factory
//   hessc::Objective f_objective(<f's non-independent parameters, in order>)
// which scatters x into the right parameters, e.g. rosen_objective(n) or
// logloss_objective(X, y, m, d), and binds f_hessian_sparsity and
// f_hessian_sparse too, for SparseHessian (hessc/sparse_hessian.h). The constant arguments are captured by value
// (pointers stay pointers: the data they point to must outlive the
// Objective).
//
//===----------------------------------------------------------------------===//
#ifndef HESSC_OBJECTIVE_H
#define HESSC_OBJECTIVE_H

#include <hessc/sparsity.h>

#include <Eigen/Core>

#include <algorithm>
#include <array>
#include <cstddef>
#include <functional>
#include <stdexcept>
#include <string>
#include <utility>

namespace hessc {

class Objective {
public:
  /// f(x) for x of dim() entries.
  using ValueFunction = std::function<double(const double *x)>;
  /// Returns f(x) and writes the gradient.
  using GradientFunction = std::function<double(const double *x, double *g)>;
  /// Returns f(x) and writes H(x) v.
  using HvpFunction =
      std::function<double(const double *x, const double *v, double *hv)>;
  /// Returns f(x) and writes H(x), dim() x dim(), exactly symmetric.
  using HessianFunction = std::function<double(const double *x, double *H)>;
  /// Returns f(x) and overwrites the pattern of H(x) (f_hessian_sparsity).
  using SparsityFunction =
      std::function<double(const double *x, SparsityPattern &Pattern)>;
  /// Returns f(x) and writes the nonzeros of H(x) in the order of the
  /// colouring's pattern (f_hessian_sparse).
  using SparseHessianFunction = std::function<double(
      const double *x, const HessianColoring &Coloring, double *Values)>;

  /// The last two may be empty: the objective then has no sparse Hessian.
  Objective(Eigen::Index Dimension, ValueFunction Value,
            GradientFunction Gradient, HvpFunction Hvp, HessianFunction Hessian,
            SparsityFunction Sparsity = {}, SparseHessianFunction Sparse = {})
      : Dimension(Dimension), ValueFn(std::move(Value)),
        GradientFn(std::move(Gradient)), HvpFn(std::move(Hvp)),
        HessianFn(std::move(Hessian)), SparsityFn(std::move(Sparsity)),
        SparseHessianFn(std::move(Sparse)) {
    if (Dimension < 0)
      throw std::invalid_argument("hessc::Objective: negative dimension");
  }

  /// N, the number of independent scalars.
  Eigen::Index dim() const { return Dimension; }

  double value(const Eigen::Ref<const Eigen::VectorXd> &x) const {
    requireSize("x", x.size());
    return ValueFn(x.data());
  }

  /// Returns f(x); g is resized to dim() and overwritten with the gradient.
  double gradient(const Eigen::Ref<const Eigen::VectorXd> &x,
                  Eigen::VectorXd &g) const {
    requireSize("x", x.size());
    g.resize(Dimension);
    return GradientFn(x.data(), g.data());
  }

  /// Returns f(x); hv is resized to dim() and overwritten with H(x) v.
  double hvp(const Eigen::Ref<const Eigen::VectorXd> &x,
             const Eigen::Ref<const Eigen::VectorXd> &v,
             Eigen::VectorXd &hv) const {
    requireSize("x", x.size());
    requireSize("v", v.size());
    hv.resize(Dimension);
    return HvpFn(x.data(), v.data(), hv.data());
  }

  /// Returns f(x); H is resized to dim() x dim() and overwritten with the
  /// Hessian. H is exactly symmetric, so the generated row-major layout and
  /// Eigen's column-major one agree.
  double hessian(const Eigen::Ref<const Eigen::VectorXd> &x,
                 Eigen::MatrixXd &H) const {
    requireSize("x", x.size());
    H.resize(Dimension, Dimension);
    return HessianFn(x.data(), H.data());
  }

  /// True when hessianSparsity and sparseHessian are available.
  bool hasSparseHessian() const { return SparsityFn && SparseHessianFn; }

  /// Returns f(x) and overwrites \p Pattern with the pattern of H(x).
  /// Throws std::logic_error when !hasSparseHessian().
  double hessianSparsity(const Eigen::Ref<const Eigen::VectorXd> &x,
                         SparsityPattern &Pattern) const {
    requireSize("x", x.size());
    requireSparse();
    return SparsityFn(x.data(), Pattern);
  }

  /// Returns f(x) and writes the Coloring.pattern().nonZeros() nonzeros of
  /// H(x) to \p Values. Throws std::logic_error when !hasSparseHessian(),
  /// std::invalid_argument when the colouring is of another dimension.
  double sparseHessian(const Eigen::Ref<const Eigen::VectorXd> &x,
                       const HessianColoring &Coloring, double *Values) const {
    requireSize("x", x.size());
    requireSparse();
    requireSize("the colouring", Coloring.dimension());
    return SparseHessianFn(x.data(), Coloring, Values);
  }

private:
  void requireSparse() const {
    if (!hasSparseHessian())
      throw std::logic_error("hessc::Objective: no sparse Hessian was given "
                             "(f_objective binds one)");
  }

  void requireSize(const char *What, Eigen::Index Size) const {
    if (Size != Dimension)
      throw std::invalid_argument("hessc::Objective: " + std::string(What) +
                                  " has " + std::to_string(Size) +
                                  " entries, the objective has dimension " +
                                  std::to_string(Dimension));
  }

  Eigen::Index Dimension;
  ValueFunction ValueFn;
  GradientFunction GradientFn;
  HvpFunction HvpFn;
  HessianFunction HessianFn;
  SparsityFunction SparsityFn;
  SparseHessianFunction SparseHessianFn;
};

/// Copies N entries of the flat vector into the std::array an annotated
/// function takes (used by the generated f_objective).
template <std::size_t N> std::array<double, N> arrayFrom(const double *First) {
  std::array<double, N> Values;
  std::copy(First, First + N, Values.begin());
  return Values;
}

} // namespace hessc

#endif // HESSC_OBJECTIVE_H
