// CSV fields and rows as RFC 4180 writes them: CRLF line ends, fields quoted
// only when they must be.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace gleaner::output {

// Appends `text` as one field: quoted, with its quotes doubled, when it holds
// a comma, a double quote, CR or LF (RFC 4180 §2.6-2.7), or starts or ends
// with a space (which many readers would trim). UTF-8 passes as is.
void append_csv_field(std::string& row, std::string_view text);

// The header row, without its CRLF.
std::string csv_header_row(const std::vector<std::string>& names);

}  // namespace gleaner::output
