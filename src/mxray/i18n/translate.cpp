// See translate.hpp. The .mo reader checks every offset against the embedded data's size.
#include "mxray/i18n/translate.hpp"

#include <array>
#include <cctype>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <map>
#include <unordered_map>

#include "mxray/i18n/embedded_catalogues.hpp"
#include "mxray/i18n/plural.hpp"

namespace mxray::i18n {
namespace {

constexpr std::array<std::string_view, 5> kLanguages{"en", "fr", "de", "es", "it"};

using Table = std::unordered_map<std::string, std::string>;

// One language's catalogue: plain entries, plural entries (msgid -> msgstr[0..]) and the rule
// that picks a form.
struct Catalogue {
  Table singles;
  std::unordered_map<std::string, std::vector<std::string>> plurals;
  PluralRule rule;
};

std::uint32_t read32(std::span<const unsigned char> data, std::size_t at, bool swap) {
  if (at + 4 > data.size()) return 0;
  std::uint32_t v = 0;
  std::memcpy(&v, data.data() + at, 4);
  return swap ? __builtin_bswap32(v) : v;
}

// The parts of a NUL-separated .mo string ("singular\0plural", "form0\0form1").
std::vector<std::string> split_nul(const std::string& s) {
  std::vector<std::string> parts;
  std::size_t from = 0;
  for (;;) {
    const auto nul = s.find('\0', from);
    parts.push_back(s.substr(from, nul == std::string::npos ? std::string::npos : nul - from));
    if (nul == std::string::npos) return parts;
    from = nul + 1;
  }
}

// Parses a GNU .mo file (gettext manual, "The Format of GNU MO Files"). A plural entry's
// original is "msgid\0msgid_plural" and its translation "msgstr[0]\0msgstr[1]...".
Catalogue parse_mo(std::span<const unsigned char> data) {
  Catalogue catalogue;
  const std::uint32_t magic = read32(data, 0, false);
  bool swap = false;
  if (magic == 0xde120495u) {
    swap = true;
  } else if (magic != 0x950412deu) {
    return catalogue;
  }
  const std::uint32_t count = read32(data, 8, swap);
  const std::uint32_t originals = read32(data, 12, swap);
  const std::uint32_t translations = read32(data, 16, swap);
  auto string_at = [&](std::uint32_t table_offset, std::uint32_t i, std::string& out) {
    const std::size_t entry = static_cast<std::size_t>(table_offset) + 8u * i;
    const std::uint32_t length = read32(data, entry, swap);
    const std::uint32_t offset = read32(data, entry + 4, swap);
    if (entry + 8 > data.size() || static_cast<std::size_t>(offset) + length > data.size()) return false;
    out.assign(reinterpret_cast<const char*>(data.data()) + offset, length);
    return true;
  };
  for (std::uint32_t i = 0; i < count; ++i) {
    std::string id, text;
    if (!string_at(originals, i, id) || !string_at(translations, i, text)) break;
    if (id.empty()) {  // the header
      if (auto rule = PluralRule::from_header(text)) catalogue.rule = *rule;
      continue;
    }
    if (text.empty()) continue;  // untranslated
    if (const auto nul = id.find('\0'); nul != std::string::npos) {
      auto forms = split_nul(text);
      catalogue.singles.emplace(id.substr(0, nul), forms.front());
      catalogue.plurals.emplace(id.substr(0, nul), std::move(forms));
      continue;
    }
    catalogue.singles.emplace(std::move(id), std::move(text));
  }
  return catalogue;
}

const Catalogue* catalogue_for(std::string_view lang) {
  static const std::map<std::string, Catalogue, std::less<>> catalogues = [] {
    std::map<std::string, Catalogue, std::less<>> t;
    for (const auto& c : embedded_catalogues()) t.emplace(c.language, parse_mo(c.mo));
    return t;
  }();
  const auto it = catalogues.find(lang);
  return it == catalogues.end() ? nullptr : &it->second;
}

// `text` with each {name} replaced by its value from `args`; unknown names stay as written.
std::string substitute(std::string_view text, const Args& args) {
  std::string out;
  out.reserve(text.size() + 32);
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] == '{') {
      const auto close = text.find('}', i);
      if (close != std::string_view::npos) {
        const auto name = text.substr(i + 1, close - i - 1);
        bool replaced = false;
        for (const auto& [key, value] : args) {
          if (key == name) {
            out += value;
            replaced = true;
            break;
          }
        }
        if (replaced) {
          i = close + 1;
          continue;
        }
      }
    }
    out += text[i++];
  }
  return out;
}

}  // namespace

std::span<const std::string_view> languages() { return kLanguages; }

