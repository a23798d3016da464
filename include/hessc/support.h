//===- hessc/support.h - What generated derivative code calls -------------===//
//
// Generated code depends on nothing but the C++ standard library and this
// header: the <cmath> functions whose derivatives it evaluates, and the tape
// that stores values the reverse sweep cannot recompute.
//
//===----------------------------------------------------------------------===//
#ifndef HESSC_SUPPORT_H
#define HESSC_SUPPORT_H

#include <cmath>
#include <cstddef>
#include <cstdlib>
#include <cstring>

namespace hessc {

/// A last-in first-out store of values the forward sweep overwrites and the
/// reverse sweep needs back. One tape lives in each generated call, so the
/// generated functions are reentrant and thread-safe.
///
/// It grows geometrically and never shrinks; push and pop are a compare and
/// a store on the fast path, which is what the inner loops of generated code
/// need. T must be trivially copyable (double, float, int, bool).
template <typename T> class Tape {
public:
  Tape() = default;
  Tape(const Tape &) = delete;
  Tape &operator=(const Tape &) = delete;
  ~Tape() { std::free(Data); }

  void push(T Value) {
    if (Size == Capacity)
      grow();
    Data[Size++] = Value;
  }

  T pop() { return Data[--Size]; }

  std::size_t size() const { return Size; }

private:
  void grow() {
    std::size_t NewCapacity = Capacity ? 2 * Capacity : 256;
    T *NewData = static_cast<T *>(std::malloc(NewCapacity * sizeof(T)));
    if (!NewData)
      std::abort();
    if (Size)
      std::memcpy(NewData, Data, Size * sizeof(T));
    std::free(Data);
    Data = NewData;
    Capacity = NewCapacity;
  }

  T *Data = nullptr;
  std::size_t Size = 0;
  std::size_t Capacity = 0;
};

} // namespace hessc

#endif // HESSC_SUPPORT_H
