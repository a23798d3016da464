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

/// Keeps a function out of line: the assembly routines below, compiled
/// once per real type rather than into every generated function that calls
/// them, and the index-set operations of hessc/sparsity.h.
#if defined(__GNUC__)
#define HESSC_OUT_OF_LINE __attribute__((noinline))
#else
#define HESSC_OUT_OF_LINE
#endif

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

/// `Count` values, uninitialised, on the stack when there are at most
/// `OnStack` of them, where an allocation would cost as much as f itself.
template <typename T, std::size_t OnStack> class ScratchBuffer {
public:
  explicit ScratchBuffer(std::size_t Count)
      : Data(Count > OnStack ? static_cast<T *>(std::malloc(Count * sizeof(T))) : Small) {
    if (!Data)
      std::abort();
  }
  ScratchBuffer(const ScratchBuffer &) = delete;
  ScratchBuffer &operator=(const ScratchBuffer &) = delete;
  ~ScratchBuffer() {
    if (Data != Small)
      std::free(Data);
  }
  T *data() { return Data; }

private:
  T Small[OnStack];
  T *Data;
};

/// A product of the Hessian with several directions at once (f_hessian_block
/// or f_hessian_pair): component i of direction k is Seeds[i*Lanes + k], of
/// its product Products[i*Stride + k].
template <typename T>
using LanedProduct = FunctionRef<T(const T *Seeds, T *Products, std::ptrdiff_t Stride)>;

/// Whether a product function takes the stride of its products' rows. Most
/// blocks do; one whose products pass through a called function, which
/// takes them packed, does not (Transforms/SecondOrder.h), and can only be
/// called with Stride == Lanes.
template <typename T, typename Product>
inline constexpr bool TakesStride =
    std::is_invocable_v<Product &, const T *, T *, std::ptrdiff_t>;

/// `Product` with the interface of a LanedProduct.
template <typename T, typename Product> auto withStride(Product &P) {
  return [&P](const T *Seeds, T *Products, std::ptrdiff_t Stride) -> T {
    if constexpr (TakesStride<T, Product>) {
      return P(Seeds, Products, Stride);
    } else {
      (void)Stride;
      return P(Seeds, Products);
    }
  };
}

/// Multiplies the Hessian with the unit directions Base, ..., Base + Width
/// - 1, in lanes Lane, ..., Lane + Width - 1 of `Product`, which takes
/// `Lanes` directions at once and writes rows `Stride` apart from Products
/// on. The seeds are zero before and after.
template <int Lanes, typename T>
T multiplyUnitDirections(LanedProduct<T> Product, T *Seeds, int Base, int Width,
                         int Lane, T *Products, std::ptrdiff_t Stride) {
  for (int K = 0; K < Width; ++K)
    Seeds[static_cast<std::size_t>(Base + K) * Lanes + Lane + K] = T(1);
  T Value = Product(Seeds, Products, Stride);
  for (int K = 0; K < Width; ++K)
    Seeds[static_cast<std::size_t>(Base + K) * Lanes + Lane + K] = T(0);
  return Value;
}

/// Copies the columns Base, ..., Base + Width - 1 of H from on and below
/// the diagonal to above it, so that H comes out exactly symmetric.
template <int Lanes, typename T>
void mirrorColumns(int N, T *H, int Base, int Width) {
  auto RowOf = [&](int Row) { return H + static_cast<std::size_t>(Row) * N; };
  if (Width == Lanes) {
    // The square on the diagonal, with bounds known at compile time, is
    // unrolled: at N = 10, a loop whose rows differ in length keeps the
    // branch predictor guessing (25 ns more for Rosenbrock).
    T *Diagonal = RowOf(Base) + Base;
    for (int R = 1; R < Lanes; ++R)
      for (int K = 0; K < R; ++K)
        Diagonal[static_cast<std::size_t>(K) * N + R] =
            Diagonal[static_cast<std::size_t>(R) * N + K];
    for (int Row = Base + Lanes; Row < N; ++Row)
      for (int K = 0; K < Lanes; ++K)
        RowOf(Base + K)[Row] = RowOf(Row)[Base + K];
    return;
  }
  for (int Row = Base + 1; Row < N; ++Row) {
    int Columns = Row - Base < Width ? Row - Base : Width;
    for (int K = 0; K < Columns; ++K)
      RowOf(Base + K)[Row] = RowOf(Row)[Base + K];
  }
}

