#include "http/http_client.hpp"

#include <stdexcept>

#include "http/transfer.hpp"

namespace gleaner::http {

HttpClient::HttpClient(loop::EventLoop& loop, ClientOptions options)
    : loop_(loop), options_(std::move(options)), multi_(loop) {
  curl_multi_setopt(multi_.handle(), CURLMOPT_MAX_HOST_CONNECTIONS, options_.max_connections_per_host);
}

HttpClient::~HttpClient() = default;

HttpClient::EasyHandle HttpClient::take_easy() {
  if (!idle_.empty()) {
    EasyHandle easy = std::move(idle_.back());
    idle_.pop_back();
    return easy;  // configure() resets it; connections live in the multi handle
  }
  EasyHandle easy(curl_easy_init());
  if (!easy) throw std::runtime_error("curl_easy_init failed");
  return easy;
}

void HttpClient::give_back(EasyHandle easy) { idle_.push_back(std::move(easy)); }

void HttpClient::configure(CURL* easy, const Request& request, const std::string& url) const {
  curl_easy_reset(easy);
  curl_easy_setopt(easy, CURLOPT_URL, url.c_str());
  curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(easy, CURLOPT_ACCEPT_ENCODING, "");  // every encoding curl was built with
  curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options_.connect_timeout.count()));
  curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, static_cast<long>(options_.total_timeout.count()));
  curl_easy_setopt(easy, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(options_.max_body_bytes));
  curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(easy, CURLOPT_USERAGENT, options_.user_agent.c_str());
  curl_easy_setopt(easy, CURLOPT_HTTP_VERSION, CURL_HTTP_VERSION_2TLS);
  if (!request.referer.empty()) curl_easy_setopt(easy, CURLOPT_REFERER, request.referer.c_str());
}

namespace {

// The absolute target of a redirect answer, or "" when this is not one.
std::string redirect_target(CURL* easy, const Response& response) {
  if (response.failed()) return "";
  switch (response.status) {
    case 301: case 302: case 303: case 307: case 308: break;
    default: return "";
  }
  char* target = nullptr;
  curl_easy_getinfo(easy, CURLINFO_REDIRECT_URL, &target);
  return target ? target : "";
}

bool is_http_url(const std::string& url) {
  return url.rfind("http://", 0) == 0 || url.rfind("https://", 0) == 0;
}

void fail(Response& response, TransportError error, const std::string& what) {
  response.error = error;
  response.error_message = "GET " + response.url + ": " + what;
  response.body.clear();
}

}  // namespace

loop::Task<Response> HttpClient::fetch(Request request) {
  EasyHandle easy = take_easy();
  const long max_redirects = request.max_redirects >= 0 ? request.max_redirects : options_.max_redirects;
  std::string url = request.url;
  Response response;
  for (long hops = 0;; ++hops) {
    configure(easy.get(), request, url);
    {
      Transfer transfer(loop_, multi_, easy.get(), options_.max_body_bytes, options_.addresses.get());
      co_await transfer;
      response = transfer.take_response(request);
    }
    const std::string target = redirect_target(easy.get(), response);
    if (target.empty()) break;
    if (hops >= max_redirects) {
      fail(response, TransportError::too_many_redirects,
           "more than " + std::to_string(max_redirects) + " redirects (last to " + target + ")");
      break;
    }
    // curl reports the target in its own text form; only http(s) may follow.
    if (!is_http_url(target)) {
      fail(response, TransportError::redirect_refused, "redirect to " + target + " refused: not http or https");
      break;
    }
    if (request.check_redirect) {
      if (auto reason = request.check_redirect(target)) {
        fail(response, TransportError::redirect_refused, "redirect to " + target + " refused: " + *reason);
        break;
      }
    }
    url = target;
  }
  give_back(std::move(easy));
  co_return response;
}

}  // namespace gleaner::http
