// Traffic: what the connections of one HttpClient did over a run, for
// --stats: whether connections were reused, which HTTP versions answered.
#pragma once

#include <cstddef>
#include <map>
#include <string>

#include "http/response.hpp"

namespace gleaner::http {

struct Traffic {
  // New connections, summed over transfers (CURLINFO_NUM_CONNECTS): one per
  // host on HTTP/2 multiplexing, up to per_host_concurrency on HTTP/1.1.
  std::size_t connections_opened = 0;
  std::map<std::string, std::size_t> responses_by_version;  // "1.1", "2" -> responses

  // Every response counts, robots.txt, sitemaps and redirect hops included.
  void count(const Response& response) {
    connections_opened += static_cast<std::size_t>(response.connections_opened);
    if (!response.http_version.empty()) ++responses_by_version[response.http_version];
  }
};

}  // namespace gleaner::http
