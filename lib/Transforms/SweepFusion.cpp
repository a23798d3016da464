//===- SweepFusion.cpp - One loop for a loop's forward and reverse sweeps -===//

#include "Transforms/SweepFusion.h"

#include "Transforms/Activity.h"
#include "Transforms/IterationEffects.h"
#include "Transforms/LoopShape.h"

#include <algorithm>
#include <map>
#include <set>

namespace hessc {

using namespace ir;

namespace {

using VariableSet = std::set<const Variable *>;

void readsOf(const ExprRef &E, VariableSet &Out) { collectReads(E, Out); }

void readsOf(const Stmt &S, VariableSet &Out, bool CountAccumulations = true) {
  collectStatementReads(S, Out, CountAccumulations);
}

struct Effects {
  VariableSet Reads, Writes;
  void add(const Stmt &S) {
    readsOf(S, Reads);
    collectAssigned(S, Writes);
  }
  void add(const Block &B) {
    for (const StmtPtr &S : B)
      add(*S);
  }
};

bool usesTapes(const Block &B) {
  return anyStatement(B, [](const Stmt &S) {
    return S.Kind == StmtKind::Push || S.Kind == StmtKind::Pop;
  });
}

/// True when a statement of `B` nested in another uses a tape, other than
/// to save or restore one of `Kept`.
bool usesTapesNested(const Block &B, const VariableSet &Kept) {
  for (const StmtPtr &S : B)
    for (const Block *Child : {&S->Init, &S->Step, &S->Then, &S->Else})
      if (anyStatement(*Child, [&Kept](const Stmt &T) {
            bool SavesKept = T.Kind == StmtKind::Push && T.Value->Kind == ExprKind::VarUse &&
                             Kept.count(T.Value->Var.get());
            bool RestoresKept = T.Kind == StmtKind::Pop && !T.Target.Index &&
                                Kept.count(T.Target.Var.get());
            return (T.Kind == StmtKind::Push || T.Kind == StmtKind::Pop) && !SavesKept &&
                   !RestoresKept;
          }))
        return true;
  return false;
}

/// The scalar a top-level `T.push(v)` saves, or null.
const Variable *savedScalar(const Stmt &S) {
  if (S.Kind != StmtKind::Push || S.Lanes || S.Value->Kind != ExprKind::VarUse)
    return nullptr;
  return S.Value->Var.get();
}

/// The scalar a top-level `v = T.pop()` restores, or null.
const Variable *restoredScalar(const Stmt &S) {
  if (S.Kind != StmtKind::Pop || S.Lanes || S.Target.Index)
    return nullptr;
  return S.Target.Var.get();
}

/// True when each iteration of a loop with body `Body` writes all of the
/// local array `A` before it reads any of it: a top-level loop
/// `for (c = 0; c < Length; ++c)` whose body stores `A[c] = e`
/// unconditionally, without exits, before which nothing in `Body` reads A.
/// Every element an iteration reads (all are below Length) is then one it
/// wrote; nothing flows through A from one iteration to the next.
bool writtenWholeBeforeRead(const Block &Body, const LocalArray &A) {
  if (!A.Length)
    return false;
  VariableSet LengthReads, BodyWrites;
  readsOf(A.Length, LengthReads);
  collectAssigned(Body, BodyWrites);
  if (intersects(LengthReads, BodyWrites))
    return false;
  for (size_t K = 0; K < Body.size(); ++K) {
    const Stmt &Loop = *Body[K];
    std::optional<CountedLoop> Counted = countsUp(Loop);
    if (Counted && Counted->Step == 1 && sameExpr(Counted->Bound, A.Length) &&
        !hasLoopExit(Loop.Then)) {
      const Variable *Counter = Counted->Counter;
      // Starts at 0: in its header, or set last before it.
      bool FromZero = constantStart(Body, K, Counter) == std::optional<long long>(0);
      VariableSet InnerWrites;
      collectAssigned(Loop.Then, InnerWrites);
      bool Stores = false, Reads = false;
      for (const StmtPtr &S : Loop.Then) {
        VariableSet R;
        readsOf(*S, R);
        Reads |= R.count(A.Primal) > 0;
        Stores |= S->Kind == StmtKind::Assign && !S->IsCompound &&
                  S->Target.Var.get() == A.Primal && S->Target.Index &&
                  S->Target.Index->Kind == ExprKind::VarUse &&
                  S->Target.Index->Var.get() == Counter;
      }
      if (FromZero && Stores && !Reads && !InnerWrites.count(Counter))
        return true;
    }
    VariableSet R;
    readsOf(Loop, R);
    if (R.count(A.Primal))
      return false;
  }
  return false;
}

/// `T.push(A[i])` for a local array A, or null.
const Variable *savedElementArray(const Stmt &S) {
  if (S.Kind != StmtKind::Push || S.Lanes || S.Value->Kind != ExprKind::ArrayElem)
    return nullptr;
  return S.Value->Var.get();
}

/// `A[i] = T.pop()`, or null.
const Variable *restoredElementArray(const Stmt &S) {
  if (S.Kind != StmtKind::Pop || S.Lanes || !S.Target.Index)
    return nullptr;
  return S.Target.Var.get();
}

class LoopFuser {
public:
  LoopFuser(Block &Fwd, Block &Rev, const std::vector<LocalArray> &Arrays)
      : Fwd(Fwd), Rev(Rev), Arrays(Arrays) {}

