// RunLog: everything `gleaner run` tells the user on stderr, in one place:
// warnings, the end-of-run summary, -v page lines, and the TTY progress line,
// which is cleared before any other line and drawn again after it. Text for
// people, or one JSON object per line for log collectors (--log-format json).
#pragma once

#include <cstdio>
#include <mutex>
#include <string>
#include <string_view>

namespace gleaner::cli {

enum class Verbosity { quiet, normal, verbose };
enum class LogFormat { text, json };

enum class LogLevel { error, warning, info, debug };

std::string_view to_string(LogLevel level);

class RunLog {
 public:
  // `job` names the job in JSON lines; `out` is stderr outside tests.
  RunLog(std::string job, Verbosity verbosity, LogFormat format, std::FILE* out = stderr);

  // error: always shown. warning and info: not with --quiet. debug: only with -v.
  void error(std::string_view message) { write(LogLevel::error, message); }
  void warning(std::string_view message) { write(LogLevel::warning, message); }
  void info(std::string_view message) { write(LogLevel::info, message); }
  void debug(std::string_view message) { write(LogLevel::debug, message); }
  bool shows(LogLevel level) const;

  // The progress line: only in text format on a terminal, never with --quiet
  // (cron mails stderr; a redrawn line would fill it with carriage returns).
  bool shows_progress() const { return progress_allowed_; }
  void show_progress(std::string_view line);
  void clear_progress();

 private:
  void write(LogLevel level, std::string_view message);
  void erase_progress_locked();

  std::string job_;
  Verbosity verbosity_;
  LogFormat format_;
  std::FILE* out_;
  bool progress_allowed_;
  std::mutex mutex_;       // warnings may come from more than one thread
  std::string progress_;   // what is on the progress line now; empty: nothing drawn
};

}  // namespace gleaner::cli
