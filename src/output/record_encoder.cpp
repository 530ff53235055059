#include "output/record_encoder.hpp"

#include "output/csv_field.hpp"

namespace gleaner::output {
namespace {

std::string compact_json(const nlohmann::ordered_json& value) {
  // Pages are not always valid UTF-8; replace bad bytes rather than lose the record.
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// The value at `path` below `record`; null when a step is missing.
const nlohmann::ordered_json* find_cell(const nlohmann::ordered_json& record, const std::vector<std::string>& path) {
  const nlohmann::ordered_json* value = &record;
  for (const std::string& key : path) {
    if (!value->is_object()) return nullptr;
    const auto member = value->find(key);
    if (member == value->end()) return nullptr;
    value = &*member;
  }
  return value;
}

void append_cell(std::string& row, const nlohmann::ordered_json* value) {
  if (value == nullptr || value->is_null()) return;
  if (value->is_string()) {
    append_csv_field(row, value->get_ref<const std::string&>());
  } else {
    append_csv_field(row, compact_json(*value));  // numbers, true/false, lists, objects
  }
}

}  // namespace

std::string JsonRecordEncoder::encode(const nlohmann::ordered_json& record) const { return compact_json(record); }

std::string CsvRecordEncoder::encode(const nlohmann::ordered_json& record) const {
  std::string row;
  for (std::size_t i = 0; i < columns_.size(); ++i) {
    if (i > 0) row.push_back(',');
    append_cell(row, find_cell(record, columns_[i].path));
  }
  // A lone empty cell would make a blank line, which many CSV readers skip.
  if (row.empty() && columns_.size() == 1) row = "\"\"";
  return row;
}

std::unique_ptr<RecordEncoder> make_record_encoder(config::DatasetFormat format, std::vector<CsvColumn> columns) {
  if (format == config::DatasetFormat::csv) return std::make_unique<CsvRecordEncoder>(std::move(columns));
  return std::make_unique<JsonRecordEncoder>();
}

}  // namespace gleaner::output
