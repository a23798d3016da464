//===- runtime/sparse_hessian.cpp - Large Hessians as Eigen sparse matrices ===//

#include <hessc/sparse_hessian.h>

#include "common.h"

#include <stdexcept>
#include <utility>

namespace hessc {

SparseHessian::SparseHessian(const Objective &F) : F(F) {
  if (!F.hasSparseHessian())
    throw std::logic_error("hessc::SparseHessian: the objective has no sparse "
                           "Hessian (f_objective binds one)");
}

void SparseHessian::adoptPattern(SparsityPattern Pattern) {
  const Eigen::Index N = Pattern.Dimension;
  // The pattern plus the whole diagonal, by column: the pattern's own order
  // with diagonal entries slotted in where missing.
  std::vector<Eigen::Triplet<double>> Entries;
  Entries.reserve(Pattern.nonZeros() + static_cast<std::size_t>(N));
  for (Eigen::Index J = 0; J < N; ++J) {
    bool HasDiagonal = false;
    for (int K = Pattern.ColumnStarts[J]; K < Pattern.ColumnStarts[J + 1]; ++K)
      HasDiagonal |= Pattern.RowIndices[K] == J;
    if (!HasDiagonal)
      Entries.emplace_back(J, J, 0.0);
    for (int K = Pattern.ColumnStarts[J]; K < Pattern.ColumnStarts[J + 1]; ++K)
      Entries.emplace_back(Pattern.RowIndices[K], J, 0.0);
  }
  Lower.resize(N, N);
  Lower.setFromTriplets(Entries.begin(), Entries.end());
  Lower.makeCompressed();

  ValueSlots.assign(Pattern.nonZeros(), 0);
  DiagonalSlots.assign(static_cast<std::size_t>(N), 0);
  for (Eigen::Index J = 0; J < N; ++J) {
    int K = Pattern.ColumnStarts[J];
    for (Eigen::Index Slot = Lower.outerIndexPtr()[J];
         Slot < Lower.outerIndexPtr()[J + 1]; ++Slot) {
      Eigen::Index Row = Lower.innerIndexPtr()[Slot];
      if (Row == J)
        DiagonalSlots[J] = Slot;
      if (K < Pattern.ColumnStarts[J + 1] && Pattern.RowIndices[K] == Row)
        ValueSlots[K++] = Slot;
    }
  }
  Values.assign(Pattern.nonZeros(), 0.0);
  Coloring = HessianColoring(std::move(Pattern));
  ++StructureVersion;
}

double SparseHessian::compute(const Eigen::Ref<const Eigen::VectorXd> &X) {
  detail::requireSize("hessc::SparseHessian::compute", "x", X.size(), F.dim());
  if (!Computed || pattern().DependsOnPoint) {
    SparsityPattern Here;
    F.hessianSparsity(X, Here);
    if (!Computed) {
      adoptPattern(std::move(Here));
    } else {
      SparsityPattern Union = pattern().unionWith(Here);
      if (Union.nonZeros() != pattern().nonZeros())
        adoptPattern(std::move(Union));
    }
    Computed = true;
  }
  double Value = F.sparseHessian(X, Coloring, Values.data());
  double *Slots = Lower.valuePtr();
  std::fill(Slots, Slots + Lower.nonZeros(), 0.0);
  for (std::size_t K = 0; K < Values.size(); ++K)
    Slots[ValueSlots[K]] = Values[K];
  return Value;
}

Eigen::SparseMatrix<double> SparseHessian::fullMatrix() const {
  Eigen::SparseMatrix<double> Full = Lower.selfadjointView<Eigen::Lower>();
  return Full;
}

} // namespace hessc
