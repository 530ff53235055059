#include <doctest/doctest.h>

#include <sstream>

#include "cli/open_metrics.hpp"
#include "sample_stats.hpp"

using namespace gleaner;

namespace {

bool has_line(const std::string& text, const std::string& line) {
  return text.find("\n" + line + "\n") != std::string::npos || text.rfind(line + "\n", 0) == 0;
}

}  // namespace

TEST_CASE("the metrics file holds gauges of the last run, labelled with the job, and ends in # EOF") {
  const engine::Stats stats = testing::sample_stats();
  const cli::RunOutcome outcome{"books", "out/books.jsonl", stats, 1, 0, 1764468000};
  const std::string text = cli::open_metrics(outcome);
  CHECK(has_line(text, "# TYPE gleaner_last_run_finished_timestamp_seconds gauge"));
  CHECK(has_line(text, "gleaner_last_run_finished_timestamp_seconds{job=\"books\"} 1764468000"));
  CHECK(has_line(text, "gleaner_last_run_exit_code{job=\"books\"} 0"));
  CHECK(has_line(text, "gleaner_last_run_duration_seconds{job=\"books\"} 2"));
  CHECK(has_line(text, "gleaner_last_run_pages_fetched{job=\"books\"} 12"));
  CHECK(has_line(text, "gleaner_last_run_responses{job=\"books\",status=\"404\"} 1"));
  CHECK(has_line(text, "gleaner_last_run_errors{job=\"books\",kind=\"transport\"} 1"));
  CHECK(has_line(text, "gleaner_last_run_items_by_type{job=\"books\",type=\"card\"} 2"));
  // Label values escape their double quotes.
  CHECK(has_line(text, "gleaner_last_run_dropped_items{job=\"books\",reason=\"book: missing required field "
                       "\\\"price\\\"\"} 3"));
  CHECK(text.size() >= 6);
  CHECK(text.substr(text.size() - 6) == "# EOF\n");
}

TEST_CASE("every sample follows its family's TYPE and HELP lines, and names only the family") {
  const engine::Stats stats = testing::sample_stats();
  const std::string text = cli::open_metrics({"j", "d", stats, 1, 1, 0});
  std::string family;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("# TYPE ", 0) == 0) {
      family = line.substr(7, line.find(' ', 7) - 7);
    } else if (line.rfind("# ", 0) != 0) {
      CAPTURE(line);
      CHECK(line.rfind(family + "{", 0) == 0);
    }
  }
}
