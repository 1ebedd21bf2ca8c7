// libunbound on Asio: queries go out with ub_resolve_async, ub_fd() is watched by a
// posix::stream_descriptor and ub_process() runs the callbacks on the event loop.
// Pitfall (DESIGN.md): libunbound answers test./invalid. itself unless a config file says
// `local-zone: "test." nodefault`; ub_ctx_set_option does not take effect for it in 1.17.
#include "mxray/dns/resolver.hpp"

#include <unbound.h>
#include <unistd.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace mxray::dns {
namespace asio = boost::asio;

namespace {

constexpr const char* kDebianRootAnchor = "/usr/share/dns/root.key";

struct UbCtxDeleter {
  void operator()(ub_ctx* ctx) const { ub_ctx_delete(ctx); }
};

// One query in flight; lives in the awaiting coroutine's frame until the callback or a cancel.
struct Pending {
  explicit Pending(asio::any_io_executor ex, std::size_t* in_flight) : wake(ex), in_flight(in_flight) {}
  asio::steady_timer wake;
  std::size_t* in_flight;
  bool finished = false;
  DnsAnswer answer;
};

void on_result(void* data, int err, ub_result* result) {
  auto* pending = static_cast<Pending*>(data);
  auto& a = pending->answer;
  if (err != 0) {
    a.error = ub_strerror(err);
  } else if (result != nullptr) {
    a.rcode = result->rcode;
    a.havedata = result->havedata != 0;
    a.nxdomain = result->nxdomain != 0;
    a.dnssec = result->secure ? "secure" : (result->bogus ? "bogus" : "insecure");
    if (result->why_bogus != nullptr) a.why_bogus = result->why_bogus;
    if (result->canonname != nullptr && result->qname != nullptr &&
        std::string_view(result->canonname) != std::string_view(result->qname)) {
      a.canonname = result->canonname;
    }
    for (int i = 0; result->data != nullptr && result->data[i] != nullptr; ++i) {
      const auto* p = reinterpret_cast<const std::uint8_t*>(result->data[i]);
      a.rdata.emplace_back(p, p + result->len[i]);
    }
    if (result->answer_packet != nullptr && result->answer_len > 0) {
      const auto* p = static_cast<const std::uint8_t*>(result->answer_packet);
      a.packet.assign(p, p + result->answer_len);
    }
  }
  if (result != nullptr) ub_resolve_free(result);
  pending->finished = true;
  --*pending->in_flight;
  pending->wake.cancel();
}

void check(int rc, const std::string& what) {
  if (rc != 0) throw std::runtime_error(what + ": " + ub_strerror(rc));
}

}  // namespace

struct Resolver::Impl {
  explicit Impl(asio::any_io_executor ex) : executor(ex), fd(ex) {}
  asio::any_io_executor executor;
  std::unique_ptr<ub_ctx, UbCtxDeleter> ctx;
  asio::posix::stream_descriptor fd;
  std::size_t in_flight = 0;
  bool watching = false;
  bool closing = false;
  std::chrono::milliseconds timeout{};

  // Keeps one wait on ub_fd() armed while queries are in flight, and none otherwise, so
  // that the event loop can finish when the work is done.
  void watch() {
    if (watching || in_flight == 0 || closing) return;
    watching = true;
    fd.async_wait(asio::posix::descriptor_base::wait_read, [this](boost::system::error_code ec) {
      watching = false;
      if (!ec) ub_process(ctx.get());
      if (!closing) watch();
    });
  }
};

Resolver::Resolver(asio::any_io_executor executor, const ResolverConfig& config)
    : impl_(std::make_unique<Impl>(executor)) {
  impl_->timeout = config.timeout;
  impl_->ctx.reset(ub_ctx_create());
  if (!impl_->ctx) throw std::runtime_error("could not create the DNS resolver (libunbound)");
  auto* ctx = impl_->ctx.get();

  // Settings that only a config file can carry (see the pitfall above).
  char path[] = "/tmp/mxray-unbound-XXXXXX";
  const int tmp = mkstemp(path);
  if (tmp < 0) throw std::runtime_error("could not write the resolver's configuration file");
  {
    std::ofstream out(path);
    out << "server:\n"
           "  do-not-query-localhost: no\n"
           "  local-zone: \"test.\" nodefault\n"
           "  local-zone: \"invalid.\" nodefault\n"
           "  local-zone: \"localhost.\" nodefault\n"
           "  local-zone: \"127.in-addr.arpa.\" nodefault\n"
           "  local-zone: \"1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.ip6.arpa.\" nodefault\n";
  }
  close(tmp);
  const int cfg_rc = ub_ctx_config(ctx, path);
  std::filesystem::remove(path);
  check(cfg_rc, "resolver configuration");

  if (config.forwarders.empty()) {
    check(ub_ctx_resolvconf(ctx, nullptr), "reading /etc/resolv.conf");
    description_ = "system resolvers (/etc/resolv.conf)";
  } else {
    for (const auto& f : config.forwarders) {
      check(ub_ctx_set_fwd(ctx, f.c_str()), "resolver address '" + f + "'");
      description_ += (description_.empty() ? "" : ", ") + f;
    }
  }
  std::string anchor = config.trust_anchor_file;
  if (anchor.empty() && std::filesystem::exists(kDebianRootAnchor)) anchor = kDebianRootAnchor;
  if (!anchor.empty()) {
    if (!std::filesystem::exists(anchor)) {
      throw std::runtime_error("trust anchor file not found: " + anchor);
    }
    check(ub_ctx_add_ta_file(ctx, anchor.c_str()), "trust anchor file '" + anchor + "'");
  }
  check(ub_ctx_async(ctx, 1), "resolver threading");
  const int fd = ub_fd(ctx);
  if (fd < 0) throw std::runtime_error("resolver has no event descriptor");
  impl_->fd.assign(::dup(fd));
}

Resolver::~Resolver() {
  impl_->closing = true;
  boost::system::error_code ignored;
  impl_->fd.close(ignored);
}

asio::awaitable<void> Resolver::query_into(std::string name, int type, DnsAnswer& out) {
  out = co_await query(std::move(name), type);
}

asio::awaitable<DnsAnswer> Resolver::query(std::string name, int type) {
  auto pending = std::make_unique<Pending>(impl_->executor, &impl_->in_flight);
  pending->answer.qname = name;
  pending->answer.qtype = type;
  int async_id = 0;
  ++impl_->in_flight;
  const int rc = ub_resolve_async(impl_->ctx.get(), name.c_str(), type, 1, pending.get(), on_result, &async_id);
  if (rc != 0) {
    --impl_->in_flight;
    pending->answer.error = ub_strerror(rc);
    co_return pending->answer;
  }
  if (pending->finished) co_return pending->answer;
  impl_->watch();
  pending->wake.expires_after(impl_->timeout);
  co_await pending->wake.async_wait(asio::as_tuple(asio::use_awaitable));
  if (!pending->finished) {
    ub_cancel(impl_->ctx.get(), async_id);
    if (--impl_->in_flight == 0) {
      boost::system::error_code ignored;
      impl_->fd.cancel(ignored);
    }
    pending->answer.timed_out = true;
    pending->answer.error = "no answer within " + std::to_string(impl_->timeout.count()) + " ms";
  }
  co_return pending->answer;
}

}  // namespace mxray::dns
