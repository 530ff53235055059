#include "crawl/link_rules.hpp"

#include <re2/re2.h>

namespace gleaner::crawl {

const re2::RE2* first_match(const UrlPatterns& patterns, const Url& url) {
  for (const auto& pattern : patterns) {
    if (RE2::PartialMatch(url.str(), *pattern)) return pattern.get();
  }
  return nullptr;
}

int priority_of(const std::vector<PriorityRule>& rules, const Url& url) {
  for (const PriorityRule& rule : rules) {
    if (RE2::PartialMatch(url.str(), *rule.pattern)) return rule.priority;
  }
  return 0;
}

}  // namespace gleaner::crawl
