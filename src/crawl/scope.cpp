#include "crawl/scope.hpp"

namespace gleaner::crawl {
namespace {

bool host_within(std::string_view host, std::string_view domain) {
  if (host == domain) return true;
  return host.size() > domain.size() && host.ends_with(domain) &&
         host[host.size() - domain.size() - 1] == '.';
}

}  // namespace

Scope::Scope(std::vector<std::string> allowed_domains, const std::vector<Url>& start_urls)
    : domains_(std::move(allowed_domains)) {
  if (domains_.empty()) {
    for (const Url& url : start_urls) domains_.push_back(url.host());
  }
  for (std::string& domain : domains_) {
    for (char& c : domain) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
  }
}

OutOfScope Scope::check(const Url& url) const {
  if (!url.is_http()) return OutOfScope::scheme;
  for (const std::string& domain : domains_) {
    if (host_within(url.host(), domain)) return OutOfScope::none;
  }
  return OutOfScope::domain;
}

}  // namespace gleaner::crawl
