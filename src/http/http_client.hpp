// HttpClient: fetch(Request) -> Task<Response> over one curl multi handle.
// Connections and DNS are cached by the multi handle; easy handles are pooled.
#pragma once

#include <curl/curl.h>

#include <memory>
#include <vector>

#include "http/curl_multi.hpp"
#include "http/request.hpp"
#include "http/request_headers.hpp"
#include "http/response.hpp"
#include "http/traffic.hpp"
#include "loop/event_loop.hpp"
#include "loop/task.hpp"

namespace gleaner::http {

class HttpClient {
 public:
  HttpClient(loop::EventLoop& loop, ClientOptions options);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // Loop thread only. Never throws for transport failures: see Response::error.
  // Redirects are followed here, hop by hop, so that each target can be
  // checked (Request::check_redirect) before anything is sent to it.
  loop::Task<Response> fetch(Request request);

  const ClientOptions& options() const { return options_; }
  // Every response fetched so far (robots.txt and redirect hops included).
  const Traffic& traffic() const { return traffic_; }

  // Ends every transfer in flight now, and makes every later one end at once:
  // their fetches complete with TransportError::abandoned. For shutting down.
  void abandon_all() { multi_.abandon_all(); }
  std::size_t transfers_in_flight() const { return multi_.in_flight(); }

 private:
  struct EasyDeleter {
    void operator()(CURL* easy) const { curl_easy_cleanup(easy); }
  };
  using EasyHandle = std::unique_ptr<CURL, EasyDeleter>;

  struct ShareDeleter {
    void operator()(CURLSH* share) const { curl_share_cleanup(share); }
  };

  EasyHandle take_easy();
  void give_back(EasyHandle easy);
  void set_job_options(CURL* easy) const;
  // `headers`: this hop's list, from the fetch's FetchHeaders.
  void configure(CURL* easy, const Request& request, const std::string& url, curl_slist* headers) const;
  void load_cookie_file();

  loop::EventLoop& loop_;
  ClientOptions options_;
  RequestHeaders headers_;
  // The job's cookie jar, shared by every easy handle (all on the loop
  // thread, so no lock callbacks). Declared before the handles that use it.
  std::unique_ptr<CURLSH, ShareDeleter> cookie_jar_;
  CurlMulti multi_;
  std::vector<EasyHandle> idle_;
  Traffic traffic_;
};

}  // namespace gleaner::http
