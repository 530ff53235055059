#include "state/state_store.hpp"

namespace gleaner::state {

std::string_view to_string(RunOutcome outcome) {
  switch (outcome) {
    case RunOutcome::running: return "running";
    case RunOutcome::complete: return "complete";
    case RunOutcome::stopped: return "stopped";
    case RunOutcome::max_runtime: return "max_runtime";
    case RunOutcome::failed: return "failed";
  }
  return "unknown";
}

std::optional<RunOutcome> parse_run_outcome(std::string_view text) {
  for (RunOutcome outcome : {RunOutcome::running, RunOutcome::complete, RunOutcome::stopped,
                             RunOutcome::max_runtime, RunOutcome::failed}) {
    if (to_string(outcome) == text) return outcome;
  }
  return std::nullopt;
}

}  // namespace gleaner::state
