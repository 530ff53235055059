#include "crawl/scope.hpp"

#include <algorithm>

#include "crawl/registrable_domain.hpp"

namespace gleaner::crawl {
namespace {

bool host_within(std::string_view host, std::string_view domain) {
  if (host == domain) return true;
  return host.size() > domain.size() && host.ends_with(domain) &&
         host[host.size() - domain.size() - 1] == '.';
}

std::string ascii_lower(std::string text) {
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return text;
}

}  // namespace

Scope::Scope(std::vector<std::string> allowed_domains, const std::vector<Url>& start_urls) {
  for (std::string& domain : allowed_domains) domains_.push_back({ascii_lower(std::move(domain)), true});
  if (!domains_.empty()) return;
  for (const Url& url : start_urls) {
    Domain domain;
    if (auto registrable = registrable_domain(url.host())) {
      domain = {std::move(*registrable), true};
    } else {
      domain = {url.host(), false};
    }
    const bool known = std::any_of(domains_.begin(), domains_.end(), [&](const Domain& other) {
      return other.name == domain.name && other.with_subdomains == domain.with_subdomains;
    });
    if (!known) domains_.push_back(std::move(domain));
  }
}

OutOfScope Scope::check(const Url& url) const {
  if (!url.is_http()) return OutOfScope::scheme;
  for (const Domain& domain : domains_) {
    if (domain.with_subdomains ? host_within(url.host(), domain.name) : url.host() == domain.name) {
      return OutOfScope::none;
    }
  }
  return OutOfScope::domain;
}

}  // namespace gleaner::crawl
