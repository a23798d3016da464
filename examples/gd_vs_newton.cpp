//===- gd_vs_newton.cpp - Gradient descent against Newton on a quadratic --===//
//
// A quadratic whose Hessian has condition number 5, with its largest
// curvature along [1, 1]. Newton's method lands on the minimum in one step;
// gradient descent with the best step it can take (the exact line minimiser
// ε* = gᵀg / gᵀHg, from the curvature analysis) zig-zags, every step at a
// right angle to the one before. Both paths are drawn over the function's
// contours in an SVG picture.
//
// Usage: gd_vs_newton [DIR | FILE.svg]   (default: ./gd_vs_newton.svg)
//
//===----------------------------------------------------------------------===//
#include <hessc/curvature.h>
#include <hessc/hessc.h>
#include <hessc/newton.h>
#include <hessc/objective.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

/// ½ (x - x*)ᵀ A (x - x*) with A = [[3, 2], [2, 3]] (eigenvalues 5 along
/// [1, 1] and 1 along [1, -1]) and x* = (1, 2).
HESSC_DIFF()
double bowl(double x1, double x2) {
  double d1 = x1 - 1;
  double d2 = x2 - 2;
  return 1.5 * d1 * d1 + 2 * d1 * d2 + 1.5 * d2 * d2;
}

// Below this line bowl_objective() exists: the plugin generated it.

