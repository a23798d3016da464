//===- TestObjectives.h - Objectives with hand-written derivatives --------===//
//
// The runtime's unit tests build hessc::Objective from lambdas whose
// derivatives are written out by hand, so they test the runtime alone, with
// answers known in closed form: quadratics with chosen minimisers and
// spectra, Rosenbrock, and a few functions of two variables with known
// critical points.
//
//===----------------------------------------------------------------------===//
#ifndef HESSC_TEST_UNIT_TESTOBJECTIVES_H
#define HESSC_TEST_UNIT_TESTOBJECTIVES_H

#include <hessc/objective.h>

#include <Eigen/Dense>

#include <algorithm>
#include <cmath>
#include <functional>
#include <random>
#include <stdexcept>

namespace hessc {
namespace test {

/// f(x) = ½ (x - x*)ᵀ A (x - x*) + C: gradient A(x - x*), Hessian A.
inline Objective quadratic(const Eigen::MatrixXd &A,
                           const Eigen::VectorXd &Minimizer, double C = 0) {
  const Eigen::Index N = Minimizer.size();
  auto Residual = [Minimizer, N](const double *X) {
    return Eigen::VectorXd(Eigen::Map<const Eigen::VectorXd>(X, N) - Minimizer);
  };
  return Objective(
      N,
      [A, Residual, C](const double *X) {
        Eigen::VectorXd R = Residual(X);
        return 0.5 * R.dot(A * R) + C;
      },
      [A, Residual, C, N](const double *X, double *G) {
        Eigen::VectorXd R = Residual(X);
        Eigen::Map<Eigen::VectorXd>(G, N) = A * R;
        return 0.5 * R.dot(A * R) + C;
      },
      [A, Residual, C, N](const double *X, const double *V, double *HV) {
        Eigen::VectorXd R = Residual(X);
        Eigen::Map<Eigen::VectorXd>(HV, N) =
            A * Eigen::Map<const Eigen::VectorXd>(V, N);
        return 0.5 * R.dot(A * R) + C;
      },
      [A, Residual, C, N](const double *X, double *H) {
        Eigen::VectorXd R = Residual(X);
        Eigen::Map<Eigen::MatrixXd>(H, N, N) = A;
        return 0.5 * R.dot(A * R) + C;
      });
}

/// A pseudo-random orthogonal N x N matrix (Q of a QR factorisation).
inline Eigen::MatrixXd randomOrthogonal(Eigen::Index N, unsigned Seed) {
  std::mt19937 Generator(Seed);
  std::normal_distribution<double> Normal;
  Eigen::MatrixXd M(N, N);
  for (Eigen::Index J = 0; J < N; ++J)
    for (Eigen::Index I = 0; I < N; ++I)
      M(I, J) = Normal(Generator);
  Eigen::HouseholderQR<Eigen::MatrixXd> QR(M);
  return QR.householderQ() * Eigen::MatrixXd::Identity(N, N);
}

/// Q diag(Lambda) Qᵀ, exactly symmetrised: a matrix whose spectrum is
/// Lambda by construction.
inline Eigen::MatrixXd matrixWithSpectrum(const Eigen::VectorXd &Lambda,
                                          const Eigen::MatrixXd &Q) {
  Eigen::MatrixXd A = Q * Lambda.asDiagonal() * Q.transpose();
  return 0.5 * (A + A.transpose());
}

/// [[3, 2], [2, 3]]: eigenvalue 5 along [1, 1] and 1 along [1, -1], so
/// condition number 5 with the largest curvature along [1, 1].
inline Eigen::MatrixXd conditionFiveMatrix() {
  Eigen::MatrixXd A(2, 2);
  A << 3, 2, 2, 3;
  return A;
}

/// Extended Rosenbrock, N even: the sum over pairs of
/// 100 (x[2i+1] - x[2i]²)² + (1 - x[2i])². Minimum 0 at (1, ..., 1).
inline double rosenbrockValue(const double *X, Eigen::Index N) {
  double Sum = 0;
  for (Eigen::Index I = 0; I < N; I += 2) {
    double T1 = X[I + 1] - X[I] * X[I];
    double T2 = 1 - X[I];
    Sum += 100 * T1 * T1 + T2 * T2;
  }
  return Sum;
}

inline void rosenbrockGradient(const double *X, Eigen::Index N, double *G) {
  for (Eigen::Index I = 0; I < N; I += 2) {
    double T1 = X[I + 1] - X[I] * X[I];
    G[I] = -400 * X[I] * T1 - 2 * (1 - X[I]);
    G[I + 1] = 200 * T1;
  }
}

/// The 2 x 2 block of the Hessian of pair I: (diagonal, off-diagonal, 200).
inline void rosenbrockBlock(const double *X, Eigen::Index I, double &Diagonal,
                            double &OffDiagonal) {
  Diagonal = 1200 * X[I] * X[I] - 400 * X[I + 1] + 2;
  OffDiagonal = -400 * X[I];
}

/// When \p HessianAllowed is false the Hessian throws: a test that a
/// Hessian-free method never asks for it.
inline Objective rosenbrock(Eigen::Index N, bool HessianAllowed = true) {
  return Objective(
      N, [N](const double *X) { return rosenbrockValue(X, N); },
      [N](const double *X, double *G) {
        rosenbrockGradient(X, N, G);
        return rosenbrockValue(X, N);
      },
      [N](const double *X, const double *V, double *HV) {
        for (Eigen::Index I = 0; I < N; I += 2) {
          double D, O;
          rosenbrockBlock(X, I, D, O);
          HV[I] = D * V[I] + O * V[I + 1];
          HV[I + 1] = O * V[I] + 200 * V[I + 1];
        }
        return rosenbrockValue(X, N);
      },
      [N, HessianAllowed](const double *X, double *H) {
        if (!HessianAllowed)
          throw std::logic_error("the dense Hessian was requested");
        Eigen::Map<Eigen::MatrixXd> M(H, N, N);
        M.setZero();
        for (Eigen::Index I = 0; I < N; I += 2) {
          double D, O;
          rosenbrockBlock(X, I, D, O);
          M(I, I) = D;
          M(I, I + 1) = M(I + 1, I) = O;
          M(I + 1, I + 1) = 200;
        }
        return rosenbrockValue(X, N);
      });
}

/// The starting point (-1.2, 1, -1.2, 1, ...).
inline Eigen::VectorXd rosenbrockStart(Eigen::Index N) {
  Eigen::VectorXd X(N);
  for (Eigen::Index I = 0; I < N; I += 2) {
    X[I] = -1.2;
    X[I + 1] = 1;
  }
  return X;
}

/// A function of two variables given by its value, gradient and (exactly
/// symmetric) Hessian; the HVP is H v.
struct TwoVariables {
  std::function<double(double, double)> Value;
  std::function<Eigen::Vector2d(double, double)> Gradient;
  std::function<Eigen::Matrix2d(double, double)> Hessian;
};

inline Objective objective(const TwoVariables &F) {
  return Objective(
      2, [F](const double *X) { return F.Value(X[0], X[1]); },
      [F](const double *X, double *G) {
        Eigen::Map<Eigen::Vector2d> Gradient(G);
        Gradient = F.Gradient(X[0], X[1]);
        return F.Value(X[0], X[1]);
      },
      [F](const double *X, const double *V, double *HV) {
        Eigen::Map<Eigen::Vector2d> Product(HV);
        Product = F.Hessian(X[0], X[1]) * Eigen::Map<const Eigen::Vector2d>(V);
        return F.Value(X[0], X[1]);
      },
      [F](const double *X, double *H) {
        Eigen::Map<Eigen::Matrix2d> Hessian(H);
        Hessian = F.Hessian(X[0], X[1]);
        return F.Value(X[0], X[1]);
      });
}

/// x1² - x2²: a saddle at 0 with eigenvalues -2 (along x2) and 2 (along x1).
inline Objective saddle() {
  return objective(
      {[](double A, double B) { return A * A - B * B; },
       [](double A, double B) { return Eigen::Vector2d(2 * A, -2 * B); },
       [](double, double) {
         return Eigen::Matrix2d(Eigen::Vector2d(2, -2).asDiagonal());
       }});
}

/// x1² + (x2² - 1)²: minima at (0, ±1), a saddle at 0; the Hessian is
/// indefinite where 3 x2² < 1.
inline Objective doubleWell() {
  return objective(
      {[](double A, double B) { return A * A + (B * B - 1) * (B * B - 1); },
       [](double A, double B) {
         return Eigen::Vector2d(2 * A, 4 * B * (B * B - 1));
       },
       [](double, double B) {
         return Eigen::Matrix2d(
             Eigen::Vector2d(2, 12 * B * B - 4).asDiagonal());
       }});
}

/// x - log x (x > 0, NaN or ∞ elsewhere, as std::log gives): minimum 1 at
/// x = 1, and a Newton step from x = 3 lands at x = -3.
inline Objective logBarrier() {
  auto Value = [](double X) { return X - std::log(X); };
  return Objective(
      1, [Value](const double *X) { return Value(X[0]); },
      [Value](const double *X, double *G) {
        G[0] = 1 - 1 / X[0];
        return Value(X[0]);
      },
      [Value](const double *X, const double *V, double *HV) {
        HV[0] = V[0] / (X[0] * X[0]);
        return Value(X[0]);
      },
      [Value](const double *X, double *H) {
        H[0] = 1 / (X[0] * X[0]);
        return Value(X[0]);
      });
}

/// \p Base with every value raised by 1 except at \p Start: f looks as if
/// it increased along every direction, whatever the gradient says.
inline Objective inconsistent(const Objective &Base,
                              const Eigen::VectorXd &Start) {
  auto Shift = [Start](const double *X) {
    return Eigen::Map<const Eigen::VectorXd>(X, Start.size()) == Start ? 0.0
                                                                       : 1.0;
  };
  Eigen::Index N = Base.dim();
  return Objective(
      N,
      [Base, Shift, N](const double *X) {
        return Base.value(Eigen::Map<const Eigen::VectorXd>(X, N)) + Shift(X);
      },
      [Base, Shift, N](const double *X, double *G) {
        Eigen::VectorXd Gradient;
        double F =
            Base.gradient(Eigen::Map<const Eigen::VectorXd>(X, N), Gradient);
        Eigen::Map<Eigen::VectorXd>(G, N) = Gradient;
        return F + Shift(X);
      },
      [Base, Shift, N](const double *X, const double *V, double *HV) {
        Eigen::VectorXd Product;
        double F = Base.hvp(Eigen::Map<const Eigen::VectorXd>(X, N),
                            Eigen::Map<const Eigen::VectorXd>(V, N), Product);
        Eigen::Map<Eigen::VectorXd>(HV, N) = Product;
        return F + Shift(X);
      },
      [Base, Shift, N](const double *X, double *H) {
        Eigen::MatrixXd Hessian;
        double F =
            Base.hessian(Eigen::Map<const Eigen::VectorXd>(X, N), Hessian);
        Eigen::Map<Eigen::MatrixXd>(H, N, N) = Hessian;
        return F + Shift(X);
      });
}

/// An objective that is NaN everywhere (value, derivatives).
inline Objective everywhereNaN(Eigen::Index N) {
  const double NaN = std::nan("");
  return Objective(
      N, [NaN](const double *) { return NaN; },
      [NaN, N](const double *, double *G) {
        std::fill(G, G + N, NaN);
        return NaN;
      },
      [NaN, N](const double *, const double *, double *HV) {
        std::fill(HV, HV + N, NaN);
        return NaN;
      },
      [NaN, N](const double *, double *H) {
        std::fill(H, H + N * N, NaN);
        return NaN;
      });
}

} // namespace test
} // namespace hessc

#endif // HESSC_TEST_UNIT_TESTOBJECTIVES_H
