// Scope: which URLs a job may visit at all (scheme and allowed domains).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/url.hpp"

namespace gleaner::crawl {

enum class OutOfScope {
  none,
  scheme,  // not http or https
  domain,  // host not in allowed_domains
};

class Scope {
 public:
  // Empty `allowed_domains`: the hosts of the start URLs.
  Scope(std::vector<std::string> allowed_domains, const std::vector<Url>& start_urls);

  // A host matches a domain when equal to it or a subdomain of it
  // ("shop.test" allows "www.shop.test" but not "myshop.test").
  OutOfScope check(const Url& url) const;

 private:
  std::vector<std::string> domains_;
};

}  // namespace gleaner::crawl
