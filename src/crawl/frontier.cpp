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

Frontier::Decision Frontier::decide(const Url& url, int depth, std::string_view referer, std::uint64_t key) const {
  const bool start_url = depth == 0;
  switch (scope_.check(url)) {
    case OutOfScope::scheme: return {{Admission::out_of_scope_scheme, {}}, {}};
    case OutOfScope::domain: return {{Admission::out_of_scope_domain, {}}, {}};
    case OutOfScope::none: break;
  }
  if (depth > limits_.max_depth) return {{Admission::too_deep, {}}, {}};
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
      trap = trap_guard_.check(url, referer);
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
  const Url url = canonical(request.url);
  return decide(url, request.depth, request.referer, fingerprint(url.str())).verdict;
}

Verdict Frontier::add(CrawlRequest request) {
  if (rewrites_queries(request.url)) request.url = canonical(request.url);
  // The seen set holds the canonical form's fingerprint, never the text.
  const std::uint64_t key = fingerprint(request.url.str());
  Decision decision = decide(request.url, request.depth, request.referer, key);
  if (decision.verdict.admission != Admission::queued) return std::move(decision.verdict);
  admit(std::move(request), key, decision.trap);
  return std::move(decision.verdict);
}

// The same as add(), for the links of a page: most were seen already, so
// the request, with its copy of the referer, is only made for the few queued.
Verdict Frontier::add_link(Url url, int depth, std::string_view referer) {
  if (rewrites_queries(url)) url = canonical(url);
  const std::uint64_t key = fingerprint(url.str());
  Decision decision = decide(url, depth, referer, key);
  if (decision.verdict.admission != Admission::queued) return std::move(decision.verdict);
  admit(CrawlRequest{std::move(url), depth, std::string(referer)}, key, decision.trap);
  return std::move(decision.verdict);
}

void Frontier::admit(CrawlRequest request, std::uint64_t key, const TrapCheck& trap) {
  seen_.insert(key);
  ++admitted_;
  request.priority = priority_of(rules_.priority, request.url);
  if (limits_.max_pages_per_host > 0) ++admitted_per_host_[request.url.host()];
  if (rules_.trap_guard) trap_guard_.admitted(key, trap);
  if (on_admitted_) on_admitted_(request, key);
  enqueue(std::move(request));
}

void Frontier::restore(const std::vector<std::uint64_t>& seen,
                       const std::vector<std::pair<std::string, long>>& admitted_per_host) {
  for (const std::uint64_t key : seen) seen_.insert(key);
  admitted_ = static_cast<long>(seen_.size());
  if (limits_.max_pages_per_host > 0) {
    for (const auto& [host, count] : admitted_per_host) admitted_per_host_[host] = count;
  }
}

void Frontier::retry(CrawlRequest request, Clock::time_point not_before) {
  delayed_.push(Delayed{not_before, delayed_order_++, std::move(request)});
}

QueueRank Frontier::rank_of(const QueuedRequest& queued) const {
  const bool deepest_first = limits_.order == CrawlOrder::depth_first;
  return {-queued.priority, deepest_first ? -queued.depth : queued.depth};
}

QueuedRequest Frontier::queue_form(CrawlRequest request, std::uint64_t sequence) {
  return QueuedRequest{std::move(request.url).take_text(), referers_.share(std::move(request.referer)),
                       request.depth, request.attempt, request.priority, sequence};
}

void Frontier::enqueue(CrawlRequest request) {
  const auto host = hosts_.try_emplace(request.url.host()).first;
  QueuedRequest queued = queue_form(std::move(request), next_sequence_++);
  // Behind what this host has on disk already: it waits its turn there.
  if (host->second.spilled > 0 && rank_of(queued) >= *host->second.spill_best && spilling()) {
    spill(host, std::move(queued));
    return;
  }
  place_in_memory(host, std::move(queued), /*front=*/false);
  if (spilling() && in_memory_ > limits_.max_queued_in_memory) spill_from_largest_host();
}

void Frontier::place_in_memory(HostIterator host, QueuedRequest queued, bool front) {
  auto& lane = host->second.lanes[rank_of(queued)];
  if (front) {
    lane.push_front(std::move(queued));
  } else {
    lane.push_back(std::move(queued));
  }
  ++in_memory_;
  host_changed(host, host->second.in_memory++);
}

void Frontier::host_changed(HostIterator host, std::size_t old_in_memory) {
  HostQueue& queue = host->second;
  if (old_in_memory > 0) hosts_by_size_.erase({old_in_memory, &host->first});
  if (queue.in_memory > 0) {
    hosts_by_size_.insert({queue.in_memory, &host->first});
    schedule_.update(host->first, queue.lanes.begin()->first);
  } else {
    schedule_.remove(host->first);
    if (queue.spilled == 0) hosts_.erase(host);
  }
}

