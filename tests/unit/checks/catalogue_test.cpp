// The findings catalogue: stable, unique, well-formed ids, and every entry says what is wrong,
// why it matters and how to fix it (the text users read in every report).
#include "mxray/checks/catalogue.hpp"

#include <gtest/gtest.h>

#include <regex>
#include <set>
#include <stdexcept>
#include <string>

namespace mxray::checks {
namespace {

TEST(Catalogue, IsNotEmpty) { EXPECT_GE(catalogue().size(), 30u); }

TEST(Catalogue, IdsAreUniqueAndWellFormed) {
  const std::regex kId(R"(^[a-z]+\.[a-z0-9_]+$)");
  std::set<std::string> seen;
  for (const auto& d : catalogue()) {
    const std::string id(d.id);
    EXPECT_TRUE(std::regex_match(id, kId)) << id;
    EXPECT_TRUE(seen.insert(id).second) << "duplicate id " << id;
  }
}

TEST(Catalogue, EveryEntryHasTitleExplanationAndFix) {
  for (const auto& d : catalogue()) {
    EXPECT_FALSE(d.title.empty()) << d.id;
    EXPECT_FALSE(d.explanation.empty()) << d.id;
    EXPECT_FALSE(d.fix.empty()) << d.id;
  }
}

TEST(Catalogue, DefinitionFindsEveryEntry) {
  for (const auto& d : catalogue()) {
    EXPECT_EQ(&definition(d.id), &d) << d.id;
  }
  EXPECT_EQ(definition("relay.open").severity, Severity::critical);
  EXPECT_EQ(definition("tls.ok").severity, Severity::ok);
}

TEST(Catalogue, DefinitionThrowsForUnknownId) {
  EXPECT_THROW(definition("no.such_finding"), std::out_of_range);
  EXPECT_THROW(definition(""), std::out_of_range);
}

}  // namespace
}  // namespace mxray::checks
