#include "output/csv_field.hpp"

namespace gleaner::output {

void append_csv_field(std::string& row, std::string_view text) {
  const bool quoted = text.find_first_of(",\"\r\n") != std::string_view::npos ||
                      (!text.empty() && (text.front() == ' ' || text.back() == ' '));
  if (!quoted) {
    row.append(text);
    return;
  }
  row.push_back('"');
  for (char c : text) {
    if (c == '"') row.push_back('"');
    row.push_back(c);
  }
  row.push_back('"');
}

std::string csv_header_row(const std::vector<std::string>& names) {
  std::string row;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) row.push_back(',');
    append_csv_field(row, names[i]);
  }
  return row;
}

}  // namespace gleaner::output
