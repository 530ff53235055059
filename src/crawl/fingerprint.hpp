// URL fingerprints: the seen set keeps 8 bytes per URL instead of its text.
// Stable across runs and platforms, so a later state store can persist them.
#pragma once

#include <cstdint>
#include <string_view>

namespace gleaner::crawl {

// FNV-1a over the canonical URL, then a splitmix64 finaliser to spread the
// bits; a collision between two distinct URLs needs ~4 billion URLs to be likely.
constexpr std::uint64_t fingerprint(std::string_view canonical_url) {
  std::uint64_t hash = 0xcbf29ce484222325ull;
  for (const char c : canonical_url) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ull;
  }
  hash ^= hash >> 30;
  hash *= 0xbf58476d1ce4e5b9ull;
  hash ^= hash >> 27;
  hash *= 0x94d049bb133111ebull;
  hash ^= hash >> 31;
  return hash;
}

}  // namespace gleaner::crawl
