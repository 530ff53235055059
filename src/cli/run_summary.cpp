#include "cli/run_summary.hpp"

#include <cstdio>
#include <map>
#include <string_view>

#include "crawl/frontier.hpp"

namespace gleaner::cli {
namespace {

std::string format(const char* pattern, auto... values) {
  // Sized to fit: dropped-item reasons and paths have no length limit.
  std::string text(static_cast<std::size_t>(std::snprintf(nullptr, 0, pattern, values...)), '\0');
  std::snprintf(text.data(), text.size() + 1, pattern, values...);
  return text;
}

// "12.5 MiB": bytes for people.
std::string human_bytes(std::size_t bytes) {
  constexpr const char* units[] = {"bytes", "KiB", "MiB", "GiB", "TiB"};
  double value = static_cast<double>(bytes);
  std::size_t unit = 0;
  while (value >= 1024 && unit + 1 < std::size(units)) {
    value /= 1024;
    ++unit;
  }
  return unit == 0 ? std::to_string(bytes) + " bytes" : format("%.1f %s", value, units[unit]);
}

// "a × 3, b × 1": a count per name, in the map's order.
template <class Key>
std::string tally(const std::map<Key, std::size_t>& counts) {
  std::string text;
  for (const auto& [key, count] : counts) {
    if (!text.empty()) text += ", ";
    if constexpr (std::is_same_v<Key, std::string>) {
      text += key;
    } else {
      text += std::to_string(key);
    }
    text += " × " + std::to_string(count);
  }
  return text;
}

std::size_t total(const std::map<std::string, std::size_t>& counts) {
  std::size_t sum = 0;
  for (const auto& entry : counts) sum += entry.second;
  return sum;
}

// Why links were not followed: the first thing to look at when a crawl
// fetched less than expected (`gleaner links` then shows it per link).
std::string skipped_links(const engine::Stats& stats) {
  std::string skipped;
  auto add = [&skipped](std::size_t count, std::string_view reason) {
    if (count == 0) return;
    skipped += (skipped.empty() ? "" : ", ") + std::to_string(count) + " " + std::string(reason);
  };
  for (std::size_t reason = 0; reason < stats.links_skipped.size(); ++reason) {
    add(stats.links_skipped[reason], crawl::describe(static_cast<crawl::Admission>(reason)));
  }
  add(stats.links_unresolvable, "not a URL");
  add(stats.robots_disallowed, "robots.txt");
  return skipped.empty() ? "none" : skipped;
}

}  // namespace

std::vector<std::string> summary_lines(const RunOutcome& outcome) {
  const engine::Stats& stats = outcome.stats;
  const char* job = outcome.job_name.c_str();
  const double rate = stats.seconds > 0 ? static_cast<double>(stats.pages_fetched) / stats.seconds : 0;
  std::vector<std::string> lines;

  lines.push_back(format("%s: %zu pages fetched, %zu items written to %s, %zu errors (%zu transport, %zu HTTP), "
                         "%.1f s, %.0f pages/s%s",
                         job, stats.pages_fetched, stats.items, outcome.dataset_path.c_str(), stats.errors(),
                         stats.transport_errors, stats.http_errors, stats.seconds, rate,
                         stats.out_of_time ? " (stopped at max_runtime)" : stats.interrupted ? " (interrupted)" : ""));
  if (!stats.pages_by_status.empty()) {
    lines.push_back(format("%s: responses by status: %s; %zu retries; %s received", job,
                           tally(stats.pages_by_status).c_str(), stats.retries,
                           human_bytes(stats.bytes_received).c_str()));
  }
  if (!stats.items_by_type.empty()) {
    lines.push_back(format("%s: items by type: %s", job, tally(stats.items_by_type).c_str()));
  }
  if (!stats.dropped_items.empty()) {
    lines.push_back(format("%s: %zu items dropped: %s", job, total(stats.dropped_items),
                           tally(stats.dropped_items).c_str()));
  }
  if (!stats.field_warnings.empty()) {
    lines.push_back(format("%s: %zu values set to null: %s", job, total(stats.field_warnings),
                           tally(stats.field_warnings).c_str()));
  }
  lines.push_back(format("%s: %zu links queued; not followed: %s", job, stats.links_queued,
                         skipped_links(stats).c_str()));
  if (stats.sitemaps_fetched + stats.sitemap_errors > 0) {
    lines.push_back(format("%s: %zu sitemaps read, %zu failed; %zu listed pages queued, %zu older than sitemap_since",
                           job, stats.sitemaps_fetched, stats.sitemap_errors, stats.sitemap_urls_queued,
                           stats.sitemap_entries_too_old));
  }
  if (stats.skipped_not_html > 0) {
    lines.push_back(format("%s: %zu responses were not HTML; %zu saved as files, %zu could not be saved", job,
                           stats.skipped_not_html, stats.downloads, stats.download_errors));
  }
  if (stats.abandoned > 0) {
    lines.push_back(format("%s: %zu requests abandoned when the stop's grace period ended", job, stats.abandoned));
  }
  // Only a re-run has stored copies to compare with; on a first run every page is new.
  if (stats.changed + stats.not_modified + stats.not_due + stats.gone > 0) {
    lines.push_back(format("%s: since the last run: %zu new, %zu changed, %zu not modified, %zu not due, %zu gone; "
                           "%zu items re-emitted from stored copies",
                           job, stats.new_pages, stats.changed, stats.not_modified, stats.not_due, stats.gone,
                           stats.items_reused));
  }
  if (!stats.dataset_sealed) {
    lines.push_back(format("%s: the dataset is not complete yet: %s.part is kept, and the next run with this state "
                           "continues it",
                           job, outcome.dataset_path.c_str()));
  }
  if (over_error_budget(stats, outcome.max_error_rate)) {
    lines.push_back(format("%s: %.1f%% of the URLs failed, over max_error_rate %.1f%%", job,
                           stats.error_rate() * 100, outcome.max_error_rate * 100));
  }
  return lines;
}

}  // namespace gleaner::cli
