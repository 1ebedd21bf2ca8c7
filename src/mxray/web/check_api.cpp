// See check_api.hpp. A streamed check runs as its own coroutine and feeds an EventChannel;
// if the client goes away the check still ends within its own deadline, holding its slot.
#include "mxray/web/check_api.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/buffer.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/write.hpp>
#include <chrono>

#include "mxray/checks/judge.hpp"
#include "mxray/checks/probe_outcome.hpp"
#include "mxray/core/clock.hpp"
#include "mxray/i18n/translate.hpp"
#include "mxray/pipeline/target.hpp"
#include "mxray/report/json.hpp"
#include "mxray/report/prometheus.hpp"
#include "mxray/web/responses.hpp"
#include "mxray/web/sse.hpp"

namespace mxray::web {
namespace asio = boost::asio;
using nlohmann::json;

namespace {

std::string dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace) + "\n"; }

// Holds one of the concurrent-check slots, and one of its client's, for as long as it lives.
class Slot {
 public:
  Slot(std::shared_ptr<CheckApi::InFlight> active, std::string client)
      : active_(std::move(active)), client_(std::move(client)) {
    ++active_->total;
    ++active_->by_client[client_];
  }
  ~Slot() {
    --active_->total;
    ++active_->finished;
    const auto it = active_->by_client.find(client_);
    if (it != active_->by_client.end() && --it->second == 0) active_->by_client.erase(it);
  }
  Slot(const Slot&) = delete;
  Slot& operator=(const Slot&) = delete;

 private:
  std::shared_ptr<CheckApi::InFlight> active_;
  std::string client_;
};

// `at` is the ?at= moment (already validated), empty for the check time.
json report_of(const pipeline::CheckResult& result, const std::string& lang, const std::string& at) {
  if (!result.ok()) return report::error_json(result.evidence.input, result.error);
  checks::JudgeOptions options;
  if (const auto moment = core::parse_moment(at); !at.empty() && moment) {
    options.at_epoch = moment->at(result.evidence.checked_at_epoch);
  }
  return report::report_json(result.evidence, checks::judge(result.evidence, options), lang);
}

json mx_event(const report::DomainEvidence& ev) {
  json j = ev;  // at this point: the MX hosts and their addresses, nothing probed yet
  return j;
}

json address_event(const pipeline::ProgressEvent& e) {
  const auto& mx = e.evidence->mx.at(e.mx_index);
  const auto& address = mx.addresses.at(e.address_index);
  return {{"mx", e.mx_index}, {"address", e.address_index},  {"host", mx.host},
          {"ip", address.ip}, {"step", std::string(e.step)}, {"evidence", address}};
}

// ?submission=1 (or true): also the submission services (465, 587) of the domain.
bool wants_submission(const Target& target) {
  const auto v = target.param("submission");
  return v == "1" || v == "true";
}

asio::awaitable<void> run_streamed(std::shared_ptr<pipeline::Checker> checker, std::string domain, std::string lang,
                                   std::string at, bool submission, std::shared_ptr<EventChannel> channel,
                                   std::shared_ptr<Slot> slot) {
  try {
    auto progress = [&channel](const pipeline::ProgressEvent& e) {
      if (e.kind == pipeline::ProgressEvent::Kind::mx) {
        channel->push(format_event("mx", mx_event(*e.evidence)));
      } else {
        channel->push(format_event("address", address_event(e)));
      }
    };
    const auto result = co_await checker->check(domain, progress, submission);
    const auto cancelled = (co_await asio::this_coro::cancellation_state).cancelled();
    if (cancelled != asio::cancellation_type::none) {
      // The visitor went away: nobody reads the report.
    } else if (result.ok()) {
      channel->push(format_event("report", report_of(result, lang, at)));
    } else {
      channel->push(format_event("error", {{"error", result.error}, {"report", report_of(result, lang, at)}}));
    }
  } catch (const std::exception& e) {
    channel->push(format_event("error", {{"error", std::string("internal error: ") + e.what()}}));
  }
  channel->finish();
  slot.reset();
}

}  // namespace

