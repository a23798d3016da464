// A loss function and a main that calls its derivatives, for the command
// flow: hessc writes the spliced source, any compiler builds it.
#include <hessc/hessc.h>
#include "loss_data.h"

#include <cmath>
#include <cstdio>

namespace model {
HESSC_DIFF("w[d]")
double loss(const double *w, int d) {
  double s = 0;
  for (int i = 0; i < d; ++i)
    s += kWeights[i % 3] * std::log(1 + w[i] * w[i]);
  return s;
}
} // namespace model

int main() {
  // d/dw_i = k_i 2 w_i / (1 + w_i^2); d2/dw_i^2 = k_i 2 (1 - w_i^2) / (1 + w_i^2)^2.
  const double w[2] = {0.5, -2.0};
  double g[2], H[4];
  model::loss_grad(w, 2, g);
  model::loss_hessian(w, 2, H);
  int bad = 0;
  for (int i = 0; i < 2; ++i) {
    double k = kWeights[i], q = 1 + w[i] * w[i];
    bad += std::fabs(g[i] - k * 2 * w[i] / q) > 1e-14;
    bad += std::fabs(H[3 * i] - k * 2 * (1 - w[i] * w[i]) / (q * q)) > 1e-14;
  }
  bad += H[1] != 0 || H[2] != 0;
  std::printf("%s\n", bad ? "wrong" : "derivatives ok");
  return bad;
}
