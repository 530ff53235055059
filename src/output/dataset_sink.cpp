#include "output/dataset_sink.hpp"

#include "output/csv_field.hpp"

namespace gleaner::output {

Result<std::unique_ptr<DatasetSink>> DatasetSink::open(loop::EventLoop& loop, DatasetOptions options) {
  std::vector<std::string> column_names;
  for (const CsvColumn& column : options.csv_columns) column_names.push_back(column.name);
  const std::string csv_header = csv_header_row(column_names);
  auto writer = options.resume_from
                    ? DatasetWriter::resume(options.path, options.format, options.mode, csv_header,
                                            options.resume_from->committed_bytes, options.resume_from->records)
                    : DatasetWriter::open(options.path, options.format, options.mode, csv_header);
  if (!writer) return writer.error();
  auto encoder = make_record_encoder(options.format, options.csv_columns);
  return std::unique_ptr<DatasetSink>(new DatasetSink(loop, std::move(*writer), std::move(encoder), std::move(options)));
}

DatasetSink::DatasetSink(loop::EventLoop& loop, DatasetWriter writer, std::unique_ptr<RecordEncoder> encoder,
                         DatasetOptions options)
    : queue_(loop, options.queue_capacity),
      writer_(std::move(writer)),
      encoder_(std::move(encoder)),
      before_write_(std::move(options.before_write)),
      state_(options.state),
      committed_(options.resume_from.value_or(state::DatasetProgress{})) {
  thread_ = std::thread([this] { drain(); });
}

DatasetSink::~DatasetSink() { stop_writer(); }

void DatasetSink::drain() {
  std::vector<PageOutput> batch;
  while (queue_.pop_all(batch)) {
    if (!write_error_) {  // after an error, keep draining so producers never hang
      if (before_write_) {
        std::size_t records = 0;
        for (const PageOutput& page : batch) records += page.records.size();
        before_write_(WriteProgress{records, written_.load(), queue_.high_water()});
      }
      const std::lock_guard lock(writing_);
      if (finished_now_) {  // keep draining, so that producers never hang
        batch.clear();
        continue;
      }
      if (auto written = write_batch(batch); !written) {
        write_error_ = written.error();
        queue_.close();  // producers see false and stop the crawl
      }
    }
    batch.clear();
  }
}

Result<void> DatasetSink::write_batch(std::vector<PageOutput>& batch) {
  records_.clear();
  state::Changes changes;
  for (PageOutput& page : batch) {
    for (std::string& record : page.records) records_.push_back(std::move(record));
    if (state_) changes.append(std::move(page.changes));
  }
  if (auto written = writer_.write(records_); !written) return written;
  written_ += records_.size();
  if (!state_) return {};
  // The batch holds whole pages, so the file's new size ends on a page's
  // last record. It reaches the disk first: a state that names a size the
  // file does not have could not be resumed.
  if (auto synced = writer_.sync(); !synced) return synced;
  const state::DatasetProgress progress{writer_.size(), committed_.records + records_.size()};
  if (auto stored = state_->commit(changes, progress); !stored) return stored;
  committed_ = progress;
  return {};
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

Result<void> DatasetSink::finish_unsealed() {
  stop_writer();
  if (write_error_) return *write_error_;
  return writer_.close_unfinished();
}

}  // namespace gleaner::output