namespace {

using Path = std::vector<Eigen::Vector2d>;

/// Where a world point lands in the picture: equal scales on both axes, so
/// that right angles stay right angles; y grows upwards.
struct Frame {
  double XMin, YMin, XMax, YMax, Scale, Margin;
  double px(double X) const { return Margin + (X - XMin) * Scale; }
  double py(double Y) const { return Margin + (YMax - Y) * Scale; }
  double width() const { return 2 * Margin + (XMax - XMin) * Scale; }
  double height() const { return 2 * Margin + (YMax - YMin) * Scale; }
};

std::string polyline(const Frame &F, const Path &P, const char *Style) {
  std::string Points;
  for (const Eigen::Vector2d &X : P) {
    char Buffer[64];
    std::snprintf(Buffer, sizeof Buffer, "%.2f,%.2f ", F.px(X[0]), F.py(X[1]));
    Points += Buffer;
  }
  return "<polyline points=\"" + Points + "\" " + Style + "/>\n";
}

std::string dots(const Frame &F, const Path &P, double Radius,
                 const char *Fill) {
  std::string Out;
  for (const Eigen::Vector2d &X : P) {
    char Buffer[160];
    std::snprintf(Buffer, sizeof Buffer,
                  "<circle cx=\"%.2f\" cy=\"%.2f\" r=\"%.1f\" fill=\"%s\" "
                  "stroke=\"white\" stroke-width=\"0.8\"/>\n",
                  F.px(X[0]), F.py(X[1]), Radius, Fill);
    Out += Buffer;
  }
  return Out;
}

/// Contours, paths, axes and a legend. The level sets of a quadratic are
/// ellipses with the Hessian's eigenvectors as axes and semi-axes
/// sqrt(2c / λ): drawn exactly from the curvature analysis at the minimum.
std::string svgPicture(const hessc::CurvatureAnalysis &AtMinimum,
                       const Eigen::Vector2d &Minimizer,
                       const std::vector<double> &Levels, const Path &Descent,
                       const Path &Newton, int NewtonSteps) {
  Frame F{-3.0, -0.2, 3.2, 4.8, 95.0, 50.0};
  char B[512];
  std::string S;
  std::snprintf(B, sizeof B,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" "
                "height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" "
                "font-family=\"Helvetica, Arial, sans-serif\">\n",
                F.width(), F.height() + 40, F.width(), F.height() + 40);
  S += B;
  S += "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n";
  std::snprintf(B, sizeof B,
                "<clipPath id=\"plot\"><rect x=\"%.1f\" y=\"%.1f\" "
                "width=\"%.1f\" height=\"%.1f\"/></clipPath>\n",
                F.Margin, F.Margin, F.width() - 2 * F.Margin,
                F.height() - 2 * F.Margin);
  S += B;

  // Filled contours, outermost (first) to innermost, darker towards the
  // minimum.
  const Eigen::VectorXd &Lambda = AtMinimum.Eigenvalues;
  Eigen::Vector2d Major = AtMinimum.Eigenvectors.col(0); // Smallest λ.
  double Angle = std::atan2(-Major[1], Major[0]) * 180 / std::acos(-1.0);
  S += "<g clip-path=\"url(#plot)\">\n";
  S += "<rect width=\"100%\" height=\"100%\" fill=\"rgb(240,245,250)\"/>\n";
  for (size_t K = 0; K < Levels.size(); ++K) {
    double Rx = std::sqrt(2 * Levels[K] / Lambda[0]) * F.Scale;
    double Ry = std::sqrt(2 * Levels[K] / Lambda[1]) * F.Scale;
    double Shade = 1 - static_cast<double>(K + 1) / Levels.size();
    int R = static_cast<int>(40 + 200 * Shade),
        G = static_cast<int>(90 + 155 * Shade),
        Bl = static_cast<int>(160 + 90 * Shade);
    std::snprintf(B, sizeof B,
                  "<ellipse cx=\"%.2f\" cy=\"%.2f\" rx=\"%.2f\" ry=\"%.2f\" "
                  "transform=\"rotate(%.3f %.2f %.2f)\" fill=\"rgb(%d,%d,%d)\" "
                  "stroke=\"rgb(30,60,110)\" stroke-opacity=\"0.35\" "
                  "stroke-width=\"0.8\"/>\n",
                  F.px(Minimizer[0]), F.py(Minimizer[1]), Rx, Ry, Angle,
                  F.px(Minimizer[0]), F.py(Minimizer[1]), R, G, Bl);
    S += B;
  }
  S += "</g>\n";

  // Axes: a frame with ticks at the integers.
  std::snprintf(B, sizeof B,
                "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
                "fill=\"none\" stroke=\"#333\" stroke-width=\"1\"/>\n",
                F.Margin, F.Margin, F.width() - 2 * F.Margin,
                F.height() - 2 * F.Margin);
  S += B;
  for (int X = static_cast<int>(std::ceil(F.XMin)); X <= F.XMax; ++X) {
    std::snprintf(B, sizeof B,
                  "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
                  "stroke=\"#333\"/><text x=\"%.1f\" y=\"%.1f\" "
                  "font-size=\"12\" text-anchor=\"middle\" fill=\"#333\">%d"
                  "</text>\n",
                  F.px(X), F.height() - F.Margin, F.px(X),
                  F.height() - F.Margin + 5, F.px(X),
                  F.height() - F.Margin + 19, X);
    S += B;
  }
  for (int Y = static_cast<int>(std::ceil(F.YMin)); Y <= F.YMax; ++Y) {
    std::snprintf(B, sizeof B,
                  "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
                  "stroke=\"#333\"/><text x=\"%.1f\" y=\"%.1f\" "
                  "font-size=\"12\" text-anchor=\"end\" fill=\"#333\">%d"
                  "</text>\n",
                  F.Margin - 5, F.py(Y), F.Margin, F.py(Y), F.Margin - 8,
                  F.py(Y) + 4, Y);
    S += B;
  }
  std::snprintf(B, sizeof B,
                "<text x=\"%.1f\" y=\"%.1f\" font-size=\"14\" "
                "text-anchor=\"middle\" font-style=\"italic\">x1</text>\n"
                "<text x=\"%.1f\" y=\"%.1f\" font-size=\"14\" "
                "font-style=\"italic\">x2</text>\n",
                F.width() / 2, F.height() - F.Margin + 36, F.Margin - 35,
                F.Margin - 12);
  S += B;

  // The largest-curvature direction [1, 1] through the minimum.
  Eigen::Vector2d Steep = AtMinimum.Eigenvectors.col(1);
  std::snprintf(
      B, sizeof B,
      "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
      "stroke=\"white\" stroke-dasharray=\"4 4\" "
      "stroke-width=\"1.2\" clip-path=\"url(#plot)\"/>\n",
      F.px(Minimizer[0] - 3 * Steep[0]), F.py(Minimizer[1] - 3 * Steep[1]),
      F.px(Minimizer[0] + 3 * Steep[0]), F.py(Minimizer[1] + 3 * Steep[1]));
  S += B;

  // The two paths, Newton's underneath, and the minimum.
  S += polyline(F, Newton,
                "fill=\"none\" stroke=\"#17a34a\" stroke-width=\"3\" "
                "stroke-dasharray=\"9 5\"");
  S += dots(F, Newton, 4.5, "#17a34a");
  S += polyline(F, Descent,
                "fill=\"none\" stroke=\"#e4572e\" stroke-width=\"2.2\" "
                "stroke-linejoin=\"round\"");
  S += dots(F, Descent, 3.2, "#e4572e");
  std::snprintf(B, sizeof B,
                "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"6\" fill=\"white\" "
                "stroke=\"black\" stroke-width=\"1.2\"/>"
                "<path d=\"M %.1f %.1f l 7 7 m -14 0 l 7 -7 l 7 -7 m -14 0 "
                "l 7 7\" stroke=\"black\" stroke-width=\"1.5\"/>\n",
                F.px(Minimizer[0]), F.py(Minimizer[1]), F.px(Minimizer[0]),
                F.py(Minimizer[1]));
  S += B;
  std::snprintf(B, sizeof B,
                "<text x=\"%.1f\" y=\"%.1f\" font-size=\"12\" "
                "fill=\"white\" transform=\"rotate(-45 %.1f %.1f)\">"
                "[1, 1]: largest curvature</text>\n",
                F.px(Minimizer[0] + 0.5), F.py(Minimizer[1] + 0.5) - 6,
                F.px(Minimizer[0] + 0.5), F.py(Minimizer[1] + 0.5) - 6);
  S += B;
  std::snprintf(B, sizeof B,
                "<text x=\"%.1f\" y=\"%.1f\" font-size=\"13\">start</text>\n",
                F.px(Descent.front()[0]) - 16, F.py(Descent.front()[1]) - 10);
  S += B;

  // Legend and title.
  double LX = F.Margin + 12, LY = F.height() - F.Margin - 66;
  std::snprintf(B, sizeof B,
                "<rect x=\"%.1f\" y=\"%.1f\" width=\"330\" height=\"54\" "
                "rx=\"4\" fill=\"white\" fill-opacity=\"0.9\" "
                "stroke=\"#999\"/>\n",
                LX, LY);
  S += B;
  std::snprintf(B, sizeof B,
                "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
                "stroke=\"#e4572e\" stroke-width=\"2.2\"/>"
                "<text x=\"%.1f\" y=\"%.1f\" font-size=\"13\">gradient "
                "descent, step eps* = g'g / g'Hg: %zu steps</text>\n",
                LX + 10, LY + 18, LX + 38, LY + 18, LX + 46, LY + 22,
                Descent.size() - 1);
  S += B;
  std::snprintf(B, sizeof B,
                "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
                "stroke=\"#17a34a\" stroke-width=\"3\" "
                "stroke-dasharray=\"9 5\"/><text x=\"%.1f\" y=\"%.1f\" "
                "font-size=\"13\">Newton: %d step%s</text>\n",
                LX + 10, LY + 40, LX + 38, LY + 40, LX + 46, LY + 44,
                NewtonSteps, NewtonSteps == 1 ? "" : "s");
  S += B;
  std::snprintf(B, sizeof B,
                "<text x=\"%.1f\" y=\"%.1f\" font-size=\"15\" "
                "text-anchor=\"middle\">f = 1.5 (x1-1)&#178; + 2 (x1-1)(x2-2) "
                "+ 1.5 (x2-2)&#178;: condition number %.0f, steepest along "
                "[1, 1]</text>\n",
                F.width() / 2, F.height() + 22, AtMinimum.ConditionNumber);
  S += B;
  S += "</svg>\n";
  return S;
}

std::string outputPath(int argc, char **argv) {
  std::string Target = argc > 1 ? argv[1] : ".";
  if (Target.size() >= 4 && Target.compare(Target.size() - 4, 4, ".svg") == 0)
    return Target;
  return Target + "/gd_vs_newton.svg";
}

} // namespace

