//===- adolc_tape.h - ADOL-C's tape drivers, the operator-overloading rival ===//
//
// ADOL-C is the reference operator-overloading AD tool: f runs once over
// `adouble` to record a tape, and the drivers gradient(), hess_vec() and
// hessian() interpret that tape at a point. The tape records the branches
// taken while tracing, so for a function whose control flow depends on x
// (a cutoff radius) it is valid only at the traced point, and a user at a
// new point must trace again: the *_retape variants time that.
//
// Buffers are sized so that every tape stays in memory (ADOL-C's defaults
// spill tapes of more than 524288 operations to files in the working
// directory, which would time the disk rather than ADOL-C).
//
//===----------------------------------------------------------------------===//
#ifndef HESSC_BENCH_ADOLC_TAPE_H
#define HESSC_BENCH_ADOLC_TAPE_H

#include <adolc/adolc.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <vector>

namespace hessc::bench {

/// One ADOL-C tape of a scalar function of N independents.
class AdolcTape {
public:
  AdolcTape() : Tag(nextTag()) {}
  AdolcTape(const AdolcTape &) = delete;
  AdolcTape &operator=(const AdolcTape &) = delete;
  ~AdolcTape() {
    if (N > 0)
      removeTape(Tag, ADOLC_REMOVE_COMPLETELY);
  }

  /// Records `Body` (callable as `adouble Body(const adouble *x)`) at x.
  /// The first time, the buffers are sized from a trace into buffers large
  /// enough for any workload of the suite, and the function traced again
  /// into buffers just large enough: a retrace then costs what it costs a
  /// user who sized them, and the drivers allocate no more than they need.
  template <typename F> void trace(const double *x, int Dimension, F &&Body) {
    if (!Fitted) {
      record(x, Dimension, Body);
      fitBuffers();
      Fitted = true;
    }
    record(x, Dimension, Body);
  }

  bool traced() const { return N > 0; }
  short tag() const { return Tag; }

  /// g = grad f at x (ADOL-C's gradient(): zero-order forward, first-order
  /// reverse). Returns NaN: the driver does not return f.
  double gradient(const double *x, double *g) {
    check(::gradient(Tag, N, x, g), "gradient");
    return std::nan("");
  }

  /// hv = H v at x (ADOL-C's hess_vec(): first-order forward, second-order
  /// reverse).
  double hvp(const double *x, const double *v, double *hv) {
    check(::hess_vec(Tag, N, const_cast<double *>(x), const_cast<double *>(v), hv), "hess_vec");
    return std::nan("");
  }

  /// H at x, row-major, both triangles (ADOL-C's hessian() writes the lower
  /// one; copying it up is part of the cost).
  double hessian(const double *x, double *H) {
    Rows.resize(N);
    for (int i = 0; i < N; ++i)
      Rows[i] = H + static_cast<size_t>(i) * N;
    check(::hessian(Tag, N, const_cast<double *>(x), Rows.data()), "hessian");
    for (int i = 0; i < N; ++i)
      for (int j = 0; j < i; ++j)
        H[static_cast<size_t>(j) * N + i] = H[static_cast<size_t>(i) * N + j];
    return std::nan("");
  }

private:
  template <typename F> void record(const double *x, int Dimension, F &Body) {
    trace_on(Tag, /*keepTaylors=*/0, Ops, Locations, Values, Taylors);
    {
      std::vector<adouble> X(Dimension);
      for (int i = 0; i < Dimension; ++i)
        X[i] <<= x[i];
      adouble Y = Body(X.data());
      double Value;
      Y >>= Value;
    }
    trace_off();
    N = Dimension;
    size_t Stats[STAT_SIZE];
    tapestats(Tag, Stats);
    if (Stats[OP_FILE_ACCESS] || Stats[LOC_FILE_ACCESS] || Stats[VAL_FILE_ACCESS]) {
      std::fprintf(stderr, "adolc_tape.h: tape %d spilled to files (%zu operations)\n", Tag,
                   Stats[NUM_OPERATIONS]);
      std::exit(1);
    }
  }

  void fitBuffers() {
    size_t Stats[STAT_SIZE];
    tapestats(Tag, Stats);
    Ops = fit(Stats[NUM_OPERATIONS]);
    Locations = fit(Stats[NUM_LOCATIONS]);
    Values = fit(Stats[NUM_VALUES]);
    // hess_vec() and hessian() keep two Taylor coefficients per value.
    Taylors = fit(2 * Stats[TAY_STACK_SIZE]);
  }

  static short nextTag() {
    static short Next = 1;
    return Next++;
  }

  static unsigned fit(size_t Count) {
    return static_cast<unsigned>(std::max<size_t>(Count + Count / 8 + 1024, 65536));
  }

  /// A negative return code means ADOL-C saw a comparison come out
  /// otherwise than while tracing: the tape does not hold at this point.
  void check(int Rc, const char *Driver) const {
    if (Rc >= 0)
      return;
    std::fprintf(stderr, "adolc_tape.h: %s on tape %d returned %d: the tape is not valid here\n",
                 Driver, Tag, Rc);
    std::exit(1);
  }

  short Tag;
  int N = 0;
  bool Fitted = false;
  // First trace: large enough for any workload of the suite (the memory is
  // reserved, not touched).
  unsigned Ops = 1u << 27, Locations = 1u << 27, Values = 1u << 27, Taylors = 1u << 27;
  std::vector<double *> Rows;
};

} // namespace hessc::bench

#endif // HESSC_BENCH_ADOLC_TAPE_H
