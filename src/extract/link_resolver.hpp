// resolve_link: Url::resolve with a per-thread memory of recent answers.
// A site's navigation repeats the same hundred-odd links on every page, and
// resolving one through libcurl's URL API (parse the base, merge, then
// canonicalise) costs microseconds each: over a crawl that was an eighth of
// all CPU. The answer depends only on the link and on the part of the base
// that the link's form uses, so that part keys the memory:
//   "https://x/y" (absolute)      the link alone
//   "//host/y"    (network-path)  the base's scheme
//   "/y"          (absolute-path) the base's origin
//   "y", "../y"   (relative-path) the base up to the last '/' of its path
// Anything else ("?q", odd forms) is resolved afresh each time.
#pragma once

#include <optional>
#include <string_view>

#include "core/url.hpp"

namespace gleaner::extract {

// nullopt: not a URL (what Url::resolve reports as an error).
std::optional<Url> resolve_link(const Url& base, std::string_view href);

}  // namespace gleaner::extract
