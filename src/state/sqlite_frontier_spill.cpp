#include "state/sqlite_frontier_spill.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace gleaner::state {
namespace {

constexpr std::size_t puts_per_batch = 4096;

// No journal, no fsync, one connection holding the lock: the file is scratch
// (see the header). The small page cache is the point: the spill is there to
// keep RAM flat.
constexpr const char* scratch_pragmas =
    "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA locking_mode=EXCLUSIVE;"
    "PRAGMA cache_size=-512; PRAGMA temp_store=FILE;";

// Each host's requests leave best first: rank, then arrival. A retry's
// sequence is 0, and two may share it, so the order is an index, not a key.
constexpr const char* schema =
    "CREATE TABLE spill(host TEXT NOT NULL, rank_priority INTEGER NOT NULL, rank_depth INTEGER NOT NULL,"
    " sequence INTEGER NOT NULL, url TEXT NOT NULL, depth INTEGER NOT NULL, referer TEXT NOT NULL,"
    " attempt INTEGER NOT NULL, priority INTEGER NOT NULL);"
    "CREATE INDEX spill_order ON spill(host, rank_priority, rank_depth, sequence);";

constexpr const char* best_rows =
    "SELECT rowid FROM spill WHERE host = ?1 ORDER BY rank_priority, rank_depth, sequence LIMIT ?2";

Result<std::string> make_scratch_file(std::string directory) {
  if (directory.empty()) {
    const char* tmpdir = std::getenv("TMPDIR");
    directory = tmpdir && *tmpdir ? tmpdir : "/tmp";
  }
  std::string path = directory + "/gleaner-frontier-XXXXXX";
  const int fd = mkstemp(path.data());
  if (fd < 0) {
    return make_error(ErrorKind::io, path + ": cannot create the frontier's spill file: " + std::strerror(errno));
  }
  close(fd);
  return path;
}

}  // namespace

Result<std::unique_ptr<SqliteFrontierSpill>> SqliteFrontierSpill::open(const std::string& directory) {
  auto path = make_scratch_file(directory);
  if (!path) return path.error();
  auto connection = SqliteConnection::open(*path, /*create=*/true);
  // Unlinked at once: the open connection keeps the file, nothing else can.
  unlink(path->c_str());
  if (!connection) return connection.error();
  if (auto set = connection->execute(scratch_pragmas, "setting up the frontier spill"); !set) return set.error();
  if (auto made = connection->execute(schema, "creating the frontier spill"); !made) return made.error();

  auto insert = connection->prepare(
      "INSERT INTO spill(rank_priority, rank_depth, sequence, url, depth, referer, attempt, priority, host)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
      "spilling a queued URL");
  // In the index's order, so SQLite walks the index and sorts nothing (a
  // sorter here held a megabyte per read-back).
  auto select_best = connection->prepare(
      "SELECT rank_priority, rank_depth, sequence, url, depth, referer, attempt, priority FROM spill"
      " WHERE host = ?1 ORDER BY rank_priority, rank_depth, sequence LIMIT ?2",
      "reading queued URLs back");
  auto delete_best = connection->prepare(std::string("DELETE FROM spill WHERE rowid IN (") + best_rows + ")",
                                         "removing queued URLs read back");
  auto best_rank = connection->prepare("SELECT rank_priority, rank_depth FROM spill WHERE host = ?1"
                                       " ORDER BY rank_priority, rank_depth LIMIT 1",
                                       "finding the best spilled rank");
  for (const auto* statement : {&insert, &select_best, &delete_best, &best_rank}) {
    if (!*statement) return statement->error();
  }
  return std::make_unique<SqliteFrontierSpill>(std::move(*connection), std::move(*insert), std::move(*select_best),
                                               std::move(*delete_best), std::move(*best_rank));
}

Result<void> SqliteFrontierSpill::begin_batch() {
  if (in_batch_) return {};
  if (auto begun = connection_.execute("BEGIN", "spilling queued URLs"); !begun) return begun.error();
  in_batch_ = true;
  puts_in_batch_ = 0;
  return {};
}

Result<void> SqliteFrontierSpill::end_batch() {
  if (!in_batch_) return {};
  in_batch_ = false;
  return connection_.execute("COMMIT", "spilling queued URLs");
}

Result<void> SqliteFrontierSpill::put(const crawl::SpilledRequest& spilled) {
  if (auto begun = begin_batch(); !begun) return begun.error();
  const crawl::CrawlRequest& request = spilled.request;
  auto use = insert_.use();
  use.bind(1, spilled.rank.first)
      .bind(2, spilled.rank.second)
      .bind_unsigned(3, spilled.sequence)
      .bind(4, request.url.str())
      .bind(5, request.depth)
      .bind(6, request.referer)
      .bind(7, request.attempt)
      .bind(8, request.priority)
      .bind(9, request.url.host());
  if (auto inserted = use.run(); !inserted) return inserted.error();
  ++size_;
  if (++puts_in_batch_ >= puts_per_batch) return end_batch();
  return {};
}

Result<std::vector<crawl::SpilledRequest>> SqliteFrontierSpill::take_best(const std::string& host,
                                                                        std::size_t count) {
  if (auto ended = end_batch(); !ended) return ended.error();
  std::vector<crawl::SpilledRequest> taken;
  {
    auto use = select_best_.use();
    use.bind(1, host).bind(2, static_cast<std::int64_t>(count));
    while (true) {
      auto row = use.step();
      if (!row) return row.error();
      if (!*row) break;
      // Stored by put() from a canonical Url of this host, so no parse: a
      // large crawl reads back most of what it queues.
      Url url = Url::from_parts(use.text(3), host);
      taken.push_back(crawl::SpilledRequest{
          crawl::CrawlRequest{std::move(url), static_cast<int>(use.integer(4)), use.text(5),
                              static_cast<int>(use.integer(6)), static_cast<int>(use.integer(7))},
          {static_cast<int>(use.integer(0)), static_cast<int>(use.integer(1))}, use.unsigned_integer(2)});
    }
  }
  auto use = delete_best_.use();
  use.bind(1, host).bind(2, static_cast<std::int64_t>(count));
  if (auto deleted = use.run(); !deleted) return deleted.error();
  size_ -= std::min(size_, static_cast<std::size_t>(connection_.changes()));
  return taken;
}

std::size_t SqliteFrontierSpill::file_bytes() {
  if (!end_batch()) return 0;
  auto pages = connection_.prepare("PRAGMA page_count", "measuring the frontier spill");
  auto page_size = connection_.prepare("PRAGMA page_size", "measuring the frontier spill");
  if (!pages || !page_size) return 0;
  auto count = pages->use();
  auto size = page_size->use();
  auto has_count = count.step();
  auto has_size = size.step();
  if (!has_count || !*has_count || !has_size || !*has_size) return 0;
  return static_cast<std::size_t>(count.integer(0) * size.integer(0));
}

std::optional<crawl::QueueRank> SqliteFrontierSpill::best_rank(const std::string& host) const {
  auto use = best_rank_.use();
  use.bind(1, host);
  auto row = use.step();
  if (!row || !*row) return std::nullopt;
  return crawl::QueueRank{static_cast<int>(use.integer(0)), static_cast<int>(use.integer(1))};
}

}  // namespace gleaner::state
