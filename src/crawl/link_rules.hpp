// LinkRules: a job's rules for which links the frontier follows, beyond scope
// and depth: allow/deny patterns (RE2), a URL length cap, the trap guard and
// the job's own query canonicalisation.
#pragma once

#include <cstddef>
#include <memory>
#include <vector>

#include "core/url.hpp"
#include "crawl/query_rules.hpp"

namespace re2 {
class RE2;
}

namespace gleaner::crawl {

using UrlPatterns = std::vector<std::shared_ptr<const re2::RE2>>;

// URLs containing a match of `pattern` are fetched before those of a lower
// priority (default 0), whatever their depth; the first matching rule counts.
struct PriorityRule {
  std::shared_ptr<const re2::RE2> pattern;
  int priority = 0;
};

struct LinkRules {
  UrlPatterns allow;  // non-empty: a link must contain a match of one of them
  UrlPatterns deny;   // a link containing a match of any is refused; deny wins over allow
  std::size_t max_url_length = 2048;  // of the canonical URL, in bytes; 0: no limit
  bool trap_guard = true;             // see trap_guard.hpp
  QueryRules query;                   // applied before anything else is checked
  std::vector<PriorityRule> priority;  // empty: every URL has priority 0
};

// The first pattern with a match (unanchored search) in the URL, or nullptr.
const re2::RE2* first_match(const UrlPatterns& patterns, const Url& url);

// The priority of the first rule whose pattern matches the URL, else 0.
int priority_of(const std::vector<PriorityRule>& rules, const Url& url);

}  // namespace gleaner::crawl
