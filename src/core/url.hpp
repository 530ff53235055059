// Url: an absolute URL in canonical text form, parsed and resolved with curl's
// URL API (CURLU) rather than string surgery. A vocabulary type with no I/O.
#pragma once

#include <string>
#include <string_view>

#include "core/result.hpp"

namespace gleaner {

class Url {
 public:
  // Parses an absolute URL. The result is canonical: scheme and host in lower
  // case, default port and fragment dropped, dot-segments removed.
  static Result<Url> parse(std::string_view text);

  // Resolves a link (relative or absolute, as found in an href) against this
  // URL, the way a browser does; leading and trailing whitespace is ignored.
  Result<Url> resolve(std::string_view reference) const;

  const std::string& str() const { return text_; }
  const std::string& scheme() const { return scheme_; }
  const std::string& host() const { return host_; }
  bool is_http() const { return scheme_ == "http" || scheme_ == "https"; }

  // "scheme://host[:port]": what robots.txt and the same-origin rules are per.
  std::string_view origin() const;
  // Everything after the origin: "/a/b?x=1" (never empty for http URLs).
  std::string_view path_and_query() const;

  friend bool operator==(const Url& a, const Url& b) { return a.text_ == b.text_; }

 private:
  Url(std::string text, std::string scheme, std::string host)
      : text_(std::move(text)), scheme_(std::move(scheme)), host_(std::move(host)) {}

  std::string text_;
  std::string scheme_;
  std::string host_;

  friend class UrlBuilder;
};

}  // namespace gleaner
