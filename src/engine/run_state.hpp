// run_state: a run's beginning and end as the state store records them.
// A run either continues the store's unfinished run (same dataset, same
// frontier) or begins a new one; at its end, its outcome and counts are kept
// for `gleaner state` and the next run.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "core/result.hpp"
#include "engine/stats.hpp"
#include "state/state_store.hpp"

namespace gleaner::engine {

struct RunStart {
  state::RunRecord run;                     // id, started_at, dataset_path; counts so far when resumed
  std::optional<state::ResumePoint> resume;  // set: continue this run
};

// The store's unfinished run, if it can be continued, else a new run that
// writes `dataset_path`. An unfinished run whose NAME.part is gone while
// NAME exists was killed just after its dataset was renamed into place: it
// is ended as complete and a new run begins. Fails when NAME.part is gone
// and records were committed to it: the state no longer matches the files.
Result<RunStart> start_run(state::StateStore& store, const std::string& dataset_path,
                           std::chrono::system_clock::time_point now);

// How a crawl that ended this way is recorded.
state::RunOutcome outcome_of(const Stats& stats);

// Ends the run in the store: its outcome, its counts (added to those of the
// processes before, when resumed) and the dataset as last committed.
Result<void> end_run(state::StateStore& store, state::RunRecord run, const Stats& stats,
                     const state::DatasetProgress& dataset, std::chrono::system_clock::time_point now);

}  // namespace gleaner::engine
