#include "http/transfer.hpp"

#include <sys/socket.h>

#include <algorithm>
#include <cstdio>
#include <exception>

namespace gleaner::http {
namespace {

TransportError classify(CURLcode code) {
  switch (code) {
    case CURLE_OK: return TransportError::none;
    case CURLE_OPERATION_TIMEDOUT: return TransportError::timeout;
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY: return TransportError::dns;
    case CURLE_COULDNT_CONNECT: return TransportError::connect;
    case CURLE_TOO_MANY_REDIRECTS: return TransportError::too_many_redirects;
    case CURLE_FILESIZE_EXCEEDED: return TransportError::too_large;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE: return TransportError::tls;
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
    case CURLE_BAD_CONTENT_ENCODING:
    case CURLE_WEIRD_SERVER_REPLY:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM: return TransportError::network;
    default: return TransportError::other;
  }
}

std::string format_seconds(double seconds) {
  char text[32];
  std::snprintf(text, sizeof text, seconds < 10 ? "%.1f s" : "%.0f s", seconds);
  return text;
}

// A header of the last response of the transfer (request -1: after any
// interim 1xx), as sent; "" when absent.
std::string last_header(CURL* easy, const char* name) {
  curl_header* header = nullptr;
  if (curl_easy_header(easy, name, 0, CURLH_HEADER, -1, &header) != CURLHE_OK) return "";
  return header->value;
}

// CURLINFO_HTTP_VERSION as --stats names it; "" before any response arrived.
std::string version_name(long version) {
  switch (version) {
    case CURL_HTTP_VERSION_1_0: return "1.0";
    case CURL_HTTP_VERSION_1_1: return "1.1";
    case CURL_HTTP_VERSION_2_0: return "2";
    case CURL_HTTP_VERSION_3: return "3";
    default: return "";
  }
}

}  // namespace

std::string_view to_string(TransportError error) {
  switch (error) {
    case TransportError::none: return "none";
    case TransportError::timeout: return "timeout";
    case TransportError::dns: return "dns";
    case TransportError::connect: return "connect";
    case TransportError::too_many_redirects: return "too many redirects";
    case TransportError::redirect_refused: return "redirect refused";
    case TransportError::too_large: return "too large";
    case TransportError::tls: return "tls";
    case TransportError::blocked_address: return "blocked address";
    case TransportError::network: return "network";
    case TransportError::abandoned: return "abandoned";
    case TransportError::other: return "other";
  }
  return "other";
}

Transfer::Transfer(loop::EventLoop& loop, CurlMulti& multi, CURL* easy, const Request& request,
                   std::size_t max_body_bytes, const AddressPolicy* addresses)
    : loop_(loop),
      multi_(multi),
      easy_(easy),
      max_body_bytes_(max_body_bytes),
      consumer_(request.on_body),
      addresses_(addresses) {
  // A streamed body is bounded by its consumer, not by max_body_bytes (which
  // still caps whatever is buffered, in buffer_body).
  if (consumer_) curl_easy_setopt(easy_, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(0));
  curl_easy_setopt(easy_, CURLOPT_WRITEFUNCTION, &Transfer::on_body);
  curl_easy_setopt(easy_, CURLOPT_WRITEDATA, this);
  if (addresses_) {
    curl_easy_setopt(easy_, CURLOPT_OPENSOCKETFUNCTION, &Transfer::on_open_socket);
    curl_easy_setopt(easy_, CURLOPT_OPENSOCKETDATA, this);
  }
  curl_easy_setopt(easy_, CURLOPT_ERRORBUFFER, error_buffer_);
}

Transfer::~Transfer() {
  // A coroutine destroyed mid-transfer (shutdown) must not leave curl
  // writing into freed memory.
  if (in_flight_) multi_.remove(easy_);
  curl_easy_setopt(easy_, CURLOPT_ERRORBUFFER, nullptr);
}

void Transfer::await_suspend(std::coroutine_handle<> handle) {
  waiter_ = handle;
  in_flight_ = true;
  multi_.add(easy_, this);
}

void Transfer::finished(CURLcode result) {
  in_flight_ = false;
  result_ = result;
  loop_.schedule(waiter_);
}

std::size_t Transfer::on_body(char* data, std::size_t size, std::size_t count, void* self) noexcept {
  auto& transfer = *static_cast<Transfer*>(self);
  const std::size_t bytes = size * count;
  if (transfer.route_ == BodyRoute::undecided) transfer.route_ = transfer.route_body();
  const std::size_t taken =
      transfer.route_ == BodyRoute::stream ? transfer.stream_body(data, bytes) : transfer.buffer_body(data, bytes);
  transfer.received_ += taken;
  return taken;  // short of `bytes`: curl aborts with CURLE_WRITE_ERROR
}

// Redirects are followed hop by hop (HttpClient::fetch), so each hop is a
// transfer of its own and the status read at its first body byte is final.
Transfer::BodyRoute Transfer::route_body() noexcept {
  if (!consumer_) return BodyRoute::buffer;
  long status = 0;
  curl_easy_getinfo(easy_, CURLINFO_RESPONSE_CODE, &status);
  // Only a 2xx body is the document: a redirect's or an error page's is not.
  return status >= 200 && status <= 299 ? BodyRoute::stream : BodyRoute::buffer;
}

std::size_t Transfer::buffer_body(const char* data, std::size_t bytes) noexcept {
  // CURLOPT_MAXFILESIZE only checks Content-Length; chunked and compressed
  // bodies are capped here, on the decoded bytes.
  if (body_.size() + bytes > max_body_bytes_) {
    body_too_large_ = true;
    return 0;
  }
  try {
    // One allocation for the whole body when its length is announced
    // (compressed: a lower bound), instead of a doubling for every few blocks.
    if (body_.empty()) {
      curl_off_t announced = -1;
      curl_easy_getinfo(easy_, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &announced);
      if (announced > 0) body_.reserve(std::min(static_cast<std::size_t>(announced), max_body_bytes_));
    }
    body_.append(data, bytes);
  } catch (...) {
    return 0;
  }
  return bytes;
}

std::size_t Transfer::stream_body(const char* data, std::size_t bytes) noexcept {
  try {
    if (consumer_(std::string_view(data, bytes))) return bytes;
    consumer_error_ = "stopped by the body reader";
  } catch (const std::exception& error) {
    try {
      consumer_error_ = std::string("the body reader failed (") + error.what() + ")";
    } catch (...) {
    }
  } catch (...) {
  }
  if (consumer_error_.empty()) consumer_error_ = "aborted";  // fits the small-string buffer: cannot throw
  return 0;
}

// CURLOPT_OPENSOCKETFUNCTION: the last moment before connect(), with the
// address DNS (or a numeric host) produced, for every hop of a redirect chain.
curl_socket_t Transfer::on_open_socket(void* self, curlsocktype, curl_sockaddr* address) noexcept {
  auto& transfer = *static_cast<Transfer*>(self);
  Endpoint endpoint;
  if (endpoint_of(&address->addr, endpoint) && !transfer.addresses_->permits(endpoint)) {
    try {
      transfer.blocked_endpoint_ = to_string(endpoint);
    } catch (...) {
    }
    return CURL_SOCKET_BAD;  // curl fails the transfer with CURLE_COULDNT_CONNECT
  }
  return socket(address->family, address->socktype | SOCK_CLOEXEC, address->protocol);
}

Response Transfer::take_response(const Request& request) {
  Response response;
  response.url = request.url;
  long status = 0;
  curl_easy_getinfo(easy_, CURLINFO_RESPONSE_CODE, &status);
  response.status = status;
  char* final_url = nullptr;
  curl_easy_getinfo(easy_, CURLINFO_EFFECTIVE_URL, &final_url);
  response.final_url = final_url ? final_url : request.url;
  char* content_type = nullptr;
  curl_easy_getinfo(easy_, CURLINFO_CONTENT_TYPE, &content_type);
  if (content_type) response.content_type = content_type;
  curl_easy_getinfo(easy_, CURLINFO_TOTAL_TIME, &response.seconds);
  response.retry_after = last_header(easy_, "Retry-After");
  response.etag = last_header(easy_, "ETag");
  response.last_modified = last_header(easy_, "Last-Modified");
  long version = 0;
  curl_easy_getinfo(easy_, CURLINFO_HTTP_VERSION, &version);
  response.http_version = version_name(version);
  curl_easy_getinfo(easy_, CURLINFO_NUM_CONNECTS, &response.connections_opened);

  response.error = body_too_large_ ? TransportError::too_large : classify(result_);
  if (!consumer_error_.empty()) response.error = TransportError::other;
  if (result_ == CurlMulti::abandoned_result) response.error = TransportError::abandoned;
  if (!blocked_endpoint_.empty() && result_ != CURLE_OK) response.error = TransportError::blocked_address;
  if (response.failed()) {
    std::string what;
    switch (response.error) {
      case TransportError::timeout:
        // curl reports a stall (CURLOPT_LOW_SPEED_*) as a timeout too; its
        // message is the only place that tells the two apart.
        what = std::string_view(error_buffer_).find("too slow") != std::string_view::npos
                   ? "stalled: " + std::string(error_buffer_)
                   : "timed out after " + format_seconds(response.seconds);
        what += " (" + std::to_string(received_) + " bytes received)";
        break;
      case TransportError::too_large:
        what = "body larger than the limit of " + std::to_string(max_body_bytes_) + " bytes";
        break;
      case TransportError::abandoned:
        what = "abandoned when the crawl stopped (" + std::to_string(received_) + " bytes received)";
        break;
      case TransportError::blocked_address:
        what = "refused to connect to " + blocked_endpoint_ +
               ": not a public address (a job allows it with http.allow_private_addresses)";
        break;
      default:
        what = error_buffer_[0] != '\0' ? error_buffer_ : curl_easy_strerror(result_);
        break;
    }
    if (!consumer_error_.empty()) {
      what = consumer_error_ + " after " + std::to_string(received_) + " body bytes";
    }
    response.error_message = "GET " + request.url + ": " + what;
    body_.clear();
  }
  response.body = std::move(body_);
  return response;
}

}  // namespace gleaner::http
