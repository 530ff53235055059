// Extractor: applies a job's follow and item rules to one fetched page.
// Pure and thread-safe: it runs on the worker pool, never on the loop thread.
#pragma once

#include <string>
#include <string_view>

#include "config/job.hpp"
#include "core/url.hpp"
#include "extract/page.hpp"

namespace gleaner::extract {

class Extractor {
 public:
  explicit Extractor(const config::Job& job) : job_(job) {}

  // `body` must be UTF-8. The parse keeps it: move it in where the caller
  // is done with it.
  Page extract(const PageContext& context, std::string body) const;

  // A page fetched at `page_url` with status 200, no redirect, at depth 0.
  Page extract(const Url& page_url, std::string_view body) const;

 private:
  const config::Job& job_;
};

}  // namespace gleaner::extract
