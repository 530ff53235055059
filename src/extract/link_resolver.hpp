// LinkResolver: Url::resolve for the links of one page, with a per-thread
// memory of recent answers. A site's navigation repeats the same hundred-odd
// links on every page, and resolving one through libcurl's URL API (parse the
// base, merge, then canonicalise) costs microseconds each: over a crawl that
// was an eighth of all CPU. The answer depends only on the link and on the
// part of the base that the link's form uses, so that part keys the memory:
//   "https://x/y" (absolute)      the link alone
//   "//host/y"    (network-path)  the base's scheme
//   "/y"          (absolute-path) the base's origin
//   "y", "../y"   (relative-path) the base up to the last '/' of its path
// Anything else ("?q", odd forms) is resolved afresh each time.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "core/url.hpp"

namespace gleaner::extract {

class LinkResolver {
 public:
  // `base` must outlive the resolver. The base's parts that key the memory
  // are found (and hashed) here, once per page rather than once per link.
  explicit LinkResolver(const Url& base);

  // nullopt: not a URL (what Url::resolve reports as an error).
  std::optional<Url> resolve(std::string_view href) const;

  // The part of the base a link of this form reads, with its hash.
  struct BasePart {
    std::string_view text;
    std::uint64_t hash = 0;
  };

 private:
  std::optional<BasePart> base_part(std::string_view href) const;

  const Url& base_;
  BasePart absolute_;       // "": the link alone
  BasePart scheme_;         // for "//host/y"
  BasePart origin_;         // for "/y"
  std::optional<BasePart> directory_;  // for "y"; none when the path has no '/'
};

// One link, as LinkResolver(base).resolve(href).
std::optional<Url> resolve_link(const Url& base, std::string_view href);

}  // namespace gleaner::extract
