#include "cli/stop_signals.hpp"

#include <signal.h>
#include <sys/epoll.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include <stdexcept>

namespace gleaner::cli {
namespace {

sigset_t stop_set() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  return set;
}

}  // namespace

StopSignals::StopSignals() {
  const sigset_t set = stop_set();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  fd_ = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
  if (fd_ < 0) throw std::runtime_error("signalfd failed");
}

StopSignals::~StopSignals() {
  // Closing the fd drops it from any epoll set; the loop is usually gone by now.
  close(fd_);
  const sigset_t set = stop_set();
  pthread_sigmask(SIG_UNBLOCK, &set, nullptr);
}

void StopSignals::watch(loop::EventLoop& loop, std::function<void(int)> on_signal) {
  loop.watch_fd(fd_, EPOLLIN, [this, on_signal = std::move(on_signal)](std::uint32_t) {
    signalfd_siginfo info{};
    while (read(fd_, &info, sizeof info) == static_cast<ssize_t>(sizeof info)) {
      on_signal(static_cast<int>(info.ssi_signo));
    }
  });
}

}  // namespace gleaner::cli