/// Writes the columns Base, ..., Base + Width - 1 of H, which a product of
/// `Lanes` directions left in Products (row i's entries at i * Lanes): the
/// rows from Base down, whole, then the part on and below the diagonal
/// mirrored over the rest.
template <int Lanes, typename T>
void storeColumns(int N, T *H, int Base, int Width, const T *Products) {
  for (int Row = Base; Row < N; ++Row)
    for (int K = 0; K < Width; ++K)
      H[static_cast<std::size_t>(Row) * N + Base + K] =
          Products[static_cast<std::size_t>(Row) * Lanes + K];
  mirrorColumns<Lanes>(N, H, Base, Width);
}

/// How the assembly routines split `Count` columns (or colours) among the
/// products: from the first, blocks of Lanes while at least `MinPerBlock`
/// remain (the last may be narrower), then pairs, then one by itself.
template <int Lanes> struct ProductSplit {
  ProductSplit(int Count, int MinPerBlock) {
    while (Count - BlockEnd >= MinPerBlock)
      BlockEnd += Count - BlockEnd < Lanes ? Count - BlockEnd : Lanes;
    PairEnd = BlockEnd + (Count - BlockEnd) / 2 * 2;
  }
  /// Where the last block starts: -1 without blocks.
  int lastBlock() const { return BlockEnd > 0 ? (BlockEnd - 1) / Lanes * Lanes : -1; }

  int BlockEnd = 0; ///< Where the blocks end and the pairs start.
  int PairEnd = 0;  ///< Where the pairs end; a single product follows.
};

/// The dense Hessian from products that write their columns into H itself:
/// a block's or a pair's products with rows N apart from H + c on are
/// columns c, c + 1, ... of H, and the last single column goes in H's last
/// row, which is the same by symmetry. Below N = Lanes, a block's lanes
/// would not fit in H's rows: its products go through a buffer.
///
/// A product writes its columns in every row, also above the diagonal,
/// where the entries belong to the products of the columns to the left:
/// so the products go from right to left, and each mirrors its columns'
/// lower part above the diagonal, over what the products to its right
/// wrote there. For Rosenbrock at N = 10 this takes 10% less time than
/// copying the products into H (assembleFromBuffer).
template <int Lanes, typename T>
HESSC_OUT_OF_LINE T assembleInPlace(int N, T *H, FunctionRef<T(const T *, T *)> Hvp,
                                    LanedProduct<T> Pair, LanedProduct<T> Block) {
  static_assert(Lanes >= 2, "a block carries at least as many directions as a pair");
  // The seeds; pairs and the single product use the start.
  std::size_t Size = static_cast<std::size_t>(N > 0 ? N : 0) * Lanes;
  ScratchBuffer<T, 16 * Lanes> Buffer(Size);
  T *Seeds = Buffer.data();
  std::fill(Seeds, Seeds + Size, T(0));
  const ProductSplit<Lanes> Split(N, MinDirectionsPerBlock);
  if (N < Lanes && Split.BlockEnd > 0) {
    // H's rows are shorter than the block's: one block, through a buffer
    // (the lanes it does not use are zero).
    ScratchBuffer<T, 16 * Lanes> Products(Size);
    T Value = multiplyUnitDirections<Lanes>(Block, Seeds, 0, N, 0, Products.data(), Lanes);
    storeColumns<Lanes>(N, H, 0, N, Products.data());
    return Value;
  }
  T Value = T();
  if (N <= 0)
    Value = Hvp(Seeds, Seeds); // For f's value; it reads and writes nothing.
  if (Split.PairEnd < N) {
    Seeds[N - 1] = T(1);
    Value = Hvp(Seeds, H + static_cast<std::size_t>(N - 1) * N);
    Seeds[N - 1] = T(0);
  }
  for (int Base = Split.PairEnd - 2; Base >= Split.BlockEnd; Base -= 2) {
    Value = multiplyUnitDirections<2>(Pair, Seeds, Base, 2, 0, H + Base, N);
    mirrorColumns<2>(N, H, Base, 2);
  }
  for (int Base = Split.lastBlock(); Base >= 0; Base -= Lanes) {
    // A narrower last block keeps all its lanes inside H's rows: its
    // columns take its last lanes, and the first ones write zeros into
    // the columns of the block to its left, which comes next.
    int Width = std::min(Split.BlockEnd - Base, Lanes);
    int First = std::min(Base, N - Lanes);
    Value = multiplyUnitDirections<Lanes>(Block, Seeds, Base, Width, Base - First,
                                          H + First, N);
    mirrorColumns<Lanes>(N, H, Base, Width);
  }
  return Value;
}

