// Url: an absolute URL in canonical text form, parsed and resolved with curl's
// URL API (CURLU) rather than string surgery. A vocabulary type with no I/O.
#pragma once

#include <string>
#include <string_view>

#include "core/result.hpp"

namespace gleaner {

class Url {
 public:
  // Parses an absolute URL. The result is canonical (RFC 3986 §6.2.2): scheme
  // and host in lower case, default port, fragment and an empty "?" dropped,
  // dot-segments removed, percent-encoding normalised in path and query
  // (upper-case hex, unreserved characters decoded; spaces, controls and
  // non-ASCII bytes encoded).
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
  // "/a/b" and "x=1" (without the '?'; empty when there is no query).
  std::string_view path() const;
  std::string_view query() const;

  // This URL with its query replaced (canonical again); "" removes the query.
  Result<Url> with_query(std::string_view query) const;

  friend bool operator==(const Url& a, const Url& b) { return a.text_ == b.text_; }

  // Puts back together a Url kept apart as its str() and its host(), without
  // parsing again (the frontier queues thousands, and keeps each host's name
  // once). Both must come from one Url.
  static Url from_parts(std::string text, std::string host) {
    std::string scheme = text.substr(0, text.find(':'));
    return Url(std::move(text), std::move(scheme), std::move(host));
  }
  // str() moved out, for a caller done with the rest.
  std::string take_text() && { return std::move(text_); }

 private:
  Url(std::string text, std::string scheme, std::string host)
      : text_(std::move(text)), scheme_(std::move(scheme)), host_(std::move(host)) {}

  std::string text_;
  std::string scheme_;
  std::string host_;

  friend class UrlBuilder;
};

}  // namespace gleaner