  void run() {
    for (size_t F = 0; F < Fwd.size(); ++F)
      if (Fwd[F]->Kind == StmtKind::For)
        F = tryFuse(F);
  }

private:
  /// Fuses the loop at Fwd[F] if it can; returns the index it ends up at.
  size_t tryFuse(size_t F) {
    Stmt &Forward = *Fwd[F];
    const Variable *Counter = iterationCounter(Forward);
    if (!Counter || Forward.TestAtEnd || Forward.Step.empty())
      return F;
    size_t R = 0;
    while (R < Rev.size() && !isAdjointLoopOf(*Rev[R], Counter))
      ++R;
    if (R == Rev.size())
      return F;
    Stmt &Adjoint = *Rev[R];
    // The adjoint loop first undoes the step, then runs the body's adjoint.
    size_t StepSize = Forward.Step.size();
    VariableSet StepVars;
    collectAssigned(Forward.Step, StepVars);
    if (Adjoint.Then.size() < StepSize)
      return F;
    for (size_t K = 0; K < StepSize; ++K) {
      VariableSet W;
      collectAssigned(*Adjoint.Then[K], W);
      if (W.empty() || !std::includes(StepVars.begin(), StepVars.end(), W.begin(), W.end()))
        return F;
    }
    Block Body; // the adjoint of one iteration, without the step's undoing
    for (size_t K = StepSize; K < Adjoint.Then.size(); ++K)
      Body.push_back(clone(*Adjoint.Then[K]));
    Block FwdBody = clone(Forward.Then);

    Effects Loop, Iteration, After, Seeding, Before, Later;
    for (size_t K = F + 1; K < Fwd.size(); ++K)
      After.add(*Fwd[K]);
    for (size_t K = 0; K < R; ++K)
      Seeding.add(*Rev[K]);
    for (size_t K = 0; K < F; ++K)
      Before.add(*Fwd[K]);
    for (size_t K = R + 1; K < Rev.size(); ++K)
      Later.add(*Rev[K]);
    VariableSet Outside = After.Reads;
    for (const Effects *E : {&Seeding, &Before, &Later})
      Outside.insert(E->Reads.begin(), E->Reads.end());

    VariableSet Saved;
    if ((usesTapes(FwdBody) || usesTapes(Body)) &&
        !dropSavesOfIterationValues(FwdBody, Body, Outside, Saved))
      return F;

    // The fused adjoint half runs before the step and the next test, which
    // must therefore not read a saved value it changes.
    VariableSet HeaderReads, AdjointWrites, Changed;
    readsOf(Forward.Value, HeaderReads);
    for (const StmtPtr &S : Forward.Step)
      readsOf(*S, HeaderReads);
    collectAssigned(Body, AdjointWrites);
    for (const Variable *V : Saved)
      if (AdjointWrites.count(V))
        Changed.insert(V);
    if (intersects(Changed, HeaderReads))
      return F;

    Loop.add(FwdBody);
    Loop.add(Forward.Step);
    readsOf(Forward.Value, Loop.Reads);
    Iteration.add(Body);

    // What an iteration's adjoint writes must not carry from one iteration
    // to the next, for then their order would matter:
    //  - values of the forward loop's that it recomputes for itself;
    //  - arrays it only adds into (the gradient), never reads;
    //  - scalars it sets before reading, resets at the end of each
    //    iteration, or only adds into.
    WriteKinds Kinds;
    collectWriteKinds(Body, Kinds);
    VariableSet ValueReads; // reads into expressions, not accumulations
    for (const StmtPtr &S : Body)
      readsOf(*S, ValueReads, /*CountAccumulations=*/false);
    // What may leave a value in them before the loop's first iteration
    // (what runs after the reverse loop, in either form, does not).
    VariableSet WrittenBefore = After.Writes;
    WrittenBefore.insert(Seeding.Writes.begin(), Seeding.Writes.end());
    WrittenBefore.insert(Before.Writes.begin(), Before.Writes.end());
    if (!Kinds.Other.empty())
      return F;
    for (const Variable *V : Iteration.Writes) {
      // Saved values the forward half sets afresh in every iteration before
      // reading them (an inner loop's counters): what the adjoint half
      // leaves in them is overwritten before anyone reads it.
      if (Saved.count(V))
        continue;
      bool OnlyAccumulated = !Kinds.Set.count(V) && !ValueReads.count(V);
      bool Temporary = Kinds.Set.count(V) && !Kinds.Accumulate.count(V) &&
                       setBeforeEveryRead(Body, V) && !Outside.count(V);
      if (Loop.Reads.count(V) || Loop.Writes.count(V)) {
        // A value of the forward loop's, recomputed.
        if (!Temporary || StepVars.count(V) || !setBeforeEveryRead(FwdBody, V))
          return F;
        continue;
      }
      if (V->IsArray) {
        // The adjoints of a local array each iteration writes whole before
        // reading it: a contribution to A_adj[e] comes from a read of A[e],
        // and the adjoint of the write before that read takes it and
        // resets A_adj[e] within the same iteration. Zero before the loop,
        // they are zero again after each iteration, in either order.
        const LocalArray *Local = localArray(V, /*AsAdjoint=*/true);
        bool IterationLocal = Local && !WrittenBefore.count(V) && !Outside.count(V) &&
                              writtenWholeBeforeRead(FwdBody, *Local);
        if (!OnlyAccumulated && !IterationLocal)
          return F;
        continue;
      }
      bool Reset = endsWithZeroReset(Body, V) && !WrittenBefore.count(V) && !V->IsReference;
      if (!OnlyAccumulated && !Temporary && !Reset)
        return F;
    }
    // What it reads of the forward loop's: the step's variables (the same in
    // both at the end of an iteration), what it recomputed itself, or what
    // the forward half of the same iteration left (the saves dropped above).
    for (const Variable *V : Iteration.Reads)
      if (Loop.Writes.count(V) && !StepVars.count(V) && !setBeforeEveryRead(Body, V) &&
          !Saved.count(V))
        return F;
    // The seeding runs ahead of the forward loop: it must not need the
    // loop's results, and nothing between must need its.
    Effects Between = After;
    Between.Reads.insert(Loop.Reads.begin(), Loop.Reads.end());
    Between.Writes.insert(Loop.Writes.begin(), Loop.Writes.end());
    if (intersects(Seeding.Reads, Between.Writes) || intersects(Seeding.Writes, Between.Reads) ||
        intersects(Seeding.Writes, Between.Writes))
      return F;
    // The adjoint ran after everything between; now it runs before it.
    if (intersects(Iteration.Writes, After.Reads) || intersects(Iteration.Writes, After.Writes) ||
        intersects(Iteration.Reads, After.Writes))
      return F;

    // Fuse: the body, then the iteration's adjoint minus what it recomputes
    // that still holds. The two halves now run back to back, so loops
    // nested in them may fuse in turn.
    LoopFuser(FwdBody, Body, Arrays).run();
    for (StmtPtr &S : Body)
      if (!stillHolds(*S, FwdBody))
        FwdBody.insert(FwdBody.end() - 1, std::move(S));
    Forward.Then = std::move(FwdBody);
    Block Moved;
    for (size_t K = 0; K < R; ++K)
      Moved.push_back(std::move(Rev[K]));
    Rev.erase(Rev.begin(), Rev.begin() + static_cast<long>(R) + 1);
    Moved.push_back(comment("This loop's reverse sweep runs in it: each iteration's "
                            "adjoint needs no other iteration."));
    size_t Count = Moved.size();
    Fwd.insert(Fwd.begin() + static_cast<long>(F), std::make_move_iterator(Moved.begin()),
               std::make_move_iterator(Moved.end()));
    return F + Count;
  }

