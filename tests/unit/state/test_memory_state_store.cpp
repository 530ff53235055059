#include <doctest/doctest.h>

#include "state_samples.hpp"

using namespace gleaner::state;
using namespace gleaner::state::testing;

TEST_CASE("the memory store keeps no page copies, yet applies their completions") {
  MemoryStateStore store;
  CHECK(store.describe() == "memory");
  CHECK_FALSE(store.keeps_page_copies());
  value_of(store.begin_run(100, "out.jsonl"));
  Changes changes = queue_changes({queued(1, "/a"), queued(2, "/b")});
  changes.completed = {completed(1, Completion::fetched, 200, 1000, page("\"v1\"", 7, {"https://shop.test/b"})),
                       completed(2, Completion::unchanged, 304)};
  require_ok(store.commit(changes, {}));

  CHECK_FALSE(value_of(store.validators(1)).has_value());
  CHECK_FALSE(value_of(store.stored_page(1)).has_value());
  const StateSummary summary = value_of(store.summary(1));
  CHECK(summary.done == 2);
  CHECK(summary.pending == 0);
  CHECK(summary.stored_pages == 0);
}
