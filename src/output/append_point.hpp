// AppendPoint: where this run's records continue an existing dataset
// (output.mode "append"), found by reading the head or tail of NAME.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "config/job.hpp"
#include "core/result.hpp"

namespace gleaner::output {

struct AppendPoint {
  std::uintmax_t keep_bytes = 0;  // NAME's leading bytes kept: all, except a JSON array's closing "]"
  bool has_records = false;       // json: the array holds records, so the next one follows a ","
  bool needs_line_end = false;    // jsonl, csv: the last line has no line end yet
};

// nullopt when NAME is missing or empty: the run starts a new file. An error
// when NAME cannot be continued in `format`: unreadable, a JSON file that is
// not an array, a CSV file whose header is not `csv_header` (without its line end).
Result<std::optional<AppendPoint>> find_append_point(const std::string& path, config::DatasetFormat format,
                                                     const std::string& csv_header);

}  // namespace gleaner::output
