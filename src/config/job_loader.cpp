#include "config/job_loader.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

#include "config/diagnostics.hpp"
#include "config/job_schema.hpp"
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
  // The sink holds every problem in document order; one at a time for now.
  if (!sink.empty()) {
    return make_error(ErrorKind::invalid_argument, format_diagnostic(source_name, sink.all().front()));
  }
  job.source_path = source_name;
  return job;
}

}  // namespace gleaner::config
