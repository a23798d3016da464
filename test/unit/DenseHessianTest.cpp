//===- DenseHessianTest.cpp - hessc::denseHessian, the dense assembly -----===//
//
// The products are those of a known matrix A with the seeds, so the
// assembled H is known exactly. A is not symmetric on purpose: the driver
// must take each entry from on or below the diagonal of the product that
// yields its column, and H must be exactly symmetric, so H_ij = A_ij for
// i >= j and H_ij = A_ji above. Integer entries keep every sum exact.
//
//===----------------------------------------------------------------------===//

#include <hessc/support.h>

#include "LanedProducts.h"

#include <gtest/gtest.h>

#include <cstddef>
#include <random>
#include <vector>

namespace {

constexpr double Value = 42.0; // What each product returns: f's value.

struct Products {
  int N;
  std::vector<double> A; // Row-major.
  /// The strides the laned products were called with.
  std::vector<std::ptrdiff_t> Strides;

  double times(const double *V, double *HV) const {
    for (int I = 0; I < N; ++I) {
      HV[I] = 0;
      for (int J = 0; J < N; ++J)
        HV[I] += A[static_cast<std::size_t>(I) * N + J] * V[J];
    }
    return Value;
  }

  /// `Lanes` products at once, rows `Stride` apart, as f_hessian_block.
  double laned(int Lanes, const double *Seeds, double *Out, std::ptrdiff_t Stride) {
    Strides.push_back(Stride);
    hessc::test::multiplyLanes(N, Lanes, Seeds, Out, Stride,
                               [&](const double *V, double *HV) { times(V, HV); });
    return Value;
  }
};

Products randomProducts(int N, unsigned Seed) {
  std::mt19937 Gen(Seed);
  std::uniform_int_distribution<int> Entry(-1000, 1000);
  Products P{N, std::vector<double>(static_cast<std::size_t>(N) * N), {}};
  for (double &E : P.A)
    E = Entry(Gen);
  return P;
}

/// H as the driver must assemble it from A's columns.
std::vector<double> expectedHessian(const Products &P) {
  const int N = P.N;
  std::vector<double> H(static_cast<std::size_t>(N) * N);
  for (int I = 0; I < N; ++I)
    for (int J = 0; J <= I; ++J)
      H[static_cast<std::size_t>(I) * N + J] = H[static_cast<std::size_t>(J) * N + I] =
          P.A[static_cast<std::size_t>(I) * N + J];
  return H;
}

enum class Form { Strided, Packed, Mixed };

/// Runs denseHessian<Lanes> over P with block and pair in the given form,
/// into an H full of garbage, and returns H.
template <int Lanes> std::vector<double> assemble(Products &P, Form F) {
  const int N = P.N;
  std::vector<double> H(static_cast<std::size_t>(N) * N, -7777.0);
  auto Hvp = [&](const double *V, double *HV) { return P.times(V, HV); };
  auto Pair = [&](const double *S, double *O, std::ptrdiff_t Stride) {
    return P.laned(2, S, O, Stride);
  };
  auto Block = [&](const double *S, double *O, std::ptrdiff_t Stride) {
    return P.laned(Lanes, S, O, Stride);
  };
  auto PackedPair = [&](const double *S, double *O) { return P.laned(2, S, O, 2); };
  auto PackedBlock = [&](const double *S, double *O) { return P.laned(Lanes, S, O, Lanes); };
  double Result = 0;
  switch (F) {
  case Form::Strided:
    Result = hessc::denseHessian<Lanes>(N, H.data(), Hvp, Pair, Block);
    break;
  case Form::Packed:
    Result = hessc::denseHessian<Lanes>(N, H.data(), Hvp, PackedPair, PackedBlock);
    break;
  case Form::Mixed:
    Result = hessc::denseHessian<Lanes>(N, H.data(), Hvp, Pair, PackedBlock);
    break;
  }
  EXPECT_EQ(Result, Value);
  return H;
}

template <int Lanes> void expectExactForEverySize() {
  for (int N = 0; N <= 3 * Lanes + 3; ++N)
    for (Form F : {Form::Strided, Form::Packed, Form::Mixed}) {
      SCOPED_TRACE("N = " + std::to_string(N) + ", form " +
                   std::to_string(static_cast<int>(F)));
      Products P = randomProducts(N, 1000 * Lanes + N);
      EXPECT_EQ(assemble<Lanes>(P, F), expectedHessian(P));
      // Products that take a stride write into H itself, with rows N
      // apart, except a block wider than H's rows; all others leave rows
      // Lanes (or 2) apart.
      bool BlockTooWide = N < Lanes && N >= hessc::MinDirectionsPerBlock;
      bool InPlace = F == Form::Strided && !BlockTooWide;
      for (std::ptrdiff_t Stride : P.Strides)
        EXPECT_TRUE(InPlace ? Stride == N : Stride == Lanes || Stride == 2);
    }
}

TEST(DenseHessianTest, EightLanesEverySize) { expectExactForEverySize<8>(); }

// Fewer lanes than MinDirectionsPerBlock: every block is full.
TEST(DenseHessianTest, FourLanesEverySize) { expectExactForEverySize<4>(); }

TEST(DenseHessianTest, LargeInPlaceAllocates) {
  // Beyond the seeds kept on the stack (16 * Lanes of them).
  Products P = randomProducts(61, 7);
  EXPECT_EQ(assemble<8>(P, Form::Strided), expectedHessian(P));
  EXPECT_EQ(assemble<8>(P, Form::Packed), expectedHessian(P));
}

TEST(DenseHessianTest, NoIndependentsStillGivesTheValue) {
  Products P = randomProducts(0, 1);
  std::vector<double> H;
  int Calls = 0;
  double Result = hessc::denseHessian<8>(
      0, H.data(),
      [&](const double *, double *) {
        ++Calls;
        return Value;
      },
      [&](const double *S, double *O, std::ptrdiff_t Stride) {
        return P.laned(2, S, O, Stride);
      },
      [&](const double *S, double *O, std::ptrdiff_t Stride) {
        return P.laned(8, S, O, Stride);
      });
  EXPECT_EQ(Result, Value);
  EXPECT_EQ(Calls, 1);
}

} // namespace
