//===- SparsityTest.cpp - Patterns, star colouring and recovery -----------===//
//
// hessc/sparsity.h on its own, against truths computed here independently:
//  - the colouring of every pattern is a star colouring, checked from the
//    definition (adjacent vertices differ; no path on four vertices is
//    two-coloured), by enumerating paths;
//  - compressing a random symmetric matrix with the colouring and reading
//    the nonzeros back gives the matrix exactly;
//  - colour counts on banded, block-diagonal, arrow-head and dense patterns
//    equal the optimum, found by exhaustive search for small N (a
//    tridiagonal pattern needs 3 colours, a pentadiagonal one 5, an arrow
//    head 2), and stay at that number for large N.
//
//===----------------------------------------------------------------------===//

#include <hessc/sparsity.h>

#include "LanedProducts.h"

#include <gtest/gtest.h>

#include <functional>
#include <random>
#include <set>
#include <vector>

namespace hessc {
namespace {

using Entries = std::vector<std::pair<int, int>>;

Entries banded(int N, int HalfWidth) {
  Entries E;
  for (int I = 0; I < N; ++I)
    for (int J = std::max(0, I - HalfWidth); J <= I; ++J)
      E.emplace_back(I, J);
  return E;
}

Entries blockDiagonal(int N, int Block) {
  Entries E;
  for (int I = 0; I < N; ++I)
    for (int J = I - I % Block; J <= I; ++J)
      E.emplace_back(I, J);
  return E;
}

Entries arrowHead(int N) {
  Entries E;
  for (int I = 0; I < N; ++I) {
    E.emplace_back(I, I);
    E.emplace_back(I, 0);
  }
  return E;
}

Entries randomEntries(int N, double Density, unsigned Seed) {
  std::mt19937 Gen(Seed);
  std::bernoulli_distribution Keep(Density);
  Entries E;
  for (int I = 0; I < N; ++I)
    for (int J = 0; J <= I; ++J)
      if (I == J || Keep(Gen))
        E.emplace_back(I, J);
  return E;
}

std::vector<std::set<int>> neighbours(const SparsityPattern &P) {
  std::vector<std::set<int>> Adj(P.Dimension);
  for (int J = 0; J < P.Dimension; ++J)
    for (int K = P.ColumnStarts[J]; K < P.ColumnStarts[J + 1]; ++K)
      if (P.RowIndices[K] != J) {
        Adj[P.RowIndices[K]].insert(J);
        Adj[J].insert(P.RowIndices[K]);
      }
  return Adj;
}

/// The definition of a star colouring, path by path.
bool isStarColoring(const std::vector<std::set<int>> &Adj,
                    const std::vector<int> &Color) {
  const int N = static_cast<int>(Adj.size());
  for (int A = 0; A < N; ++A)
    for (int B : Adj[A]) {
      if (Color[A] == Color[B])
        return false;
      for (int C : Adj[B]) {
        if (C == A)
          continue;
        for (int D : Adj[C])
          if (D != A && D != B && Color[A] == Color[C] && Color[B] == Color[D])
            return false;
      }
    }
  return true;
}

std::vector<int> colorsOf(const HessianColoring &C) {
  std::vector<int> Colors(C.dimension());
  for (int I = 0; I < C.dimension(); ++I)
    Colors[I] = C.color(I);
  return Colors;
}

/// The fewest colours of any star colouring, by exhaustive search.
int optimalStarColors(const SparsityPattern &P) {
  std::vector<std::set<int>> Adj = neighbours(P);
  const int N = P.Dimension;
  for (int K = 1; K <= N; ++K) {
    std::vector<int> Color(N, -1);
    std::function<bool(int)> Assign = [&](int V) {
      if (V == N) {
        return isStarColoring(Adj, Color);
      }
      // Symmetry: vertex V uses at most one colour more than those before.
      int Used = 0;
      for (int U = 0; U < V; ++U)
        Used = std::max(Used, Color[U] + 1);
      for (int C = 0; C < std::min(K, Used + 1); ++C) {
        bool Clash = false;
        for (int W : Adj[V])
          Clash |= W < V && Color[W] == C;
        if (Clash)
          continue;
        Color[V] = C;
        if (Assign(V + 1))
          return true;
      }
      Color[V] = -1;
      return false;
    };
    if (Assign(0))
      return K;
  }
  return N;
}

/// Compresses the symmetric matrix with lower-triangle values Lower (in
/// pattern order) by the colouring and recovers it through sparseHessian,
/// with blocks of `Lanes` directions that take the stride of their
/// products' rows or not (`Strided`).
template <int Lanes, bool Strided>
std::vector<double> roundTrip(const HessianColoring &C,
                              const std::vector<double> &Lower) {
  const SparsityPattern &P = C.pattern();
  const int N = P.Dimension;
  auto Times = [&](const double *V, double *HV) {
    std::fill(HV, HV + N, 0.0);
    for (int J = 0; J < N; ++J)
      for (int K = P.ColumnStarts[J]; K < P.ColumnStarts[J + 1]; ++K) {
        int I = P.RowIndices[K];
        HV[I] += Lower[K] * V[J];
        if (I != J)
          HV[J] += Lower[K] * V[I];
      }
    return 0.0;
  };
  // Products with `Width` directions at once, laid out as
  // f_hessian_block's: rows `Stride` apart.
  auto Multiply = [&](int Width, const double *Seeds, double *Products,
                      std::ptrdiff_t Stride) {
    // Strided products write into the compressed Hessian itself, rows
    // colors() apart, except a block wider than its rows.
    if (Strided && !(Width == Lanes && C.colors() < Lanes))
      EXPECT_EQ(Stride, C.colors());
    test::multiplyLanes(N, Width, Seeds, Products, Stride, Times);
    return 0.0;
  };
  auto ProductsWith = [&](int Width) {
    if constexpr (Strided)
      return [&, Width](const double *Seeds, double *Products, std::ptrdiff_t Stride) {
        return Multiply(Width, Seeds, Products, Stride);
      };
    else
      return [&, Width](const double *Seeds, double *Products) {
        return Multiply(Width, Seeds, Products, Width);
      };
  };
  std::vector<double> Values(P.nonZeros(), -1.0);
  sparseHessian<Lanes>(C, Values.data(), Times, ProductsWith(2), ProductsWith(Lanes));
  return Values;
}

void expectValidAndExact(const SparsityPattern &P, unsigned Seed) {
  HessianColoring C(P);
  EXPECT_TRUE(isStarColoring(neighbours(P), colorsOf(C)));
  std::mt19937 Gen(Seed);
  // Integers, so that compressed sums are exact and any mix-up shows.
  std::uniform_int_distribution<int> Value(1, 1000);
  std::vector<double> Lower(P.nonZeros());
  for (double &V : Lower)
    V = Value(Gen);
  EXPECT_EQ((roundTrip<8, true>(C, Lower)), Lower);
  EXPECT_EQ((roundTrip<8, false>(C, Lower)), Lower);
  // Blocks narrower than the fewest colours that take one.
  EXPECT_EQ((roundTrip<4, true>(C, Lower)), Lower);
  EXPECT_EQ((roundTrip<4, false>(C, Lower)), Lower);
}

TEST(SparsityPatternTest, FromEntriesSortsMirrorsAndDeduplicates) {
  SparsityPattern P = SparsityPattern::fromEntries(4, {{0, 2}, {2, 0}, {3, 3}, {1, 0}, {0, 0}});
  EXPECT_EQ(P.ColumnStarts, (std::vector<int>{0, 3, 3, 3, 4}));
  EXPECT_EQ(P.RowIndices, (std::vector<int>{0, 1, 2, 3}));
  EXPECT_TRUE(P.contains(0, 2));
  EXPECT_TRUE(P.contains(2, 0));
  EXPECT_FALSE(P.contains(1, 1));
  EXPECT_THROW(SparsityPattern::fromEntries(2, {{2, 0}}), std::invalid_argument);
}

TEST(SparsityPatternTest, UnionKeepsBothAndThePointDependence) {
  SparsityPattern A = SparsityPattern::fromEntries(3, {{0, 0}, {1, 0}});
  SparsityPattern B = SparsityPattern::fromEntries(3, {{2, 1}, {1, 0}});
  B.DependsOnPoint = true;
  SparsityPattern U = A.unionWith(B);
  EXPECT_EQ(U.nonZeros(), 3u);
  EXPECT_TRUE(U.contains(1, 2));
  EXPECT_TRUE(U.DependsOnPoint);
}

TEST(IndexSetTest, ArithmeticIsUnionAndScalingKeepsTheSet) {
  IndexSet A = IndexSet::single(3), B = IndexSet::single(1);
  IndexSet Sum = 2.0 * A - B / 4.0;
  EXPECT_EQ(Sum.indices(), (std::vector<int>{1, 3}));
  Sum += IndexSet::single(2);
  Sum += A;
  EXPECT_EQ(Sum.indices(), (std::vector<int>{1, 2, 3}));
  IndexSet Zero = 0.0;
  EXPECT_TRUE(Zero.empty());
  EXPECT_EQ((-A * 0.0).indices(), (std::vector<int>{3}));
}

TEST(HessianColoringTest, ColourCountsAreOptimalOnStructuredPatterns) {
  struct Case {
    const char *Name;
    Entries E;
  };
  const int N = 9;
  std::vector<Case> Cases = {
      {"diagonal", banded(N, 0)},        {"tridiagonal", banded(N, 1)},
      {"pentadiagonal", banded(N, 2)},   {"block 2x2", blockDiagonal(N, 2)},
      {"block 3x3", blockDiagonal(N, 3)}, {"arrow head", arrowHead(N)},
      {"dense", banded(N, N)},
  };
  for (const Case &C : Cases) {
    SparsityPattern P = SparsityPattern::fromEntries(N, C.E);
    HessianColoring Coloring(P);
    EXPECT_EQ(Coloring.colors(), optimalStarColors(P)) << C.Name;
    expectValidAndExact(P, 7);
  }
}

// A dense pattern needs one colour per independent: every count of colours
// up to 20 takes its own mix of blocks (full, narrower, shifted to stay in
// the rows), pairs and a single product.
TEST(HessianColoringTest, EveryColourCountIsRecoveredExactly) {
  for (int N = 1; N <= 20; ++N) {
    SparsityPattern P = SparsityPattern::fromEntries(N, banded(N, N));
    ASSERT_EQ(HessianColoring(P).colors(), N);
    SCOPED_TRACE("colours: " + std::to_string(N));
    expectValidAndExact(P, static_cast<unsigned>(N));
  }
}

TEST(HessianColoringTest, BandedColourCountsDoNotGrowWithN) {
  for (int N : {10, 1000, 100000}) {
    EXPECT_EQ(HessianColoring(SparsityPattern::fromEntries(N, banded(N, 1))).colors(), 3);
    EXPECT_EQ(HessianColoring(SparsityPattern::fromEntries(N, banded(N, 2))).colors(), 5);
    EXPECT_EQ(HessianColoring(SparsityPattern::fromEntries(N, blockDiagonal(N, 2))).colors(), 2);
    EXPECT_EQ(HessianColoring(SparsityPattern::fromEntries(N, arrowHead(N))).colors(), 2);
  }
}

TEST(HessianColoringTest, RandomPatternsAreStarColouredAndRecoveredExactly) {
  for (unsigned Seed = 1; Seed <= 40; ++Seed) {
    int N = 5 + static_cast<int>(Seed % 20);
    double Density = 0.05 + 0.02 * (Seed % 10);
    expectValidAndExact(SparsityPattern::fromEntries(N, randomEntries(N, Density, Seed)),
                        Seed);
  }
}

TEST(HessianColoringTest, EmptyAndOneByOne) {
  HessianColoring Empty(SparsityPattern::fromEntries(0, {}));
  EXPECT_EQ(Empty.colors(), 0);
  HessianColoring One(SparsityPattern::fromEntries(1, {{0, 0}}));
  EXPECT_EQ(One.colors(), 1);
  // One colour: f_hvp writes the compressed Hessian itself.
  EXPECT_EQ((roundTrip<8, true>(One, {5.0})), std::vector<double>{5.0});
  EXPECT_EQ((roundTrip<8, false>(One, {5.0})), std::vector<double>{5.0});
}

} // namespace
} // namespace hessc
