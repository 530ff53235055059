#include "output/append_point.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string_view>

namespace gleaner::output {
namespace {

// How much of a JSON file's end is searched for its closing "]": room for any
// trailing whitespace a person or a tool could have left.
constexpr std::uintmax_t json_tail_bytes = 64 * 1024;
// How much of a foreign CSV header a message quotes.
constexpr std::size_t quoted_header_bytes = 200;

Error cannot_append(const std::string& path, const std::string& why) {
  return make_error(ErrorKind::invalid_argument, path + ": cannot append: " + why);
}

bool is_json_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string read_range(std::ifstream& in, std::uintmax_t from, std::uintmax_t length) {
  std::string bytes(static_cast<std::size_t>(length), '\0');
  in.seekg(static_cast<std::streamoff>(from));
  in.read(bytes.data(), static_cast<std::streamsize>(length));
  bytes.resize(static_cast<std::size_t>(in.gcount()));
  return bytes;
}

Result<AppendPoint> after_last_line(std::ifstream& in, std::uintmax_t size) {
  const std::string last = read_range(in, size - 1, 1);
  return AppendPoint{size, true, last != "\n"};
}

Result<AppendPoint> json_append_point(const std::string& path, std::ifstream& in, std::uintmax_t size) {
  const std::string head = read_range(in, 0, std::min(size, json_tail_bytes));
  const auto first = std::find_if_not(head.begin(), head.end(), is_json_space);
  if (first == head.end() || *first != '[') return cannot_append(path, "it is not a JSON array (no \"[\" at the start)");

  const std::uintmax_t tail_start = size - std::min(size, json_tail_bytes);
  const std::string tail = read_range(in, tail_start, size - tail_start);
  std::size_t at = tail.size();
  while (at > 0 && is_json_space(tail[at - 1])) --at;
  if (at == 0 || tail[at - 1] != ']') return cannot_append(path, "it is not a JSON array (no \"]\" at the end)");
  --at;  // the "]" goes; this run's records and a new "]" follow
  while (at > 0 && is_json_space(tail[at - 1])) --at;
  const std::uintmax_t keep_bytes = tail_start + at;
  // Nothing but the opening "[" is kept: the array is empty, so no "," before the first record.
  const auto opening_end = static_cast<std::uintmax_t>(first - head.begin()) + 1;
  if (keep_bytes < opening_end) return cannot_append(path, "it is not a JSON array (no \"]\" at the end)");
  return AppendPoint{keep_bytes, keep_bytes > opening_end, false};
}

Result<AppendPoint> csv_append_point(const std::string& path, std::ifstream& in, std::uintmax_t size,
                                     const std::string& csv_header) {
  const std::string head = read_range(in, 0, std::min<std::uintmax_t>(size, csv_header.size() + 2));
  const std::string_view rest = std::string_view(head).substr(std::min(head.size(), csv_header.size()));
  const bool same = head.compare(0, csv_header.size(), csv_header) == 0 &&
                    (rest.empty() || rest.front() == '\n' || rest.substr(0, 2) == "\r\n");
  if (!same) {
    std::string found = read_range(in, 0, std::min<std::uintmax_t>(size, quoted_header_bytes));
    found = found.substr(0, found.find_first_of("\r\n"));
    return cannot_append(path, "its CSV header is \"" + found + "\" but this job writes \"" + csv_header + "\"");
  }
  return after_last_line(in, size);
}

}  // namespace

Result<std::optional<AppendPoint>> find_append_point(const std::string& path, config::DatasetFormat format,
                                                     const std::string& csv_header) {
  std::error_code error;
  const std::uintmax_t size = std::filesystem::file_size(path, error);
  if (error == std::errc::no_such_file_or_directory) return std::optional<AppendPoint>();
  if (error) return make_error(ErrorKind::io, path + ": cannot append: " + error.message());
  if (size == 0) return std::optional<AppendPoint>();

  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error(ErrorKind::io, path + ": cannot read to append: " + std::strerror(errno));
  Result<AppendPoint> point = format == config::DatasetFormat::json  ? json_append_point(path, in, size)
                              : format == config::DatasetFormat::csv ? csv_append_point(path, in, size, csv_header)
                                                                     : after_last_line(in, size);
  if (!point) return point.error();
  return std::optional<AppendPoint>(*point);
}

}  // namespace gleaner::output
