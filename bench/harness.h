//===- harness.h - One workload at several sizes: cross-check, then time --===//
//
// Every benchmark binary of the suite has the same shape: one workload (an
// annotated f, hessc's derivatives of it, and their rivals: derivatives by
// hand, central differences, ADOL-C) at several sizes, timed in one run and
// reported as ratios to f. Before anything is timed, every variant of each
// derivative is compared with hessc's at every size it will run at, and the
// binary stops with a message if two disagree: a fast wrong derivative is
// not a result. `--smoke` runs only those checks, at the smallest size (CI).
//
//===----------------------------------------------------------------------===//
#ifndef HESSC_BENCH_HARNESS_H
#define HESSC_BENCH_HARNESS_H

#include "ratios.h"

#include <hessc/sparsity.h>

#include <benchmark/benchmark.h>

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include <dirent.h>
#include <sys/wait.h>
#include <unistd.h>

namespace hessc::bench {

/// What a variant computes. Variants of one kind are checked against the
/// first variant of that kind (hessc's), so their outputs must mean the same.
enum class Kind {
  Value,    ///< f itself: the baseline of every ratio
  Gradient, ///< Out[N] = grad f
  Hvp,      ///< Out[N] = H v
  Hessian,  ///< Out[N*N] = H, row-major, both triangles
  /// The nonzeros of H in the order of the problem's Pattern (which the
  /// variant's Prepare finds, untimed, with f_hessian_sparsity).
  SparseHessian,
  /// Finding the pattern and colouring it, once per problem in practice:
  /// timed to show what the one-off costs. No output.
  Sparsity,
};

/// A point, a direction and scratch space: what every workload's problem
/// carries. Variants read the point from `x` at every call (the flat vector
/// of independents, in spec order), so finite differences may move it.
struct ProblemBase {
  explicit ProblemBase(int N) : N(N), x(N), v(N) {}
  int N;
  std::vector<double> x, v;
  std::vector<double> Scratch; ///< for finite differences
  /// The Hessian's pattern and its colouring, for sparse variants.
  hessc::SparsityPattern Pattern;
  hessc::HessianColoring Coloring;
};

/// One way of computing one kind of result for problems of type P.
template <typename P> struct Variant {
  /// "<kind>_<method>": grad_hessc, hvp_by_hand, hessian_adolc...
  std::string Name;
  Kind K;
  /// Computes into Out; returns f, or NaN when the method does not.
  std::function<double(P &, double *Out)> Run;
  /// Largest size argument it runs at (expensive variants stop early).
  long MaxSize = LONG_MAX;
  /// Relative error allowed against the reference, in the max-norm:
  /// max|out - ref| <= Tolerance * max|ref|.
  double Tolerance = 1e-9;
  /// Untimed preparation before a benchmark's loop (ADOL-C: trace the tape).
  std::function<void(P &)> Prepare = nullptr;
};

/// A workload: its variants at several sizes. P is constructed from a size
/// argument and derives from ProblemBase.
template <typename P> struct Workload {
  std::string Name;        ///< file and test name: "lennard_jones"
  std::string Title;       ///< heading of the report
  std::string SizeHeading; ///< what the size argument counts: "particles"
  std::vector<long> Sizes;
  std::vector<Variant<P>> Variants;
  std::vector<std::string> Notes; ///< printed with the tables, kept in the JSON
};

/// Central differences of a gradient variant along v:
/// (g(x + eps v) - g(x - eps v)) / (2 eps), eps = 1e-6 (|v|_inf = 1 in
/// every workload). The approximate baseline users compare HVPs against.
template <typename P> Variant<P> centralDifferenceHvp(const Variant<P> &Gradient) {
  std::function<double(P &, double *)> Grad = Gradient.Run;
  Variant<P> V;
  V.Name = "hvp_central_difference";
  V.K = Kind::Hvp;
  V.Tolerance = 1e-5;
  V.Run = [Grad](P &p, double *hv) {
    const double Eps = 1e-6;
    const int N = p.N;
    p.Scratch.resize(3 * static_cast<size_t>(N));
    double *x0 = p.Scratch.data(), *gp = x0 + N, *gm = gp + N;
    std::memcpy(x0, p.x.data(), N * sizeof(double));
    for (int i = 0; i < N; ++i)
      p.x[i] = x0[i] + Eps * p.v[i];
    Grad(p, gp);
    for (int i = 0; i < N; ++i)
      p.x[i] = x0[i] - Eps * p.v[i];
    Grad(p, gm);
    std::memcpy(p.x.data(), x0, N * sizeof(double));
    for (int i = 0; i < N; ++i)
      hv[i] = (gp[i] - gm[i]) / (2 * Eps);
    return std::nan("");
  };
  return V;
}

/// hessc's sparse Hessian of a workload, as two variants:
///  - sparsity_hessc: f_hessian_sparsity and the star colouring, timed
///    (a one-off per problem in practice);
///  - hessian_sparse_hessc: f_hessian_sparse with the pattern and colouring
///    found untimed beforehand, as in a Newton iteration.
/// Sparsity(p, pattern) and Sparse(p, coloring, values) call the generated
/// functions with the problem's arguments.
template <typename P>
std::vector<Variant<P>> sparseHessianVariants(
    std::function<double(P &, hessc::SparsityPattern &)> Sparsity,
    std::function<double(P &, const hessc::HessianColoring &, double *)> Sparse) {
  Variant<P> Pattern;
  Pattern.Name = "sparsity_hessc";
  Pattern.K = Kind::Sparsity;
  Pattern.Run = [Sparsity](P &p, double *) {
    hessc::SparsityPattern Found;
    double Value = Sparsity(p, Found);
    hessc::HessianColoring Coloring(std::move(Found));
    benchmark::DoNotOptimize(Coloring.colors());
    return Value;
  };
  Variant<P> Values;
  Values.Name = "hessian_sparse_hessc";
  Values.K = Kind::SparseHessian;
  Values.Run = [Sparse](P &p, double *Out) { return Sparse(p, p.Coloring, Out); };
  Values.Prepare = [Sparsity](P &p) {
    if (p.Pattern.Dimension == p.N && p.Coloring.dimension() == p.N)
      return;
    Sparsity(p, p.Pattern);
    p.Coloring = hessc::HessianColoring(p.Pattern);
  };
  return {Pattern, Values};
}

namespace detail {

inline const char *kindName(Kind K) {
  switch (K) {
  case Kind::Value:
    return "value";
  case Kind::Gradient:
    return "gradient";
  case Kind::Hvp:
    return "Hessian-vector product";
  case Kind::Hessian:
    return "Hessian";
  case Kind::SparseHessian:
    return "sparse Hessian";
  case Kind::Sparsity:
    return "sparsity pattern";
  }
  return "?";
}

inline size_t outputSize(Kind K, const ProblemBase &p) {
  switch (K) {
  case Kind::Hessian:
    return static_cast<size_t>(p.N) * p.N;
  case Kind::SparseHessian:
    return p.Pattern.nonZeros();
  case Kind::Sparsity:
    return 0;
  default:
    return static_cast<size_t>(p.N);
  }
}

/// y = H v for H given by its lower-triangle nonzeros in pattern order.
inline std::vector<double> sparseTimes(const hessc::SparsityPattern &P,
                                       const std::vector<double> &Values,
                                       const std::vector<double> &v) {
  std::vector<double> y(v.size(), 0.0);
  for (int j = 0; j < P.Dimension; ++j)
    for (int k = P.ColumnStarts[j]; k < P.ColumnStarts[j + 1]; ++k) {
      int i = P.RowIndices[k];
      y[i] += Values[k] * v[j];
      if (i != j)
        y[j] += Values[k] * v[i];
    }
  return y;
}

/// max|a - b| / max|b| over n entries, and where the largest difference is.
inline double relativeError(const double *a, const double *b, size_t n, size_t &Worst) {
  double Scale = 0, Diff = -1;
  Worst = 0;
  for (size_t i = 0; i < n; ++i) {
    Scale = std::max(Scale, std::fabs(b[i]));
    double D = std::fabs(a[i] - b[i]);
    if (!(D <= Diff)) { // NaN counts as the worst
      Diff = D;
      Worst = i;
    }
  }
  if (std::isnan(Diff))
    return Diff;
  return Scale > 0 ? Diff / Scale : Diff;
}

[[noreturn]] inline void fail(const std::string &Workload, long Size, const std::string &What) {
  std::fprintf(stderr, "\nbench_%s: size %ld: %s\nbench_%s: variants disagree; aborting before any timing\n",
               Workload.c_str(), Size, What.c_str(), Workload.c_str());
  std::exit(1);
}

inline std::string format(const char *Fmt, double A, double B = 0, double C = 0) {
  char Buffer[256];
  std::snprintf(Buffer, sizeof Buffer, Fmt, A, B, C);
  return Buffer;
}

/// Runs every variant that is active at `Size` once and compares it with
/// the reference of its kind; exits with a message on the first
/// disagreement. Returns N at this size.
template <typename P> int crossCheck(const Workload<P> &W, long Size) {
  P p(Size);
  const int N = p.N;
  std::map<Kind, std::vector<double>> Reference;
  std::map<Kind, std::string> ReferenceName;
  double F = std::nan("");
  std::string Line;
  for (const Variant<P> &V : W.Variants) {
    if (Size > V.MaxSize)
      continue;
    if (V.Prepare)
      V.Prepare(p);
    std::vector<double> Out(outputSize(V.K, p), std::nan(""));
    double Value = V.Run(p, Out.data());
    if (V.K == Kind::Value) {
      F = Value;
      if (!std::isfinite(F))
        fail(W.Name, Size, V.Name + " is not finite");
      continue;
    }
    if (!std::isnan(Value) && !(std::fabs(Value - F) <= 1e-10 * std::max(1.0, std::fabs(F))))
      fail(W.Name, Size,
           V.Name + " returns f = " + format("%.17g, but f = %.17g", Value, F));
    auto Ref = Reference.find(V.K);
    if (Ref == Reference.end()) {
      for (double E : Out)
        if (!std::isfinite(E))
          fail(W.Name, Size, V.Name + " has a non-finite entry");
      Reference[V.K] = Out;
      ReferenceName[V.K] = V.Name;
      continue;
    }
    size_t Worst = 0;
    double Error = relativeError(Out.data(), Ref->second.data(), Out.size(), Worst);
    if (!(Error <= V.Tolerance))
      fail(W.Name, Size,
           V.Name + " differs from " + ReferenceName[V.K] + " (" + kindName(V.K) + "): " +
               format("relative error %.3g > tolerance %.0e; worst entry %.0f: ", Error,
                      V.Tolerance, static_cast<double>(Worst)) +
               format("%.17g against %.17g", Out[Worst], Ref->second[Worst]));
    Line += " " + V.Name + format(" %.1e", Error);
  }
  // The Hessian times v must be the HVP.
  auto H = Reference.find(Kind::Hessian), Hv = Reference.find(Kind::Hvp);
  if (H != Reference.end() && Hv != Reference.end()) {
    std::vector<double> Product(N, 0.0);
    for (int i = 0; i < N; ++i)
      for (int j = 0; j < N; ++j)
        Product[i] += H->second[static_cast<size_t>(i) * N + j] * p.v[j];
    size_t Worst = 0;
    double Error = relativeError(Product.data(), Hv->second.data(), N, Worst);
    if (!(Error <= 1e-9))
      fail(W.Name, Size,
           ReferenceName[Kind::Hessian] + " times v differs from " + ReferenceName[Kind::Hvp] +
               format(": relative error %.3g", Error));
    Line += " (H v vs hvp" + format(" %.1e)", Error);
  }
  // So must the sparse Hessian times v: a nonzero missing from the pattern
  // shows here.
  auto Sparse = Reference.find(Kind::SparseHessian);
  if (Sparse != Reference.end() && Hv != Reference.end()) {
    std::vector<double> Product = sparseTimes(p.Pattern, Sparse->second, p.v);
    size_t Worst = 0;
    double Error = relativeError(Product.data(), Hv->second.data(), N, Worst);
    if (!(Error <= 1e-9))
      fail(W.Name, Size,
           ReferenceName[Kind::SparseHessian] + " times v differs from " +
               ReferenceName[Kind::Hvp] + format(": relative error %.3g", Error));
    Line += " (sparse H v vs hvp" + format(" %.1e)", Error);
  }
  std::printf("check %s %ld (N = %d): all agree; relative errors:%s\n", W.SizeHeading.c_str(), Size,
              N, Line.c_str());
  std::fflush(stdout);
  return N;
}

/// How many files ADOL-C has spilled into the working directory
/// (ADOLC-Operations_1.tap, ADOLC-Taylors_1.tap...).
inline size_t tapeFiles() {
  size_t Count = 0;
  if (DIR *Dir = opendir(".")) {
    while (dirent *Entry = readdir(Dir))
      Count += std::strncmp(Entry->d_name, "ADOLC-", 6) == 0;
    closedir(Dir);
  }
  return Count;
}

inline std::string loadAverage() {
  std::ifstream In("/proc/loadavg");
  std::string A, B, C;
  In >> A >> B >> C;
  return A + " " + B + " " + C;
}

} // namespace detail

/// The main function of a workload's binary: checks, then (unless --smoke)
/// registers every variant at every size, runs them all in one Google
/// Benchmark run, and prints the ratio tables.
template <typename P> int runWorkload(int argc, char **argv, const Workload<P> &W) {
  bool Smoke = false;
  int Kept = 1;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--smoke") == 0)
      Smoke = true;
    else
      argv[Kept++] = argv[i];
  }
  argc = Kept;

