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
  // `allowed_domains` match themselves and their subdomains ("shop.test"
  // allows "www.shop.test" but not "myshop.test"). Empty: each start URL's
  // registrable domain (Public Suffix List) and its subdomains, so a crawl
  // started at www.shop.co.uk follows img.shop.co.uk but not other.co.uk;
  // start hosts without one (IP addresses, "localhost", public suffixes such
  // as "github.io") match only themselves.
  Scope(std::vector<std::string> allowed_domains, const std::vector<Url>& start_urls);

  OutOfScope check(const Url& url) const;

 private:
  struct Domain {
    std::string name;
    bool with_subdomains = true;
  };
  std::vector<Domain> domains_;
};

}  // namespace gleaner::crawl
