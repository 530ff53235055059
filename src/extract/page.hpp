// Page: what the extractor takes out of one fetched page, and PageContext:
// what the crawl knows about that page besides its body.
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/url.hpp"

namespace gleaner::extract {

// The facts a record's metadata fields ("url", "status", ...) are taken from.
struct PageContext {
  explicit PageContext(Url page_url) : url(std::move(page_url)) {}

  Url url;                 // as requested (canonical)
  std::string final_url;   // after redirects; empty: same as url
  long status = 200;
  std::string fetched_at;  // UTC, RFC 3339
  int depth = 0;
  std::string referer;     // the page the link was found on; empty for start URLs
};

// One extracted item, not yet encoded for the dataset.
struct Record {
  std::size_t rule = 0;          // index into Job::items
  nlohmann::ordered_json value;  // a JSON object, fields in the job's order
};

// An item the rules found but did not keep: a required field was missing.
struct DroppedItem {
  std::size_t rule = 0;
  std::string reason;  // "missing required field \"price\""
};

// A value that could not be converted ("price": not a number: "call us");
// the field became null and the item was kept.
struct FieldWarning {
  std::size_t rule = 0;
  std::string field;    // path below the item: "price", "specs/weight"
  std::string message;  // the kind, for counting: "not a number"
  std::string found;    // the text that was not, for logs: "call us"
};

struct Page {
  std::vector<Record> records;
  std::vector<DroppedItem> dropped;
  std::vector<FieldWarning> warnings;
  std::vector<Url> links;              // resolved links the follow rules picked, in page order
  std::size_t unresolvable_links = 0;  // hrefs that are not URLs at all
};

}  // namespace gleaner::extract
