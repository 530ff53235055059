#include "http/http_client.hpp"

#include <stdexcept>

#include "core/url.hpp"
#include "http/fetch_headers.hpp"
#include "http/transfer.hpp"

namespace gleaner::http {

HttpClient::HttpClient(loop::EventLoop& loop, ClientOptions options)
    : loop_(loop), options_(std::move(options)), headers_(options_.headers), multi_(loop) {
  curl_multi_setopt(multi_.handle(), CURLMOPT_MAX_HOST_CONNECTIONS, options_.max_connections_per_host);
  if (options_.cookies) {
    cookie_jar_.reset(curl_share_init());
    if (!cookie_jar_) throw std::runtime_error("curl_share_init failed");
    curl_share_setopt(cookie_jar_.get(), CURLSHOPT_SHARE, CURL_LOCK_DATA_COOKIE);
    if (!options_.cookie_file.empty()) load_cookie_file();
  }
}

// Once, into the shared jar: reading the file on every transfer would undo
// the cookies servers set since.
void HttpClient::load_cookie_file() {
  EasyHandle loader(curl_easy_init());
  if (!loader) throw std::runtime_error("curl_easy_init failed");
  curl_easy_setopt(loader.get(), CURLOPT_SHARE, cookie_jar_.get());
  curl_easy_setopt(loader.get(), CURLOPT_COOKIEFILE, options_.cookie_file.c_str());
  curl_easy_setopt(loader.get(), CURLOPT_COOKIELIST, "RELOAD");
}

HttpClient::~HttpClient() = default;

HttpClient::EasyHandle HttpClient::take_easy() {
  if (!idle_.empty()) {
    EasyHandle easy = std::move(idle_.back());
    idle_.pop_back();
    return easy;  // connections live in the multi handle, not here
  }
  EasyHandle easy(curl_easy_init());
  if (!easy) throw std::runtime_error("curl_easy_init failed");
  set_job_options(easy.get());
  return easy;
}

// An idle handle must not point at a header list that may be freed with the
// fetch that used it (FetchHeaders); configure() sets a live one before each use.
void HttpClient::give_back(EasyHandle easy) {
  curl_easy_setopt(easy.get(), CURLOPT_HTTPHEADER, nullptr);
  idle_.push_back(std::move(easy));
}

// Once per easy handle, not per request: curl_easy_reset would switch the
// cookie engine off, and switching it on again (CURLOPT_COOKIEFILE) leaks in
// curl 7.88. configure() sets everything that differs between requests.
void HttpClient::set_job_options(CURL* easy) const {
  curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(easy, CURLOPT_ACCEPT_ENCODING, "");  // every encoding curl was built with
  curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options_.connect_timeout.count()));
  curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, static_cast<long>(options_.total_timeout.count()));
  curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(easy, CURLOPT_USERAGENT, options_.user_agent.c_str());
  curl_easy_setopt(easy, CURLOPT_HTTP_VERSION, CURL_HTTP_VERSION_2TLS);
  // Requests that start together on a host with no connection yet wait for
  // the first one to tell (ALPN, in its TLS handshake) whether it multiplexes,
  // instead of each opening a connection: on HTTP/2 they then share that one;
  // on HTTP/1.1 they learn it cannot a moment later (after the handshake; for
  // plain http, after the first response's headers) and open their own.
  curl_easy_setopt(easy, CURLOPT_PIPEWAIT, 1L);
  // The job's headers are for the site; a proxy's CONNECT gets none of them.
  curl_easy_setopt(easy, CURLOPT_HEADEROPT, CURLHEADER_SEPARATE);
  // "" rather than unset: curl would otherwise pick up http_proxy and friends
  // from the environment, and a job should crawl the same way under cron.
  curl_easy_setopt(easy, CURLOPT_PROXY, options_.proxy.c_str());
  if (!options_.verify_tls) {
    curl_easy_setopt(easy, CURLOPT_SSL_VERIFYPEER, 0L);
    curl_easy_setopt(easy, CURLOPT_SSL_VERIFYHOST, 0L);
  }
  if (options_.low_speed_time.count() > 0) {
    curl_easy_setopt(easy, CURLOPT_LOW_SPEED_LIMIT, options_.low_speed_limit);
    curl_easy_setopt(easy, CURLOPT_LOW_SPEED_TIME, static_cast<long>(options_.low_speed_time.count()));
  }
  if (cookie_jar_) {
    curl_easy_setopt(easy, CURLOPT_SHARE, cookie_jar_.get());
    curl_easy_setopt(easy, CURLOPT_COOKIEFILE, "");  // "": switch the engine on, read no file
  }
}

void HttpClient::configure(CURL* easy, const Request& request, const std::string& url, curl_slist* headers) const {
  curl_easy_setopt(easy, CURLOPT_URL, url.c_str());
  curl_easy_setopt(easy, CURLOPT_REFERER, request.referer.empty() ? nullptr : request.referer.c_str());
  curl_easy_setopt(easy, CURLOPT_HTTPHEADER, headers);
  // Per request: a streamed body (Request::on_body) lifts it in Transfer.
  curl_easy_setopt(easy, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(options_.max_body_bytes));
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

bool same_origin(const std::string& a, const std::string& b) {
  auto first = Url::parse(a);
  auto second = Url::parse(b);
  return first && second && first->origin() == second->origin();
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
  const FetchHeaders headers(headers_, request);
  std::string url = request.url;
  Response response;
  long connections_opened = 0;  // over all hops
  for (long hops = 0;; ++hops) {
    configure(easy.get(), request, url, headers.for_hop(hops == 0 || same_origin(url, request.url)));
    {
      Transfer transfer(loop_, multi_, easy.get(), request, options_.max_body_bytes, options_.addresses.get());
      co_await transfer;
      response = transfer.take_response(request);
    }
    traffic_.count(response);
    connections_opened += response.connections_opened;
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
  response.connections_opened = connections_opened;
  give_back(std::move(easy));
  co_return response;
}

}  // namespace gleaner::http
