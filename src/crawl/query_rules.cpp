#include "crawl/query_rules.hpp"

#include <algorithm>

namespace gleaner::crawl {
namespace {

char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

std::string_view name_of(std::string_view parameter) { return parameter.substr(0, parameter.find('=')); }

}  // namespace

bool glob_matches(std::string_view glob, std::string_view name) {
  // Iterative wildcard matching: on a mismatch, let the last '*' swallow one
  // more character. Linear in practice, never exponential.
  std::size_t g = 0;
  std::size_t n = 0;
  std::size_t star = std::string_view::npos;
  std::size_t star_n = 0;
  while (n < name.size()) {
    if (g < glob.size() && (glob[g] == '?' || glob[g] == ascii_lower(name[n]))) {
      ++g;
      ++n;
    } else if (g < glob.size() && glob[g] == '*') {
      star = g++;
      star_n = n;
    } else if (star != std::string_view::npos) {
      g = star + 1;
      n = ++star_n;
    } else {
      return false;
    }
  }
  while (g < glob.size() && glob[g] == '*') ++g;
  return g == glob.size();
}

QueryRules::QueryRules(std::vector<std::string> strip, bool sort) : strip_(std::move(strip)), sort_(sort) {
  for (std::string& glob : strip_) std::transform(glob.begin(), glob.end(), glob.begin(), ascii_lower);
}

bool QueryRules::stripped(std::string_view name) const {
  return std::any_of(strip_.begin(), strip_.end(),
                     [name](const std::string& glob) { return glob_matches(glob, name); });
}

Url QueryRules::apply(const Url& url) const {
  const std::string_view query = url.query();
  if (query.empty() || empty()) return url;

  std::vector<std::string_view> kept;
  std::size_t start = 0;
  while (start <= query.size()) {
    const std::size_t end = std::min(query.find('&', start), query.size());
    const std::string_view parameter = query.substr(start, end - start);
    if (!parameter.empty() && !stripped(name_of(parameter))) kept.push_back(parameter);
    start = end + 1;
  }
  if (sort_) {
    std::stable_sort(kept.begin(), kept.end(),
                     [](std::string_view a, std::string_view b) { return name_of(a) < name_of(b); });
  }
  std::string rebuilt;
  for (const std::string_view parameter : kept) {
    if (!rebuilt.empty()) rebuilt += '&';
    rebuilt += parameter;
  }
  if (rebuilt == query) return url;
  Result<Url> changed = url.with_query(rebuilt);
  // The pieces came out of a canonical URL; putting fewer of them back cannot fail.
  return changed ? std::move(changed).value() : url;
}

}  // namespace gleaner::crawl
