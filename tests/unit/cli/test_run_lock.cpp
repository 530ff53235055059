#include <doctest/doctest.h>

#include <unistd.h>

#include "cli/run_lock.hpp"
#include "support/temp_dir.hpp"

using namespace gleaner;

TEST_CASE("a second holder of a job's lock is refused, naming the first one's PID") {
  testing::TempDir dir;
  const std::string path = (dir.path / "out" / ".books.lock").string();
  {
    auto first = cli::RunLock::acquire(path);
    REQUIRE(first);
    CHECK(testing::read_file(path) == std::to_string(getpid()) + "\n");
    // flock(2) locks belong to an open file description, so a second open in
    // this same process is refused just as another process would be.
    auto second = cli::RunLock::acquire(path);
    REQUIRE_FALSE(second);
    CHECK(second.error().kind == ErrorKind::busy);
    CHECK(second.error().message == "another run of this job is in progress (PID " + std::to_string(getpid()) +
                                        ", lock " + path + "); not starting");
  }
  // Released with the first holder; the file stays.
  CHECK(cli::RunLock::acquire(path));
}

TEST_CASE("the lock sits beside the dataset, named after the job, whatever the file name") {
  CHECK(cli::run_lock_path("out/books-2026-11-30.jsonl", "books") == "out/.books.lock");
  CHECK(cli::run_lock_path("books.csv", "books") == ".books.lock");
}

TEST_CASE("a lock file that cannot be created is an I/O error naming it") {
  auto lock = cli::RunLock::acquire("/proc/no/such/dir/.x.lock");
  REQUIRE_FALSE(lock);
  CHECK(lock.error().kind == ErrorKind::io);
  CHECK(lock.error().message.find("/proc/no/such/dir/.x.lock: cannot create directory /proc/no/such/dir: ") == 0);
}
