//===- check.h - Comparisons for hessc's execution tests -------*- C++ -*-===//
//
// Each test function of an execution test opens a check::Case, describes the
// point it evaluates at with at(), and compares values, gradients and second
// derivatives with value(), grad() and second_order(). When the Case goes out
// of scope it prints one line that says what was compared (here 16 products
// f_hvp(v), 4 directions at each of 4 points, and 4 sparse Hessians),
//
//   f: ok (4 points; value, grad, hessian, 16 hvp, 4 sparse; max error 2e-16,
//   tol 1e-12)
//
// or FAILED, after a line for each mismatch that gives the point, the entry,
// both values and the error. main() returns check::exit_code(), which is
// non-zero if any comparison failed.
//
// Two numbers agree when |got - want| <= tol * max(1, |want|): a relative
// test for values above 1 in magnitude and an absolute one below, so exact
// zeros in a reference do not demand exact zeros from the code under test.
// For a result that is a sum of terms much larger than itself, rounding
// errors scale with the terms, not the result; grad() and hessian() then take
// the size of the terms as an extra scale: |got - want| <= tol * max(1,
// |want|, scale).
//
// Second order (second_order() and hvp()): the generated f_hessian and f_hvp
// against a reference Hessian (sympy's, or one derived by hand), f_hvp against
// f_hessian's matrix times the same v, exact symmetry (bit for bit) of that
// matrix, and the values both return against f. All of it to the Case's
// tolerance (1e-12 in the double tests), with the same scales: an entry of a
// product H v is relative to sum_j |H_ij v_j| (or the entries' own scales).
// Outputs are filled with NaN before each call, so an entry that is not
// written, or is accumulated into instead of overwritten, fails.
//
// Sparse Hessians (sparse_hessian(), which second_order() runs too, on the
// matrix f_hessian produced at the same point; second_order() therefore takes
// f_hessian_sparsity and f_hessian_sparse besides f_hessian and f_hvp, see
// CHECK_SPARSE_CALLS): f_hessian_sparsity's pattern well formed (dimension N,
// lower triangle compressed by column, rows strictly increasing), the same
// whatever the pattern held before, and holding every nonzero of f_hessian's
// matrix (an entry outside it must be exactly 0); the hessc::HessianColoring
// of that pattern a valid star colouring, checked here without the library's
// help; and f_hessian_sparse's values, NaN before the call, equal to
// f_hessian's entries at the same (row, column), to the Case's tolerance
// relative to the entry of the compressed product they are read from. Both
// return f. The summary line counts them ("4 sparse").
//
//===----------------------------------------------------------------------===//
#ifndef HESSC_TEST_CHECK_H
#define HESSC_TEST_CHECK_H

#include <algorithm>
#include <cmath>
#include <cstdarg>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <initializer_list>
#include <limits>
#include <string>
#include <vector>

#include <hessc/sparsity.h>

namespace check {

/// The number of failed comparisons in this program so far.
inline int &failures() {
  static int Count = 0;
  return Count;
}

/// What main() returns: 0 when every comparison passed.
inline int exit_code() {
  if (failures())
    std::printf("%d comparison(s) FAILED\n", failures());
  return failures() ? 1 : 0;
}

/// |got - want| relative to max(1, |want|, scale); NaN when either value is
/// NaN, so that a NaN never compares as close.
inline double error(double Got, double Want, double Scale = 0.0) {
  return std::fabs(Got - Want) /
         std::fmax(std::fmax(1.0, std::fabs(Want)), Scale);
}

inline bool close(double Got, double Want, double Tol, double Scale = 0.0) {
  double E = error(Got, Want, Scale);
  return E == E && E <= Tol; // E == E is false for NaN
}

/// Fills an output buffer with NaN before the call that should overwrite it.
template <typename T> void poison(T *P, std::size_t N) {
  for (std::size_t I = 0; I < N; ++I)
    P[I] = std::numeric_limits<T>::quiet_NaN();
}

/// The comparisons for one function under test.
class Case {
public:
  Case(const char *Name, double Tol) : Name(Name), Tol(Tol) {}
  Case(const Case &) = delete;
  Case &operator=(const Case &) = delete;

