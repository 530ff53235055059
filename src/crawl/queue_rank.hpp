// QueueRank: where a queued request stands in line; smaller goes first.
// Priority (negated: higher priority first), then depth (negated for
// depth-first order). Shared by the frontier, its host schedule and its spill.
#pragma once

#include <utility>

namespace gleaner::crawl {

using QueueRank = std::pair<int, int>;

}  // namespace gleaner::crawl
