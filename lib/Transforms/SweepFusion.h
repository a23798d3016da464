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

namespace hessc {

/// Fuses top-level loops of the forward sweep `Fwd` with their adjoint loops
/// in the reverse sweep `Rev` where that is proven to compute the same
/// values; the seeding statements the adjoint loop reads move ahead of it
/// into `Fwd`.
void fuseLoopSweeps(ir::Block &Fwd, ir::Block &Rev);

} // namespace hessc

#endif // HESSC_TRANSFORMS_SWEEPFUSION_H