std::string response_language(const Request& request, const Target& target) {
  const auto lang = target.param("lang");
  if (!lang.empty()) return i18n::pick_language(lang);
  return i18n::pick_language(std::string(request[http::field::accept_language]));
}

CheckApi::CheckApi(asio::any_io_executor executor, const ServerConfig& config)
    : executor_(executor),
      limits_(config.limits),
      checker_(std::make_shared<pipeline::Checker>(executor, config.check)),
      limiter_(config.limits.checks_per_minute, config.limits.max_tracked_clients),
      domains_(config.limits.domain_checks_per_minute, config.limits.max_tracked_domains) {}

std::optional<Response> CheckApi::refuse(const Request& request, const Target& target, const std::string& client,
                                         const std::string& param) {
  if (target.params.count(param) == 0) {
    return error_response(request, http::status::bad_request,
                          "missing parameter: " + param + " (e.g. ?" + param + "=example.com)");
  }
  // A domain, or an address literal [192.0.2.25] (checked before DNS points at it); on the
  // SMTP port the server was started with only, so that visitors cannot aim it at other ports.
  const auto name = pipeline::parse_target(target.param(param), false);
  if (!name.ok()) return error_response(request, http::status::bad_request, name.error);
  if (name.port != 0) {
    return error_response(request, http::status::bad_request,
                          "this server checks the SMTP port it was started with; give the address without :port");
  }
  if (const auto at = target.param("at"); !at.empty() && !core::parse_moment(at)) {
    return error_response(request, http::status::bad_request, "at: not a moment like +30d, +12h, +2w or 2027-01-15");
  }
  const auto lang = response_language(request, target);
  // First what costs no token: checks in flight, the client's own and everyone's.
  const auto mine = active_->by_client.find(client);
  if (mine != active_->by_client.end() && mine->second >= limits_.max_checks_per_client) {
    metrics_.count_rejection(ServerMetrics::Rejection::client_checks_running);
    return too_many_requests(request, 5,
                             i18n::trf(lang, N_("you already have {n} checks running; wait until one has finished"),
                                       {{"n", std::to_string(mine->second)}}));
  }
  if (active_->total >= limits_.max_concurrent_checks) {
    metrics_.count_rejection(ServerMetrics::Rejection::server_busy);
    return too_many_requests(
        request, 5,
        std::string(i18n::tr(lang, N_("the server is busy with other checks; try again in a few seconds"))));
  }
  const auto admission = limiter_.admit(client);
  if (!admission.allowed) {
    metrics_.count_rejection(ServerMetrics::Rejection::client_rate);
    return too_many_requests(request, admission.retry_after_seconds,
                             i18n::trf(lang, N_("too many checks from your address; try again in {seconds} s"),
                                       {{"seconds", std::to_string(admission.retry_after_seconds)}}));
  }
  // Last the target: one domain is checked at most N times a minute, whoever asks.
  const auto for_domain = domains_.admit(name.name);
  if (!for_domain.allowed) {
    metrics_.count_rejection(ServerMetrics::Rejection::domain_rate);
    return too_many_requests(
        request, for_domain.retry_after_seconds,
        i18n::trf(lang,
                  N_("{domain} was checked too often in the last minute (at most {n} checks a minute, all "
                     "visitors together); try again in {seconds} s"),
                  {{"domain", name.name},
                   {"n", std::to_string(limits_.domain_checks_per_minute)},
                   {"seconds", std::to_string(for_domain.retry_after_seconds)}}));
  }
  return std::nullopt;
}

asio::awaitable<Response> CheckApi::check(const Request& request, const Target& target, const std::string& client) {
  auto refusal = refuse(request, target, client);
  if (refusal) co_return std::move(*refusal);
  const Slot slot(active_, client);
  const auto lang = response_language(request, target);
  // Keep the Checker alive for this coroutine even if the API were torn down meanwhile.
  const auto checker = checker_;
  std::string body;
  try {
    const auto result = co_await checker->check(target.param("domain"), {}, wants_submission(target));
    body = dump(report_of(result, lang, target.param("at")));
  } catch (const std::exception& e) {
    co_return error_response(request, http::status::internal_server_error, std::string("internal error: ") + e.what());
  }
  co_return make_response(request, http::status::ok, "application/json", std::move(body));
}

