#include "state/memory_state_store.hpp"

#include <algorithm>

namespace gleaner::state {
namespace {

Error no_current_run(std::string_view doing) {
  return make_error(ErrorKind::invalid_argument, "memory: " + std::string(doing) + ": no run begun or resumed");
}

}  // namespace

RunRecord* MemoryStateStore::current_run() {
  if (current_run_ == 0) return nullptr;
  return &runs_[static_cast<std::size_t>(current_run_ - 1)];
}

std::vector<const MemoryStateStore::FrontierEntry*> MemoryStateStore::frontier_in_queue_order() const {
  std::vector<const FrontierEntry*> entries;
  entries.reserve(frontier_.size());
  for (const auto& [key, entry] : frontier_) entries.push_back(&entry);
  std::sort(entries.begin(), entries.end(),
            [](const FrontierEntry* a, const FrontierEntry* b) { return a->queue_order < b->queue_order; });
  return entries;
}

Result<std::optional<ResumePoint>> MemoryStateStore::unfinished_run() {
  const std::lock_guard lock(mutex_);
  if (runs_.empty() || runs_.back().outcome == RunOutcome::complete) return std::optional<ResumePoint>();
  ResumePoint resume;
  resume.run = runs_.back();
  std::map<std::string, long> per_host;
  for (const FrontierEntry* entry : frontier_in_queue_order()) {
    if (!entry->completion) ++resume.pending;
    resume.seen.push_back(entry->url.key);
    ++per_host[entry->url.host];
  }
  resume.queued_per_host.assign(per_host.begin(), per_host.end());
  current_run_ = resume.run.id;
  return std::optional<ResumePoint>(std::move(resume));
}

Result<void> MemoryStateStore::read_pending(const std::function<void(QueuedUrl)>& each) {
  const std::lock_guard lock(mutex_);
  for (const FrontierEntry* entry : frontier_in_queue_order()) {
    if (!entry->completion) each(entry->url);
  }
  return {};
}

Result<std::int64_t> MemoryStateStore::begin_run(UnixSeconds started_at, const std::string& dataset_path) {
  const std::lock_guard lock(mutex_);
  RunRecord& run = runs_.emplace_back();
  run.id = static_cast<std::int64_t>(runs_.size());
  run.started_at = started_at;
  run.dataset_path = dataset_path;
  frontier_.clear();
  current_run_ = run.id;
  return run.id;
}

Result<void> MemoryStateStore::end_run(const RunRecord& run) {
  const std::lock_guard lock(mutex_);
  RunRecord* current = current_run();
  if (!current) return no_current_run("ending the run");
  current->ended_at = run.ended_at;
  current->outcome = run.outcome;
  current->dataset = run.dataset;
  current->counts = run.counts;
  current_run_ = 0;
  return {};
}

Result<std::optional<Validators>> MemoryStateStore::validators(Fingerprint) { return std::optional<Validators>(); }

Result<std::optional<StoredPage>> MemoryStateStore::stored_page(Fingerprint) { return std::optional<StoredPage>(); }

Result<std::vector<RobotsFile>> MemoryStateStore::robots_files() {
  const std::lock_guard lock(mutex_);
  std::vector<RobotsFile> files;
  files.reserve(robots_.size());
  for (const auto& [origin, file] : robots_) files.push_back(file);
  return files;
}

Result<void> MemoryStateStore::commit(const Changes& changes, const DatasetProgress& dataset) {
  const std::lock_guard lock(mutex_);
  RunRecord* run = current_run();
  if (!run) return no_current_run("committing changes");
  for (const QueuedUrl& url : changes.queued) {
    // A URL queued again in the same run keeps its place and its completion.
    frontier_.try_emplace(url.key, FrontierEntry{url, ++last_queue_order_, std::nullopt, 0});
  }
  for (const CompletedUrl& url : changes.completed) {
    const auto entry = frontier_.find(url.key);
    if (entry == frontier_.end()) continue;
    entry->second.completion = url.completion;
    entry->second.status = url.status;
  }
  for (const RobotsFile& file : changes.robots) robots_.insert_or_assign(file.origin, file);
  run->dataset = dataset;
  return {};
}

Result<StateSummary> MemoryStateStore::summary(std::size_t last_runs) {
  const std::lock_guard lock(mutex_);
  StateSummary summary;
  for (const auto& [key, entry] : frontier_) {
    ++summary.seen;
    if (!entry.completion) {
      ++summary.pending;
      continue;
    }
    switch (*entry.completion) {
      case Completion::fetched:
      case Completion::unchanged:
      case Completion::skipped: ++summary.done; break;
      case Completion::failed: ++summary.failed; break;
      case Completion::gone: ++summary.gone; break;
    }
  }
  const std::size_t count = std::min(last_runs, runs_.size());
  summary.last_runs.assign(runs_.rbegin(), runs_.rbegin() + static_cast<std::ptrdiff_t>(count));
  return summary;
}

}  // namespace gleaner::state
