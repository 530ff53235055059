#include "crawl/fingerprint_set.hpp"

namespace gleaner::crawl {
namespace {

constexpr std::size_t initial_slots = 1024;

}  // namespace

// Fingerprints are already well mixed (fingerprint.hpp ends in a finaliser),
// so the low bits index the table directly; probing is linear.
std::size_t FingerprintSet::slot_of(std::uint64_t key) const {
  const std::size_t mask = slots_.size() - 1;
  std::size_t slot = static_cast<std::size_t>(key) & mask;
  while (slots_[slot] != empty && slots_[slot] != key) slot = (slot + 1) & mask;
  return slot;
}

bool FingerprintSet::contains(std::uint64_t key) const {
  if (key == empty) return has_zero_;
  if (slots_.empty()) return false;
  return slots_[slot_of(key)] == key;
}

bool FingerprintSet::insert(std::uint64_t key) {
  if (key == empty) {
    if (has_zero_) return false;
    has_zero_ = true;
    ++size_;
    return true;
  }
  if (contains(key)) return false;
  // The load stays at most 7/8. The seen set is most of what grows with a
  // crawl, and at 3/4 it would be twice this size over a third of each
  // doubling. Keys are well mixed, so linear probing at 7/8 still reads about
  // 4.5 slots per key found and 32 (four cache lines, in order) per key missed.
  if ((size_ + 1) * 8 > slots_.size() * 7) grow();
  slots_[slot_of(key)] = key;
  ++size_;
  return true;
}

void FingerprintSet::grow() {
  std::vector<std::uint64_t> old = std::move(slots_);
  slots_.assign(old.empty() ? initial_slots : old.size() * 2, empty);
  for (const std::uint64_t key : old) {
    if (key != empty) slots_[slot_of(key)] = key;
  }
}

}  // namespace gleaner::crawl
