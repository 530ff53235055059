#include "loop/event_loop.hpp"

#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/timerfd.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>

namespace gleaner::loop {
namespace {

// epoll_event.data carries the fd and a generation, so an event for an fd
// that was unwatched (and maybe reused) earlier in the same batch is dropped.
constexpr std::uint64_t pack(int fd, std::uint32_t generation) {
  return (static_cast<std::uint64_t>(generation) << 32) | static_cast<std::uint32_t>(fd);
}

std::runtime_error system_error(const char* what) {
  return std::runtime_error(std::string("event loop: ") + what + ": " + std::strerror(errno));
}

constexpr std::uint64_t wake_tag = pack(-1, 0);
constexpr std::uint64_t timer_tag = pack(-2, 0);

}  // namespace

EventLoop::EventLoop() {
  epoll_fd_ = epoll_create1(EPOLL_CLOEXEC);
  timer_fd_ = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
  wake_fd_ = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (epoll_fd_ < 0 || timer_fd_ < 0 || wake_fd_ < 0) throw system_error("setup");

  epoll_event wake{};
  wake.events = EPOLLIN;
  wake.data.u64 = wake_tag;
  epoll_event timer{};
  timer.events = EPOLLIN;
  timer.data.u64 = timer_tag;
  if (epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, wake_fd_, &wake) != 0 ||
      epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, timer_fd_, &timer) != 0) {
    throw system_error("epoll_ctl");
  }
}

EventLoop::~EventLoop() {
  close(wake_fd_);
  close(timer_fd_);
  close(epoll_fd_);
}

void EventLoop::run() {
  while (!stopping_) {
    run_ready();
    fire_due_timers();
    if (stopping_) break;
    arm_timerfd();
    wait_for_events(/*block=*/ready_.empty());
  }
}

void EventLoop::run_ready() {
  // Only what was ready when this turn began: work scheduled while resuming
  // waits for the next turn, so I/O is never starved.
  std::vector<std::coroutine_handle<>> batch;
  batch.swap(ready_);
  for (auto handle : batch) handle.resume();
}

void EventLoop::fire_due_timers() {
  const auto now = Clock::now();
  while (!timer_heap_.empty() && timer_heap_.top().deadline <= now) {
    const TimerId id = timer_heap_.top().id;
    timer_heap_.pop();
    auto found = timers_.find(id);
    if (found == timers_.end()) continue;  // cancelled
    auto callback = std::move(found->second);
    timers_.erase(found);
    callback();
  }
}

void EventLoop::arm_timerfd() {
  while (!timer_heap_.empty() && !timers_.contains(timer_heap_.top().id)) timer_heap_.pop();
  std::optional<Clock::time_point> next;
  if (!timer_heap_.empty()) next = timer_heap_.top().deadline;
  if (next == armed_deadline_) return;
  armed_deadline_ = next;

  itimerspec spec{};
  if (next) {
    const auto since_epoch = next->time_since_epoch();
    const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(since_epoch);
    spec.it_value.tv_sec = seconds.count();
    spec.it_value.tv_nsec =
        std::chrono::duration_cast<std::chrono::nanoseconds>(since_epoch - seconds).count();
    // A zero it_value would disarm the timer; a deadline at the epoch is "now".
    if (spec.it_value.tv_sec == 0 && spec.it_value.tv_nsec == 0) spec.it_value.tv_nsec = 1;
  }
  // steady_clock is CLOCK_MONOTONIC on Linux, so absolute deadlines carry over.
  if (timerfd_settime(timer_fd_, TFD_TIMER_ABSTIME, &spec, nullptr) != 0) {
    throw system_error("timerfd_settime");
  }
}

