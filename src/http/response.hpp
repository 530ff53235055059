// Response: the outcome of one fetch. Transport failures are values here,
// not exceptions: a timeout or reset is a normal outcome of crawling.
#pragma once

#include <string>
#include <string_view>

namespace gleaner::http {

enum class TransportError {
  none,
  timeout,
  dns,                 // host name did not resolve
  connect,             // refused, unreachable
  too_many_redirects,  // loop or over the limit
  redirect_refused,    // Request::check_redirect said no
  too_large,           // body over max_body_bytes (after decompression)
  tls,
  blocked_address,     // a non-public address the job does not allow
  network,             // reset, truncated, bad framing, bad encoding
  abandoned,           // HttpClient::abandon_all(): the crawl stopped before it finished
  other,
};

std::string_view to_string(TransportError error);

struct Response {
  std::string url;        // as requested
  std::string final_url;  // after redirects
  long status = 0;        // 0 when no HTTP response arrived
  std::string content_type;
  std::string retry_after;  // the Retry-After header as sent, for 429 and 503
  // The final response's validators as sent, quotes and W/ included: what a
  // later fetch of the URL puts in Request::if_none_match / if_modified_since.
  std::string etag;
  std::string last_modified;
  std::string body;       // decoded (decompressed) bytes
  TransportError error = TransportError::none;
  std::string error_message;  // "GET http://...: timed out after 30 s (0 bytes received)"
  double seconds = 0;
  // How the answer travelled, for --stats: the HTTP version that served it
  // ("1.1", "2"; "" when no response arrived) and the connections curl had
  // to open for it, every redirect hop included (0: it reused one).
  std::string http_version;
  long connections_opened = 0;

  bool failed() const { return error != TransportError::none; }
  // 304: the validators sent still match; the body is empty, the stored copy current.
  bool not_modified() const { return !failed() && status == 304; }
};

}  // namespace gleaner::http
