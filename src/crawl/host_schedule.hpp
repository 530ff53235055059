// HostSchedule: which host with queued requests the frontier serves next,
// without asking HostSlots about every host on every dispatch. A crawl of
// many hosts has most of them waiting out a politeness delay at any moment;
// those wait in a timetable until their time comes, and hosts at their
// concurrency limit in a short list (no longer than the requests in flight)
// that is looked at again on each call. The rest are candidates, ordered by
// the rank of their best queued request, then by when they first queued one.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <unordered_map>
#include <utility>
#include <vector>

#include "crawl/host_slots.hpp"
#include "crawl/queue_rank.hpp"

namespace gleaner::crawl {

class HostSchedule {
 public:
  // The host has queued requests and `best` is the rank of the best of them.
  void update(const std::string& host, QueueRank best);
  // The host has no queued requests any more.
  void remove(const std::string& host);

  // The best-ranked host that `slots` says may start a request at `now`;
  // nullptr when none may. Hosts found waiting are set aside until they can.
  // The pointer stays valid until remove(host).
  const std::string* next_ready(Clock::time_point now, const HostSlots& slots);
  // After a next_ready() that found nothing: the earliest time a host set
  // aside for its delay may start again. Hosts at their concurrency limit
  // wait for a finish, which has no time.
  std::optional<Clock::time_point> next_wakeup() const;

  std::size_t hosts() const { return hosts_.size(); }

 private:
  enum class Standing { candidate, timed, at_limit };
  struct Host {
    QueueRank best;
    std::uint64_t arrival = 0;
    Standing standing = Standing::candidate;
    Clock::time_point wake{};  // when timed
  };
  using CandidateKey = std::tuple<QueueRank, std::uint64_t, const std::string*>;
  using TimedKey = std::pair<Clock::time_point, const std::string*>;

  static CandidateKey candidate_key(const std::string& name, const Host& host) {
    return {host.best, host.arrival, &name};
  }
  void make_candidate(const std::string& name, Host& host);
  void set_aside(const std::string& name, Host& host, const HostSlots& slots);
  void unlist(const std::string& name, Host& host);
  void wake_due(Clock::time_point now, const HostSlots& slots);

  std::unordered_map<std::string, Host> hosts_;  // keys stay put: the sets below point at them
  std::set<CandidateKey> candidates_;
  std::set<TimedKey> timed_;
  std::vector<const std::string*> at_limit_;
  std::uint64_t next_arrival_ = 0;
};

}  // namespace gleaner::crawl