void EventLoop::wait_for_events(bool block) {
  epoll_event events[64];
  const int count = epoll_wait(epoll_fd_, events, 64, block ? -1 : 0);
  if (count < 0) {
    if (errno == EINTR) return;
    throw system_error("epoll_wait");
  }
  for (int i = 0; i < count; ++i) {
    const std::uint64_t tag = events[i].data.u64;
    if (tag == wake_tag) {
      drain_posted();
    } else if (tag == timer_tag) {
      std::uint64_t expirations = 0;
      [[maybe_unused]] auto ignored = read(timer_fd_, &expirations, sizeof expirations);
      armed_deadline_.reset();  // expired: re-arm on the next turn
    } else {
      const int fd = static_cast<int>(tag & 0xffffffffu);
      const auto generation = static_cast<std::uint32_t>(tag >> 32);
      auto found = fd_watches_.find(fd);
      if (found == fd_watches_.end() || found->second.generation != generation) continue;
      auto callback = found->second.callback;  // the callback may unwatch its own fd
      callback(events[i].events);
    }
  }
}

void EventLoop::post(std::function<void()> work) {
  {
    std::lock_guard lock(posted_mutex_);
    posted_.push_back(std::move(work));
  }
  const std::uint64_t one = 1;
  [[maybe_unused]] auto ignored = write(wake_fd_, &one, sizeof one);
}

void EventLoop::drain_posted() {
  std::uint64_t count = 0;
  [[maybe_unused]] auto ignored = read(wake_fd_, &count, sizeof count);
  std::vector<std::function<void()>> work;
  {
    std::lock_guard lock(posted_mutex_);
    work.swap(posted_);
  }
  for (auto& item : work) item();
}

TimerId EventLoop::add_timer(Clock::time_point deadline, std::function<void()> callback) {
  const TimerId id = next_timer_id_++;
  timers_.emplace(id, std::move(callback));
  timer_heap_.push(TimerEntry{deadline, id});
  return id;
}

void EventLoop::cancel_timer(TimerId id) {
  timers_.erase(id);
  // Cancelled entries stay in the heap until they surface; rebuild it when
  // they outnumber live timers so frequently re-armed timers (curl's) stay cheap.
  if (timer_heap_.size() > 64 && timer_heap_.size() > 4 * timers_.size()) compact_timers();
}

void EventLoop::compact_timers() {
  std::vector<TimerEntry> live;
  live.reserve(timers_.size());
  while (!timer_heap_.empty()) {
    if (timers_.contains(timer_heap_.top().id)) live.push_back(timer_heap_.top());
    timer_heap_.pop();
  }
  timer_heap_ = decltype(timer_heap_)(std::greater<>(), std::move(live));
}

void EventLoop::watch_fd(int fd, std::uint32_t events,
                         std::function<void(std::uint32_t)> callback) {
  epoll_event event{};
  event.events = events;
  auto found = fd_watches_.find(fd);
  if (found != fd_watches_.end()) {
    found->second.callback = std::move(callback);
    event.data.u64 = pack(fd, found->second.generation);
    if (epoll_ctl(epoll_fd_, EPOLL_CTL_MOD, fd, &event) != 0) throw system_error("epoll_ctl MOD");
    return;
  }
  const std::uint32_t generation = next_generation_++;
  event.data.u64 = pack(fd, generation);
  if (epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, fd, &event) != 0) throw system_error("epoll_ctl ADD");
  fd_watches_.emplace(fd, FdWatch{generation, std::move(callback)});
}

void EventLoop::unwatch_fd(int fd) {
  if (fd_watches_.erase(fd) == 0) return;
  // The fd may already be closed, which removed it from epoll; nothing to do then.
  epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, fd, nullptr);
}

namespace {

detail::Detached run_detached(Task<void> task, std::string name, std::size_t& failures) {
  try {
    co_await std::move(task);
  } catch (const std::exception& error) {
    ++failures;
    std::fprintf(stderr, "gleaner: task \"%s\" failed: %s\n", name.c_str(), error.what());
  } catch (...) {
    ++failures;
    std::fprintf(stderr, "gleaner: task \"%s\" failed with an unknown exception\n", name.c_str());
  }
}

}  // namespace

void EventLoop::spawn(Task<void> task, std::string name) {
  run_detached(std::move(task), std::move(name), failed_tasks_);
}

}  // namespace gleaner::loop
