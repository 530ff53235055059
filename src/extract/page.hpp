// Page: what the extractor takes out of one fetched page.
#pragma once

#include <string>
#include <vector>

#include "core/url.hpp"

namespace gleaner::extract {

struct Page {
  std::vector<std::string> records;  // one serialised JSON object per item
  std::vector<Url> links;            // resolved links the follow rules picked, in page order
  std::size_t unresolvable_links = 0;  // hrefs that are not URLs at all
};

}  // namespace gleaner::extract
