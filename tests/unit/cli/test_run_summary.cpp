#include <doctest/doctest.h>

#include "cli/run_summary.hpp"
#include "sample_stats.hpp"

using namespace gleaner;

TEST_CASE("the summary says what was fetched, kept, dropped and why, one line per subject") {
  const engine::Stats stats = testing::sample_stats();
  const cli::RunOutcome outcome{"books", "out/books.jsonl", stats, 1, 0, 0};
  const std::vector<std::string> expected{
      "books: 12 pages fetched, 7 items written to out/books.jsonl, 2 errors (1 transport, 1 HTTP), 2.0 s, 6 pages/s",
      "books: responses by status: 200 × 9, 404 × 1, 503 × 2; 2 retries; 1.5 MiB received",
      "books: items by type: book × 5, card × 2",
      "books: 3 items dropped: book: missing required field \"price\" × 3",
      "books: 2 values set to null: book/rating: not a number × 2",
      "books: 11 links queued; not followed: 1 robots.txt",
  };
  CHECK(cli::summary_lines(outcome) == expected);
}

TEST_CASE("an empty run prints only the figures that apply") {
  const engine::Stats stats;
  const cli::RunOutcome outcome{"t", "-", stats, 1, 0, 0};
  const std::vector<std::string> expected{
      "t: 0 pages fetched, 0 items written to -, 0 errors (0 transport, 0 HTTP), 0.0 s, 0 pages/s",
      "t: 0 links queued; not followed: none",
  };
  CHECK(cli::summary_lines(outcome) == expected);
}

TEST_CASE("a run over its error budget says so in its last line") {
  engine::Stats stats = testing::sample_stats();  // 2 failed of 11 finished: 18.2%
  SUBCASE("over") {
    const cli::RunOutcome outcome{"books", "out/b.jsonl", stats, 0.1, 1, 0};
    CHECK(cli::over_error_budget(stats, 0.1));
    CHECK(cli::summary_lines(outcome).back() == "books: 18.2% of the URLs failed, over max_error_rate 10.0%");
  }
  SUBCASE("within") {
    CHECK_FALSE(cli::over_error_budget(stats, 0.2));
    const cli::RunOutcome outcome{"books", "out/b.jsonl", stats, 0.2, 0, 0};
    CHECK(cli::summary_lines(outcome).back().find("max_error_rate") == std::string::npos);
  }
  SUBCASE("nothing finished is no error rate at all") {
    CHECK_FALSE(cli::over_error_budget(engine::Stats{}, 0));
  }
}
