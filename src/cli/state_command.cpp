#include "cli/state_command.hpp"

#include <chrono>
#include <cstdio>

#include <nlohmann/json.hpp>

#include "cli/exit_codes.hpp"
#include "cli/state_path.hpp"
#include "config/job_loader.hpp"
#include "core/utc_time.hpp"
#include "state/sqlite_state_store.hpp"

namespace gleaner::cli {
namespace {

std::string timestamp(state::UnixSeconds seconds) {
  if (seconds == 0) return "-";
  return rfc3339_utc(std::chrono::system_clock::time_point(std::chrono::seconds(seconds)));
}

std::string describe_counts(const state::RunCounts& counts) {
  return std::to_string(counts.fetched) + " fetched: " + std::to_string(counts.new_pages) + " new, " +
         std::to_string(counts.changed) + " changed, " + std::to_string(counts.not_modified) + " not modified, " +
         std::to_string(counts.not_due) + " not due, " + std::to_string(counts.gone) + " gone, " +
         std::to_string(counts.failed) + " failed; " + std::to_string(counts.items) + " items";
}

std::string dataset_file(const state::RunRecord& run) {
  if (run.dataset_path == "-") return "standard output";
  // A run that did not complete left its dataset unfinished, to be continued.
  return run.outcome == state::RunOutcome::complete ? run.dataset_path : run.dataset_path + ".part";
}

void print_text(const std::string& job_name, const std::string& path, const state::StateSummary& summary) {
  std::printf("%s: state in %s\n", job_name.c_str(), path.c_str());
  if (summary.last_runs.empty()) {
    std::printf("no runs yet\n");
    return;
  }
  const state::RunRecord& last = summary.last_runs.front();
  std::printf("last run #%lld: %s, started %s, ended %s\n", static_cast<long long>(last.id),
              std::string(state::to_string(last.outcome)).c_str(), timestamp(last.started_at).c_str(),
              timestamp(last.ended_at).c_str());
  std::printf("  URLs: %llu pending, %llu done, %llu failed, %llu gone, %llu queued in all\n",
              static_cast<unsigned long long>(summary.pending), static_cast<unsigned long long>(summary.done),
              static_cast<unsigned long long>(summary.failed), static_cast<unsigned long long>(summary.gone),
              static_cast<unsigned long long>(summary.seen));
  std::printf("  dataset: %s, %llu records (%llu bytes) committed\n", dataset_file(last).c_str(),
              static_cast<unsigned long long>(last.dataset.records),
              static_cast<unsigned long long>(last.dataset.committed_bytes));
  if (last.outcome != state::RunOutcome::complete) {
    std::printf("  the next `gleaner run` with this state continues this run\n");
  }
  std::printf("stored page copies: %llu\n", static_cast<unsigned long long>(summary.stored_pages));
  std::printf("runs, newest first:\n");
  for (const state::RunRecord& run : summary.last_runs) {
    std::printf("  #%-4lld %s  %-11s  %s\n", static_cast<long long>(run.id), timestamp(run.started_at).c_str(),
                std::string(state::to_string(run.outcome)).c_str(), describe_counts(run.counts).c_str());
  }
}

nlohmann::ordered_json run_json(const state::RunRecord& run) {
  nlohmann::ordered_json json;
  json["id"] = run.id;
  json["started_at"] = timestamp(run.started_at);
  json["ended_at"] = run.ended_at == 0 ? nlohmann::ordered_json() : nlohmann::ordered_json(timestamp(run.ended_at));
  json["outcome"] = state::to_string(run.outcome);
  json["dataset"] = run.dataset_path;
  json["committed_records"] = run.dataset.records;
  json["committed_bytes"] = run.dataset.committed_bytes;
  auto& counts = json["counts"];
  counts["fetched"] = run.counts.fetched;
  counts["new"] = run.counts.new_pages;
  counts["changed"] = run.counts.changed;
  counts["not_modified"] = run.counts.not_modified;
  counts["not_due"] = run.counts.not_due;
  counts["gone"] = run.counts.gone;
  counts["failed"] = run.counts.failed;
  counts["items"] = run.counts.items;
  return json;
}

void print_json(const std::string& job_name, const std::string& path, const state::StateSummary& summary) {
  nlohmann::ordered_json json;
  json["job"] = job_name;
  json["state"] = path;
  auto& urls = json["urls"];
  urls["pending"] = summary.pending;
  urls["seen"] = summary.seen;
  urls["done"] = summary.done;
  urls["failed"] = summary.failed;
  urls["gone"] = summary.gone;
  json["stored_pages"] = summary.stored_pages;
  json["runs"] = nlohmann::ordered_json::array();
  for (const state::RunRecord& run : summary.last_runs) json["runs"].push_back(run_json(run));
  std::puts(json.dump(2, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
}

}  // namespace

int run_state(const StateOptions& options) {
  auto job = config::load_job(options.job_path);
  if (!job) {
    std::fprintf(stderr, "%s\n", job.error().message.c_str());
    return exit_usage;
  }
  auto path = state_path_for(options.state_path, *job);
  if (!path) {
    std::fprintf(stderr, "%s\n", path.error().message.c_str());
    return exit_usage;
  }
  if (path->empty()) {
    std::fprintf(stderr, "%s: the job names no state file (\"state\"); pass --state PATH\n",
                 options.job_path.c_str());
    return exit_usage;
  }
  auto store = state::SqliteStateStore::open(*path, /*create=*/false);
  if (!store) {
    std::fprintf(stderr, "%s\n", store.error().message.c_str());
    return exit_failure;
  }
  auto summary = (*store)->summary(options.runs);
  if (!summary) {
    std::fprintf(stderr, "%s\n", summary.error().message.c_str());
    return exit_failure;
  }
  if (options.json) {
    print_json(job->name, *path, *summary);
  } else {
    print_text(job->name, *path, *summary);
  }
  return exit_ok;
}

}  // namespace gleaner::cli
