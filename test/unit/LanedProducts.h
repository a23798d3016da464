//===- LanedProducts.h - Block products from a one-direction product ------===//
//
// The dense and sparse Hessian drivers call products with several
// directions at once (f_hessian_block, f_hessian_pair). The unit tests make
// them from a product with one direction whose result they know.
//
//===----------------------------------------------------------------------===//
#ifndef HESSC_TEST_UNIT_LANEDPRODUCTS_H
#define HESSC_TEST_UNIT_LANEDPRODUCTS_H

#include <cstddef>
#include <vector>

namespace hessc {
namespace test {

/// What f_hessian_block computes, from `Times(const double *v, double *hv)`:
/// the products with the `Lanes` directions in Seeds (component i of
/// direction k at Seeds[i*Lanes + k]), component i of product k written to
/// Products[i*Stride + k].
template <typename TimesFunction>
void multiplyLanes(int N, int Lanes, const double *Seeds, double *Products,
                   std::ptrdiff_t Stride, TimesFunction &&Times) {
  std::vector<double> V(N), HV(N);
  for (int Lane = 0; Lane < Lanes; ++Lane) {
    for (int I = 0; I < N; ++I)
      V[I] = Seeds[I * Lanes + Lane];
    Times(V.data(), HV.data());
    for (int I = 0; I < N; ++I)
      Products[I * Stride + Lane] = HV[I];
  }
}

} // namespace test
} // namespace hessc

#endif // HESSC_TEST_UNIT_LANEDPRODUCTS_H
