#include "support/local_server.hpp"

#include <sys/socket.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <utility>

namespace gleaner::testing {

namespace {

constexpr const char* loopback = "127.0.0.1";

// cpp-httplib's default pool has 8 threads, and a keep-alive connection holds
// one until it idles out (5 s): a crawler with 8 connections plus a robots.txt
// fetch would stall. 32 leaves room for any concurrency a test asks for.
constexpr std::size_t worker_threads = 32;

constexpr auto start_timeout = std::chrono::seconds(10);

}  // namespace

LocalServer::LocalServer(int port) : LocalServer(Setup{}, port) {}

LocalServer::LocalServer(Setup setup, int port) {
  server_.new_task_queue = [] { return new httplib::ThreadPool(worker_threads); };
  // cpp-httplib sets SO_REUSEPORT, which lets a second server bind a busy port
  // and take half its connections; SO_REUSEADDR alone makes that bind fail.
  server_.set_socket_options([](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
  });
  // httplib writes headers and body separately; without TCP_NODELAY, Nagle and
  // delayed ACKs add ~40 ms to every response and a crawl measures the stall.
  server_.set_tcp_nodelay(true);
  // httplib closes a kept-alive connection after 5 requests by default; a
  // crawler would spend its time reconnecting.
  server_.set_keep_alive_max_count(10000);
  if (setup) {
    setup(server_);
  }
  if (port == 0) {
    port_ = server_.bind_to_any_port(loopback);
  } else if (server_.bind_to_port(loopback, port)) {
    port_ = port;
  } else {
    port_ = -1;
  }
  if (port_ < 0) {
    throw std::runtime_error("cannot listen on " + std::string(loopback) + ":" +
                             std::to_string(port) + (port == 0 ? "" : " (is the port in use?)"));
  }
  // Bound and listening from here on: a client connecting now waits in the
  // backlog until the thread below accepts it, so no caller needs to sleep.
  thread_ = std::thread([this] {
    server_.listen_after_bind();
    finished_ = true;
  });
  // stop() is a no-op until the accept loop runs, so the destructor's
  // stop-and-join is safe only once is_running() has been seen.
  auto deadline = std::chrono::steady_clock::now() + start_timeout;
  while (!server_.is_running()) {
    if (finished_) {
      thread_.join();
      throw std::runtime_error(base_url() + ": accept loop ended at once");
    }
    if (std::chrono::steady_clock::now() > deadline) {
      // Neither running nor finished: the thread can be neither stopped nor joined.
      std::fprintf(stderr, "LocalServer: %s: not accepting after 10 s\n", base_url().c_str());
      std::abort();
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
}

LocalServer::~LocalServer() {
  server_.stop();
  if (thread_.joinable()) {
    thread_.join();
  }
}

std::string LocalServer::base_url() const {
  return "http://" + std::string(loopback) + ":" + std::to_string(port_);
}

void LocalServer::serve_directory(const std::string& dir) {
  if (!std::filesystem::is_directory(dir) || !server_.set_mount_point("/", dir)) {
    throw std::runtime_error(dir + ": not a directory");
  }
}

}  // namespace gleaner::testing
