// Helpers for the item extraction tests: a Job made of an "items" array
// alone, and a page extracted with it.
#pragma once

#include <doctest/doctest.h>

#include <string>
#include <string_view>

#include "config/diagnostics.hpp"
#include "config/item_schema.hpp"
#include "config/job.hpp"
#include "extract/extractor.hpp"

namespace gleaner::testing {

// Fails the test when the items do not pass the schema.
inline config::Job job_with_items(std::string_view items) {
  config::Diagnostics sink;
  config::Job job;
  job.items = config::read_items(config::Json::parse(items), config::JsonPointer().child("items"), sink);
  for (const config::Diagnostic& problem : sink.all()) FAIL_CHECK(format_diagnostic("items", problem));
  REQUIRE(sink.empty());
  return job;
}

inline extract::Page extract_page(const config::Job& job, std::string_view html,
                                  std::string_view url = "http://shop.test/p/1") {
  return extract::Extractor(job).extract(*Url::parse(url), html);
}

// The records as compact JSON, one per record.
inline std::vector<std::string> record_texts(const extract::Page& page) {
  std::vector<std::string> texts;
  for (const extract::Record& record : page.records) texts.push_back(record.value.dump());
  return texts;
}

// The only record's value for `field`, as compact JSON.
inline std::string field_json(const extract::Page& page, const std::string& field) {
  REQUIRE(page.records.size() == 1);
  return page.records[0].value.at(field).dump();
}

}  // namespace gleaner::testing
