// See plural.hpp. A recursive-descent evaluator of gettext's C subset: n, decimal numbers,
// ( ), ! * / % + - < > <= >= == != && || ?: ; division by zero gives 0, nesting is capped.
#include "mxray/i18n/plural.hpp"

#include <cctype>

namespace mxray::i18n {
namespace {

constexpr int kMaxDepth = 64;
constexpr std::size_t kMaxExpression = 512;

class Evaluator {
 public:
  Evaluator(std::string_view text, unsigned long long n) : text_(text), n_(n) {}

  // The value of the whole text; nullopt when it is not a valid expression.
  std::optional<unsigned long long> run() {
    const auto v = ternary(0);
    skip();
    if (!ok_ || at_ != text_.size()) return std::nullopt;
    return v;
  }

 private:
  void skip() {
    while (at_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[at_]))) ++at_;
  }
  bool eat(std::string_view token) {
    skip();
    if (text_.substr(at_, token.size()) != token) return false;
    // "<" must not take the first half of "<=", "!" not of "!=", "=" alone is no operator.
    if (token.size() == 1 && at_ + 1 < text_.size() && text_[at_ + 1] == '=' &&
        (token == "<" || token == ">" || token == "!")) {
      return false;
    }
    at_ += token.size();
    return true;
  }
  unsigned long long fail() {
    ok_ = false;
    return 0;
  }

  unsigned long long ternary(int depth) {
    if (depth > kMaxDepth) return fail();
    const auto condition = logical_or(depth + 1);
    if (!eat("?")) return condition;
    const auto yes = ternary(depth + 1);
    if (!eat(":")) return fail();
    const auto no = ternary(depth + 1);
    return condition != 0 ? yes : no;
  }
  unsigned long long logical_or(int depth) {
    auto v = logical_and(depth);
    while (ok_ && eat("||")) {
      const auto r = logical_and(depth);
      v = (v != 0 || r != 0) ? 1 : 0;
    }
    return v;
  }
  unsigned long long logical_and(int depth) {
    auto v = equality(depth);
    while (ok_ && eat("&&")) {
      const auto r = equality(depth);
      v = (v != 0 && r != 0) ? 1 : 0;
    }
    return v;
  }
  unsigned long long equality(int depth) {
    auto v = relation(depth);
    for (;;) {
      if (eat("==")) {
        v = v == relation(depth) ? 1 : 0;
      } else if (eat("!=")) {
        v = v != relation(depth) ? 1 : 0;
      } else {
        return v;
      }
    }
  }
  unsigned long long relation(int depth) {
    auto v = additive(depth);
    for (;;) {
      if (eat("<=")) {
        v = v <= additive(depth) ? 1 : 0;
      } else if (eat(">=")) {
        v = v >= additive(depth) ? 1 : 0;
      } else if (eat("<")) {
        v = v < additive(depth) ? 1 : 0;
      } else if (eat(">")) {
        v = v > additive(depth) ? 1 : 0;
      } else {
        return v;
      }
    }
  }
  unsigned long long additive(int depth) {
    auto v = multiplicative(depth);
    for (;;) {
      if (eat("+")) {
        v += multiplicative(depth);
      } else if (eat("-")) {
        v -= multiplicative(depth);
      } else {
        return v;
      }
    }
  }
  unsigned long long multiplicative(int depth) {
    auto v = unary(depth);
    for (;;) {
      if (eat("*")) {
        v *= unary(depth);
      } else if (eat("/")) {
        const auto d = unary(depth);
        v = d == 0 ? 0 : v / d;
      } else if (eat("%")) {
        const auto d = unary(depth);
        v = d == 0 ? 0 : v % d;
      } else {
        return v;
      }
    }
  }
  unsigned long long unary(int depth) {
    if (depth > kMaxDepth) return fail();
    if (eat("!")) return unary(depth + 1) == 0 ? 1 : 0;
    return primary(depth + 1);
  }
  unsigned long long primary(int depth) {
    if (eat("(")) {
      const auto v = ternary(depth + 1);
      if (!eat(")")) return fail();
      return v;
    }
    skip();
    if (at_ < text_.size() && text_[at_] == 'n') {
      ++at_;
      return n_;
    }
    if (at_ >= text_.size() || !std::isdigit(static_cast<unsigned char>(text_[at_]))) return fail();
    unsigned long long v = 0;
    while (at_ < text_.size() && std::isdigit(static_cast<unsigned char>(text_[at_]))) {
      v = v * 10 + static_cast<unsigned long long>(text_[at_++] - '0');
    }
    return v;
  }

  std::string_view text_;
  unsigned long long n_;
  std::size_t at_ = 0;
  bool ok_ = true;
};

// The value after "name=" in "nplurals=2; plural=(n > 1);", up to the next ';'.
std::optional<std::string_view> field(std::string_view text, std::string_view name) {
  std::size_t from = 0;
  while ((from = text.find(name, from)) != std::string_view::npos) {
    const bool starts_word = from == 0 || !std::isalpha(static_cast<unsigned char>(text[from - 1]));
    auto rest = text.substr(from + name.size());
    while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
    if (starts_word && !rest.empty() && rest.front() == '=') {
      rest.remove_prefix(1);
      return rest.substr(0, rest.find_first_of(";\n"));
    }
    from += name.size();
  }
  return std::nullopt;
}

}  // namespace

std::optional<PluralRule> PluralRule::from_header(std::string_view header) {
  if (const auto line = header.find("Plural-Forms:"); line != std::string_view::npos) {
    header = header.substr(line + 13);
    header = header.substr(0, header.find('\n'));
  }
  const auto count = field(header, "nplurals");
  const auto expression = field(header, "plural");
  if (!count || !expression || expression->size() > kMaxExpression) return std::nullopt;
  PluralRule rule;
  rule.nplurals_ = 0;
  for (const char c : *count) {
    if (c == ' ') continue;
    if (!std::isdigit(static_cast<unsigned char>(c)) || rule.nplurals_ > 100) return std::nullopt;
    rule.nplurals_ = rule.nplurals_ * 10 + static_cast<unsigned long>(c - '0');
  }
  if (rule.nplurals_ == 0) return std::nullopt;
  rule.expression_ = std::string(*expression);
  if (!Evaluator(rule.expression_, 1).run()) return std::nullopt;
  return rule;
}

unsigned long PluralRule::form(unsigned long long n) const {
  const auto v = Evaluator(expression_, n).run();
  // An index past the last form (a catalogue bug) falls back to the first, as gettext does.
  return v && *v < nplurals_ ? static_cast<unsigned long>(*v) : 0;
}

}  // namespace mxray::i18n
