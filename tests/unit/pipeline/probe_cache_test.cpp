// The shared probes of a scan: one probe per key whatever the number of checks asking, every
// waiter gets the result, finished probes are bounded, and a reused certificate is matched
// against the names of the domain that reuses it (and only those).
#include "mxray/pipeline/probe_cache.hpp"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/this_coro.hpp>

namespace mxray::pipeline {
namespace {
namespace asio = boost::asio;

asio::awaitable<void> waiter(ProbeCache& cache, std::string key, std::vector<std::string>& got) {
  auto claim = cache.claim(key, co_await asio::this_coro::executor);
  if (claim.owner) {
    claim.probe->evidence.banner.text = "probed once";
    cache.finish(key, claim.probe);
    co_return;
  }
  co_await cache.wait(key, claim.probe);
  got.push_back(claim.probe->evidence.banner.text);
}

TEST(ProbeCache, OneProbePerKeyAndEveryWaiterGetsIt) {
  asio::io_context io;
  ProbeCache cache(10);
  std::vector<std::string> got;
  // The owner claims first but finishes only after the others have started waiting.
  auto first = cache.claim("192.0.2.1|25|full|", io.get_executor());
  ASSERT_TRUE(first.owner);
  for (int i = 0; i < 5; ++i) asio::co_spawn(io, waiter(cache, "192.0.2.1|25|full|", got), asio::detached);
  asio::post(io, [&] {
    first.probe->evidence.banner.text = "the one probe";
    cache.finish("192.0.2.1|25|full|", first.probe);
  });
  io.run();
  EXPECT_EQ(cache.probes_made(), 1u);
  EXPECT_EQ(cache.reuses(), 5u);
  ASSERT_EQ(got.size(), 5u);
  for (const auto& g : got) EXPECT_EQ(g, "the one probe");
}

TEST(ProbeCache, KeepsAtMostTheBoundOfFinishedProbes) {
  asio::io_context io;
  ProbeCache cache(2);
  for (const char* key : {"a", "b", "c"}) cache.finish(key, cache.claim(key, io.get_executor()).probe);
  EXPECT_EQ(cache.size(), 2u);
  EXPECT_TRUE(cache.claim("a", io.get_executor()).owner);  // dropped: probed again
  EXPECT_FALSE(cache.claim("c", io.get_executor()).owner);
}

TEST(ProbeCache, KeysSeparateSessionKindsAndDaneSignatures) {
  EXPECT_NE(ProbeCache::key_of("192.0.2.1", 25, false, ""), ProbeCache::key_of("192.0.2.1", 25, true, ""));
  EXPECT_NE(ProbeCache::key_of("192.0.2.1", 25, false, ""), ProbeCache::key_of("192.0.2.1", 25, false, "|3 1 1 ab"));
  EXPECT_NE(ProbeCache::key_of("192.0.2.1", 25, false, ""), ProbeCache::key_of("192.0.2.1", 2525, false, ""));
}

TEST(ProbeCache, ReusedCertificateIsMatchedAgainstTheReusingDomainsNames) {
  SharedProbe probe;
  auto& cert = probe.evidence.certificate;
  cert.present = true;
  report::CertificateFacts leaf;
  leaf.san = {"*.shared.test", "IP:192.0.2.1"};
  cert.chain.push_back(leaf);
  cert.name_matches = {{"mx.first.test", "mx.first.test"}, {"mx.shared.test", "*.shared.test"}};
  cert.matched_name = "mx.first.test";
  cert.hostname_match = true;
  report::AddressEvidence own;
  own.reverse_dns.names = {"ptr.example.test"};

  report::MxEvidence in_shared;
  in_shared.host = "in.shared.test";
  const auto ok = reuse_for(probe, in_shared, {}, own);
  EXPECT_TRUE(ok.certificate.hostname_match);
  EXPECT_EQ(ok.certificate.matched_name, "*.shared.test");
  EXPECT_EQ(ok.certificate.name_matches.count("mx.first.test"), 0u);  // another domain's MX name is not shown
  EXPECT_EQ(ok.reverse_dns.names, own.reverse_dns.names);

  report::MxEvidence elsewhere;
  elsewhere.host = "mx.other.test";
  const auto bad = reuse_for(probe, elsewhere, {}, own);
  EXPECT_FALSE(bad.certificate.hostname_match);
  EXPECT_TRUE(bad.certificate.name_matches.empty());

  report::MxEvidence first;
  first.host = "mx.first.test";  // matched at probe time against a SAN the report did not keep
  EXPECT_TRUE(reuse_for(probe, first, {}, own).certificate.hostname_match);
}

}  // namespace
}  // namespace mxray::pipeline
