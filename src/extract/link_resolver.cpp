#include "extract/link_resolver.hpp"

#include <algorithm>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace gleaner::extract {
namespace {

// Enough for a site's navigation several times over; the memory is simply
// forgotten when full, which costs one resolution per link to refill.
constexpr std::size_t remembered_links = 4096;

constexpr bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// RFC 3986 §3.1: scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ), then ':'.
bool has_scheme(std::string_view href) {
  if (href.empty() || !is_alpha(href.front())) return false;
  for (const char c : href) {
    if (c == ':') return true;
    if (!is_alpha(c) && !(c >= '0' && c <= '9') && c != '+' && c != '-' && c != '.') return false;
  }
  return false;
}

std::uint64_t hash_of(std::string_view text) { return std::hash<std::string_view>{}(text); }

LinkResolver::BasePart part_of(std::string_view text) { return {text, hash_of(text)}; }

std::optional<Url> resolve_afresh(const Url& base, std::string_view href) {
  auto url = base.resolve(href);
  if (!url) return std::nullopt;
  return std::move(*url);
}

// The answers, keyed by base part and link, in one open-addressing table per
// thread: a lookup hashes the link alone (the part's hash is the resolver's)
// and builds no key string. The table holds 4-byte positions; the entries
// themselves (about 170 bytes each) live in a vector that grows as links are
// met, so a thread that meets few links holds few.
class RememberedLinks {
 public:
  RememberedLinks() : slots_(remembered_links * 2, no_entry) {}

  // The remembered answer, or nullptr.
  const std::optional<Url>* find(const LinkResolver::BasePart& part, std::string_view href, std::uint64_t hash) const {
    for (std::size_t slot = hash & mask();; slot = (slot + 1) & mask()) {
      if (slots_[slot] == no_entry) return nullptr;
      const Entry& entry = entries_[slots_[slot]];
      if (entry.hash == hash && entry.part_size == part.text.size() &&
          entry.key.size() == part.text.size() + href.size() &&
          std::string_view(entry.key).substr(0, part.text.size()) == part.text &&
          std::string_view(entry.key).substr(part.text.size()) == href) {
        return &entry.answer;
      }
    }
  }

  void remember(const LinkResolver::BasePart& part, std::string_view href, std::uint64_t hash,
                std::optional<Url> answer) {
    if (entries_.size() >= remembered_links) forget();
    std::size_t slot = hash & mask();
    while (slots_[slot] != no_entry) slot = (slot + 1) & mask();
    slots_[slot] = static_cast<std::uint32_t>(entries_.size());
    std::string key;
    key.reserve(part.text.size() + href.size());
    key.append(part.text).append(href);
    entries_.push_back(Entry{hash, part.text.size(), std::move(key), std::move(answer)});
  }

 private:
  struct Entry {
    std::uint64_t hash = 0;
    std::size_t part_size = 0;  // where the link starts in `key`
    std::string key;            // base part, then the link
    std::optional<Url> answer;
  };
  static constexpr std::uint32_t no_entry = UINT32_MAX;

  std::size_t mask() const { return slots_.size() - 1; }

  void forget() {
    std::fill(slots_.begin(), slots_.end(), no_entry);
    entries_.clear();
  }

  std::vector<std::uint32_t> slots_;  // positions in entries_; a power of two, at most half full
  std::vector<Entry> entries_;
};

}  // namespace

LinkResolver::LinkResolver(const Url& base)
    : base_(base), absolute_(part_of({})), scheme_(part_of(base.scheme())), origin_(part_of(base.origin())) {
  const std::string_view path = base.path();
  const std::size_t last_slash = path.rfind('/');
  if (last_slash != std::string_view::npos) {
    // The path is a view into the URL's text, so the directory is its prefix.
    const std::string_view text = base.str();
    directory_ = part_of(text.substr(0, static_cast<std::size_t>(path.data() - text.data()) + last_slash + 1));
  }
}

std::optional<LinkResolver::BasePart> LinkResolver::base_part(std::string_view href) const {
  if (href.empty()) return std::nullopt;
  // Whitespace and control characters are stripped before resolving; such
  // links are rare enough to resolve afresh.
  if (static_cast<unsigned char>(href.front()) <= ' ' || static_cast<unsigned char>(href.back()) <= ' ') {
    return std::nullopt;
  }
  if (href.front() == '#' || href.front() == '?' || href.front() == '\\') return std::nullopt;
  if (has_scheme(href)) return absolute_;
  if (href.starts_with("//")) return scheme_;
  if (href.front() == '/') return origin_;
  return directory_;
}

std::optional<Url> LinkResolver::resolve(std::string_view href) const {
  const auto part = base_part(href);
  if (!part) return resolve_afresh(base_, href);

  thread_local RememberedLinks remembered;
  // The part's hash stands in for its text, so that the same link under two
  // bases lands in two places.
  const std::uint64_t hash = hash_of(href) ^ (part->hash * 0x9e3779b97f4a7c15ULL);
  if (const std::optional<Url>* found = remembered.find(*part, href, hash)) return *found;
  std::optional<Url> resolved = resolve_afresh(base_, href);
  remembered.remember(*part, href, hash, resolved);
  return resolved;
}

std::optional<Url> resolve_link(const Url& base, std::string_view href) { return LinkResolver(base).resolve(href); }

}  // namespace gleaner::extract
