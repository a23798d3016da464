//===- ExitNormalization.cpp - One exit per function, none inside loops ---===//

#include "Transforms/ExitNormalization.h"

#include <set>

namespace hessc {

using namespace ir;

namespace {

/// Whether a statement (or block) leaves early: on no path, some, or all.
enum class Exit { Never, Sometimes, Always };

/// The flags of one enclosing loop, created when first needed.
struct LoopFrame {
  VarRef Skip; ///< The rest of this iteration is skipped.
  VarRef Stop; ///< The loop ends after this iteration.
  LoopFrame *Outer = nullptr;
};

class ExitNormalizer {
public:
  explicit ExitNormalizer(Function &F) : F(F) {}

  VarRef run() {
    Result = addLocal(F, "result", ScalarKind::Real);
    rewriteBlock(F.Body, nullptr);
    F.Body.push_back(returnStmt(use(Result)));
    return Result;
  }

private:
  VarRef flag(VarRef &Slot, const char *Name) {
    if (!Slot)
      Slot = addLocal(F, Name, ScalarKind::Bool);
    return Slot;
  }

  static StmtPtr setFlag(const VarRef &Flag, bool Value) {
    return assign({Flag, nullptr}, boolConst(Value));
  }

  /// The statements that replace an exit statement `S`.
  Block lowerExit(const Stmt &S, LoopFrame *Loop) {
    Block Out;
    switch (S.Kind) {
    case StmtKind::Return: {
      StmtPtr SetResult = assign({Result, nullptr}, S.Value);
      // Outside loops it runs at most once per call and destroys nothing the
      // reverse sweep needs: a declaration as far as the sweeps care.
      SetResult->IsDeclaration = Loop == nullptr;
      Out.push_back(std::move(SetResult));
      Out.push_back(setFlag(flag(Returned, "returned"), true));
      for (LoopFrame *L = Loop; L; L = L->Outer) {
        Out.push_back(setFlag(flag(L->Skip, "skip"), true));
        Out.push_back(setFlag(flag(L->Stop, "stop"), true));
      }
      break;
    }
    case StmtKind::Break:
      Out.push_back(setFlag(flag(Loop->Skip, "skip"), true));
      Out.push_back(setFlag(flag(Loop->Stop, "stop"), true));
      break;
    case StmtKind::Continue:
      Out.push_back(setFlag(flag(Loop->Skip, "skip"), true));
      break;
    default:
      break;
    }
    return Out;
  }

  /// The flag that says "skip what follows" at this level.
  VarRef skipFlag(LoopFrame *Loop) {
    return Loop ? flag(Loop->Skip, "skip") : flag(Returned, "returned");
  }

  Exit rewriteBlock(Block &B, LoopFrame *Loop) {
    for (size_t I = 0; I < B.size(); ++I) {
      Stmt &S = *B[I];
      if (S.Kind == StmtKind::Return || S.Kind == StmtKind::Break ||
          S.Kind == StmtKind::Continue) {
        Block Replacement = lowerExit(S, Loop);
        B.resize(I); // What followed is unreachable.
        for (StmtPtr &R : Replacement)
          B.push_back(std::move(R));
        return Exit::Always;
      }
      Exit E = Exit::Never;
      if (S.Kind == StmtKind::If) {
        E = rewriteIf(S, Loop);
      } else if (S.Kind == StmtKind::For) {
        VarRef Stop;
        E = rewriteLoop(S, Loop, Stop);
        if (Stop) {
          // Each execution of the loop starts with its flag down.
          B.insert(B.begin() + I, setFlag(Stop, false));
          ++I;
        }
      }
      if (E == Exit::Never)
        continue;
      Block Rest;
      for (size_t J = I + 1; J < B.size(); ++J)
        Rest.push_back(std::move(B[J]));
      B.resize(I + 1);
      if (E == Exit::Always)
        return Exit::Always;
      return placeRest(B, std::move(Rest), Loop);
    }
    return Exit::Never;
  }

  /// Appends `Rest`, which follows the last statement of `B` (one that
  /// sometimes exits), so that it runs only when that statement did not.
  Exit placeRest(Block &B, Block Rest, LoopFrame *Loop) {
    if (Rest.empty())
      return Exit::Sometimes;
    Stmt &S = *B.back();
    // `if (c) { ...; return a; }` followed by more: the more is the else.
    if (S.Kind == StmtKind::If) {
      bool ThenLeaves = AlwaysExiting.count(&S.Then) != 0;
      bool ElseLeaves = AlwaysExiting.count(&S.Else) != 0;
      if (ThenLeaves != ElseLeaves) {
        Block &FallThrough = ThenLeaves ? S.Else : S.Then;
        for (StmtPtr &R : Rest)
          FallThrough.push_back(std::move(R));
        return rewriteBlock(FallThrough, Loop) == Exit::Always
                   ? Exit::Always
                   : Exit::Sometimes;
      }
    }
    Exit RestExit = rewriteBlock(Rest, Loop);
    B.push_back(ifStmt(unary(OpCode::Not, use(skipFlag(Loop))), std::move(Rest), {}));
    return RestExit == Exit::Always ? Exit::Always : Exit::Sometimes;
  }

  Exit rewriteIf(Stmt &S, LoopFrame *Loop) {
    Exit T = rewriteBlock(S.Then, Loop);
    Exit E = rewriteBlock(S.Else, Loop);
    if (T == Exit::Always)
      AlwaysExiting.insert(&S.Then);
    if (E == Exit::Always)
      AlwaysExiting.insert(&S.Else);
    if (T == Exit::Always && E == Exit::Always)
      return Exit::Always;
    return T == Exit::Never && E == Exit::Never ? Exit::Never : Exit::Sometimes;
  }

  /// Rewrites the exits of a loop's body; `Stop` receives the loop's stop
  /// flag if it needs one. The loop leaves its enclosing block only through
  /// a `return` inside it.
  Exit rewriteLoop(Stmt &S, LoopFrame *Outer, VarRef &Stop) {
    LoopFrame Frame;
    Frame.Outer = Outer;
    bool BodyReturns = containsReturn(S.Then);
    rewriteBlock(S.Then, &Frame);
    if (Frame.Skip)
      S.Then.insert(S.Then.begin(), setFlag(Frame.Skip, false));
    if (Frame.Stop)
      S.Value = binary(OpCode::And, unary(OpCode::Not, use(Frame.Stop)), S.Value);
    Stop = Frame.Stop;
    return BodyReturns ? Exit::Sometimes : Exit::Never;
  }

  static bool containsReturn(const Block &B) {
    for (const StmtPtr &S : B) {
      if (S->Kind == StmtKind::Return)
        return true;
      for (const Block *Child : {&S->Then, &S->Else})
        if (containsReturn(*Child))
          return true;
    }
    return false;
  }

  Function &F;
  VarRef Result, Returned;
  /// Blocks that leave on every path, once rewritten.
  std::set<const Block *> AlwaysExiting;
};

} // namespace

VarRef normalizeExits(Function &F) { return ExitNormalizer(F).run(); }

} // namespace hessc
