//===- ObjectiveFactory.h - Print f_objective for the Eigen runtime -------===//
//
// In a translation unit that includes <hessc/objective.h>, every annotated
// function f also gets `hessc::Objective f_objective(<f's non-independent
// parameters>)`: a factory that binds the constant arguments and scatters
// the flat vector of independents into f's parameters for f, f_grad, f_hvp
// and f_hessian.
//
//===----------------------------------------------------------------------===//
#ifndef HESSC_CODEGEN_OBJECTIVEFACTORY_H
#define HESSC_CODEGEN_OBJECTIVEFACTORY_H

#include "Frontend/ASTLowering.h"

#include <string>

namespace hessc {

/// Prints f_objective for `F`. Only double functions get one: the runtime
/// computes in double.
std::string printObjectiveFactory(const LoweredFunction &F);

} // namespace hessc

#endif // HESSC_CODEGEN_OBJECTIVEFACTORY_H
