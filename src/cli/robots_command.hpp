// `gleaner robots [--agent NAME] ROBOTS_FILE_OR_URL URL...`: what a robots.txt
// says about each URL, and which rule decided, as the crawler would apply it.
#pragma once

#include <string>
#include <vector>

namespace gleaner::cli {

struct RobotsOptions {
  std::string agent = "gleaner";  // the product token groups are chosen by
  std::string robots;             // a file, "-", or the robots.txt URL
  std::vector<std::string> urls;  // absolute URLs or paths ("/a?b")
};

// Exit 0 when every URL is allowed, 1 when any is disallowed, 2 when the
// robots.txt cannot be read or a URL does not parse.
int run_robots(const RobotsOptions& options);

}  // namespace gleaner::cli
