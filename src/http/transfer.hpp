// Transfer: one request in flight. It owns the body buffer curl writes into
// (or hands the body to Request::on_body) and is the awaiter that parks the
// fetching coroutine until curl is done.
#pragma once

#include <curl/curl.h>

#include <coroutine>
#include <functional>
#include <string>
#include <string_view>

#include "http/curl_multi.hpp"
#include "http/request.hpp"
#include "http/response.hpp"

namespace gleaner::http {

class Transfer final : public TransferObserver {
 public:
  // `request` must outlive the transfer: its on_body consumer is called from curl.
  Transfer(loop::EventLoop& loop, CurlMulti& multi, CURL* easy, const Request& request,
           std::size_t max_body_bytes, const AddressPolicy* addresses);
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
  // Which way the body goes; decided at its first byte, once the status is known.
  enum class BodyRoute { undecided, buffer, stream };

  static std::size_t on_body(char* data, std::size_t size, std::size_t count, void* self) noexcept;
  BodyRoute route_body() noexcept;
  std::size_t buffer_body(const char* data, std::size_t bytes) noexcept;
  std::size_t stream_body(const char* data, std::size_t bytes) noexcept;
  static curl_socket_t on_open_socket(void* self, curlsocktype purpose, curl_sockaddr* address) noexcept;

  loop::EventLoop& loop_;
  CurlMulti& multi_;
  CURL* easy_;
  std::size_t max_body_bytes_;
  const std::function<bool(std::string_view)>& consumer_;  // Request::on_body; may be empty
  BodyRoute route_ = BodyRoute::undecided;
  std::string body_;
  std::size_t received_ = 0;  // decoded body bytes, buffered or streamed
  bool body_too_large_ = false;
  std::string consumer_error_;  // set when the consumer stopped the transfer
  const AddressPolicy* addresses_;
  std::string blocked_endpoint_;  // set when on_open_socket refused one
  bool in_flight_ = false;
  CURLcode result_ = CURLE_OK;
  char error_buffer_[CURL_ERROR_SIZE] = {};
  std::coroutine_handle<> waiter_;
};

}  // namespace gleaner::http