asio::awaitable<Response> CheckApi::probe(const Request& request, const Target& target, const std::string& client) {
  auto refusal = refuse(request, target, client, "target");
  if (refusal) co_return std::move(*refusal);
  const Slot slot(active_, client);
  const auto checker = checker_;
  const auto started = std::chrono::steady_clock::now();
  std::string body;
  try {
    // The MX hosts only: a monitoring probe is the domain's inbound mail, not its submission services.
    const auto result = co_await checker->check(target.param("target"), {}, false);
    if (result.ok()) {
      const auto judgement = checks::judge(result.evidence);
      body = report::render_prometheus(result.evidence, checks::probe_outcome(result.evidence, judgement));
    } else {
      const std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
      body = report::render_prometheus_error(took.count());
    }
  } catch (const std::exception& e) {
    co_return error_response(request, http::status::internal_server_error, std::string("internal error: ") + e.what());
  }
  // A probe that ran answers 200 whatever it found, as blackbox_exporter does: the scrape
  // succeeded, mxray_probe_success says how the domain fared.
  co_return make_response(request, http::status::ok, report::kPrometheusContentType, std::move(body));
}

asio::awaitable<unsigned> CheckApi::stream(Stream& stream, const Request& request, const Target& target,
                                           const std::string& client) {
  auto refusal = refuse(request, target, client);
  if (refusal) {
    refusal->keep_alive(false);
    const auto status = refusal->result_int();
    co_await write_response(stream, *refusal, limits_.write_timeout);
    co_return status;
  }
  auto channel = std::make_shared<EventChannel>(executor_);
  // When the visitor goes away (Cancel on the page, a closed tab), the check is cancelled:
  // its sessions and DNS queries end at once, and its slots fall free.
  auto cancel = std::make_shared<asio::cancellation_signal>();
  asio::co_spawn(executor_,
                 run_streamed(checker_, target.param("domain"), response_language(request, target), target.param("at"),
                              wants_submission(target), channel, std::make_shared<Slot>(active_, client)),
                 asio::bind_cancellation_slot(cancel->slot(), [cancel, channel](std::exception_ptr) {
                   channel->finish();  // the signal lives until the check has ended
                 }));
  auto gone = std::make_shared<bool>(false);
  const auto stop = [cancel, channel, gone] {
    if (*gone || channel->finished()) return;
    *gone = true;
    cancel->emit(asio::cancellation_type::terminal);
  };

  http::response<http::empty_body> head{http::status::ok, request.version()};
  head.set(http::field::content_type, "text/event-stream; charset=utf-8");
  head.set(http::field::cache_control, "no-store");
  head.set("X-Accel-Buffering", "no");
  add_security_headers(head);
  head.keep_alive(false);  // the body ends when the connection closes
  http::response_serializer<http::empty_body> serializer{head};
  stream.expires_after(limits_.write_timeout);
  auto [head_error, head_bytes] =
      co_await http::async_write_header(stream, serializer, asio::as_tuple(asio::use_awaitable));
  if (head_error) {
    stop();
    co_return 200;
  }
  // The visitor sends nothing more on this connection: the socket turns readable only when
  // it closes (or breaks the protocol), and either way the check is no longer wanted.
  stream.socket().async_wait(asio::ip::tcp::socket::wait_read, [stop, channel](boost::system::error_code ec) {
    if (ec == asio::error::operation_aborted) return;
    stop();
    channel->finish();
  });
  const auto quiet = std::chrono::duration_cast<std::chrono::milliseconds>(limits_.sse_keepalive);
  for (;;) {
    const auto event = co_await channel->next(quiet);
    if (event.empty()) break;
    stream.expires_after(limits_.write_timeout);
    auto [ec, n] = co_await asio::async_write(stream, asio::buffer(event), asio::as_tuple(asio::use_awaitable));
    if (ec) break;  // the client left
  }
  stop();
  boost::system::error_code ignored;
  stream.socket().cancel(ignored);  // the wait above
  co_return 200;
}

}  // namespace mxray::web
