// One set of run figures the report tests share, with every kind of count set.
#pragma once

#include "engine/stats.hpp"

namespace gleaner::testing {

inline engine::Stats sample_stats() {
  engine::Stats stats;
  stats.pages_fetched = 12;
  stats.pages_ok = 9;
  stats.pages_by_status = {{200, 9}, {404, 1}, {503, 2}};
  stats.bytes_received = 3 * 1024 * 1024 / 2;
  stats.retries = 2;
  stats.http_errors = 1;
  stats.transport_errors = 1;
  stats.items = 7;
  stats.items_by_type = {{"book", 5}, {"card", 2}};
  stats.dropped_items = {{"book: missing required field \"price\"", 3}};
  stats.field_warnings = {{"book/rating: not a number", 2}};
  stats.links_queued = 11;
  stats.robots_disallowed = 1;
  stats.seconds = 2;
  return stats;
}

}  // namespace gleaner::testing
