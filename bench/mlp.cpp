//===- mlp.cpp - Cost of the derivatives of a two-layer tanh network ------===//
//
// The squared error of a 16-h-4 tanh network over a fixed batch of 16
// samples, with h hidden units chosen for about 10^3, 10^4 and 10^5
// weights: f is matrix-vector work through a nonlinearity, the reverse
// sweep needs every hidden activation back, and the Hessian is dense.
// hessc's derivatives against backpropagation by hand, Pearlmutter's R-op
// HVP by hand, central differences of the gradient, and ADOL-C.
//
//===----------------------------------------------------------------------===//
#include "adolc_tape.h"
#include "harness.h"

#include <hessc/hessc.h>

#include <cmath>
#include <cstring>
#include <vector>

static double dot(const double *a, const double *b, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += a[i] * b[i];
  return s;
}

HESSC_DIFF("W1[h*nin], b1[h], W2[nout*h], b2[nout]")
double mlp_loss(const double *W1, const double *b1, const double *W2, const double *b2,
                const double *X, const double *Y, int nin, int h, int nout, int batch) {
  std::vector<double> a(h);
  double loss = 0;
  for (int s = 0; s < batch; ++s) {
    for (int j = 0; j < h; ++j)
      a[j] = std::tanh(b1[j] + dot(W1 + j * nin, X + s * nin, nin));
    for (int o = 0; o < nout; ++o) {
      double r = b2[o] + dot(W2 + o * h, &a[0], h) - Y[s * nout + o];
      loss += 0.5 * r * r;
    }
  }
  return loss;
}

