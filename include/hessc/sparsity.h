//===- hessc/sparsity.h - Sparse Hessians: pattern, colouring, values -----===//
//
// What the generated f_hessian_sparsity and f_hessian_sparse call, and what
// their users hold on to. Standard library only, like support.h.
//
// The pattern. f_hvp_sparsity is f_hvp with every tangent replaced by the
// set of independents it depends on (IndexSet, whose arithmetic is set
// union): seeded with v_j = {j}, entry i of its product is the set of j for
// which H_ij is structurally nonzero, i.e. for which a data path from x_j
// through the derivative code reaches (H v)_i. That is the pattern of the
// very code f_hvp and f_hessian run, found in one sweep without forming H.
//
// The colouring. Columns of H that share no row can be added up and
// recovered from one product H·(e_j + e_k + ...). A star colouring
// (Gebremedhin, Manne and Pothen, SIAM Review 47(4), 2005) asks less than
// that, using symmetry: adjacent vertices differ in colour, and every path
// on four vertices uses at least three colours. Then each H_ij is read
// directly, from row i of the product of colour(j) or from row j of the
// product of colour(i). A tridiagonal H needs 3 colours, an arrow-head 2.
//
// The values. f_hessian_sparse multiplies H by one 0/1 seed per colour
// (eight colours at a time in f_hessian_block when there are enough of them)
// and reads each nonzero out of the products.
//
//===----------------------------------------------------------------------===//
#ifndef HESSC_SPARSITY_H
#define HESSC_SPARSITY_H

#include <hessc/support.h>

#include <algorithm>
#include <cstddef>
#include <memory>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace hessc {

//===----------------------------------------------------------------------===//
// IndexSet: the tangent type of f_hvp_sparsity
//===----------------------------------------------------------------------===//

// Generated code that uses IndexSet is large and runs once per pattern:
// its operations stay out of line (HESSC_OUT_OF_LINE) so that the optimizer
// does not copy a set union into every statement of it (a third of the
// compile time of a file with the plugin, otherwise).

/// A sorted set of independent indices: what a tangent depends on. Sums and
/// differences of tangents are unions; scaling by a value changes nothing
/// (a coefficient that happens to be zero at this point is still there
/// structurally), so it returns its operand itself.
class IndexSet {
public:
  IndexSet() = default;
  /// The tangent of a constant, which generated code writes as `t_dot = 0.0`:
  /// the empty set. The value itself is not looked at.
  template <typename Real,
            typename = std::enable_if_t<std::is_floating_point_v<Real>>>
  IndexSet(Real /*Zero*/) {}
  HESSC_OUT_OF_LINE IndexSet(const IndexSet &Other) : Indices(Other.Indices) {}
  IndexSet(IndexSet &&Other) noexcept = default;
  HESSC_OUT_OF_LINE IndexSet &operator=(const IndexSet &Other) {
    Indices = Other.Indices;
    return *this;
  }
  IndexSet &operator=(IndexSet &&Other) noexcept = default;

  static IndexSet single(int Index) {
    IndexSet S;
    S.Indices.push_back(Index);
    return S;
  }

  const std::vector<int> &indices() const { return Indices; }
  bool empty() const { return Indices.empty(); }
  std::size_t size() const { return Indices.size(); }

  HESSC_OUT_OF_LINE IndexSet &operator+=(const IndexSet &Other) {
    if (Other.Indices.empty() || &Other == this)
      return *this;
    if (Indices.empty()) {
      Indices = Other.Indices;
      return *this;
    }
    // Accumulations mostly add what is already there.
    if (std::includes(Indices.begin(), Indices.end(), Other.Indices.begin(),
                      Other.Indices.end()))
      return *this;
    std::vector<int> Union;
    Union.reserve(Indices.size() + Other.Indices.size());
    std::set_union(Indices.begin(), Indices.end(), Other.Indices.begin(),
                   Other.Indices.end(), std::back_inserter(Union));
    Indices.swap(Union);
    return *this;
  }
  IndexSet &operator-=(const IndexSet &Other) { return *this += Other; }
  template <typename Real> IndexSet &operator*=(Real) { return *this; }
  template <typename Real> IndexSet &operator/=(Real) { return *this; }

