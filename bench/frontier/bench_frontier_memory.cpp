// What the frontier costs per URL, for the README: heap bytes per seen URL,
// per URL queued in RAM, and disk bytes per URL in the spill. Queues URLs of
// a realistic shape (a 60-odd character product URL and its listing as
// referer) and reads the heap in use from glibc's mallinfo2 before and after.
//   bench-frontier-memory [URLS=200000]
#include <malloc.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include "crawl/frontier.hpp"
#include "state/sqlite_frontier_spill.hpp"

using namespace gleaner;

namespace {

std::size_t heap_in_use() { return mallinfo2().uordblks; }

// URL i is the (i % 100)th product on listing page i / 100: links arrive in
// page-sized runs with one referer, as a crawl queues them.
constexpr long links_per_listing = 100;

std::string category_path(long i) {
  return "https://shop.example.com/catalogue/category-" + std::to_string(i / links_per_listing % 40);
}

std::string product_url(long i) { return category_path(i) + "/product-" + std::to_string(i) + ".html"; }

std::string listing_url(long i) { return category_path(i) + "/page-" + std::to_string(i / links_per_listing) + ".html"; }

crawl::Frontier frontier_for(std::size_t budget) {
  return crawl::Frontier(crawl::Scope({"shop.example.com"}, {}),
                         crawl::FrontierLimits{10, 0, 0, crawl::CrawlOrder::breadth_first, budget});
}

// Heap bytes per URL while `count` URLs sit queued (budget 0: all in RAM).
double queued_bytes_per_url(long count) {
  const std::size_t before = heap_in_use();
  auto frontier = std::make_unique<crawl::Frontier>(frontier_for(0));
  for (long i = 0; i < count; ++i) frontier->add({*Url::parse(product_url(i)), 2, listing_url(i)});
  const std::size_t seen_bytes = frontier->seen_set_bytes();
  return static_cast<double>(heap_in_use() - before - seen_bytes) / static_cast<double>(count);
}

// Heap bytes per URL of the seen set alone: URLs queued and handed out again.
double seen_bytes_per_url(long count) {
  auto frontier = frontier_for(0);
  crawl::HostSlots slots(crawl::Politeness{1 << 30, {}, 0, {}});
  for (long i = 0; i < count; ++i) {
    frontier.add({*Url::parse(product_url(i)), 2, listing_url(i)});
    (void)frontier.next_ready(crawl::Clock::now(), slots);
  }
  return static_cast<double>(frontier.seen_set_bytes()) / static_cast<double>(count);
}

}  // namespace

int main(int argc, char** argv) {
  const long count = argc > 1 ? std::atol(argv[1]) : 200'000;
  const double queued = queued_bytes_per_url(count);
  const double seen = seen_bytes_per_url(count);

  auto spill = state::SqliteFrontierSpill::open("");
  if (!spill) {
    std::fprintf(stderr, "%s\n", spill.error().message.c_str());
    return 1;
  }
  const std::size_t before = heap_in_use();
  for (long i = 0; i < count; ++i) {
    crawl::CrawlRequest request{*Url::parse(product_url(i)), 2, listing_url(i)};
    if (!(*spill)->put({std::move(request), {0, 2}, static_cast<std::uint64_t>(i)})) return 1;
  }
  const double spill_disk = static_cast<double>((*spill)->file_bytes()) / static_cast<double>(count);
  const double spill_heap = static_cast<double>(heap_in_use() - before);

  std::printf("{\"urls\":%ld,\"seen_bytes_per_url\":%.1f,\"queued_in_ram_bytes_per_url\":%.1f,"
              "\"spilled_disk_bytes_per_url\":%.1f,\"spill_heap_bytes_total\":%.0f}\n",
              count, seen, queued, spill_disk, spill_heap);
  return 0;
}
