// DatasetSink: the end of the pipeline. Records encoded in the dataset's
// format are pushed through a BoundedQueue to a writer thread that writes
// them, a batch at a time, to NAME.part (renamed to NAME by finish()) or to
// standard output.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "config/job.hpp"
#include "core/result.hpp"
#include "loop/event_loop.hpp"
#include "output/bounded_queue.hpp"
#include "output/csv_columns.hpp"
#include "output/dataset_writer.hpp"
#include "output/record_encoder.hpp"

namespace gleaner::output {

// What the writer thread is about to do, for tests that watch backpressure.
struct WriteProgress {
  std::size_t batch = 0;              // records in the batch about to be written
  std::size_t written = 0;            // records written before it
  std::size_t queue_high_water = 0;   // the most records ever queued at once
};
using WriteObserver = std::function<void(const WriteProgress&)>;

struct DatasetOptions {
  std::string path;  // expanded already; "-": standard output
  config::DatasetFormat format = config::DatasetFormat::jsonl;
  config::WriteMode mode = config::WriteMode::overwrite;
  std::vector<CsvColumn> csv_columns;  // csv only
  std::size_t queue_capacity = 1024;
  // Tests only: called on the writer thread before each batch is written;
  // may sleep to play a slow disk.
  WriteObserver before_write;
};

class DatasetSink {
 public:
  // Opens the dataset (errors name the file: unwritable, or not appendable)
  // and starts the writer thread.
  static Result<std::unique_ptr<DatasetSink>> open(loop::EventLoop& loop, DatasetOptions options);
  ~DatasetSink();  // without finish(): drains, but leaves NAME.part in place and NAME untouched
  DatasetSink(const DatasetSink&) = delete;
  DatasetSink& operator=(const DatasetSink&) = delete;

  // Any thread (the extraction workers call it): one record as the bytes
  // push() takes, in the dataset's format.
  std::string encode(const nlohmann::ordered_json& record) const { return encoder_->encode(record); }

  // Loop thread: `co_await sink.push(encoded)`; false once the sink failed or closed.
  auto push(std::string encoded) { return queue_.push(std::move(encoded)); }

  // Any thread but the loop's: closes the queue, waits until every queued
  // record is written, then writes the format's closing and renames NAME.part
  // to NAME. Reports a write error.
  Result<void> finish();

  // Any thread, for an exit that cannot wait (a second SIGINT): lets the
  // batch being written complete, drops what is still queued, then writes the
  // closing and renames NAME.part to NAME, so the dataset holds whole records
  // only. Nothing is written after it.
  Result<void> finish_now();

  const std::string& path() const { return writer_.path(); }
  std::size_t written() const { return written_.load(); }

 private:
  DatasetSink(loop::EventLoop& loop, DatasetWriter writer, std::unique_ptr<RecordEncoder> encoder,
              DatasetOptions options);
  void drain();
  void stop_writer();

  BoundedQueue<std::string> queue_;
  DatasetWriter writer_;
  std::unique_ptr<const RecordEncoder> encoder_;
  WriteObserver before_write_;
  std::atomic<std::size_t> written_{0};
  std::optional<Error> write_error_;  // set by the writer thread, read after join
  std::mutex writing_;                // held while a batch is written, and by finish_now()
  bool finished_now_ = false;         // under writing_: finish_now() has run
  std::thread thread_;
};

}  // namespace gleaner::output