  /// Saves the fused loop no longer needs: `T.push(v)` at the top of the
  /// forward body with its `v = T.pop()` at the top of the adjoint body,
  /// for a v that each iteration sets before it reads it (so the saved,
  /// earlier value matters to nobody once the halves run together), that
  /// the adjoint reads only before the pop, and that nothing outside reads;
  /// and the saves in loops nested in the body (dropNestedSaves). Removes
  /// them from both and returns the variables in `Saved`; false when some
  /// tape use is not such a pair.
  bool dropSavesOfIterationValues(Block &FwdBody, Block &Body, const VariableSet &Outside,
                                  VariableSet &Saved) {
    VariableSet Kept;
    if (!dropNestedSaves(FwdBody, Body, Outside, Saved, Kept))
      return false;
    if (usesTapesNested(FwdBody, Kept) || usesTapesNested(Body, Kept))
      return false;
    // Pushes in order, pops in order: tape by tape, the pops undo the pushes
    // in reverse.
    std::map<const Variable *, std::vector<const Variable *>> Pushed, Popped;
    for (const StmtPtr &S : FwdBody) {
      if (S->Kind == StmtKind::Pop)
        return false;
      if (S->Kind != StmtKind::Push)
        continue;
      const Variable *V = savedScalar(*S);
      if (!V)
        return false;
      Pushed[S->Tape.get()].push_back(V);
    }
    for (const StmtPtr &S : Body) {
      if (S->Kind == StmtKind::Push)
        return false;
      if (S->Kind != StmtKind::Pop)
        continue;
      const Variable *V = restoredScalar(*S);
      if (!V)
        return false;
      Popped[S->Tape.get()].push_back(V);
    }
    for (auto &[Tape, Vars] : Pushed) {
      std::vector<const Variable *> Undone = Popped[Tape];
      std::reverse(Undone.begin(), Undone.end());
      if (Undone != Vars)
        return false;
    }
    for (auto &[Tape, Vars] : Popped)
      if (!Pushed.count(Tape))
        return false;
    VariableSet Scalars;
    for (auto &[Tape, Vars] : Pushed)
      Scalars.insert(Vars.begin(), Vars.end());
    auto isSaveOrRestore = [&Scalars](const StmtPtr &S) {
      const Variable *V = S->Kind == StmtKind::Push  ? savedScalar(*S)
                          : S->Kind == StmtKind::Pop ? restoredScalar(*S)
                                                     : nullptr;
      return V && Scalars.count(V);
    };
    Block Forward, Adjoint;
    for (StmtPtr &S : FwdBody)
      if (!isSaveOrRestore(S))
        Forward.push_back(clone(*S));
    for (const Variable *V : Scalars) {
      if (Outside.count(V) || !assignedBeforeRead(Forward, V))
        return false;
      // The adjoint reads v only before it is restored.
      bool Restored = false;
      for (const StmtPtr &S : Body) {
        if (S->Kind == StmtKind::Pop && restoredScalar(*S) == V) {
          Restored = true;
          continue;
        }
        VariableSet Reads;
        readsOf(*S, Reads);
        if (Restored && Reads.count(V))
          return false;
      }
    }
    for (StmtPtr &S : Body)
      if (!isSaveOrRestore(S))
        Adjoint.push_back(std::move(S));
    FwdBody = std::move(Forward);
    Body = std::move(Adjoint);
    Saved.insert(Scalars.begin(), Scalars.end());
    return true;
  }