  friend HESSC_OUT_OF_LINE IndexSet operator+(const IndexSet &A, const IndexSet &B) {
    IndexSet Sum = A;
    return Sum += B;
  }
  friend IndexSet operator-(const IndexSet &A, const IndexSet &B) { return A + B; }
  friend const IndexSet &operator-(const IndexSet &A) { return A; }
  template <typename Real,
            typename = std::enable_if_t<std::is_arithmetic_v<Real>>>
  friend const IndexSet &operator*(const IndexSet &A, Real) {
    return A;
  }
  template <typename Real,
            typename = std::enable_if_t<std::is_arithmetic_v<Real>>>
  friend const IndexSet &operator*(Real, const IndexSet &A) {
    return A;
  }
  template <typename Real,
            typename = std::enable_if_t<std::is_arithmetic_v<Real>>>
  friend const IndexSet &operator/(const IndexSet &A, Real) {
    return A;
  }

private:
  std::vector<int> Indices;
};


/// The tape of index sets that f_hvp_sparsity keeps beside a value tape.
template <> class Tape<IndexSet> {
public:
  void push(IndexSet Value) { Data.push_back(std::move(Value)); }
  IndexSet pop() {
    IndexSet Value = std::move(Data.back());
    Data.pop_back();
    return Value;
  }
  std::size_t size() const { return Data.size(); }

private:
  std::vector<IndexSet> Data;
};

//===----------------------------------------------------------------------===//
// The pattern
//===----------------------------------------------------------------------===//

/// The structurally nonzero entries of a symmetric N x N Hessian, lower
/// triangle (i >= j) with the diagonal, compressed by column like Eigen's
/// column-major SparseMatrix: the rows of column j are
/// RowIndices[ColumnStarts[j]] ... RowIndices[ColumnStarts[j+1] - 1], in
/// increasing order. Nonzero k is entry (RowIndices[k], column of k).
struct SparsityPattern {
  int Dimension = 0;
  std::vector<int> ColumnStarts{0};
  std::vector<int> RowIndices;
  /// Control flow of f (an `if`, a loop bound, min/max, a kink) depends on
  /// the independents, so the pattern is that of the path taken at the
  /// point it was computed at; elsewhere H may have other nonzeros. Users of
  /// such a pattern recompute it at each new point and take the union
  /// (SparseHessian in the runtime does).
  bool DependsOnPoint = false;

  std::size_t nonZeros() const { return RowIndices.size(); }

  /// True when H_ij (either triangle) is in the pattern.
  bool contains(int I, int J) const {
    if (I < J)
      std::swap(I, J);
    if (J < 0 || I >= Dimension)
      return false;
    auto First = RowIndices.begin() + ColumnStarts[J];
    auto Last = RowIndices.begin() + ColumnStarts[J + 1];
    return std::binary_search(First, Last, I);
  }

  /// The union of this pattern and \p Other, which must have the same
  /// dimension.
  SparsityPattern unionWith(const SparsityPattern &Other) const;

  /// The pattern whose lower triangle holds the (row, column) pairs given,
  /// in any order and either triangle, duplicates allowed.
  static SparsityPattern
  fromEntries(int Dimension, std::vector<std::pair<int, int>> Entries);
};

inline SparsityPattern
SparsityPattern::fromEntries(int Dimension,
                             std::vector<std::pair<int, int>> Entries) {
  if (Dimension < 0)
    throw std::invalid_argument("hessc::SparsityPattern: negative dimension");
  for (auto &[Row, Column] : Entries) {
    if (Row < Column)
      std::swap(Row, Column);
    if (Column < 0 || Row >= Dimension)
      throw std::invalid_argument("hessc::SparsityPattern: entry (" +
                                  std::to_string(Row) + ", " +
                                  std::to_string(Column) + ") out of range");
  }
  // By column, then row: the compressed order.
  std::sort(Entries.begin(), Entries.end(),
            [](const auto &A, const auto &B) {
              return A.second != B.second ? A.second < B.second
                                          : A.first < B.first;
            });
  Entries.erase(std::unique(Entries.begin(), Entries.end()), Entries.end());
  SparsityPattern P;
  P.Dimension = Dimension;
  P.ColumnStarts.assign(static_cast<std::size_t>(Dimension) + 1, 0);
  P.RowIndices.reserve(Entries.size());
  for (const auto &[Row, Column] : Entries) {
    ++P.ColumnStarts[Column + 1];
    P.RowIndices.push_back(Row);
  }
  for (int J = 0; J < Dimension; ++J)
    P.ColumnStarts[J + 1] += P.ColumnStarts[J];
  return P;
}

