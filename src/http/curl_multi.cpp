#include "http/curl_multi.hpp"

#include <sys/epoll.h>

#include <stdexcept>
#include <utility>

namespace gleaner::http {

CurlMulti::CurlMulti(loop::EventLoop& loop) : loop_(loop), multi_(curl_multi_init()) {
  if (!multi_) throw std::runtime_error("curl_multi_init failed");
  curl_multi_setopt(multi_, CURLMOPT_SOCKETFUNCTION, &CurlMulti::on_socket);
  curl_multi_setopt(multi_, CURLMOPT_SOCKETDATA, this);
  curl_multi_setopt(multi_, CURLMOPT_TIMERFUNCTION, &CurlMulti::on_timer);
  curl_multi_setopt(multi_, CURLMOPT_TIMERDATA, this);
}

CurlMulti::~CurlMulti() {
  if (deadline_ != 0) loop_.cancel_timer(deadline_);
  curl_multi_cleanup(multi_);
}

void CurlMulti::add(CURL* easy, TransferObserver* observer) {
  if (abandoning_) {
    observer->finished(abandoned_result);  // only schedules its coroutine: safe from here
    return;
  }
  curl_easy_setopt(easy, CURLOPT_PRIVATE, observer);
  const CURLMcode code = curl_multi_add_handle(multi_, easy);
  if (code != CURLM_OK) {
    throw std::runtime_error(std::string("curl_multi_add_handle: ") + curl_multi_strerror(code));
  }
  observers_[easy] = observer;
  // curl_multi_add_handle sets a 0 ms timer through on_timer, which kicks the transfer off.
}

void CurlMulti::remove(CURL* easy) {
  observers_.erase(easy);
  curl_multi_remove_handle(multi_, easy);
}

void CurlMulti::abandon_all() {
  abandoning_ = true;
  // finished() only schedules the waiting coroutine, so nothing can add or
  // remove transfers while this runs; the copy keeps it safe regardless.
  const auto abandoned = std::exchange(observers_, {});
  for (const auto& [easy, observer] : abandoned) {
    curl_multi_remove_handle(multi_, easy);
    observer->finished(abandoned_result);
  }
}

// CURLMOPT_SOCKETFUNCTION: only record the interest; never call back into curl here.
int CurlMulti::on_socket(CURL*, curl_socket_t socket, int what, void* self, void*) noexcept {
  auto& multi = *static_cast<CurlMulti*>(self);
  try {
    if (what == CURL_POLL_REMOVE) {
      multi.loop_.unwatch_fd(socket);
      return 0;
    }
    std::uint32_t events = 0;
    if (what == CURL_POLL_IN || what == CURL_POLL_INOUT) events |= EPOLLIN;
    if (what == CURL_POLL_OUT || what == CURL_POLL_INOUT) events |= EPOLLOUT;
    multi.loop_.watch_fd(socket, events,
                         [&multi, socket](std::uint32_t ready) { multi.on_socket_ready(socket, ready); });
    return 0;
  } catch (...) {
    return -1;  // curl fails the transfers on this socket
  }
}

// CURLMOPT_TIMERFUNCTION: curl keeps one deadline; -1 removes it. A 0 ms
// timeout means "soon", so it goes through the loop like any other deadline.
int CurlMulti::on_timer(CURLM*, long timeout_ms, void* self) noexcept {
  auto& multi = *static_cast<CurlMulti*>(self);
  try {
    if (multi.deadline_ != 0) {
      multi.loop_.cancel_timer(multi.deadline_);
      multi.deadline_ = 0;
    }
    if (timeout_ms >= 0) {
      multi.deadline_ = multi.loop_.add_timer(
          loop::Clock::now() + std::chrono::milliseconds(timeout_ms), [&multi] {
            multi.deadline_ = 0;
            multi.on_deadline();
          });
    }
    return 0;
  } catch (...) {
    return -1;
  }
}

void CurlMulti::on_socket_ready(curl_socket_t socket, std::uint32_t events) {
  int flags = 0;
  if (events & EPOLLIN) flags |= CURL_CSELECT_IN;
  if (events & EPOLLOUT) flags |= CURL_CSELECT_OUT;
  if (events & (EPOLLERR | EPOLLHUP)) flags |= CURL_CSELECT_ERR;
  int running = 0;
  curl_multi_socket_action(multi_, socket, flags, &running);
  drain_finished();
}

void CurlMulti::on_deadline() {
  int running = 0;
  curl_multi_socket_action(multi_, CURL_SOCKET_TIMEOUT, 0, &running);
  drain_finished();
}

void CurlMulti::drain_finished() {
  int queued = 0;
  while (CURLMsg* message = curl_multi_info_read(multi_, &queued)) {
    if (message->msg != CURLMSG_DONE) continue;
    CURL* easy = message->easy_handle;
    const CURLcode result = message->data.result;
    TransferObserver* observer = nullptr;
    curl_easy_getinfo(easy, CURLINFO_PRIVATE, &observer);
    curl_multi_remove_handle(multi_, easy);
    observers_.erase(easy);
    if (observer) observer->finished(result);
  }
}

}  // namespace gleaner::http
