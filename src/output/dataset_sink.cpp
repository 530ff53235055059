#include "output/dataset_sink.hpp"

#include "output/csv_field.hpp"

namespace gleaner::output {

Result<std::unique_ptr<DatasetSink>> DatasetSink::open(loop::EventLoop& loop, DatasetOptions options) {
  std::vector<std::string> column_names;
  for (const CsvColumn& column : options.csv_columns) column_names.push_back(column.name);
  auto writer = DatasetWriter::open(options.path, options.format, options.mode, csv_header_row(column_names));
  if (!writer) return writer.error();
  auto encoder = make_record_encoder(options.format, options.csv_columns);
  return std::unique_ptr<DatasetSink>(new DatasetSink(loop, std::move(*writer), std::move(encoder), std::move(options)));
}

DatasetSink::DatasetSink(loop::EventLoop& loop, DatasetWriter writer, std::unique_ptr<RecordEncoder> encoder,
                         DatasetOptions options)
    : queue_(loop, options.queue_capacity),
      writer_(std::move(writer)),
      encoder_(std::move(encoder)),
      before_write_(std::move(options.before_write)) {
  thread_ = std::thread([this] { drain(); });
}

DatasetSink::~DatasetSink() { stop_writer(); }

void DatasetSink::drain() {
  std::vector<std::string> batch;
  while (queue_.pop_all(batch)) {
    if (!write_error_) {  // after an error, keep draining so producers never hang
      if (before_write_) before_write_(WriteProgress{batch.size(), written_.load(), queue_.high_water()});
      const std::lock_guard lock(writing_);
      if (finished_now_) {  // keep draining, so that producers never hang
        batch.clear();
        continue;
      }
      if (auto written = writer_.write(batch); written) {
        written_ += batch.size();
      } else {
        write_error_ = written.error();
        queue_.close();  // producers see false and stop the crawl
      }
    }
    batch.clear();
  }
}

void DatasetSink::stop_writer() {
  queue_.close();
  if (thread_.joinable()) thread_.join();
}

Result<void> DatasetSink::finish_now() {
  const std::lock_guard lock(writing_);
  finished_now_ = true;
  if (write_error_) return *write_error_;
  return writer_.finish();
}

Result<void> DatasetSink::finish() {
  stop_writer();
  if (write_error_) return *write_error_;
  return writer_.finish();
}

}  // namespace gleaner::output
