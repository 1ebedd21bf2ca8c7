// Integration: the reports of the lab's domains in fr, de, es and it hold no English sentence
// of mxray's own catalogue. Each domain is checked once (`check --lang fr --json`), then judged
// again from that report in every language, as JSON and as text. Text the servers sent (every
// string of the evidence: banners, replies, names) is taken out before looking, and so is any
// English fragment a translation keeps on purpose (it occurs in that language's catalogue).
#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "lab_client.hpp"

namespace mxray::testing {
namespace {

using nlohmann::json;

// The body of a one-line .po string, unescaped.
std::string po_string(const std::string& line) {
  const auto open = line.find('"');
  const auto close = line.rfind('"');
  if (open == std::string::npos || close <= open) return {};
  std::string out;
  for (std::size_t i = open + 1; i < close; ++i) {
    if (line[i] == '\\' && i + 1 < close) {
      const char c = line[++i];
      out += c == 'n' ? '\n' : c == 't' ? '\t' : c;
    } else {
      out += line[i];
    }
  }
  return out;
}

std::string read(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Runs of at least four words of a msgid: the text between placeholders, `commands` and
// "quoted snippets" (those stay the same in every language).
std::vector<std::string> fragments(const std::string& msgid) {
  std::vector<std::string> out;
  std::string current;
  auto flush = [&] {
    std::size_t words = 0;
    std::istringstream in(current);
    for (std::string w; in >> w;) ++words;
    const auto first = current.find_first_not_of(" ,;:.()\n");
    const auto last = current.find_last_not_of(" ,;:.()\n");
    if (words >= 4 && first != std::string::npos) out.push_back(current.substr(first, last - first + 1));
    current.clear();
  };
  for (std::size_t i = 0; i < msgid.size(); ++i) {
    const char c = msgid[i];
    const char close = c == '{' ? '}' : c == '`' ? '`' : c == '"' ? '"' : '\0';
    if (close != '\0') {
      const auto end = msgid.find(close, i + 1);
      if (end != std::string::npos) {
        flush();
        i = end;
        continue;
      }
    }
    if (c == '\n') {
      flush();
      continue;
    }
    current += c;
  }
  flush();
  return out;
}

struct Catalogue {
  std::vector<std::string> english_fragments;       // of every msgid and msgid_plural
  std::map<std::string, std::string> translations;  // lang -> every msgstr, joined
};

const Catalogue& catalogue() {
  static const Catalogue c = [] {
    Catalogue c;
    std::set<std::string> seen;
    std::istringstream pot(read(std::string(MXRAY_SOURCE_DIR) + "/po/mxray.pot"));
    for (std::string line; std::getline(pot, line);) {
      if (line.rfind("msgid ", 0) != 0 && line.rfind("msgid_plural ", 0) != 0) continue;
      for (auto& f : fragments(po_string(line))) {
        if (seen.insert(f).second) c.english_fragments.push_back(f);
      }
    }
    for (const auto* lang : {"fr", "de", "es", "it"}) {
      std::istringstream po(read(std::string(MXRAY_SOURCE_DIR) + "/po/" + lang + ".po"));
      auto& all = c.translations[lang];
      for (std::string line; std::getline(po, line);) {
        if (line.rfind("msgstr", 0) == 0) all += po_string(line) + "\n";
      }
    }
    return c;
  }();
  return c;
}

// Every string of the evidence (everything but the findings, which are mxray's own text),
// longest first so that a long server text goes before a shorter one inside it.
std::vector<std::string> evidence_strings(const json& report) {
  std::vector<std::string> out;
  auto walk = [&](auto&& self, const json& j) -> void {
    if (j.is_string()) {
      const auto s = j.get<std::string>();
      if (s.size() >= 4) out.push_back(s);
    } else if (j.is_array() || j.is_object()) {
      for (const auto& [key, value] : j.items()) {
        if (key == "findings" && j.is_object()) continue;
        self(self, value);
      }
    }
  };
  walk(walk, report);
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
  return out;
}

// `text` without the servers' own words.
std::string without(std::string text, const std::vector<std::string>& server_text) {
  for (const auto& s : server_text) {
    for (auto at = text.find(s); at != std::string::npos; at = text.find(s, at)) text.replace(at, s.size(), "\x01");
  }
  return text;
}

// The English fragments left in `text`, one a line.
std::string english_in(const std::string& text, const std::string& lang) {
  std::string found;
  const auto& c = catalogue();
  static const std::string none;
  const auto it = c.translations.find(lang);
  const auto& kept = it == c.translations.end() ? none : it->second;
  for (const auto& f : c.english_fragments) {
    if (text.find(f) != std::string::npos && kept.find(f) == std::string::npos) found += "    \"" + f + "\"\n";
  }
  return found;
}

// The mxray's-own text of a JSON report: the findings and the labels, without the evidence.
std::string own_text(const json& report) {
  std::string out;
  for (const auto& f : report["findings"]) {
    for (const auto* key : {"title", "detail", "explanation", "fix"}) out += f[key].get<std::string>() + "\n";
  }
  return out;
}

struct Domain {
  std::string name;
  std::vector<std::string> extra;
};

void PrintTo(const Domain& d, std::ostream* os) { *os << d.name; }

class ReportsInEveryLanguage : public ::testing::TestWithParam<Domain> {};

TEST_P(ReportsInEveryLanguage, HoldNoEnglishSentenceOfTheCatalogue) {
  ASSERT_GT(catalogue().english_fragments.size(), 500u) << "po/mxray.pot not read";
  const auto& d = GetParam();
  auto extra = d.extra;
  extra.insert(extra.end(), {"--lang", "fr"});
  const auto checked = check_lab(d.name, extra);
  ASSERT_FALSE(checked.json.is_null()) << checked.err;
  const auto dir = std::filesystem::temp_directory_path() / ("mxray-lang-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto file = (dir / (d.name + ".json")).string();
  std::ofstream(file) << checked.out;
  const auto server_text = evidence_strings(checked.json);
  // The control: the English report is found to be English (the search works on this domain).
  const auto english = run_mxray({"judge", file, "--lang", "en", "--color", "never"});
  EXPECT_FALSE(english_in(without(english.out, server_text), "en").empty()) << english.out;
  for (const auto* lang : {"fr", "de", "es", "it"}) {
    const auto as_json = run_mxray({"judge", file, "--json", "--lang", lang});
    ASSERT_FALSE(as_json.json.is_null()) << lang << ": " << as_json.err;
    EXPECT_EQ(as_json.json["language"], lang);
    const auto in_json = english_in(without(own_text(as_json.json), server_text), lang);
    EXPECT_TRUE(in_json.empty()) << d.name << " --lang " << lang << " --json: English in the findings:\n" << in_json;
    const auto as_text = run_mxray({"judge", file, "--lang", lang, "--color", "never"});
    EXPECT_FALSE(as_text.out.empty()) << lang << ": " << as_text.err;
    const auto in_text = english_in(without(as_text.out, server_text), lang);
    EXPECT_TRUE(in_text.empty()) << d.name << " --lang " << lang << " (text): English in the report:\n" << in_text;
  }
  std::filesystem::remove_all(dir);
}

// The lab's scenarios whose checks end in seconds (the slow and silent ones are covered by
// their own tests and add nothing here but time).
const std::vector<Domain> kDomains{
    {"good.test", {}},
    {"expired.test", {}},
    {"expiring.test", {}},
    {"mismatch.test", {}},
    {"selfsigned.test", {}},
    {"nochain.test", {}},
    {"notyet.test", {}},
    {"nostarttls.test", {}},
    {"brokentls.test", {}},
    {"oldtls.test", {}},
    {"openrelay.test", {}},
    {"vrfy.test", {}},
    {"busy.test", {}},
    {"greylist.test", {}},
    {"multiline.test", {}},
    {"noehlo.test", {}},
    {"garbage.test", {}},
    {"auth.test", {}},
    {"backup.test", {}},
    {"twomx.test", {}},
    {"nullmx.test", {}},
    {"noaddr.test", {}},
    {"cname.test", {}},
    {"dane-bogus.test", {"--no-relay-test"}},
    {"dane-mismatch.test", {"--no-relay-test"}},
    {"dane-unsigned.test", {"--no-relay-test"}},
    {"dane-expired.test", {"--no-relay-test"}},
    {"dane-combos.test", {"--no-relay-test"}},
    {"sts-enforce.test", {"--no-relay-test"}},
    {"sts-testing.test", {"--no-relay-test"}},
    {"sts-none.test", {"--no-relay-test"}},
    {"sts-unlisted.test", {"--no-relay-test"}},
    {"sts-badcert.test", {"--no-relay-test"}},
    {"sts-badtxt.test", {"--no-relay-test"}},
    {"sts-twotxt.test", {"--no-relay-test"}},
    {"sts-malformed.test", {"--no-relay-test"}},
    {"sts-notxt.test", {"--no-relay-test"}},
    {"sts-redirect.test", {"--no-relay-test"}},
    {"sts-dane.test", {"--no-relay-test"}},
    {"screen1.frontends.test", {}},
    {"grey.frontends.test", {}},
    {"onesession.frontends.test", {}},
    {"postfix.test", {"-4"}},
    {"submit.test", {"--no-relay-test", "--submission"}},
};

std::string test_name(const ::testing::TestParamInfo<Domain>& info) {
  std::string name;
  for (const char c : info.param.name) name += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  return name;
}

INSTANTIATE_TEST_SUITE_P(Lab, ReportsInEveryLanguage, ::testing::ValuesIn(kDomains), test_name);

}  // namespace
}  // namespace mxray::testing
