#include "output/dataset_writer.hpp"

#include "output/append_point.hpp"

namespace gleaner::output {

Result<DatasetWriter> DatasetWriter::open(const std::string& path, config::DatasetFormat format,
                                          config::WriteMode mode, const std::string& csv_header) {
  Framing framing = framing_for(format, csv_header);
  std::optional<AppendPoint> append_point;
  // Standard output has nothing to continue: each run writes a whole dataset.
  if (mode == config::WriteMode::append && path != "-") {
    auto found = find_append_point(path, format, csv_header);
    if (!found) return found.error();
    append_point = *found;
  }
  if (!append_point) {
    auto file = path == "-" ? Result<DatasetFile>(DatasetFile::standard_output()) : DatasetFile::create(path);
    if (!file) return file.error();
    if (auto opened = file->write(framing.opening); !opened) return opened.error();
    return DatasetWriter(std::move(*file), std::move(framing), false);
  }
  auto file = DatasetFile::continue_from(path, append_point->keep_bytes);
  if (!file) return file.error();
  if (append_point->needs_line_end) {
    if (auto ended = file->write(framing.record_end); !ended) return ended.error();
  }
  return DatasetWriter(std::move(*file), std::move(framing), append_point->has_records);
}

Result<DatasetWriter> DatasetWriter::resume(const std::string& path, config::DatasetFormat format,
                                            config::WriteMode mode, const std::string& csv_header, std::uintmax_t committed_bytes,
                                            std::uintmax_t committed_records) {
  // Standard output cannot be cut back: the rest of the run is a new dataset there.
  if (committed_bytes == 0 || path == "-") return open(path, format, mode, csv_header);
  auto file = DatasetFile::resume(path, committed_bytes);
  if (!file) return file.error();
  return DatasetWriter(std::move(*file), framing_for(format, csv_header), committed_records > 0);
}

Result<void> DatasetWriter::write(const std::vector<std::string>& records) {
  buffer_.clear();
  for (const std::string& record : records) {
    buffer_ += has_records_ ? framing_.separator : framing_.first_separator;
    buffer_ += record;
    buffer_ += framing_.record_end;
    has_records_ = true;
  }
  return file_.write(buffer_);
}

Result<void> DatasetWriter::finish() {
  if (auto closed = file_.write(has_records_ ? framing_.closing : framing_.closing_empty); !closed) {
    return closed.error();
  }
  return file_.finish();
}

}  // namespace gleaner::output
