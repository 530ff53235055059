#include "crawl/host_slots.hpp"

#include <algorithm>

namespace gleaner::crawl {
namespace {

constexpr Clock::duration first_backoff = std::chrono::seconds(1);

}  // namespace

HostSlots::HostSlots(Politeness politeness, std::uint64_t seed)
    : politeness_(politeness), random_(seed) {}

HostSlots::Host& HostSlots::host_state(const std::string& host) {
  auto [found, inserted] = hosts_.try_emplace(host);
  if (inserted) found->second.delay = politeness_.delay;
  return found->second;
}

bool HostSlots::ready(const std::string& host, Clock::time_point now) const {
  auto found = hosts_.find(host);
  if (found == hosts_.end()) return true;
  return found->second.active < politeness_.per_host_concurrency && now >= found->second.next_start;
}

std::optional<Clock::time_point> HostSlots::ready_at(const std::string& host) const {
  auto found = hosts_.find(host);
  if (found == hosts_.end()) return Clock::time_point{};
  if (found->second.active >= politeness_.per_host_concurrency) return std::nullopt;
  return found->second.next_start;
}

Clock::duration HostSlots::jittered(Clock::duration delay) {
  if (politeness_.jitter <= 0 || delay <= Clock::duration::zero()) return delay;
  std::uniform_real_distribution<double> factor(1 - politeness_.jitter, 1 + politeness_.jitter);
  return std::chrono::duration_cast<Clock::duration>(delay * factor(random_));
}

void HostSlots::start(const std::string& host, Clock::time_point now) {
  Host& state = host_state(host);
  ++state.active;
  state.next_start = std::max(state.next_start, now + jittered(state.delay));
}

void HostSlots::finish(const std::string& host) {
  Host& state = host_state(host);
  if (state.active > 0) --state.active;
}

void HostSlots::back_off(const std::string& host, Clock::time_point now,
                         std::optional<Clock::duration> retry_after) {
  Host& state = host_state(host);
  Clock::duration wait;
  if (retry_after) {
    wait = std::min(*retry_after, politeness_.max_backoff);
  } else {
    state.backoff = std::clamp(state.backoff * 2, first_backoff, politeness_.max_backoff);
    wait = state.backoff;
  }
  state.next_start = std::max(state.next_start, now + wait);
}

void HostSlots::succeeded(const std::string& host) {
  Host& state = host_state(host);
  state.backoff /= 2;
  if (state.backoff < first_backoff) state.backoff = Clock::duration::zero();
}

void HostSlots::set_minimum_delay(const std::string& host, Clock::duration delay) {
  Host& state = host_state(host);
  state.delay = std::max(state.delay, delay);
}

int HostSlots::in_flight(const std::string& host) const {
  auto found = hosts_.find(host);
  return found == hosts_.end() ? 0 : found->second.active;
}

}  // namespace gleaner::crawl
