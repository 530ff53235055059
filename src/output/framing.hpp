// Framing: the bytes a dataset format writes around its records (header,
// separators, line ends, closing). Records themselves come from RecordEncoder.
#pragma once

#include <string>

#include "config/job.hpp"

namespace gleaner::output {

struct Framing {
  std::string opening;          // starts a new file: "[" (json); the header row and CRLF (csv)
  std::string first_separator;  // before the file's first record: "\n" (json)
  std::string separator;        // before each later record: ",\n" (json)
  std::string record_end;       // after each record: "\n" (jsonl), "\r\n" (csv, RFC 4180 §2.1)
  std::string closing;          // ends a file that holds records: "\n]\n" (json)
  std::string closing_empty;    // ends a file without any: "]\n" (json), so an empty run gives "[]\n"
};

// `csv_header` is the header row without its line end (csv only).
Framing framing_for(config::DatasetFormat format, const std::string& csv_header);

}  // namespace gleaner::output
