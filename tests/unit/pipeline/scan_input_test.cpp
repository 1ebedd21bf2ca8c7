// The input of `mxray scan`: comments and duplicates dropped, a shard split that is the same
// on every machine and partitions the input exactly, and what --resume reads back.
#include "mxray/pipeline/scan_input.hpp"

#include <gtest/gtest.h>

#include <set>
#include <sstream>

namespace mxray::pipeline {
namespace {

std::vector<std::string> read_all(const std::string& text, Shard shard = {}, const KeySet* done = nullptr) {
  std::istringstream in(text);
  DomainStream stream(in, shard, done);
  std::vector<std::string> out;
  std::string entry, key;
  while (stream.next(entry, key)) out.push_back(key);
  return out;
}

TEST(ScanInput, Fnv1a64IsTheStandardHash) {
  EXPECT_EQ(fnv1a64(""), 0xcbf29ce484222325ULL);
  EXPECT_EQ(fnv1a64("a"), 0xaf63dc4c8601ec8cULL);
}

TEST(ScanInput, ShardOfADomainIsFixed) {
  // Written out so that a change of hash or key (which would reshuffle every deployed split) fails here.
  EXPECT_TRUE(in_shard("example.test", Shard{1, 4}));
  EXPECT_TRUE(in_shard("d000.scan.test", Shard{2, 4}));
  EXPECT_TRUE(in_shard(domain_key("Good.TEST."), Shard{2, 4}));
}

TEST(ScanInput, ParsesShardsAndRejectsTheRest) {
  const auto s = parse_shard("3/4");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->index, 3u);
  EXPECT_EQ(s->count, 4u);
  EXPECT_EQ(to_string(*s), "3/4");
  EXPECT_TRUE(parse_shard("0/1"));
  for (const char* bad : {"4/4", "-1/4", "a/b", "1/0", "1", "", "1/4x", " 1/4", "0/10000000", "1//4"}) {
    EXPECT_FALSE(parse_shard(bad)) << bad;
  }
}

TEST(ScanInput, ShardsPartitionTheInputExactly) {
  std::string text;
  for (int i = 0; i < 1000; ++i) text += "domain" + std::to_string(i) + ".test\n";
  const auto all = read_all(text);
  ASSERT_EQ(all.size(), 1000u);
  for (const std::uint64_t n : {1u, 2u, 7u, 16u}) {
    std::multiset<std::string> seen;
    for (std::uint64_t k = 0; k < n; ++k) {
      const auto part = read_all(text, Shard{k, n});
      if (n == 7) {
        EXPECT_GT(part.size(), 100u);  // roughly even: no shard empty or holding most of it
        EXPECT_LT(part.size(), 190u);
      }
      seen.insert(part.begin(), part.end());
    }
    EXPECT_EQ(seen.size(), all.size()) << n;
    EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()).size(), all.size()) << n;  // each in exactly one
  }
}

TEST(ScanInput, SkipsCommentsBlanksAndDuplicates) {
  std::istringstream in("# list\n\nexample.test\n  Example.TEST.  # again\nother.test\r\n\t\nexample.test\n");
  DomainStream stream(in, {}, nullptr);
  std::string entry, key;
  ASSERT_TRUE(stream.next(entry, key));
  EXPECT_EQ(key, "example.test");
  ASSERT_TRUE(stream.next(entry, key));
  EXPECT_EQ(key, "other.test");
  EXPECT_EQ(entry, "other.test");
  EXPECT_FALSE(stream.next(entry, key));
  EXPECT_EQ(stream.duplicates(), 2u);
}

TEST(ScanInput, SkipsOverlongLinesWithoutHoldingThem) {
  const std::string text = std::string(100000, 'a') + ".test\nshort.test\n";
  std::istringstream in(text);
  DomainStream stream(in, {}, nullptr);
  std::string entry, key;
  ASSERT_TRUE(stream.next(entry, key));
  EXPECT_EQ(key, "short.test");
  EXPECT_EQ(stream.too_long(), 1u);
}

TEST(ScanInput, LastLineWithoutNewlineIsRead) { EXPECT_EQ(read_all("a.test\nb.test").size(), 2u); }

TEST(ScanInput, ResumeSkipsWhatTheOutputHoldsAndDropsACutLine) {
  const std::string first = R"({"schema":"mxray.report/1","input":"a.test","scan":{"key":"a.test"}})";
  const std::string second = R"({"schema":"mxray.report/1","input":"B.test","verdict":"error"})";
  std::istringstream out(first + "\n" + second + "\n" + R"({"schema":"mxray.rep)");
  const auto state = read_resume(out);
  EXPECT_EQ(state.lines, 2u);
  EXPECT_TRUE(state.cut_tail);
  EXPECT_EQ(state.bad_line, 0u);
  EXPECT_EQ(state.valid_bytes, first.size() + second.size() + 2);
  EXPECT_EQ(read_all("a.test\nb.test\nc.test\n", {}, &state.done), std::vector<std::string>{"c.test"});
}

TEST(ScanInput, ResumeRefusesAFileThatIsNotAScanOutput) {
  std::istringstream out("{\"schema\":\"mxray.report/1\",\"input\":\"a.test\"}\nhello\n");
  const auto state = read_resume(out);
  EXPECT_EQ(state.bad_line, 2u);
}

TEST(ScanInput, KeySetGrowsAndRemembers) {
  KeySet set;
  for (std::uint64_t i = 0; i < 10000; ++i) EXPECT_TRUE(set.insert(i * 2654435761ULL));
  EXPECT_EQ(set.size(), 10000u);
  EXPECT_FALSE(set.insert(0));  // 0 and 1 share a slot marker: 0 stands for 1
  EXPECT_TRUE(set.contains(2654435761ULL * 9999));
  EXPECT_FALSE(set.contains(3));
}

}  // namespace
}  // namespace mxray::pipeline
