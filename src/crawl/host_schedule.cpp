#include "crawl/host_schedule.hpp"

#include <algorithm>

namespace gleaner::crawl {

void HostSchedule::update(const std::string& host, QueueRank best) {
  auto [it, inserted] = hosts_.try_emplace(host);
  Host& entry = it->second;
  if (inserted) {
    entry.best = best;
    entry.arrival = next_arrival_++;
    candidates_.insert(candidate_key(it->first, entry));
    return;
  }
  if (entry.best == best) return;
  // Only candidates are ordered by rank; a waiting host takes its new rank
  // with it when it becomes a candidate again.
  if (entry.standing == Standing::candidate) candidates_.erase(candidate_key(it->first, entry));
  entry.best = best;
  if (entry.standing == Standing::candidate) candidates_.insert(candidate_key(it->first, entry));
}

void HostSchedule::remove(const std::string& host) {
  const auto it = hosts_.find(host);
  if (it == hosts_.end()) return;
  unlist(it->first, it->second);
  hosts_.erase(it);
}

void HostSchedule::unlist(const std::string& name, Host& host) {
  switch (host.standing) {
    case Standing::candidate: candidates_.erase(candidate_key(name, host)); break;
    case Standing::timed: timed_.erase({host.wake, &name}); break;
    case Standing::at_limit: std::erase(at_limit_, &name); break;
  }
}

void HostSchedule::make_candidate(const std::string& name, Host& host) {
  host.standing = Standing::candidate;
  candidates_.insert(candidate_key(name, host));
}

// A host that may not start now: HostSlots only ever moves a waiting host's
// time later (back-off, a longer delay), never earlier, so the time it gives
// now is safe to sleep until; one at its limit waits for a finish instead.
void HostSchedule::set_aside(const std::string& name, Host& host, const HostSlots& slots) {
  candidates_.erase(candidate_key(name, host));
  if (const auto when = slots.ready_at(name)) {
    host.standing = Standing::timed;
    host.wake = *when;
    timed_.insert({host.wake, &name});
  } else {
    host.standing = Standing::at_limit;
    at_limit_.push_back(&name);
  }
}

void HostSchedule::wake_due(Clock::time_point now, const HostSlots& slots) {
  while (!timed_.empty() && timed_.begin()->first <= now) {
    const std::string* name = timed_.begin()->second;
    timed_.erase(timed_.begin());
    make_candidate(*name, hosts_.find(*name)->second);
  }
  // A finish may have freed a slot: those hosts are candidates again, and if
  // their delay still runs, the next look sets them aside on the timetable.
  std::vector<const std::string*> still_at_limit;
  for (const std::string* name : at_limit_) {
    if (slots.ready_at(*name)) {
      make_candidate(*name, hosts_.find(*name)->second);
    } else {
      still_at_limit.push_back(name);
    }
  }
  at_limit_ = std::move(still_at_limit);
}

const std::string* HostSchedule::next_ready(Clock::time_point now, const HostSlots& slots) {
  wake_due(now, slots);
  while (!candidates_.empty()) {
    const std::string* name = std::get<2>(*candidates_.begin());
    if (slots.ready(*name, now)) return name;
    set_aside(*name, hosts_.find(*name)->second, slots);
  }
  return nullptr;
}

std::optional<Clock::time_point> HostSchedule::next_wakeup() const {
  // Candidates are not counted: right after a next_ready() that found
  // nothing there are none, and a host becomes one again only through a
  // finish or a newly queued request, both of which wake the dispatcher.
  if (timed_.empty()) return std::nullopt;
  return timed_.begin()->first;
}

}  // namespace gleaner::crawl
