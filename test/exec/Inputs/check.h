//===- check.h - Comparisons for hessc's execution tests -------*- C++ -*-===//
//
// Each test function of an execution test opens a check::Case, describes the
// point it evaluates at with at(), and compares values, gradients and second
// derivatives with value(), grad() and second_order(). When the Case goes out
// of scope it prints one line that says what was compared (here 16 products
// f_hvp(v), 4 directions at each of 4 points),
//
//   f: ok (4 points; value, grad, hessian, 16 hvp; max error 2e-16, tol 1e-12)
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
//===----------------------------------------------------------------------===//
#ifndef HESSC_TEST_CHECK_H
#define HESSC_TEST_CHECK_H

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
  int Values = 0, Grads = 0, Hessians = 0, Hvps = 0;
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

/// Every second-order check at the current point of C, for a function of N
/// independents whose value there is F:
///  - Hessian(H) calls f_hessian; its value must be F, its matrix WantH
///    (row-major N x N, entry scales ScaleH or null), exactly symmetric;
///  - f_hvp (Hvp(v, hv) calls it) as in hvp() above, against WantH v and
///    against f_hessian's matrix times v.
template <typename T, typename HessianFn, typename HvpFn>
void second_order(Case &C, int N, T F, HessianFn &&Hessian, HvpFn &&Hvp,
                  const double *WantH, const double *ScaleH = nullptr) {
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
}

} // namespace check

#endif // HESSC_TEST_CHECK_H