namespace {

using namespace hessc::bench;

/// The same function over ADOL-C's adouble, for the tape.
template <typename T>
T mlpOverloaded(const T *W1, const T *b1, const T *W2, const T *b2, const double *X,
                const double *Y, int nin, int h, int nout, int batch) {
  std::vector<T> a(h);
  T loss = 0;
  for (int s = 0; s < batch; ++s) {
    for (int j = 0; j < h; ++j) {
      T z = b1[j];
      for (int k = 0; k < nin; ++k)
        z += W1[j * nin + k] * X[s * nin + k];
      a[j] = tanh(z);
    }
    for (int o = 0; o < nout; ++o) {
      T out = b2[o];
      for (int j = 0; j < h; ++j)
        out += W2[o * h + j] * a[j];
      T r = out - Y[s * nout + o];
      loss += 0.5 * r * r;
    }
  }
  return loss;
}

constexpr int Inputs = 16, Outputs = 4, Batch = 16;

/// The flat vector of weights, (W1, b1, W2, b2) as in the spec, and where
/// each part starts.
struct Layout {
  explicit Layout(int h) : h(h) {}
  int h;
  int dimension() const { return h * Inputs + h + Outputs * h + Outputs; }
  size_t b1() const { return static_cast<size_t>(h) * Inputs; }
  size_t W2() const { return b1() + h; }
  size_t b2() const { return W2() + static_cast<size_t>(Outputs) * h; }
};

/// Backpropagation by hand: per sample, the forward pass into a[], then the
/// output layer's gradient and the back-propagated error e[] in one loop,
/// then the hidden layer's.
double gradByHand(const double *w, const double *X, const double *Y, int h, double *g) {
  Layout L(h);
  const double *W1 = w, *b1 = w + L.b1(), *W2 = w + L.W2(), *b2 = w + L.b2();
  double *gW1 = g, *gb1 = g + L.b1(), *gW2 = g + L.W2(), *gb2 = g + L.b2();
  std::memset(g, 0, sizeof(double) * L.dimension());
  std::vector<double> a(h), e(h);
  double loss = 0;
  for (int s = 0; s < Batch; ++s) {
    const double *xs = X + s * Inputs;
    for (int j = 0; j < h; ++j) {
      double z = b1[j];
      for (int k = 0; k < Inputs; ++k)
        z += W1[j * Inputs + k] * xs[k];
      a[j] = std::tanh(z);
      e[j] = 0;
    }
    for (int o = 0; o < Outputs; ++o) {
      const double *W2o = W2 + o * h;
      double out = b2[o];
      for (int j = 0; j < h; ++j)
        out += W2o[j] * a[j];
      double r = out - Y[s * Outputs + o];
      loss += 0.5 * r * r;
      gb2[o] += r;
      double *gW2o = gW2 + o * h;
      for (int j = 0; j < h; ++j) {
        gW2o[j] += r * a[j];
        e[j] += r * W2o[j];
      }
    }
    for (int j = 0; j < h; ++j) {
      double delta = e[j] * (1 - a[j] * a[j]);
      gb1[j] += delta;
      for (int k = 0; k < Inputs; ++k)
        gW1[j * Inputs + k] += delta * xs[k];
    }
  }
  return loss;
}

/// H v by hand: Pearlmutter's R-operator on the backpropagation above:
/// every forward quantity q gets its directional derivative Rq, and the
/// gradient's formulas are differentiated along v, sample by sample.
double hvpByHand(const double *w, const double *X, const double *Y, int h, const double *v,
                 double *hv) {
  Layout L(h);
  const double *W1 = w, *b1 = w + L.b1(), *W2 = w + L.W2(), *b2 = w + L.b2();
  const double *V1 = v, *vb1 = v + L.b1(), *V2 = v + L.W2(), *vb2 = v + L.b2();
  double *hW1 = hv, *hb1 = hv + L.b1(), *hW2 = hv + L.W2(), *hb2 = hv + L.b2();
  std::memset(hv, 0, sizeof(double) * L.dimension());
  std::vector<double> a(h), ra(h), e(h), re(h);
  double loss = 0;
  for (int s = 0; s < Batch; ++s) {
    const double *xs = X + s * Inputs;
    for (int j = 0; j < h; ++j) {
      double z = b1[j], rz = vb1[j];
      for (int k = 0; k < Inputs; ++k) {
        z += W1[j * Inputs + k] * xs[k];
        rz += V1[j * Inputs + k] * xs[k];
      }
      a[j] = std::tanh(z);
      ra[j] = (1 - a[j] * a[j]) * rz;
      e[j] = re[j] = 0;
    }
    for (int o = 0; o < Outputs; ++o) {
      const double *W2o = W2 + o * h, *V2o = V2 + o * h;
      double out = b2[o], rout = vb2[o];
      for (int j = 0; j < h; ++j) {
        out += W2o[j] * a[j];
        rout += V2o[j] * a[j] + W2o[j] * ra[j];
      }
      double r = out - Y[s * Outputs + o];
      loss += 0.5 * r * r;
      hb2[o] += rout;
      double *hW2o = hW2 + o * h;
      for (int j = 0; j < h; ++j) {
        hW2o[j] += rout * a[j] + r * ra[j];
        e[j] += r * W2o[j];
        re[j] += rout * W2o[j] + r * V2o[j];
      }
    }
    for (int j = 0; j < h; ++j) {
      double rdelta = re[j] * (1 - a[j] * a[j]) - 2 * e[j] * a[j] * ra[j];
      hb1[j] += rdelta;
      for (int k = 0; k < Inputs; ++k)
        hW1[j * Inputs + k] += rdelta * xs[k];
    }
  }
  return loss;
}

/// The dense Hessian by hand: the network's Hessian has no structure an
/// expert would exploit, so one hand HVP per column (row, by symmetry).
double hessianByHand(const double *w, const double *X, const double *Y, int h, double *H) {
  const int N = Layout(h).dimension();
  std::vector<double> Unit(N, 0.0);
  double loss = 0;
  for (int i = 0; i < N; ++i) {
    Unit[i] = 1;
    loss = hvpByHand(w, X, Y, h, Unit.data(), H + static_cast<size_t>(i) * N);
    Unit[i] = 0;
  }
  return loss;
}

/// Weights at a random initialisation (variance 1/fan-in); targets from a
/// teacher network of the same shape, so that residuals are of order one.
struct Problem : ProblemBase {
  explicit Problem(long Size)
      : ProblemBase(Layout(static_cast<int>(Size)).dimension()), h(static_cast<int>(Size)),
        X(Batch * Inputs), Y(Batch * Outputs) {
    Layout L(h);
    Lcg G(11);
    for (double &E : X)
      E = G.normal();
    for (size_t i = 0; i < x.size(); ++i)
      x[i] = G.normal() / std::sqrt(static_cast<double>(i < L.W2() ? Inputs : h));
    std::vector<double> Teacher(N);
    for (size_t i = 0; i < Teacher.size(); ++i)
      Teacher[i] = x[i] + 0.5 * G.normal() / std::sqrt(static_cast<double>(i < L.W2() ? Inputs : h));
    // Y = teacher(X).
    for (int s = 0; s < Batch; ++s)
      for (int o = 0; o < Outputs; ++o) {
        double out = Teacher[L.b2() + o];
        for (int j = 0; j < h; ++j) {
          double z = Teacher[L.b1() + j];
          for (int k = 0; k < Inputs; ++k)
            z += Teacher[j * Inputs + k] * X[s * Inputs + k];
          out += Teacher[L.W2() + o * h + j] * std::tanh(z);
        }
        Y[s * Outputs + o] = out;
      }
    fillDirection(v, 3);
  }
  int h;
  std::vector<double> X, Y;

