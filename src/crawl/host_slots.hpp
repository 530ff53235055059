// HostSlots: per-host politeness, decided from the clock values passed in.
// A host may start a request when fewer than its limit are in flight and its
// delay since the last start has passed; 429/503 answers push it back.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <unordered_map>

namespace gleaner::crawl {

using Clock = std::chrono::steady_clock;

struct Politeness {
  int per_host_concurrency = 8;
  Clock::duration delay{0};  // between two request starts on one host
  double jitter = 0;         // delay varies by up to ±jitter × delay
  Clock::duration max_backoff = std::chrono::minutes(5);
};

class HostSlots {
 public:
  explicit HostSlots(Politeness politeness, std::uint64_t seed = 0x9e3779b97f4a7c15ull);

  bool ready(const std::string& host, Clock::time_point now) const;
  // The earliest time ready() can turn true by waiting alone; nullopt when the
  // host is at its concurrency limit (a finish() must come first).
  std::optional<Clock::time_point> ready_at(const std::string& host) const;

  void start(const std::string& host, Clock::time_point now);
  void finish(const std::string& host);

  // The server asked us to slow down (429, 503). With a Retry-After the host
  // waits that long; without one, a backoff that doubles each time.
  void back_off(const std::string& host, Clock::time_point now,
                std::optional<Clock::duration> retry_after);
  // A good answer: the backoff halves, so a host recovers gradually.
  void succeeded(const std::string& host);

  // robots.txt Crawl-delay: raises (never lowers) this host's delay.
  void set_minimum_delay(const std::string& host, Clock::duration delay);

  int in_flight(const std::string& host) const;

 private:
  struct Host {
    int active = 0;
    Clock::time_point next_start{};
    Clock::duration delay{};
    Clock::duration backoff{};  // the penalty applied on the next back_off without Retry-After
  };
  Host& host_state(const std::string& host);
  Clock::duration jittered(Clock::duration delay);

  Politeness politeness_;
  std::unordered_map<std::string, Host> hosts_;
  std::mt19937_64 random_;
};

}  // namespace gleaner::crawl
