#include "crawl/robots_rules.hpp"

#include <algorithm>
#include <charconv>
#include <system_error>
#include <unordered_set>

namespace gleaner::crawl {
namespace {

constexpr std::string_view utf8_bom = "\xEF\xBB\xBF";

bool is_blank(char c) { return c == ' ' || c == '\t'; }

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_blank(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_blank(text.back())) text.remove_suffix(1);
  return text;
}

char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(),
                    [](char x, char y) { return ascii_lower(x) == ascii_lower(y); });
}

// RFC 9309 §2.2.1: a product token is made of letters, '_' and '-'; what
// follows it on a line ("/1.0", " (compatible)") is not part of it.
std::string_view product_token(std::string_view text) {
  std::size_t n = 0;
  while (n < text.size()) {
    const char c = ascii_lower(text[n]);
    if (!((c >= 'a' && c <= 'z') || c == '_' || c == '-')) break;
    ++n;
  }
  return text.substr(0, n);
}

bool is_everyone(std::string_view value) {
  return value.starts_with('*') && (value.size() == 1 || is_blank(value[1]));
}

// RFC 9309 §2.5: parse the first robots_parse_limit octets, cut back to the
// end of the last line that fits whole.
std::string_view within_limit(std::string_view body) {
  if (body.size() <= robots_parse_limit) return body;
  const char next = body[robots_parse_limit];
  body = body.substr(0, robots_parse_limit);
  if (next == '\n' || next == '\r') return body;
  const std::size_t last_end = body.find_last_of("\r\n");
  return last_end == std::string_view::npos ? std::string_view() : body.substr(0, last_end + 1);
}

// A non-negative decimal number of seconds: "10", "0.5", ".5"; nothing else.
std::optional<double> parse_delay(std::string_view value) {
  const std::size_t digits = static_cast<std::size_t>(
      std::count_if(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; }));
  const std::size_t dots = static_cast<std::size_t>(std::count(value.begin(), value.end(), '.'));
  if (digits == 0 || dots > 1 || digits + dots != value.size()) return std::nullopt;
  double seconds = 0;
  const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), seconds);
  if (error != std::errc() || end != value.data() + value.size()) return std::nullopt;
  return seconds;
}

enum class Key { user_agent, allow, disallow, crawl_delay, sitemap, other };

Key key_of(std::string_view name) {
  if (iequals(name, "user-agent")) return Key::user_agent;
  if (iequals(name, "allow")) return Key::allow;
  if (iequals(name, "disallow")) return Key::disallow;
  if (iequals(name, "crawl-delay")) return Key::crawl_delay;
  if (iequals(name, "sitemap")) return Key::sitemap;
  return Key::other;
}

struct Group {
  bool ours = false;
  bool everyone = false;
  std::vector<RobotsRule> rules;
  std::optional<double> crawl_delay;
};

}  // namespace

RobotsRules RobotsRules::allow_all() { return RobotsRules(); }

RobotsRules RobotsRules::disallow_all() {
  RobotsRules rules;
  rules.disallow_everything_ = true;
  return rules;
}

RobotsDecision RobotsRules::decide(std::string_view path_and_query) const {
  const std::string path = normalise_robots_path(path_and_query);
  if (path == "/robots.txt") return {true, std::nullopt};  // RFC 9309 §2.2.2
  if (disallow_everything_) return {false, std::nullopt};
  for (const Entry& entry : entries_) {
    if (entry.pattern.matches(path)) return {entry.rule.allow, entry.rule};
  }
  return {true, std::nullopt};
}

RobotsRules parse_robots(std::string_view body, std::string_view agent) {
  const std::string_view our_token = product_token(agent);
  body = within_limit(body);
  if (body.starts_with(utf8_bom)) body.remove_prefix(utf8_bom.size());

  RobotsRules result;
  std::vector<Group> groups;
  // Consecutive user-agent lines name one group; any group line after them
  // closes the list (RFC 9309 §2.1).
  bool naming_agents = false;
  int line_number = 0;
  std::size_t pos = 0;
  while (pos < body.size()) {
    const std::size_t end = std::min(body.find_first_of("\r\n", pos), body.size());
    std::string_view line = body.substr(pos, end - pos);
    pos = end + (body.substr(end).starts_with("\r\n") ? 2 : 1);
    ++line_number;

    line = line.substr(0, line.find('#'));
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    const Key key = key_of(trim(line.substr(0, colon)));
    const std::string_view value = trim(line.substr(colon + 1));

    switch (key) {
      case Key::user_agent: {
        if (!naming_agents) groups.emplace_back();
        naming_agents = true;
        if (is_everyone(value)) {
          groups.back().everyone = true;
        } else {
          const std::string_view token = product_token(value);
          if (!token.empty() && iequals(token, our_token)) groups.back().ours = true;
        }
        break;
      }
      case Key::allow:
      case Key::disallow:
        naming_agents = false;
        // An empty value allows or forbids nothing (RFC 9309 §2.2.2).
        if (!groups.empty() && !value.empty()) {
          groups.back().rules.push_back(
              RobotsRule{key == Key::allow, RobotsPattern(value).text(), line_number});
        }
        break;
      case Key::crawl_delay:
        naming_agents = false;
        if (!groups.empty()) {
          if (const auto seconds = parse_delay(value)) {
            auto& delay = groups.back().crawl_delay;
            delay = std::max(delay.value_or(0.0), *seconds);
          }
        }
        break;
      case Key::sitemap:
        if (!value.empty()) result.sitemaps_.emplace_back(value);
        break;
      case Key::other:
        break;
    }
  }

  // RFC 9309 §2.2.1: our groups, merged; else the '*' groups, merged; else none.
  const bool ours_named = std::any_of(groups.begin(), groups.end(),
                                      [](const Group& group) { return group.ours; });
  std::unordered_set<std::string> seen;  // a repeated rule decides nothing new
  for (Group& group : groups) {
    if (ours_named ? !group.ours : !group.everyone) continue;
    for (RobotsRule& rule : group.rules) {
      if (!seen.insert((rule.allow ? 'A' : 'D') + rule.pattern).second) continue;
      RobotsPattern pattern(rule.pattern);
      result.entries_.push_back({std::move(rule), std::move(pattern)});
    }
    if (group.crawl_delay) {
      result.crawl_delay_ = std::max(result.crawl_delay_.value_or(0.0), *group.crawl_delay);
    }
  }
  std::stable_sort(result.entries_.begin(), result.entries_.end(),
                   [](const auto& a, const auto& b) {
                     if (a.rule.pattern.size() != b.rule.pattern.size()) {
                       return a.rule.pattern.size() > b.rule.pattern.size();
                     }
                     return a.rule.allow && !b.rule.allow;
                   });
  return result;
}

}  // namespace gleaner::crawl
