// The plural rule of a gettext catalogue: its header's Plural-Forms line ("nplurals=2;
// plural=(n > 1);"), a C expression over n (gettext manual, "Plural forms"). The header comes
// from the embedded catalogues (trusted, but still read with bounds: depth and length caps).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace mxray::i18n {

/// How many forms a catalogue has and which one a count takes.
class PluralRule {
 public:
  /// English's rule: two forms, singular for exactly one.
  PluralRule() = default;

  /// The rule of a .po/.mo header (the whole header text, or just its Plural-Forms value);
  /// nullopt when it has no readable Plural-Forms.
  static std::optional<PluralRule> from_header(std::string_view header);

  /// The index of the form `n` takes, in [0, nplurals).
  [[nodiscard]] unsigned long form(unsigned long long n) const;
  [[nodiscard]] unsigned long nplurals() const { return nplurals_; }

 private:
  unsigned long nplurals_ = 2;
  std::string expression_ = "n != 1";
};

}  // namespace mxray::i18n
