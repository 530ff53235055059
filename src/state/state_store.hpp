// StateStore: what a job remembers between runs, and what lets a killed run
// continue. The frontier of the run in progress (URLs queued, which of them
// are done), a copy of each page for incremental re-crawls (its HTTP
// validators, content hash, links and records), robots.txt files, the
// dataset's committed size, and the history of runs.
//
// Threads: begin_run, unfinished_run, read_pending, end_run and summary are called before
// or after a crawl; validators, stored_page and robots on the loop thread
// during it; commit on the dataset's writer thread, right after the records
// it accounts for are written and synced, so that state and dataset always
// agree (see DatasetProgress).
#pragma once

#include <cstdint>
#include <functional>
#include <iterator>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/result.hpp"

namespace gleaner::state {

using Fingerprint = std::uint64_t;  // crawl::fingerprint of the canonical URL
using UnixSeconds = std::int64_t;

// A URL admitted to the frontier in the current run.
struct QueuedUrl {
  Fingerprint key = 0;
  std::string url;  // canonical
  std::string host;
  int depth = 0;
  std::string referer;
  int priority = 0;
};

// How a URL of the current run ended. Retries and abandoned requests do not
// end it: it stays pending.
enum class Completion {
  fetched,    // 2xx, new or changed: its page copy is replaced (if one is given)
  unchanged,  // 304, the same content hash, or not due yet: the stored copy is still right
  failed,     // transport error or HTTP error status, after retries: the stored copy is kept
  gone,       // 404 or 410: the stored copy is dropped
  skipped,    // never fetched: robots.txt disallowed it
};

// What a conditional request needs, and when the page was last known right.
struct Validators {
  std::string etag;           // as the server sent it, quotes included
  std::string last_modified;  // as the server sent it (an HTTP-date)
  std::uint64_t content_hash = 0;  // of the body as received
  UnixSeconds verified_at = 0;     // last fetched, or confirmed unchanged
};

// A page as a later run may reuse it without fetching or parsing it again.
struct StoredPage {
  Validators validators;
  std::vector<std::string> links;    // absolute URLs the job's follow rules found
  std::vector<std::string> records;  // the page's records as compact JSON objects, in order
};

struct CompletedUrl {
  Fingerprint key = 0;
  Completion completion = Completion::fetched;
  long status = 0;          // the final HTTP status; 0: none (transport error, skipped)
  UnixSeconds checked_at = 0;
  // Completion::fetched: the new copy; nullopt stores none (the store keeps
  // no copies, or the response was not an HTML page).
  std::optional<StoredPage> page;
};

// A robots.txt as fetched: RFC 9309 lets a crawler reuse it for 24 hours.
struct RobotsFile {
  std::string origin;  // "https://example.com:443"
  bool allow_all = false;  // a 4xx answer: no rules at all
  std::string body;        // 2xx: the file
  UnixSeconds fetched_at = 0;
};

// One transaction's worth, applied in this order.
struct Changes {
  std::vector<QueuedUrl> queued;
  std::vector<CompletedUrl> completed;
  std::vector<RobotsFile> robots;

  bool empty() const { return queued.empty() && completed.empty() && robots.empty(); }

