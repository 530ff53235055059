#include <doctest/doctest.h>

#include "state/state_store.hpp"

using gleaner::state::parse_run_outcome;
using gleaner::state::RunOutcome;

TEST_CASE("run outcomes are named as `gleaner state` prints them, and parsed back") {
  for (RunOutcome outcome : {RunOutcome::running, RunOutcome::complete, RunOutcome::stopped, RunOutcome::max_runtime,
                             RunOutcome::failed}) {
    CHECK(parse_run_outcome(to_string(outcome)) == outcome);
  }
  CHECK(to_string(RunOutcome::max_runtime) == "max_runtime");
  CHECK(to_string(RunOutcome::complete) == "complete");
  CHECK_FALSE(parse_run_outcome("Complete").has_value());
  CHECK_FALSE(parse_run_outcome("").has_value());
}
