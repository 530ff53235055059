#include "output/csv_columns.hpp"

#include <algorithm>

namespace gleaner::output {
namespace {

class ColumnList {
 public:
  void add(std::vector<std::string> path) {
    std::string name;
    for (const std::string& key : path) name += (name.empty() ? "" : ".") + key;
    const bool known = std::any_of(columns_.begin(), columns_.end(),
                                   [&name](const CsvColumn& column) { return column.name == name; });
    if (!known) columns_.push_back(CsvColumn{std::move(name), std::move(path)});
  }

  void add_field(const config::FieldRule& field, std::vector<std::string> parents) {
    parents.push_back(field.name);
    if (field.shape != config::FieldShape::object || field.all) {
      add(std::move(parents));
      return;
    }
    for (const config::FieldRule& child : field.fields) add_field(child, parents);
  }

  std::vector<CsvColumn> take() { return std::move(columns_); }

 private:
  std::vector<CsvColumn> columns_;
};

}  // namespace

std::vector<CsvColumn> csv_columns(const std::vector<config::ItemRule>& rules) {
  ColumnList columns;
  for (const config::ItemRule& rule : rules) {
    for (const std::string& name : rule.metadata) columns.add({name});
    for (const config::FieldRule& field : rule.fields) columns.add_field(field, {});
  }
  return columns.take();
}

}  // namespace gleaner::output