  // Appends `later`'s changes after these, keeping the order.
  void append(Changes&& later) {
    auto move_all = [](auto& into, auto& from) {
      if (into.empty()) {
        into = std::move(from);
      } else {
        into.insert(into.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
      }
    };
    move_all(queued, later.queued);
    move_all(completed, later.completed);
    move_all(robots, later.robots);
  }
};

// The dataset as the state knows it: its first committed_bytes bytes hold
// exactly the records of the URLs completed so far in this run. A resumed
// run truncates NAME.part to that size and carries on writing.
struct DatasetProgress {
  std::uint64_t committed_bytes = 0;
  std::uint64_t records = 0;
};

enum class RunOutcome {
  running,      // started, not ended: killed, or still going
  complete,     // the frontier ran dry; the dataset was renamed into place
  stopped,      // SIGINT/SIGTERM: pending URLs are left for the next run
  max_runtime,  // the job's max_runtime ran out: pending URLs are left for the next run
  failed,       // could not write the dataset
};

// "running", "complete", "stopped", "max_runtime", "failed"; parse_run_outcome is its inverse.
std::string_view to_string(RunOutcome outcome);
std::optional<RunOutcome> parse_run_outcome(std::string_view text);

// What one run did, for `gleaner state` and the next run's reports.
struct RunCounts {
  std::uint64_t fetched = 0;       // HTTP responses received
  std::uint64_t not_modified = 0;  // 304, or 200 with the stored content hash
  std::uint64_t not_due = 0;       // reused without a request: fetched less than recrawl_after ago
  std::uint64_t changed = 0;       // 200 with another content hash than the stored copy
  std::uint64_t new_pages = 0;     // 200 with no stored copy
  std::uint64_t gone = 0;          // 404 or 410 where a copy was stored
  std::uint64_t failed = 0;        // errors after retries
  std::uint64_t items = 0;         // records written to the dataset
};

struct RunRecord {
  std::int64_t id = 0;  // 1, 2, ... in start order
  UnixSeconds started_at = 0;
  UnixSeconds ended_at = 0;  // 0 while running (or killed)
  RunOutcome outcome = RunOutcome::running;
  std::string dataset_path;  // NAME, as expanded when the run started; "-": standard output
  DatasetProgress dataset;
  RunCounts counts;
};

// An unfinished run, as a resumed run picks it up. Its pending URLs are not
// in it but read with StateStore::read_pending: a run stopped with millions
// queued is picked up without holding them all in RAM at once. The
// fingerprints are, at 8 bytes a URL: the frontier's seen set holds them all anyway.
struct ResumePoint {
  RunRecord run;
  std::uint64_t pending = 0;      // URLs queued and not completed
  std::vector<Fingerprint> seen;  // every URL queued in the run, pending or completed
  std::vector<std::pair<std::string, long>> queued_per_host;  // host -> URLs queued in the run
};

struct StateSummary {
  std::uint64_t pending = 0;  // queued and not completed in the last run
  std::uint64_t seen = 0;     // queued in the last run
  std::uint64_t done = 0;     // completed in the last run: fetched, unchanged or skipped
  std::uint64_t failed = 0;   // completed in the last run as failed
  std::uint64_t gone = 0;     // completed in the last run as gone
  std::uint64_t stored_pages = 0;  // page copies kept for incremental re-crawls
  std::vector<RunRecord> last_runs;  // newest first
};

class StateStore {
 public:
  virtual ~StateStore() = default;

  // Where the state lives, for messages: the database's path, or "memory".
  virtual std::string describe() const = 0;
  // False: the store keeps no page copies, so the engine need not make them.
  virtual bool keeps_page_copies() const = 0;

  // The last run unless it completed: killed (never ended), stopped by a
  // signal or max_runtime, or failed to write its dataset. The run to continue.
  virtual Result<std::optional<ResumePoint>> unfinished_run() = 0;
  // The unfinished run's pending URLs, in queue order, handed to `each` one
  // at a time as they are read. `each` must not call the store.
  virtual Result<void> read_pending(const std::function<void(QueuedUrl)>& each) = 0;
  // Starts a new run (its id is returned); the previous run's frontier is
  // forgotten, its page copies and validators are kept.
  virtual Result<std::int64_t> begin_run(UnixSeconds started_at, const std::string& dataset_path) = 0;
  // Ends the current run (begun or resumed): its outcome, counts and time.
  virtual Result<void> end_run(const RunRecord& run) = 0;

  // Loop thread, during a run: lookups by URL fingerprint.
  virtual Result<std::optional<Validators>> validators(Fingerprint key) = 0;
  virtual Result<std::optional<StoredPage>> stored_page(Fingerprint key) = 0;
  virtual Result<std::vector<RobotsFile>> robots_files() = 0;

  // Writer thread: applies `changes` to the current run and records the
  // dataset's progress, all in one transaction.
  virtual Result<void> commit(const Changes& changes, const DatasetProgress& dataset) = 0;

  // For `gleaner state`: counts of the last run and the `last_runs` newest runs.
  virtual Result<StateSummary> summary(std::size_t last_runs) = 0;
};

}  // namespace gleaner::state
