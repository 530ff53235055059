// QueryRules: a job's own URL canonicalisation on top of Url's (RFC 3986
// §6.2.2): query parameters removed by name or glob, and optionally sorted.
// The frontier applies them to every URL before it checks or fingerprints it.
#pragma once

#include <string>
#include <vector>

#include "core/url.hpp"

namespace gleaner::crawl {

class QueryRules {
 public:
  QueryRules() = default;
  // `strip`: parameter names or globs ('*' any run, '?' one character),
  // compared case-insensitively ("utm_*" removes "UTM_Source=x").
  // `sort`: order the remaining parameters by name; parameters with the same
  // name keep their order, since "a=1&a=2" may mean a list.
  QueryRules(std::vector<std::string> strip, bool sort);

  // The URL with the rules applied; a query left empty is dropped with its '?'.
  Url apply(const Url& url) const;

  bool empty() const { return strip_.empty() && !sort_; }

 private:
  bool stripped(std::string_view name) const;

  std::vector<std::string> strip_;  // lower case
  bool sort_ = false;
};

// Glob match of a whole name, ASCII case-insensitive; `glob` is lower case.
bool glob_matches(std::string_view glob, std::string_view name);

}  // namespace gleaner::crawl
