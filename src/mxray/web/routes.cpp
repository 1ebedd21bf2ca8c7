// See routes.hpp.
#include "mxray/web/routes.hpp"

#include <nlohmann/json.hpp>

#include "mxray/core/printable.hpp"
#include "mxray/i18n/translate.hpp"
#include "mxray/report/prometheus.hpp"
#include "mxray/web/assets.hpp"
#include "mxray/web/query.hpp"
#include "mxray/web/responses.hpp"
#include "mxray/web/ui_messages.hpp"

namespace mxray::web {
namespace asio = boost::asio;

Router::Router(asio::any_io_executor executor, const ServerConfig& config, HostAllowList hosts)
    : limits_(config.limits),
      hosts_(std::move(hosts)),
      api_(executor, config),
      metrics_(config.metrics),
      version_(config.build_version),
      commit_(config.build_commit) {}

asio::awaitable<bool> Router::handle(Stream& stream, const Request& request, const std::string& client) {
  const auto target = parse_target(request.target());
  const auto& path = target.path;
  Response response;
  const auto host = request[http::field::host];
  if (path != "/healthz" && !hosts_.allows(host)) {
    // DNS rebinding: a page of another site made this browser ask us under that site's name.
    const auto shown = core::printable(host.substr(0, 100));
    response = error_response(
        request, http::status::misdirected_request,
        i18n::trf(response_language(request, target),
                  N_("this server does not answer to the name '{host}' (Host header); its operator can allow "
                     "the name with --public-name"),
                  {{"host", shown}}));
    response.keep_alive(false);
  } else if (request.method() != http::verb::get && request.method() != http::verb::head) {
    response = error_response(request, http::status::method_not_allowed, "only GET and HEAD are served");
    response.set(http::field::allow, "GET, HEAD");
  } else if (path == "/api/v1/check/stream") {
    const auto status = co_await api_.stream(stream, request, target, client);
    api_.metrics().count_request(route_of(path), status);
    co_return false;
  } else if (path == "/api/v1/check") {
    response = co_await api_.check(request, target, client);
  } else if (metrics_ && path == "/probe") {
    response = co_await api_.probe(request, target, client);
  } else if (metrics_ && path == "/metrics") {
    response = make_response(request, http::status::ok, report::kPrometheusContentType,
                             api_.metrics().render(api_.active_checks(), api_.finished_checks(), version_, commit_));
  } else if (path == "/healthz") {
    const nlohmann::json body{{"status", "ok"}, {"active_checks", api_.active_checks()}};
    response = make_response(request, http::status::ok, "application/json", body.dump() + "\n");
  } else if (path == "/api/v1/messages") {
    response = make_response(request, http::status::ok, "application/json",
                             ui_messages(response_language(request, target)).dump() + "\n", "no-cache");
    response.set(http::field::vary, "Accept-Language");
  } else if (path == "/api/v1/openapi.json") {
    const auto* spec = find_asset("/openapi.json");
    response = make_response(request, http::status::ok, "application/json", std::string(spec->body), "no-cache");
  } else if (path == "/" || path == "/index.html") {
    // The first paint is in the visitor's language (?lang=, else Accept-Language).
    response =
        make_response(request, http::status::ok, find_asset("/index.html")->content_type,
                      localized_page(find_asset("/index.html")->body, response_language(request, target)), "no-cache");
    response.set(http::field::vary, "Accept-Language");
  } else if (const auto* asset = find_asset(path); asset != nullptr && path != "/openapi.json") {
    response = make_response(request, http::status::ok, asset->content_type, std::string(asset->body), "no-cache");
  } else {
    response = error_response(request, http::status::not_found, "no such page: see /api/v1/openapi.json");
  }
  api_.metrics().count_request(route_of(path), response.result_int());
  const bool keep = response.keep_alive();
  const bool written = co_await write_response(stream, response, limits_.write_timeout);
  co_return written&& keep;
}

}  // namespace mxray::web
