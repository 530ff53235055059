#include "crawl/frontier.hpp"

#include <re2/re2.h>


#include "crawl/fingerprint.hpp"

namespace gleaner::crawl {

std::string_view describe(Admission admission) {
  switch (admission) {
    case Admission::queued: return "queued";
    case Admission::seen: return "seen";
    case Admission::out_of_scope_scheme: return "scheme";
    case Admission::out_of_scope_domain: return "domain";
    case Admission::too_deep: return "depth";
    case Admission::url_too_long: return "url length";
    case Admission::denied_by_pattern: return "pattern";
    case Admission::not_allowed_by_pattern: return "no allow pattern";
    case Admission::trap: return "trap";
    case Admission::page_limit: return "max_pages";
    case Admission::host_page_limit: return "max_pages_per_host";
  }
  return "unknown";
}

std::string describe(const Verdict& verdict) {
  std::string text(describe(verdict.admission));
  if (verdict.rule.empty()) return text;
  if (verdict.admission == Admission::denied_by_pattern) return text + " /" + verdict.rule + "/";
  return text + " (" + verdict.rule + ")";
}

Frontier::Decision Frontier::decide(const CrawlRequest& request, std::uint64_t key) const {
  const Url& url = request.url;
  const bool start_url = request.depth == 0;
  switch (scope_.check(url)) {
    case OutOfScope::scheme: return {{Admission::out_of_scope_scheme, {}}, {}};
    case OutOfScope::domain: return {{Admission::out_of_scope_domain, {}}, {}};
    case OutOfScope::none: break;
  }
  if (request.depth > limits_.max_depth) return {{Admission::too_deep, {}}, {}};
  if (seen_.contains(key)) return {{Admission::seen, {}}, {}};
  if (rules_.max_url_length > 0 && url.str().size() > rules_.max_url_length) {
    return {{Admission::url_too_long, {}}, {}};
  }
  TrapCheck trap;
  if (!start_url) {
    if (const re2::RE2* deny = first_match(rules_.deny, url)) {
      return {{Admission::denied_by_pattern, deny->pattern()}, {}};
    }
    if (!rules_.allow.empty() && !first_match(rules_.allow, url)) {
      return {{Admission::not_allowed_by_pattern, {}}, {}};
    }
    if (rules_.trap_guard) {
      trap = trap_guard_.check(url, request.referer);
      if (trap.trap != TrapKind::none) return {{Admission::trap, std::string(describe(trap.trap))}, trap};
    }
  }
  if (limits_.max_pages > 0 && admitted_ >= limits_.max_pages) return {{Admission::page_limit, {}}, trap};
  if (limits_.max_pages_per_host > 0) {
    const auto host = admitted_per_host_.find(url.host());
    if (host != admitted_per_host_.end() && host->second >= limits_.max_pages_per_host) {
      return {{Admission::host_page_limit, {}}, trap};
    }
  }
  return {{Admission::queued, {}}, trap};
}

Verdict Frontier::check(const CrawlRequest& request) const {
  CrawlRequest canonical_request{canonical(request.url), request.depth, request.referer, request.attempt};
  const std::uint64_t key = fingerprint(canonical_request.url.str());
  return decide(canonical_request, key).verdict;
}

Verdict Frontier::add(CrawlRequest request) {
  request.url = canonical(request.url);
  // The seen set holds the canonical form's fingerprint, never the text.
  const std::uint64_t key = fingerprint(request.url.str());
  Decision decision = decide(request, key);
  if (decision.verdict.admission != Admission::queued) return std::move(decision.verdict);
  seen_.insert(key);
  ++admitted_;
  request.priority = priority_of(rules_.priority, request.url);
  if (limits_.max_pages_per_host > 0) ++admitted_per_host_[request.url.host()];
  if (rules_.trap_guard) trap_guard_.admitted(key, decision.trap);
  if (on_admitted_) on_admitted_(request, key);
  enqueue(std::move(request), /*front=*/false);
  return std::move(decision.verdict);
}

void Frontier::restore(const std::vector<std::uint64_t>& seen,
                       const std::vector<std::pair<std::string, long>>& admitted_per_host,
                       std::vector<CrawlRequest> pending) {
  seen_.insert(seen.begin(), seen.end());
  admitted_ = static_cast<long>(seen_.size());
  if (limits_.max_pages_per_host > 0) {
    for (const auto& [host, count] : admitted_per_host) admitted_per_host_[host] = count;
  }
  for (CrawlRequest& request : pending) enqueue(std::move(request), /*front=*/false);
}

void Frontier::retry(CrawlRequest request, Clock::time_point not_before) {
  delayed_.push(Delayed{not_before, delayed_order_++, std::move(request)});
}

Frontier::Rank Frontier::rank_of(const CrawlRequest& request) const {
  const bool deepest_first = limits_.order == CrawlOrder::depth_first;
  return {-request.priority, deepest_first ? -request.depth : request.depth};
}

void Frontier::enqueue(CrawlRequest request, bool front) {
  auto& lane = hosts_[request.url.host()].lanes[rank_of(request)];
  if (front) {
    lane.push_front(std::move(request));
  } else {
    lane.push_back(std::move(request));
  }
  ++pending_;
}

void Frontier::release_due_retries(Clock::time_point now) {
  while (!delayed_.empty() && delayed_.top().not_before <= now) {
    // priority_queue::top is const; the element is popped right after.
    CrawlRequest request = std::move(const_cast<Delayed&>(delayed_.top()).request);
    delayed_.pop();
    enqueue(std::move(request), /*front=*/true);  // a retry keeps its place in line
  }
}

std::optional<CrawlRequest> Frontier::next_ready(Clock::time_point now, const HostSlots& slots) {
  release_due_retries(now);
  std::unordered_map<std::string, HostQueue>::iterator best = hosts_.end();
  for (auto it = hosts_.begin(); it != hosts_.end(); ++it) {
    const bool better = best == hosts_.end() || it->second.lanes.begin()->first < best->second.lanes.begin()->first;
    if (better && slots.ready(it->first, now)) best = it;
  }
  if (best == hosts_.end()) return std::nullopt;

  auto lane = best->second.lanes.begin();
  CrawlRequest request = std::move(lane->second.front());
  lane->second.pop_front();
  --pending_;
  if (lane->second.empty()) best->second.lanes.erase(lane);
  if (best->second.lanes.empty()) hosts_.erase(best);
  return request;
}

std::optional<Clock::time_point> Frontier::next_wakeup(const HostSlots& slots) const {
  std::optional<Clock::time_point> earliest;
  auto consider = [&earliest](Clock::time_point when) {
    if (!earliest || when < *earliest) earliest = when;
  };
  if (!delayed_.empty()) consider(delayed_.top().not_before);
  for (const auto& [host, queue] : hosts_) {
    if (auto when = slots.ready_at(host)) consider(*when);
  }
  return earliest;
}

}  // namespace gleaner::crawl
