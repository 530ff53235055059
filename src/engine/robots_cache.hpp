// RobotsCache: one robots.txt per origin, fetched through the crawl's own
// HttpClient the first time a URL of that origin comes up and kept for the
// job. Concurrent requests for a new origin wait for the one fetch.
#pragma once

#include <coroutine>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/url.hpp"
#include "crawl/robots_rules.hpp"
#include "http/http_client.hpp"
#include "loop/event_loop.hpp"
#include "loop/task.hpp"

namespace gleaner::engine {

class RobotsCache {
 public:
  // `agent` is the product token groups are chosen by ("gleaner").
  RobotsCache(loop::EventLoop& loop, http::HttpClient& http, std::string agent);

  // Loop thread. The rules for `url`'s origin; the pointer stays valid for
  // the cache's lifetime. 4xx: allow all; 5xx or unreachable: disallow all
  // (RFC 9309 §2.3.1.3-4), fetched again after a while.
  loop::Task<const crawl::RobotsRules*> rules_for(Url url);

  std::size_t fetched() const { return fetched_; }

 private:
  struct Entry {
    crawl::RobotsRules rules = crawl::RobotsRules::allow_all();
    bool ready = false;
    loop::Clock::time_point expires = loop::Clock::time_point::max();
    std::vector<std::coroutine_handle<>> waiters;
  };

  loop::Task<void> fetch_into(std::string origin, Entry& entry);

  loop::EventLoop& loop_;
  http::HttpClient& http_;
  std::string agent_;
  std::unordered_map<std::string, std::unique_ptr<Entry>> entries_;
  std::size_t fetched_ = 0;
};

}  // namespace gleaner::engine
