#include "core/url.hpp"

#include <curl/curl.h>

#include <memory>

namespace gleaner {
namespace {

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
    return Url(full.text, ascii_lower(scheme.text), std::move(lower_host));
  }
};

std::string_view Url::origin() const {
  const std::size_t authority = text_.find("://");
  if (authority == std::string::npos) return text_;
  const std::size_t path = text_.find_first_of("/?", authority + 3);
  return std::string_view(text_).substr(0, path);
}

std::string_view Url::path_and_query() const {
  return std::string_view(text_).substr(origin().size());
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
