#include "cli/page_source.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <utility>

#include "html/charset.hpp"
#include "http/http_client.hpp"
#include "loop/event_loop.hpp"

namespace gleaner::cli {
namespace {

bool starts_with_ignoring_case(const std::string& text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    char c = text[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != prefix[i]) return false;
  }
  return true;
}

Result<std::string> read_stream(std::FILE* stream, const std::string& name) {
  std::string bytes;
  char buffer[64 * 1024];
  for (;;) {
    const std::size_t got = std::fread(buffer, 1, sizeof buffer, stream);
    bytes.append(buffer, got);
    if (got < sizeof buffer) break;
  }
  if (std::ferror(stream)) {
    return make_error(ErrorKind::io, name + ": cannot read: " + std::strerror(errno));
  }
  return bytes;
}

Result<std::string> read_file(const std::string& path) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) return make_error(ErrorKind::io, path + ": cannot read: " + std::strerror(errno));
  auto bytes = read_stream(file, path);
  std::fclose(file);
  return bytes;
}

}  // namespace

Result<std::string> read_local(const std::string& source) {
  return source == "-" ? read_stream(stdin, "standard input") : read_file(source);
}

http::Response fetch_once(http::Request request, const http::ClientOptions& options) {
  loop::EventLoop loop;
  http::HttpClient client(loop, options);
  return loop.run_until_complete(client.fetch(std::move(request)));
}

namespace {

Result<SourcePage> fetch(const std::string& url, const http::ClientOptions& options) {
  http::Request request;
  request.url = url;
  http::Response response = fetch_once(std::move(request), options);
  if (response.failed()) return make_error(ErrorKind::io, response.error_message);
  if (response.status >= 400) {
    return make_error(ErrorKind::io, "GET " + url + ": HTTP " + std::to_string(response.status));
  }
  html::DecodedBody decoded = html::decode_to_utf8(std::move(response.body), response.content_type);
  return SourcePage{std::move(decoded.utf8), response.final_url.empty() ? url : response.final_url};
}

}  // namespace

bool is_url_source(const std::string& source) {
  return starts_with_ignoring_case(source, "http://") || starts_with_ignoring_case(source, "https://");
}

Result<SourcePage> read_page(const std::string& source, const http::ClientOptions& options) {
  if (is_url_source(source)) return fetch(source, options);
  if (const auto scheme_end = source.find("://"); scheme_end != std::string::npos &&
                                                  source.find('/') > scheme_end) {
    return make_error(ErrorKind::invalid_argument,
                      source + ": only http:// and https:// URLs can be fetched");
  }
  auto bytes = read_local(source);
  if (!bytes) return bytes.error();
  // No Content-Type for a file: a BOM, <meta charset> or detection decides.
  html::DecodedBody decoded = html::decode_to_utf8(std::move(*bytes), "");
  return SourcePage{std::move(decoded.utf8), ""};
}

}  // namespace gleaner::cli
