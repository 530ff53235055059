#include <doctest/doctest.h>

#include "cli/progress_line.hpp"

using namespace gleaner;

TEST_CASE("the progress line shows pages, queue, items, errors, rate and elapsed time") {
  cli::ProgressFigures figures;
  figures.pages = 120;
  figures.queued = 35;
  figures.items = 96;
  figures.errors = 2;
  figures.seconds = 3725.5;
  CHECK(cli::format_progress("books", figures) ==
        "books: 120 pages, 35 queued, 96 items, 2 errors, 0.0 pages/s, 1:02:05");
  figures.seconds = 2.5;
  CHECK(cli::format_progress("books", figures) ==
        "books: 120 pages, 35 queued, 96 items, 2 errors, 48.0 pages/s, 0:00:02");
  CHECK(cli::format_progress("books", {}) == "books: 0 pages, 0 queued, 0 items, 0 errors, 0.0 pages/s, 0:00:00");
}
