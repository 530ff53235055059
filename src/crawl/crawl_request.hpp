// CrawlRequest: one URL to fetch, as the frontier queues it.
#pragma once

#include <string>

#include "core/url.hpp"

namespace gleaner::crawl {

struct CrawlRequest {
  Url url;
  int depth = 0;        // start URLs are 0, and only they: they skip the link rules
  std::string referer;  // the page the link was found on; empty for start URLs
  int attempt = 1;      // 2 and up: a retry
  int priority = 0;     // set by the frontier from the job's priority rules
};

}  // namespace gleaner::crawl
