// Data for loss.cpp, included with quotes: the command flow must find it.
#pragma once
constexpr double kWeights[3] = {1.0, 2.0, 0.5};
