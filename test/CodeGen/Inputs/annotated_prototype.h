// The annotation on a declaration in a header; the definition in the file
// that includes it carries none (annotation-in-header.cpp).
#include <hessc/hessc.h>

HESSC_DIFF("y") double declared_in_header(double x, double y);
