// Frontier: the URLs still to fetch, queued per host, and the fingerprints of
// every URL ever admitted. Decides which links are followed (scope, limits,
// link rules, trap guard) and hands out the shallowest (or, depth-first, the
// deepest) request whose host is ready (HostSlots), so one slow or throttled
// host never holds up the others.
//
// Memory: the seen set costs 9-18 bytes a URL (FingerprintSet). Queued
// requests are kept in RAM up to max_queued_in_memory; beyond it, the host
// with the most requests in RAM moves its last-ranked one to a FrontierSpill
// on disk. Each host keeps the head of its own line in RAM (so every host
// can be served, and the one to serve next is still found in RAM) and reads
// the next part back from the spill when its part in RAM runs out; a host's
// requests leave in exactly the order they would without the spill. RAM then
// holds at most max_queued_in_memory requests, or one per host with queued
// requests when there are more such hosts.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <queue>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/url.hpp"
#include "crawl/crawl_request.hpp"
#include "crawl/fingerprint_set.hpp"
#include "crawl/frontier_spill.hpp"
#include "crawl/host_schedule.hpp"
#include "crawl/host_slots.hpp"
#include "crawl/queue_rank.hpp"
#include "crawl/link_rules.hpp"
#include "crawl/scope.hpp"
#include "crawl/queued_request.hpp"
#include "crawl/trap_guard.hpp"

namespace gleaner::crawl {

enum class Admission {
  queued,
  seen,                    // already admitted once
  out_of_scope_scheme,     // not http or https
  out_of_scope_domain,     // host outside the allowed domains
  too_deep,                // beyond max_depth
  url_too_long,            // canonical URL longer than max_url_length
  denied_by_pattern,       // a deny pattern matches
  not_allowed_by_pattern,  // there are allow patterns and none matches
  trap,                    // the trap guard's call
  page_limit,              // max_pages URLs already admitted
  host_page_limit,         // max_pages_per_host URLs of this host already admitted
};
constexpr std::size_t admission_kinds = static_cast<std::size_t>(Admission::host_page_limit) + 1;

// Short names, as `gleaner links` prints them after "skip: ": "seen",
// "scheme", "domain", "depth", "url length", "pattern", "no allow pattern",
// "trap", "max_pages", "max_pages_per_host"; "queued" for queued.
std::string_view describe(Admission admission);

// The frontier's decision on one URL and, when a rule of the job made it,
// which one: the deny pattern's text, or the kind of trap.
struct Verdict {
  Admission admission = Admission::queued;
  std::string rule;

  friend bool operator==(const Verdict& verdict, Admission admission) { return verdict.admission == admission; }
};

// describe(admission) plus the rule: "pattern /[?&]sort=/", "trap (endless calendar)".
std::string describe(const Verdict& verdict);

enum class CrawlOrder {
  breadth_first,  // the shallowest ready request first
  depth_first,    // the deepest ready request first
};

struct FrontierLimits {
  int max_depth = 10;
  long max_pages = 0;           // 0: no limit
  long max_pages_per_host = 0;  // 0: no limit; hosts, not domains: www.x.test and x.test count apart
  CrawlOrder order = CrawlOrder::breadth_first;
  // Queued requests kept in RAM at most; the rest wait in the spill. 0: no
  // limit (and no spill).
  std::size_t max_queued_in_memory = 0;
};

// Opens the spill the first time the frontier needs one.
using SpillOpener = std::function<Result<std::unique_ptr<FrontierSpill>>()>;

class Frontier {
 public:
  Frontier(Scope scope, FrontierLimits limits, LinkRules rules = {})
      : scope_(std::move(scope)), limits_(limits), rules_(std::move(rules)) {}

  // A newly found URL, canonicalised by the job's query rules and then
  // checked against scope, depth, the seen set, the link rules, the trap
  // guard and the page limits, in that order; the first that refuses decides.
  // Start URLs (depth 0) skip the allow/deny patterns and the trap guard.
  Verdict add(CrawlRequest request);
  // add() for a link found on a page at depth - 1: no copy of the referer
  // is made unless the link is queued.
  Verdict add_link(Url url, int depth, std::string_view referer);
  // Pure: what add() would decide now, without admitting anything.
  Verdict check(const CrawlRequest& request) const;
  // The URL as the frontier queues, fetches and fingerprints it.
  Url canonical(const Url& url) const { return rules_.query.apply(url); }

  // Called with each request add() admits, canonical and with its priority
  // set, and its fingerprint: the engine records it in the state store.
  void on_admitted(std::function<void(const CrawlRequest&, std::uint64_t key)> observer) {
    on_admitted_ = std::move(observer);
  }

  // Where requests beyond max_queued_in_memory go. Without one, or once the
  // spill has failed, every queued request stays in RAM.
  void spill_to(SpillOpener open_spill) { open_spill_ = std::move(open_spill); }
  // Why the spill failed, once it has. A failure to read requests back loses
  // them (spill_lost() counts them): the caller should stop and say so.
  const std::optional<std::string>& spill_error() const { return spill_error_; }
  std::size_t spill_lost() const { return spill_lost_; }