  /// Saves in loops nested in the body: `T.push(v)` or `T.push(A[c])` in an
  /// inner loop of the forward half, restored in its adjoint loop. They
  /// restore, for the adjoint of the iteration before, the values this
  /// iteration overwrote; once the halves run together that iteration's
  /// adjoint has already run. So they can go, for a variable nothing
  /// outside the loop reads, when
  ///  - a local array A: every iteration writes all of A before reading it
  ///    (writtenWholeBeforeRead), and the adjoint reads A only before the
  ///    loop that restores it, or in that loop as the very element it is
  ///    about to restore; A joins `Saved`;
  ///  - a scalar v: the adjoint does not read v from the loop that restores
  ///    it until it sets v again (usually the restore, at the top of the
  ///    body, of the value from before the iteration).
  /// A scalar whose restores the adjoint does read (an exp kept for the
  /// reverse loop of a log-sum-exp) keeps its saves, which are then paired
  /// within each iteration: its adjoint half pops what its forward half
  /// pushed. They leave v as it was before the iteration's inner loop, so
  /// the next forward half must set v before reading it; such v join
  /// `Saved` and `Kept`.
  /// Removing every nested save and every nested restore of a variable
  /// keeps each tape's other pushes and pops paired: the adjoint restores
  /// exactly what the loop it mirrors saved.
  bool dropNestedSaves(Block &FwdBody, Block &Body, const VariableSet &Outside,
                       VariableSet &Saved, VariableSet &Kept) {
    VariableSet SavedInLoops, RestoredInLoops;
    bool Simple = true;
    auto note = [&](const Block &B, StmtKind Kind, VariableSet &Out) {
      for (const StmtPtr &Top : B)
        for (const Block *Child : {&Top->Init, &Top->Step, &Top->Then, &Top->Else})
          anyStatement(*Child, [&](const Stmt &S) {
            if (S.Kind != StmtKind::Push && S.Kind != StmtKind::Pop)
              return false;
            const Variable *V = S.Kind == StmtKind::Push ? savedScalar(S) : restoredScalar(S);
            if (!V)
              V = S.Kind == StmtKind::Push ? savedElementArray(S) : restoredElementArray(S);
            Simple &= S.Kind == Kind && V;
            if (V)
              Out.insert(V);
            return !Simple;
          });
    };
    note(FwdBody, StmtKind::Push, SavedInLoops);
    note(Body, StmtKind::Pop, RestoredInLoops);
    if (SavedInLoops.empty() && RestoredInLoops.empty())
      return true;
    if (!Simple || SavedInLoops != RestoredInLoops)
      return false;
    // Nested ones only: the top-level saves are dropSavesOfIterationValues'.
    auto without = [&](const VariableSet &Dropped, Block &Forward, Block &Adjoint) {
      auto isNestedSave = [&](const Stmt &S) {
        return (S.Kind == StmtKind::Push || S.Kind == StmtKind::Pop) &&
               Dropped.count(S.Kind == StmtKind::Push ? S.Value->Var.get()
                                                      : S.Target.Var.get());
      };
      for (const Block *B : {&FwdBody, &Body}) {
        Block &Out = B == &FwdBody ? Forward : Adjoint;
        for (const StmtPtr &S : *B) {
          StmtPtr C = clone(*S);
          for (Block *Child : {&C->Init, &C->Step, &C->Then, &C->Else})
            *Child = withoutStatements(*Child, isNestedSave);
          Out.push_back(std::move(C));
        }
      }
    };
    Block Forward, Adjoint;
    without(SavedInLoops, Forward, Adjoint);
    VariableSet Dropped;
    for (const Variable *V : SavedInLoops) {
      if (Outside.count(V))
        return false;
      if (!V->IsArray) {
        if (unreadAfterNestedRestores(Body, V)) {
          Dropped.insert(V);
          continue;
        }
        if (!setBeforeEveryRead(Forward, V))
          return false;
        Kept.insert(V);
        Saved.insert(V);
        continue;
      }
      const LocalArray *Local = localArray(V);
      if (!Local || !writtenWholeBeforeRead(Forward, *Local) || !readBeforeRestored(Body, V))
        return false;
      Dropped.insert(V);
      Saved.insert(V);
    }
    // The checks above read the halves without any nested save; the kept
    // ones go back in.
    if (!Kept.empty()) {
      Forward.clear();
      Adjoint.clear();
      without(Dropped, Forward, Adjoint);
    }
    FwdBody = std::move(Forward);
    Body = std::move(Adjoint);
    return true;
  }

