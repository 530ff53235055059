// LocalServer: a cpp-httplib server on 127.0.0.1 for tests and the sample
// site. It is listening once the constructor returns; nothing goes beyond loopback.
#pragma once

#include <httplib.h>

#include <atomic>
#include <functional>
#include <string>
#include <thread>

namespace gleaner::testing {

class LocalServer {
 public:
  using Setup = std::function<void(httplib::Server&)>;

  // Binds 127.0.0.1:port (0: a port the OS picks) and serves on a thread of
  // its own. Throws std::runtime_error if the port cannot be bound.
  explicit LocalServer(int port = 0);
  // Runs setup (routes, handlers) before the first connection is accepted.
  explicit LocalServer(Setup setup, int port = 0);
  ~LocalServer();  // stops listening and joins the server thread

  LocalServer(const LocalServer&) = delete;
  LocalServer& operator=(const LocalServer&) = delete;

  int port() const { return port_; }
  std::string base_url() const;  // "http://127.0.0.1:PORT", no trailing slash

  // Serves the files under dir at "/"; a path ending in "/" serves its
  // index.html. Files win over routes added with server().Get(...).
  // Throws std::runtime_error if dir is not a directory.
  void serve_directory(const std::string& dir);

  // Routes may be added while serving, as long as no request is in flight
  // (cpp-httplib does not lock its route table); prefer the Setup constructor.
  httplib::Server& server() { return server_; }

 private:
  httplib::Server server_;
  int port_ = 0;
  std::atomic<bool> finished_{false};  // the accept loop has returned
  std::thread thread_;
};

}  // namespace gleaner::testing