namespace {

// The q-value of one Accept-Language item ("fr;q=0.8" -> 0.8; none -> 1; unreadable -> 0),
// in thousandths (RFC 9110 12.4.2: at most three decimals).
int q_value(std::string_view item) {
  const auto semi = item.find(';');
  if (semi == std::string_view::npos) return 1000;
  auto param = item.substr(semi + 1);
  while (!param.empty() && param.front() == ' ') param.remove_prefix(1);
  if (param.size() < 3 || (param[0] != 'q' && param[0] != 'Q') || param[1] != '=') return 0;
  param.remove_prefix(2);
  if (param.front() == '1') return 1000;
  if (param.front() != '0') return 0;
  int q = 0;
  int scale = 100;
  for (std::size_t i = 2; i < param.size() && i < 5 && std::isdigit(static_cast<unsigned char>(param[i])); ++i) {
    q += (param[i] - '0') * scale;
    scale /= 10;
  }
  return param.size() > 1 && param[1] != '.' ? 0 : q;
}

}  // namespace

std::string pick_language(std::string_view preference) {
  // The supported language with the highest q-value (RFC 9110 12.5.4); among equal ones the
  // first listed. q=0 means "not this one". Colons separate the list of $LANGUAGE.
  std::string best = "en";
  int best_q = 0;
  std::size_t start = 0;
  while (start < preference.size()) {
    auto end = preference.find_first_of(",:", start);
    if (end == std::string_view::npos) end = preference.size();
    auto item = preference.substr(start, end - start);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    std::string code;
    for (const char c : item) {
      if (!std::isalpha(static_cast<unsigned char>(c))) break;
      code += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    const int q = q_value(item);
    for (const auto lang : kLanguages) {
      if (code == lang && q > best_q) {
        best = std::string(lang);
        best_q = q;
      }
    }
    start = end + 1;
  }
  return best;
}

std::string language_from_environment() {
  for (const char* name : {"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"}) {
    const char* value = std::getenv(name);
    if (value != nullptr && value[0] != '\0' && std::strcmp(value, "C") != 0 && std::strcmp(value, "POSIX") != 0) {
      return pick_language(value);
    }
  }
  return "en";
}

std::string_view tr(std::string_view lang, std::string_view msgid) {
  if (lang == "en" || msgid.empty()) return msgid;
  const Catalogue* catalogue = catalogue_for(lang);
  if (catalogue == nullptr) return msgid;
  const auto it = catalogue->singles.find(std::string(msgid));
  return it == catalogue->singles.end() ? msgid : std::string_view(it->second);
}

std::string trf(std::string_view lang, std::string_view msgid, const Args& args) {
  return substitute(tr(lang, msgid), args);
}

std::string trn(std::string_view lang, std::string_view singular, std::string_view plural, unsigned long long n,
                const Args& args) {
  const Catalogue* catalogue = lang == "en" ? nullptr : catalogue_for(lang);
  if (catalogue != nullptr) {
    const auto it = catalogue->plurals.find(std::string(singular));
    if (it != catalogue->plurals.end()) {
      const auto index = catalogue->rule.form(n);
      if (index < it->second.size() && !it->second[index].empty()) return substitute(it->second[index], args);
    }
  }
  // English, or no translation: gettext's fallback, the msgid for 1 and msgid_plural otherwise.
  return substitute(n == 1 ? singular : plural, args);
}

std::string render(std::string_view lang, const Message& message) {
  Args args = message.args;
  for (const auto& [name, part] : message.parts) args.emplace_back(name, render(lang, part));
  for (const auto& [name, number] : message.numbers) args.emplace_back(name, format(lang, number));
  if (!message.plural.empty()) return trn(lang, message.msgid, message.plural, message.count, args);
  return trf(lang, message.msgid, args);
}

std::vector<std::string> catalogue_ids(std::string_view lang) {
  std::vector<std::string> ids;
  if (const Catalogue* catalogue = catalogue_for(lang)) {
    for (const auto& [id, text] : catalogue->singles) ids.push_back(id);
  }
  return ids;
}

unsigned long plural_count(std::string_view lang) {
  const Catalogue* catalogue = lang == "en" ? nullptr : catalogue_for(lang);
  return catalogue == nullptr ? PluralRule().nplurals() : catalogue->rule.nplurals();
}

unsigned long plural_index(std::string_view lang, unsigned long long n) {
  const Catalogue* catalogue = lang == "en" ? nullptr : catalogue_for(lang);
  return catalogue == nullptr ? PluralRule().form(n) : catalogue->rule.form(n);
}

std::vector<std::string> plural_forms(std::string_view lang, std::string_view singular) {
  const Catalogue* catalogue = catalogue_for(lang);
  if (catalogue == nullptr) return {};
  const auto it = catalogue->plurals.find(std::string(singular));
  return it == catalogue->plurals.end() ? std::vector<std::string>{} : it->second;
}

}  // namespace mxray::i18n
