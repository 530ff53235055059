// DatasetSink: the end of the pipeline. Each page's records, encoded in the
// dataset's format, are pushed through a BoundedQueue to a writer thread that
// writes them, a batch at a time, to NAME.part (renamed to NAME by finish())
// or to standard output. With a state store, every batch is then synced and
// committed to the store with the state changes of its pages: the state's
// record of the dataset's size always matches pages it counts as done.
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
#include "output/page_output.hpp"
#include "output/record_encoder.hpp"
#include "state/state_store.hpp"

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
  std::size_t queue_capacity = 1024;  // pages
  // Set: each batch's state changes are committed here after its records are
  // written and synced (committed on the writer thread). Not owned.
  state::StateStore* state = nullptr;
  // Set: continue an interrupted run's NAME.part from this point instead of
  // starting the dataset (see DatasetWriter::resume).
  std::optional<state::DatasetProgress> resume_from;
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

  // Loop thread: `co_await sink.push(page)`; false once the sink failed or closed.
  auto push(PageOutput page) { return queue_.push(std::move(page)); }

  // Any thread but the loop's: closes the queue, waits until every queued
  // record is written, then writes the format's closing and renames NAME.part
  // to NAME. Reports a write error.
  Result<void> finish();

  // Any thread but the loop's: like finish(), but leaves NAME.part without
  // its closing, for a later run to resume (a stopped run with a state store).
  Result<void> finish_unsealed();

  // Any thread, for an exit that cannot wait (a second SIGINT): lets the
  // batch being written complete, drops what is still queued, then writes the
  // closing and renames NAME.part to NAME, so the dataset holds whole records
  // only. Nothing is written after it.
  Result<void> finish_now();

  const std::string& path() const { return writer_.path(); }
  std::size_t written() const { return written_.load(); }  // records, this process
  // The dataset as last committed to the state store (writer thread's view;
  // read it after finish()).
  const state::DatasetProgress& committed() const { return committed_; }

 private:
  DatasetSink(loop::EventLoop& loop, DatasetWriter writer, std::unique_ptr<RecordEncoder> encoder,
              DatasetOptions options);
  void drain();
  void stop_writer();
  // Writer thread: one batch of pages, written and (with a store) committed.
  Result<void> write_batch(std::vector<PageOutput>& batch);

  BoundedQueue<PageOutput> queue_;
  DatasetWriter writer_;
  std::unique_ptr<const RecordEncoder> encoder_;
  WriteObserver before_write_;
  state::StateStore* state_;
  std::atomic<std::size_t> written_{0};
  state::DatasetProgress committed_;  // writer thread
  std::vector<std::string> records_;  // writer thread: one batch's records, reused
  std::optional<Error> write_error_;  // set by the writer thread, read after join
  std::mutex writing_;                // held while a batch is written, and by finish_now()
  bool finished_now_ = false;         // under writing_: finish_now() has run
  std::thread thread_;
};

}  // namespace gleaner::output