  // Before any add(): an interrupted run's frontier as its state stored it.
  // `seen` holds the fingerprints of every URL it admitted, `admitted_per_host`
  // their counts by host (for max_pages_per_host). The trap guard starts
  // afresh. Then requeue() each URL not done yet, in the order it was queued.
  void restore(const std::vector<std::uint64_t>& seen,
               const std::vector<std::pair<std::string, long>>& admitted_per_host);
  // One of the interrupted run's pending URLs, queued again (restore() has
  // counted it as admitted); past the memory budget it goes to the spill.
  void requeue(CrawlRequest request) { enqueue(std::move(request)); }

  // A request that failed and will be tried again, not before `not_before`.
  void retry(CrawlRequest request, Clock::time_point not_before);

  // The highest-priority request whose host `slots` says is ready at `now`;
  // among equals the shallowest (depth-first: deepest), then in arrival
  // order. Nothing if no queued request may start yet.
  std::optional<CrawlRequest> next_ready(Clock::time_point now, const HostSlots& slots);
  // When next_ready() could next return something without any request
  // finishing first; nullopt if that needs a finish (or nothing is queued).
  std::optional<Clock::time_point> next_wakeup(const HostSlots& slots) const;

  std::size_t pending() const { return in_memory_ + delayed_.size() + spilled_; }
  std::size_t queued_in_memory() const { return in_memory_; }
  std::size_t spilled() const { return spilled_; }
  std::size_t seen() const { return seen_.size(); }
  std::size_t seen_set_bytes() const { return seen_.memory_bytes(); }

 private:
  struct HostQueue {
    // One lane per rank: with many pages in flight, a deep page can finish
    // before a shallow one, and its links must still wait their turn. Lanes
    // are never left empty, so begin() is the next lane to serve.
    std::map<QueueRank, std::deque<QueuedRequest>> lanes;
    std::size_t in_memory = 0;
    // The rest of this host's line, on disk: everything there ranks after
    // everything in the lanes. A host with spilled requests always has at
    // least one in RAM.
    std::size_t spilled = 0;
    std::optional<QueueRank> spill_best;
  };
  using HostIterator = std::unordered_map<std::string, HostQueue>::iterator;
  struct Delayed {
    Clock::time_point not_before;
    std::uint64_t order;
    CrawlRequest request;
    bool operator>(const Delayed& other) const {
      return not_before != other.not_before ? not_before > other.not_before : order > other.order;
    }
  };

  struct Decision {
    Verdict verdict;
    TrapCheck trap;
  };
  // `url` is canonical already.
  Decision decide(const Url& url, int depth, std::string_view referer, std::uint64_t key) const;
  // Whether the job's query rules could change `url` (else it is canonical as it is).
  bool rewrites_queries(const Url& url) const { return !rules_.query.empty() && !url.query().empty(); }
  void admit(CrawlRequest request, std::uint64_t key, const TrapCheck& trap);
  QueueRank rank_of(const QueuedRequest& queued) const;
  QueuedRequest queue_form(CrawlRequest request, std::uint64_t sequence);
  // A new request: to RAM, or to the spill when the spill already holds
  // requests ranked as well or better (so it waits its turn behind them).
  void enqueue(CrawlRequest request);
  void place_in_memory(HostIterator host, QueuedRequest queued, bool front);
  CrawlRequest take_front(HostIterator host);
  // Keeps hosts_by_size_ and the schedule up to date after `host` changed.
  void host_changed(HostIterator host, std::size_t old_in_memory);
  bool spilling() const { return limits_.max_queued_in_memory > 0 && open_spill_ && !spill_error_; }
  // Moves the last-ranked request of the host with the most in RAM to the spill.
  void spill_from_largest_host();
  void spill(HostIterator host, QueuedRequest queued);
  // Reads the next part of the host's line back from the spill.
  void refill(HostIterator host);
  void release_due_retries(Clock::time_point now);

  Scope scope_;
  FrontierLimits limits_;
  LinkRules rules_;
  TrapGuard trap_guard_;
  std::unordered_map<std::string, long> admitted_per_host_;  // only with max_pages_per_host
  FingerprintSet seen_;
  std::unordered_map<std::string, HostQueue> hosts_;  // only hosts with queued requests; keys stay put
  HostSchedule schedule_;
  // For spill_from_largest_host(): hosts by requests in RAM (pointing at hosts_' keys).
  std::set<std::pair<std::size_t, const std::string*>> hosts_by_size_;
  std::priority_queue<Delayed, std::vector<Delayed>, std::greater<>> delayed_;
  std::uint64_t delayed_order_ = 0;
  std::uint64_t next_sequence_ = 1;
  SharedReferers referers_;
  std::size_t in_memory_ = 0;
  std::size_t spilled_ = 0;
  long admitted_ = 0;
  std::function<void(const CrawlRequest&, std::uint64_t key)> on_admitted_;
  SpillOpener open_spill_;
  std::unique_ptr<FrontierSpill> spill_;     // opened on first use
  std::optional<std::string> spill_error_;
  std::size_t spill_lost_ = 0;
};

}  // namespace gleaner::crawl