  /// True when the adjoint body `Body` does not read scalar V in the loops
  /// that restore it, nor after them until a top-level statement sets V.
  static bool unreadAfterNestedRestores(const Block &Body, const Variable *V) {
    bool Restored = false;
    for (const StmtPtr &Top : Body) {
      bool Restores = false;
      for (const Block *Child : {&Top->Init, &Top->Step, &Top->Then, &Top->Else})
        Restores |= anyStatement(*Child, [&](const Stmt &S) {
          return S.Kind == StmtKind::Pop && S.Target.Var.get() == V;
        });
      VariableSet R;
      readsOf(*Top, R);
      if ((Restored || Restores) && R.count(V))
        return false;
      Restored |= Restores;
      bool Sets =
          (Top->Kind == StmtKind::Pop || (Top->Kind == StmtKind::Assign && !Top->IsCompound)) &&
          !Top->Target.Index && Top->Target.Var.get() == V;
      if (Sets)
        Restored = false;
    }
    return true;
  }

  /// True when the adjoint body `Body` reads array A only before the loop
  /// that restores it, and in that loop only as `A[c]` before `A[c] =
  /// pop()`, where the loop steps c by one per iteration (so no element is
  /// restored twice, and each read is of an element not yet restored).
  static bool readBeforeRestored(const Block &Body, const Variable *A) {
    auto IsRestore = [&](const Stmt &S) {
      return S.Kind == StmtKind::Pop && S.Target.Var.get() == A;
    };
    bool Restoring = false;
    for (const StmtPtr &Top : Body) {
      bool HasRestore = false;
      for (const Block *Child : {&Top->Init, &Top->Step, &Top->Then, &Top->Else})
        HasRestore |= anyStatement(*Child, IsRestore);
      if (!HasRestore) {
        VariableSet R;
        readsOf(*Top, R);
        if (Restoring && R.count(A))
          return false;
        continue;
      }
      // One restoring statement: a loop with one restore at the top of its
      // body, indexed by a counter the body steps by one before it.
      if (Restoring || Top->Kind != StmtKind::For)
        return false;
      Restoring = true;
      VariableSet HeaderReads, HeaderWrites;
      readsOf(Top->Value, HeaderReads);
      for (const Block *Header : {&Top->Init, &Top->Step}) {
        for (const StmtPtr &S : *Header)
          readsOf(*S, HeaderReads);
        collectAssigned(*Header, HeaderWrites);
      }
      if (HeaderReads.count(A))
        return false;
      const Stmt *Restore = nullptr;
      const ExprRef RestoredIndex = findRestore(Top->Then, A);
      const Variable *Counter = nullptr;
      bool Stepped = false;
      for (const StmtPtr &S : Top->Then) {
        if (IsRestore(*S)) {
          if (Restore || !Stepped || S->Target.Index->Kind != ExprKind::VarUse ||
              S->Target.Index->Var.get() != Counter)
            return false;
          Restore = S.get();
          continue;
        }
        for (const Block *Child : {&S->Init, &S->Step, &S->Then, &S->Else})
          if (anyStatement(*Child, IsRestore))
            return false;
        VariableSet W;
        collectAssigned(*S, W);
        if (const Variable *C = stepsByOne(*S); C && !Stepped && !HeaderWrites.count(C)) {
          Counter = C;
          Stepped = true;
        } else if (Counter && W.count(Counter)) {
          return false;
        }
        VariableSet R;
        readsOf(*S, R);
        if (R.count(A) && (Restore || !Counter || !RestoredIndex ||
                           !readsOnlyElement(*S, A, RestoredIndex)))
          return false;
      }
      if (!Restore)
        return false;
    }
    return true;
  }

