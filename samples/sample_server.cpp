// gleaner-sample-server: serves a directory (the generated sample bookstore)
// on 127.0.0.1 for the demo and for trying gleaner by hand. Not part of gleaner.

#include <signal.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>

#include "support/local_server.hpp"

namespace {

constexpr int exit_usage = 2;

constexpr const char* usage =
    "usage: gleaner-sample-server DIR [--port N] [--log]\n"
    "  Serves the files under DIR on 127.0.0.1 until SIGINT or SIGTERM.\n"
    "  Prints its base URL (http://127.0.0.1:PORT/) on one line once listening.\n"
    "  --port N  listen on port N (default 0: a free port the OS picks)\n"
    "  --log     print one line per request to stderr\n";

struct Options {
  std::string dir;
  int port = 0;
  bool log = false;
};

std::optional<int> parse_port(std::string_view text) {
  if (text.empty() || text.size() > 5) {
    return std::nullopt;
  }
  int port = 0;
  for (char c : text) {
    if (c < '0' || c > '9') {
      return std::nullopt;
    }
    port = port * 10 + (c - '0');
  }
  return port <= 65535 ? std::optional<int>(port) : std::nullopt;
}

// Returns an error message, or nothing when options was filled in.
std::optional<std::string> parse_args(int argc, char** argv, Options& options) {
  bool have_dir = false;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--port") {
      if (i + 1 == argc) {
        return "--port: expected a port number, found end of arguments";
      }
      auto port = parse_port(argv[++i]);
      if (!port) {
        return "--port: expected a port number 0-65535, found \"" + std::string(argv[i]) + "\"";
      }
      options.port = *port;
    } else if (arg == "--log") {
      options.log = true;
    } else if (arg.starts_with("-") && arg != "-") {
      return "unknown option \"" + std::string(arg) + "\"";
    } else if (have_dir) {
      return "expected one DIR, found a second: \"" + std::string(arg) + "\"";
    } else {
      options.dir = arg;
      have_dir = true;
    }
  }
  if (!have_dir) {
    return "expected a DIR to serve";
  }
  if (!std::filesystem::is_directory(options.dir)) {
    return options.dir + ": not a directory";
  }
  return std::nullopt;
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  if (auto error = parse_args(argc, argv, options)) {
    std::cerr << "gleaner-sample-server: " << *error << "\n" << usage;
    return exit_usage;
  }

  // Block the stop signals before any thread starts, so every server thread
  // inherits the mask and sigwait() below is the only place they arrive.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  // A client that hangs up mid-response must not kill the server.
  std::signal(SIGPIPE, SIG_IGN);

  try {
    gleaner::testing::LocalServer server(
        [&](httplib::Server& http) {
          if (options.log) {
            http.set_logger([](const httplib::Request& request, const httplib::Response& response) {
              std::fprintf(stderr, "%s %s %d\n", request.method.c_str(), request.path.c_str(),
                           response.status);
            });
          }
        },
        options.port);
    server.serve_directory(options.dir);
    std::cout << server.base_url() << "/" << std::endl;  // endl: the demo reads this line now

    int received = 0;
    sigwait(&stop_signals, &received);
    return EXIT_SUCCESS;  // ~LocalServer stops the server and joins its thread
  } catch (const std::exception& e) {
    std::cerr << "gleaner-sample-server: " << e.what() << "\n";
    return EXIT_FAILURE;
  }
}
