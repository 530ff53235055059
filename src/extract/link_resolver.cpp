#include "extract/link_resolver.hpp"

#include <string>
#include <unordered_map>


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

// The part of `base` that resolving `href` reads, as a key prefix; nullopt
// when the form is not one the memory keeps (see the header).
std::optional<std::string_view> base_part(const Url& base, std::string_view href) {
  if (href.empty()) return std::nullopt;
  // Whitespace and control characters are stripped before resolving; such
  // links are rare enough to resolve afresh.
  if (static_cast<unsigned char>(href.front()) <= ' ' || static_cast<unsigned char>(href.back()) <= ' ') {
    return std::nullopt;
  }
  if (href.front() == '#' || href.front() == '?' || href.front() == '\\') return std::nullopt;
  if (has_scheme(href)) return std::string_view();
  if (href.starts_with("//")) return std::string_view(base.scheme());
  if (href.front() == '/') return base.origin();
  const std::string_view path = base.path();
  const std::size_t last_slash = path.rfind('/');
  if (last_slash == std::string_view::npos) return std::nullopt;
  // The path is a view into the URL's text, so the directory is its prefix.
  const std::string_view text = base.str();
  return text.substr(0, static_cast<std::size_t>(path.data() - text.data()) + last_slash + 1);
}

std::optional<Url> resolve_afresh(const Url& base, std::string_view href) {
  auto url = base.resolve(href);
  if (!url) return std::nullopt;
  return std::move(*url);
}

}  // namespace

std::optional<Url> resolve_link(const Url& base, std::string_view href) {
  const auto part = base_part(base, href);
  if (!part) return resolve_afresh(base, href);

  thread_local std::unordered_map<std::string, std::optional<Url>> remembered;
  std::string key;
  key.reserve(part->size() + 1 + href.size());
  // A canonical URL holds no newline, so the first one ends the base's part.
  key.append(*part).push_back('\n');
  key.append(href);
  if (const auto found = remembered.find(key); found != remembered.end()) return found->second;
  if (remembered.size() >= remembered_links) remembered.clear();
  std::optional<Url> resolved = resolve_afresh(base, href);
  remembered.emplace(std::move(key), resolved);
  return resolved;
}

}  // namespace gleaner::extract
