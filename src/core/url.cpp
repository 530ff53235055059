#include "core/url.hpp"

#include <curl/curl.h>

#include <memory>

#include "core/percent_encoding.hpp"

namespace gleaner {
namespace {

using percent::append_encoded;
using percent::hex_value;
using percent::is_unreserved;

struct UrlHandleDeleter {
  void operator()(CURLU* handle) const { curl_url_cleanup(handle); }
};
using UrlHandle = std::unique_ptr<CURLU, UrlHandleDeleter>;

struct CurlString {
  char* text = nullptr;
  ~CurlString() { curl_free(text); }
};

// Browsers strip leading and trailing ASCII whitespace (and C0 controls)
// from an href before parsing it: WHATWG URL Standard, "basic URL parser".
std::string_view strip_c0_and_space(std::string_view text) {
  auto is_junk = [](char c) { return static_cast<unsigned char>(c) <= 0x20; };
  while (!text.empty() && is_junk(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_junk(text.back())) text.remove_suffix(1);
  return text;
}

std::string ascii_lower(std::string text) {
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return text;
}

Error url_error(std::string_view text, CURLUcode code) {
  return make_error(ErrorKind::parse, "invalid URL \"" + std::string(text) +
                                          "\": " + curl_url_strerror(code));
}

// Bytes that may not appear raw in a URL (RFC 3986 §2.1) and that browsers
// encode in paths and queries (WHATWG URL, "percent-encode sets").
bool must_encode(unsigned char c) {
  return c <= 0x20 || c >= 0x7f || c == '"' || c == '<' || c == '>';
}

// RFC 3986 §6.2.2.1 and §6.2.2.2: "%7e" and "%7E" become "~", "%2f" becomes
// "%2F". A '%' not followed by two hex digits is left as written, as
// browsers leave it: rewriting it would change what the server receives.
std::string normalise_percent_encoding(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 && hex_value(text[i + 2]) >= 0) {
      const auto byte = static_cast<unsigned char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
      if (is_unreserved(byte)) {
        out += static_cast<char>(byte);
      } else {
        append_encoded(out, byte);
      }
      i += 2;
    } else if (must_encode(c)) {
      append_encoded(out, c);
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

}  // namespace

// Reads the canonical parts back out of a CURLU handle.
class UrlBuilder {
 public:
  static Result<Url> from_handle(CURLU* handle, std::string_view original) {
    // Fragments never reach the server, so two URLs that differ only there
    // name the same resource.
    curl_url_set(handle, CURLUPART_FRAGMENT, nullptr, 0);

    CurlString host;
    CURLUcode code = curl_url_get(handle, CURLUPART_HOST, &host.text, 0);
    if (code != CURLUE_OK) return url_error(original, code);
    std::string lower_host = ascii_lower(host.text);
    curl_url_set(handle, CURLUPART_HOST, lower_host.c_str(), 0);

    CurlString scheme;
    code = curl_url_get(handle, CURLUPART_SCHEME, &scheme.text, 0);
    if (code != CURLUE_OK) return url_error(original, code);

    CurlString full;
    code = curl_url_get(handle, CURLUPART_URL, &full.text, CURLU_NO_DEFAULT_PORT);
    if (code != CURLUE_OK) return url_error(original, code);

    // Percent-encoding is normalised in the text and the whole URL parsed
    // again: curl 7.88 lower-cases hex digits in a part set on its own, and a
    // "%2E%2E" decoded to ".." is a dot-segment to remove (RFC 3986 §6.2.2.3),
    // which curl does only when it parses a whole URL.
    const std::string normal = normalised_text(handle, full.text);
    if (normal != full.text) {
      code = curl_url_set(handle, CURLUPART_URL, normal.c_str(), CURLU_NON_SUPPORT_SCHEME);
      if (code != CURLUE_OK) return url_error(original, code);
      CurlString again;
      code = curl_url_get(handle, CURLUPART_URL, &again.text, CURLU_NO_DEFAULT_PORT);
      if (code != CURLUE_OK) return url_error(original, code);
      std::swap(full.text, again.text);
    }
    return Url(full.text, ascii_lower(scheme.text), std::move(lower_host));
  }

 private:
  // `full` with path and query in canonical percent-encoding and no empty query.
  static std::string normalised_text(CURLU* handle, std::string_view full) {
    CurlString path;
    CurlString query;
    if (curl_url_get(handle, CURLUPART_PATH, &path.text, 0) != CURLUE_OK) return std::string(full);
    const bool has_query = curl_url_get(handle, CURLUPART_QUERY, &query.text, 0) == CURLUE_OK;
    // curl writes scheme://authority then the path: the origin ends where the
    // path (or a query, for a path-less URL) begins.
    const std::size_t authority = full.find("://");
    if (authority == std::string_view::npos) return std::string(full);  // "mailto:", "data:"...
    std::string text(full.substr(0, full.find_first_of("/?", authority + 3)));
    text += normalise_percent_encoding(path.text);
    if (has_query && *query.text != '\0') text += "?" + normalise_percent_encoding(query.text);
    return text;
  }
};

std::string_view Url::origin() const {
  // The text starts with the scheme, so "://" can only follow it. This is on
  // every link's path (scope, query rules): a plain scan, not find_first_of,
  // which calls memchr once per byte.
  const std::string_view text = text_;
  const std::size_t authority = scheme_.size();
  if (text.substr(authority, 3) != "://") return text;
  std::size_t end = authority + 3;
  while (end < text.size() && text[end] != '/' && text[end] != '?') ++end;
  return text.substr(0, end);
}

std::string_view Url::path_and_query() const {
  return std::string_view(text_).substr(origin().size());
}

std::string_view Url::path() const {
  const std::string_view rest = path_and_query();
  return rest.substr(0, rest.find('?'));
}

std::string_view Url::query() const {
  // A '?' ends the authority (RFC 3986 §3.2), so the first one in a URL with
  // "://" starts its query: one search, as every followed link asks this.
  const std::string_view text = text_;
  if (text.substr(scheme_.size(), 3) != "://") return {};
  const std::size_t mark = text.find('?');
  return mark == std::string_view::npos ? std::string_view() : text.substr(mark + 1);
}

Result<Url> Url::with_query(std::string_view query) const {
  UrlHandle handle(curl_url());
  if (!handle) return make_error(ErrorKind::io, "out of memory parsing a URL");
  CURLUcode code = curl_url_set(handle.get(), CURLUPART_URL, text_.c_str(), CURLU_NON_SUPPORT_SCHEME);
  if (code != CURLUE_OK) return url_error(text_, code);
  const std::string owned(query);
  code = curl_url_set(handle.get(), CURLUPART_QUERY, owned.empty() ? nullptr : owned.c_str(), 0);
  if (code != CURLUE_OK) return url_error(query, code);
  return UrlBuilder::from_handle(handle.get(), text_);
}

Result<Url> Url::parse(std::string_view text) {
  text = strip_c0_and_space(text);
  UrlHandle handle(curl_url());
  if (!handle) return make_error(ErrorKind::io, "out of memory parsing a URL");
  const std::string owned(text);
  // CURLU_ALLOW_SPACE: pages put raw spaces in hrefs; browsers encode them.
  const CURLUcode code = curl_url_set(handle.get(), CURLUPART_URL, owned.c_str(),
                                      CURLU_NON_SUPPORT_SCHEME | CURLU_ALLOW_SPACE);
  if (code != CURLUE_OK) return url_error(text, code);
  return UrlBuilder::from_handle(handle.get(), text);
}

Result<Url> Url::resolve(std::string_view reference) const {
  reference = strip_c0_and_space(reference);
  // An empty or fragment-only reference names this very document (RFC 3986
  // §5.2.2). curl 7.88 resolves "#top" against the directory instead.
  if (reference.empty() || reference.front() == '#') return *this;
  UrlHandle handle(curl_url());
  if (!handle) return make_error(ErrorKind::io, "out of memory parsing a URL");
  CURLUcode code = curl_url_set(handle.get(), CURLUPART_URL, text_.c_str(), 0);
  if (code != CURLUE_OK) return url_error(text_, code);
  const std::string owned(reference);
  code = curl_url_set(handle.get(), CURLUPART_URL, owned.c_str(),
                      CURLU_NON_SUPPORT_SCHEME | CURLU_ALLOW_SPACE);
  if (code != CURLUE_OK) return url_error(reference, code);
  return UrlBuilder::from_handle(handle.get(), reference);
}

}  // namespace gleaner
