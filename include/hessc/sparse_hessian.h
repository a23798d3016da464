//===- hessc/sparse_hessian.h - Large Hessians as Eigen sparse matrices ---===//
//
// A dense Hessian at N = 10^5 takes 80 GB. Most large problems have a few
// nonzeros per row, and hessc finds which (f_hessian_sparsity), colours
// them so that a handful of Hessian-vector products reveal every nonzero
// (hessc::HessianColoring) and evaluates them (f_hessian_sparse).
// SparseHessian does this over an Objective and keeps the result as an
// Eigen::SparseMatrix, ready for Eigen's sparse factorisations:
//
//   hessc::Objective F = rosen_objective(n);
//   hessc::SparseHessian H(F);
//   H.compute(x);                     // pattern and colouring, then values
//   Eigen::SimplicialLDLT<Eigen::SparseMatrix<double>> LDLT(H.matrix());
//   H.compute(y);                     // values only
//
// The matrix holds the lower triangle (the convention of Eigen's
// SimplicialLDLT and selfadjointView<Eigen::Lower>()), with every diagonal
// entry stored even where the pattern has none, so that a shift H + τI
// keeps its structure. When f's control flow depends on x
// (pattern().DependsOnPoint), compute() finds the pattern again at each new
// point and, if it has new nonzeros, takes the union and colours it anew:
// the values are then exact at every point, and the structure only grows.
//
//===----------------------------------------------------------------------===//
#ifndef HESSC_SPARSE_HESSIAN_H
#define HESSC_SPARSE_HESSIAN_H

#include <hessc/objective.h>
#include <hessc/sparsity.h>

#include <Eigen/SparseCore>

#include <vector>

namespace hessc {

class SparseHessian {
public:
  /// Throws std::logic_error when F has no sparse Hessian
  /// (Objective::hasSparseHessian). F must outlive this object.
  explicit SparseHessian(const Objective &F);

  /// Evaluates H(x) and returns f(x). The first call (and, for a pattern
  /// that depends on the point, any call that meets new nonzeros) also
  /// finds the pattern and colours it. Throws std::invalid_argument when
  /// x.size() != F.dim().
  double compute(const Eigen::Ref<const Eigen::VectorXd> &X);

  /// H(x) of the last compute(): lower triangle and full diagonal.
  const Eigen::SparseMatrix<double> &matrix() const { return Lower; }
  /// Both triangles, assembled from matrix().
  Eigen::SparseMatrix<double> fullMatrix() const;

  /// True once compute() has run.
  bool computed() const { return Computed; }
  const SparsityPattern &pattern() const { return Coloring.pattern(); }
  const HessianColoring &coloring() const { return Coloring; }
  /// Hessian-vector products (compressed columns) per evaluation.
  int colors() const { return Coloring.colors(); }
  /// How often the structure of matrix() was (re)built: 1 after the first
  /// compute(), more when a point-dependent pattern grew. A factorisation
  /// analysed for an older structure must be analysed again.
  int structureVersion() const { return StructureVersion; }
  /// The index in matrix().valuePtr() of diagonal entry i.
  Eigen::Index diagonalSlot(Eigen::Index I) const { return DiagonalSlots[I]; }

private:
  void adoptPattern(SparsityPattern Pattern);

  const Objective &F;
  HessianColoring Coloring;
  Eigen::SparseMatrix<double> Lower;
  /// Where nonzero k of the pattern lives in Lower.valuePtr().
  std::vector<Eigen::Index> ValueSlots;
  std::vector<Eigen::Index> DiagonalSlots;
  std::vector<double> Values;
  int StructureVersion = 0;
  bool Computed = false;
};

} // namespace hessc

#endif // HESSC_SPARSE_HESSIAN_H