/// The dense Hessian from products whose rows are Lanes apart in a buffer,
/// copied into H by storeColumns: for blocks that take no stride.
template <int Lanes, typename T>
HESSC_OUT_OF_LINE T assembleFromBuffer(int N, T *H, FunctionRef<T(const T *, T *)> Hvp,
                                       LanedProduct<T> Pair, LanedProduct<T> Block) {
  static_assert(Lanes >= 2, "a block carries at least as many directions as a pair");
  // One buffer for both, seeds first, then products. Every product
  // overwrites its products, so only the seeds start at zero; the pairs
  // and single products use the start of both.
  std::size_t Size = static_cast<std::size_t>(N > 0 ? N : 0) * Lanes;
  ScratchBuffer<T, 32 * Lanes + 1> Buffer(2 * Size + 1);
  T *Seeds = Buffer.data();
  T *Products = Seeds + Size;
  std::fill(Seeds, Products, T(0));
  const ProductSplit<Lanes> Split(N, MinDirectionsPerBlock);
  T Value = T();
  if (N <= 0)
    Value = Hvp(Seeds, Products);
  for (int Base = 0; Base < N;) {
    if (Base < Split.BlockEnd) {
      int Width = std::min(Split.BlockEnd - Base, Lanes);
      Value = multiplyUnitDirections<Lanes>(Block, Seeds, Base, Width, 0, Products, Lanes);
      storeColumns<Lanes>(N, H, Base, Width, Products);
      Base += Width;
    } else if (N - Base >= 2) {
      Value = multiplyUnitDirections<2>(Pair, Seeds, Base, 2, 0, Products, 2);
      storeColumns<2>(N, H, Base, 2, Products);
      Base += 2;
    } else {
      Seeds[Base] = T(1);
      Value = Hvp(Seeds, Products);
      Seeds[Base] = T(0);
      storeColumns<1>(N, H, Base, 1, Products);
      Base += 1;
    }
  }
  return Value;
}

} // namespace detail

/// Assembles the dense N x N Hessian into H (row-major) from products of
/// the Hessian with unit directions: `Block` multiplies with `Lanes`
/// directions at once, `Pair` with two and `Hvp` with one (`T Hvp(const T
/// *v, T *hv)`, f_hvp). Block and pair are `T Block(const T *Seeds, T
/// *Products, std::ptrdiff_t Stride)`, with component i of direction k at
/// Seeds[i*Lanes + k] and of its product at Products[i*Stride + k]; or
/// without Stride, as if it were Lanes. Blocks take the first columns;
/// pairs and a last single product take the last ones when fewer than
/// MinDirectionsPerBlock remain. Returns the function value.
///
/// Each product yields columns c, c+1, ... of H; only the entries on and
/// below the diagonal are taken from it and written to both triangles, so
/// H is exactly symmetric. Products that take a stride write into H itself.
template <int Lanes, typename T, typename HvpFunction, typename PairFunction,
          typename BlockFunction>
T denseHessian(int N, T *H, HvpFunction &&Hvp, PairFunction &&Pair,
               BlockFunction &&Block) {
  constexpr bool InPlace =
      detail::TakesStride<T, std::remove_reference_t<PairFunction>> &&
      detail::TakesStride<T, std::remove_reference_t<BlockFunction>>;
  if constexpr (InPlace)
    return detail::assembleInPlace<Lanes, T>(N, H, Hvp, detail::withStride<T>(Pair),
                                             detail::withStride<T>(Block));
  else
    return detail::assembleFromBuffer<Lanes, T>(N, H, Hvp, detail::withStride<T>(Pair),
                                                detail::withStride<T>(Block));
}

} // namespace hessc

#endif // HESSC_SUPPORT_H
