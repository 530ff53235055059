// Request and ClientOptions: what HttpClient::fetch is asked to do.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <optional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

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
  // Set: the body of a 2xx answer goes here, chunk by chunk as it is decoded,
  // instead of into Response::body, and ClientOptions::max_body_bytes does not
  // apply (the consumer keeps its own limit). Bodies of other statuses
  // (redirect hops, 404 pages) are never handed over. Returning false (or
  // throwing) aborts the transfer: the fetch fails with TransportError::other.
  // Called on the loop thread, from inside curl: it must not co_await.
  std::function<bool(std::string_view chunk)> on_body;
  // Validators from the last time this URL was fetched (Response::etag and
  // ::last_modified), sent verbatim as If-None-Match / If-Modified-Since on
  // every hop of this request only; empty: not sent. A server whose copy still
  // matches answers 304 Not Modified, without a body (RFC 9110 §13.1).
  std::string if_none_match;
  std::string if_modified_since;
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
  // Sent with every request. Authorization, Cookie and Proxy-Authorization
  // are dropped on a redirect hop to another origin (scheme, host, port).
  std::vector<std::pair<std::string, std::string>> headers;
  bool cookies = true;      // curl's cookie engine, one jar per client
  std::string cookie_file;  // Netscape cookies.txt loaded into the jar once
  std::string proxy;        // empty: no proxy, whatever the environment says
  bool verify_tls = true;
  // Abandon a transfer slower than low_speed_limit bytes/s for low_speed_time; 0 s: never.
  long low_speed_limit = 100;
  std::chrono::seconds low_speed_time{15};
};

}  // namespace gleaner::http
