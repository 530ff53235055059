#include "config/job_checks.hpp"

#include <re2/re2.h>

#include <optional>
#include <string>
#include <string_view>

namespace gleaner::config {
namespace {

bool reads_sitemaps(const Job& job) { return !job.sitemaps.urls.empty() || job.sitemaps.from_robots; }

// Why the crawl fetches nothing but the start URLs, or nullopt when it may
// fetch more. Links from follow rules are at depth 1 and beyond, and so are
// the pages sitemaps list (README, "Which listed pages are fetched").
std::optional<std::string> why_no_link_is_followed(const Job& job) {
  if (job.max_depth == 0) return "max_depth is 0";
  if (job.follow.empty() && !reads_sitemaps(job)) return "no follow rules, no sitemaps";
  return std::nullopt;
}

// The start URLs as the crawl requests them, or nullopt when that is not
// certain here. The frontier applies the job's query rules (strip_query_params,
// sort_query) on top of Url's canonical form; they live in crawl/, which
// config/ does not depend on, and they change nothing in a URL without a query.
std::optional<std::vector<std::string>> start_urls_as_requested(const Job& job) {
  const bool has_query_rules = !job.links.strip_query_params.empty() || job.links.sort_query;
  std::vector<std::string> urls;
  for (const Url& url : job.start_urls) {
    if (has_query_rules && !url.query().empty()) return std::nullopt;
    urls.push_back(url.str());
  }
  return urls;
}

bool matches_any(const re2::RE2& pattern, const std::vector<std::string>& urls) {
  for (const std::string& url : urls) {
    if (RE2::PartialMatch(url, pattern)) return true;
  }
  return false;
}

bool is_ascii_punctuation(char c) {
  return c > 0x20 && c < 0x7F && !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'));
}

// The text every match of an RE2 `pattern` contains, when the pattern is
// plain text: characters without special meaning and escaped punctuation
// ("\." is "."); with `anchors`, also a leading '^' and a trailing '$',
// which only narrow where that text may be. nullopt for anything else
// (classes, groups, repetition, flags): no guessing at what those require.
std::optional<std::string> plain_text(std::string_view pattern, bool anchors) {
  if (anchors && !pattern.empty() && pattern.front() == '^') pattern.remove_prefix(1);
  std::string text;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == '\\') {
      if (i + 1 >= pattern.size() || !is_ascii_punctuation(pattern[i + 1])) return std::nullopt;
      text += pattern[++i];
    } else if (anchors && c == '$' && i + 1 == pattern.size()) {
      break;
    } else if (std::string_view(".[]()*+?{}|^$").find(c) != std::string_view::npos) {
      return std::nullopt;
    } else {
      text += c;
    }
  }
  if (text.empty()) return std::nullopt;
  return text;
}

struct CoveringDeny {
  std::size_t index;  // in links.deny
  std::string text;   // what it refuses every URL containing
};

// The first deny pattern that refuses every URL `item` matches: one that is
// plain text found inside the item's own plain-text pattern. Both are
// searched in the same canonical URL, so a URL holding the one holds the other.
std::optional<CoveringDeny> deny_covering(const ItemRule& item, const LinkSettings& links) {
  const auto required = plain_text(item.url_pattern_text, /*anchors=*/true);
  if (!required) return std::nullopt;
  for (std::size_t i = 0; i < links.deny.size(); ++i) {
    auto denied = plain_text(links.deny[i]->pattern(), /*anchors=*/false);
    if (denied && required->find(*denied) != std::string::npos) return CoveringDeny{i, std::move(*denied)};
  }
  return std::nullopt;
}

void check_items(const Job& job, const std::optional<std::string>& no_links, std::vector<Diagnostic>& warnings) {
  const auto start_urls = start_urls_as_requested(job);
  if (!start_urls) return;
  const JsonPointer items = JsonPointer().child("items");
  for (std::size_t i = 0; i < job.items.size(); ++i) {
    const ItemRule& item = job.items[i];
    // Without a url_pattern a rule applies to every page, the start URLs included.
    if (item.url_pattern_text.empty() || !item.url_pattern || matches_any(*item.url_pattern, *start_urls)) continue;
    const JsonPointer where = items.child(i).child("url_pattern");
    if (no_links) {
      warnings.push_back({where, "no start URL matches and no link is followed (" + *no_links +
                                     "), so this item rule never applies"});
    } else if (auto deny = deny_covering(item, job.links)) {
      const JsonPointer deny_where = JsonPointer().child("links").child("deny").child(deny->index);
      warnings.push_back({where, "every URL it matches contains \"" + deny->text +
                                     "\", which " + deny_where.display() +
                                     " refuses, and no start URL matches, so this item rule never applies"});
    }
  }
}

// Without a state file every page is new and nothing was verified before, so
// "changed" emits every record and no page is recent enough to skip. Only
// values other than the default are reported: Job does not record whether a
// key was written, and a default value asks for nothing that could be lost.
void check_state_keys(const Job& job, std::vector<Diagnostic>& warnings) {
  if (!job.state_path.empty()) return;
  const std::string message =
      "has no effect unless the run has a state file (\"state\" in the job, or gleaner run --state)";
  const JsonPointer root;
  if (job.emit != Emit::all) warnings.push_back({root.child("emit"), message});
  if (job.recrawl_after.count() > 0) warnings.push_back({root.child("recrawl_after"), message});
}

}  // namespace

std::vector<Diagnostic> find_unreachable_parts(const Job& job) {
  std::vector<Diagnostic> warnings;
  const JsonPointer root;
  if (job.max_depth == 0 && !job.follow.empty()) {
    warnings.push_back({root.child("follow"), "no link is followed (max_depth is 0), so these rules are never used"});
  }
  if (job.max_depth == 0 && reads_sitemaps(job)) {
    const JsonPointer where = root.child(job.sitemaps.urls.empty() ? "sitemaps_from_robots" : "sitemaps");
    warnings.push_back({where, "no page a sitemap lists is fetched: they are at depth 1 and max_depth is 0"});
  }
  const std::optional<std::string> no_links = why_no_link_is_followed(job);
  check_items(job, no_links, warnings);
  if (no_links) {
    // Start URLs are exempt from allow and deny (README, "Links: which are followed").
    const std::string message = "no link is followed (" + *no_links +
                                ") and start URLs are exempt, so these patterns are never used";
    if (!job.links.allow.empty()) warnings.push_back({root.child("links").child("allow"), message});
    if (!job.links.deny.empty()) warnings.push_back({root.child("links").child("deny"), message});
  }
  check_state_keys(job, warnings);
  return warnings;
}

}  // namespace gleaner::config
