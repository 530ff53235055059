// FingerprintSet: the seen set, as a flat open-addressing table of 64-bit URL
// fingerprints. A node-based std::unordered_set spends about 40 bytes on each
// 8-byte key (node, allocator header, bucket); this table spends 8 bytes a
// slot at a load of at most 7/8, so 9.1 to 18.3 bytes a URL depending on
// where the last doubling left it, in one allocation.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace gleaner::crawl {

class FingerprintSet {
 public:
  bool contains(std::uint64_t key) const;
  // False when the key was there already.
  bool insert(std::uint64_t key);
  std::size_t size() const { return size_; }
  // Bytes held by the table itself (what the README's per-URL figure counts).
  std::size_t memory_bytes() const { return slots_.capacity() * sizeof(std::uint64_t); }

 private:
  // 0 marks an empty slot, so the key 0 is kept aside in a flag.
  static constexpr std::uint64_t empty = 0;

  std::size_t slot_of(std::uint64_t key) const;
  void grow();

  std::vector<std::uint64_t> slots_;  // a power of two in size, or empty
  std::size_t size_ = 0;              // keys in slots_, plus the zero key
  bool has_zero_ = false;
};

}  // namespace gleaner::crawl
