// RecordEncoder: one record as the bytes its dataset format stores, made on
// the extraction workers so the writer thread only writes. Line ends,
// separators and headers around records are the writer's (DatasetWriter).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "config/job.hpp"
#include "output/csv_columns.hpp"

namespace gleaner::output {

class RecordEncoder {
 public:
  virtual ~RecordEncoder() = default;
  // Thread-safe: the encoder holds no mutable state.
  virtual std::string encode(const nlohmann::ordered_json& record) const = 0;
};

// JSON Lines and JSON arrays: the record as compact JSON on one line
// (control characters escaped, other UTF-8 kept as is).
class JsonRecordEncoder final : public RecordEncoder {
 public:
  std::string encode(const nlohmann::ordered_json& record) const override;
};

// CSV: one row (without its CRLF), with a cell per column.
// Strings as they are; numbers as JSON writes them; true/false; null and
// absent values as an empty cell; lists and objects as compact JSON.
class CsvRecordEncoder final : public RecordEncoder {
 public:
  explicit CsvRecordEncoder(std::vector<CsvColumn> columns) : columns_(std::move(columns)) {}
  std::string encode(const nlohmann::ordered_json& record) const override;

 private:
  std::vector<CsvColumn> columns_;
};

// `columns` matter to csv only.
std::unique_ptr<RecordEncoder> make_record_encoder(config::DatasetFormat format, std::vector<CsvColumn> columns);

}  // namespace gleaner::output
