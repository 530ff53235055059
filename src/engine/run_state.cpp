#include "engine/run_state.hpp"

#include <filesystem>

#include "core/utc_time.hpp"

namespace gleaner::engine {
namespace {

bool exists(const std::string& path) {
  std::error_code error;
  return std::filesystem::exists(path, error);
}

}  // namespace

Result<RunStart> start_run(state::StateStore& store, const std::string& dataset_path,
                           std::chrono::system_clock::time_point now) {
  auto unfinished = store.unfinished_run();
  if (!unfinished) return unfinished.error();
  if (*unfinished) {
    state::ResumePoint& point = **unfinished;
    const std::string& name = point.run.dataset_path;
    const std::string part = name + ".part";
    if (name == "-" || exists(part) || point.run.dataset.committed_bytes == 0) {
      RunStart start{point.run, std::move(point)};
      return start;
    }
    if (!exists(name)) {
      return make_error(ErrorKind::io, store.describe() + ": cannot continue run " + std::to_string(point.run.id) +
                                           ": its dataset " + part + " is missing (" +
                                           std::to_string(point.run.dataset.records) +
                                           " records were written to it); delete the state file to start afresh");
    }
    // Renamed into place, then killed before the run could be ended.
    state::RunRecord finished = point.run;
    finished.outcome = state::RunOutcome::complete;
    finished.ended_at = unix_seconds(now);
    if (auto ended = store.end_run(finished); !ended) return ended.error();
  }
  auto id = store.begin_run(unix_seconds(now), dataset_path);
  if (!id) return id.error();
  RunStart start;
  start.run.id = *id;
  start.run.started_at = unix_seconds(now);
  start.run.dataset_path = dataset_path;
  return start;
}

state::RunOutcome outcome_of(const Stats& stats) {
  if (stats.output_failed) return state::RunOutcome::failed;
  if (stats.out_of_time) return state::RunOutcome::max_runtime;
  if (stats.interrupted) return state::RunOutcome::stopped;
  return state::RunOutcome::complete;
}

Result<void> end_run(state::StateStore& store, state::RunRecord run, const Stats& stats,
                     const state::DatasetProgress& dataset, std::chrono::system_clock::time_point now) {
  run.ended_at = unix_seconds(now);
  run.outcome = outcome_of(stats);
  run.dataset = dataset;
  state::RunCounts& counts = run.counts;
  counts.fetched += stats.pages_fetched;
  counts.not_modified += stats.not_modified;
  counts.not_due += stats.not_due;
  counts.changed += stats.changed;
  counts.new_pages += stats.new_pages;
  counts.gone += stats.gone;
  counts.failed += stats.errors();
  counts.items += stats.items;
  return store.end_run(run);
}

}  // namespace gleaner::engine
