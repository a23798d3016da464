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

/// The fewest directions worth a full block of a dense Hessian: fewer go
/// by pairs, and a last single one by f_hvp. For Rosenbrock, a block of 8
/// costs 21 ns at N = 10 and 105 ns at N = 50, a pair 9 and 42, a single
/// product 7 and 39: a block beats two pairs and a product from five
/// directions on.
inline constexpr int MinDirectionsPerBlock = 5;

namespace detail {

/// Multiplies the Hessian with the unit directions Base, ..., Base + Width - 1
/// through `Product`, which takes `Lanes` directions at once (seeds and
/// products laid out as for the block). The seeds are zero before and after.
template <int Lanes, typename T>
T multiplyUnitDirections(FunctionRef<T(const T *, T *)> Product, T *Seeds,
                         T *Products, int Base, int Width) {
  for (int K = 0; K < Width; ++K)
    Seeds[static_cast<std::size_t>(Base + K) * Lanes + K] = T(1);
  T Value = Product(Seeds, Products);
  for (int K = 0; K < Width; ++K)
    Seeds[static_cast<std::size_t>(Base + K) * Lanes + K] = T(0);
  return Value;
}

/// Writes the columns Base, ..., Base + Width - 1 of H, which a product of
/// `Lanes` directions left in Products (row i's entries at i * Lanes), into
/// H's rows and, by symmetry, its columns. Only entries on and below the
/// diagonal are read, so that H comes out exactly symmetric.
template <int Lanes, typename T>
void storeColumns(int N, T *H, int Base, int Width, const T *Products) {
  auto RowOf = [&](int Row) { return H + static_cast<std::size_t>(Row) * N; };
  if (Width == Lanes) {
    // The square on the diagonal, with bounds known at compile time, is
    // unrolled: at N = 10, the general loop below, whose rows differ in
    // length and keep the branch predictor guessing, costs 25 ns more.
    const T *Square = Products + static_cast<std::size_t>(Base) * Lanes;
    T *Diagonal = RowOf(Base) + Base;
    for (int R = 0; R < Lanes; ++R)
      for (int K = 0; K <= R; ++K) {
        Diagonal[static_cast<std::size_t>(R) * N + K] = Square[R * Lanes + K];
        Diagonal[static_cast<std::size_t>(K) * N + R] = Square[R * Lanes + K];
      }
    for (int Row = Base + Lanes; Row < N; ++Row) {
      const T *Entries = Products + static_cast<std::size_t>(Row) * Lanes;
      for (int K = 0; K < Lanes; ++K) {
        RowOf(Row)[Base + K] = Entries[K];
        RowOf(Base + K)[Row] = Entries[K];
      }
    }
    return;
  }
  // Row by row, so that the entries of one row of H, which are adjacent in
  // Products, are written together rather than a column at a time.
  for (int Row = Base; Row < N; ++Row) {
    const T *Entries = Products + static_cast<std::size_t>(Row) * Lanes;
    int Columns = Row - Base < Width ? Row - Base + 1 : Width;
    for (int K = 0; K < Columns; ++K) {
      RowOf(Row)[Base + K] = Entries[K];
      RowOf(Base + K)[Row] = Entries[K];
    }
  }
}

template <int Lanes, typename T>
#if defined(__GNUC__)
__attribute__((noinline))
#endif
T denseHessian(int N, T *H, FunctionRef<T(const T *, T *)> Hvp,
               FunctionRef<T(const T *, T *)> Pair,
               FunctionRef<T(const T *, T *)> Block) {
  static_assert(Lanes >= 2, "a block carries at least as many directions as a pair");
  std::size_t Size = static_cast<std::size_t>(N > 0 ? N : 0) * Lanes;
  // One buffer for both, seeds first, then products; on the stack when
  // small, where an allocation would cost as much as f itself. Every
  // product overwrites its products, so only the seeds start at zero; the
  // pairs and single products use the start of the same buffers.
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
    int Remaining = N - Base;
    if (Remaining >= MinDirectionsPerBlock) {
      int Width = Remaining < Lanes ? Remaining : Lanes;
      Value = multiplyUnitDirections<Lanes>(Block, Seeds, Products, Base, Width);
      storeColumns<Lanes>(N, H, Base, Width, Products);
      Base += Width;
    } else if (Remaining >= 2) {
      Value = multiplyUnitDirections<2>(Pair, Seeds, Products, Base, 2);
      storeColumns<2>(N, H, Base, 2, Products);
      Base += 2;
    } else {
      Value = multiplyUnitDirections<1>(Hvp, Seeds, Products, Base, 1);
      storeColumns<1>(N, H, Base, 1, Products);
      Base += 1;
    }
  }
  if (Buffer != Small)
    std::free(Buffer);
  return Value;
}

} // namespace detail

/// Assembles the dense N x N Hessian into H (row-major) from products of
/// the Hessian with unit directions: `Block` multiplies with `Lanes`
/// directions at once (`T Block(const T *Seeds, T *Products)`, component i
/// of direction k at index i*Lanes + k of both arrays), `Pair` likewise
/// with two, and `Hvp` with one (`T Hvp(const T *v, T *hv)`, f_hvp). Blocks
/// go first; pairs and a last single product take the last columns when
/// fewer than MinDirectionsPerBlock remain. Returns the function value.
///
/// Each product yields columns c, c+1, ... of H; only the entries on and
/// below the diagonal are taken from it and written to both triangles, so
/// H is exactly symmetric.
template <int Lanes, typename T, typename HvpFunction, typename PairFunction,
          typename BlockFunction>
T denseHessian(int N, T *H, HvpFunction &&Hvp, PairFunction &&Pair,
               BlockFunction &&Block) {
  return detail::denseHessian<Lanes, T>(N, H, Hvp, Pair, Block);
}

} // namespace hessc

#endif // HESSC_SUPPORT_H