  /// The int scalar `S` steps by one (`++c`, `--c`, `c += 1`, `c -= 1`),
  /// or null.
  static const Variable *stepsByOne(const Stmt &S) {
    if (S.Kind != StmtKind::Assign || !S.IsCompound || S.Target.Index ||
        (S.Op != OpCode::Add && S.Op != OpCode::Sub) || S.Target.Var->Kind != ScalarKind::Int ||
        S.Value->Kind != ExprKind::IntConst ||
        (S.Value->IntValue != 1 && S.Value->IntValue != -1))
      return nullptr;
    return S.Target.Var.get();
  }

  /// The index of the top-level `A[i] = T.pop()` in `B`.
  static ExprRef findRestore(const Block &B, const Variable *A) {
    for (const StmtPtr &S : B)
      if (S->Kind == StmtKind::Pop && S->Target.Var.get() == A)
        return S->Target.Index;
    return nullptr;
  }

  /// A copy of `B` without the statements, nested ones too, that `Drop`
  /// holds for.
  template <typename Predicate> static Block withoutStatements(const Block &B, Predicate Drop) {
    Block Out;
    for (const StmtPtr &S : B) {
      if (Drop(*S))
        continue;
      StmtPtr C = clone(*S);
      for (Block *Child : {&C->Init, &C->Step, &C->Then, &C->Else})
        *Child = withoutStatements(*Child, Drop);
      Out.push_back(std::move(C));
    }
    return Out;
  }

