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
    // reset keeps the handle's buffers; connections live in the multi handle.
    curl_easy_reset(easy.get());
    return easy;
  }
  EasyHandle easy(curl_easy_init());
  if (!easy) throw std::runtime_error("curl_easy_init failed");
  return easy;
}

void HttpClient::give_back(EasyHandle easy) { idle_.push_back(std::move(easy)); }

void HttpClient::configure(CURL* easy, const Request& request) const {
  curl_easy_setopt(easy, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(easy, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(easy, CURLOPT_MAXREDIRS,
                   request.max_redirects >= 0 ? request.max_redirects : options_.max_redirects);
  curl_easy_setopt(easy, CURLOPT_ACCEPT_ENCODING, "");  // every encoding curl was built with
  curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options_.connect_timeout.count()));
  curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, static_cast<long>(options_.total_timeout.count()));
  curl_easy_setopt(easy, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(options_.max_body_bytes));
  curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(easy, CURLOPT_USERAGENT, options_.user_agent.c_str());
  curl_easy_setopt(easy, CURLOPT_HTTP_VERSION, CURL_HTTP_VERSION_2TLS);
  if (!request.referer.empty()) curl_easy_setopt(easy, CURLOPT_REFERER, request.referer.c_str());
}

loop::Task<Response> HttpClient::fetch(Request request) {
  EasyHandle easy = take_easy();
  configure(easy.get(), request);
  Response response;
  {
    Transfer transfer(loop_, multi_, easy.get(), options_.max_body_bytes);
    co_await transfer;
    response = transfer.take_response(request);
  }
  give_back(std::move(easy));
  co_return response;
}

}  // namespace gleaner::http
