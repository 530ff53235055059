// Request and ClientOptions: what HttpClient::fetch is asked to do.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <optional>
#include <memory>
#include <string>

#include "core/address_policy.hpp"

namespace gleaner::http {

// Asked before each redirect is followed, with the absolute target; a reason
// refuses it (the fetch then fails with TransportError::redirect_refused).
using RedirectCheck = std::function<std::optional<std::string>(const std::string& target)>;

struct Request {
  std::string url;      // absolute, canonical
  std::string referer;  // empty: none sent
  long max_redirects = -1;  // -1: ClientOptions::max_redirects (robots.txt uses 5)
  RedirectCheck check_redirect;  // empty: every http(s) redirect is followed
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
  // Checked on every address curl connects to; null: any address.
  std::shared_ptr<const AddressPolicy> addresses;
};

}  // namespace gleaner::http
