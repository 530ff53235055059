// frontier_for_job: the Frontier a job crawls with (scope, depth and page
// limits, link rules), built in one place for the Engine and `gleaner links`,
// so that the links command decides exactly as a crawl does.
#pragma once

#include "config/job.hpp"
#include "crawl/frontier.hpp"

namespace gleaner::engine {

// An empty frontier (nothing seen, nothing queued); it keeps no reference to the job.
crawl::Frontier frontier_for_job(const config::Job& job);

}  // namespace gleaner::engine