inline SparsityPattern
SparsityPattern::unionWith(const SparsityPattern &Other) const {
  if (Other.Dimension != Dimension)
    throw std::invalid_argument(
        "hessc::SparsityPattern::unionWith: dimensions differ");
  std::vector<std::pair<int, int>> Entries;
  Entries.reserve(nonZeros() + Other.nonZeros());
  for (const SparsityPattern *P : {this, &Other})
    for (int J = 0; J < Dimension; ++J)
      for (int K = P->ColumnStarts[J]; K < P->ColumnStarts[J + 1]; ++K)
        Entries.emplace_back(P->RowIndices[K], J);
  SparsityPattern Union = fromEntries(Dimension, std::move(Entries));
  Union.DependsOnPoint = DependsOnPoint || Other.DependsOnPoint;
  return Union;
}

/// Runs \p SetHvp, f_hvp_sparsity with the user's arguments bound
/// (`T SetHvp(const IndexSet *v, IndexSet *hv)`), seeded with v_j = {j},
/// and collects the pattern of H from its products: H_ij is in it when j is
/// in hv_i or i in hv_j. Returns f's value.
namespace detail {

template <typename T>
HESSC_OUT_OF_LINE T hessianSparsity(int N, bool DependsOnPoint, SparsityPattern &Pattern,
                                    FunctionRef<T(const IndexSet *, IndexSet *)> SetHvp) {
  if (N < 0)
    N = 0;
  std::vector<IndexSet> Seeds(static_cast<std::size_t>(N)), Products(Seeds.size());
  for (int J = 0; J < N; ++J)
    Seeds[J] = IndexSet::single(J);
  T Value = SetHvp(Seeds.data(), Products.data());
  std::vector<std::pair<int, int>> Entries;
  for (int I = 0; I < N; ++I)
    for (int J : Products[I].indices())
      Entries.emplace_back(I, J);
  Pattern = SparsityPattern::fromEntries(N, std::move(Entries));
  Pattern.DependsOnPoint = DependsOnPoint;
  return Value;
}

} // namespace detail

template <typename T, typename SetHvpFunction>
T hessianSparsity(int N, bool DependsOnPoint, SparsityPattern &Pattern,
                  SetHvpFunction &&SetHvp) {
  return detail::hessianSparsity<T>(N, DependsOnPoint, Pattern, SetHvp);
}

//===----------------------------------------------------------------------===//
// The colouring
//===----------------------------------------------------------------------===//

/// A star colouring of the adjacency graph of a Hessian pattern (vertices
/// are the independents, edges the off-diagonal nonzeros), and for each
/// nonzero where to read it from the compressed products.
///
/// The colouring is greedy, in the order of decreasing degree (ties by
/// index), which gives the optimum on banded patterns and colours a hub
/// first; its cost is about O(edges · colours).
class HessianColoring {
public:
  HessianColoring() = default;
  explicit HessianColoring(SparsityPattern Pattern);

  const SparsityPattern &pattern() const { return ThePattern; }
  int dimension() const { return ThePattern.Dimension; }
  /// The number of colours: compressed products per Hessian.
  int colors() const { return NumColors; }
  /// The colour of independent \p I, in [0, colors()); -1 for an
  /// independent that is in no nonzero (f is linear in it), which no product
  /// needs to seed.
  int color(int I) const { return Colors[I]; }
  /// Nonzero k is (H S)_{sourceRow(k), sourceColor(k)}, S the N x colors()
  /// 0/1 seed matrix with S_ic = (color(i) == c).
  int sourceRow(std::size_t K) const {
    return static_cast<int>(Sources[K] / static_cast<std::size_t>(NumColors));
  }
  int sourceColor(std::size_t K) const {
    return static_cast<int>(Sources[K] % static_cast<std::size_t>(NumColors));
  }
  /// sourceRow(k) * colors() + sourceColor(k): where nonzero k sits in the
  /// compressed Hessian H S stored row by row, as the products of several
  /// colours at once write it.
  std::size_t source(std::size_t K) const { return Sources[K]; }

private:
  SparsityPattern ThePattern;
  int NumColors = 0;
  std::vector<int> Colors;
  std::vector<std::size_t> Sources;
};