CrawlRequest Frontier::take_front(HostIterator host) {
  HostQueue& queue = host->second;
  auto lane = queue.lanes.begin();
  CrawlRequest request = std::move(lane->second.front()).request(host->first);
  lane->second.pop_front();
  if (lane->second.empty()) queue.lanes.erase(lane);
  --in_memory_;
  const std::size_t old_in_memory = queue.in_memory--;
  if (queue.in_memory == 0 && queue.spilled > 0) refill(host);
  host_changed(host, old_in_memory);
  return request;
}

void Frontier::spill_from_largest_host() {
  const auto largest = std::prev(hosts_by_size_.end());
  // Every host keeps the head of its line in RAM, or it could not be served.
  if (largest->first <= 1) return;
  const auto host = hosts_.find(*largest->second);
  HostQueue& queue = host->second;
  const auto lane = std::prev(queue.lanes.end());
  // Its last: what stays in RAM of this host ranks before it, or arrived before it.
  QueuedRequest queued = std::move(lane->second.back());
  lane->second.pop_back();
  if (lane->second.empty()) queue.lanes.erase(lane);
  --in_memory_;
  host_changed(host, queue.in_memory--);
  spill(host, std::move(queued));
}

void Frontier::spill(HostIterator host, QueuedRequest queued) {
  if (!spill_) {
    auto opened = open_spill_();
    if (!opened) {
      spill_error_ = opened.error().message;
      place_in_memory(host, std::move(queued), /*front=*/false);
      return;
    }
    spill_ = std::move(*opened);
  }
  const QueueRank rank = rank_of(queued);
  const std::uint64_t sequence = queued.sequence;
  SpilledRequest spilled{std::move(queued).request(host->first), rank, sequence};
  if (auto stored = spill_->put(spilled); !stored) {
    // From now on everything stays in RAM; what is in the spill still comes back.
    spill_error_ = stored.error().message;
    place_in_memory(host, queue_form(std::move(spilled.request), sequence), /*front=*/false);
    return;
  }
  HostQueue& queue = host->second;
  ++queue.spilled;
  ++spilled_;
  if (!queue.spill_best || rank < *queue.spill_best) queue.spill_best = rank;
}

void Frontier::refill(HostIterator host) {
  HostQueue& queue = host->second;
  const std::size_t budget = limits_.max_queued_in_memory;
  // Half the room left, so that other hosts' refills find some too; at least
  // one. At most a batch: what is read back is briefly held twice (the
  // spill's answer and the lanes), and a read of thousands was the peak of a
  // large crawl's memory. The next read comes when this batch has been served.
  constexpr std::size_t most_per_refill = 512;
  const std::size_t room = budget > in_memory_ ? (budget - in_memory_ + 1) / 2 : 1;
  const std::size_t count = std::min({queue.spilled, room, most_per_refill});
  auto taken = spill_->take_best(host->first, count);
  if (!taken) {
    spill_error_ = taken.error().message;
    spill_lost_ += queue.spilled;
    spilled_ -= queue.spilled;
    queue.spilled = 0;
    queue.spill_best.reset();
    return;
  }
  // `count` left the spill, even if (with a damaged file) fewer came back.
  queue.spilled -= count;
  spilled_ -= count;
  queue.spill_best = queue.spilled > 0 ? spill_->best_rank(host->first) : std::nullopt;
  for (SpilledRequest& spilled : *taken) {
    const QueueRank rank = spilled.rank;
    queue.lanes[rank].push_back(queue_form(std::move(spilled.request), spilled.sequence));
    ++queue.in_memory;
    ++in_memory_;
  }
}

void Frontier::release_due_retries(Clock::time_point now) {
  while (!delayed_.empty() && delayed_.top().not_before <= now) {
    // priority_queue::top is const; the element is popped right after.
    CrawlRequest request = std::move(const_cast<Delayed&>(delayed_.top()).request);
    delayed_.pop();
    const auto host = hosts_.try_emplace(request.url.host()).first;
    place_in_memory(host, queue_form(std::move(request), 0), /*front=*/true);  // a retry keeps its place in line
  }
}

std::optional<CrawlRequest> Frontier::next_ready(Clock::time_point now, const HostSlots& slots) {
  release_due_retries(now);
  const std::string* host = schedule_.next_ready(now, slots);
  if (!host) return std::nullopt;
  return take_front(hosts_.find(*host));
}

std::optional<Clock::time_point> Frontier::next_wakeup(const HostSlots&) const {
  std::optional<Clock::time_point> earliest = schedule_.next_wakeup();
  if (!delayed_.empty() && (!earliest || delayed_.top().not_before < *earliest)) {
    earliest = delayed_.top().not_before;
  }
  return earliest;
}

}  // namespace gleaner::crawl
