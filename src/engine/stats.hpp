// Stats: what a run did, counted by the engine and summarised by the CLI.
#pragma once

#include <cstddef>

namespace gleaner::engine {

struct Stats {
  std::size_t pages_fetched = 0;      // HTTP responses received, any status
  std::size_t items = 0;              // records handed to the dataset
  std::size_t transport_errors = 0;   // final failures: timeouts, resets, refused, too large...
  std::size_t http_errors = 0;        // final status outside 2xx
  std::size_t retries = 0;            // attempts after the first
  std::size_t robots_disallowed = 0;  // URLs robots.txt kept us from fetching
  std::size_t skipped_not_html = 0;   // 2xx responses that were not HTML
  std::size_t links_queued = 0;       // new URLs admitted to the frontier
  double seconds = 0;
  bool interrupted = false;           // stopped early by request_stop()
  bool output_failed = false;         // the dataset could not be written

  std::size_t errors() const { return transport_errors + http_errors; }
};

}  // namespace gleaner::engine
