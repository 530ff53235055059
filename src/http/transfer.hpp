// Transfer: one request in flight. It owns the body buffer curl writes into
// and is the awaiter that parks the fetching coroutine until curl is done.
#pragma once

#include <curl/curl.h>

#include <coroutine>
#include <string>

#include "http/curl_multi.hpp"
#include "http/request.hpp"
#include "http/response.hpp"

namespace gleaner::http {

class Transfer final : public TransferObserver {
 public:
  Transfer(loop::EventLoop& loop, CurlMulti& multi, CURL* easy, std::size_t max_body_bytes,
           const AddressPolicy* addresses);
  ~Transfer();
  Transfer(const Transfer&) = delete;
  Transfer& operator=(const Transfer&) = delete;

  // Awaitable: starts the transfer and resumes once curl reports it done.
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<> handle);
  void await_resume() const noexcept {}

  // After completion: status, headers and body, or the transport error.
  Response take_response(const Request& request);

  void finished(CURLcode result) override;

 private:
  static std::size_t on_body(char* data, std::size_t size, std::size_t count, void* self) noexcept;
  static curl_socket_t on_open_socket(void* self, curlsocktype purpose, curl_sockaddr* address) noexcept;

  loop::EventLoop& loop_;
  CurlMulti& multi_;
  CURL* easy_;
  std::size_t max_body_bytes_;
  std::string body_;
  bool body_too_large_ = false;
  const AddressPolicy* addresses_;
  std::string blocked_endpoint_;  // set when on_open_socket refused one
  bool in_flight_ = false;
  CURLcode result_ = CURLE_OK;
  char error_buffer_[CURL_ERROR_SIZE] = {};
  std::coroutine_handle<> waiter_;
};

}  // namespace gleaner::http
