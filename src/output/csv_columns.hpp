// The columns of a CSV dataset, computed once from the job's item rules:
// every record of every rule has a cell in each column.
#pragma once

#include <string>
#include <vector>

#include "config/item_rule.hpp"
#include "core/result.hpp"

namespace gleaner::output {

struct CsvColumn {
  std::string name;               // the header cell: "price", "author.name"
  std::vector<std::string> path;  // keys from the record down to the cell's value
};

// The union, in order of first appearance over the rules, of each rule's
// metadata names and then its fields. A field whose shape is object and
// that is not "all" becomes one column per nested field, named
// "parent.child" (recursively); every other field is one column. Fails when
// two different values would share a column: a field named "a.b" and a
// field "b" nested in "a".
Result<std::vector<CsvColumn>> csv_columns(const std::vector<config::ItemRule>& rules);

}  // namespace gleaner::output
