// PageOutput: what one page hands the dataset: its records, encoded, and the
// state changes that count the page as done. The writer thread commits the
// two together, so a crash never leaves records the state does not know of.
#pragma once

#include <string>
#include <vector>

#include "state/state_store.hpp"

namespace gleaner::output {

struct PageOutput {
  std::vector<std::string> records;  // in the dataset's format (DatasetSink::encode)
  state::Changes changes;            // applied only when the sink has a state store
};

}  // namespace gleaner::output
