// RobotsCache: one robots.txt per origin, fetched through the crawl's own
// HttpClient the first time a URL of that origin comes up and kept for the
// job. Concurrent requests for a new origin wait for the one fetch. With a
// state store, files fetched by an earlier run are reused for up to 24 hours
// (RFC 9309 §2.4), and each new answer is handed on to be stored.
#pragma once

#include <coroutine>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/url.hpp"
#include "crawl/robots_rules.hpp"
#include "http/http_client.hpp"
#include "loop/event_loop.hpp"
#include "loop/task.hpp"
#include "state/state_store.hpp"

namespace gleaner::engine {

class RobotsCache {
 public:
  // `agent` is the product token groups are chosen by ("gleaner").
  RobotsCache(loop::EventLoop& loop, http::HttpClient& http, std::string agent);

  // Loop thread. The rules for `url`'s origin; the pointer stays valid for
  // the cache's lifetime. 4xx: allow all; 5xx or unreachable: disallow all
  // (RFC 9309 §2.3.1.3-4), fetched again after a while.
  loop::Task<const crawl::RobotsRules*> rules_for(Url url);

  // Before the crawl: files an earlier run stored; those younger than
  // 24 hours at `now` are used instead of fetching.
  void preload(const std::vector<state::RobotsFile>& files, state::UnixSeconds now);
  // Called with each answer worth storing (2xx: the file; 4xx: allow all).
  void on_fetched(std::function<void(state::RobotsFile)> store) { store_ = std::move(store); }

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
  std::function<void(state::RobotsFile)> store_;
  std::size_t fetched_ = 0;
};

}  // namespace gleaner::engine