  const LocalArray *localArray(const Variable *V, bool AsAdjoint = false) const {
    for (const LocalArray &L : Arrays)
      if ((AsAdjoint ? L.Adjoint : L.Primal) == V)
        return &L;
    return nullptr;
  }

  /// `v = e` whose value `Body` (one iteration) already left in v: the same
  /// top-level assignment, with neither v nor what e reads written after it.
  static bool stillHolds(const Stmt &S, const Block &Body) {
    if (S.Kind != StmtKind::Assign || S.IsCompound || S.Target.Index)
      return false;
    VariableSet Inputs;
    readsOf(S.Value, Inputs);
    Inputs.insert(S.Target.Var.get());
    for (auto It = Body.rbegin(); It != Body.rend(); ++It) {
      const Stmt &B = **It;
      if (B.Kind == StmtKind::Assign && !B.IsCompound && !B.Target.Index &&
          B.Target.Var == S.Target.Var)
        return sameExpr(B.Value, S.Value) && !reads(S.Value, S.Target.Var.get());
      VariableSet Writes;
      collectAssigned(B, Writes);
      if (intersects(Writes, Inputs))
        return false;
    }
    return false;
  }

  Block &Fwd;
  Block &Rev;
  const std::vector<LocalArray> &Arrays;
};

} // namespace

void fuseLoopSweeps(Block &Fwd, Block &Rev, const std::vector<LocalArray> &Arrays) {
  LoopFuser(Fwd, Rev, Arrays).run();
}

} // namespace hessc
