// MemoryStateStore: the state of a job that names no state file, kept only
// as long as the process. It keeps no page copies, since no later run could
// read them (memory stays flat); the rest behaves as SqliteStateStore.
//
// Threads: one mutex guards it all, since commit() on the writer thread
// overlaps lookups on the loop thread.
//
// The current run, which commit() and end_run() write to, is the one
// begin_run() started or unfinished_run() returned. Before that, and after
// end_run(), there is none and both fail.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "state/state_store.hpp"

namespace gleaner::state {

class MemoryStateStore final : public StateStore {
 public:
  std::string describe() const override { return "memory"; }
  bool keeps_page_copies() const override { return false; }

  Result<std::optional<ResumePoint>> unfinished_run() override;
  // Calls `each` under the store's lock, so `each` must not call the store
  // (as the interface asks of every store).
  Result<void> read_pending(const std::function<void(QueuedUrl)>& each) override;
  Result<std::int64_t> begin_run(UnixSeconds started_at, const std::string& dataset_path) override;
  // Writes `run`'s outcome, end time, counts and dataset progress to the
  // current run; its id, start time and dataset path stay as begun.
  Result<void> end_run(const RunRecord& run) override;

  // Always nullopt: no copies are kept.
  Result<std::optional<Validators>> validators(Fingerprint key) override;
  Result<std::optional<StoredPage>> stored_page(Fingerprint key) override;
  Result<std::vector<RobotsFile>> robots_files() override;

  // Applies completions, but stores no page copy. A URL the run never queued
  // gets no completion; a URL queued again in the run keeps its place.
  Result<void> commit(const Changes& changes, const DatasetProgress& dataset) override;

  Result<StateSummary> summary(std::size_t last_runs) override;

 private:
  struct FrontierEntry {
    QueuedUrl url;
    std::uint64_t queue_order = 0;
    std::optional<Completion> completion;  // nullopt while pending
    long status = 0;
  };

  // The current run's record; nullptr if there is none. Under mutex_.
  RunRecord* current_run();
  // The newest run's frontier entries in queue order. Under mutex_.
  std::vector<const FrontierEntry*> frontier_in_queue_order() const;

  std::mutex mutex_;
  std::vector<RunRecord> runs_;  // oldest first; ids are 1, 2, ...
  std::int64_t current_run_ = 0;  // 0: none
  std::unordered_map<Fingerprint, FrontierEntry> frontier_;  // the newest run's
  std::uint64_t last_queue_order_ = 0;
  std::map<std::string, RobotsFile> robots_;  // by origin
};

}  // namespace gleaner::state