  double loss() const {
    Layout L(h);
    const double *w = x.data();
    return mlp_loss(w, w + L.b1(), w + L.W2(), w + L.b2(), X.data(), Y.data(), Inputs, h,
                    Outputs, Batch);
  }

  AdolcTape Tape;
  void trace() {
    Tape.trace(x.data(), N, [this](const adouble *a) {
      Layout L(h);
      return mlpOverloaded(a, a + L.b1(), a + L.W2(), a + L.b2(), X.data(), Y.data(), Inputs, h,
                           Outputs, Batch);
    });
  }
};

Workload<Problem> workload() {
  Workload<Problem> W;
  W.Name = "mlp";
  W.Title = "Two-layer tanh MLP, 16-h-4, squared error over a batch of 16 (N = 21 h + 4)";
  W.SizeHeading = "h";
  W.Sizes = {48, 476, 4762};
  auto Trace = [](Problem &p) {
    if (!p.Tape.traced())
      p.trace();
  };
  using V = Variant<Problem>;
  V Grad{"grad_hessc", Kind::Gradient, [](Problem &p, double *g) {
           Layout L(p.h);
           const double *w = p.x.data();
           return mlp_loss_grad(w, w + L.b1(), w + L.W2(), w + L.b2(), p.X.data(), p.Y.data(),
                                Inputs, p.h, Outputs, Batch, g);
         }};
  W.Variants = {
      {"f", Kind::Value, [](Problem &p, double *) { return p.loss(); }},
      Grad,
      {"grad_by_hand", Kind::Gradient,
       [](Problem &p, double *g) {
         return gradByHand(p.x.data(), p.X.data(), p.Y.data(), p.h, g);
       }},
      {"grad_adolc", Kind::Gradient,
       [](Problem &p, double *g) { return p.Tape.gradient(p.x.data(), g); }, LONG_MAX, 1e-9,
       Trace},
      {"hvp_hessc", Kind::Hvp,
       [](Problem &p, double *hv) {
         Layout L(p.h);
         const double *w = p.x.data();
         return mlp_loss_hvp(w, w + L.b1(), w + L.W2(), w + L.b2(), p.X.data(), p.Y.data(),
                             Inputs, p.h, Outputs, Batch, p.v.data(), hv);
       }},
      {"hvp_by_hand", Kind::Hvp,
       [](Problem &p, double *hv) {
         return hvpByHand(p.x.data(), p.X.data(), p.Y.data(), p.h, p.v.data(), hv);
       }},
      centralDifferenceHvp(Grad),
      {"hvp_adolc", Kind::Hvp,
       [](Problem &p, double *hv) { return p.Tape.hvp(p.x.data(), p.v.data(), hv); }, LONG_MAX,
       1e-9, Trace},
      {"hessian_hessc", Kind::Hessian,
       [](Problem &p, double *H) {
         Layout L(p.h);
         const double *w = p.x.data();
         return mlp_loss_hessian(w, w + L.b1(), w + L.W2(), w + L.b2(), p.X.data(), p.Y.data(),
                                 Inputs, p.h, Outputs, Batch, H);
       },
       48},
      {"hessian_by_hand", Kind::Hessian,
       [](Problem &p, double *H) {
         return hessianByHand(p.x.data(), p.X.data(), p.Y.data(), p.h, H);
       },
       48},
      {"hessian_adolc", Kind::Hessian,
       [](Problem &p, double *H) { return p.Tape.hessian(p.x.data(), H); }, 48, 1e-9, Trace},
  };
  W.Notes = {"hessian_by_hand is N hand-written HVPs (one per column): the network's Hessian has "
             "no structure to exploit by hand.",
             "Dense Hessians only at h = 48 (N = 1012): N <= 2000."};
  return W;
}

} // namespace

int main(int argc, char **argv) { return runWorkload(argc, argv, workload()); }
