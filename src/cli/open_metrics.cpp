#include "cli/open_metrics.hpp"

#include <cstdio>
#include <map>
#include <string_view>
#include <utility>
#include <vector>

namespace gleaner::cli {
namespace {

// OpenMetrics label values escape backslash, double quote and newline.
std::string escape_label(std::string_view value) {
  std::string escaped;
  for (const char c : value) {
    if (c == '\\') escaped += "\\\\";
    else if (c == '"') escaped += "\\\"";
    else if (c == '\n') escaped += "\\n";
    else escaped += c;
  }
  return escaped;
}

std::string number(double value) {
  char text[64];
  std::snprintf(text, sizeof text, "%.17g", value);
  return text;
}

using Labels = std::vector<std::pair<std::string, std::string>>;

// One metric family: its HELP and TYPE, then a sample per label set.
class Family {
 public:
  Family(std::string& out, const std::string& job, std::string_view name, std::string_view help)
      : out_(out), job_(job), name_(name) {
    out_ += "# TYPE " + name_ + " gauge\n";
    out_ += "# HELP " + name_ + " " + std::string(help) + "\n";
  }

  void sample(double value, const Labels& labels = {}) {
    out_ += name_ + "{job=\"" + escape_label(job_) + "\"";
    for (const auto& [key, label] : labels) out_ += "," + key + "=\"" + escape_label(label) + "\"";
    out_ += "} " + number(value) + "\n";
  }

 private:
  std::string& out_;
  const std::string& job_;
  std::string name_;
};

}  // namespace

std::string open_metrics(const RunOutcome& outcome) {
  const engine::Stats& stats = outcome.stats;
  const std::string& job = outcome.job_name;
  std::string out;
  auto gauge = [&](std::string_view name, std::string_view help, double value) {
    Family(out, job, name, help).sample(value);
  };
  auto count = [](std::size_t value) { return static_cast<double>(value); };

  gauge("gleaner_last_run_finished_timestamp_seconds", "When the last run ended, in Unix seconds.",
        static_cast<double>(outcome.finished_at));
  gauge("gleaner_last_run_exit_code", "The last run's exit code (0 completed).", outcome.exit_code);
  gauge("gleaner_last_run_duration_seconds", "How long the last run crawled.", stats.seconds);
  gauge("gleaner_last_run_interrupted", "1 when the last run was stopped by a signal.", stats.interrupted ? 1 : 0);
  gauge("gleaner_last_run_pages_fetched", "HTTP responses received, any status, retries included.",
        count(stats.pages_fetched));
  {
    Family family(out, job, "gleaner_last_run_responses", "HTTP responses received, by status.");
    for (const auto& [status, responses] : stats.pages_by_status) {
      family.sample(count(responses), {{"status", std::to_string(status)}});
    }
  }
  {
    Family family(out, job, "gleaner_last_run_errors", "URLs that finally failed, by kind.");
    family.sample(count(stats.transport_errors), {{"kind", "transport"}});
    family.sample(count(stats.http_errors), {{"kind", "http"}});
  }
  {
    Family family(out, job, "gleaner_last_run_pages_compared",
                  "HTML pages against the state's stored copies: new, changed, not_modified, not_due, gone.");
    family.sample(count(stats.new_pages), {{"change", "new"}});
    family.sample(count(stats.changed), {{"change", "changed"}});
    family.sample(count(stats.not_modified), {{"change", "not_modified"}});
    family.sample(count(stats.not_due), {{"change", "not_due"}});
    family.sample(count(stats.gone), {{"change", "gone"}});
  }
  gauge("gleaner_last_run_dataset_complete",
        "0 when the last run left its dataset as NAME.part for the next run to continue.",
        stats.dataset_sealed ? 1 : 0);
  gauge("gleaner_last_run_error_ratio", "Failed URLs over finished URLs.", stats.error_rate());
  gauge("gleaner_last_run_retries", "Attempts after the first.", count(stats.retries));
  gauge("gleaner_last_run_robots_disallowed", "URLs robots.txt kept the crawl from.", count(stats.robots_disallowed));
  gauge("gleaner_last_run_received_bytes", "Response body bytes, decoded.", count(stats.bytes_received));
  gauge("gleaner_last_run_items", "Records written to the dataset.", count(stats.items));
  {
    Family family(out, job, "gleaner_last_run_items_by_type", "Records written, by item type.");
    for (const auto& [type, items] : stats.items_by_type) family.sample(count(items), {{"type", type}});
  }
  {
    Family family(out, job, "gleaner_last_run_dropped_items", "Items dropped, by reason.");
    for (const auto& [reason, items] : stats.dropped_items) family.sample(count(items), {{"reason", reason}});
  }
  gauge("gleaner_last_run_links_queued", "New URLs admitted to the frontier.", count(stats.links_queued));
  out += "# EOF\n";
  return out;
}

}  // namespace gleaner::cli