  ~Case() {
    std::string Kinds;
    if (Values)
      Kinds += "value, ";
    if (Grads)
      Kinds += "grad, ";
    if (Hessians)
      Kinds += "hessian, ";
    if (Hvps)
      Kinds += std::to_string(Hvps) + " hvp, ";
    if (Sparse)
      Kinds += std::to_string(Sparse) + " sparse, ";
    if (Kinds.empty())
      Kinds = "nothing compared, "; // a test bug; the line says so
    Kinds.resize(Kinds.size() - 2);
    if (Failed)
      std::printf("%s: FAILED (%d of %d comparisons, %d points; %s; tol %g)\n",
                  Name, Failed, Compared, Points, Kinds.c_str(), Tol);
    else
      std::printf("%s: ok (%d points; %s; max error %.2g, tol %g)\n", Name,
                  Points, Kinds.c_str(), MaxError, Tol);
    std::fflush(stdout);
  }

  const char *name() const { return Name; }
  double tol() const { return Tol; }

  /// Sets the point that the following comparisons are made at, for the
  /// messages: at({x, y}) or at("n=%d", n).
  void at(std::initializer_list<double> Coords) {
    Where = "(";
    char Buf[40];
    for (double C : Coords) {
      std::snprintf(Buf, sizeof Buf, "%s%.17g", Where.size() > 1 ? ", " : "",
                    C);
      Where += Buf;
    }
    Where += ")";
    ++Points;
  }
  __attribute__((format(printf, 2, 3))) void at(const char *Format, ...) {
    char Buf[200];
    va_list Args;
    va_start(Args, Format);
    std::vsnprintf(Buf, sizeof Buf, Format, Args);
    va_end(Args);
    Where = Buf;
    ++Points;
  }

  /// Records a failure unless Cond holds: for conditions of the test
  /// itself, such as "every branch was taken at some point".
  void expect(bool Cond, const char *What) {
    ++Compared;
    if (Cond)
      return;
    fail();
    std::printf("  %s at %s: expected %s\n", Name, Where.c_str(), What);
  }

  /// Records a failure unless Cond holds, with a message in printf form
  /// (printed for the first few failures only): for the checks of a
  /// structure, such as a sparsity pattern, whose failures are not pairs of
  /// numbers. Returns Cond.
  __attribute__((format(printf, 3, 4))) bool expectf(bool Cond,
                                                     const char *Format, ...) {
    ++Compared;
    if (Cond)
      return true;
    fail();
    if (Failed > 10)
      return false;
    char Buf[400];
    va_list Args;
    va_start(Args, Format);
    std::vsnprintf(Buf, sizeof Buf, Format, Args);
    va_end(Args);
    std::printf("  %s at %s: %s\n", Name, Where.c_str(), Buf);
    return false;
  }

  /// Compares a function value (the return of f_grad against f, say).
  void value(double Got, double Want, const char *What = "value") {
    ++Values;
    compare(Got, Want, What, -1, -1);
  }

  /// Compares the N entries of a gradient (or any vector).
  template <typename T>
  void grad(const T *Got, const double *Want, int N,
            const char *What = "grad") {
    ++Grads;
    for (int I = 0; I < N; ++I)
      compare(Got[I], Want[I], What, I, -1);
  }

  /// As above, entry I relative to max(1, |Want[I]|, Scale[I]), where
  /// Scale[I] is the sum of the magnitudes of the terms that make Want[I].
  template <typename T>
  void grad(const T *Got, const double *Want, const double *Scale, int N,
            const char *What = "grad") {
    ++Grads;
    for (int I = 0; I < N; ++I)
      compare(Got[I], Want[I], What, I, -1, Scale[I]);
  }

  /// Compares an N x N row-major matrix entry by entry, entry (I, J)
  /// relative to max(1, |Want|, Scale[I*N+J]); Scale may be null.
  template <typename T>
  void hessian(const T *Got, const double *Want, const double *Scale, int N,
               const char *What = "f_hessian") {
    ++Hessians;
    for (int I = 0; I < N; ++I)
      for (int J = 0; J < N; ++J) {
        std::size_t K = std::size_t(I) * N + J;
        compare(Got[K], Want[K], What, I, J, Scale ? Scale[K] : 0.0);
      }
  }