namespace detail {

/// Symmetric adjacency lists of a pattern, without the diagonal.
inline std::vector<std::vector<int>> adjacency(const SparsityPattern &P) {
  std::vector<std::vector<int>> Neighbours(static_cast<std::size_t>(P.Dimension));
  for (int J = 0; J < P.Dimension; ++J)
    for (int K = P.ColumnStarts[J]; K < P.ColumnStarts[J + 1]; ++K) {
      int I = P.RowIndices[K];
      if (I == J)
        continue;
      Neighbours[I].push_back(J);
      Neighbours[J].push_back(I);
    }
  return Neighbours;
}

} // namespace detail

inline HessianColoring::HessianColoring(SparsityPattern Pattern)
    : ThePattern(std::move(Pattern)) {
  const int N = ThePattern.Dimension;
  std::vector<std::vector<int>> Adj = detail::adjacency(ThePattern);
  std::vector<int> Order(static_cast<std::size_t>(N));
  for (int I = 0; I < N; ++I)
    Order[I] = I;
  std::sort(Order.begin(), Order.end(), [&Adj](int A, int B) {
    return Adj[A].size() != Adj[B].size() ? Adj[A].size() > Adj[B].size() : A < B;
  });

  // Greedy star colouring. Every path on four vertices is checked when its
  // last vertex v gets a colour c, whichever position v has in it:
  //  - v-w-x-y, v an end: two colours if color(x) == c and color(y) ==
  //    color(w), so c = color(x) is forbidden when x has a coloured
  //    neighbour y != w of w's colour;
  //  - x-w-v-w', v inside: two colours if color(x) == c and color(w') ==
  //    color(w), so c = color(x) is forbidden when v has another coloured
  //    neighbour of w's colour.
  // Rather than walk every x around every w (quadratic around a hub), two
  // counts are kept up to date as vertices are coloured:
  //   Around[x][c]: x's coloured neighbours of colour c;
  //   Bad[w][c]:    w's coloured neighbours x of colour c that have another
  //                 neighbour of w's colour (Around[x][color(w)] >= 2),
  // so the first case forbids every c with Bad[w][c] > 0 and the second
  // every c with Around[w][c] > 0. The cost is O(colours) per edge, plus
  // O(degree) each time a vertex gains its second neighbour of a colour.
  Colors.assign(static_cast<std::size_t>(N), -1);
  std::vector<std::vector<int>> Around(static_cast<std::size_t>(N)),
      Bad(static_cast<std::size_t>(N));
  auto count = [](const std::vector<std::vector<int>> &Counts, int X, int C) {
    return C < static_cast<int>(Counts[X].size()) ? Counts[X][C] : 0;
  };
  auto bump = [](std::vector<std::vector<int>> &Counts, int X, int C) {
    if (static_cast<int>(Counts[X].size()) <= C)
      Counts[X].resize(static_cast<std::size_t>(C) + 1, 0);
    return ++Counts[X][C];
  };
  std::vector<bool> InPattern(static_cast<std::size_t>(N), false);
  for (int J = 0; J < N; ++J)
    for (int K = ThePattern.ColumnStarts[J]; K < ThePattern.ColumnStarts[J + 1]; ++K)
      InPattern[J] = InPattern[ThePattern.RowIndices[K]] = true;
  std::vector<int> Forbidden; // Forbidden[c] == v: c is not allowed for v.
  for (int V : Order) {
    if (!InPattern[V])
      continue;
    Forbidden.resize(static_cast<std::size_t>(NumColors) + 1, -1);
    auto forbidWhere = [&](const std::vector<int> &Counts) {
      for (std::size_t C = 0; C < Counts.size(); ++C)
        if (Counts[C] > 0)
          Forbidden[C] = V;
    };
    for (int W : Adj[V]) {
      int CW = Colors[W];
      if (CW < 0)
        continue;
      Forbidden[CW] = V;
      forbidWhere(count(Around, V, CW) > 1 ? Around[W] : Bad[W]);
    }
    int C = 0;
    while (C < NumColors && Forbidden[C] == V)
      ++C;
    Colors[V] = C;
    NumColors = std::max(NumColors, C + 1);

    for (int X : Adj[V]) {
      int Count = bump(Around, X, C);
      int CX = Colors[X];
      if (CX < 0)
        continue;
      // X now has Count neighbours of colour C; from two on, X counts
      // against every one of them (V, and the first when Count is 2).
      if (Count >= 2)
        bump(Bad, V, CX);
      if (Count == 2)
        for (int W : Adj[X])
          if (W != V && Colors[W] == C)
            bump(Bad, W, CX);
      // And V itself counts against X when it has two of X's colour.
      if (count(Around, V, CX) >= 2)
        bump(Bad, X, C);
    }
  }

  // Where each nonzero is read: H_ij (i > j) from row i of colour(j)'s
  // product when j is i's only neighbour of that colour, else from row j of
  // colour(i)'s product; a star colouring makes one of the two work.
  Sources.resize(ThePattern.nonZeros());
  const std::size_t Stride = static_cast<std::size_t>(NumColors);
  for (int J = 0; J < N; ++J)
    for (int K = ThePattern.ColumnStarts[J]; K < ThePattern.ColumnStarts[J + 1]; ++K) {
      int I = ThePattern.RowIndices[K];
      if (I == J || count(Around, I, Colors[J]) == 1)
        Sources[K] = static_cast<std::size_t>(I) * Stride + Colors[J];
      else
        Sources[K] = static_cast<std::size_t>(J) * Stride + Colors[I];
    }
}

