#include "output/csv_columns.hpp"

#include <algorithm>
#include <optional>

namespace gleaner::output {
namespace {

// "a" -> "b" for messages: the field path as the job nests it.
std::string describe_path(const std::vector<std::string>& path) {
  std::string text;
  for (const std::string& key : path) text += (text.empty() ? "\"" : " -> \"") + key + "\"";
  return text;
}

class ColumnList {
 public:
  void add(std::vector<std::string> path) {
    std::string name;
    for (const std::string& key : path) name += (name.empty() ? "" : ".") + key;
    const auto known = std::find_if(columns_.begin(), columns_.end(),
                                    [&name](const CsvColumn& column) { return column.name == name; });
    if (known == columns_.end()) {
      columns_.push_back(CsvColumn{std::move(name), std::move(path)});
    } else if (known->path != path && !collision_) {
      collision_ = "CSV column \"" + name + "\" would hold two different fields, " + describe_path(known->path) +
                   " and " + describe_path(path) + "; rename one of them";
    }
  }

  void add_field(const config::FieldRule& field, std::vector<std::string> parents) {
    parents.push_back(field.name);
    if (field.shape != config::FieldShape::object || field.all) {
      add(std::move(parents));
      return;
    }
    for (const config::FieldRule& child : field.fields) add_field(child, parents);
  }

  Result<std::vector<CsvColumn>> take() {
    if (collision_) return make_error(ErrorKind::invalid_argument, *collision_);
    return std::move(columns_);
  }

 private:
  std::vector<CsvColumn> columns_;
  std::optional<std::string> collision_;  // the first one found
};

}  // namespace

Result<std::vector<CsvColumn>> csv_columns(const std::vector<config::ItemRule>& rules) {
  ColumnList columns;
  for (const config::ItemRule& rule : rules) {
    for (const std::string& name : rule.metadata) columns.add({name});
    for (const config::FieldRule& field : rule.fields) columns.add_field(field, {});
  }
  return columns.take();
}

}  // namespace gleaner::output
