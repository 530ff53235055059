// Reads the job's "links" object: allow/deny patterns, URL and per-host
// limits, query canonicalisation, crawl order and the trap guard.
#pragma once

#include "config/diagnostics.hpp"
#include "config/job.hpp"
#include "config/json_pointer.hpp"
#include "config/json_value.hpp"

namespace gleaner::config {

// Problems go to `sink`; `links` keeps its defaults for keys that are absent or wrong.
void read_links(const Json& value, const JsonPointer& where, LinkSettings& links, Diagnostics& sink);

}  // namespace gleaner::config
