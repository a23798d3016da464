//===- check.h - Comparisons for hessc's execution tests -------*- C++ -*-===//
//
// Each test function of an execution test opens a check::Case, describes the
// point it evaluates at with at(), and compares values and gradients with
// value() and grad(). When the Case goes out of scope it prints one line,
//
//   poly: ok (4 points, max error 2.2e-16, tol 1e-12)
//
// or FAILED, after a line for each mismatch that gives the point, the entry,
// both values and the error. main() returns check::exit_code(), which is
// non-zero if any comparison failed.
//
// Two numbers agree when |got - want| <= tol * max(1, |want|): a relative
// test for values above 1 in magnitude and an absolute one below, so exact
// zeros in a reference do not demand exact zeros from the code under test.
// For a result that is a sum of terms much larger than itself, rounding
// errors scale with the terms, not the result; grad() then takes the size of
// the terms as an extra scale: |got - want| <= tol * max(1, |want|, scale).
//
//===----------------------------------------------------------------------===//
#ifndef HESSC_TEST_CHECK_H
#define HESSC_TEST_CHECK_H

#include <cmath>
#include <cstdarg>
#include <cstdint>
#include <cstdio>
#include <initializer_list>
#include <string>

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

/// The comparisons for one function under test.
class Case {
public:
  Case(const char *Name, double Tol) : Name(Name), Tol(Tol) {}
  Case(const Case &) = delete;
  Case &operator=(const Case &) = delete;

  ~Case() {
    if (Failed)
      std::printf("%s: FAILED (%d of %d comparisons, %d points, tol %g)\n",
                  Name, Failed, Compared, Points, Tol);
    else
      std::printf("%s: ok (%d points, max error %.2g, tol %g)\n", Name,
                  Points, MaxError, Tol);
    std::fflush(stdout);
  }

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
    ++Failed;
    ++failures();
    std::printf("  %s: expected %s\n", Name, What);
  }

  /// Compares a function value (the return of f_grad against f, say).
  void value(double Got, double Want, const char *What = "value") {
    compare(Got, Want, What, -1);
  }

  /// Compares the N entries of a gradient (or any vector).
  template <typename T>
  void grad(const T *Got, const double *Want, int N,
            const char *What = "grad") {
    for (int I = 0; I < N; ++I)
      compare(Got[I], Want[I], What, I);
  }

  /// As above, entry I relative to max(1, |Want[I]|, Scale[I]), where
  /// Scale[I] is the sum of the magnitudes of the terms that make Want[I].
  template <typename T>
  void grad(const T *Got, const double *Want, const double *Scale, int N,
            const char *What = "grad") {
    for (int I = 0; I < N; ++I)
      compare(Got[I], Want[I], What, I, Scale[I]);
  }

private:
  void compare(double Got, double Want, const char *What, int Index,
               double Scale = 0.0) {
    ++Compared;
    if (close(Got, Want, Tol, Scale)) {
      MaxError = std::fmax(MaxError, error(Got, Want, Scale));
      return;
    }
    ++Failed;
    ++failures();
    // Enough to diagnose; a wrong gradient of length 10000 would drown the log.
    if (Failed > 10)
      return;
    std::printf("  %s at %s: %s", Name, Where.c_str(), What);
    if (Index >= 0)
      std::printf("[%d]", Index);
    std::printf(" = %.17g, expected %.17g (error %.3g)\n", Got, Want,
                error(Got, Want, Scale));
  }

  const char *Name;
  double Tol;
  std::string Where = "(no point)";
  int Points = 0;
  int Compared = 0;
  int Failed = 0;
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

} // namespace check

#endif // HESSC_TEST_CHECK_H
