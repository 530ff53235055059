// The fetch ceiling: how fast plain libcurl (multi interface, a poll loop,
// reused easy handles and connections) downloads a list of URLs, bodies
// discarded. What gleaner's own event loop and HTTP client are compared against.
//   bench-fetch-only --urls FILE [--concurrency 32]
// Prints one JSON line; "errors" counts transfers that failed or did not answer 200.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include <curl/curl.h>

#include "measure.hpp"

using Clock = std::chrono::steady_clock;

using gleaner::bench::peak_rss_kb;
using gleaner::bench::process_cpu_seconds;

namespace {

struct Options {
  std::string urls_file;
  int concurrency = 32;
};

// One easy handle and its body buffer, reused for transfer after transfer;
// curl keeps the connection alive in the multi handle's cache between them.
struct Slot {
  CURL* easy = nullptr;
  std::string body;
};

[[noreturn]] void usage(const char* problem) {
  std::fprintf(stderr, "bench-fetch-only: %s\nusage: bench-fetch-only --urls FILE [--concurrency N]\n", problem);
  std::exit(2);
}

Options read_options(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (i + 1 >= argc) usage("an option is missing its value");
    if (arg == "--urls") {
      options.urls_file = argv[++i];
    } else if (arg == "--concurrency") {
      options.concurrency = std::atoi(argv[++i]);
      if (options.concurrency < 1) usage("--concurrency: expected a positive integer");
    } else {
      usage(("unknown argument " + std::string(arg)).c_str());
    }
  }
  if (options.urls_file.empty()) usage("--urls is required");
  return options;
}

std::vector<std::string> read_urls(const std::string& path) {
  std::ifstream in(path);
  if (!in) usage(("cannot read " + path).c_str());
  std::vector<std::string> urls;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty()) urls.push_back(line);
  }
  if (urls.empty()) usage("no URLs in the file");
  return urls;
}

std::size_t append_body(char* data, std::size_t size, std::size_t count, void* slot) {
  static_cast<Slot*>(slot)->body.append(data, size * count);
  return size * count;
}

void configure(Slot& slot) {
  CURL* easy = slot.easy;
  curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, &append_body);
  curl_easy_setopt(easy, CURLOPT_WRITEDATA, &slot);
  curl_easy_setopt(easy, CURLOPT_PRIVATE, &slot);
  // As gleaner's HttpClient: every encoding curl was built with, no signals.
  curl_easy_setopt(easy, CURLOPT_ACCEPT_ENCODING, "");
  curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(easy, CURLOPT_HTTP_VERSION, CURL_HTTP_VERSION_2TLS);
  curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS, 10000L);
  curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, 30000L);
  curl_easy_setopt(easy, CURLOPT_USERAGENT, "bench-fetch-only");
}


}  // namespace

int main(int argc, char** argv) {
  const Options options = read_options(argc, argv);
  const std::vector<std::string> urls = read_urls(options.urls_file);
  curl_global_init(CURL_GLOBAL_DEFAULT);
  CURLM* multi = curl_multi_init();
  // Room for every slot's connection, so that keep-alive never evicts one.
  curl_multi_setopt(multi, CURLMOPT_MAXCONNECTS, static_cast<long>(options.concurrency));

  std::vector<Slot> slots(static_cast<std::size_t>(options.concurrency));
  std::vector<Slot*> idle;
  for (Slot& slot : slots) {
    slot.easy = curl_easy_init();
    configure(slot);
    idle.push_back(&slot);
  }

  std::size_t next_url = 0;
  std::size_t done = 0;
  std::size_t bytes = 0;
  std::size_t errors = 0;
  long connects = 0;  // new connections: with keep-alive working, about --concurrency
  auto start_transfers = [&] {
    while (!idle.empty() && next_url < urls.size()) {
      Slot* slot = idle.back();
      idle.pop_back();
      slot->body.clear();  // keeps its capacity
      curl_easy_setopt(slot->easy, CURLOPT_URL, urls[next_url++].c_str());
      curl_multi_add_handle(multi, slot->easy);
    }
  };

  const double cpu_start = process_cpu_seconds();
  const Clock::time_point wall_start = Clock::now();
  start_transfers();
  int running = 0;
  do {
    curl_multi_perform(multi, &running);
    int queued = 0;
    while (CURLMsg* message = curl_multi_info_read(multi, &queued)) {
      if (message->msg != CURLMSG_DONE) continue;
      CURL* easy = message->easy_handle;
      Slot* slot = nullptr;
      curl_easy_getinfo(easy, CURLINFO_PRIVATE, &slot);
      long status = 0;
      curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
      if (message->data.result != CURLE_OK || status != 200) ++errors;
      long new_connections = 0;
      curl_easy_getinfo(easy, CURLINFO_NUM_CONNECTS, &new_connections);
      connects += new_connections;
      bytes += slot->body.size();
      ++done;
      curl_multi_remove_handle(multi, easy);
      idle.push_back(slot);
    }
    start_transfers();
    if (done == urls.size()) break;
    curl_multi_poll(multi, nullptr, 0, 1000, nullptr);
  } while (true);
  const double wall_s = std::chrono::duration<double>(Clock::now() - wall_start).count();
  const double cpu_s = process_cpu_seconds() - cpu_start;

  const double pages = static_cast<double>(done);
  std::printf("{\"pages\":%zu,\"bytes\":%zu,\"wall_s\":%.4f,\"cpu_s\":%.4f,\"pages_per_s\":%.1f,"
              "\"cpu_s_per_1000\":%.4f,\"peak_rss_kb\":%ld,\"errors\":%zu,\"connects\":%ld,\"concurrency\":%d}\n",
              done, bytes, wall_s, cpu_s, pages / wall_s, cpu_s / pages * 1000, peak_rss_kb(), errors, connects,
              options.concurrency);

  for (Slot& slot : slots) curl_easy_cleanup(slot.easy);
  curl_multi_cleanup(multi);
  curl_global_cleanup();
  return 0;
}
