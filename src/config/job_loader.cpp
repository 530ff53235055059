#include "config/job_loader.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <tuple>

#include "config/diagnostics.hpp"
#include "config/job_checks.hpp"
#include "config/job_schema.hpp"
#include "config/json_locations.hpp"
#include "config/json_reader.hpp"

namespace gleaner::config {
namespace {

struct FileCloser {
  void operator()(std::FILE* file) const { std::fclose(file); }
};

Error unreadable(const std::string& path, int error_number) {
  return make_error(error_number == ENOENT ? ErrorKind::not_found : ErrorKind::io,
                    path + ": cannot read job file: " + std::strerror(error_number));
}

Result<std::string> read_file(const std::string& path) {
  std::unique_ptr<std::FILE, FileCloser> file(std::fopen(path.c_str(), "rb"));
  if (!file) return unreadable(path, errno);
  std::string text;
  char buffer[8192];
  std::size_t count = 0;
  while ((count = std::fread(buffer, 1, sizeof buffer, file.get())) > 0) text.append(buffer, count);
  // fopen succeeds on a directory; the read is what fails (EISDIR).
  if (std::ferror(file.get())) return unreadable(path, errno);
  return text;
}

// One message holding every schema problem, one per line.
Error schema_errors(const std::string& source_name, const Diagnostics& sink) {
  std::string message;
  for (const Diagnostic& diagnostic : sink.all()) {
    if (!message.empty()) message += '\n';
    message += format_diagnostic(source_name, diagnostic);
  }
  return make_error(ErrorKind::invalid_argument, std::move(message));
}

// One line per diagnostic, with the line and column of its value in `text`,
// in file order: the schema reports an object's missing keys after its
// members, and warnings come from checks run one after another.
std::vector<std::string> located_lines(std::string_view text, const std::string& source_name,
                                       const std::vector<Diagnostic>& diagnostics, Severity severity) {
  std::vector<JsonPointer> wanted;
  for (const Diagnostic& diagnostic : diagnostics) wanted.push_back(diagnostic.where);
  const JsonLocations locations(text, wanted);
  struct Located {
    std::optional<TextPosition> position;
    const Diagnostic* diagnostic;
  };
  std::vector<Located> located;
  for (const Diagnostic& diagnostic : diagnostics) located.push_back({locations.find(diagnostic.where), &diagnostic});
  // Stable: problems about one value keep the order they were found in; any not located go last.
  std::stable_sort(located.begin(), located.end(), [](const Located& a, const Located& b) {
    if (!a.position || !b.position) return a.position.has_value() && !b.position.has_value();
    return std::tie(a.position->line, a.position->column) < std::tie(b.position->line, b.position->column);
  });
  std::vector<std::string> lines;
  for (const Located& entry : located) {
    lines.push_back(format_diagnostic(source_name, *entry.diagnostic, entry.position, severity));
  }
  return lines;
}

}  // namespace

Result<Job> load_job(const std::string& path) {
  Result<std::string> text = read_file(path);
  if (!text) return text.error();
  return parse_job(*text, path);
}

Result<Job> parse_job(std::string_view text, const std::string& source_name) {
  Result<Json> document = read_json(text, source_name);
  if (!document) return document.error();
  Diagnostics sink;
  Job job = read_job(*document, sink);
  if (!sink.empty()) return schema_errors(source_name, sink);
  job.source_path = source_name;
  return job;
}

JobCheck check_job_file(const std::string& path) {
  Result<std::string> text = read_file(path);
  if (!text) {
    JobCheck check;
    check.errors.push_back(text.error().message);
    return check;
  }
  return check_job_text(*text, path);
}

JobCheck check_job_text(std::string_view text, const std::string& source_name) {
  JobCheck check;
  Result<Json> document = read_json(text, source_name);
  if (!document) {
    check.errors.push_back(document.error().message);  // already "file:line:column: invalid JSON: ..."
    return check;
  }
  Diagnostics sink;
  Job job = read_job(*document, sink);
  if (!sink.empty()) {
    check.errors = located_lines(text, source_name, sink.all(), Severity::error);
    return check;
  }
  job.source_path = source_name;
  check.warnings = located_lines(text, source_name, find_unreachable_parts(job), Severity::warning);
  check.job = std::move(job);
  return check;
}

}  // namespace gleaner::config
