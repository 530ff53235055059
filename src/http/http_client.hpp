// HttpClient: fetch(Request) -> Task<Response> over one curl multi handle.
// Connections and DNS are cached by the multi handle; easy handles are pooled.
#pragma once

#include <curl/curl.h>

#include <memory>
#include <vector>

#include "http/curl_multi.hpp"
#include "http/request.hpp"
#include "http/response.hpp"
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

 private:
  struct EasyDeleter {
    void operator()(CURL* easy) const { curl_easy_cleanup(easy); }
  };
  using EasyHandle = std::unique_ptr<CURL, EasyDeleter>;

  EasyHandle take_easy();
  void give_back(EasyHandle easy);
  void configure(CURL* easy, const Request& request, const std::string& url) const;

  loop::EventLoop& loop_;
  ClientOptions options_;
  CurlMulti multi_;
  std::vector<EasyHandle> idle_;
};

}  // namespace gleaner::http
