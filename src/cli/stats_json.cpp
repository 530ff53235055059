#include "cli/stats_json.hpp"

#include "core/utc_time.hpp"
#include "crawl/frontier.hpp"

namespace gleaner::cli {

nlohmann::ordered_json stats_json(const RunOutcome& outcome) {
  const engine::Stats& stats = outcome.stats;
  nlohmann::ordered_json json;
  json["job"] = outcome.job_name;
  json["dataset"] = outcome.dataset_path;
  json["finished_at"] = rfc3339_utc(std::chrono::system_clock::from_time_t(outcome.finished_at));
  json["exit_code"] = outcome.exit_code;
  json["interrupted"] = stats.interrupted;
  json["seconds"] = stats.seconds;
  json["pages_per_second"] = stats.seconds > 0 ? static_cast<double>(stats.pages_fetched) / stats.seconds : 0.0;

  auto& pages = json["pages"];
  pages["fetched"] = stats.pages_fetched;
  pages["ok"] = stats.pages_ok;
  pages["by_status"] = nlohmann::ordered_json::object();
  for (const auto& [status, count] : stats.pages_by_status) pages["by_status"][std::to_string(status)] = count;
  pages["bytes_received"] = stats.bytes_received;
  pages["retries"] = stats.retries;
  pages["robots_disallowed"] = stats.robots_disallowed;
  pages["abandoned"] = stats.abandoned;

  // Whether connections were reused (HTTP/2 multiplexing, HTTP/1.1 keep-alive).
  auto& http = json["http"];
  http["connections_opened"] = stats.http.connections_opened;
  http["responses_by_version"] = nlohmann::ordered_json::object();
  for (const auto& [version, count] : stats.http.responses_by_version) http["responses_by_version"][version] = count;

  auto& frontier = json["frontier"];
  frontier["most_queued"] = stats.most_queued;
  frontier["most_spilled"] = stats.most_spilled;

  // Against the stored copies of earlier runs (a run with a state file).
  auto& recrawl = json["recrawl"];
  recrawl["resumed"] = stats.resumed;
  recrawl["new"] = stats.new_pages;
  recrawl["changed"] = stats.changed;
  recrawl["not_modified"] = stats.not_modified;
  recrawl["not_due"] = stats.not_due;
  recrawl["gone"] = stats.gone;
  recrawl["items_reused"] = stats.items_reused;
  recrawl["dataset_complete"] = stats.dataset_sealed;

  auto& errors = json["errors"];
  errors["total"] = stats.errors();
  errors["transport"] = stats.transport_errors;
  errors["http"] = stats.http_errors;
  errors["rate"] = stats.error_rate();
  errors["max_rate"] = outcome.max_error_rate;

  auto& items = json["items"];
  items["written"] = stats.items;
  items["by_type"] = stats.items_by_type;
  items["dropped"] = stats.dropped_items;
  items["null_values"] = stats.field_warnings;

  auto& links = json["links"];
  links["queued"] = stats.links_queued;
  auto& skipped = links["skipped"];
  skipped = nlohmann::ordered_json::object();
  for (std::size_t reason = 0; reason < stats.links_skipped.size(); ++reason) {
    if (stats.links_skipped[reason] == 0) continue;
    skipped[crawl::describe(static_cast<crawl::Admission>(reason))] = stats.links_skipped[reason];
  }
  links["unresolvable"] = stats.links_unresolvable;

  auto& sitemaps = json["sitemaps"];
  sitemaps["read"] = stats.sitemaps_fetched;
  sitemaps["failed"] = stats.sitemap_errors;
  sitemaps["urls_queued"] = stats.sitemap_urls_queued;
  sitemaps["entries_too_old"] = stats.sitemap_entries_too_old;

  auto& downloads = json["downloads"];
  downloads["not_html"] = stats.skipped_not_html;
  downloads["saved"] = stats.downloads;
  downloads["failed"] = stats.download_errors;
  return json;
}

}  // namespace gleaner::cli
