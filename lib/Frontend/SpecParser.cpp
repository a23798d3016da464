//===- SpecParser.cpp - Parse the HESSC_DIFF spec string -------------------===//

#include "Frontend/SpecParser.h"

#include <cctype>

namespace hessc {

namespace {

class SpecParser {
public:
  SpecParser(std::string_view Text, const LengthNameResolver &Resolve,
             SpecError &Error)
      : Text(Text), Resolve(Resolve), Error(Error) {}

  std::optional<std::vector<SpecEntry>> parse() {
    std::vector<SpecEntry> Entries;
    skipSpace();
    if (atEnd())
      return Entries;
    while (true) {
      SpecEntry Entry;
      if (!parseEntry(Entry))
        return std::nullopt;
      Entries.push_back(std::move(Entry));
      skipSpace();
      if (atEnd())
        return Entries;
      if (!expect(','))
        return std::nullopt;
    }
  }

private:
  bool atEnd() const { return Pos >= Text.size(); }
  char peek() const { return atEnd() ? '\0' : Text[Pos]; }

  void skipSpace() {
    while (!atEnd() && std::isspace(static_cast<unsigned char>(Text[Pos])))
      ++Pos;
  }

  bool fail(std::string Message) {
    Error.Message = std::move(Message);
    Error.Offset = static_cast<unsigned>(Pos);
    return false;
  }

  bool expect(char C) {
    skipSpace();
    if (peek() == C) {
      ++Pos;
      return true;
    }
    std::string Found = atEnd() ? "end of spec" : std::string("'") + peek() + "'";
    return fail(std::string("expected '") + C + "', found " + Found);
  }

  bool parseIdentifier(std::string &Name) {
    skipSpace();
    if (!(std::isalpha(static_cast<unsigned char>(peek())) || peek() == '_'))
      return fail("expected a parameter name");
    size_t Start = Pos;
    while (std::isalnum(static_cast<unsigned char>(peek())) || peek() == '_')
      ++Pos;
    Name = std::string(Text.substr(Start, Pos - Start));
    return true;
  }

  bool parseEntry(SpecEntry &Entry) {
    skipSpace();
    Entry.NameOffset = static_cast<unsigned>(Pos);
    if (!parseIdentifier(Entry.Name))
      return false;
    skipSpace();
    if (peek() != '[')
      return true;
    ++Pos;
    Entry.HasLength = true;
    CurrentArray = Entry.Name;
    Entry.Length = parseSum();
    return Entry.Length && expect(']');
  }

  // length := product (('+' | '-') product)*
  ir::ExprRef parseSum() {
    ir::ExprRef LHS = parseProduct();
    while (LHS) {
      skipSpace();
      char C = peek();
      if (C != '+' && C != '-')
        return LHS;
      ++Pos;
      ir::ExprRef RHS = parseProduct();
      if (!RHS)
        return nullptr;
      LHS = ir::binary(C == '+' ? ir::OpCode::Add : ir::OpCode::Sub, LHS, RHS);
    }
    return nullptr;
  }

  // product := primary (('*' | '/') primary)*
  ir::ExprRef parseProduct() {
    ir::ExprRef LHS = parsePrimary();
    while (LHS) {
      skipSpace();
      char C = peek();
      if (C != '*' && C != '/')
        return LHS;
      ++Pos;
      ir::ExprRef RHS = parsePrimary();
      if (!RHS)
        return nullptr;
      LHS = ir::binary(C == '*' ? ir::OpCode::Mul : ir::OpCode::Div, LHS, RHS);
    }
    return nullptr;
  }

  // primary := integer | name | '(' length ')'
  ir::ExprRef parsePrimary() {
    skipSpace();
    if (std::isdigit(static_cast<unsigned char>(peek()))) {
      long long Value = 0;
      while (std::isdigit(static_cast<unsigned char>(peek())))
        Value = 10 * Value + (Text[Pos++] - '0');
      return ir::intConst(Value);
    }
    if (peek() == '(') {
      ++Pos;
      ir::ExprRef Inner = parseSum();
      if (!Inner || !expect(')'))
        return nullptr;
      return Inner;
    }
    unsigned Offset = static_cast<unsigned>(Pos);
    std::string Name;
    if (!parseIdentifier(Name)) {
      fail("expected an integer, a parameter name or '(' in a length");
      return nullptr;
    }
    ir::ExprRef Resolved = Resolve(CurrentArray, Name, Offset);
    if (!Resolved)
      Error.Message.clear();
    return Resolved;
  }

  std::string_view Text;
  const LengthNameResolver &Resolve;
  SpecError &Error;
  size_t Pos = 0;
  std::string CurrentArray; ///< The entry whose length is being parsed.
};

} // namespace

std::optional<std::vector<SpecEntry>>
parseSpec(std::string_view Spec, const LengthNameResolver &Resolve,
          SpecError &Error) {
  return SpecParser(Spec, Resolve, Error).parse();
}

} // namespace hessc