int main(int argc, char **argv) {
  hessc::Objective F = bowl_objective();
  const Eigen::Vector2d Minimizer(1, 2);
  const Eigen::Vector2d Start(-2, 4);
  int Failures = 0;
  auto check = [&Failures](bool Condition, const char *What) {
    if (!Condition) {
      std::printf("CHECK FAILED: %s\n", What);
      ++Failures;
    }
  };

  // What the Hessian says: the spectrum, κ, the safe step.
  hessc::CurvatureAnalysis AtMinimum = hessc::analyzeCurvature(F, Minimizer);
  std::printf("%s\n", AtMinimum.report().c_str());
  check(AtMinimum.Type == hessc::CriticalPointType::LocalMinimum,
        "(1, 2) is a local minimum");
  check(std::fabs(AtMinimum.ConditionNumber - 5) < 1e-12,
        "the condition number is 5");
  check(std::fabs(std::fabs(AtMinimum.Eigenvectors.col(1).sum()) -
                  std::sqrt(2.0)) < 1e-12,
        "the largest curvature is along [1, 1]");

  // Newton: one step.
  Eigen::VectorXd X = Start;
  Path Newton;
  hessc::NewtonSummary Summary = hessc::minimizeNewton(
      F, X, hessc::NewtonOptions(),
      [&Newton](const hessc::NewtonIteration &, const Eigen::VectorXd &Point) {
        Newton.push_back(Point);
      });
  std::printf("%s\n", Summary.fullReport().c_str());
  check(Summary.converged() && Summary.NumIterations == 1,
        "Newton converges in one step");
  check((X - Minimizer).norm() < 1e-12, "Newton lands on the minimum");

  // Gradient descent with the exact line minimiser ε* at every step.
  X = Start;
  Path Descent{X};
  std::printf("gradient descent with eps* = g'g / g'Hg:\n");
  std::printf("step         eps*            f           |g|   g_k . g_{k+1}\n");
  Eigen::VectorXd Gradient, Previous;
  bool RightAngles = true;
  for (int K = 0; K < 200; ++K) {
    hessc::GradientStepAnalysis Step = hessc::analyzeGradientStep(F, X);
    F.gradient(X, Gradient);
    double Dot = Previous.size() ? Previous.dot(Gradient) : 0.0;
    if (Previous.size())
      RightAngles &=
          std::fabs(Dot) <= 1e-9 * Previous.norm() * Gradient.norm() + 1e-14;
    if (K < 8 || Gradient.norm() <= 1e-8)
      std::printf("%4d  %11.6f  %11.4e  %12.4e  %12.3e\n", K, Step.OptimalStep,
                  Step.Value, Gradient.norm(), Dot);
    if (Gradient.norm() <= 1e-8 ||
        Step.Status != hessc::GradientStepStatus::Finite)
      break;
    if (K == 8)
      std::printf(" ...\n");
    X -= Step.OptimalStep * Gradient;
    Descent.push_back(X);
    Previous = Gradient;
  }
  std::printf("gradient descent: %zu steps to |g| <= 1e-8; Newton: %d\n",
              Descent.size() - 1, Summary.NumIterations);
  check(Descent.size() - 1 > 10, "gradient descent needs many steps");
  check(RightAngles, "each descent step is at a right angle to the last");
  check((X - Minimizer).norm() < 1e-7, "gradient descent gets there too");

  std::string PicturePath = outputPath(argc, argv);
  std::ofstream Out(PicturePath);
  // Contours through the first descent iterates (each step ends where it
  // touches one) and a few further out, from the outermost in.
  std::vector<double> Levels;
  double Outer = F.value(Descent.front());
  for (int K = 4; K >= 1; --K)
    Levels.push_back(Outer * std::pow(2.25, K));
  for (size_t K = 0; K < Descent.size() && K < 10; ++K)
    Levels.push_back(F.value(Descent[K]));
  Out << svgPicture(AtMinimum, Minimizer, Levels, Descent, Newton,
                    Summary.NumIterations);
  Out.close();
  check(static_cast<bool>(Out), "the SVG picture is written");
  std::printf("picture: %s\n", PicturePath.c_str());
  return Failures ? 1 : 0;
}
