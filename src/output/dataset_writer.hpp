// DatasetWriter: encoded records framed in their format (header, separators,
// line ends, closing) and written to a DatasetFile, a batch per write. Used
// by DatasetSink's writer thread; not thread-safe.
#pragma once

#include <string>
#include <vector>

#include "config/job.hpp"
#include "core/result.hpp"
#include "output/dataset_file.hpp"
#include "output/framing.hpp"

namespace gleaner::output {

class DatasetWriter {
 public:
  // Starts NAME.part (or standard output for "-") and writes the format's
  // opening. In append mode an existing NAME is continued, which fails if it
  // is not in `format` or (csv) has another header. `csv_header`: the header
  // row without its line end.
  static Result<DatasetWriter> open(const std::string& path, config::DatasetFormat format, config::WriteMode mode,
                                    const std::string& csv_header);

  // Continues an interrupted run's NAME.part from its first `committed_bytes`
  // (the opening included), which hold `committed_records` records. With
  // nothing committed, the dataset starts again as open() would start it.
  static Result<DatasetWriter> resume(const std::string& path, config::DatasetFormat format, config::WriteMode mode,
                                      const std::string& csv_header, std::uintmax_t committed_bytes,
                                      std::uintmax_t committed_records);

  // Records as RecordEncoder made them; all of them in one write.
  Result<void> write(const std::vector<std::string>& records);
  // Everything written so far reaches the disk.
  Result<void> sync() { return file_.sync(); }
  // Writes the closing, then makes NAME.part NAME (DatasetFile::finish).
  Result<void> finish();
  // Leaves NAME.part without its closing, synced, for resume().
  Result<void> close_unfinished() { return file_.close_unfinished(); }

  const std::string& path() const { return file_.path(); }
  std::uintmax_t size() const { return file_.size(); }

 private:
  DatasetWriter(DatasetFile file, Framing framing, bool has_records)
      : file_(std::move(file)), framing_(std::move(framing)), has_records_(has_records) {}

  DatasetFile file_;
  Framing framing_;
  bool has_records_;    // the file holds a record already: the next one takes framing_.separator
  std::string buffer_;  // one batch, reused
};

}  // namespace gleaner::output