//===----------------------------------------------------------------------===//
// The values
//===----------------------------------------------------------------------===//

/// From this many colours on, f_hessian_sparse multiplies with eight seeds
/// at once through f_hessian_block; below, by pairs through
/// f_hessian_pair, and a last single colour by f_hvp. A block costs about
/// as much as five or six single products, a pair little more than one.
inline constexpr int MinColorsPerBlock = 6;

namespace detail {

/// Multiplies the Hessian with the seeds of colours Base, ..., Base + Width
/// - 1 through `Product`, which takes `ProductLanes` directions at once;
/// colour c goes in lane c - First, and the lanes of other colours are
/// zero. `Direct`: the product writes its lanes straight into the
/// compressed Hessian (row-major, `Colors` to a row) from column First on;
/// otherwise into `Products`, whence Width columns are copied.
template <int ProductLanes, typename T>
T multiplyColors(const HessianColoring &Coloring, LanedProduct<T> Product, bool Direct,
                 int Base, int Width, int First, T *Seeds, T *Products, T *Compressed) {
  const std::size_t N = static_cast<std::size_t>(Coloring.dimension());
  const std::size_t Colors = static_cast<std::size_t>(Coloring.colors());
  // Row by row in one pass, with as many stores as seeds: a pass that
  // clears them and another that sets the ones cost a tenth of
  // f_hessian_sparse for Rosenbrock. The tests on K alone do not depend on
  // I, and the compiler makes masks of them.
  const int Shift = Base - First;
  for (std::size_t I = 0; I < N; ++I) {
    int Lane = Coloring.color(static_cast<int>(I)) - First;
    for (int K = 0; K < ProductLanes; ++K)
      Seeds[I * ProductLanes + K] =
          K == Lane && K >= Shift && K < Shift + Width ? T(1) : T(0);
  }
  if (Direct)
    return Product(Seeds, Compressed + First, static_cast<std::ptrdiff_t>(Colors));
  T Value = Product(Seeds, Products, ProductLanes);
  for (std::size_t I = 0; I < N; ++I)
    for (int K = 0; K < Width; ++K)
      Compressed[I * Colors + static_cast<std::size_t>(Base + K)] =
          Products[I * ProductLanes + static_cast<std::size_t>(Base - First + K)];
  return Value;
}

template <int Lanes, typename T>
HESSC_OUT_OF_LINE T sparseHessian(const HessianColoring &Coloring, T *Values,
                                  FunctionRef<T(const T *, T *)> Hvp,
                                  LanedProduct<T> Pair, bool PairTakesStride,
                                  LanedProduct<T> Block, bool BlockTakesStride) {
  static_assert(Lanes >= 2, "a block carries at least as many directions as a pair");
  const std::size_t N = static_cast<std::size_t>(Coloring.dimension());
  const int Colors = Coloring.colors();
  const ProductSplit<Lanes> Split(Colors, MinColorsPerBlock);
  // One allocation, which costs as much as a product where f is cheap,
  // for the compressed Hessian H S (entry (i, c) at i*Colors + c, each
  // written by a product before it is read), and the seeds and products
  // of the widest product used.
  const int Widest = Split.BlockEnd > 0 ? Lanes : Split.PairEnd > 0 ? 2 : 1;
  const std::size_t CompressedSize = N * static_cast<std::size_t>(Colors);
  const std::size_t SeedsSize = N * static_cast<std::size_t>(Widest) + 1;
  std::unique_ptr<T[]> Buffer(new T[CompressedSize + 2 * SeedsSize]);
  T *Compressed = Buffer.get();
  T *Seeds = Compressed + CompressedSize;
  T *Products = Seeds + SeedsSize;
  T Value = T();
  if (Colors == 0) {
    // No nonzeros: one product for f's value, in the direction zero.
    std::fill_n(Seeds, N, T(0));
    Value = Hvp(Seeds, Products);
  }
  // From the last colour to the first: a last block narrower than Lanes
  // keeps all its lanes inside the rows of the compressed Hessian, and
  // writes zeros into the columns of the block before it, which comes
  // later. Products go through Products only where they cannot write in
  // place: a single colour's (f_hvp's rows are one apart) unless it is the
  // only colour, blocks and pairs that take no stride, and a block wider
  // than the rows.
  if (Split.PairEnd < Colors)
    Value = multiplyColors<1, T>(Coloring, withStride<T>(Hvp), Colors == 1, Colors - 1,
                                 1, Colors - 1, Seeds, Products, Compressed);
  for (int Base = Split.PairEnd - 2; Base >= Split.BlockEnd; Base -= 2)
    Value = multiplyColors<2>(Coloring, Pair, PairTakesStride, Base, 2, Base, Seeds,
                              Products, Compressed);
  for (int Base = Split.lastBlock(); Base >= 0; Base -= Lanes) {
    int Width = std::min(Split.BlockEnd - Base, Lanes);
    bool Direct = BlockTakesStride && Colors >= Lanes;
    int First = Direct ? std::min(Base, Colors - Lanes) : Base;
    Value = multiplyColors<Lanes>(Coloring, Block, Direct, Base, Width, First, Seeds,
                                  Products, Compressed);
  }
  for (std::size_t K = 0; K < Coloring.pattern().nonZeros(); ++K)
    Values[K] = Compressed[Coloring.source(K)];
  return Value;
}

} // namespace detail

/// The nonzeros of H in the order of \p Coloring's pattern, written to
/// \p Values, from one product of H with each colour's seed: \p Hvp is
/// f_hvp (`T Hvp(const T *v, T *hv)`), \p Block is f_hessian_block
/// (`T Block(const T *Seeds, T *Products, std::ptrdiff_t Stride)` or
/// `T Block(const T *Seeds, T *Products)`, as for denseHessian; those that
/// take a stride write into the compressed Hessian itself) and \p Pair is
/// f_hessian_pair, the same with two directions. Returns f's value.
template <int Lanes, typename T, typename HvpFunction, typename PairFunction,
          typename BlockFunction>
T sparseHessian(const HessianColoring &Coloring, T *Values, HvpFunction &&Hvp,
                PairFunction &&Pair, BlockFunction &&Block) {
  return detail::sparseHessian<Lanes, T>(
      Coloring, Values, Hvp, detail::withStride<T>(Pair),
      detail::TakesStride<T, std::remove_reference_t<PairFunction>>,
      detail::withStride<T>(Block),
      detail::TakesStride<T, std::remove_reference_t<BlockFunction>>);
}

} // namespace hessc

#endif // HESSC_SPARSITY_H
