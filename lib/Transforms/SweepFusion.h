//===- SweepFusion.h - One loop for a loop's forward and reverse sweeps ---===//
//
// Reverse mode runs a loop forwards, then its adjoint backwards. When the
// adjoint of each iteration needs nothing from other iterations (it
// recomputes its own values and adds into adjoints nobody else reads), the
// order of the iterations does not matter and both sweeps can run in one
// loop, as a gradient written by hand does:
//
//   for (i = 0; i < n; i += 2) {            // f and its gradient, at once
//     t1 = x[i + 1] - x[i] * x[i]; ...; sum += 100.0 * t1 * t1 + ...;
//     t1_adj += sum_adj * (200.0 * t1); ...; x_adj[i + 1] += t1_adj; ...
//   }
//
// The seed the adjoint loop reads (sum_adj) is computed before the fused
// loop, which needs it not to depend on the loop's results: f = Σ terms
// fuses, f = log Σ terms does not. Every condition is checked on the
// variables each part reads and writes; anything unproven stays as it was.
//
//===----------------------------------------------------------------------===//
#ifndef HESSC_TRANSFORMS_SWEEPFUSION_H
#define HESSC_TRANSFORMS_SWEEPFUSION_H

#include "IR/IR.h"

#include <vector>

namespace hessc {

/// A local array of the differentiated function, `Length` elements long,
/// and the array of its adjoints. A loop whose iterations each write the
/// whole array before reading it fuses although the array is taped: each
/// iteration's adjoint then finds in it the values its own forward half
/// left, and leaves its adjoints at zero, as it found them.
struct LocalArray {
  const ir::Variable *Primal = nullptr;
  const ir::Variable *Adjoint = nullptr;
  ir::ExprRef Length;
};

/// Fuses top-level loops of the forward sweep `Fwd` with their adjoint loops
/// in the reverse sweep `Rev` where that is proven to compute the same
/// values; the seeding statements the adjoint loop reads move ahead of it
/// into `Fwd`. `Arrays` are the function's local arrays with adjoints.
void fuseLoopSweeps(ir::Block &Fwd, ir::Block &Rev,
                    const std::vector<LocalArray> &Arrays = {});

} // namespace hessc

#endif // HESSC_TRANSFORMS_SWEEPFUSION_H
