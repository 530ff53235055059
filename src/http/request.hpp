// Request and ClientOptions: what HttpClient::fetch is asked to do.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>

namespace gleaner::http {

struct Request {
  std::string url;      // absolute, canonical
  std::string referer;  // empty: none sent
  long max_redirects = -1;  // -1: ClientOptions::max_redirects (robots.txt uses 5)
};

// Transfer settings shared by every request of a job.
struct ClientOptions {
  std::string user_agent;
  std::chrono::milliseconds connect_timeout{10'000};
  std::chrono::milliseconds total_timeout{30'000};
  long max_redirects = 10;
  // Decoded body bytes; caps decompression bombs as well as huge bodies.
  std::size_t max_body_bytes = 16 * 1024 * 1024;
  long max_connections_per_host = 8;
};

}  // namespace gleaner::http
