//===- hessc/support.h - What generated derivative code calls -------------===//
//
// Generated code depends on nothing but the C++ standard library and this
// header: the <cmath> functions whose derivatives it evaluates, and the tape
// that stores values the reverse sweep cannot recompute.
//
//===----------------------------------------------------------------------===//
#ifndef HESSC_SUPPORT_H
#define HESSC_SUPPORT_H

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <type_traits>
#include <utility>
#include <vector>

namespace hessc {

/// A last-in first-out store of values the forward sweep overwrites and the
/// reverse sweep needs back. One tape lives in each generated call, so the
/// generated functions are reentrant and thread-safe.
///
/// It grows geometrically and never shrinks; push and pop are a compare and
/// a store on the fast path, which is what the inner loops of generated code
/// need. The first values live in the tape itself: a helper's pullback,
/// called once per sample, would otherwise allocate on every call.
/// T must be trivially copyable (double, float, int, bool).
template <typename T> class Tape {
public:
  Tape() = default;
  Tape(const Tape &) = delete;
  Tape &operator=(const Tape &) = delete;
  ~Tape() {
    if (Data != Inline)
      std::free(Data);
  }

  void push(T Value) {
    if (Size == Capacity)
      grow();
    Data[Size++] = Value;
  }

  T pop() { return Data[--Size]; }

  /// Saves the `Count` lanes of a vector-mode tangent at once.
  void push(const T *Values, std::size_t Count) {
    while (Size + Count > Capacity)
      grow();
    std::memcpy(Data + Size, Values, Count * sizeof(T));
    Size += Count;
  }

  void pop(T *Values, std::size_t Count) {
    Size -= Count;
    std::memcpy(Values, Data + Size, Count * sizeof(T));
  }

  std::size_t size() const { return Size; }

private:
  void grow() {
    std::size_t NewCapacity = Capacity < 256 ? 256 : 2 * Capacity;
    T *NewData = static_cast<T *>(std::malloc(NewCapacity * sizeof(T)));
    if (!NewData)
      std::abort();
    if (Size)
      std::memcpy(NewData, Data, Size * sizeof(T));
    if (Data != Inline)
      std::free(Data);
    Data = NewData;
    Capacity = NewCapacity;
  }

  static constexpr std::size_t InlineCapacity = 32;
  T Inline[InlineCapacity];
  T *Data = Inline;
  std::size_t Size = 0;
  std::size_t Capacity = InlineCapacity;
};

/// A non-owning reference to a callable, like llvm::function_ref: the
/// assembly routines below take their products through one, so that each
/// is compiled once per real type rather than once per generated function.
template <typename Signature> class FunctionRef;

template <typename Ret, typename... Params> class FunctionRef<Ret(Params...)> {
public:
  template <typename Callable,
            typename = std::enable_if_t<!std::is_same_v<std::decay_t<Callable>, FunctionRef>>>
  FunctionRef(Callable &&C)
      : Callback(&call<std::remove_reference_t<Callable>>),
        Object(const_cast<void *>(static_cast<const void *>(&C))) {}

  Ret operator()(Params... Args) const {
    return Callback(Object, std::forward<Params>(Args)...);
  }

private:
  template <typename Callable> static Ret call(void *Object, Params... Args) {
    return (*static_cast<Callable *>(Object))(std::forward<Params>(Args)...);
  }

  Ret (*Callback)(void *, Params...);
  void *Object;
};

/// The fewest directions worth a block of a dense Hessian: fewer are
/// cheaper as single products. A block of 8 lanes costs about three
/// products where f is cheapest (Rosenbrock at N = 10: 23 ns against 8 ns)
/// and five or six at large N.
inline constexpr int MinDirectionsPerBlock = 3;

namespace detail {

template <int Lanes, typename T>
#if defined(__GNUC__)
__attribute__((noinline))
#endif
T denseHessian(int N, T *H, FunctionRef<T(const T *, T *)> Hvp,
               FunctionRef<T(const T *, T *)> Block) {
  std::size_t Size = static_cast<std::size_t>(N > 0 ? N : 0) * Lanes;
  // One buffer for both, seeds first, then products; on the stack when
  // small, where an allocation would cost as much as f itself.
  // The block overwrites its products, so only the seeds start at zero.
  constexpr std::size_t OnStack = 16 * Lanes;
  T Small[2 * OnStack + 1];
  T *Buffer = Small;
  if (Size > OnStack) {
    Buffer = static_cast<T *>(std::malloc((2 * Size + 1) * sizeof(T)));
    if (!Buffer)
      std::abort();
  }
  T *Seeds = Buffer;
  T *Products = Buffer + Size;
  std::fill(Seeds, Products, T(0));
  T Value = T();
  if (N <= 0)
    Value = Hvp(Seeds, Products);
  for (int Base = 0; Base < N;) {
    int Width = N - Base < Lanes ? N - Base : Lanes;
    if (Width < MinDirectionsPerBlock) {
      // The last column or two: one product each. Seeds' first N entries,
      // zero, are the direction, and the product is column Base of H.
      Seeds[Base] = T(1);
      Value = Hvp(Seeds, Products);
      Seeds[Base] = T(0);
      for (int Row = Base; Row < N; ++Row) {
        H[static_cast<std::size_t>(Row) * N + Base] = Products[Row];
        H[static_cast<std::size_t>(Base) * N + Row] = Products[Row];
      }
      ++Base;
      continue;
    }
    for (int K = 0; K < Width; ++K)
      Seeds[static_cast<std::size_t>(Base + K) * Lanes + K] = T(1);
    Value = Block(Seeds, Products);
    for (int K = 0; K < Width; ++K)
      Seeds[static_cast<std::size_t>(Base + K) * Lanes + K] = T(0);
    // Row by row, so that the block's entries of one row of H, which are
    // adjacent, are written together rather than a column at a time.
    for (int Row = Base; Row < N; ++Row) {
      const T *Entries = Products + static_cast<std::size_t>(Row) * Lanes;
      int Columns = Row - Base < Width ? Row - Base + 1 : Width;
      for (int K = 0; K < Columns; ++K) {
        H[static_cast<std::size_t>(Row) * N + Base + K] = Entries[K];
        H[static_cast<std::size_t>(Base + K) * N + Row] = Entries[K];
      }
    }
    Base += Width;
  }
  if (Buffer != Small)
    std::free(Buffer);
  return Value;
}

} // namespace detail

/// Assembles the dense N x N Hessian into H (row-major) from `Block`, which
/// multiplies the Hessian with `Lanes` directions at once:
/// `T Block(const T *Seeds, T *Products)`, component i of direction k at
/// index i*Lanes + k of both arrays, and, for the last columns when fewer
/// than MinDirectionsPerBlock remain, from `Hvp` (`T Hvp(const T *v, T
/// *hv)`, f_hvp). Returns the function value.
///
/// Each block or product yields columns c, c+1, ... of H; only the entries
/// on and below the diagonal are taken from it and written to both
/// triangles, so H is exactly symmetric.
template <int Lanes, typename T, typename HvpFunction, typename BlockFunction>
T denseHessian(int N, T *H, HvpFunction &&Hvp, BlockFunction &&Block) {
  return detail::denseHessian<Lanes, T>(N, H, Hvp, Block);
}

} // namespace hessc

#endif // HESSC_SUPPORT_H
