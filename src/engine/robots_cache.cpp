#include "engine/robots_cache.hpp"

#include "core/utc_time.hpp"

namespace gleaner::engine {
namespace {

// RFC 9309 §2.3.1.3: follow at least five consecutive redirects.
constexpr long robots_max_redirects = 5;
// An unreachable robots.txt blocks the host; try again after this long.
constexpr auto unreachable_retry = std::chrono::minutes(10);
// RFC 9309 §2.4: a crawler should not use a cached robots.txt for longer.
constexpr state::UnixSeconds stored_file_lifetime = 24 * 60 * 60;

struct WaitForEntry {
  std::vector<std::coroutine_handle<>>& waiters;
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<> handle) { waiters.push_back(handle); }
  void await_resume() const noexcept {}
};

}  // namespace

RobotsCache::RobotsCache(loop::EventLoop& loop, http::HttpClient& http, std::string agent)
    : loop_(loop), http_(http), agent_(std::move(agent)) {}

void RobotsCache::preload(const std::vector<state::RobotsFile>& files, state::UnixSeconds now) {
  for (const state::RobotsFile& file : files) {
    const state::UnixSeconds age = now - file.fetched_at;
    if (age < 0 || age >= stored_file_lifetime) continue;
    auto entry = std::make_unique<Entry>();
    entry->rules = file.allow_all ? crawl::RobotsRules::allow_all() : crawl::parse_robots(file.body, agent_);
    entry->ready = true;
    entry->expires = loop::Clock::now() + std::chrono::seconds(stored_file_lifetime - age);
    entries_[file.origin] = std::move(entry);
  }
}

loop::Task<const crawl::RobotsRules*> RobotsCache::rules_for(Url url) {
  const std::string origin(url.origin());
  auto [found, inserted] = entries_.try_emplace(origin);
  Entry* entry = nullptr;
  if (inserted) {
    found->second = std::make_unique<Entry>();
    entry = found->second.get();
    co_await fetch_into(origin, *entry);
  } else {
    entry = found->second.get();
    if (!entry->ready) {
      co_await WaitForEntry{entry->waiters};
    } else if (loop::Clock::now() >= entry->expires) {
      entry->ready = false;
      co_await fetch_into(origin, *entry);
    }
  }
  co_return &entry->rules;
}

loop::Task<void> RobotsCache::fetch_into(std::string origin, Entry& entry) {
  http::Request request;
  request.url = origin + "/robots.txt";
  request.max_redirects = robots_max_redirects;
  http::Response response = co_await http_.fetch(std::move(request));
  ++fetched_;

  entry.expires = loop::Clock::time_point::max();
  if (response.error == http::TransportError::too_many_redirects) {
    // RFC 9309 §2.3.1.2: past five redirects robots.txt counts as unavailable.
    entry.rules = crawl::RobotsRules::allow_all();
  } else if (response.error == http::TransportError::blocked_address) {
    // Not ours to judge: the page fetch is refused the same way, and says so.
    entry.rules = crawl::RobotsRules::allow_all();
  } else if (response.error == http::TransportError::abandoned) {
    // The crawl is stopping: let the waiting pages go on to their own
    // (abandoned) fetches, so they count as abandoned, not as disallowed.
    entry.rules = crawl::RobotsRules::allow_all();
  } else if (response.failed() || response.status >= 500) {
    entry.rules = crawl::RobotsRules::disallow_all();
    entry.expires = loop::Clock::now() + unreachable_retry;
  } else if (response.status >= 400) {
    entry.rules = crawl::RobotsRules::allow_all();
    if (store_) store_(state::RobotsFile{origin, true, {}, unix_seconds()});
  } else {
    entry.rules = crawl::parse_robots(response.body, agent_);
    if (store_) store_(state::RobotsFile{origin, false, std::move(response.body), unix_seconds()});
  }
  entry.ready = true;
  for (auto waiter : entry.waiters) loop_.schedule(waiter);
  entry.waiters.clear();
}

}  // namespace gleaner::engine
