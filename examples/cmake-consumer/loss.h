// What main.cpp needs from loss.cpp: the loss, its generated derivatives
// (declared like any function of another translation unit) and its
// objective for the runtime.
#pragma once
#include <hessc/objective.h>

double logistic(const double *w, double b, const double *X, const double *y, int m, int d);
double logistic_grad(const double *w, double b, const double *X, const double *y, int m, int d,
                     double *grad);
double logistic_hessian(const double *w, double b, const double *X, const double *y, int m,
                        int d, double *H);
hessc::Objective make_objective(const double *X, const double *y, int m, int d);
