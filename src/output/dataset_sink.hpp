// DatasetSink: the end of the pipeline. Serialised records are pushed through
// a BoundedQueue to a writer thread that appends them to the dataset file.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include <nlohmann/json.hpp>

#include "core/result.hpp"
#include "loop/event_loop.hpp"
#include "output/bounded_queue.hpp"
#include "output/jsonl_writer.hpp"

namespace gleaner::output {

class DatasetSink {
 public:
  // Opens PATH.part and starts the writer thread.
  static Result<std::unique_ptr<DatasetSink>> open(loop::EventLoop& loop, std::string path,
                                                   std::size_t queue_capacity);
  ~DatasetSink();  // without finish(): drains, but leaves PATH.part in place
  DatasetSink(const DatasetSink&) = delete;
  DatasetSink& operator=(const DatasetSink&) = delete;

  // Any thread (the extraction workers call it): one record as the bytes
  // push() takes, in the dataset's format.
  std::string encode(const nlohmann::ordered_json& record) const;

  // Loop thread: `co_await sink.push(line)`; false once the sink failed or closed.
  auto push(std::string line) { return queue_.push(std::move(line)); }

  // Any thread but the loop's: closes the queue, waits until every queued
  // record is written, then renames PATH.part to PATH. Reports a write error.
  Result<void> finish();

  const std::string& path() const { return path_; }
  std::size_t written() const { return written_.load(); }

 private:
  DatasetSink(loop::EventLoop& loop, JsonLinesWriter writer, std::size_t queue_capacity);
  void drain();
  void stop_writer();

  std::string path_;
  BoundedQueue<std::string> queue_;
  JsonLinesWriter writer_;
  std::atomic<std::size_t> written_{0};
  std::optional<Error> write_error_;  // set by the writer thread, read after join
  std::thread thread_;
};

}  // namespace gleaner::output