  /// Expects H[I*N+J] and H[J*N+I] to be the same bits: the Hessian of a
  /// twice continuously differentiable function is symmetric, and a dense
  /// Hessian that is not (to the last bit) has been assembled from two
  /// computations of the same entry.
  template <typename T>
  void symmetric(const T *H, int N, const char *What = "f_hessian") {
    for (int I = 0; I < N; ++I)
      for (int J = I + 1; J < N; ++J) {
        ++Compared;
        T A = H[std::size_t(I) * N + J], B = H[std::size_t(J) * N + I];
        if (std::memcmp(&A, &B, sizeof(T)) == 0)
          continue;
        fail();
        if (Failed > 10)
          continue;
        std::printf("  %s at %s: %s not symmetric: [%d][%d] = %.17g but "
                    "[%d][%d] = %.17g\n",
                    Name, Where.c_str(), What, I, J, double(A), J, I,
                    double(B));
      }
  }

  /// Compares the N entries of a Hessian-vector product, entry I relative
  /// to max(1, |Want[I]|, Scale[I]) as in grad(); Against, if given, names
  /// where Want comes from in a failure's message. Call counted_hvp() once
  /// per product, however many comparisons it takes.
  template <typename T>
  void product(const T *Got, const double *Want, const double *Scale, int N,
               const char *What, const char *Against = nullptr) {
    for (int I = 0; I < N; ++I)
      compare(Got[I], Want[I], What, I, -1, Scale[I], Against);
  }

  /// Counts one Hessian-vector product in the summary line.
  void counted_hvp() { ++Hvps; }

  /// Compares entry (I, J) of a matrix given in some other form than dense
  /// (the values of a sparse Hessian), relative to max(1, |Want|, Scale);
  /// Against as in product(). Call counted_sparse() once per sparse
  /// Hessian.
  void entry(double Got, double Want, const char *What, int I, int J,
             double Scale, const char *Against = nullptr) {
    compare(Got, Want, What, I, J, Scale, Against);
  }

  /// Counts one sparse Hessian (sparse_hessian()) in the summary line.
  void counted_sparse() { ++Sparse; }

private:
  void fail() {
    ++Failed;
    ++failures();
  }

  void compare(double Got, double Want, const char *What, int I, int J,
               double Scale = 0.0, const char *Against = nullptr) {
    ++Compared;
    if (close(Got, Want, Tol, Scale)) {
      MaxError = std::fmax(MaxError, error(Got, Want, Scale));
      return;
    }
    fail();
    // Enough to diagnose; a wrong gradient of length 10000 would drown the log.
    if (Failed > 10)
      return;
    std::printf("  %s at %s: %s", Name, Where.c_str(), What);
    if (I >= 0)
      std::printf("[%d]", I);
    if (J >= 0)
      std::printf("[%d]", J);
    std::printf(" = %.17g, expected %.17g%s%s (error %.3g)\n", Got, Want,
                Against ? " from " : "", Against ? Against : "",
                error(Got, Want, Scale));
  }

  const char *Name;
  double Tol;
  std::string Where = "(no point)";
  int Points = 0;
  int Compared = 0;
  int Failed = 0;
  int Values = 0, Grads = 0, Hessians = 0, Hvps = 0, Sparse = 0;
  double MaxError = 0; // over the comparisons that passed
};

/// A small deterministic generator (splitmix64) for test points, the same on
/// every platform.
class Rng {
public:
  explicit Rng(std::uint64_t Seed) : State(Seed) {}

