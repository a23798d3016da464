//===- real.h - One check of value, gradient and second order ---*- C++ -*-===//
//
// The "real code" corpus (test/exec/real_*.cpp) checks every annotated
// function the same way at each point: f against an independent reference
// value, f_grad (its value against f, its gradient against the reference
// gradient) and the second order (f_hessian against the reference Hessian,
// f_hvp in several directions against the reference Hessian times v and
// against f_hessian's matrix times v, and the sparse Hessian,
// f_hessian_sparsity's pattern, its star colouring and f_hessian_sparse's
// values, against f_hessian's matrix, see check::second_order). The
// references are sympy's (// SYMPY: lines, turned into name_ref,
// name_ref_grad and name_ref_hessian by sympy_ref.py) or derived by hand in
// the test; never hessc's own output.
//
//   real::Ref r(2);                       // N = 2 independents
//   REAL_SYMPY(r, name, x, y);            // from sympy, or fill r.f, r.g, r.H
//   c.at({x, y});
//   real::check_point(c, r, REAL_CALLS(name, x, y));
//
//===----------------------------------------------------------------------===//
#ifndef HESSC_TEST_REAL_H
#define HESSC_TEST_REAL_H

#include <cstddef>
#include <vector>

#include "check.h"

namespace real {

/// n values drawn uniformly from [lo, hi).
inline std::vector<double> random_vector(check::Rng &rng, int n, double lo, double hi) {
  std::vector<double> v(n);
  for (double &e : v)
    e = rng.uniform(lo, hi);
  return v;
}

/// The same from a generator of its own, seeded with `seed`.
inline std::vector<double> random_vector(int n, double lo, double hi, unsigned seed) {
  check::Rng rng(seed);
  return random_vector(rng, n, lo, hi);
}

/// A reference at one point: value, gradient and row-major Hessian of the
/// N independents, and the scales of their rounding errors (see
/// check::Case::grad): 0 unless a test sets them.
struct Ref {
  explicit Ref(int n)
      : n(n), g(std::size_t(n), 0.0), H(std::size_t(n) * n, 0.0),
        gs(std::size_t(n), 0.0), Hs(std::size_t(n) * n, 0.0) {}
  double &h(int i, int j) { return H[std::size_t(i) * n + j]; }
  double &hs(int i, int j) { return Hs[std::size_t(i) * n + j]; }
  /// Adds v to entries (i, j) and (j, i) (once when i == j).
  void add_sym(int i, int j, double v) {
    h(i, j) += v;
    if (i != j)
      h(j, i) += v;
  }
  /// Zeroes everything.
  void clear() {
    f = 0;
    for (double &e : g)
      e = 0;
    for (double &e : H)
      e = 0;
    for (double &e : gs)
      e = 0;
    for (double &e : Hs)
      e = 0;
  }
  int n;
  double f = 0;
  std::vector<double> g, H, gs, Hs;
};

/// Every comparison at the current point of c: F() (a call of f) against
/// r.f; Grad(g) (f_grad) returns F() and writes r.g; Hessian(H), Hvp(v, hv),
/// Sparsity(pattern) (f_hessian_sparsity) and Sparse(coloring, values)
/// (f_hessian_sparse) as in check::second_order against r.H.
template <typename Fn, typename GradFn, typename HessianFn, typename HvpFn,
          typename SparsityFn, typename SparseFn>
void check_point(check::Case &c, const Ref &r, Fn &&F, GradFn &&Grad,
                 HessianFn &&Hessian, HvpFn &&Hvp, SparsityFn &&Sparsity,
                 SparseFn &&Sparse) {
  auto fx = F();
  using T = decltype(fx);
  c.value(fx, r.f, "f vs reference");
  std::vector<T> g(std::size_t(r.n));
  check::poison(g.data(), g.size());
  c.value(Grad(g.data()), fx, "f_grad value");
  c.grad(g.data(), r.g.data(), r.gs.data(), r.n);
  check::second_order(c, r.n, fx, Hessian, Hvp, Sparsity, Sparse, r.H.data(),
                      r.Hs.data());
}

} // namespace real

/// The six callables real::check_point takes, for f called with the given
/// arguments: f(args), f_grad(args, g), f_hessian(args, H), f_hvp(args, v,
/// hv), f_hessian_sparsity(args, pattern) and f_hessian_sparse(args,
/// coloring, values). fn may be qualified (ns::f): only its last token gets
/// the suffix.
#define REAL_CALLS(fn, ...)                                                    \
  [&] { return fn(__VA_ARGS__); },                                             \
      [&](auto *g_) { return fn##_grad(__VA_ARGS__, g_); },                    \
      [&](auto *h_) { return fn##_hessian(__VA_ARGS__, h_); },                 \
      [&](const auto *v_, auto *hv_) {                                         \
        return fn##_hvp(__VA_ARGS__, v_, hv_);                                 \
      },                                                                       \
      CHECK_SPARSE_CALLS(fn, __VA_ARGS__)

/// Fills the real::Ref r from the sympy references of name at the given
/// arguments (the independents, then the constants, all doubles).
#define REAL_SYMPY(r, name, ...)                                               \
  do {                                                                         \
    (r).f = name##_ref(__VA_ARGS__);                                           \
    name##_ref_grad(__VA_ARGS__, (r).g.data());                                \
    name##_ref_hessian(__VA_ARGS__, (r).H.data());                             \
  } while (0)

/// Checks the function name(x, y) of two scalars of type T against its
/// sympy references at every point of pts (an array of {x, y}).
#define REAL_SYMPY_POINTS2(c, name, T, pts)                                    \
  for (const auto &p_ : pts) {                                                 \
    T x_ = T(p_[0]), y_ = T(p_[1]);                                            \
    real::Ref r_(2);                                                           \
    REAL_SYMPY(r_, name, x_, y_);                                              \
    (c).at({double(x_), double(y_)});                                          \
    real::check_point(c, r_, REAL_CALLS(name, x_, y_));                        \
  }

/// The same for name(x, y, z).
#define REAL_SYMPY_POINTS3(c, name, T, pts)                                    \
  for (const auto &p_ : pts) {                                                 \
    T x_ = T(p_[0]), y_ = T(p_[1]), z_ = T(p_[2]);                             \
    real::Ref r_(3);                                                           \
    REAL_SYMPY(r_, name, x_, y_, z_);                                          \
    (c).at({double(x_), double(y_), double(z_)});                              \
    real::check_point(c, r_, REAL_CALLS(name, x_, y_, z_));                    \
  }

#endif // HESSC_TEST_REAL_H