  std::printf("%s\nchecks: exact variants agree with hessc to 1e-9 and central differences to "
              "1e-5 (max-norm, relative to hessc's largest entry); f returned by each variant to "
              "1e-10\n",
              W.Title.c_str());
  std::vector<long> Sizes = W.Sizes;
  std::sort(Sizes.begin(), Sizes.end());
  if (Smoke) {
    detail::crossCheck(W, Sizes.front());
    std::printf("smoke: bench_%s: every variant agrees at the smallest size\n", W.Name.c_str());
    return 0;
  }
  // The checks run in a child process: they leave nothing behind in this
  // one that could change what is timed (ADOL-C's global store of
  // locations only grows, and its drivers allocate in proportion to it;
  // sizes are timed in increasing order for the same reason).
  std::fflush(stdout);
  pid_t Child = fork();
  if (Child == 0) {
    size_t Spilled = detail::tapeFiles();
    for (long Size : Sizes)
      detail::crossCheck(W, Size);
    if (detail::tapeFiles() > Spilled) {
      std::fprintf(stderr, "bench_%s: ADOL-C wrote tapes to files (ADOLC-*.tap here): its "
                           "buffers are too small, and its times would include the disk\n",
                   W.Name.c_str());
      std::_Exit(1);
    }
    std::fflush(stdout);
    std::_Exit(0);
  }
  int Status = 0;
  if (Child < 0 || waitpid(Child, &Status, 0) != Child || !WIFEXITED(Status) ||
      WEXITSTATUS(Status) != 0) {
    std::fprintf(stderr, "bench_%s: the cross-checks failed; nothing timed\n", W.Name.c_str());
    return 1;
  }
  std::map<long, int> Dimension;
  for (long Size : Sizes)
    Dimension[Size] = P(Size).N;

  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv))
    return 2;
  std::string Load = detail::loadAverage();
  benchmark::AddCustomContext("workload", W.Name);
  benchmark::AddCustomContext("title", W.Title);
  benchmark::AddCustomContext("size_heading", W.SizeHeading);
  benchmark::AddCustomContext("loadavg_at_start", Load);
  for (size_t i = 0; i < W.Notes.size(); ++i)
    benchmark::AddCustomContext("note_" + std::to_string(i), W.Notes[i]);

  // Size-major order: the variants at one size run close together in time,
  // so their ratios see the same machine.
  for (long Size : Sizes) {
    for (const Variant<P> &V : W.Variants) {
      if (Size > V.MaxSize)
        continue;
      benchmark::RegisterBenchmark(V.Name.c_str(), [V, Size](benchmark::State &State) {
        P p(Size);
        if (V.Prepare)
          V.Prepare(p);
        std::vector<double> Out(detail::outputSize(V.K, p));
        for (auto _ : State) {
          benchmark::DoNotOptimize(V.Run(p, Out.data()));
          benchmark::ClobberMemory();
        }
        State.counters["N"] = p.N;
      })->Arg(Size)->Unit(benchmark::kMicrosecond);
    }
  }
  RatioReporter Reporter;
  benchmark::RunSpecifiedBenchmarks(&Reporter);

  using R = RatioReporter;
  // A column N when the size argument is not N itself.
  std::function<double(double)> SizeToN = nullptr;
  if (std::any_of(Dimension.begin(), Dimension.end(),
                  [](const std::pair<const long, int> &E) { return E.first != E.second; }))
    SizeToN = [Dimension](double Size) {
      auto It = Dimension.find(static_cast<long>(Size));
      return It == Dimension.end() ? Size : static_cast<double>(It->second);
    };
  auto Has = [&W](const std::string &Name) {
    return std::any_of(W.Variants.begin(), W.Variants.end(),
                       [&](const Variant<P> &V) { return V.Name == Name; });
  };
  std::printf("\n%s: cost relative to f (median of the run)\n", W.Title.c_str());
  std::vector<R::Column> ToF;
  for (const Variant<P> &V : W.Variants)
    if (V.K != Kind::Value)
      ToF.push_back(R::ratio(V.Name, "f"));
  Reporter.printTable(ToF, W.SizeHeading, SizeToN);

  std::printf("\n%s: hessc against the others\n", W.Title.c_str());
  std::vector<R::Column> Against;
  const char *Pairs[][2] = {{"grad_hessc", "grad_by_hand"},
                            {"hvp_hessc", "hvp_by_hand"},
                            {"grad_adolc", "grad_hessc"},
                            {"hvp_adolc", "hvp_hessc"},
                            {"hessian_adolc", "hessian_hessc"},
                            {"grad_adolc_retape", "grad_hessc"},
                            {"hvp_adolc_retape", "hvp_hessc"},
                            {"hessian_adolc_retape", "hessian_hessc"}};
  for (auto &Pair : Pairs)
    if (Has(Pair[0]) && Has(Pair[1]))
      Against.push_back(R::ratio(Pair[0], Pair[1]));
  if (Has("hessian_hessc"))
    Against.push_back(R::ratio("hessian_hessc", "hvp_hessc", /*PerDirection=*/true));
  for (const char *Sparse : {"hessian_sparse_by_hand", "hvp_hessc"})
    if (Has("hessian_sparse_hessc") && Has(Sparse))
      Against.push_back(R::ratio("hessian_sparse_hessc", Sparse));
  if (Has("sparsity_hessc") && Has("hvp_hessc"))
    Against.push_back(R::ratio("sparsity_hessc", "hvp_hessc"));
  Reporter.printTable(Against, W.SizeHeading, SizeToN);
  for (const std::string &Note : W.Notes)
    std::printf("\nnote: %s\n", Note.c_str());
  std::printf("\nload average: %s at the start, %s at the end\n", Load.c_str(),
              detail::loadAverage().c_str());
  benchmark::Shutdown();
  return 0;
}

/// A deterministic generator for the workloads' data (no <random>: the
/// same numbers everywhere).
class Lcg {
public:
  explicit Lcg(uint64_t Seed) : State(Seed * 6364136223846793005ULL + 1442695040888963407ULL) {}
  /// Uniform in [0, 1).
  double uniform() {
    State = State * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<double>(State >> 11) * (1.0 / 9007199254740992.0);
  }
  /// Uniform in [Lo, Hi).
  double uniform(double Lo, double Hi) { return Lo + (Hi - Lo) * uniform(); }
  /// Standard normal (Box-Muller).
  double normal() {
    double U = uniform(), V = uniform();
    return std::sqrt(-2 * std::log(1 - U)) * std::cos(6.283185307179586 * V);
  }

private:
  uint64_t State;
};

/// A direction with entries in [-1, 1] and |v|_inf = 1.
inline void fillDirection(std::vector<double> &v, uint64_t Seed) {
  Lcg G(Seed);
  for (double &E : v)
    E = G.uniform(-1, 1);
  if (!v.empty())
    v[0] = 1;
}

} // namespace hessc::bench

#endif // HESSC_BENCH_HARNESS_H