  /// Uniform in [Lo, Hi).
  double uniform(double Lo, double Hi) {
    std::uint64_t Z = (State += 0x9e3779b97f4a7c15ULL);
    Z = (Z ^ (Z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    Z = (Z ^ (Z >> 27)) * 0x94d049bb133111ebULL;
    Z ^= Z >> 31;
    return Lo + (Hi - Lo) * static_cast<double>(Z >> 11) * 0x1.0p-53;
  }

private:
  std::uint64_t State;
};

//===----------------------------------------------------------------------===//
// Second order
//===----------------------------------------------------------------------===//

/// A direction v for f_hvp, with its name for the messages.
template <typename T> struct Direction {
  std::string Name;
  std::vector<T> V;
};

/// The directions every Hessian-vector product is checked in, for N
/// independents: the unit vectors e_0 and e_{N-1} (columns of H), a random
/// vector uniform in [-1, 1]^N (a different one at every call: the
/// generator runs through the whole program, deterministically) and the
/// alternating (-1, 1, -1, ...), which mixes every column with both signs.
template <typename T> std::vector<Direction<T>> directions(int N) {
  static Rng R(0x5eedf00dULL);
  std::vector<Direction<T>> Ds;
  Ds.push_back({"e_0", std::vector<T>(N, T(0))});
  Ds.back().V[0] = T(1);
  if (N > 1) {
    Ds.push_back({"e_" + std::to_string(N - 1), std::vector<T>(N, T(0))});
    Ds.back().V[N - 1] = T(1);
  }
  Ds.push_back({"random", std::vector<T>(N)});
  for (T &E : Ds.back().V)
    E = T(R.uniform(-1.0, 1.0));
  Ds.push_back({"alternating", std::vector<T>(N)});
  for (int I = 0; I < N; ++I)
    Ds.back().V[I] = T(I % 2 ? 1 : -1);
  return Ds;
}

/// Checks f_hvp in every direction of directions(N) at the current point of
/// C: its value against F; hv against the reference RefHv(v, want, scale),
/// which writes H v and, for each entry, the scale of its rounding error (the
/// sum of the magnitudes of the terms, see Case::grad); and, when the dense
/// Hessian H that f_hessian produced is given, hv against H v to the same
/// tolerance, entry I relative to sum_j max(|H_IJ|, S_IJ) |v_J| with S the
/// reference's entry scales (or 0). Hvp(v, hv) calls f_hvp.
template <typename T, typename HvpFn, typename RefHvFn>
void hvp(Case &C, int N, T F, HvpFn &&Hvp, RefHvFn &&RefHv,
         const T *H = nullptr, const double *S = nullptr) {
  std::vector<T> Hv(N);
  std::vector<double> Want(N), Scale(N), V(N);
  for (const Direction<T> &D : directions<T>(N)) {
    for (int I = 0; I < N; ++I)
      V[I] = double(D.V[I]);
    poison(Hv.data(), Hv.size());
    T Got = Hvp(D.V.data(), Hv.data());
    C.counted_hvp();
    std::string What = "f_hvp(" + D.Name + ")";
    C.value(Got, F, (What + " value").c_str());
    RefHv(V.data(), Want.data(), Scale.data());
    C.product(Hv.data(), Want.data(), Scale.data(), N, What.c_str());
    if (!H)
      continue;
    // H v from f_hessian's own matrix, in long double so that the product
    // adds no rounding error of its own at double precision.
    for (int I = 0; I < N; ++I) {
      long double Sum = 0, Size = 0;
      for (int J = 0; J < N; ++J) {
        std::size_t K = std::size_t(I) * N + J;
        long double Entry = H[K];
        Sum += Entry * V[J];
        Size += std::fmax(std::fabs(double(H[K])), S ? S[K] : 0.0) *
                std::fabs(V[J]);
      }
      Want[I] = double(Sum);
      Scale[I] = double(Size);
    }
    C.product(Hv.data(), Want.data(), Scale.data(), N, What.c_str(),
              "f_hessian's matrix times v");
  }
}

/// A SparsityPattern wrong for N in every member, for f_hessian_sparsity to
/// overwrite; variants 0 and 1 differ in every member, DependsOnPoint too.
inline hessc::SparsityPattern junk_pattern(int N, int Variant) {
  hessc::SparsityPattern P;
  P.Dimension = Variant ? N + 3 : -1;
  P.ColumnStarts.assign(std::size_t(N) + 2 + Variant, Variant ? 1 : -5);
  P.RowIndices.assign(std::size_t(3 + Variant), Variant ? N : -2);
  P.DependsOnPoint = Variant == 0;
  return P;
}

/// Checks the sparse Hessian at the current point of C, for a function of N
/// independents whose value there is F, against the dense matrix DenseH
/// (row-major N x N) that f_hessian produced there, entry scales ScaleH (or
/// null) as in second_order():
///  - Sparsity(pattern) calls f_hessian_sparsity. Its value must be F; it is
///    called twice, into patterns filled with different junk
///    (junk_pattern()), and must give the same pattern both times. The
///    pattern: Dimension N, N + 1 ColumnStarts from 0 to nonZeros(),
///    non-decreasing, the rows of each column in [column, N) (the lower
///    triangle) and strictly increasing; every nonzero entry of DenseH
///    (either triangle) in it, so that entries outside it are exactly 0.
///  - hessc::HessianColoring of the pattern, checked here without the
///    library's help to be a star colouring: the colour of every independent
///    in a nonzero in [0, colors()) (of one in none, which no product needs
///    to seed, -1 or that), adjacent vertices (i, j: an off-diagonal entry of
///    the pattern) of different colours, and for each such entry j the only
///    neighbour of i of colour(j), or i the only neighbour of j of colour(i),
///    so that H_ij can be read from row i of the product with colour(j)'s seed
///    or from row j of colour(i)'s.
///  - Sparse(coloring, values) calls f_hessian_sparse into NaN-filled
///    values. Its value must be F; it must write nonZeros() values, no more
///    (a guard after them stays as it was), and value k must equal DenseH at
///    nonzero k's (row, column), relative to max(1, |H_ij|, scale), scale
///    being that of the entry of the product it is read from: the sum over
///    the seed's columns m of max(|H_rm|, ScaleH_rm), r the row read (the
///    larger of the two when either read works).
/// When the pattern or the colouring is malformed, the failure is recorded
/// and the checks that would depend on it are skipped.
template <typename T, typename SparsityFn, typename SparseFn>
void sparse_hessian(Case &C, int N, T F, SparsityFn &&Sparsity,
                    SparseFn &&Sparse, const T *DenseH,
                    const double *ScaleH = nullptr) {
  C.counted_sparse();
  auto At = [N](int I, int J) { return std::size_t(I) * N + J; };

  // The pattern.
  hessc::SparsityPattern P = junk_pattern(N, 0), Again = junk_pattern(N, 1);
  C.value(Sparsity(P), F, "f_hessian_sparsity value");
  C.value(Sparsity(Again), F, "f_hessian_sparsity value (second call)");
  C.expectf(P.Dimension == Again.Dimension &&
                P.ColumnStarts == Again.ColumnStarts &&
                P.RowIndices == Again.RowIndices &&
                P.DependsOnPoint == Again.DependsOnPoint,
            "f_hessian_sparsity gives a different pattern when its argument "
            "held something else before (a member not overwritten)");
  bool Ok = C.expectf(P.Dimension == N,
                      "f_hessian_sparsity: Dimension = %d, expected N = %d",
                      P.Dimension, N);
  Ok &= C.expectf(P.ColumnStarts.size() == std::size_t(N) + 1,
                  "f_hessian_sparsity: %zu ColumnStarts, expected N + 1 = %d",
                  P.ColumnStarts.size(), N + 1);
  if (!Ok)
    return;
  const std::size_t NZ = P.nonZeros();
  Ok = C.expectf(P.ColumnStarts[0] == 0 && P.ColumnStarts[N] == int(NZ),
                 "f_hessian_sparsity: ColumnStarts run from %d to %d, "
                 "expected 0 to the %zu RowIndices",
                 P.ColumnStarts[0], P.ColumnStarts[N], NZ);
  for (int J = 0; J < N; ++J)
    Ok &= C.expectf(P.ColumnStarts[J] <= P.ColumnStarts[J + 1],
                    "f_hessian_sparsity: ColumnStarts[%d] = %d > "
                    "ColumnStarts[%d] = %d",
                    J, P.ColumnStarts[J], J + 1, P.ColumnStarts[J + 1]);
  if (!Ok)
    return;
  // Index[At(I, J)], I >= J: the nonzero that is (I, J), or -1.
  std::vector<int> Index(std::size_t(N) * N, -1);
  for (int J = 0; J < N; ++J)
    for (int K = P.ColumnStarts[J]; K < P.ColumnStarts[J + 1]; ++K) {
      int I = P.RowIndices[K];
      bool InRange = C.expectf(I >= J && I < N,
                               "f_hessian_sparsity: row %d in column %d, "
                               "outside the lower triangle [%d, %d)",
                               I, J, J, N);
      Ok &= InRange;
      if (K > P.ColumnStarts[J])
        Ok &= C.expectf(P.RowIndices[K - 1] < I,
                        "f_hessian_sparsity: rows of column %d not strictly "
                        "increasing: %d, then %d",
                        J, P.RowIndices[K - 1], I);
      if (InRange)
        Index[At(I, J)] = K;
    }
  if (!Ok)
    return;
  for (int I = 0; I < N; ++I)
    for (int J = 0; J <= I; ++J) {
      if (Index[At(I, J)] >= 0)
        continue;
      T Lower = DenseH[At(I, J)], Upper = DenseH[At(J, I)];
      C.expectf(Lower == T(0) && Upper == T(0), // false for NaN too
                "f_hessian[%d][%d] = %.17g, f_hessian[%d][%d] = %.17g, "
                "but (%d, %d) is not in f_hessian_sparsity's pattern%s",
                I, J, double(Lower), J, I, double(Upper), I, J,
                P.DependsOnPoint ? " (DependsOnPoint)" : "");
    }

  // The colouring.
  hessc::HessianColoring Coloring(P);
  const int Colors = Coloring.colors();
  Ok = C.expectf(Coloring.dimension() == N,
                 "HessianColoring: dimension() = %d, expected %d",
                 Coloring.dimension(), N);
  std::vector<bool> InPattern(static_cast<std::size_t>(N), false);
  for (int J = 0; J < N; ++J)
    for (int K = P.ColumnStarts[J]; K < P.ColumnStarts[J + 1]; ++K)
      InPattern[J] = InPattern[P.RowIndices[K]] = true;
  for (int I = 0; I < N && Ok; ++I) {
    int CI = Coloring.color(I);
    Ok = C.expectf((CI >= 0 && CI < Colors) || (CI == -1 && !InPattern[I]),
                   "HessianColoring: color(%d) = %d outside [0, colors() = "
                   "%d)%s",
                   I, CI, Colors,
                   InPattern[I] ? ", and it is in the pattern" : " or -1");
  }
  if (!Ok)
    return;
  // NeighbourColors[I]: the colours of I's neighbours, sorted, repeated.
  std::vector<std::vector<int>> NeighbourColors(static_cast<std::size_t>(N));
  for (int J = 0; J < N; ++J)
    for (int K = P.ColumnStarts[J]; K < P.ColumnStarts[J + 1]; ++K) {
      int I = P.RowIndices[K];
      if (I == J)
        continue;
      NeighbourColors[I].push_back(Coloring.color(J));
      NeighbourColors[J].push_back(Coloring.color(I));
    }
  for (std::vector<int> &L : NeighbourColors)
    std::sort(L.begin(), L.end());
  auto neighbours = [&](int V, int Color) {
    const std::vector<int> &L = NeighbourColors[V];
    auto Range = std::equal_range(L.begin(), L.end(), Color);
    return int(Range.second - Range.first);
  };
  // RowScale[R * Colors + Color]: the scale of entry R of the product with
  // Color's seed.
  std::vector<double> RowScale(std::size_t(N) * Colors, 0.0);
  for (int R = 0; R < N; ++R)
    for (int M = 0; M < N; ++M)
      if (Coloring.color(M) >= 0) // else in no seed
        RowScale[std::size_t(R) * Colors + Coloring.color(M)] +=
            std::fmax(std::fabs(double(DenseH[At(R, M)])),
                      ScaleH ? ScaleH[At(R, M)] : 0.0);
  std::vector<double> Scale(NZ, 0.0);
  for (int J = 0; J < N; ++J)
    for (int K = P.ColumnStarts[J]; K < P.ColumnStarts[J + 1]; ++K) {
      int I = P.RowIndices[K], CI = Coloring.color(I), CJ = Coloring.color(J);
      if (I == J) {
        Scale[K] = RowScale[std::size_t(I) * Colors + CI];
        continue;
      }
      bool Distinct =
          C.expectf(CI != CJ,
                    "HessianColoring: %d and %d are adjacent ((%d, %d) is in "
                    "the pattern) but share colour %d",
                    I, J, I, J, CI);
      Ok &= Distinct;
      if (!Distinct)
        continue;
      bool FromRowI = neighbours(I, CJ) == 1, FromRowJ = neighbours(J, CI) == 1;
      Ok &= C.expectf(FromRowI || FromRowJ,
                      "HessianColoring is not a star colouring: (%d, %d) "
                      "cannot be read, %d has %d neighbours of colour %d and "
                      "%d has %d of colour %d",
                      I, J, I, neighbours(I, CJ), CJ, J, neighbours(J, CI), CI);
      Scale[K] =
          std::fmax(FromRowI ? RowScale[std::size_t(I) * Colors + CJ] : 0.0,
                    FromRowJ ? RowScale[std::size_t(J) * Colors + CI] : 0.0);
    }
  if (!Ok)
    return;

  // The values.
  std::vector<T> Values(NZ + 1);
  poison(Values.data(), NZ);
  const T Guard = T(-1234.5);
  Values[NZ] = Guard;
  C.value(Sparse(Coloring, Values.data()), F, "f_hessian_sparse value");
  C.expectf(Values[NZ] == Guard,
            "f_hessian_sparse wrote past the %zu nonzeros of its pattern", NZ);
  for (int J = 0; J < N; ++J)
    for (int K = P.ColumnStarts[J]; K < P.ColumnStarts[J + 1]; ++K) {
      int I = P.RowIndices[K];
      C.entry(Values[K], DenseH[At(I, J)], "f_hessian_sparse", I, J, Scale[K],
              "f_hessian's matrix");
    }
}

/// Every second-order check at the current point of C, for a function of N
/// independents whose value there is F:
///  - Hessian(H) calls f_hessian; its value must be F, its matrix WantH
///    (row-major N x N, entry scales ScaleH or null), exactly symmetric;
///  - f_hvp (Hvp(v, hv) calls it) as in hvp() above, against WantH v and
///    against f_hessian's matrix times v;
///  - f_hessian_sparsity (Sparsity(pattern) calls it) and f_hessian_sparse
///    (Sparse(coloring, values) calls it) as in sparse_hessian() above,
///    against f_hessian's matrix.
template <typename T, typename HessianFn, typename HvpFn, typename SparsityFn,
          typename SparseFn>
void second_order(Case &C, int N, T F, HessianFn &&Hessian, HvpFn &&Hvp,
                  SparsityFn &&Sparsity, SparseFn &&Sparse, const double *WantH,
                  const double *ScaleH = nullptr) {
  std::vector<T> H(std::size_t(N) * N);
  poison(H.data(), H.size());
  T Got = Hessian(H.data());
  C.value(Got, F, "f_hessian value");
  C.hessian(H.data(), WantH, ScaleH, N);
  C.symmetric(H.data(), N);
  auto RefHv = [&](const double *V, double *Want, double *Scale) {
    for (int I = 0; I < N; ++I) {
      long double Sum = 0, Size = 0;
      for (int J = 0; J < N; ++J) {
        std::size_t K = std::size_t(I) * N + J;
        Sum += (long double)WantH[K] * V[J];
        Size += std::fmax(std::fabs(WantH[K]), ScaleH ? ScaleH[K] : 0.0) *
                std::fabs(V[J]);
      }
      Want[I] = double(Sum);
      Scale[I] = double(Size);
    }
  };
  hvp(C, N, F, Hvp, RefHv, H.data(), ScaleH);
  sparse_hessian(C, N, F, Sparsity, Sparse, H.data(), ScaleH);
}

/// The generated functions of an annotated f(x, y) of two scalars of type
/// T, as the tests of such functions pass them around
/// (CHECK_GENERATED2(f) builds one).
template <typename T> struct Generated2 {
  T (*f)(T, T);
  T (*grad)(T, T, T *);
  T (*hessian)(T, T, T *);
  T (*hvp)(T, T, const T *, T *);
  T (*hessian_sparsity)(T, T, hessc::SparsityPattern &);
  T (*hessian_sparse)(T, T, const hessc::HessianColoring &, T *);

  /// second_order() at (x, y) against the reference Hessian WantH.
  void second_order(Case &C, T x, T y, const double *WantH) const {
    check::second_order(
        C, 2, f(x, y), [&](T *H) { return hessian(x, y, H); },
        [&](const T *v, T *hv) { return hvp(x, y, v, hv); },
        [&](hessc::SparsityPattern &P) { return hessian_sparsity(x, y, P); },
        [&](const hessc::HessianColoring &Coloring, T *Values) {
          return hessian_sparse(x, y, Coloring, Values);
        },
        WantH);
  }
};

} // namespace check

/// check::Generated2 of the annotated function name(x, y).
#define CHECK_GENERATED2(name)                                                 \
  check::Generated2<decltype(name(0, 0))> {                                    \
    name, name##_grad, name##_hessian, name##_hvp, name##_hessian_sparsity,    \
        name##_hessian_sparse                                                  \
  }

/// The callables second_order() takes after Hvp, for f called with the
/// given arguments: f_hessian_sparsity(args, pattern) and
/// f_hessian_sparse(args, coloring, values). fn may be qualified (ns::f):
/// only its last token gets the suffix.
#define CHECK_SPARSE_CALLS(fn, ...)                                            \
  [&](hessc::SparsityPattern &pattern_) {                                      \
    return fn##_hessian_sparsity(__VA_ARGS__, pattern_);                       \
  },                                                                           \
      [&](const hessc::HessianColoring &coloring_, auto *values_) {            \
        return fn##_hessian_sparse(__VA_ARGS__, coloring_, values_);           \
      }

#endif // HESSC_TEST_CHECK_H
