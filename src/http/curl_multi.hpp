// CurlMulti: libcurl's multi socket API wired into the EventLoop. curl tells us
// which sockets and which single deadline it cares about; we tell it when they fire.
#pragma once

#include <curl/curl.h>

#include <unordered_map>

#include "loop/event_loop.hpp"

namespace gleaner::http {

// A transfer in flight. `finished` runs on the loop thread, outside any curl
// callback, once curl reports the easy handle done.
class TransferObserver {
 public:
  virtual void finished(CURLcode result) = 0;

 protected:
  ~TransferObserver() = default;
};

class CurlMulti {
 public:
  explicit CurlMulti(loop::EventLoop& loop);
  ~CurlMulti();
  CurlMulti(const CurlMulti&) = delete;
  CurlMulti& operator=(const CurlMulti&) = delete;

  CURLM* handle() { return multi_; }

  // Starts `easy`; the observer must outlive the transfer or call remove().
  void add(CURL* easy, TransferObserver* observer);
  // Abandons a transfer that has not finished; its observer is not called.
  void remove(CURL* easy);

  // The result abandon_all() reports to the observers.
  static constexpr CURLcode abandoned_result = CURLE_ABORTED_BY_CALLBACK;
  // Ends every transfer in flight at once, and every one added later (a
  // redirect's next hop, a robots.txt): each observer's finished() runs with
  // abandoned_result. For a stop that cannot wait for slow servers.
  void abandon_all();
  std::size_t in_flight() const { return observers_.size(); }

 private:
  static int on_socket(CURL* easy, curl_socket_t socket, int what, void* self, void* socket_data) noexcept;
  static int on_timer(CURLM* multi, long timeout_ms, void* self) noexcept;
  void on_socket_ready(curl_socket_t socket, std::uint32_t events);
  void on_deadline();
  void drain_finished();

  loop::EventLoop& loop_;
  CURLM* multi_ = nullptr;
  loop::TimerId deadline_ = 0;  // 0: none armed
  std::unordered_map<CURL*, TransferObserver*> observers_;  // transfers added and not yet finished
  bool abandoning_ = false;  // abandon_all() has run
};

}  // namespace gleaner::http
