#include "cli/run_log.hpp"

#include <unistd.h>

#include <chrono>
#include <nlohmann/json.hpp>

#include "core/utc_time.hpp"

namespace gleaner::cli {

std::string_view to_string(LogLevel level) {
  switch (level) {
    case LogLevel::error: return "error";
    case LogLevel::warning: return "warning";
    case LogLevel::info: return "info";
    case LogLevel::debug: return "debug";
  }
  return "info";
}

RunLog::RunLog(std::string job, Verbosity verbosity, LogFormat format, std::FILE* out)
    : job_(std::move(job)),
      verbosity_(verbosity),
      format_(format),
      out_(out),
      progress_allowed_(format == LogFormat::text && verbosity != Verbosity::quiet && isatty(fileno(out)) == 1) {}

bool RunLog::shows(LogLevel level) const {
  switch (level) {
    case LogLevel::error: return true;
    case LogLevel::warning:
    case LogLevel::info: return verbosity_ != Verbosity::quiet;
    case LogLevel::debug: return verbosity_ == Verbosity::verbose;
  }
  return true;
}

void RunLog::write(LogLevel level, std::string_view message) {
  if (!shows(level)) return;
  std::string line;
  if (format_ == LogFormat::json) {
    nlohmann::ordered_json object;
    object["time"] = rfc3339_utc(std::chrono::system_clock::now());
    object["level"] = to_string(level);
    object["job"] = job_;
    object["message"] = message;
    line = object.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  } else {
    line = "gleaner: ";
    line += message;
  }
  line += '\n';

  const std::lock_guard lock(mutex_);
  const std::string progress = progress_;
  erase_progress_locked();
  std::fwrite(line.data(), 1, line.size(), out_);
  if (!progress.empty()) {
    std::fputs(progress.c_str(), out_);
    progress_ = progress;
  }
  std::fflush(out_);
}

void RunLog::show_progress(std::string_view line) {
  if (!progress_allowed_) return;
  const std::lock_guard lock(mutex_);
  // "\r" back to the start, then the line, then clear what a longer old one left.
  progress_ = "\r";
  progress_ += line;
  progress_ += "\x1b[K";
  std::fputs(progress_.c_str(), out_);
  std::fflush(out_);
}

void RunLog::clear_progress() {
  const std::lock_guard lock(mutex_);
  erase_progress_locked();
  std::fflush(out_);
}

void RunLog::erase_progress_locked() {
  if (progress_.empty()) return;
  std::fputs("\r\x1b[K", out_);
  progress_.clear();
}

}  // namespace gleaner::cli
