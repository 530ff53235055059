#include "output/dataset_sink.hpp"

namespace gleaner::output {

Result<std::unique_ptr<DatasetSink>> DatasetSink::open(loop::EventLoop& loop, std::string path,
                                                       std::size_t queue_capacity) {
  auto writer = JsonLinesWriter::open(std::move(path));
  if (!writer) return writer.error();
  return std::unique_ptr<DatasetSink>(new DatasetSink(loop, std::move(*writer), queue_capacity));
}

DatasetSink::DatasetSink(loop::EventLoop& loop, JsonLinesWriter writer, std::size_t queue_capacity)
    : path_(writer.path()), queue_(loop, queue_capacity), writer_(std::move(writer)) {
  thread_ = std::thread([this] { drain(); });
}

DatasetSink::~DatasetSink() { stop_writer(); }

std::string DatasetSink::encode(const nlohmann::ordered_json& record) const {
  // Pages are not always valid UTF-8; replace bad bytes rather than lose the record.
  return record.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void DatasetSink::drain() {
  while (auto line = queue_.pop()) {
    if (write_error_) continue;  // keep draining so producers never hang
    if (auto written = writer_.write(*line); !written) {
      write_error_ = written.error();
      queue_.close();  // producers see false and stop the crawl
      continue;
    }
    ++written_;
  }
}

void DatasetSink::stop_writer() {
  queue_.close();
  if (thread_.joinable()) thread_.join();
}

Result<void> DatasetSink::finish() {
  stop_writer();
  if (write_error_) return *write_error_;
  return writer_.finish();
}

}  // namespace gleaner::output
