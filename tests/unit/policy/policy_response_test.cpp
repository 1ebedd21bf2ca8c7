// The MTA-STS policy response (RFC 8461 3.3) judged from bytes in memory: 200 text/plain with
// a length or chunked or until the end, redirects not followed, other statuses and types,
// declared and actual sizes over the bound, truncated and malformed responses.
#include <gtest/gtest.h>

#include "mxray/policy/policy_response.hpp"

namespace mxray::policy {
namespace {

struct Result {
  std::string body;
  report::PolicyFetch out;
};

Result read(std::string_view bytes, std::size_t max_body = 64) {
  core::Limits limits;
  limits.max_policy_bytes = max_body;
  limits.max_http_header_bytes = 256;
  Result r;
  r.body = read_policy_response(bytes, limits, r.out);
  return r;
}

TEST(PolicyResponse, AcceptsTextPlainWithLength) {
  const auto r = read("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 15\r\n\r\nversion: STSv1\n");
  EXPECT_TRUE(r.out.ok);
  EXPECT_EQ(r.out.status, 200);
  EXPECT_EQ(r.out.error_kind, "");
  EXPECT_EQ(r.body, "version: STSv1\n");
  EXPECT_EQ(r.out.body_bytes, 15u);
}

TEST(PolicyResponse, AcceptsChunkedAndUntilEofWithParameters) {
  const auto chunked = read(
      "HTTP/1.1 200 OK\r\nContent-Type: Text/Plain; charset=utf-8\r\n"
      "Transfer-Encoding: chunked\r\n\r\n5\r\nmode:\r\n8\r\n enforce\r\n0\r\n\r\n");
  EXPECT_TRUE(chunked.out.ok);
  EXPECT_EQ(chunked.body, "mode: enforce");
  const auto eof = read("HTTP/1.0 200 OK\r\nContent-Type:  text/plain ;x=y\r\n\r\nmode: none\n");
  EXPECT_TRUE(eof.out.ok);
  EXPECT_EQ(eof.body, "mode: none\n");
}

TEST(PolicyResponse, RefusesRedirectStatusAndType) {
  const auto redirect = read("HTTP/1.1 301 Moved\r\nLocation: https://elsewhere.test/\r\nContent-Length: 0\r\n\r\n");
  EXPECT_FALSE(redirect.out.ok);
  EXPECT_EQ(redirect.out.error_kind, "redirect");
  EXPECT_EQ(redirect.out.location, "https://elsewhere.test/");
  EXPECT_EQ(redirect.body, "");
  const auto missing = read("HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\nContent-Length: 0\r\n\r\n");
  EXPECT_EQ(missing.out.error_kind, "status");
  EXPECT_EQ(missing.out.status, 404);
  const auto html = read("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 2\r\n\r\nhi");
  EXPECT_EQ(html.out.error_kind, "content_type");
  EXPECT_EQ(html.out.content_type, "text/html");
}

TEST(PolicyResponse, RefusesBodiesOverTheBound) {
  const auto declared = read("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 65\r\n\r\n");
  EXPECT_EQ(declared.out.error_kind, "too_large");
  EXPECT_EQ(declared.out.body_bytes, 65u);
  const auto actual = read("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n" + std::string(65, 'x'));
  EXPECT_EQ(actual.out.error_kind, "too_large");
  EXPECT_EQ(actual.out.body_bytes, 64u);
  EXPECT_TRUE(read("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n" + std::string(64, 'x')).out.ok);
}

TEST(PolicyResponse, RefusesTruncatedAndMalformedResponses) {
  EXPECT_EQ(read("").out.error_kind, "http");
  EXPECT_EQ(read("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n").out.error_kind, "http");
  EXPECT_EQ(read("SMTP 220 hello\r\n\r\n").out.error_kind, "http");
  const auto short_body = read("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 20\r\n\r\nmode");
  EXPECT_FALSE(short_body.out.ok);
  EXPECT_EQ(short_body.out.error_kind, "http");
  EXPECT_EQ(short_body.body, "");
  // A header over the header bound is refused before any judgement.
  const auto big = read("HTTP/1.1 200 OK\r\nX-Pad: " + std::string(300, 'a') + "\r\n\r\n");
  EXPECT_EQ(big.out.error_kind, "http");
  EXPECT_EQ(big.out.status, 0);
}

}  // namespace
}  // namespace mxray::policy
